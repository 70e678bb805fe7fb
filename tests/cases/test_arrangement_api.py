"""API and pages of arrangementen (issue 11): request, the 409 'vol' warning and its confirmation, rights."""

import datetime
import json

import pytest

from cases.models import Arrangement
from cases.services_arrangement import arrangement_aanvragen, arrangement_status_wijzigen
from swv.core.models import Rol
from tests.cases.factories_team import CasusFactory
from tests.factories import VoorzieningFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(swv, users):
    school = users[Rol.ZORGCOORDINATOR].lidmaatschappen.get().organisatie
    return CasusFactory(swv=swv, leerling__swv=swv, leerling__school=school)


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_school_requests_an_arrangement_through_the_api(users, casus, client_for):
    voorziening = VoorzieningFactory(swv=casus.swv)
    client = client_for(users[Rol.ZORGCOORDINATOR])

    response = _post(
        client,
        f"/api/v1/casussen/{casus.pk}/arrangementen",
        {"voorziening": voorziening.pk, "reden": "Herstart", "startdatum": "2026-12-01"},
    )

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "aangevraagd"
    lijst = client.get(f"/api/v1/casussen/{casus.pk}/arrangementen").json()
    assert [a["voorzieningNaam"] for a in lijst["results"]] == [voorziening.naam]


def test_leerplicht_reads_arrangementen_but_cannot_request_one(users, casus, client_for):
    from cases.services_team import ot_lid_toevoegen

    leerplicht = users[Rol.LEERPLICHTAMBTENAAR]
    ot_lid_toevoegen(
        casus=casus,
        by=None,
        rol="leerplicht",
        organisatie=leerplicht.lidmaatschappen.get().organisatie,
        gebruiker=leerplicht,
    )
    client = client_for(leerplicht)

    assert client.get(f"/api/v1/casussen/{casus.pk}/arrangementen").status_code == 200
    response = _post(
        client,
        f"/api/v1/casussen/{casus.pk}/arrangementen",
        {"voorziening": VoorzieningFactory(swv=casus.swv).pk, "reden": "x", "startdatum": "2026-12-01"},
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not Arrangement.objects.exists()


def test_assigning_a_full_voorziening_answers_409_until_confirmed(users, casus, client_for):
    voorziening = VoorzieningFactory(swv=casus.swv, capaciteit=1, bezetting=1)
    arrangement = arrangement_aanvragen(
        casus=casus, voorziening=voorziening, reden="Plaatsing", startdatum=datetime.date.today(), by=None
    )
    client = client_for(users[Rol.SWV_COORDINATOR])
    url = f"/api/v1/arrangementen/{arrangement.pk}/status"

    vol = _post(client, url, {"status": "toegekend"})
    assert vol.status_code == 409
    assert "is vol" in vol.json()["detail"]

    bevestigd = _post(client, url, {"status": "toegekend", "bevestigd": True})
    assert bevestigd.status_code == 200
    assert bevestigd.json()["bovenCapaciteit"] is True


def test_the_status_page_warns_for_a_full_voorziening_and_keeps_the_choice(users, casus, client_for):
    voorziening = VoorzieningFactory(swv=casus.swv, capaciteit=1, bezetting=0)
    andere = arrangement_aanvragen(
        casus=CasusFactory(swv=casus.swv),
        voorziening=voorziening,
        reden="Eerst",
        startdatum=datetime.date.today(),
        by=None,
    )
    arrangement_status_wijzigen(arrangement=andere, naar="toegekend", by=None)
    arrangement = arrangement_aanvragen(
        casus=casus, voorziening=voorziening, reden="Tweede", startdatum=datetime.date.today(), by=None
    )
    client = client_for(users[Rol.SWV_COORDINATOR])
    url = f"/casussen/arrangementen/{arrangement.pk}/status/"

    response = client.post(url, {"naar": "toegekend", "van": "aangevraagd"})
    assert response.status_code == 400
    assert "is vol" in response.content.decode()
    assert 'name="bevestigd"' in response.content.decode()

    response = client.post(url, {"naar": "toegekend", "van": "aangevraagd", "bevestigd": "on"})
    assert response.status_code == 302
    assert Arrangement.objects.get(pk=arrangement.pk).status == "toegekend"


def test_the_school_cannot_assign(users, casus, client_for):
    arrangement = arrangement_aanvragen(
        casus=casus,
        voorziening=VoorzieningFactory(swv=casus.swv),
        reden="Plaatsing",
        startdatum=datetime.date.today(),
        by=None,
    )

    response = _post(
        client_for(users[Rol.ZORGCOORDINATOR]),
        f"/api/v1/arrangementen/{arrangement.pk}/status",
        {"status": "toegekend"},
    )

    assert response.status_code == 403


def test_the_provider_page_and_the_dekkend_netwerk_page_show_the_places_arrangementen_take(
    users, casus, client_for
):
    voorziening = VoorzieningFactory(swv=casus.swv, capaciteit=4, bezetting=1, naam="Time-out (test)")
    arrangement = arrangement_aanvragen(
        casus=casus, voorziening=voorziening, reden="Plaatsing", startdatum=datetime.date.today(), by=None
    )
    arrangement_status_wijzigen(arrangement=arrangement, naar="toegekend", by=None)
    client = client_for(users[Rol.SWV_COORDINATOR])

    aanbieder = client.get(f"/partners/{voorziening.aanbieder_id}/").content.decode()
    netwerk = client.get("/partners/dekkend-netwerk/").content.decode()

    assert "2 van 4 plaatsen bezet" in aanbieder
    assert "waarvan 1 via arrangementen; 0 op de wachtlijst" in netwerk
