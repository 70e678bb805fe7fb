"""The access matrix in docs/access.md, checked route by route for every role, an outsider and a visitor.

Generated from the `routes` table: a route that exists without a row fails, a row without a route fails,
and every cell is tried with a real request (GET and, where listed, POST).
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from partners.models import DuoImport
from swv.core.models import Rol
from tests.access_matrix import backticked, table
from tests.factories import ApiClientFactory, LeerlingFactory, OrganisatieFactory, SamenwerkingsverbandFactory

ROLES = [rol.value for rol in Rol]
WHO = [*ROLES, "buitenstaander", "anoniem"]
ROWS = table("routes")
ROW_BY_ROUTE = {backticked(row["route"]): row for row in ROWS}
ADMIN_PREFIX = "/beheer/"
LOGIN_PAGES = ("/inloggen/", "/tweestapsverificatie/", "/beheer/login/")


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


@pytest.fixture
def world(users, swv):
    """A pupil visible to the SWV, its school and its leerplicht team; and a pupil of another SWV."""
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    leerplicht.gemeente = gemeente
    leerplicht.save(update_fields=["gemeente"])
    elders = SamenwerkingsverbandFactory(code="PO9899", naam="Samenwerkingsverband Ver Weg")
    return {
        # A DUO import run of this SWV and one of another SWV (partners:import_status).
        "duo_import": DuoImport.objects.create(
            swv=swv, bestandsnaam="scholen.csv", status=DuoImport.Status.KLAAR
        ),
        "duo_import_elders": DuoImport.objects.create(swv=elders, bestandsnaam="scholen.csv"),
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


# Which objects of the world an `<int:pk>` route opens: (one of this SWV, one of another SWV).
# Routes not listed open a pupil.
OBJECTS_FOR_ROUTE = {
    "/partners/import/<int:pk>/": ("duo_import", "duo_import_elders"),
}


def _object(route: str, world, *, elders: bool = False):
    own, other = OBJECTS_FOR_ROUTE.get(route, ("leerling", "leerling_elders"))
    return world[other if elders else own]


def _url(route: str, world) -> str:
    return (
        route.replace("<int:pk>", str(_object(route, world).pk))
        .replace("<uidb64>", "MQ")
        .replace("<token>", "ongeldig-token")
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


def _assert_refused(response, kind: str, where: str) -> None:
    if kind == "beheer":
        assert _is_login_redirect(response), f"{where}: {response.status_code}"
    elif kind == "object":
        assert response.status_code == 404, f"{where}: {response.status_code}"
    else:
        assert response.status_code == 403, f"{where}: {response.status_code}"


def _assert_login_needed(response, kind: str, where: str) -> None:
    if kind == "beheer":
        assert _is_login_redirect(response), f"{where}: {response.status_code}"
    elif kind == "api":
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
    else:
        # An empty form: allowed callers get a validation answer, refused callers must not get that far.
        response = (
            client.post(url, {}, content_type="application/json")
            if row["kind"] == "api"
            else client.post(url)
        )

    expected = row[who]
    if expected == "ja":
        _assert_allowed(response, method, row["kind"], where)
    elif expected == "login":
        _assert_login_needed(response, row["kind"], where)
    else:
        _assert_refused(response, row["kind"], where)


OBJECT_ROUTES = [backticked(row["route"]) for row in ROWS if row["kind"] == "object"]


@pytest.mark.parametrize("route", OBJECT_ROUTES)
@pytest.mark.parametrize("who", [*ROLES, "buitenstaander"])
def test_objects_of_another_swv_answer_404_for_everyone(route, who, users, world, client_for):
    client = _client(who, users, client_for)
    url = route.replace("<int:pk>", str(_object(route, world, elders=True).pk))

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
    api_routes = {backticked(row["route"]) for row in ROWS if row["kind"] == "api"}

    assert api_routes == set(API_CLIENT_ROWS)


def _scopes(route: str) -> list[str]:
    cell = API_CLIENT_ROWS[route]["scopes a client needs"]
    return [] if cell.startswith("none") else re.findall(r"`([a-z]+:[a-z]+)`", cell)


def _call_as_client(route: str, token: str | None):
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    method = next(row["methods"].split()[0] for row in ROWS if backticked(row["route"]) == route)
    if method == "GET":
        return client.get(route, **headers)
    return client.post(route, {}, content_type="application/json", **headers)


@pytest.mark.parametrize("route", sorted(API_CLIENT_ROWS))
def test_api_route_admits_exactly_the_clients_with_its_scopes(route, swv):
    with_scopes = ApiClientFactory(swv=swv, scopes=_scopes(route))
    without = ApiClientFactory(swv=swv, scopes=[])

    allowed = _call_as_client(route, with_scopes.token)
    assert allowed.status_code not in {401, 403, 404, 405}, allowed.content
    no_scope = _call_as_client(route, without.token)
    if _scopes(route):
        assert no_scope.status_code == 403
    else:
        assert no_scope.status_code not in {401, 403, 404, 405}
    assert _call_as_client(route, None).status_code == 401
    assert _call_as_client(route, with_scopes.token[:-2] + "xx").status_code == 401
