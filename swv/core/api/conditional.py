"""Conditional requests for every API object: an `ETag` on each representation and `If-Match` on writes.

NL API Design Rules / RFC 9110: a client that read an object sends its ETag back in `If-Match` when it
changes or ends it; when someone else changed the object in between, the write is refused with
412 problem+json (and the current ETag), instead of silently overwriting the other change.

Choices (docs/decisions.md):
- The ETag is a hash of the object's JSON representation (what GET answers), not a version column: it
  changes with every visible change, including related lists (werkgebied, gemeenten) and writes that do not
  go through a service (admin, DUO import, bulk updates), and needs no migration per model.
- Strong ETags (`"…"`): the hash is over the exact data, and If-Match uses the strong comparison.
  A weak tag (`W/"…"`) therefore never matches.
- `If-Match` is optional: a PATCH/DELETE without it is still allowed (existing partner systems keep
  working); with it, the check and the write happen in one transaction under a row lock, so two clients
  with the same ETag cannot both win.
"""

import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "Het object is gewijzigd sinds u het ophaalde (de ETag in If-Match klopt niet meer). "
        "Haal het opnieuw op, bekijk de wijziging en probeer het nog eens."
    )
    default_code = "precondition_failed"

    def __init__(self, etag: str) -> None:
        super().__init__()
        self.etag = etag


def etag_van(data: Any) -> str:
    """A strong ETag for a representation: the same data gives the same tag, in any process."""
    canoniek = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str, ensure_ascii=False)
    return '"' + hashlib.sha256(canoniek.encode()).hexdigest()[:32] + '"'


def if_match_klopt(header: str, etag: str) -> bool:
    """RFC 9110 13.1.1: `*` matches any current object; otherwise one of the listed tags, strongly."""
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    return "*" in tags or etag in tags


class ConditionalMixin:
    """For a GenericViewSet: `ETag` on detail responses, `If-Match` honoured on unsafe detail requests.

    The write responses (POST, PATCH, a detail action such as verhuizen) carry the ETag of the object
    they return, so a client can chain writes without a GET in between.
    """

    etag_acties = frozenset({"retrieve", "create", "partial_update"})

    def _if_match(self) -> str | None:
        request = self.request  # type: ignore[attr-defined]
        if request.method in SAFE_METHODS:
            return None
        # An empty If-Match names no version at all: treated as not sent, like a write without it.
        return request.headers.get("If-Match", "").strip() or None

    def dispatch(self, request, *args, **kwargs):
        # With If-Match the check and the write share one transaction and a row lock (see get_object).
        if request.method not in SAFE_METHODS and request.META.get("HTTP_IF_MATCH", "").strip():
            with transaction.atomic():
                return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)  # type: ignore[misc]
        if getattr(self, "_vergrendelen", False):
            # Only this table's row: the related rows may be null (outer joins cannot be locked).
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def get_object(self):
        if_match = self._if_match()
        self._vergrendelen = if_match is not None
        try:
            obj = super().get_object()  # type: ignore[misc]
        finally:
            self._vergrendelen = False
        if if_match is not None:
            huidig = etag_van(self.get_serializer(obj).data)  # type: ignore[attr-defined]
            if not if_match_klopt(if_match, huidig):
                raise PreconditionFailed(huidig)
        return obj

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)  # type: ignore[misc]
        if isinstance(exc, PreconditionFailed):
            response["ETag"] = exc.etag
        return response

    def finalize_response(self, request: Request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        action = getattr(self, "action", None)
        is_object = action in self.etag_acties or getattr(self, "detail", False)
        if (
            is_object
            and response.status_code in (status.HTTP_200_OK, status.HTTP_201_CREATED)
            and isinstance(getattr(response, "data", None), dict)
            and not response.has_header("ETag")
        ):
            response["ETag"] = etag_van(response.data)
        return response
