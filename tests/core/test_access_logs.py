"""Access logs name the path, never the query string or the Referer (both may carry personal data)."""

import datetime
import io
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from gunicorn.config import Config
from gunicorn.glogging import Logger

GUNICORN_CONF = Path(settings.BASE_DIR, "docker", "gunicorn.conf.py")
QUERY = "naam=Jansen&geboortedatum=2012-03-04"
REFERER = f"https://ketenregie.example/casussen/leerlingen/?{QUERY}"


def gunicorn_access_line() -> str:
    """One access-log line as gunicorn writes it with our config file, for a request with a query."""
    cfg = Config()
    for name, value in runpy.run_path(str(GUNICORN_CONF)).items():
        if name in cfg.settings:
            cfg.set(name, value)
    log = Logger(cfg)
    stream = io.StringIO()
    for handler in log.access_log.handlers:
        log.access_log.removeHandler(handler)
    log.access_log.addHandler(logging.StreamHandler(stream))
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/audit/?{QUERY}",
        "PATH_INFO": "/audit/",
        "QUERY_STRING": QUERY,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10",
        "HTTP_REFERER": REFERER,
        "HTTP_USER_AGENT": "Firefox",
    }
    request = SimpleNamespace(headers=[("REFERER", REFERER), ("USER-AGENT", "Firefox")])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[("X-Request-ID", "abc123def456")])
    log.access(response, request, environ, datetime.timedelta(milliseconds=42))
    return stream.getvalue()


def test_gunicorn_config_logs_the_path_without_query_string_or_referer():
    line = gunicorn_access_line()

    assert '"GET /audit/ HTTP/1.1" 200' in line
    assert "naam=" not in line
    assert "Jansen" not in line
    assert "geboortedatum" not in line
    assert "ketenregie.example" not in line  # no Referer
    assert "abc123def456" in line  # the request id ties it to the app's own log lines


def test_entrypoint_uses_the_gunicorn_config_file():
    entrypoint = Path(settings.BASE_DIR, "docker", "entrypoint.sh").read_text()

    assert "--config /app/docker/gunicorn.conf.py" in entrypoint
    # A command-line log format would win over the config file.
    assert "--access-logformat" not in entrypoint


def test_runserver_request_lines_lose_their_query_string():
    """`make run` logs through runserver's django.server logger; our filter on it drops the query."""
    server_logger = logging.getLogger("django.server")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    server_logger.addHandler(handler)
    try:
        # Exactly what django.core.servers.basehttp.WSGIRequestHandler.log_message sends.
        server_logger.info('"%s" %s %s', f"GET /audit/?{QUERY} HTTP/1.1", "200", "5120")
        server_logger.warning('"%s" %s %s', "POST /partners/?q=de%20Vries&x=1 HTTP/1.1", "403", "10")
    finally:
        server_logger.removeHandler(handler)

    messages = [record.getMessage() for record in records]
    assert messages == ['"GET /audit/ HTTP/1.1" 200 5120', '"POST /partners/ HTTP/1.1" 403 10']
