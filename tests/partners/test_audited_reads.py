"""Pages and API responses that show key people (names, phone, e-mail) write a read row (issue 7, point 8)."""

import pytest

from swv.audit.models import AuditEvent
from swv.core.models import Rol
from tests.factories import OrganisatieFactory, SleutelfiguurFactory


@pytest.fixture
def sleutelfiguur(swv):
    return SleutelfiguurFactory(swv=swv, organisatie=OrganisatieFactory(swv=swv, ggd=True))


def test_the_organisation_page_with_key_people_is_an_audited_read(users, client_for, sleutelfiguur):
    client_for(users[Rol.INTERN_BEGELEIDER]).get(f"/partners/{sleutelfiguur.organisatie_id}/")

    row = AuditEvent.objects.get(action=AuditEvent.Action.READ)
    assert (row.actor, row.object_type, row.object_id) == (
        users[Rol.INTERN_BEGELEIDER],
        "partners.organisatie",
        str(sleutelfiguur.organisatie_id),
    )
    assert row.reason == "organisatiepagina: 1 sleutelfiguur/-figuren"


def test_the_routekaart_is_an_audited_read(users, client_for, sleutelfiguur):
    client_for(users[Rol.LEERPLICHTAMBTENAAR]).get("/partners/routekaart/")

    row = AuditEvent.objects.get(action=AuditEvent.Action.READ)
    assert (row.actor, row.object_type, row.object_id) == (
        users[Rol.LEERPLICHTAMBTENAAR],
        "partners.sleutelfiguur",
        "routekaart",
    )


def test_the_api_list_and_detail_of_key_people_are_audited_reads(users, client_for, sleutelfiguur):
    client = client_for(users[Rol.SWV_COORDINATOR])

    assert client.get("/api/v1/sleutelfiguren").status_code == 200
    assert client.get(f"/api/v1/sleutelfiguren/{sleutelfiguur.pk}").status_code == 200

    rows = list(AuditEvent.objects.filter(action=AuditEvent.Action.READ).order_by("pk"))
    assert [(r.object_type, r.object_id, r.actor) for r in rows] == [
        ("partners.sleutelfiguur", "lijst", users[Rol.SWV_COORDINATOR]),
        ("partners.sleutelfiguur", str(sleutelfiguur.pk), users[Rol.SWV_COORDINATOR]),
    ]
    assert rows[0].reason == "API: 1 sleutelfiguur/-figuren"
