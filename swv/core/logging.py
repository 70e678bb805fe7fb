"""Request ids for log lines.

Every request gets the server's own id (a new uuid4): it is kept in a contextvar so every log line
written while handling the request carries it, it is the request id of the audit trail, and it is
returned in the X-Request-ID response header so a user can quote it to support. A caller's own
X-Request-ID is never that key (a client could otherwise choose, reuse or collide audit keys): it is
kept apart, cleaned and cut to 64 characters, as the correlation id (audit `correlatie_id`, log
field `correlatie_id`, response header X-Correlation-ID).
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_correlation_id: contextvars.ContextVar[str] = contextvars.ContextVar("correlatie_id", default="")
_NOT_ALLOWED = re.compile(r"[^A-Za-z0-9._:-]")
CORRELATION_ID_MAX = 64


def new_request_id() -> str:
    return uuid.uuid4().hex


def correlation_id(incoming: str | None) -> str:
    """The caller's id, safe to log and store: letters, digits and . _ : - only, at most 64."""
    return _NOT_ALLOWED.sub("", incoming or "")[:CORRELATION_ID_MAX]


def get_correlation_id() -> str:
    return _correlation_id.get()


def set_correlation_id(value: str) -> contextvars.Token[str]:
    return _correlation_id.set(value)


def reset_correlation_id(token: contextvars.Token[str]) -> None:
    _correlation_id.reset(token)


def get_request_id() -> str:
    return _request_id.get()


def set_request_id(value: str) -> contextvars.Token[str]:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)


# --- secret path segments (part oogo-ics): a URL that is itself the key (a calendar feed) ---
# Apps register the paths whose segment is a secret (`register_secret_path`, from their AppConfig.ready());
# every log line through the console handler (the request log, Django's "Not Found: ..." warnings,
# runserver's request line) and gunicorn's access log (docker/gunicorn.conf.py) show it masked.
_SECRET_PATHS: list[re.Pattern[str]] = []
MASK = "***"


def register_secret_path(pattern: str) -> None:
    """`pattern` has three groups: what comes before the secret, the secret, what follows it."""
    compiled = re.compile(pattern)
    if compiled.groups != 3:
        raise ValueError("register_secret_path: give three groups (before, secret, after)")
    if all(p.pattern != pattern for p in _SECRET_PATHS):
        _SECRET_PATHS.append(compiled)


def mask_secret_paths(text: str) -> str:
    for pattern in _SECRET_PATHS:
        text = pattern.sub(lambda m: f"{m.group(1)}{MASK}{m.group(3)}", text)
    return text


def _mask_record(record: logging.LogRecord) -> None:
    if not _SECRET_PATHS:
        return
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken record is logging's own problem, not ours
        return
    masked = mask_secret_paths(message)
    if masked != message:
        record.msg, record.args = masked, ()
    path = getattr(record, "path", None)
    if isinstance(path, str):
        record.path = mask_secret_paths(path)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # On the console handler for every logger: the one place where a secret path is masked.
        _mask_record(record)
        request_id = _request_id.get()
        if request_id == "-":
            # Django logs 4xx/5xx answers (logger django.request) after the middleware has finished;
            # the request object it passes along still knows its id.
            request_id = getattr(getattr(record, "request", None), "request_id", "-")
        record.request_id = request_id
        return True


_QUERY_STRING = re.compile(r"(?P<path>/[^\s?\"]*)\?[^\s\"]*")


class QueryStringFilter(logging.Filter):
    """Drop query strings from log messages (runserver's `"GET /audit/?naam=... HTTP/1.1" 200`).

    A query string may carry personal data; the path alone says which page was asked for.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _QUERY_STRING.sub(r"\g<path>", message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


class JsonFormatter(_JsonFormatter):
    """JSON lines without Django's `request` extra.

    Django passes the request object with every django.request record; its repr holds the full
    query string, which may carry personal data (a name, a BSN). The path is already in the message.
    """

    def __init__(self, *args, reserved_attrs=None, **kwargs) -> None:
        reserved = list(RESERVED_ATTRS if reserved_attrs is None else reserved_attrs)
        super().__init__(*args, reserved_attrs=[*reserved, "request"], **kwargs)
