"""One JSON log line per request, carrying the request id that the response also returns."""

import io
import json
import logging
import logging.config
import uuid

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """Everything logged during the test, formatted with the project's JSON formatter and filter."""
    configurator = logging.config.DictConfigurator(settings.LOGGING)
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"])))
    handler.addFilter(configurator.configure_filter(dict(settings.LOGGING["filters"]["request_id"])))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.stream
    finally:
        root.removeHandler(handler)


def log_lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def request_lines(stream) -> list[dict]:
    return [line for line in log_lines(stream) if line["logger"] == "swv.request"]


def test_request_log_line_is_json_with_the_request_id_of_the_response(client, json_log):
    response = client.get("/inloggen/")

    (line,) = request_lines(json_log)
    request_id = response["X-Request-ID"]
    assert uuid.UUID(request_id).version == 4
    assert line["request_id"] == request_id
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/inloggen/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert "time" in line


def test_each_request_gets_its_own_id(client):
    assert client.get("/inloggen/")["X-Request-ID"] != client.get("/inloggen/")["X-Request-ID"]


def test_a_well_formed_caller_request_id_is_kept(client, json_log):
    response = client.get("/inloggen/", headers={"X-Request-ID": "partner-abc.123_XYZ"})

    assert response["X-Request-ID"] == "partner-abc.123_XYZ"
    assert request_lines(json_log)[0]["request_id"] == "partner-abc.123_XYZ"


@pytest.mark.parametrize(
    "incoming",
    ["kort", "met spaties erin", "x" * 65, "inject\nnieuwe-regel", "<script>alert(1)</script>"],
)
def test_a_malformed_caller_request_id_is_replaced(client, json_log, incoming):
    response = client.get("/inloggen/", headers={"X-Request-ID": incoming})

    request_id = response["X-Request-ID"]
    assert request_id != incoming
    assert uuid.UUID(request_id).version == 4
    assert request_lines(json_log)[0]["request_id"] == request_id
    assert incoming not in json_log.getvalue()


def test_the_query_string_is_never_logged(client, json_log):
    client.get("/inloggen/?zoek=geheime-leerling&next=/casussen/")
    client.get("/bestaat-niet/?zoek=geheime-leerling")

    output = json_log.getvalue()
    assert [line["path"] for line in request_lines(json_log)] == ["/inloggen/", "/bestaat-niet/"]
    assert "geheime-leerling" not in output
    assert "zoek=" not in output


def test_health_probes_are_not_logged_per_request(client, json_log, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # no worker needed: only the log matters

    client.get("/health")

    assert request_lines(json_log) == []


def test_django_error_lines_carry_the_request_id_too(client, json_log):
    response = client.get("/bestaat-niet/")

    (line,) = [line for line in log_lines(json_log) if line["logger"] == "django.request"]
    assert line["message"] == "Not Found: /bestaat-niet/"
    assert line["request_id"] == response["X-Request-ID"]
