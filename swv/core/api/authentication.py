"""Authentication of partner systems (API clients) with `Authorization: Bearer kr_<prefix>_<secret>`.

Only the `Bearer` scheme (RFC 6750) is accepted; DRF's `Token` keyword is not, so there is one way to
send a token and one way to document it. A request without a Bearer header falls through to the next
authentication class (the browser session).

`request.auth` is the `ApiClient`; `request.user` is an `ApiClientUser`: authenticated, but with no
memberships and no role, so every role predicate in `rules` is false for it. What a client may do
comes from its scopes (`swv.core.api.permissions`).
"""

from datetime import timedelta

import rules
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.db.models.manager import EmptyManager
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from swv.core.models import ApiClient

from . import tokens
from .scopes import BESCHRIJVINGEN

KEYWORD = "Bearer"
# Record the last use at most this often: a write per request would make every read a write.
LAATST_GEBRUIKT_INTERVAL = timedelta(minutes=1)


class ApiClientUser:
    """Stands in for `request.user` when a partner system calls; modelled on Django's AnonymousUser.

    It has no primary key (it is not a `User`), no memberships and no Django permissions; `has_perm`
    asks the `rules` permission set, whose predicates can test scopes (`swv.core.rules.heeft_scope`).
    """

    pk = None
    id = None
    is_active = True
    is_staff = False
    is_superuser = False
    is_anonymous = False
    is_authenticated = True
    is_api_client = True
    # No acting membership: `swv.core.acting.lidmaatschap_van` returns None for a client.
    lidmaatschap = None
    _groups = EmptyManager(Group)
    _user_permissions = EmptyManager(Permission)

    def __init__(self, api_client: ApiClient) -> None:
        self.api_client = api_client

    def __str__(self) -> str:
        return f"API-client {self.api_client.naam}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiClientUser) and other.api_client.pk == self.api_client.pk

    def __hash__(self) -> int:
        return hash(("api_client", self.api_client.pk))

    @property
    def username(self) -> str:
        return f"api-client:{self.api_client.token_prefix}"

    def get_username(self) -> str:
        return self.username

    @property
    def groups(self):
        return self._groups

    @property
    def user_permissions(self):
        return self._user_permissions

    def has_perm(self, perm: str, obj=None) -> bool:
        return rules.has_perm(perm, self, obj)

    def has_perms(self, perm_list, obj=None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, module: str) -> bool:
        return False

    def get_all_permissions(self, obj=None) -> set[str]:
        return set()


class ApiClientAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`; unknown, wrong, revoked, expired or inactive tokens get 401."""

    def authenticate(self, request: Request) -> tuple[ApiClientUser, ApiClient] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Ongeldige Authorization-header: gebruik 'Bearer <token>' zonder spaties in het token.")
            )
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Ongeldig token.")) from None
        return self.authenticate_token(token)

    def authenticate_token(self, token: str) -> tuple[ApiClientUser, ApiClient]:
        delen = tokens.ontleed(token)
        client = None
        if delen is not None:
            client = (
                ApiClient.objects.select_related("swv", "organisatie")
                .filter(token_prefix=delen.prefix)
                .first()
            )
        # Unknown prefix and wrong secret get the same answer; the status of a client is only told to
        # a caller who holds its real token.
        if client is None or delen is None or not tokens.secret_klopt(delen.secret, client.token_hash):
            raise exceptions.AuthenticationFailed(_("Ongeldig token."))
        now = timezone.now()
        if client.is_ingetrokken:
            raise exceptions.AuthenticationFailed(_("Dit token is ingetrokken."))
        if client.is_verlopen(now):
            raise exceptions.AuthenticationFailed(_("Dit token is verlopen."))
        if not client.actief:
            raise exceptions.AuthenticationFailed(_("Deze API-client is uitgeschakeld."))
        self._noteer_gebruik(client, now)
        return ApiClientUser(client), client

    @staticmethod
    def _noteer_gebruik(client: ApiClient, now) -> None:
        # The row was just read, so in the common case (used less than a minute ago) this costs no query.
        # The WHERE on the old timestamp makes concurrent requests write at most once per interval.
        grens = now - LAATST_GEBRUIKT_INTERVAL
        if client.laatst_gebruikt_op is not None and client.laatst_gebruikt_op > grens:
            return
        ApiClient.objects.filter(
            Q(laatst_gebruikt_op__isnull=True) | Q(laatst_gebruikt_op__lte=grens), pk=client.pk
        ).update(laatst_gebruikt_op=now)
        client.laatst_gebruikt_op = now

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) when credentials are missing, with a hint how to authenticate.
        return f'{KEYWORD} realm="api"'


def is_api_client(user) -> bool:
    return getattr(user, "is_api_client", False)


class ApiClientAuthenticationScheme(OpenApiAuthenticationExtension):
    """Shows the bearer scheme, and the scopes that exist, in the OpenAPI document."""

    target_class = "swv.core.api.authentication.ApiClientAuthentication"
    name = "apiClientToken"

    def get_security_definition(self, auto_schema):
        scopes = "\n".join(f"- `{scope}`: {beschrijving}" for scope, beschrijving in BESCHRIJVINGEN.items())
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "kr_<prefix>_<geheim>",
            "description": str(
                _(
                    "Token van een API-client (partnersysteem), aan te vragen bij de functioneel beheerder "
                    "van het SWV. Wat een client mag, staat in zijn scopes:"
                )
            )
            + "\n\n"
            + scopes,
        }
