"""What `get_leerling_for_user` writes to the audit log when it refuses: who, which pupil, read or
update, and why (docs/quality.md: the log's details were unchecked before)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cases.selectors import get_leerling_for_user
from swv.audit.models import AuditEvent
from swv.core.models import Rol

pytestmark = pytest.mark.django_db


def weigering(leerling) -> tuple:
    event = AuditEvent.objects.filter(leerling_id=leerling.pk).latest("pk")
    return event.actor_id, event.action, event.result, event.object_type, event.object_id, event.reason


@pytest.mark.parametrize(
    ("write", "action"), [(False, AuditEvent.Action.READ), (True, AuditEvent.Action.UPDATE)]
)
def test_an_invisible_pupil_is_404_and_logged_as_a_denied_read_or_update(users, leerlingen, write, action):
    ib = users[Rol.INTERN_BEGELEIDER]
    with pytest.raises(Http404):
        get_leerling_for_user(ib, leerlingen.andere_school.pk, write=write)
    assert weigering(leerlingen.andere_school) == (
        ib.pk,
        action,
        AuditEvent.Result.DENIED,
        "cases.leerling",
        str(leerlingen.andere_school.pk),
        "niet zichtbaar voor deze rol",
    )


def test_a_read_only_role_asking_to_write_is_403_and_logged_with_the_callers_reason(users, leerlingen):
    deskundige = users[Rol.SWV_DESKUNDIGE]
    with pytest.raises(PermissionDenied):
        get_leerling_for_user(deskundige, leerlingen.eigen.pk, write=True)
    assert weigering(leerlingen.eigen) == (
        deskundige.pk,
        AuditEvent.Action.UPDATE,
        AuditEvent.Result.DENIED,
        "cases.leerling",
        str(leerlingen.eigen.pk),
        "rol mag alleen lezen",
    )
    with pytest.raises(PermissionDenied):
        get_leerling_for_user(deskundige, leerlingen.eigen.pk, write=True, reason="export")
    assert weigering(leerlingen.eigen)[-1] == "export"
    with pytest.raises(Http404):
        get_leerling_for_user(deskundige, leerlingen.ander_swv.pk, reason="zoeken")
    assert weigering(leerlingen.ander_swv)[-1] == "zoeken"


def test_a_missing_pupil_is_404_without_a_log_row(users, leerlingen):
    aantal = AuditEvent.objects.count()
    with pytest.raises(Http404):
        get_leerling_for_user(users[Rol.SWV_COORDINATOR], 987_654_321)
    assert AuditEvent.objects.count() == aantal
