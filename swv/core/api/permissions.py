"""Who may call an endpoint: session users by their role, partner systems (API clients) by scope.

`HasScope` is the project's default permission class (deny by default):

- not authenticated: 401;
- a logged-in person: allowed here; the view's own role rules (`rules`, `visible_to`) decide further;
- an API client: only if the view declares `required_scopes` and the client has all of them (else 403).
  A view without `required_scopes` is closed to API clients.

`required_scopes` is a list of scopes for every method, or a dict from HTTP method or viewset action
to a list, for example ``{"GET": [Scope.VERZUIM_LEZEN], "POST": [Scope.VERZUIM_SCHRIJVEN]}``. An
empty list means "any API client". `scope_required(...)` builds a permission class with fixed scopes.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .authentication import is_api_client

_NIET_OPGEGEVEN = object()


def _scopes_voor(view, request: Request, required) -> Sequence[str] | None:
    """The scopes a client needs for this request, or None when clients may not call it at all."""
    if required is _NIET_OPGEGEVEN or required is None:
        return None
    if isinstance(required, Mapping):
        action = getattr(view, "action", None)
        if action in required:
            return required[action]
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        return required.get(method)
    return list(required)


def _has_handler(view, request: Request) -> bool:
    method = (request.method or "").lower()
    return method in getattr(view, "http_method_names", ()) and hasattr(view, method)


class HasScope(BasePermission):
    # A list of scopes, a mapping per action or method, None (no API clients) or _NIET_OPGEGEVEN.
    required_scopes: Any = _NIET_OPGEGEVEN

    def has_permission(self, request: Request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not _has_handler(view, request):
            # A method the endpoint does not offer (PUT where only PATCH exists) is a 405 with the view's
            # Allow header, for everyone who is logged in, before any role or scope check: a 403 would
            # suggest the caller lacks a right, while no right makes PUT exist.
            raise MethodNotAllowed(request.method or "")
        if not is_api_client(user):
            return True
        required = self.required_scopes
        if required is _NIET_OPGEGEVEN:
            required = getattr(view, "required_scopes", _NIET_OPGEGEVEN)
        nodig = _scopes_voor(view, request, required)
        if nodig is None:
            self.message = _("Dit endpoint is niet beschikbaar voor API-clients.")
            return False
        # The stubs assume DRF's Token as request.auth; for an API client it is its ApiClient.
        ontbrekend = sorted(set(nodig) - set(request.auth.scopes))  # type: ignore[union-attr]
        if ontbrekend:
            self.message = _("Deze API-client mist de scope(s): %(scopes)s.") % {
                "scopes": ", ".join(ontbrekend)
            }
            return False
        return True


def scope_required(*scopes: str) -> type[HasScope]:
    """A permission class that lets API clients in only with all of `scopes`; people as `HasScope` does."""
    return type(f"ScopeRequired[{','.join(scopes)}]", (HasScope,), {"required_scopes": tuple(scopes)})
