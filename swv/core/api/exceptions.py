"""Errors as application/problem+json (RFC 9457), as the NL API Design Rules require.

Validation errors keep DRF's 400 (never 422) and list each field under `invalidParams`,
the extension Open Zaak and the Dutch API strategy use.
"""

import math
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import IntegrityError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

_TITLES = {
    400: _l("Ongeldige invoer."),
    401: _l("Niet geauthenticeerd."),
    403: _l("Geen toegang."),
    404: _l("Niet gevonden."),
    405: _l("Methode niet toegestaan."),
    406: _l("Gevraagd formaat niet beschikbaar."),
    409: _l("Conflict met de opgeslagen gegevens."),
    412: _l("Voorwaarde niet vervuld."),
    413: _l("Invoer te groot."),
    415: _l("Formaat van de invoer niet ondersteund."),
    429: _l("Te veel verzoeken."),
    500: _l("Interne fout."),
}


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Turn DRF's nested error dict into a flat list of {name, code, reason}."""
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_flatten(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)) and not all(isinstance(v, str) for v in value):
                params.extend(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
            else:
                params.extend(_flatten(value, prefix))
    else:
        params.append(
            {
                "name": prefix or "nonFieldErrors",
                # Always a string, as the Problem schema says: some errors are raised without a code.
                "code": getattr(detail, "code", None) or "invalid",
                "reason": str(detail),
            }
        )
    return params


def problem(status_code: int, *, detail: str = "", instance: str = "", extra: dict | None = None) -> dict:
    body = {
        "type": f"https://httpstatuses.io/{status_code}",
        "title": str(_TITLES.get(status_code, _l("Fout."))),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if extra:
        body.update(extra)
    return body


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _l(
        "Dit botst met gegevens die intussen (tegelijk) zijn opgeslagen. Haal de gegevens opnieuw op en "
        "probeer het nog eens."
    )
    default_code = "conflict"


def _django_request_error(exc: Exception) -> exceptions.APIException | None:
    """Django's own refusals while DRF reads the body, as API errors instead of a bare 400/500."""
    if isinstance(exc, RequestDataTooBig):
        error = exceptions.APIException(
            _("De invoer is groter dan deze API aanneemt (%(max)s bytes).") % {"max": _max_body()}
        )
        error.status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        return error
    if isinstance(exc, TooManyFieldsSent):
        return exceptions.ParseError(_("De invoer heeft te veel velden."))
    return None


def _max_body() -> int:
    from django.conf import settings

    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def throttled_detail(wait: float | None) -> str:
    if wait is None:
        return _("Te veel verzoeken. Probeer het later opnieuw.")
    seconds = max(1, math.ceil(wait))
    return ngettext(
        "Te veel verzoeken. Probeer het over %(seconden)d seconde opnieuw.",
        "Te veel verzoeken. Probeer het over %(seconden)d seconden opnieuw.",
        seconds,
    ) % {"seconden": seconds}


def problem_exception_handler(exc: Exception, context: dict) -> Response | None:
    exc = _django_request_error(exc) or exc
    if isinstance(exc, IntegrityError):
        # A race a service did not turn into a Dutch validation error (two writes at once, one constraint):
        # the database kept the data consistent and refused one; that is a conflict, never a 500.
        exc = Conflict()
    response = exception_handler(exc, context)
    request = context.get("request")
    instance = request.path if request is not None else ""
    if response is None:
        # Unexpected errors: let Django log them and answer 500; the 500 handler makes it a problem.
        return None
    extra: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = _("Een of meer velden zijn ongeldig.")
        extra["invalidParams"] = _flatten(exc.detail)
        response.status_code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, exceptions.Throttled):
        # DRF's own text is half translated ("Expected available in 12 seconds"); Retry-After is set
        # by DRF's handler from the same `wait`.
        wait: float | None = exc.wait  # type: ignore[attr-defined]  # set in Throttled.__init__, not in the stubs
        detail = throttled_detail(wait)
        if wait is not None:
            response["Retry-After"] = str(max(1, math.ceil(wait)))
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detail = _("De methode %(methode)s is hier niet toegestaan.") % {
            "methode": request.method if request is not None else ""
        }
    elif isinstance(exc, exceptions.APIException):
        detail = str(exc.detail)
    else:
        detail = ""
    response.data = problem(response.status_code, detail=detail, instance=instance, extra=extra)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_response(request: HttpRequest, status_code: int, detail: str = "") -> JsonResponse:
    """For errors raised outside DRF views (Django's 404/500 handlers on /api/ paths)."""
    return JsonResponse(
        problem(status_code, detail=detail, instance=request.path),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
