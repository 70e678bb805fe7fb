"""API of the TLV part (issue 11): /api/v1/tlvs within scope, the check by BSN for a receiving school (validity
only, number in the body), advices and the decision by the SWV bureau's system with a besluitdatum in the past."""

import datetime
import json

import pytest
from django.test import Client

from cases.models import Tlv
from swv.core.api.scopes import Scope
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_tlv import geef_adviezen, maak_aanvraag, school_van
from tests.factories import ApiClientFactory, OrganisatieFactory, PersoonFactory, SamenwerkingsverbandFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def api(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def bureau(users):
    return Lidmaatschap.objects.get(user=users[Rol.SWV_COORDINATOR]).organisatie


def test_the_swv_system_records_two_advices_and_a_decision_taken_on_paper_yesterday(swv, users):
    tlv = maak_aanvraag(swv, users)
    systeem = api(ApiClientFactory(swv=swv, organisatie=bureau(users), scopes=[Scope.TLVS_BESLUITEN]).token)
    url = f"/api/v1/tlvs/{tlv.pk}"
    antwoord = post(systeem, f"{url}/besluit", {"toekennen": True, "motivering": "Past."})
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert "orthopedagoog of psycholoog ontbreekt" in antwoord.content.decode()
    antwoord = post(
        systeem,
        f"{url}/adviezen",
        {
            "discipline": "psycholoog",
            "datum": "2026-10-01",
            "uitkomst": "positief",
            "advies": "Toelaatbaar.",
            "deskundigeGebruiker": users[Rol.SWV_DESKUNDIGE].pk,
        },
    )
    assert antwoord.status_code == 201, antwoord.content
    antwoord = post(
        systeem,
        f"{url}/adviezen",
        {
            "discipline": "pedagoog",
            "datum": "2026-10-02",
            "uitkomst": "positief",
            "advies": "Eens.",
            "deskundigePersoon": PersoonFactory(swv=swv).pk,
        },
    )
    assert antwoord.status_code == 201
    assert [a["discipline"] for a in antwoord.json()["adviezen"]] == ["psycholoog", "pedagoog"]
    gisteren = D(2026, 11, 1)
    antwoord = post(
        systeem,
        f"{url}/besluit",
        {"toekennen": True, "motivering": "Past.", "besluitdatum": gisteren.isoformat(), "schooljaren": 1},
    )
    assert antwoord.status_code == 200, antwoord.content
    data = antwoord.json()
    assert data["beschikkingsnummer"] == "PO9801-2026-00001"
    assert (data["besluitdatum"], data["ingangsdatum"], data["einddatum"]) == (
        "2026-11-01",
        "2026-11-01",
        "2028-07-31",
    )
    # Deciding again: 409, and no number was used for it.
    assert post(systeem, f"{url}/besluit", {"toekennen": False, "motivering": "x"}).status_code == 409
    assert Tlv.objects.get(pk=tlv.pk).status == "toegekend"


def test_a_school_system_reads_its_schools_tlvs_and_cannot_decide(swv, users):
    eigen = maak_aanvraag(swv, users)
    andere_school = OrganisatieFactory(swv=swv, school=True)
    from cases.services_tlv import tlv_aanvragen
    from tests.cases.factories_plan import maak_casus

    ander = tlv_aanvragen(
        casus=maak_casus(swv, school=andere_school),
        by=users[Rol.SWV_COORDINATOR],
        soort="sbao",
        onderbouwing="x",
    )
    las = api(
        ApiClientFactory(
            swv=swv, organisatie=school_van(users), scopes=[Scope.TLVS_LEZEN, Scope.TLVS_BESLUITEN]
        ).token
    )
    ids = [t["id"] for t in las.get("/api/v1/tlvs").json()["results"]]
    assert ids == [eigen.pk]
    assert las.get(f"/api/v1/tlvs/{ander.pk}").status_code == 404
    # Its scope does not make a school the SWV: no advice, no decision.
    assert (
        post(las, f"/api/v1/tlvs/{eigen.pk}/besluit", {"toekennen": True, "motivering": "x"}).status_code
        == 403
    )


def test_a_receiving_school_of_another_swv_checks_by_bsn_in_the_body_and_sees_validity_only(swv, users):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users)
    from cases.services_tlv import tlv_besluiten

    tlv = tlv_besluiten(tlv=tlv, by=users[Rol.SWV_COORDINATOR], toekennen=True, motivering="Geheim.")
    elders = SamenwerkingsverbandFactory(code="VO9808", sector="VO")
    ontvanger = api(
        ApiClientFactory(
            swv=elders, organisatie=OrganisatieFactory(swv=elders, school=True), scopes=[Scope.TLVS_LEZEN]
        ).token
    )
    antwoord = post(ontvanger, "/api/v1/tlvs/zoeken", {"bsn": tlv.leerling.bsn})
    assert antwoord.status_code == 200
    assert antwoord.json() == [
        {
            "soort": "so",
            "bekostigingscategorie": "Midden (categorie 2)",
            "ingangsdatum": tlv.ingangsdatum.isoformat(),
            "einddatum": tlv.einddatum.isoformat(),
            "geldig": True,
        }
    ]
    assert post(ontvanger, "/api/v1/tlvs/zoeken", {"bsn": "111222333"}).json() == []
    assert post(ontvanger, "/api/v1/tlvs/zoeken", {"bsn": "123"}).status_code == 400
    # Its list and the TLV itself stay closed: another SWV.
    assert ontvanger.get(f"/api/v1/tlvs/{tlv.pk}").status_code == 404
    assert ontvanger.get("/api/v1/tlvs").json()["results"] == []
