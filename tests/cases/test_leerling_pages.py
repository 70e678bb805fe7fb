"""The pupil pages: list and detail, their access answers, BSN search by POST, audit, query counts."""

import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from swv.audit.models import AuditEvent
from swv.core.models import Lidmaatschap, Rol
from tests.factories import LeerlingFactory, OrganisatieFactory

LIJST = reverse("cases:leerling_list")


def detail(leerling) -> str:
    return reverse("cases:leerling_detail", args=[leerling.pk])


def test_school_user_lists_only_pupils_of_their_own_school(users, leerlingen, client_for):
    response = client_for(users[Rol.INTERN_BEGELEIDER]).get(LIJST)

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [leerlingen.eigen]
    assert detail(leerlingen.eigen) in response.content.decode()
    assert detail(leerlingen.andere_school) not in response.content.decode()


def test_name_search_narrows_the_list(users, leerlingen, client_for):
    type(leerlingen.eigen).objects.filter(pk=leerlingen.eigen.pk).update(achternaam="Zoekbaar-Uniek")
    response = client_for(users[Rol.SWV_COORDINATOR]).get(LIJST, {"q": "zoekbaar"})

    assert list(response.context["page"].object_list) == [leerlingen.eigen]


@pytest.mark.parametrize("rol", [Rol.KETENPARTNER, Rol.BESTUURDER, Rol.BEHEERDER])
def test_roles_without_pupil_access_get_403_on_the_list(rol, users, client_for):
    assert client_for(users[rol]).get(LIJST).status_code == 403


def test_bsn_search_is_a_post_and_the_bsn_never_reaches_the_log(users, leerlingen, client_for, caplog):
    client = client_for(users[Rol.SWV_COORDINATOR])
    with caplog.at_level(logging.INFO):
        response = client.post(LIJST, {"bsn": leerlingen.eigen.bsn})

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [leerlingen.eigen]
    assert leerlingen.eigen.bsn not in caplog.text
    event = AuditEvent.objects.get(reason="zoeken op BSN")
    assert event.leerling_id == leerlingen.eigen.pk
    assert leerlingen.eigen.bsn not in str(
        AuditEvent.objects.values_list("reason", "object_id", "request_id").get(pk=event.pk)
    )


def test_bsn_search_does_not_find_a_pupil_the_user_may_not_see(users, leerlingen, client_for):
    response = client_for(users[Rol.ZORGCOORDINATOR]).post(LIJST, {"bsn": leerlingen.andere_school.bsn})

    assert response.context["page"].paginator.count == 0
    assert AuditEvent.objects.get(reason="zoeken op BSN").result == AuditEvent.Result.NOT_FOUND


def test_invalid_bsn_gets_a_dutch_error(users, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(LIJST, {"bsn": "123456789"})

    assert "geen geldig BSN" in response.content.decode()


def test_detail_of_an_own_pupil_opens_and_is_logged_as_a_read(users, leerlingen, client_for):
    response = client_for(users[Rol.INTERN_BEGELEIDER]).get(detail(leerlingen.eigen), REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 200
    assert escape(str(leerlingen.eigen)) in response.content.decode()
    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.READ
    assert event.result == AuditEvent.Result.OK
    assert event.leerling_id == leerlingen.eigen.pk
    assert event.actor == users[Rol.INTERN_BEGELEIDER]
    assert event.rol == Rol.INTERN_BEGELEIDER
    assert event.ip_address == "10.1.2.3"
    assert event.request_id == response["X-Request-ID"]
    assert event.swv_id == leerlingen.eigen.swv_id


@pytest.mark.parametrize("welke", ["andere_school", "ander_swv"])
def test_detail_of_an_invisible_pupil_is_404_and_logged_as_denied(welke, users, leerlingen, client_for):
    leerling = getattr(leerlingen, welke)
    response = client_for(users[Rol.ZORGCOORDINATOR]).get(detail(leerling))

    assert response.status_code == 404
    event = AuditEvent.objects.get()
    assert event.result == AuditEvent.Result.DENIED
    assert event.leerling_id == leerling.pk
    # The pupil's own SWV owns the record, so its privacy officer sees the attempt.
    assert event.swv_id == leerling.swv_id


def test_detail_of_a_missing_pupil_is_404_and_not_logged(users, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("cases:leerling_detail", args=[99999999]))

    assert response.status_code == 404
    assert not AuditEvent.objects.exists()


def _vul(swv, school, totaal):
    """Pupils of `school` up to `totaal`, named "Telrij NNN" so the test can find them on the page."""
    from cases.models import Leerling

    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    for i in range(Leerling.objects.filter(school=school).count(), totaal):
        LeerlingFactory(swv=swv, school=school, woongemeente=gemeente, achternaam=f"Telrij {i:03d}")


@pytest.mark.parametrize("rol", [Rol.SWV_COORDINATOR, Rol.ZORGCOORDINATOR])
def test_list_page_query_count_is_flat_at_1_10_and_50_pupils(rol, swv, users, client_for):
    school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    client = client_for(users[rol])
    counts = []
    for totaal in (1, 10, 50):
        _vul(swv, school, totaal)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(LIJST)
        # Every pupil is a row on the page (50 fit on one), for the school and the SWV alike.
        assert len(set(re.findall(r"Telrij \d{3}", response.content.decode()))) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_the_pupil_list_writes_one_audit_row_per_request_with_the_count(swv, users, client_for):
    """The list shows names, birth dates, school and gemeente: issue 7, point 8."""
    client_for(users[Rol.SWV_COORDINATOR]).get(LIJST)

    row = AuditEvent.objects.get(object_type="cases.leerling", object_id="lijst")
    assert row.action == AuditEvent.Action.READ
    assert row.actor == users[Rol.SWV_COORDINATOR]
    assert row.reason.startswith("leerlingenlijst: pagina 1, ")
