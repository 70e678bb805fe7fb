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


def test_a_caller_request_id_is_kept_as_correlation_id_but_never_becomes_our_request_id(client, json_log):
    response = client.get("/inloggen/", headers={"X-Request-ID": "partner-abc.123_XYZ"})

    request_id = response["X-Request-ID"]
    assert request_id != "partner-abc.123_XYZ"
    assert uuid.UUID(request_id).version == 4
    assert response["X-Correlation-ID"] == "partner-abc.123_XYZ"
    (line,) = request_lines(json_log)
    assert line["request_id"] == request_id
    assert line["correlatie_id"] == "partner-abc.123_XYZ"


def test_two_requests_with_the_same_caller_id_get_different_request_ids(client):
    first = client.get("/inloggen/", headers={"X-Request-ID": "zelfde-id-12345"})
    second = client.get("/inloggen/", headers={"X-Request-ID": "zelfde-id-12345"})

    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert first["X-Correlation-ID"] == second["X-Correlation-ID"] == "zelfde-id-12345"


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("kort", "kort"),
        ("met spaties erin", "metspatieserin"),
        ("x" * 65, "x" * 64),
        ("inject\tnieuwe-regel", "injectnieuwe-regel"),
        ("<script>alert(1)</script>", "scriptalert1script"),
        ("<>", None),
    ],
)
def test_a_caller_request_id_is_cleaned_and_cut_to_64_characters(client, json_log, incoming, kept):
    response = client.get("/inloggen/", headers={"X-Request-ID": incoming})

    request_id = response["X-Request-ID"]
    assert uuid.UUID(request_id).version == 4
    assert response.get("X-Correlation-ID") == kept
    (line,) = request_lines(json_log)
    assert line["request_id"] == request_id
    assert line.get("correlatie_id") == kept
    if incoming != kept:
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
