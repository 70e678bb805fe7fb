"""The base of every app's API: one viewset class that gets tenancy, scopes, write rights, conditional
requests, strict input and model errors right, so an app's viewset only names its model, serializers and
services (docs/api.md, "Een app aan de API toevoegen").

- Reads: `model.objects.visible_to(user)` (swv.core.tenancy.TenantQuerySet): the caller's one SWV, for a
  person through the acting membership and for a partner system through its API client. Another SWV's
  id answers 404, exactly like an id that does not exist.
- Scopes: `required_scopes` from `scopes(lezen=..., schrijven=...)`, checked by `HasScope`.
- Write rights of people: `MagSchrijven` with the view's `schrijfrecht` (a django-rules permission);
  API clients are decided by scope.
- Writes: `maak(velden)` / `wijzig(obj, velden)` call the app's services; a Django ValidationError
  from a service becomes a 400 problem with the API's field names (`als_api_fout`).
- ETag and If-Match on every object (`ConditionalMixin`).
- Reads of personal data: with `audit_lezen` set, every list response and every object read writes
  one read row in the audit log, here, so no app's viewset has to remember it.

swv/core imports no domain app: everything app-specific is a class attribute or a method the app fills in.
"""

from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.pagination import BasePagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log

from ..tenancy import acting_swv
from .authentication import is_api_client
from .conditional import ConditionalMixin
from .pagination import LimitOffsetPagination
from .permissions import HasScope
from .serializers import als_api_fout


def scopes(*, lezen: Sequence[str], schrijven: Sequence[str]) -> dict[str, list[str]]:
    """`required_scopes` for a collection: `lezen` for GET, `schrijven` for every write."""
    return {
        "GET": list(lezen),
        "POST": list(schrijven),
        "PATCH": list(schrijven),
        "DELETE": list(schrijven),
    }


class MagSchrijven(BasePermission):
    """Writes by people need the view's `schrijfrecht` (a rules permission such as "partners.wijzigen");
    reads need only membership (the queryset decides). API clients are decided by scope (`HasScope`).

    On a single object the check waits for the object: an id of another SWV answers 404 before any
    403, so a refused caller cannot learn which ids exist elsewhere.
    """

    def has_permission(self, request: Request, view) -> bool:
        if request.method in SAFE_METHODS or is_api_client(request.user):
            return True
        if getattr(view, "detail", False):
            return True  # decided in has_object_permission, after the 404 of an invisible object
        return request.user.has_perm(view.schrijfrecht)

    def has_object_permission(self, request: Request, view, obj) -> bool:
        if request.method in SAFE_METHODS or is_api_client(request.user):
            return True
        return request.user.has_perm(view.schrijfrecht, obj)


# Shared plumbing: tenancy, scopes, write rights, ETag/If-Match, and model errors as invalidParams.
# (A comment, not a docstring: drf-spectacular would show a docstring to integrators as a description.)
class TenantViewSet(
    ConditionalMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    model: type[models.Model]
    serializer_class: type[serializers.Serializer]
    schrijfrecht: str  # the rules permission a person needs to write, e.g. "partners.wijzigen"
    invoer_serializer_class: type | None = None
    wijzig_serializer_class: type | None = None
    permission_classes = [HasScope, MagSchrijven]
    pagination_class: type[BasePagination] | None = LimitOffsetPagination
    # Personal data (names, phone numbers, e-mail): set to (object type, singular, plural), e.g.
    # ("partners.sleutelfiguur", "sleutelfiguur", "sleutelfiguren"); each GET then writes one read row
    # (a list one per request, with the number of rows; an object one with its id).
    audit_lezen: tuple[str, str, str] | None = None
    lookup_value_converter = "int"

    def get_queryset(self):
        return self.met_relaties(self.model.objects.visible_to(self.request.user))  # type: ignore[attr-defined]

    def met_relaties(self, queryset):
        """Override to add select_related/prefetch_related and the ordering of the list."""
        return queryset

    @property
    def swv(self):
        """The tenant new rows belong to (swv.core.tenancy: the client's or the acting membership's SWV)."""
        return acting_swv(self.request.user)

    def get_serializer_context(self) -> dict:
        context = dict(super().get_serializer_context())  # a dict already; the stubs say Mapping
        context["swv"] = self.swv
        # Output fields a client may echo back: refused as read-only rather than as unknown.
        context["alleen_lezen"] = set(self.serializer_class._declared_fields)
        return context

    def _invoer(self, serializer_class, data, **kwargs):
        serializer = serializer_class(data=data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer

    def _uitvoer(self, obj, status_code=status.HTTP_200_OK) -> Response:
        # Read back through the same queryset as GET, so a write answers exactly what a read would.
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(obj).data, status=status_code)

    def _bewaar(self, serializer, schrijf: Callable):
        try:
            return schrijf(**serializer.validated_data)
        except DjangoValidationError as exc:
            raise als_api_fout(exc, serializer) from exc

    def _service(self, schrijf: Callable, *, serializer_class: type):
        """Run a write that takes no input (an ending); its Django ValidationError becomes a 400."""
        try:
            return schrijf()
        except DjangoValidationError as exc:
            raise als_api_fout(exc, serializer_class()) from exc

    def create(self, request: Request) -> Response:
        invoer = self._invoer(self.invoer_serializer_class, request.data)
        obj = self._bewaar(invoer, lambda **velden: self.maak(velden))
        return self._uitvoer(obj, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: int) -> Response:
        obj = self.get_object()
        invoer = self._invoer(
            self.wijzig_serializer_class or self.invoer_serializer_class, request.data, partial=True
        )
        obj = self._bewaar(invoer, lambda **velden: self.wijzig(obj, velden))
        return self._uitvoer(obj)

    def list(self, request: Request, *args, **kwargs) -> Response:
        response = super().list(request, *args, **kwargs)
        if self.audit_lezen is not None:
            object_type, _enkelvoud, meervoud = self.audit_lezen
            rijen = (
                response.data.get("results", response.data)
                if isinstance(response.data, dict)
                else response.data
            )
            audit_log(
                request=request,
                action=AuditEvent.Action.READ,
                object_type=object_type,
                object_id="lijst",
                reason=f"API: {len(rijen)} {meervoud}",
            )
        return response

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        if self.audit_lezen is not None:
            object_type, enkelvoud, _meervoud = self.audit_lezen
            audit_log(
                request=request,
                action=AuditEvent.Action.READ,
                object_type=object_type,
                object_id=str(kwargs.get("pk", "")),
                reason=f"API: {enkelvoud}",
            )
        return response

    def maak(self, velden: dict):
        raise NotImplementedError

    def wijzig(self, obj, velden: dict):
        raise NotImplementedError


def collectie_schema(naam, meervoud, *, tags: list[str], extra: dict | None = None, **beschrijvingen):
    """Dutch summaries for the standard actions (list, retrieve) of one collection, plus `extra`."""
    acties = {
        "list": extend_schema(
            summary=_("Lijst van %(meervoud)s") % {"meervoud": meervoud},
            description=beschrijvingen.get("list", ""),
            tags=tags,
        ),
        "retrieve": extend_schema(
            summary=_("Eén %(naam)s") % {"naam": naam},
            description=_(
                "Geeft 404 als het object niet bestaat of bij een ander samenwerkingsverband hoort."
            ),
            tags=tags,
        ),
    }
    acties.update(extra or {})
    return extend_schema_view(**acties)
