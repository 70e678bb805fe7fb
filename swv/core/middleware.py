import logging
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .logging import (
    correlation_id,
    new_request_id,
    reset_correlation_id,
    reset_request_id,
    set_correlation_id,
    set_request_id,
)

logger = logging.getLogger("swv.request")


class RequestIdMiddleware:
    """Give each request an id, log one line per request (never the query string: it may hold data)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Our own id is the key (logs, audit); the caller's X-Request-ID is only a correlation id.
        request_id = new_request_id()
        correlatie_id = correlation_id(request.headers.get("X-Request-ID"))
        request.request_id = request_id  # type: ignore[attr-defined]
        request.correlatie_id = correlatie_id  # type: ignore[attr-defined]
        token = set_request_id(request_id)
        correlation_token = set_correlation_id(correlatie_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if correlatie_id:
                response["X-Correlation-ID"] = correlatie_id
            if request.path != "/health":
                logger.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.monotonic() - started) * 1000, 1),
                        **({"correlatie_id": correlatie_id} if correlatie_id else {}),
                    },
                )
            return response
        finally:
            reset_correlation_id(correlation_token)
            reset_request_id(token)


class ApiVersionMiddleware:
    """NL API Design Rules (API-57): every API response names the full API version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response


class ProductErrorPagesMiddleware:
    """With DEBUG on, still answer 404 and 500 with the product's own Dutch pages.

    Django replaces handler404/handler500 by its English technical pages (with the list of URL
    patterns) whenever DEBUG is on, so `make run` showed those to anyone trying the app. Only an
    explicit DEBUG_PAGINAS=true brings them back. The technical pages are recognised by the robots
    meta tag Django puts in both; a view's own 404 content is left alone. The API has its own answer
    (ProblemJsonMiddleware). The exception itself is still logged by Django with its traceback.
    """

    TECHNICAL_MARKER = b'<meta name="robots" content="NONE,NOARCHIVE">'

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not settings.DEBUG
            or settings.DEBUG_PAGINAS
            or response.status_code not in (404, 500)
            or response.streaming
            or request.path.startswith("/api/")
            or self.TECHNICAL_MARKER not in response.content
        ):
            return response
        from .views import page_not_found, server_error

        if response.status_code == 404:
            return page_not_found(request)
        return server_error(request)
