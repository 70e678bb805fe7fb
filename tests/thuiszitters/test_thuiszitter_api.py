"""API of thuiszitter registrations (issue 12, part thuiszitter): read with `thuiszitters:lezen`, register and
update/end with `thuiszitters:schrijven` for the SWV bureau's and a gemeente's system; a school's system reads
only; the pupil by id or BSN in the body; a second open registration is a 409; If-Match 412."""

import datetime
import json

import pytest
from django.test import Client

from swv.core.api.scopes import Scope
from swv.core.models import Lidmaatschap, Rol
from tests.factories import ApiClientFactory, OrganisatieFactory
from tests.thuiszitters.factories import ThuiszitterFactory
from thuiszitters.models import Thuiszitter

pytestmark = pytest.mark.django_db

URL = "/api/v1/thuiszitters"
LEZEN, SCHRIJVEN = Scope.THUISZITTERS_LEZEN.value, Scope.THUISZITTERS_SCHRIJVEN.value


def _client(organisatie, *scopes):
    return ApiClientFactory(swv=organisatie.swv, organisatie=organisatie, scopes=list(scopes))


def _call(api_client, method: str, url: str, body=None, **headers):
    client = Client()
    headers["HTTP_AUTHORIZATION"] = f"Bearer {api_client.token}"
    if method == "GET":
        return client.get(url, **headers)
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json", **headers)


@pytest.fixture
def bureau(users):
    return Lidmaatschap.objects.get(user=users[Rol.SWV_COORDINATOR]).organisatie


@pytest.fixture
def leerplicht(leerlingen, users):
    return Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie


def test_the_swv_bureau_reads_all_over_three_months_first_with_the_counter(bureau, leerlingen):
    vandaag = datetime.date.today()
    kort = ThuiszitterFactory(leerling=leerlingen.eigen, startdatum=vandaag - datetime.timedelta(days=30))
    lang = ThuiszitterFactory(
        leerling=leerlingen.andere_school, startdatum=vandaag - datetime.timedelta(days=100)
    )
    response = _call(_client(bureau, LEZEN), "GET", URL)
    assert response.status_code == 200
    rijen = response.json()["results"]
    assert [r["id"] for r in rijen] == [lang.pk, kort.pk]
    assert (rijen[0]["dagenThuis"], rijen[0]["langerDanDrieMaanden"]) == (100, True)
    assert "bsn" not in rijen[0]
    detail = _call(_client(bureau, LEZEN), "GET", f"{URL}/{kort.pk}")
    assert detail.status_code == 200
    assert detail["ETag"]
    assert _call(_client(bureau, LEZEN), "GET", URL + "?soort=absoluut").json()["results"] == []
    assert _call(_client(bureau, LEZEN), "GET", URL + "?onbekend=1").status_code == 400


def test_a_gemeente_system_sees_its_gemeente_and_a_school_system_its_school(leerplicht, leerlingen):
    eigen = ThuiszitterFactory(leerling=leerlingen.eigen)
    elders = ThuiszitterFactory(leerling=leerlingen.andere_school)
    gemeente_client = _client(leerplicht, LEZEN)
    assert [r["id"] for r in _call(gemeente_client, "GET", URL).json()["results"]] == [eigen.pk]
    assert _call(gemeente_client, "GET", f"{URL}/{elders.pk}").status_code == 404
    school_client = _client(leerlingen.andere_school.school, LEZEN)
    assert [r["id"] for r in _call(school_client, "GET", URL).json()["results"]] == [elders.pk]
    assert _call(school_client, "GET", f"{URL}/{eigen.pk}").status_code == 404


def test_without_the_scope_403_and_the_read_scope_does_not_write(bureau, leerlingen):
    assert _call(_client(bureau), "GET", URL).status_code == 403
    response = _call(_client(bureau, LEZEN), "POST", URL, {"leerling": leerlingen.eigen.pk})
    assert response.status_code == 403


def test_register_by_bsn_in_the_body_and_a_second_one_is_409(bureau, leerlingen):
    client = _client(bureau, SCHRIJVEN)
    body = {
        "bsn": leerlingen.eigen.bsn,
        "soort": "langdurig_relatief",
        "startdatum": "2026-09-01",
        "redenen": ["wachtlijst"],
    }
    response = _call(client, "POST", URL, body)
    assert response.status_code == 201, response.json()
    t = Thuiszitter.objects.get(pk=response.json()["id"])
    assert (t.leerling, t.gemeente_id, t.redenen) == (
        leerlingen.eigen,
        leerlingen.gemeente.pk,
        ["wachtlijst"],
    )
    again = _call(client, "POST", URL, {**body, "startdatum": "2026-09-02"})
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert "al als thuiszitter geregistreerd" in again.json()["detail"]


def test_a_vrijstelling_without_article_is_a_400_problem(bureau, leerlingen):
    response = _call(
        _client(bureau, SCHRIJVEN),
        "POST",
        URL,
        {"leerling": leerlingen.eigen.pk, "soort": "vrijstelling", "startdatum": "2026-09-01"},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["vrijstellingArtikel"]


def test_a_gemeente_system_registers_only_pupils_of_its_gemeente(leerplicht, leerlingen):
    client = _client(leerplicht, SCHRIJVEN)
    body = {"soort": "absoluut", "startdatum": "2026-09-01"}
    assert _call(client, "POST", URL, {**body, "leerling": leerlingen.eigen.pk}).status_code == 201
    response = _call(client, "POST", URL, {**body, "leerling": leerlingen.andere_school.pk})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "leerling"


def test_a_school_system_reads_only(leerlingen):
    t = ThuiszitterFactory(leerling=leerlingen.eigen)
    client = _client(leerlingen.eigen.school, LEZEN, SCHRIJVEN)
    assert _call(client, "GET", f"{URL}/{t.pk}").status_code == 200
    assert _call(client, "POST", URL, {"leerling": leerlingen.eigen.pk}).status_code == 403
    assert _call(client, "PATCH", f"{URL}/{t.pk}", {"perspectief": "x"}).status_code == 403
    assert Thuiszitter.objects.get(pk=t.pk).perspectief == ""


def test_another_organisation_kind_does_not_write(swv, leerlingen):
    wijkteam = OrganisatieFactory(swv=swv, wijkteam=True)
    assert (
        _call(_client(wijkteam, SCHRIJVEN), "POST", URL, {"leerling": leerlingen.eigen.pk}).status_code == 403
    )


def test_patch_updates_ends_and_honours_if_match(bureau, leerlingen):
    t = ThuiszitterFactory(leerling=leerlingen.eigen)
    lezer, schrijver = _client(bureau, LEZEN), _client(bureau, SCHRIJVEN)
    etag = _call(lezer, "GET", f"{URL}/{t.pk}")["ETag"]
    response = _call(
        schrijver,
        "PATCH",
        f"{URL}/{t.pk}",
        {"aanbod": "Herstart", "aanbodVanaf": "2026-10-01"},
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["aanbod"] == "Herstart"
    stale = _call(schrijver, "PATCH", f"{URL}/{t.pk}", {"perspectief": "x"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    half = _call(schrijver, "PATCH", f"{URL}/{t.pk}", {"einddatum": "2026-10-02"})
    assert half.status_code == 400
    einde = _call(
        schrijver, "PATCH", f"{URL}/{t.pk}", {"einddatum": "2026-10-02", "redenEinde": "onderwijs_zorg"}
    )
    assert einde.status_code == 200
    assert (einde.json()["einddatum"], einde.json()["redenEinde"]) == ("2026-10-02", "onderwijs_zorg")
    assert _call(schrijver, "PATCH", f"{URL}/{t.pk}", {"perspectief": "later"}).status_code == 400


def test_people_use_the_same_endpoints_a_school_person_reads_only(users, leerlingen, client_for):
    t = ThuiszitterFactory(leerling=leerlingen.eigen)
    school = client_for(users[Rol.INTERN_BEGELEIDER])
    assert school.get(f"{URL}/{t.pk}").status_code == 200
    assert (
        school.patch(f"{URL}/{t.pk}", {"perspectief": "x"}, content_type="application/json").status_code
        == 403
    )
    lpa = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    response = lpa.patch(
        f"{URL}/{t.pk}", {"perspectief": "Terug na de kerst"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert Thuiszitter.objects.get(pk=t.pk).perspectief == "Terug na de kerst"


def test_the_endpoints_are_in_the_openapi_document_with_dutch_summaries(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["paths"][URL]["post"]["summary"] == "Thuiszitter registreren"
    assert schema["paths"][URL + "/{id}"]["patch"]["summary"] == "Thuiszitter bijwerken of beëindigen"
    assert schema["paths"][URL]["get"]["summary"] == "Lijst van thuiszitters"
