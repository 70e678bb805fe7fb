"""API of the leerlingen part (issue 10): POST /api/v1/leerlingen/zoeken and GET /api/v1/leerlingen/{id}.
Visibility is Leerling.objects.visible_to (people by role, partner systems with leerlingen:lezen by their
organisation); the number only in the body, never in a URL, log line or audit row."""

import datetime
import json
import logging

import pytest
from django.test import Client

from cases.models import Inschrijving, Ouder
from swv.audit.models import AuditEvent
from swv.core.api.scopes import Scope
from swv.core.models import Rol
from tests.factories import ApiClientFactory, LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

ZOEKEN = "/api/v1/leerlingen/zoeken"
D = datetime.date


def detail(leerling) -> str:
    return f"/api/v1/leerlingen/{leerling.pk}"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def api(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _audit_tekst() -> str:
    return str(list(AuditEvent.objects.values()))


def test_a_school_finds_its_own_pupil_by_bsn_and_the_bsn_stays_out_of_log_and_audit(
    users, leerlingen, client_for, caplog
):
    client = client_for(users[Rol.ZORGCOORDINATOR])
    bsn = leerlingen.eigen.bsn
    with caplog.at_level(logging.DEBUG):
        response = post(client, ZOEKEN, {"bsn": bsn})
    assert response.status_code == 200
    assert response.json()["id"] == leerlingen.eigen.pk
    assert response.has_header("ETag")
    assert bsn not in caplog.text
    assert bsn not in _audit_tekst()
    rij = AuditEvent.objects.get(reason="API: zoeken op BSN")
    assert (rij.result, rij.leerling_id) == (AuditEvent.Result.OK, leerlingen.eigen.pk)


def test_a_pupil_of_another_school_or_swv_is_a_404_problem_and_logged_as_not_found(
    users, leerlingen, client_for
):
    client = client_for(users[Rol.ZORGCOORDINATOR])
    for leerling in (leerlingen.andere_school, leerlingen.ander_swv):
        response = post(client, ZOEKEN, {"bsn": leerling.bsn})
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert "geen leerling met dit nummer" in response.json()["detail"]
    assert (
        AuditEvent.objects.filter(reason="API: zoeken op BSN", result=AuditEvent.Result.NOT_FOUND).count()
        == 2
    )


def test_search_by_onderwijsnummer_and_invalid_input_is_a_dutch_400(swv, users, client_for):
    leerling = LeerlingFactory(swv=swv, bsn=None, onderwijsnummer="100000028")
    client = client_for(users[Rol.SWV_COORDINATOR])
    assert post(client, ZOEKEN, {"onderwijsnummer": "100000028"}).json()["id"] == leerling.pk
    for body in (
        {},
        {"bsn": "123456789"},
        {"bsn": "111111110", "onderwijsnummer": "100000028"},
        {"nummer": "1"},
    ):
        response = post(client, ZOEKEN, body)
        assert response.status_code == 400, body
        assert response["Content-Type"] == "application/problem+json"


def test_the_pupil_has_leerplicht_dates_school_enrolments_and_ouders_with_contact_and_gezag(
    swv, users, leerlingen, client_for
):
    leerling = leerlingen.eigen
    leerling.geboortedatum = D(2012, 8, 1)
    leerling.save()
    Inschrijving.objects.create(
        swv=swv, leerling=leerling, school=leerling.school, ingeschreven_op=D(2016, 8, 22)
    )
    Ouder.objects.create(
        swv=swv,
        leerling=leerling,
        voornaam="Fatima",
        achternaam="El Amrani",
        relatie="moeder",
        gezag=True,
        telefoon="06-12345678",
        email="fatima@example.org",
    )
    response = client_for(users[Rol.INTERN_BEGELEIDER]).get(detail(leerling))
    assert response.status_code == 200
    data = response.json()
    assert (data["leerplichtigVanaf"], data["leerplichtEindigt"]) == ("2017-09-01", "2029-07-31")
    assert data["school"] == {"id": leerling.school_id, "naam": leerling.school.naam, "soort": "school"}
    assert data["woongemeente"]["id"] == leerling.woongemeente_id
    assert data["inschrijvingen"][0]["ingeschrevenOp"] == "2016-08-22"
    assert data["ouders"][0] | {"id": 0} == {
        "id": 0,
        "voornaam": "Fatima",
        "achternaam": "El Amrani",
        "relatie": "moeder",
        "gezag": True,
        "telefoon": "06-12345678",
        "email": "fatima@example.org",
        "adres": "",
    }
    assert response.has_header("ETag")
    assert AuditEvent.objects.filter(reason="API: leerling", leerling_id=leerling.pk, result="ok").exists()


def test_an_invisible_pupil_is_404_and_logged_as_denied(users, leerlingen, client_for):
    response = client_for(users[Rol.ZORGCOORDINATOR]).get(detail(leerlingen.andere_school))
    assert response.status_code == 404
    assert AuditEvent.objects.get().result == AuditEvent.Result.DENIED


def test_no_bsn_in_a_url_the_collection_does_not_exist_and_the_query_string_is_not_logged(
    users, leerlingen, client_for, caplog
):
    client = client_for(users[Rol.SWV_COORDINATOR])
    bsn = leerlingen.eigen.bsn
    with caplog.at_level(logging.DEBUG):
        response = client.get(f"/api/v1/leerlingen?bsn={bsn}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert bsn not in response.content.decode()
    assert bsn not in caplog.text
    assert bsn not in _audit_tekst()
    assert client.get(f"{ZOEKEN}?bsn={bsn}").status_code == 405


def test_a_partner_system_needs_the_pupil_scope_and_sees_as_its_organisation(swv, users, leerlingen):
    school = leerlingen.eigen.school
    zonder = ApiClientFactory(swv=swv, organisatie=school, scopes=[Scope.CASUSSEN_LEZEN])
    assert post(api(zonder.token), ZOEKEN, {"bsn": leerlingen.eigen.bsn}).status_code == 403
    schoolsysteem = ApiClientFactory(swv=swv, organisatie=school, scopes=[Scope.LEERLINGEN_LEZEN])
    client = api(schoolsysteem.token)
    assert post(client, ZOEKEN, {"bsn": leerlingen.eigen.bsn}).json()["id"] == leerlingen.eigen.pk
    assert client.get(detail(leerlingen.eigen)).status_code == 200
    assert client.get(detail(leerlingen.andere_school)).status_code == 404
    assert client.get(detail(leerlingen.ander_swv)).status_code == 404
    rij = AuditEvent.objects.filter(reason="API: zoeken op BSN").get()
    assert rij.api_client_id == schoolsysteem.pk
    gemeente = ApiClientFactory(swv=swv, organisatie=leerlingen.gemeente, scopes=[Scope.LEERLINGEN_LEZEN])
    assert api(gemeente.token).get(detail(leerlingen.eigen)).status_code == 200
    assert api(gemeente.token).get(detail(leerlingen.andere_school)).status_code == 404
    bureau_org = users[Rol.SWV_COORDINATOR].lidmaatschappen.get().organisatie
    assert bureau_org.soort == "swv"
    bureau = ApiClientFactory(swv=swv, organisatie=bureau_org, scopes=[Scope.LEERLINGEN_LEZEN])
    assert api(bureau.token).get(detail(leerlingen.andere_school)).status_code == 200
    ggd = ApiClientFactory(
        swv=swv, organisatie=OrganisatieFactory(swv=swv, soort="ggd"), scopes=[Scope.LEERLINGEN_LEZEN]
    )
    assert api(ggd.token).get(detail(leerlingen.eigen)).status_code == 404


@pytest.mark.parametrize("aantal", [1, 10])
def test_the_pupil_costs_the_same_queries_with_more_ouders_and_enrolments(
    aantal, swv, users, leerlingen, client_for, django_assert_max_num_queries
):
    client = client_for(users[Rol.SWV_COORDINATOR])
    leerling = leerlingen.eigen
    for i in range(aantal):
        Ouder.objects.create(swv=swv, leerling=leerling, achternaam=f"O{i}", relatie="vader")
        Inschrijving.objects.create(
            swv=swv,
            leerling=leerling,
            school=leerling.school,
            ingeschreven_op=D(2016, 1, 1) + datetime.timedelta(days=10 * i),
            uitgeschreven_op=D(2016, 1, 1) + datetime.timedelta(days=10 * i + 1),
        )
    client.get(detail(leerling))
    with django_assert_max_num_queries(30):
        assert client.get(detail(leerling)).status_code == 200
