"""The access matrix in docs/access.md, checked route by route for every role, an outsider and a visitor.

Generated from the apps' `routes:LABEL` tables: a route that exists without a row fails, a row without a
route fails, a row in another app's table than the app whose view answers it fails, and every cell is
tried with a real request (each method of the row's `antwoord`) and must get exactly its answer.

The objects that fill `<int:pk>` come from each app's `tests/LABEL/access.py` (`objects()`), so a new
app plugs in its rows and objects without a change here.
"""

import importlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from swv.core.api.scopes import ALLE_SCOPES
from swv.core.models import Rol
from tests.access_matrix import answer, answers, app_tables, backticked
from tests.factories import ApiClientFactory, SamenwerkingsverbandFactory

ROLES = [rol.value for rol in Rol]
WHO = [*ROLES, "buitenstaander", "anoniem"]
ROWS = [{**row, "app": label} for label, rows in app_tables("routes").items() for row in rows]
ROW_BY_ROUTE = {backticked(row["route"]): row for row in ROWS}
ADMIN_PREFIX = "/beheer/"
LOGIN_PAGES = ("/inloggen/", "/tweestapsverificatie/", "/beheer/login/")
API_KINDS = {"api", "api-object"}
# The platform's table also holds the views of the libraries it mounts (Django's login and admin, the
# OpenAPI document); every other table holds only its own app's views.
PLATFORM = "core"
TESTS = Path(__file__).resolve().parent
OBJECT_PROVIDERS = sorted(path.parent.name for path in TESTS.glob("*/access.py"))


def _walk(patterns, prefix: str = ""):
    """(route, module of the view) for every URL the application answers; the admin is one row."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            full = prefix + str(pattern.pattern)
            if ("/" + full).startswith(ADMIN_PREFIX):
                yield ADMIN_PREFIX, "django.contrib.admin"  # it guards its own pages
                continue
            yield from _walk(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            view = pattern.callback
            view = getattr(view, "view_class", None) or getattr(view, "cls", None) or view
            yield "/" + prefix + str(pattern.pattern), view.__module__


ROUTES = dict(_walk(get_resolver().url_patterns))


def test_every_route_has_a_row_in_the_access_matrix_and_every_row_a_route():
    assert set(ROUTES) - set(ROW_BY_ROUTE) == set(), "routes without a row in docs/access.md"
    assert set(ROW_BY_ROUTE) - set(ROUTES) == set(), "rows in docs/access.md for routes that do not exist"


def test_every_row_is_in_the_table_of_the_app_whose_view_answers_it():
    from django.apps import apps

    misplaced = {}
    for row in ROWS:
        route = backticked(row["route"])
        module = ROUTES.get(route, "")
        owner = next(
            (app.label for app in apps.get_app_configs() if module.startswith(app.name + ".")), PLATFORM
        )
        if owner not in app_tables("routes"):
            owner = PLATFORM  # a library's view (login, admin, schema) is the platform's row
        if owner != row["app"]:
            misplaced[route] = f"in routes:{row['app']}, answered by {module} (routes:{owner})"

    assert misplaced == {}


def test_the_matrix_has_a_column_for_every_role_the_outsider_and_the_visitor():
    for label, rows in app_tables("routes").items():
        assert set(WHO) <= set(rows[0]), label


def test_every_cell_says_ja_nee_login_or_an_exact_answer():
    for row in ROWS:
        answers(row["antwoord"])  # raises on a malformed cell
        for who in WHO:
            if row[who] not in {"ja", "nee", "login"}:
                answer(row[who])


def _methods(row) -> list[str]:
    return list(answers(row["antwoord"]))


def _build_world(swv, users) -> dict[str, tuple[object, object]]:
    """route prefix -> (object of the SWV, object of another SWV), from every app's tests/LABEL/access.py."""
    elders = SamenwerkingsverbandFactory(code="PO9899", naam="Samenwerkingsverband Ver Weg")
    found: dict[str, tuple[object, object]] = {}
    for label in OBJECT_PROVIDERS:
        provider = importlib.import_module(f"tests.{label}.access")
        for prefix, pair in provider.objects(swv=swv, elders=elders, users=users).items():
            assert prefix not in found, f"two apps give an object for {prefix}"
            found[prefix] = pair
    return found


@pytest.fixture(scope="module")
def _matrix_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The SWV, its users and every app's objects, built once for the few thousand cells of this module
    instead of once per cell (most of the suite's time went into building them; docs/decisions.md).

    Built inside a transaction that is rolled back after the module's last test, exactly as Django's
    TestCase does for `setUpTestData`: each test runs in its own savepoint inside it (pytest-django's
    `db`), so whatever a cell changes (an admitted DELETE, a POST) is rolled back before the next cell,
    and each cell sees the database as right after the objects were built, as when it built them itself.
    The files (an agreement's document) live in one directory for the module; no route removes them.
    """
    from django.db import transaction
    from django.test import override_settings

    from tests.conftest import make_swv, make_users

    media_root = tmp_path_factory.mktemp("access-matrix-media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # type: ignore[attr-defined]  # durable blocks inside are allowed, as in TestCase
        atomic.__enter__()
        try:
            with override_settings(MEDIA_ROOT=media_root):
                swv = make_swv()
                users = make_users(swv)
                found = _build_world(swv, users)
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield swv, users, found, media_root
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


# This module's `swv` and `users` are those of `_matrix_data` (same content as tests/conftest.py's).
@pytest.fixture
def swv(_matrix_data, db):
    return _matrix_data[0]


@pytest.fixture
def users(_matrix_data, db):
    return _matrix_data[1]


@pytest.fixture
def world(_matrix_data, db, settings):
    """route prefix -> (object of the SWV, object of another SWV), from every app's tests/LABEL/access.py."""
    settings.MEDIA_ROOT = _matrix_data[3]
    return _matrix_data[2]


def _client(who: str, users, client_for) -> Client:
    if who == "anoniem":
        return Client()
    return client_for(users["outsider" if who == "buitenstaander" else who])


def _url(route: str, world, *, elders: bool = False) -> str:
    if "<int:pk>" in route:
        # The longest matching prefix wins: /partners/afspraken/ before /partners/.
        prefix = max((p for p in world if route.startswith(p)), key=len, default=None)
        assert prefix is not None, f"no tests/LABEL/access.py gives an object for {route}"
        obj = world[prefix][1 if elders else 0]
        route = route.replace("<int:pk>", str(obj.pk))
    return route.replace("<uidb64>", "MQ").replace("<token>", "ongeldig-token")


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES)


def _assert_answer(response, expected: tuple[int, str | None], where: str) -> None:
    status, target = expected
    got = f"{where}: {response.status_code} {response.get('Location', '')}"
    assert response.status_code == status, got
    if target is not None:
        assert resolve(urlsplit(response["Location"]).path).view_name == target, got


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
    for method in _methods(row)
]


@pytest.fixture
def no_celery_ping(monkeypatch):
    """/health waits up to 1 s for Celery workers; access does not depend on them (tested in test_health)."""
    from swv.core import health

    monkeypatch.setitem(health.CHECKS, "celery", lambda: None)


def _request(client: Client, method: str, url: str, kind: str):
    if method == "GET":
        return client.get(url)
    if kind in API_KINDS:
        # An empty JSON body: allowed callers get a validation answer (or an empty PATCH, or the DELETE),
        # refused callers must not get that far.
        return client.generic(method, url, "{}", content_type="application/json")
    # An empty form: allowed callers get a validation answer, refused callers must not get that far.
    return client.post(url)


@pytest.mark.parametrize(("row", "who", "method"), CASES)
@pytest.mark.usefixtures("no_celery_ping")
def test_access_matrix_cell(row, who, method, users, world, client_for):
    route = backticked(row["route"])
    url = _url(route, world)
    where = f"{method} {url} as {who}"

    response = _request(_client(who, users, client_for), method, url, row["kind"])

    cell = row[who]
    if cell == "ja":
        _assert_answer(response, answers(row["antwoord"])[method], where)
    elif cell == "login":
        _assert_login_needed(response, row["kind"], where)
    elif cell == "nee":
        _assert_refused(response, row["kind"], where, who)
    else:
        _assert_answer(response, answer(cell), where)


OBJECT_ROUTES = sorted(
    {
        backticked(row["route"])
        for row in ROWS
        if row["kind"] in {"object", "api-object", "formulier"} and "GET" in _methods(row)
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


API_CLIENT_ROWS = {
    backticked(row["route"]): row for rows in app_tables("api-clients").values() for row in rows
}


def test_every_api_route_says_which_scopes_a_partner_system_needs_in_its_apps_table():
    api_routes = {backticked(row["route"]): row["app"] for row in ROWS if row["kind"] in API_KINDS}
    scope_rows = {
        backticked(row["route"]): label for label, rows in app_tables("api-clients").items() for row in rows
    }

    assert scope_rows == api_routes


def _no_clients(route: str) -> bool:
    """A route for people only: its cell starts with "geen toegang" (every API client gets 403)."""
    return API_CLIENT_ROWS[route]["scopes a client needs"].startswith("geen toegang")


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


# (route, method) -> the answer an admitted caller gets: the row's `antwoord`, as for a person.
API_CLIENT_ANSWERS = {
    (backticked(row["route"]), method): expected
    for row in ROWS
    if backticked(row["route"]) in API_CLIENT_ROWS
    for method, expected in answers(row["antwoord"]).items()
}
API_CLIENT_CASES = sorted(API_CLIENT_ANSWERS)


def _call_as_client(url: str, method: str, token: str | None):
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "GET":
        return client.get(url, **headers)
    return client.generic(method, url, "{}", content_type="application/json", **headers)


# The organisation the admitted client acts for, when an app's objects() gives one under this key (pupils
# are seen by a partner system as its organisation would: the SWV bureau sees every pupil of the SWV).
CLIENT_ORGANISATIE = "api-client-organisatie"


def _client_organisatie(route: str, world) -> dict:
    """The organisation an admitted partner system must belong to: for an object route where the app says
    so, `CLIENT_ORGANISATIE` in tests/LABEL/access.py, route prefix -> function of the object (a school's
    system sees only its school's cases); else the app's `api-client-organisatie` object; else any
    organisation of the SWV."""
    if "<int:pk>" in route:
        for label in OBJECT_PROVIDERS:
            provider = importlib.import_module(f"tests.{label}.access")
            for prefix, organisatie_van in getattr(provider, "CLIENT_ORGANISATIE", {}).items():
                if route.startswith(prefix):
                    return {"organisatie": organisatie_van(world[prefix][0])}
    organisatie = world.get(CLIENT_ORGANISATIE, (None, None))[0]
    return {"organisatie": organisatie} if organisatie else {}


@pytest.mark.parametrize(("route", "method"), API_CLIENT_CASES)
def test_api_route_admits_exactly_the_clients_with_its_scopes(route, method, swv, world):
    url = _url(route, world)
    if _no_clients(route):
        every_scope = ApiClientFactory(swv=swv, scopes=sorted(ALLE_SCOPES))
        assert _call_as_client(url, method, every_scope.token).status_code == 403
        assert _call_as_client(url, method, None).status_code == 401
        return
    needed = _scopes(route, method)
    with_scopes = ApiClientFactory(swv=swv, scopes=needed, **_client_organisatie(route, world))
    without = ApiClientFactory(swv=swv, scopes=[])
    # The route's scopes for other methods (reading, when this is a write) do not admit this method.
    others = sorted(set(_scopes(route)) - set(needed))

    # Refusals first: an admitted DELETE changes the object.
    no_scope = _call_as_client(url, method, without.token)
    if needed:
        assert no_scope.status_code == 403
    else:
        _assert_answer(no_scope, API_CLIENT_ANSWERS[route, method], f"{method} {url} without scopes")
    if needed and others:
        assert _call_as_client(url, method, ApiClientFactory(swv=swv, scopes=others).token).status_code == 403
    assert _call_as_client(url, method, None).status_code == 401
    assert _call_as_client(url, method, with_scopes.token[:-2] + "xx").status_code == 401
    allowed = _call_as_client(url, method, with_scopes.token)
    _assert_answer(allowed, API_CLIENT_ANSWERS[route, method], f"{method} {url} with {needed}")
