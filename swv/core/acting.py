"""Which membership a user is acting through for this request.

A user can be a member of several organisations or SWVs; the session remembers the chosen one
(`lidmaatschap_id`), otherwise the first active membership is used. The choice is shown on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import SimpleLazyObject

from .models import Lidmaatschap, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .api.authentication import ApiClientUser

# Whoever a request or a task acts as: a person, nobody (not logged in) or a partner system. DRF types
# its request.user as an AbstractBaseUser.
Caller: TypeAlias = "User | AbstractBaseUser | AnonymousUser | ApiClientUser"

SESSION_KEY = "lidmaatschap_id"


def actieve_lidmaatschappen(user: Caller) -> list[Lidmaatschap]:
    # An API client (partner system) has scopes, not memberships.
    if not user.is_authenticated or getattr(user, "is_api_client", False) or not isinstance(user, User):
        return []
    return list(
        Lidmaatschap.objects.filter(user=user, actief=True)
        .select_related("swv", "organisatie")
        .order_by("swv__code", "organisatie__naam", "rol")
    )


def _resolve(request: HttpRequest) -> Lidmaatschap | None:
    lidmaatschappen = actieve_lidmaatschappen(request.user)
    # Kept for the page header ("choose another role" only when there is more than one).
    request.alle_lidmaatschappen = lidmaatschappen  # type: ignore[attr-defined]
    if not lidmaatschappen:
        return None
    chosen = request.session.get(SESSION_KEY)
    for lidmaatschap in lidmaatschappen:
        if lidmaatschap.pk == chosen:
            return lidmaatschap
    return lidmaatschappen[0]


class ActingMembershipMiddleware:
    """Put the acting membership on the request and on the user, so `rules` predicates can read it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        lazy = SimpleLazyObject(lambda: _resolve(request))
        request.lidmaatschap = lazy  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            # Only on this request's user object; lidmaatschap_van reads it with getattr.
            request.user.lidmaatschap = lazy  # type: ignore[attr-defined]
        return self.get_response(request)


def lidmaatschap_van(user: Caller) -> Lidmaatschap | None:
    """The acting membership of a user; outside a request (tasks, shell) the first active one."""
    lazy = getattr(user, "lidmaatschap", None)
    if lazy is not None:
        # SimpleLazyObject wrapping None is truthy; unwrap it.
        return lazy if getattr(lazy, "pk", None) else None
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_api_client", False):
        return None
    first = actieve_lidmaatschappen(user)
    return first[0] if first else None


def eerst_kiezen(request: HttpRequest, url: str) -> str:
    """Where to go after logging in: first the choice page when the person has more than one membership.

    Only while nothing is chosen in this session (a fresh login starts a new one) and not when `url`
    is the choice page already. One membership: straight on to `url`.
    """
    from django.urls import reverse
    from django.utils.http import urlencode

    kiezen = reverse("kies_lidmaatschap")
    if request.session.get(SESSION_KEY) or url.startswith(kiezen):
        return url
    if len(actieve_lidmaatschappen(request.user)) > 1:
        return f"{kiezen}?{urlencode({'next': url})}"
    return url
