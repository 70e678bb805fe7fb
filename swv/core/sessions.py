"""Ending every session of an account at once (after a lockout, or when its second factor is reset)."""

import logging

from django.db.models import F

logger = logging.getLogger(__name__)


def sessies_beeindigen(*, user_id: int, reden: str) -> None:
    """End every existing session of this account.

    The session store (database, or cache in another deployment) cannot be searched by user, so the
    account's `sessie_versie` goes up instead: it is part of the session auth hash that Django checks on
    every request, so each old session is logged out at its next request, wherever it is stored.
    """
    from .models import User

    User.objects.filter(pk=user_id).update(sessie_versie=F("sessie_versie") + 1)
    logger.info("sessies beeindigd", extra={"user_id": user_id, "reden": reden})


def bij_lockout(sender, request=None, username=None, **kwargs) -> None:
    """django-axes `user_locked_out`: a password under attack; sessions already open are ended too."""
    from .models import User

    for user_id in User.objects.filter(username=username).values_list("pk", flat=True):
        sessies_beeindigen(user_id=user_id, reden="lockout")
