"""Request types for code that runs behind a login (views under login_required, the admin).

Django types `request.user` as User or AnonymousUser; behind a login it is always our User. Views
annotate their request as `AuthenticatedHttpRequest`; code that cannot change its signature (admin
methods) asks `ingelogde_gebruiker`, which refuses rather than going on with an anonymous user.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """For the type checker only: the request of a view that login_required let through."""

    user: User


class HtmxHttpRequest(AuthenticatedHttpRequest):
    """For the type checker only: a logged-in request with django-htmx's `request.htmx` (its middleware)."""

    htmx: HtmxDetails


def ingelogde_gebruiker(request: HttpRequest) -> User:
    """The logged-in person of `request`; PermissionDenied for anyone else (never expected here)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
