"""GET/PATCH /api/v1/signalen (issue 12): scopes, kinds of partner systems, closing with a note, 409, OpenAPI."""

import json

import pytest
from django.test import Client

from partners.models import Organisatie
from swv.core.models import Lidmaatschap, Rol
from tests.factories import ApiClientFactory, OrganisatieFactory
from tests.thuiszitters.factories import SignaalFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/signalen"


@pytest.fixture
def signalen(leerlingen):
    velden = ("voor_school", "voor_leerplicht", "voor_swv")
    return {
        (wie, veld): SignaalFactory(leerling=getattr(leerlingen, wie), **{v: v == veld for v in velden})
        for wie in ("eigen", "andere_school")
        for veld in velden
    }


def bureau(swv):
    return Organisatie.objects.filter(swv=swv, soort="swv").first() or OrganisatieFactory(
        swv=swv, swv_bureau=True
    )


def client_van(organisatie, scopes=("verzuim:lezen",)):
    api_client = ApiClientFactory(swv=organisatie.swv, organisatie=organisatie, scopes=list(scopes))
    return {"HTTP_AUTHORIZATION": f"Bearer {api_client.token}"}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {rij["id"] for rij in response.json()["results"]}


def patch(url, data, **headers):
    return Client().patch(url, data=json.dumps(data), content_type="application/json", **headers)


def test_each_kind_of_partner_system_reads_the_signals_for_its_kind(users, leerlingen, signalen, swv):
    leerplicht = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie
    verwacht = {
        bureau(swv): {signalen["eigen", "voor_swv"].pk, signalen["andere_school", "voor_swv"].pk},
        leerlingen.eigen.school: {signalen["eigen", "voor_school"].pk},
        leerplicht: {signalen["eigen", "voor_leerplicht"].pk},
        leerlingen.gemeente: {signalen["eigen", "voor_leerplicht"].pk},
        OrganisatieFactory(swv=swv, wijkteam=True): set(),
    }
    for organisatie, zichtbaar in verwacht.items():
        assert ids(Client().get(URL, **client_van(organisatie))) == zichtbaar, organisatie.soort


def test_reading_needs_verzuim_lezen_and_a_thuiszitters_scope_alone_is_refused(leerlingen, signalen):
    school = leerlingen.eigen.school
    assert Client().get(URL, **client_van(school, scopes=["thuiszitters:lezen"])).status_code == 403
    assert Client().get(URL, **client_van(school, scopes=[])).status_code == 403
    response = Client().get(URL)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_detail_has_no_bsn_and_others_signals_answer_404(leerlingen, signalen):
    headers = client_van(leerlingen.eigen.school)
    eigen = signalen["eigen", "voor_school"]
    response = Client().get(f"{URL}/{eigen.pk}", **headers)
    assert response.status_code == 200
    assert response.json()["leerlingId"] == leerlingen.eigen.pk
    assert leerlingen.eigen.bsn not in response.content.decode()
    assert "ETag" in response
    for ander in (signalen["eigen", "voor_leerplicht"], signalen["andere_school", "voor_school"]):
        assert Client().get(f"{URL}/{ander.pk}", **headers).status_code == 404


def test_the_list_filters_on_rule_and_status(users, client_for, leerlingen):
    open_ = SignaalFactory(leerling=leerlingen.eigen)
    dicht = SignaalFactory(leerling=leerlingen.eigen, status="gesloten")
    ander = SignaalFactory(leerling=leerlingen.eigen, regel="vier_weken_afwezig")
    client = client_for(users[Rol.ZORGCOORDINATOR])
    assert ids(client.get(URL)) == {open_.pk, dicht.pk, ander.pk}
    assert [r["id"] for r in client.get(URL).json()["results"]][-1] == dicht.pk  # open first
    assert ids(client.get(URL + "?status=gesloten")) == {dicht.pk}
    assert ids(client.get(URL + "?regel=vier_weken_afwezig")) == {ander.pk}


def test_a_system_closes_a_signal_with_a_note_and_needs_verzuim_schrijven(leerlingen, signalen):
    school = leerlingen.eigen.school
    signaal = signalen["eigen", "voor_school"]
    url = f"{URL}/{signaal.pk}"

    alleen_lezen = client_van(school, scopes=["verzuim:lezen"])
    assert patch(url, {"status": "gesloten", "notitie": "x"}, **alleen_lezen).status_code == 403

    schrijver = client_van(school, scopes=["verzuim:lezen", "verzuim:schrijven"])
    zonder = patch(url, {"status": "gesloten"}, **schrijver)
    assert zonder.status_code == 400
    assert zonder["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in zonder.json()["invalidParams"]] == ["notitie"]

    gesloten = patch(url, {"status": "gesloten", "notitie": "Melding bij DUO gedaan."}, **schrijver)
    assert gesloten.status_code == 200, gesloten.content
    assert (gesloten.json()["status"], gesloten.json()["notitie"]) == ("gesloten", "Melding bij DUO gedaan.")
    signaal.refresh_from_db()
    assert signaal.afgehandeld_door is None  # a partner system is not a person; the history names it

    nogmaals = patch(url, {"status": "gesloten", "notitie": "Tweede keer"}, **schrijver)
    assert nogmaals.status_code == 409
    assert "al gesloten" in nogmaals.json()["detail"]
    signaal.refresh_from_db()
    assert signaal.notitie == "Melding bij DUO gedaan."


def test_a_person_acknowledges_and_reopens_and_bad_input_is_refused(users, client_for, signalen):
    signaal = signalen["eigen", "voor_leerplicht"]
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    url = f"{URL}/{signaal.pk}"
    doe = lambda data: client.patch(url, data=json.dumps(data), content_type="application/json")  # noqa: E731

    assert doe({"status": "gezien"}).json()["status"] == "gezien"
    assert doe({"status": "weg"}).status_code == 400
    assert doe({"status": "gezien", "leerlingId": 3}).status_code == 400
    assert doe({"status": "open"}).status_code == 400  # not closed: nothing to reopen
    assert doe({"status": "gesloten", "notitie": "Huisbezoek"}).status_code == 200
    assert doe({"status": "open"}).json()["status"] == "gezien"
    # Someone the signal is not for cannot touch it.
    school = client_for(users[Rol.ZORGCOORDINATOR])
    assert school.patch(url, data='{"status": "gezien"}', content_type="application/json").status_code == 404


def test_the_openapi_document_describes_the_signals_in_dutch():
    schema = Client().get("/api/v1/openapi.json").json()
    lijst = schema["paths"]["/api/v1/signalen"]["get"]
    wijzig = schema["paths"]["/api/v1/signalen/{id}"]["patch"]
    assert lijst["summary"] == "Lijst van signalen"
    assert wijzig["summary"] == "Signaal afhandelen"
    assert lijst["x-scopes"] == ["verzuim:lezen"]
    assert wijzig["x-scopes"] == ["verzuim:schrijven"]
    assert {p["name"] for p in lijst["parameters"]} >= {"regel", "status"}
    assert "put" not in schema["paths"]["/api/v1/signalen/{id}"]
