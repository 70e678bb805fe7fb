"""Request ids for log lines.

Every request gets an id (the caller's X-Request-ID when it is well-formed, else a new uuid4);
it is kept in a contextvar so every log line written while handling the request carries it,
and it is returned in the X-Request-ID response header so a user can quote it to support.
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(incoming: str | None = None) -> str:
    if incoming and _VALID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def get_request_id() -> str:
    return _request_id.get()


def set_request_id(value: str) -> contextvars.Token[str]:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request_id = _request_id.get()
        if request_id == "-":
            # Django logs 4xx/5xx answers (logger django.request) after the middleware has finished;
            # the request object it passes along still knows its id.
            request_id = getattr(getattr(record, "request", None), "request_id", "-")
        record.request_id = request_id
        return True


class JsonFormatter(_JsonFormatter):
    """JSON lines without Django's `request` extra.

    Django passes the request object with every django.request record; its repr holds the full
    query string, which may carry personal data (a name, a BSN). The path is already in the message.
    """

    def __init__(self, *args, reserved_attrs=None, **kwargs) -> None:
        reserved = list(RESERVED_ATTRS if reserved_attrs is None else reserved_attrs)
        super().__init__(*args, reserved_attrs=[*reserved, "request"], **kwargs)
