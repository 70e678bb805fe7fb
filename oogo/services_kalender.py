"""Writes and the look-up of the personal calendar feed's token (decision 66).

The token is `<prefix>-<secret>`: 12 hex characters that find the row, and 64 hex characters (256 bits)
of which only the SHA-256 is stored, as for API clients (`swv.core.api.tokens`: a random secret of this
size needs no slow hash and no salt). Making a new feed revokes the old one; both are in the audit trail.
"""

import datetime
import secrets
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.api.tokens import hash_secret, secret_klopt
from swv.core.models import Lidmaatschap

from .models import KalenderToken

PREFIX_BYTES = 6  # 12 hex characters
SECRET_BYTES = 32  # 64 hex characters
# How often `laatst_gebruikt_op` is written: a calendar polls every few minutes to hours; a write per
# poll says nothing more than one per quarter of an hour.
LAATST_GEBRUIKT_RESOLUTIE = datetime.timedelta(minutes=15)


class NieuweFeed(NamedTuple):
    token: KalenderToken
    plaintext: str


def _intrekken(token: KalenderToken, by, reden: str) -> None:
    token.ingetrokken_op = timezone.now()
    token.save(update_fields=["ingetrokken_op"])
    audit_log(actor=by, action=AuditEvent.Action.UPDATE, obj=token, reason=reden)


def feed_maken(*, lidmaatschap: Lidmaatschap, by) -> NieuweFeed:
    """A new feed URL for this membership; the one it had stops working at once.

    Returns the row and the plaintext token: it is not stored and cannot be shown again.
    """
    if lidmaatschap.user_id != getattr(by, "pk", None) or not lidmaatschap.actief:
        raise ValidationError(_("Een agenda-feed maakt u alleen voor uw eigen, actieve rol."))
    with transaction.atomic():
        # The membership row is the lock: two clicks at once make one working feed, not two.
        Lidmaatschap.objects.select_for_update().get(pk=lidmaatschap.pk)
        for oud in KalenderToken.objects.filter(lidmaatschap=lidmaatschap, ingetrokken_op__isnull=True):
            _intrekken(oud, by, "agenda-feed vervangen")
        prefix, secret = secrets.token_hex(PREFIX_BYTES), secrets.token_hex(SECRET_BYTES)
        token = KalenderToken.objects.create(
            swv_id=lidmaatschap.swv_id,
            user_id=lidmaatschap.user_id,
            lidmaatschap=lidmaatschap,
            prefix=prefix,
            token_hash=hash_secret(secret),
        )
        audit_log(actor=by, action=AuditEvent.Action.CREATE, obj=token, reason="agenda-feed aangemaakt")
    return NieuweFeed(token, f"{prefix}-{secret}")


def feed_intrekken(*, lidmaatschap: Lidmaatschap, by) -> int:
    """Stop the working feed of this membership; returns how many were revoked (0 or 1)."""
    if lidmaatschap.user_id != getattr(by, "pk", None):
        raise ValidationError(_("U kunt alleen uw eigen agenda-feed intrekken."))
    with transaction.atomic():
        tokens = list(
            KalenderToken.objects.select_for_update().filter(
                lidmaatschap=lidmaatschap, ingetrokken_op__isnull=True
            )
        )
        for token in tokens:
            _intrekken(token, by, "agenda-feed ingetrokken")
    return len(tokens)


def actieve_feed(lidmaatschap: Lidmaatschap | None) -> KalenderToken | None:
    if lidmaatschap is None:
        return None
    return KalenderToken.objects.filter(lidmaatschap=lidmaatschap, ingetrokken_op__isnull=True).first()


def token_zoeken(plaintext: str) -> KalenderToken | None:
    """The working token for a presented one, with its user and membership; None for anything else.

    None too when the user is inactive or the membership ended: the feed then answers 404, as for a token
    that never existed, so a URL says nothing about whose it was.
    """
    prefix, _sep, secret = plaintext.partition("-")
    if len(prefix) != PREFIX_BYTES * 2 or len(secret) != SECRET_BYTES * 2:
        return None
    token = (
        KalenderToken.objects.select_related("user", "lidmaatschap__swv", "lidmaatschap__organisatie")
        .filter(prefix=prefix, ingetrokken_op__isnull=True)
        .first()
    )
    if token is None or not secret_klopt(secret, token.token_hash):
        return None
    if (
        not token.user.is_active
        or not token.lidmaatschap.actief
        or token.lidmaatschap.user_id != token.user_id
    ):
        return None
    return token


def gebruik_vastleggen(token: KalenderToken) -> None:
    """Remember when the feed was last fetched (shown on the page), at most once per quarter of an hour."""
    nu = timezone.now()
    if token.laatst_gebruikt_op is None or token.laatst_gebruikt_op < nu - LAATST_GEBRUIKT_RESOLUTIE:
        KalenderToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=nu)
