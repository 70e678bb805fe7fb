"""Who reads and who changes the registry through the API: tenancy and write rights in one place.

People (browser session) act through their membership: any member of the SWV reads (`visible_to`), only
the roles of `partners.wijzigen` write. A partner system (API client) has no membership and no role: it
reads and writes within the SWV of its client (`request.auth.swv`), as far as its scopes allow
(`required_scopes` on the views, checked by `swv.core.api.permissions.HasScope`).
"""

from django.db import models
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from swv.core.acting import lidmaatschap_van
from swv.core.api.authentication import is_api_client


def zichtbaar(model: type[models.Model], request: Request) -> models.QuerySet:
    """The rows of `model` the caller may read: always one SWV, never another tenant's rows.

    `visible_to` (partners/querysets.py) knows both kinds of caller: the acting membership's SWV for a
    person, the client's SWV for a partner system.
    """
    return model.objects.visible_to(request.user)


def swv_van(request: Request):
    """The tenant new rows belong to: the client's SWV, or the SWV of the acting membership."""
    if is_api_client(request.user):
        return request.auth.swv
    lidmaatschap = lidmaatschap_van(request.user)
    return lidmaatschap.swv if lidmaatschap is not None else None


class MagPartnersWijzigen(BasePermission):
    """Writes by people need `partners.wijzigen`; reads need only membership (the queryset decides).

    On a single object the check waits for the object: an id of another SWV answers 404 before any
    403, so a refused caller cannot learn which ids exist elsewhere. Clients are decided by scope.
    """

    def has_permission(self, request: Request, view) -> bool:
        if request.method in SAFE_METHODS or is_api_client(request.user):
            return True
        if getattr(view, "detail", False):
            return True  # decided in has_object_permission, after the 404 of an invisible object
        return request.user.has_perm("partners.wijzigen")

    def has_object_permission(self, request: Request, view, obj) -> bool:
        if request.method in SAFE_METHODS or is_api_client(request.user):
            return True
        return request.user.has_perm("partners.wijzigen", obj)
