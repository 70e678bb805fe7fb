"""Writes of pupils. Pages, API, imports and tasks all call these; they do not check access
(the caller did, through `get_leerling_for_user` / the rules), they keep the data consistent.

pghistory's triggers record every write with old and new values; the context set here says who.
"""

import logging

import pghistory
from django.db import transaction

from .models import Leerling

logger = logging.getLogger(__name__)

# What a caller may set; swv, geanonimiseerd_op and the id are never changed through a service.
WIJZIGBARE_VELDEN = frozenset(
    {
        "bsn",
        "onderwijsnummer",
        "voornaam",
        "achternaam",
        "geboortedatum",
        "school",
        "woongemeente",
        "uitgeschreven_op",
    }
)


def _check_velden(fields: dict) -> None:
    unknown = set(fields) - WIJZIGBARE_VELDEN
    if unknown:
        raise TypeError(f"Onbekende of niet wijzigbare velden: {', '.join(sorted(unknown))}")


def _context(by) -> dict:
    return {"user": by.pk} if by is not None else {"bron": "systeem"}


def leerling_create(*, swv, by, **fields) -> Leerling:
    """Create a pupil in `swv`. Raises ValidationError (Dutch messages) and changes nothing on bad input."""
    _check_velden(fields)
    leerling = Leerling(swv=swv, **fields)
    leerling.full_clean()
    with transaction.atomic(), pghistory.context(**_context(by)):
        leerling.save()
    # Ids only: never a name or BSN in a log line.
    logger.info("leerling aangemaakt", extra={"leerling_id": leerling.pk, "swv_id": swv.pk})
    return leerling


def leerling_update(*, leerling: Leerling, by, **fields) -> Leerling:
    """Change the given fields of a pupil; saves only what changed (update_fields)."""
    _check_velden(fields)
    changed = []
    for name, value in fields.items():
        if getattr(leerling, name) != value:
            setattr(leerling, name, value)
            changed.append(name)
    if not changed:
        return leerling
    leerling.full_clean()
    with transaction.atomic(), pghistory.context(**_context(by)):
        leerling.save(update_fields=changed)
    logger.info("leerling gewijzigd", extra={"leerling_id": leerling.pk, "velden": sorted(changed)})
    return leerling
