"""ETag on every API object and If-Match on writes: two clients cannot silently overwrite each other."""

import json

import pytest
from django.test import Client

from partners.models import Organisatie, Voorziening
from swv.core.api.scopes import Scope
from tests.factories import ApiClientFactory, OrganisatieFactory, SleutelfiguurFactory, VoorzieningFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(swv):
    token = ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN, Scope.PARTNERS_SCHRIJVEN]).token
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def patch(client, url, data, **headers):
    return client.patch(url, json.dumps(data), content_type="application/json", **headers)


def test_a_detail_get_has_a_strong_etag_that_changes_when_the_object_changes(api, swv):
    org = OrganisatieFactory(swv=swv, naam="GGD Oost")
    url = f"/api/v1/organisaties/{org.pk}"

    eerste = api.get(url)
    tweede = api.get(url)
    Organisatie.objects.filter(pk=org.pk).update(naam="GGD West")
    na_wijziging = api.get(url)

    assert eerste["ETag"].startswith('"')
    assert not eerste["ETag"].startswith("W/")
    assert eerste["ETag"] == tweede["ETag"]
    assert na_wijziging["ETag"] != eerste["ETag"]


def test_the_etag_also_changes_when_only_a_related_list_changes(api, swv):
    org = OrganisatieFactory(swv=swv)
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    url = f"/api/v1/organisaties/{org.pk}"
    voor = api.get(url)["ETag"]
    org.werkgebied.add(gemeente)
    assert api.get(url)["ETag"] != voor


def test_a_write_answers_with_the_etag_a_following_get_gives(api, swv):
    org = OrganisatieFactory(swv=swv)
    url = f"/api/v1/organisaties/{org.pk}"

    gewijzigd = patch(api, url, {"plaats": "Oss"})
    nieuw = api.post(
        "/api/v1/organisaties",
        json.dumps({"naam": "Wijkteam", "soort": "wijkteam"}),
        content_type="application/json",
    )

    assert gewijzigd.status_code == 200
    assert gewijzigd["ETag"] == api.get(url)["ETag"]
    assert nieuw.status_code == 201
    assert nieuw["ETag"] == api.get(f"/api/v1/organisaties/{nieuw.json()['id']}")["ETag"]


def test_the_second_of_two_clients_with_the_same_etag_gets_412_and_the_first_change_stays(api, swv):
    voorziening = VoorzieningFactory(swv=swv, bezetting=3)
    url = f"/api/v1/voorzieningen/{voorziening.pk}"
    etag = api.get(url)["ETag"]

    eerste = patch(api, url, {"bezetting": 4}, HTTP_IF_MATCH=etag)
    tweede = patch(api, url, {"bezetting": 7}, HTTP_IF_MATCH=etag)

    assert eerste.status_code == 200
    assert tweede.status_code == 412
    assert tweede["Content-Type"] == "application/problem+json"
    body = tweede.json()
    assert body["status"] == 412
    assert body["title"] == "Voorwaarde niet vervuld."
    assert "gewijzigd sinds u het ophaalde" in body["detail"]
    assert tweede["ETag"] == eerste["ETag"]  # the current tag, to fetch and retry
    assert Voorziening.objects.get(pk=voorziening.pk).bezetting == 4


def test_a_matching_if_match_or_a_star_lets_the_write_through(api, swv):
    voorziening = VoorzieningFactory(swv=swv, bezetting=3)
    url = f"/api/v1/voorzieningen/{voorziening.pk}"
    etag = api.get(url)["ETag"]

    assert patch(api, url, {"bezetting": 5}, HTTP_IF_MATCH=f'"ander", {etag}').status_code == 200
    assert patch(api, url, {"bezetting": 6}, HTTP_IF_MATCH="*").status_code == 200
    assert Voorziening.objects.get(pk=voorziening.pk).bezetting == 6


def test_a_weak_etag_never_matches_if_match(api, swv):
    voorziening = VoorzieningFactory(swv=swv)
    url = f"/api/v1/voorzieningen/{voorziening.pk}"
    etag = api.get(url)["ETag"]
    assert patch(api, url, {"bezetting": 1}, HTTP_IF_MATCH=f"W/{etag}").status_code == 412


def test_delete_and_a_move_honour_if_match_too(api, swv):
    voorziening = VoorzieningFactory(swv=swv)
    rol = SleutelfiguurFactory(swv=swv)
    naar = OrganisatieFactory(swv=swv)

    weg = api.delete(f"/api/v1/voorzieningen/{voorziening.pk}", HTTP_IF_MATCH='"verouderd"')
    verhuis = api.post(
        f"/api/v1/sleutelfiguren/{rol.pk}/verhuizen",
        json.dumps({"naarOrganisatie": naar.pk, "functie": "X"}),
        content_type="application/json",
        HTTP_IF_MATCH='"verouderd"',
    )

    assert weg.status_code == 412
    assert verhuis.status_code == 412
    voorziening.refresh_from_db()
    rol.refresh_from_db()
    assert voorziening.einddatum is None
    assert rol.tot is None


def test_without_if_match_a_write_is_still_allowed(api, swv):
    voorziening = VoorzieningFactory(swv=swv, bezetting=3)
    assert patch(api, f"/api/v1/voorzieningen/{voorziening.pk}", {"bezetting": 2}).status_code == 200
    assert Voorziening.objects.get(pk=voorziening.pk).bezetting == 2
