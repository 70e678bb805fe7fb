"""Oversize request bodies are refused by their Content-Length, before anything reads them (413)."""

import socket
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client

from swv.core.models import Rol
from tests.factories import AfspraakFactory

pytestmark = pytest.mark.django_db

GIGABYTE = 1024**3
PROBLEM = "application/problem+json"


def post_with_length(client: Client, path: str, length: int, **extra):
    """A POST whose headers announce `length` bytes while only a few are sent: if the app read the
    body it would get fewer bytes than announced, so a refusal proves it did not need to."""
    return client.generic(
        "POST", path, b"x" * 10, content_type="application/octet-stream", CONTENT_LENGTH=str(length), **extra
    )


def test_anonymous_login_post_of_a_gigabyte_gets_a_dutch_413_page(client):
    response = post_with_length(client, "/inloggen/", GIGABYTE)

    assert response.status_code == 413
    html = response.content.decode()
    assert "Verzoek te groot" in html
    assert "groter dan 2 MB" in html
    assert '<html lang="nl"' in html


def test_api_refuses_an_oversize_body_with_dutch_problem_json(client_for, users):
    client = client_for(users[Rol.SWV_COORDINATOR])

    response = post_with_length(client, "/api/v1/organisaties", 3 * 1024 * 1024)

    assert response.status_code == 413
    assert response.headers["Content-Type"] == PROBLEM
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == 413
    assert body["title"] == "Invoer te groot."  # the API's own title for 413
    assert "2 MB" in body["detail"]


def test_a_body_within_the_limit_reaches_the_view(client):
    response = client.post("/inloggen/", {"username": "niemand", "password": "x" * 20})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'value="niemand"' in response.content.decode()


def test_duo_upload_path_has_its_own_larger_allowance(client_for, users):
    client = client_for(users[Rol.BEHEERDER])

    # 40 MB announced: over the general limit but within the DUO page's, so it is not refused here
    # (the view then finds no file in the 10 bytes actually sent).
    binnen = post_with_length(client, "/partners/import/", 40 * 1024 * 1024)
    assert binnen.status_code == 200
    assert "DUO" in binnen.content.decode()  # the upload page again, from the view
    assert post_with_length(client, "/partners/import/", 60 * 1024 * 1024).status_code == 413


def test_agreement_forms_accept_a_body_as_large_as_the_document_limit(client_for, users, settings, swv):
    client = client_for(users[Rol.SWV_COORDINATOR])
    allowance = settings.AFSPRAAK_DOCUMENT_MAX_BYTES + 1024 * 1024
    afspraak = AfspraakFactory(swv=swv, titel="Convenant groot")

    # A 5 MB document is over the general 2 MB but within the 10 MB document limit: the view answers
    # with its form (it finds no document in the 10 bytes actually sent).
    nieuw = post_with_length(client, "/partners/afspraken/nieuw/", 5 * 1024 * 1024)
    assert nieuw.status_code == 200
    assert "Afspraak toevoegen</h1>" in nieuw.content.decode()
    wijzigen = post_with_length(client, f"/partners/afspraken/{afspraak.pk}/wijzigen/", allowance)
    assert wijzigen.status_code == 200
    assert "Convenant groot wijzigen</h1>" in wijzigen.content.decode()
    assert post_with_length(client, "/partners/afspraken/nieuw/", allowance + 1).status_code == 413


def test_limits_come_from_settings_by_longest_path_prefix(client, settings):
    settings.MAX_REQUEST_BODY = 1000
    settings.MAX_REQUEST_BODY_BY_PATH = {"/partners/": 5000, "/partners/import/": 100}

    assert post_with_length(client, "/inloggen/", 1001).status_code == 413
    # Within the /partners/ allowance: past the size check, so the login check answers.
    assert post_with_length(client, "/partners/afspraken/nieuw/", 4000)["Location"].startswith("/inloggen/")
    assert post_with_length(client, "/partners/import/", 101).status_code == 413


def test_a_chunked_body_without_length_is_refused_with_411(client):
    # Django would read a body without Content-Length as empty: refuse it rather than lose it.
    response = client.generic(
        "POST", "/api/v1/organisaties", b"", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )

    assert response.status_code == 411
    assert response.headers["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Lengte van het verzoek ontbreekt"


def _raw_post(base_url: str, path: str, headers: dict[str, str], body: bytes) -> tuple[bytes, float]:
    parts = urlsplit(base_url)
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n{head}\r\n".encode() + body)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    return received, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_live_server_answers_413_without_waiting_for_a_gigabyte_that_never_comes(live_server):
    # Headers announce 1 GB; 100 bytes follow and the connection stays open. A server that read the
    # body first would wait for the rest until the 10 s socket timeout.
    response, seconds = _raw_post(
        live_server.url,
        "/inloggen/",
        {"Content-Type": "multipart/form-data; boundary=grens", "Content-Length": str(GIGABYTE)},
        b'--grens\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n' + b"x" * 30,
    )

    assert response.startswith(b"HTTP/1.1 413"), response[:200]
    assert seconds < 5
