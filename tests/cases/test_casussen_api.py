"""The cases API (issue 10, part casussen): /api/v1/aanmeldingen (idempotent, scoped to the client's schools),
/api/v1/casussen (list, read, status with 400/409/412)."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.models import Casus, Leerling
from cases.workflow import Status
from swv.core.api.scopes import Scope
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import VOLLEDIG, CasusFactory
from tests.factories import ApiClientFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

AANMELDINGEN = "/api/v1/aanmeldingen"
CASUSSEN = "/api/v1/casussen"


def camel(naam: str) -> str:
    eerste, *rest = naam.split("_")
    return eerste + "".join(w.capitalize() for w in rest)


def body(swv, referentie="LAS-1", **extra) -> dict:
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    return {
        "clientReferentie": referentie,
        "leerling": {
            "bsn": "123456782",
            "voornaam": "Sem",
            "achternaam": "Telgen",
            "geboortedatum": "2015-03-14",
            "woongemeente": gemeente.pk,
        },
        **{camel(k): v for k, v in VOLLEDIG.items()},
        **extra,
    }


def headers(client) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {client.token}"}


def post(url, data, **kw):
    return Client().post(url, json.dumps(data), content_type="application/json", **kw)


@pytest.fixture
def school(swv):
    return OrganisatieFactory(swv=swv, school=True)


@pytest.fixture
def las(swv, school):
    return ApiClientFactory(
        swv=swv, organisatie=school, scopes=[Scope.CASUSSEN_INDIENEN, Scope.CASUSSEN_LEZEN]
    )


def test_a_school_system_submits_and_the_same_reference_again_returns_the_same_case(swv, school, las):
    eerste = post(AANMELDINGEN, body(swv), **headers(las))
    assert eerste.status_code == 201, eerste.content
    assert eerste.json()["status"] == "aangemeld"
    assert eerste.json()["school"] == {"id": school.pk, "naam": school.naam}
    assert "bsn" not in json.dumps(eerste.json())
    tweede = post(AANMELDINGEN, body(swv), **headers(las))
    assert tweede.status_code == 200
    assert tweede.json()["id"] == eerste.json()["id"]
    assert Casus.objects.count() == 1
    assert Leerling.objects.count() == 1
    casus = Casus.objects.get()
    assert (casus.api_client, casus.client_referentie) == (las, "LAS-1")


def test_an_incomplete_submission_lists_what_is_missing_and_stores_nothing(swv, las):
    response = post(AANMELDINGEN, body(swv, visieOuders="", oudersGeinformeerd=False), **headers(las))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalidParams"]} == {"visieOuders", "oudersGeinformeerd"}
    assert not Casus.objects.exists()
    assert not Leerling.objects.exists()


def test_a_client_submits_only_for_the_schools_of_its_own_organisation(swv, las):
    andere = OrganisatieFactory(swv=swv, school=True)
    response = post(AANMELDINGEN, body(swv, school=andere.pk), **headers(las))
    assert response.status_code == 403
    gemeente_client = ApiClientFactory(
        swv=swv, organisatie=OrganisatieFactory(swv=swv, gemeente=True), scopes=[Scope.CASUSSEN_INDIENEN]
    )
    assert post(AANMELDINGEN, body(swv), **headers(gemeente_client)).status_code == 403
    zonder_scope = ApiClientFactory(swv=swv, organisatie=andere, scopes=[Scope.CASUSSEN_LEZEN])
    assert post(AANMELDINGEN, body(swv), **headers(zonder_scope)).status_code == 403
    assert not Casus.objects.exists()


def test_a_schoolbestuur_system_submits_for_its_schools(swv):
    bestuur = OrganisatieFactory(swv=swv, bestuur=True)
    school = OrganisatieFactory(swv=swv, school=True, schoolbestuur=bestuur)
    client = ApiClientFactory(swv=swv, organisatie=bestuur, scopes=[Scope.CASUSSEN_INDIENEN])
    response = post(AANMELDINGEN, body(swv, school=school.pk), **headers(client))
    assert response.status_code == 201, response.content
    assert Casus.objects.get().school == school


def test_a_client_reads_only_its_schools_cases(swv, school, las):
    eigen = CasusFactory(swv=swv, school=school)
    CasusFactory(swv=swv)
    response = Client().get(CASUSSEN, **headers(las))
    assert [c["id"] for c in response.json()["results"]] == [eigen.pk]


def test_status_changes_illegal_400_stale_van_409_stale_if_match_412(swv, users, client_for, school):
    casus = CasusFactory(swv=swv, school=school)
    client = client_for(users[Rol.SWV_COORDINATOR])
    url = f"{CASUSSEN}/{casus.pk}/status"

    def zend(data, **kw):
        return client.post(url, json.dumps(data), content_type="application/json", **kw)

    etag = client.get(f"{CASUSSEN}/{casus.pk}")["ETag"]
    fout = zend({"status": "lopend"})
    assert fout.status_code == 400
    assert "kan niet naar „Lopend”" in fout.json()["invalidParams"][0]["reason"]
    goed = zend({"status": "in_behandeling", "van": "aangemeld"}, HTTP_IF_MATCH=etag)
    assert goed.status_code == 200
    assert goed.json()["status"] == "in_behandeling"
    assert zend({"status": "afgesloten", "reden": "klaar", "van": "aangemeld"}).status_code == 409
    oud = zend({"status": "afgesloten", "reden": "klaar"}, HTTP_IF_MATCH=etag)
    assert oud.status_code == 412
    assert oud["Content-Type"] == "application/problem+json"
    assert Casus.objects.get(pk=casus.pk).status == Status.IN_BEHANDELING


def test_school_a_does_not_see_school_bs_case_in_the_api(swv, users, client_for, school):
    andere = CasusFactory(swv=swv)
    zc = client_for(users[Rol.ZORGCOORDINATOR])
    assert zc.get(f"{CASUSSEN}/{andere.pk}").status_code == 404
    assert zc.get(CASUSSEN).json()["results"] == []


def test_the_search_filter_of_the_list(swv, users, client_for):
    CasusFactory(swv=swv, vraagstelling="Ernstige leesproblemen.")
    CasusFactory(swv=swv)
    client = client_for(users[Rol.SWV_COORDINATOR])
    assert client.get(CASUSSEN, {"q": "leesprobleem"}).json()["count"] == 1
    assert client.get(CASUSSEN, {"status": "onzin"}).status_code == 400
    assert client.get(CASUSSEN, {"onbekend": "1"}).status_code == 400


def test_the_list_query_count_is_flat_at_1_10_and_50(swv, users, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    counts = []
    for totaal in (1, 10, 50):
        for _ in range(totaal - Casus.objects.count()):
            CasusFactory(swv=swv, school=school)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(CASUSSEN)
        assert response.json()["count"] == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_cases_are_not_created_or_patched_directly_405_with_allow(swv, users, client_for):
    casus = CasusFactory(swv=swv)
    client = client_for(users[Rol.SWV_COORDINATOR])
    aanmaken = client.post(CASUSSEN, "{}", content_type="application/json")
    assert aanmaken.status_code == 405
    assert "POST" not in aanmaken["Allow"]
    assert client.patch(f"{CASUSSEN}/{casus.pk}", "{}", content_type="application/json").status_code == 405
