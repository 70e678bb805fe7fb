"""Request context for the audit trail: origin IP and request id, reachable without passing `request`.

`AuditContextMiddleware` sets them for each request (and the pghistory context with the user id and
request id, so database-trigger events say who wrote). Code outside a request (Celery, shell) sees
empty values, which is what the log then records.
"""

import contextvars

import pghistory.middleware
from django.conf import settings
from django.http import HttpRequest

from swv.core.logging import get_correlation_id, get_request_id

_client_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("audit_client_ip", default=None)


def client_ip(request: HttpRequest) -> str | None:
    """The caller's IP; behind N trusted proxies (DJANGO_PROXY_COUNT) the Nth from the right in X-Forwarded-For."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0)
    if proxies:
        forwarded = [p.strip() for p in request.headers.get("X-Forwarded-For", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def current_ip() -> str | None:
    return _client_ip.get()


def current_request_id() -> str:
    request_id = get_request_id()
    return "" if request_id == "-" else request_id


def current_correlation_id() -> str:
    return get_correlation_id()


class AuditContextMiddleware(pghistory.middleware.HistoryMiddleware):
    """After authentication: remember origin for `audit_log`, and tell pghistory who writes."""

    def get_context(self, request):
        context = super().get_context(request)
        context["request_id"] = getattr(request, "request_id", "") or current_request_id()
        correlatie_id = getattr(request, "correlatie_id", "") or current_correlation_id()
        if correlatie_id:
            context["correlatie_id"] = correlatie_id
        return context

    def __call__(self, request):
        token = _client_ip.set(client_ip(request))
        try:
            return super().__call__(request)
        finally:
            _client_ip.reset(token)
