"""Writes to API clients. The admin, the management command and tests all go through these."""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.core.models import ApiClient, User

from . import tokens

logger = logging.getLogger("swv.api_clients")


def _normaliseer_scopes(scopes: Iterable[str]) -> list[str]:
    # Sorted and unique, so the stored list (and the admin's change history) does not depend on order.
    return sorted(set(scopes))


def _log(actie: str, client: ApiClient, by: User | None) -> None:
    # Never the token or its hash: the prefix is enough to recognise a client.
    logger.info(
        "api_client_%s",
        actie,
        extra={
            "api_client_id": client.pk,
            "token_prefix": client.token_prefix,
            "swv": client.swv.code,
            "door": by.pk if by else None,
        },
    )


@transaction.atomic
def api_client_create(
    *,
    naam: str,
    organisatie: models.Model,  # the organisation model ApiClient.organisatie points at (a lazy reference)
    scopes: Iterable[str],
    verloopt_op: datetime | None = None,
    by: User | None,
) -> tuple[ApiClient, str]:
    """Create a client for `organisatie` within that organisation's SWV.

    Returns the client and the plaintext token. The token is not stored and cannot be shown again:
    hand it to the partner system now.
    """
    nieuw = tokens.nieuw_token()
    # The platform may not import the organisation model, even for typing (decision 22): the plugin
    # knows it is partners.Organisatie, the signature can only say Model.
    client = ApiClient(
        swv=organisatie.swv,  # type: ignore[attr-defined]
        organisatie=organisatie,  # type: ignore[misc]
        naam=naam,
        scopes=_normaliseer_scopes(scopes),
        verloopt_op=verloopt_op,
        aangemaakt_door=by,
        token_prefix=nieuw.prefix,
        token_hash=nieuw.hash,
    )
    client.full_clean()
    client.save()
    _log("aangemaakt", client, by)
    return client, nieuw.plaintext


@transaction.atomic
def api_client_update(
    *,
    client: ApiClient,
    naam: str,
    scopes: Iterable[str],
    verloopt_op: datetime | None,
    actief: bool,
    by: User | None,
) -> ApiClient:
    """Change name, scopes, expiry or the active switch. The token stays the same."""
    client.naam = naam
    client.scopes = _normaliseer_scopes(scopes)
    client.verloopt_op = verloopt_op
    client.actief = actief
    client.full_clean()
    client.save(update_fields=["naam", "scopes", "verloopt_op", "actief"])
    _log("gewijzigd", client, by)
    return client


@transaction.atomic
def api_client_rotate(*, client: ApiClient, by: User | None) -> str:
    """Give the client a new token and return it; the old token stops working at once.

    Both prefix and secret change, so the old token no longer even finds the row.
    A revoked client cannot get a new token: create a new client instead.
    """
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if locked.is_ingetrokken:
        raise ValidationError(
            _("Een ingetrokken API-client kan geen nieuw token krijgen."), code="ingetrokken"
        )
    nieuw = tokens.nieuw_token()
    locked.token_prefix = nieuw.prefix
    locked.token_hash = nieuw.hash
    locked.token_vernieuwd_op = timezone.now()
    locked.save(update_fields=["token_prefix", "token_hash", "token_vernieuwd_op"])
    client.refresh_from_db()
    _log("token_vernieuwd", client, by)
    return nieuw.plaintext


@transaction.atomic
def api_client_revoke(*, client: ApiClient, by: User | None) -> ApiClient:
    """Revoke the client for good: its token is refused from now on. Revoking twice changes nothing."""
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if not locked.is_ingetrokken:
        locked.ingetrokken_op = timezone.now()
        locked.ingetrokken_door = by
        locked.actief = False
        locked.save(update_fields=["ingetrokken_op", "ingetrokken_door", "actief"])
        _log("ingetrokken", locked, by)
    client.refresh_from_db()
    return client
