"""The partners API shows the occupancy the dekkend netwerk page shows (issue 11): the places taken by cases'
arrangementen count in `bezettingTotaal`, `vol`, `knelpunt` and the `knelpunt` filter, while `bezetting` stays
the number typed into the registry (what PATCH writes)."""

import datetime

import pytest
from django.test import Client

from cases.services_arrangement import arrangement_aanvragen, arrangement_status_wijzigen
from swv.core.api.scopes import Scope
from tests.cases.factories_casus import CasusFactory
from tests.factories import ApiClientFactory, OrganisatieFactory, VoorzieningFactory

pytestmark = pytest.mark.django_db


def _arrangement(swv, voorziening, naar: str | None):
    arrangement = arrangement_aanvragen(
        casus=CasusFactory(swv=swv),
        voorziening=voorziening,
        reden="Plaatsing",
        startdatum=datetime.date.today(),
        by=None,
    )
    if naar:
        arrangement_status_wijzigen(arrangement=arrangement, naar=naar, by=None)
    return arrangement


@pytest.fixture
def api(swv):
    client = ApiClientFactory(
        swv=swv,
        organisatie=OrganisatieFactory(swv=swv),
        scopes=[Scope.PARTNERS_LEZEN, Scope.PARTNERS_SCHRIJVEN],
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {client.token}")


def test_a_voorziening_filled_by_arrangementen_is_full_in_the_api_and_the_typed_number_is_unchanged(swv, api):
    vol = VoorzieningFactory(swv=swv, capaciteit=2, bezetting=1, wachttijd_weken=0, naam="Herstart (test)")
    ruim = VoorzieningFactory(swv=swv, capaciteit=5, bezetting=1, wachttijd_weken=0, naam="Octa (test)")
    _arrangement(swv, vol, "toegekend")
    _arrangement(swv, vol, None)  # waiting for a place
    _arrangement(swv, ruim, "toegekend")

    data = api.get(f"/api/v1/voorzieningen/{vol.pk}").json()
    assert (data["bezetting"], data["arrangementenBezet"], data["bezettingTotaal"]) == (1, 1, 2)
    assert (data["vrijePlekken"], data["wachtlijst"], data["vol"], data["knelpunt"]) == (0, 1, True, True)

    knelpunten = {v["naam"] for v in api.get("/api/v1/voorzieningen?knelpunt=true").json()["results"]}
    geen = {v["naam"] for v in api.get("/api/v1/voorzieningen?knelpunt=false").json()["results"]}
    assert "Herstart (test)" in knelpunten
    assert "Herstart (test)" not in geen
    assert "Octa (test)" in geen
    assert "Octa (test)" not in knelpunten


def test_a_new_arrangement_changes_the_etag_so_a_stale_patch_is_refused(swv, api):
    voorziening = VoorzieningFactory(swv=swv, capaciteit=5, bezetting=0)
    etag = api.get(f"/api/v1/voorzieningen/{voorziening.pk}").headers["ETag"]
    _arrangement(swv, voorziening, "toegekend")

    response = api.patch(
        f"/api/v1/voorzieningen/{voorziening.pk}",
        {"bezetting": 3},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 412
    voorziening.refresh_from_db()
    assert voorziening.bezetting == 0
