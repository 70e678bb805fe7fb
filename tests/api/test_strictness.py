"""API input is taken strictly: what the API cannot honour is a Dutch 400 problem, never a 500 or a guess.

Issue 7 (API conformance): a malformed cursor and a deeply nested body were 500s; invalid filter and page
values, unknown and read-only body fields and `"naam": 123` were silently ignored or coerced; PUT was a
403; errors outside the views were HTML under DEBUG; an oversize body was a 400.
"""

import datetime
import json

import pytest
from django.test import Client

from partners.models import Organisatie, Persoon, Sleutelfiguur
from swv.core.api.scopes import Scope
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    ApiClientFactory,
    OrganisatieFactory,
    VoorzieningFactory,
)

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def send(client: Client, method: str, url: str, body, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.generic(method, url, data, content_type="application/json", **extra)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    return body


def invalid_params(response) -> dict[str, str]:
    """name -> reason of a 400 problem's invalidParams."""
    body = assert_problem(response, 400)
    return {param["name"]: param["reason"] for param in body["invalidParams"]}


@pytest.fixture
def coordinator(users, client_for):
    return client_for(users[Rol.SWV_COORDINATOR.value])


@pytest.fixture
def lezer(users, client_for):
    """A member who reads the registry but may not change it."""
    return client_for(users[Rol.LEERPLICHTAMBTENAAR.value])


@pytest.fixture
def partnersysteem(swv):
    return ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN, Scope.PARTNERS_SCHRIJVEN])


@pytest.fixture
def ggd(swv):
    return OrganisatieFactory(swv=swv, ggd=True, naam="GGD Hart voor Brabant")


# --- 500s that are now 400s -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cursor",
    [
        "cD1hYmM%3D",  # p=abc: a position that is no id
        "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ%3D%3D",  # p=9999999999999999999999: beyond bigint
        "bm90IGJhc2U2NA",  # not base64 of a cursor
        "%E2%82%AC",  # not even ASCII
    ],
)
def test_a_malformed_cursor_is_a_400_problem_naming_the_cursor(coordinator, ggd, cursor):
    response = coordinator.get(f"/api/v1/organisaties?cursor={cursor}")

    assert invalid_params(response) == {
        "cursor": "Ongeldige cursor: gebruik de link uit `next` of `previous`."
    }


def test_a_cursor_from_next_still_pages_through_everything(coordinator, swv):
    for n in range(5):
        OrganisatieFactory(swv=swv, naam=f"Organisatie {n}")
    seen, url = [], "/api/v1/organisaties?pageSize=2"
    while url:
        page = coordinator.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]

    assert seen == sorted(Organisatie.objects.filter(swv=swv).values_list("id", flat=True))


def test_a_body_nested_5000_deep_is_a_400_problem_and_stores_nothing(coordinator):
    before = Organisatie.objects.count()

    response = send(coordinator, "POST", "/api/v1/organisaties", "[" * 5000 + "]" * 5000)

    body = assert_problem(response, 400)
    assert body["detail"] == "De JSON in de invoer is te diep genest (meer dan 32 niveaus)."
    assert Organisatie.objects.count() == before


def test_a_bracket_inside_a_string_is_not_nesting(coordinator):
    response = send(coordinator, "POST", "/api/v1/organisaties", {"naam": "[" * 100, "soort": "ggd"})

    assert response.status_code == 201, response.content
    assert response.json()["naam"] == "[" * 100


def test_malformed_json_is_a_dutch_400_problem(coordinator):
    body = assert_problem(send(coordinator, "POST", "/api/v1/organisaties", '{"naam": '), 400)

    assert body["detail"] == "De invoer is geen geldige JSON (regel 1, kolom 10)."


def test_nan_is_not_json(coordinator, ggd):
    response = send(
        coordinator,
        "POST",
        "/api/v1/voorzieningen",
        f'{{"naam": "X", "aanbieder": {ggd.pk}, "doelgroep": "thuiszitters", "kostenPerPlek": NaN}}',
    )

    assert assert_problem(response, 400)["detail"] == "De invoer is geen geldige JSON."


def test_an_oversize_body_is_a_413_problem(coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = send(coordinator, "POST", "/api/v1/organisaties", {"naam": "x" * 2000, "soort": "ggd"})

    body = assert_problem(response, 413)
    assert body["detail"] == "De invoer is groter dan deze API aanneemt (1000 bytes)."
    assert not Organisatie.objects.filter(naam="x" * 2000).exists()


# --- every error under /api/ is a problem ---------------------------------------------------------


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "url",
    ["/api/v1/bestaat-niet", "/api/v1/organisaties/", "/api/v1/organisaties/abc", "/api/", "/api/v2/ik"],
)
def test_unknown_paths_slashes_and_non_numeric_ids_are_problem_404s_also_with_debug_on(
    coordinator, settings, debug, url
):
    settings.DEBUG = debug

    body = assert_problem(coordinator.get(url), 404)

    assert body["instance"] == url
    assert body["title"] == "Niet gevonden."


@pytest.mark.parametrize("url", ["/api/v1/organisaties/1", "/api/v1/organisaties"])
def test_put_is_405_with_allow_for_an_api_client_not_a_403(client, partnersysteem, ggd, url):
    response = client.put(
        url.replace("/1", f"/{ggd.pk}"), "{}", content_type="application/json", **bearer(partnersysteem.token)
    )

    body = assert_problem(response, 405)
    assert body["detail"] == "De methode PUT is hier niet toegestaan."
    allowed = {method.strip() for method in response["Allow"].split(",")}
    assert "PUT" not in allowed
    assert {"GET", "PATCH", "DELETE"} <= allowed if url.endswith("/1") else {"GET", "POST"} <= allowed


def test_put_is_405_also_for_a_member_without_write_rights(lezer):
    assert_problem(send(lezer, "PUT", "/api/v1/organisaties", {}), 405)


def test_put_is_still_401_without_credentials(client):
    assert client.put("/api/v1/organisaties", "{}", content_type="application/json").status_code == 401


# --- query parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "name", "reason"),
    [
        ("/api/v1/organisaties?actief=misschien", "actief", "Geef true of false op."),
        ("/api/v1/voorzieningen?knelpunt=soms", "knelpunt", "Geef true of false op."),
        ("/api/v1/sleutelfiguren?actueel=1", "actueel", "Geef true of false op."),
        ("/api/v1/organisaties?pageSize=null", "pageSize", "Geef één geheel getal van 1 tot en met 200."),
        ("/api/v1/organisaties?pageSize=0", "pageSize", "Geef één geheel getal van 1 tot en met 200."),
        ("/api/v1/organisaties?pageSize=201", "pageSize", "Geef één geheel getal van 1 tot en met 200."),
        ("/api/v1/afspraken?offset=null", "offset", "Geef één geheel getal van 0 tot en met 2147483647."),
        ("/api/v1/afspraken?offset=-1", "offset", "Geef één geheel getal van 0 tot en met 2147483647."),
        ("/api/v1/afspraken?limit=%EF%BC%91", "limit", "Geef één geheel getal van 1 tot en met 200."),
        ("/api/v1/afspraken?verlooptVoor=", "verlooptVoor", "Geef een waarde op, of laat de parameter weg."),
        ("/api/v1/afspraken?verlooptVoor=morgen", "verlooptVoor", "Voer een geldige datum in."),
        ("/api/v1/organisaties?gemeente=abc", "gemeente", "Voer een geheel getal in."),
        ("/api/v1/organisaties?actief=true&actief=false", "actief", "Geef deze parameter maar één keer op."),
        ("/api/v1/organisaties?actif=true", "actif", "Onbekende parameter."),
        ("/api/v1/afspraken?pageSize=10", "pageSize", "Onbekende parameter."),
    ],
)
def test_an_invalid_or_unknown_query_parameter_is_a_400_naming_it(coordinator, ggd, url, name, reason):
    assert invalid_params(coordinator.get(url)) == {name: reason}


def test_an_empty_free_text_search_is_an_empty_search_as_the_contract_says(coordinator, ggd):
    leeg = coordinator.get("/api/v1/organisaties?q=")
    assert leeg.status_code == 200
    assert ggd.naam in {o["naam"] for o in leeg.json()["results"]}
    # Other filters have no empty value that means anything.
    assert invalid_params(coordinator.get("/api/v1/afspraken?verlooptVoor=")) == {
        "verlooptVoor": "Geef een waarde op, of laat de parameter weg."
    }


def test_valid_filters_and_pages_still_answer(coordinator, swv, ggd):
    VoorzieningFactory(swv=swv, aanbieder=ggd, capaciteit=10, bezetting=10)
    afspraak = AfspraakFactory(swv=swv, partijen=[ggd], einddatum=datetime.date(2030, 1, 1))

    def ids(url: str) -> list[int]:
        return [row["id"] for row in coordinator.get(url).json()["results"]]

    assert coordinator.get("/api/v1/voorzieningen?knelpunt=true&limit=10&offset=0").json()["count"] == 1
    assert ids("/api/v1/organisaties?actief=true&soort=ggd&pageSize=10") == [ggd.pk]
    assert ids(f"/api/v1/afspraken?partij={ggd.pk}&verlooptVoor=2099-01-01") == [afspraak.pk]


def test_a_client_gets_the_same_400_as_a_person(client, partnersysteem):
    response = client.get("/api/v1/organisaties?actief=misschien", **bearer(partnersysteem.token))

    assert invalid_params(response) == {"actief": "Geef true of false op."}


# --- bodies ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"naam": 123, "soort": "ggd"}, {"naam": "Geef tekst (een JSON-string)."}),
        ({"naam": "GGD", "soort": "ggd", "nam": "typo"}, {"nam": "Onbekend veld."}),
        (
            {"naam": "GGD", "soort": "ggd", "id": 999, "domein": "zorg"},
            {
                "id": "Dit veld is alleen-lezen en kan niet worden meegestuurd.",
                "domein": "Dit veld is alleen-lezen en kan niet worden meegestuurd.",
            },
        ),
        ({"naam": "GGD", "soort": "ggd", "actief": "ja"}, {"actief": "Geef true of false."}),
        (
            {"naam": "GGD", "soort": "ggd", "werkgebied": ["12"]},
            {"werkgebied": "Geef een geheel getal (een JSON-getal zonder aanhalingstekens)."},
        ),
    ],
)
def test_unknown_read_only_and_wrongly_typed_fields_are_refused_and_nothing_is_stored(
    coordinator, body, expected
):
    before = Organisatie.objects.count()

    response = send(coordinator, "POST", "/api/v1/organisaties", body)

    assert invalid_params(response) == expected
    assert Organisatie.objects.count() == before


def test_a_patch_with_a_string_for_a_number_changes_nothing(client, partnersysteem, swv, ggd):
    voorziening = VoorzieningFactory(swv=swv, aanbieder=ggd, capaciteit=10, bezetting=3, wachttijd_weken=6)

    response = send(
        client,
        "PATCH",
        f"/api/v1/voorzieningen/{voorziening.pk}",
        {"bezetting": "4", "wachttijdWeken": 2},
        **bearer(partnersysteem.token),
    )

    assert invalid_params(response) == {
        "bezetting": "Geef een geheel getal (een JSON-getal zonder aanhalingstekens)."
    }
    voorziening.refresh_from_db()
    assert (voorziening.bezetting, voorziening.wachttijd_weken) == (3, 6)


def test_an_unknown_field_in_a_nested_person_is_refused(coordinator, ggd):
    body = {
        "organisatie": ggd.pk,
        "functie": "Jeugdarts",
        "niveau": "uitvoering",
        "persoon": {"voornaam": "Anna", "achternaam": "de Vries", "bsn": "000000000"},
    }

    response = send(coordinator, "POST", "/api/v1/sleutelfiguren", body)

    assert invalid_params(response) == {"persoon.bsn": "Onbekend veld."}
    assert not Persoon.objects.filter(achternaam="de Vries").exists()
    assert not Sleutelfiguur.objects.exists()


def test_a_list_instead_of_an_object_is_a_400_under_non_field_errors(coordinator):
    response = send(coordinator, "POST", "/api/v1/organisaties", [{"naam": "GGD", "soort": "ggd"}])

    assert list(invalid_params(response)) == ["nonFieldErrors"]


def test_a_correct_body_is_still_stored(coordinator):
    response = send(coordinator, "POST", "/api/v1/organisaties", {"naam": "GGD West", "soort": "ggd"})

    assert response.status_code == 201, response.content
    assert Organisatie.objects.get(pk=response.json()["id"]).naam == "GGD West"
