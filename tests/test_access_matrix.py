"""The access matrix in docs/access.md, checked route by route for every role, an outsider and a visitor.

Generated from the `routes` table: a route that exists without a row fails, a row without a route fails,
and every cell is tried with a real request (GET and, where listed, POST).
"""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from partners.models import DuoImport
from swv.core.models import Rol
from tests.access_matrix import backticked, table
from tests.factories import (
    AfspraakFactory,
    ApiClientFactory,
    LeerlingFactory,
    OrganisatieFactory,
    SamenwerkingsverbandFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

ROLES = [rol.value for rol in Rol]
WHO = [*ROLES, "buitenstaander", "anoniem"]
ROWS = table("routes")
ROW_BY_ROUTE = {backticked(row["route"]): row for row in ROWS}
ADMIN_PREFIX = "/beheer/"
LOGIN_PAGES = ("/inloggen/", "/tweestapsverificatie/", "/beheer/login/")
API_KINDS = {"api", "api-object"}
# Which object of the world fills `<int:pk>` in a route; the first matching prefix wins, else the pupil.
OBJECT_FOR_ROUTE = {
    "/api/v1/organisaties/": "organisatie",
    "/api/v1/sleutelfiguren/": "sleutelfiguur",
    "/api/v1/afspraken/": "afspraak",
    "/api/v1/voorzieningen/": "voorziening",
    "/partners/sleutelfiguren/": "sleutelfiguur",
    "/partners/afspraken/": "afspraak",
    "/partners/voorzieningen/": "voorziening",
    "/partners/import/": "duo_import",
    "/partners/": "organisatie",
}


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            full = prefix + str(pattern.pattern)
            if ("/" + full).startswith(ADMIN_PREFIX):
                yield ADMIN_PREFIX  # the admin is one row: it guards its own pages
                continue
            yield from _walk(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + str(pattern.pattern)


def test_every_route_has_a_row_in_the_access_matrix_and_every_row_a_route():
    existing = set(_walk(get_resolver().url_patterns))

    assert existing - set(ROW_BY_ROUTE) == set(), "routes without a row in docs/access.md"
    assert set(ROW_BY_ROUTE) - existing == set(), "rows in docs/access.md for routes that do not exist"


def test_the_matrix_has_a_column_for_every_role_the_outsider_and_the_visitor():
    assert set(WHO) <= set(ROWS[0])


def test_every_cell_says_ja_nee_or_login():
    for row in ROWS:
        for who in WHO:
            assert row[who] in {"ja", "nee", "login"}, (row["route"], who, row[who])


def _partners(swv) -> dict:
    """One object of each kind of the partner registry in `swv`."""
    organisatie = OrganisatieFactory(swv=swv, ggd=True)
    return {
        "organisatie": organisatie,
        "sleutelfiguur": SleutelfiguurFactory(swv=swv, organisatie=organisatie),
        "afspraak": AfspraakFactory(swv=swv, partijen=[organisatie]),
        "voorziening": VoorzieningFactory(swv=swv, aanbieder=organisatie),
    }


@pytest.fixture
def world(users, swv, settings, tmp_path):
    """A pupil visible to the SWV, its school and its leerplicht team; and a pupil of another SWV.

    Also one object of each kind of the partner registry in the SWV and in the other SWV (`..._elders`).
    """
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    leerplicht.gemeente = gemeente
    leerplicht.save(update_fields=["gemeente"])
    elders = SamenwerkingsverbandFactory(code="PO9899", naam="Samenwerkingsverband Ver Weg")
    settings.MEDIA_ROOT = tmp_path
    partners = _partners(swv)
    # partners:afspraak_document serves this file to everyone who may see the agreement.
    partners["afspraak"].document.save("convenant.pdf", ContentFile(b"%PDF-1.4\n%test\n"))
    return {
        # A DUO import run of this SWV and one of another SWV (partners:import_status).
        "duo_import": DuoImport.objects.create(
            swv=swv, bestandsnaam="scholen.csv", status=DuoImport.Status.KLAAR
        ),
        "duo_import_elders": DuoImport.objects.create(swv=elders, bestandsnaam="scholen.csv"),
        **partners,
        **{f"{key}_elders": obj for key, obj in _partners(elders).items()},
        "leerling": LeerlingFactory(swv=swv, school=school, woongemeente=gemeente),
        # Same SWV, same gemeente, another school.
        "andere_school": LeerlingFactory(swv=swv, woongemeente=gemeente),
        # Same SWV, another school in another gemeente.
        "andere_gemeente": LeerlingFactory(swv=swv),
        "leerling_elders": LeerlingFactory(swv=elders),
    }


def _client(who: str, users, client_for) -> Client:
    if who == "anoniem":
        return Client()
    return client_for(users["outsider" if who == "buitenstaander" else who])


def _object_key(route: str) -> str:
    return next((key for prefix, key in OBJECT_FOR_ROUTE.items() if route.startswith(prefix)), "leerling")


def _url(route: str, world, *, elders: bool = False) -> str:
    key = _object_key(route)
    obj = world[f"{key}_elders" if elders else key]
    return (
        route.replace("<int:pk>", str(obj.pk)).replace("<uidb64>", "MQ").replace("<token>", "ongeldig-token")
    )


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES)


def _assert_allowed(response, method: str, kind: str, where: str) -> None:
    if kind == "publiek":
        # Public routes answer what they answer (/health may say 503); access is what is checked here.
        assert response.status_code not in {401, 403, 404, 405}, where
        assert not _is_login_redirect(response), where
    elif method == "GET":
        assert response.status_code == 200 or (
            response.status_code == 302 and not _is_login_redirect(response)
        ), f"{where}: {response.status_code} {response.get('Location', '')}"
    else:
        assert response.status_code not in {401, 403, 404, 405}, f"{where}: {response.status_code}"


def _assert_refused(response, kind: str, where: str, who: str) -> None:
    if kind == "beheer":
        assert _is_login_redirect(response), f"{where}: {response.status_code}"
    elif kind == "object" or (kind in {"api-object", "formulier"} and who == "buitenstaander"):
        assert response.status_code == 404, f"{where}: {response.status_code}"
    else:
        assert response.status_code == 403, f"{where}: {response.status_code}"


def _assert_login_needed(response, kind: str, where: str) -> None:
    if kind == "beheer":
        assert _is_login_redirect(response), f"{where}: {response.status_code}"
    elif kind in API_KINDS:
        assert response.status_code == 401, f"{where}: {response.status_code}"
        assert response["Content-Type"] == "application/problem+json"
    else:
        assert response.status_code == 302, f"{where}: {response.status_code}"
        assert response["Location"].startswith("/inloggen/"), f"{where}: {response['Location']}"


CASES = [
    pytest.param(row, who, method, id=f"{row['name']}-{method}-{who}")
    for row in ROWS
    for who in WHO
    for method in row["methods"].split()
]


@pytest.fixture
def no_celery_ping(monkeypatch):
    """/health waits up to 1 s for Celery workers; access does not depend on them (tested in test_health)."""
    from swv.core import health

    monkeypatch.setitem(health.CHECKS, "celery", lambda: None)


@pytest.mark.parametrize(("row", "who", "method"), CASES)
@pytest.mark.usefixtures("no_celery_ping")
def test_access_matrix_cell(row, who, method, users, world, client_for):
    route = backticked(row["route"])
    client = _client(who, users, client_for)
    url = _url(route, world)
    where = f"{method} {url} as {who}"

    if method == "GET":
        response = client.get(url)
    elif row["kind"] in API_KINDS:
        # An empty JSON body: allowed callers get a validation answer (or an empty PATCH, or the DELETE),
        # refused callers must not get that far.
        response = client.generic(method, url, "{}", content_type="application/json")
    else:
        # An empty form: allowed callers get a validation answer, refused callers must not get that far.
        response = client.post(url)

    expected = row[who]
    if expected == "ja":
        _assert_allowed(response, method, row["kind"], where)
    elif expected == "login":
        _assert_login_needed(response, row["kind"], where)
    else:
        _assert_refused(response, row["kind"], where, who)


OBJECT_ROUTES = sorted(
    {
        backticked(row["route"])
        for row in ROWS
        if row["kind"] in {"object", "api-object", "formulier"} and "GET" in row["methods"]
    }
)


@pytest.mark.parametrize("route", OBJECT_ROUTES)
@pytest.mark.parametrize("who", [*ROLES, "buitenstaander"])
def test_objects_of_another_swv_answer_404_for_everyone(route, who, users, world, client_for):
    client = _client(who, users, client_for)
    url = _url(route, world, elders=True)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("route", OBJECT_ROUTES)
@pytest.mark.parametrize("who", ROLES)
def test_an_object_that_does_not_exist_answers_404_like_an_invisible_one(
    route, who, users, world, client_for
):
    client = _client(who, users, client_for)
    url = route.replace("<int:pk>", "987654321")

    assert client.get(url).status_code == 404


def _sees(role: str) -> set[str]:
    """Which of the world's pupils a role sees, read from the pupil table in docs/access.md."""
    text = {row["role"]: row["sees which pupils"] for row in table("leerling")}[role]
    if "every pupil of the SWV" in text:
        return {"leerling", "andere_school", "andere_gemeente"}
    if "own school" in text:
        return {"leerling"}
    if "gemeente" in text:
        return {"leerling", "andere_school"}
    assert text.startswith("none"), f"unknown visibility in docs/access.md for {role}: {text}"
    return set()


@pytest.mark.parametrize("who", ROLES)
def test_pupils_of_own_and_other_school_and_gemeente_follow_the_pupil_table(who, users, world, client_for):
    client = _client(who, users, client_for)
    seen = {
        key
        for key in ["leerling", "andere_school", "andere_gemeente"]
        if client.get(f"/casussen/leerlingen/{world[key].pk}/").status_code == 200
    }
    refused = {
        key
        for key in ["leerling", "andere_school", "andere_gemeente"]
        if client.get(f"/casussen/leerlingen/{world[key].pk}/").status_code == 404
    }

    assert seen == _sees(who)
    assert refused == {"leerling", "andere_school", "andere_gemeente"} - _sees(who)


API_CLIENT_ROWS = {backticked(row["route"]): row for row in table("api-clients")}


def test_every_api_route_says_which_scopes_a_partner_system_needs():
    api_routes = {backticked(row["route"]) for row in ROWS if row["kind"] in API_KINDS}

    assert api_routes == set(API_CLIENT_ROWS)


def _scopes(route: str, method: str | None = None) -> list[str]:
    """The scopes a client needs for `method` on `route` (all of the route's scopes without a method).

    A cell lists back-ticked scopes, each optionally followed by the methods it is for:
    "`partners:lezen` (GET), `partners:schrijven` (POST, PATCH, DELETE)". A scope without methods
    applies to every method.
    """
    cell = API_CLIENT_ROWS[route]["scopes a client needs"]
    if cell.startswith("none"):
        return []
    found = re.findall(r"`([a-z]+:[a-z]+)`(?:\s*\(([A-Z, ]+)\))?", cell)
    return [
        scope
        for scope, methods in found
        if method is None or not methods or method in re.split(r"[ ,]+", methods)
    ]


API_CLIENT_CASES = sorted(
    {
        (backticked(row["route"]), method)
        for row in ROWS
        if backticked(row["route"]) in API_CLIENT_ROWS
        for method in row["methods"].split()
    }
)


def _call_as_client(url: str, method: str, token: str | None):
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "GET":
        return client.get(url, **headers)
    return client.generic(method, url, "{}", content_type="application/json", **headers)


@pytest.mark.parametrize(("route", "method"), API_CLIENT_CASES)
def test_api_route_admits_exactly_the_clients_with_its_scopes(route, method, swv, world):
    url = _url(route, world)
    needed = _scopes(route, method)
    with_scopes = ApiClientFactory(swv=swv, scopes=needed)
    without = ApiClientFactory(swv=swv, scopes=[])
    # The route's scopes for other methods (reading, when this is a write) do not admit this method.
    others = sorted(set(_scopes(route)) - set(needed))

    # Refusals first: an admitted DELETE changes the object.
    no_scope = _call_as_client(url, method, without.token)
    if needed:
        assert no_scope.status_code == 403
    else:
        assert no_scope.status_code not in {401, 403, 404, 405}
    if needed and others:
        assert _call_as_client(url, method, ApiClientFactory(swv=swv, scopes=others).token).status_code == 403
    assert _call_as_client(url, method, None).status_code == 401
    assert _call_as_client(url, method, with_scopes.token[:-2] + "xx").status_code == 401
    allowed = _call_as_client(url, method, with_scopes.token)
    assert allowed.status_code not in {401, 403, 404, 405}, allowed.content
