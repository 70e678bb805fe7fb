"""API plumbing along the NL API Design Rules: contract, versions, errors, no slashes, throttling."""

import json
import random

import pytest
from openapi_spec_validator import validate
from rest_framework.throttling import SimpleRateThrottle
from stdnum.nl import bsn, onderwijsnummer

from swv.core.models import Rol

PROBLEM = "application/problem+json"

pytestmark = pytest.mark.django_db


def elfproef_nummer(rng: random.Random, *, prefix: str = "", remainder: int = 0) -> str:
    """A random nine-digit number whose elfproef sum (stdnum's checksum) equals `remainder`.

    Generated, never typed in: no number in this file belongs to a real person by intent.
    """
    while True:
        body = prefix + "".join(str(rng.randrange(10)) for _ in range(8 - len(prefix)))
        for last in "0123456789":
            candidate = body + last
            if int(candidate) and bsn.checksum(candidate) == remainder:
                return candidate


@pytest.fixture
def rng():
    return random.Random(2707)


@pytest.fixture
def api(users, client_for):
    return client_for(users[Rol.SWV_COORDINATOR.value])


def post_json(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    return body


def test_openapi_document_is_public_and_valid_openapi_3(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    spec = json.loads(response.content)
    assert spec["openapi"].startswith("3.")
    validate(spec)
    assert spec["info"]["version"] == "1.0.0"
    assert "/api/v1/identificatie/controle" in spec["paths"]
    assert all(not path.endswith("/") for path in spec["paths"])


def test_api_documentation_page_renders_html(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "redoc" in response.content.decode().lower()


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/api/v1/ik", "/api/v1/ik/", "/api/v1/bestaat-niet"])
def test_every_api_response_names_the_api_version(client, url):
    assert client.get(url)["API-Version"] == "1.0.0"


def test_pages_outside_the_api_carry_no_api_version(client):
    assert "API-Version" not in client.get("/inloggen/")


def test_trailing_slash_is_a_problem_404_not_a_redirect(api):
    response = api.get("/api/v1/ik/")

    body = assert_problem(response, 404)
    assert body["instance"] == "/api/v1/ik/"


def test_unknown_api_path_is_a_problem_404(client):
    assert_problem(client.get("/api/v1/bestaat-niet"), 404)


def test_anonymous_caller_is_refused_with_a_problem(client):
    response = client.get("/api/v1/ik")

    assert_problem(response, 401)


def test_ik_names_the_user_and_active_memberships(api):
    response = api.get("/api/v1/ik")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["gebruikersnaam"] == "swv_coordinator"
    assert [(m["swv"], m["rol"]) for m in body["lidmaatschappen"]] == [("PO9801", "swv_coordinator")]


@pytest.mark.parametrize("nummer", ["12345678", "1234567890", "12345678a", ""])
def test_identification_check_rejects_input_that_is_not_nine_digits(api, nummer):
    response = post_json(api, "/api/v1/identificatie/controle", {"nummer": nummer})

    body = assert_problem(response, 400)
    assert [param["name"] for param in body["invalidParams"]] == ["nummer"]
    assert body["invalidParams"][0]["reason"]


def test_identification_check_names_a_missing_field(api):
    body = assert_problem(post_json(api, "/api/v1/identificatie/controle", {}), 400)

    assert body["invalidParams"][0]["name"] == "nummer"
    assert body["invalidParams"][0]["code"] == "required"


def test_identification_check_accepts_a_valid_bsn(api, rng):
    nummer = elfproef_nummer(rng, prefix="2")
    assert bsn.is_valid(nummer)

    response = post_json(api, "/api/v1/identificatie/controle", {"nummer": nummer})

    assert response.status_code == 200
    assert response.json() == {"geldig": True, "soort": "bsn"}


def test_identification_check_recognises_an_onderwijsnummer(api, rng):
    nummer = elfproef_nummer(rng, prefix="10", remainder=5)
    assert onderwijsnummer.is_valid(nummer)

    response = post_json(api, "/api/v1/identificatie/controle", {"nummer": nummer})

    assert response.json() == {"geldig": True, "soort": "onderwijsnummer"}


def test_identification_check_reports_a_failed_elfproef_as_invalid(api, rng):
    nummer = elfproef_nummer(rng, prefix="2", remainder=1)
    assert not bsn.is_valid(nummer)

    response = post_json(api, "/api/v1/identificatie/controle", {"nummer": nummer})

    assert response.status_code == 200
    assert response.json() == {"geldig": False, "soort": None}


def test_identification_check_does_not_log_the_number(api, rng, caplog):
    nummer = elfproef_nummer(rng, prefix="2")

    post_json(api, "/api/v1/identificatie/controle", {"nummer": nummer})

    assert nummer not in caplog.text


def test_too_many_requests_get_a_problem_429(api, monkeypatch, clean_cache):
    # DRF copies the rates onto the throttle class at import, so set them where it reads them.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"})

    answers = [api.get("/api/v1/ik") for _ in range(3)]

    assert [r.status_code for r in answers[:2]] == [200, 200]
    body = assert_problem(answers[2], 429)
    assert int(answers[2]["Retry-After"]) > 0
    assert body["detail"]
