"""With PostgreSQL unreachable, pages answer a Dutch 503 page and the API 503 problem+json, not 500.

The database is really unreachable: the test points the connection at a closed port of the same host
(as a stopped PostgreSQL looks to the app) and puts it back afterwards, so other tests are unaffected.
"""

import socket
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client

from swv.core.api.scopes import Scope
from swv.core.models import Rol
from tests.conftest import pass_second_factor
from tests.factories import ApiClientFactory
from tests.pages import start_page_of

pytestmark = pytest.mark.django_db(transaction=True)

PROBLEM = "application/problem+json"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens here once the socket is closed


@pytest.fixture
def database_down() -> Iterator[None]:
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["HOST"] = "127.0.0.1"
    connection.settings_dict["PORT"] = closed_port()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


@pytest.fixture
def coordinator_client(users) -> Client:
    # A real server answers whatever the 500/503 handler returns; the test client would re-raise instead.
    client = Client(raise_request_exception=False)
    client.force_login(users[Rol.SWV_COORDINATOR])
    pass_second_factor(client, users[Rol.SWV_COORDINATOR])
    return client


def assert_dutch_503_page(response) -> None:
    assert response.status_code == 503
    html = response.content.decode()
    assert "Tijdelijk niet beschikbaar" in html
    assert "De database is op dit moment niet bereikbaar" in html
    assert response.headers["Retry-After"] == "30"


def assert_503_problem(response) -> None:
    assert response.status_code == 503
    assert response.headers["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 503
    assert body["title"] == "Tijdelijk niet beschikbaar"
    assert "niet bereikbaar" in body["detail"]


def test_pages_of_a_logged_in_user_answer_a_dutch_503_page(coordinator_client, database_down):
    # The session is read from the database by a middleware, before any view runs.
    for path in ("/", "/casussen/leerlingen/", "/audit/", "/partners/"):
        assert_dutch_503_page(coordinator_client.get(path))


def test_login_attempt_answers_a_dutch_503_page(database_down):
    client = Client(raise_request_exception=False)
    # The login view reaches the database in the view itself (the account, the lockout counter).
    response = client.post("/inloggen/", {"username": "coordinator", "password": "x" * 20})

    assert_dutch_503_page(response)


def test_api_with_a_session_answers_503_problem_json(coordinator_client, database_down):
    assert_503_problem(coordinator_client.get("/api/v1/ik"))


def test_api_with_a_token_answers_503_problem_json(swv, database_down_after_token):
    client, token = database_down_after_token
    assert_503_problem(client.get("/api/v1/organisaties", HTTP_AUTHORIZATION=f"Bearer {token}"))


@pytest.fixture
def database_down_after_token(swv) -> Iterator[tuple[Client, str]]:
    token = ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN]).token
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = closed_port()
    try:
        yield Client(raise_request_exception=False), token
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


def test_health_still_answers_503_json_naming_the_database(database_down):
    response = Client().get("/health")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["checks"]["database"] != "ok"


def test_the_database_is_back_after_the_test(coordinator_client, users):
    start_page_of(coordinator_client, users[Rol.SWV_COORDINATOR])
