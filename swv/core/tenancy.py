"""Tenancy: which SWV a caller acts for, and the base queryset every tenant-owned model starts from.

One function decides the tenant for every kind of caller (a person through the acting membership, a
partner system through its API client, a task through nothing); every app's querysets, services, pages
and API views ask it here instead of finding the SWV their own way (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.db import models

from .acting import Caller, lidmaatschap_van

if TYPE_CHECKING:
    from .models import Samenwerkingsverband


def acting_swv_id(user: Caller) -> int | None:
    """The id of the SWV `user` acts for; None = sees nothing (deny by default)."""
    # An API client (partner system) belongs to one SWV; its scopes are checked by the API layer.
    client = getattr(user, "api_client", None)
    if getattr(user, "is_api_client", False) and client is not None:
        return client.swv_id if client.actief else None
    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap.swv_id if lidmaatschap is not None else None


def acting_swv(user: Caller) -> Samenwerkingsverband | None:
    """The SWV `user` acts for (a `core.Swv`), or None."""
    client = getattr(user, "api_client", None)
    if getattr(user, "is_api_client", False) and client is not None:
        return client.swv if client.actief else None
    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap.swv if lidmaatschap is not None else None


class TenantQuerySet(models.QuerySet):
    """Base queryset of a model with a `swv` foreign key: `visible_to` is its one read rule."""

    # The app's module permission ("oogo.module"), when only some roles may use the app: a person whose
    # acting role lacks it sees no row. The API checks no module (only `visible_to` and scopes), so
    # without this every member of the SWV could read the app's rows there. API clients: their scopes.
    module_permission: ClassVar[str | None] = None

    def visible_to(self, user: Caller) -> Self:
        """Rows of the SWV the user acts for (deny by default: no membership, nothing)."""
        swv_id = acting_swv_id(user)
        if swv_id is None:
            return self.none()
        if self.module_permission and not getattr(user, "is_api_client", False):
            has_perm = getattr(user, "has_perm", None)  # a User; Caller also admits a bare AbstractBaseUser
            if has_perm is None or not has_perm(self.module_permission):
                return self.none()
        return self.filter(swv_id=swv_id)
