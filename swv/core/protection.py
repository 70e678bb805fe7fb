"""Guards around every request: body size, response headers, and a database that is down.

Each answers a page in Dutch, or application/problem+json (RFC 9457) under /api/ with the same shape
as the API's own errors ({"type", "title", "status", "detail", "instance"}).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from .api.exceptions import PROBLEM_CONTENT_TYPE, problem

logger = logging.getLogger(__name__)

# What a browser should retry after when the database is unreachable (seconds).
DATABASE_RETRY_AFTER = 30


def refusal(request: HttpRequest, status: int, *, title: str, detail: str) -> HttpResponse:
    """A Dutch error page, or problem+json under /api/.

    Rendered without a request context: the context processors read the session and the database,
    which is exactly what is unreachable (503) or not yet allowed to be read (413).
    """
    if request.path.startswith("/api/"):
        body = problem(status, detail=detail, instance=request.path)
        # The API's own title where it has one for this status (413), so clients see one wording.
        if body["title"] == problem(599)["title"]:
            body["title"] = title
        return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    html = loader.get_template("weigering.html").render({"titel": title, "uitleg": detail})
    return HttpResponse(html, status=status)


# --- Request size ---


def body_limit(path: str) -> int:
    """The largest body accepted for `path`: the longest matching prefix, else the general limit."""
    prefixes = sorted(settings.MAX_REQUEST_BODY_BY_PATH.items(), key=lambda item: len(item[0]), reverse=True)
    for prefix, limit in prefixes:
        if path.startswith(prefix):
            return limit
    return settings.MAX_REQUEST_BODY


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


class RequestBodyLimitMiddleware:
    """Refuse a body above its limit by its Content-Length, before anything reads it.

    Django reads at most Content-Length bytes of a body (LimitedStream), so checking the announced
    length is enough. A body without a length (Transfer-Encoding: chunked) would be read as empty by
    Django anyway; it is refused with 411 instead of silently losing what was sent.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw_length = request.META.get("CONTENT_LENGTH") or ""
        if not raw_length:
            if request.META.get("HTTP_TRANSFER_ENCODING", "").strip():
                logger.warning("verzoek zonder lengte geweigerd", extra={"path": request.path})
                return refusal(
                    request,
                    411,
                    title=_("Lengte van het verzoek ontbreekt"),
                    detail=_("Stuur de inhoud met een Content-Length-header, niet in delen."),
                )
            return self.get_response(request)
        try:
            length = int(raw_length)
        except ValueError:
            length = -1
        if length < 0:
            return refusal(
                request,
                400,
                title=_("Ongeldige invoer."),
                detail=_("De lengte van het verzoek (Content-Length) is ongeldig."),
            )
        limit = body_limit(request.path)
        if length > limit:
            logger.warning(
                "te groot verzoek geweigerd",
                extra={"path": request.path, "content_length": length, "limit": limit},
            )
            return refusal(
                request,
                413,
                title=_("Verzoek te groot"),
                detail=_("Wat u verstuurt is groter dan %(mb)s MB; dat kan hier niet. Maak het kleiner.")
                % {"mb": _megabytes(limit)},
            )
        return self.get_response(request)


# --- Response headers ---


def permissions_policy_header() -> str:
    parts = []
    for feature, allowed in settings.PERMISSIONS_POLICY.items():
        parts.append(f"{feature}=({' '.join(allowed)})")
    return ", ".join(parts)


class ResponseHeadersMiddleware:
    """Permissions-Policy on every response, and Cache-Control: no-store unless the view chose one.

    Nearly every page and every API answer carries personal data or a CSRF token, so nothing the
    application itself renders may be kept by the browser or a shared cache. Static files are served
    by whitenoise above this middleware and keep their long-lived caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if "Cache-Control" not in response.headers:
            response["Cache-Control"] = "no-store"
        return response


# --- Database down ---

DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    response = refusal(
        request,
        503,
        title=_("Tijdelijk niet beschikbaar"),
        detail=_(
            "De database is op dit moment niet bereikbaar. Probeer het over enkele minuten opnieuw; "
            "blijft het misgaan, neem dan contact op met de functioneel beheerder."
        ),
    )
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response


class DatabaseUnavailableMiddleware:
    """503 instead of 500 when a view finds the database unreachable.

    Errors raised earlier, while a middleware loads the session or the user, reach Django's 500
    handler instead; `swv.core.views.server_error` sends those here too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("database niet bereikbaar: %s", type(exception).__name__)
            return database_unavailable(request)
        return None
