"""Writes of pupils. Pages, API, imports and tasks all call these; they do not check access
(the caller did, through `get_leerling_for_user` / the rules), they keep the data consistent.

pghistory's triggers record every write with old and new values; the context set here says who.
"""

import datetime
import logging
from typing import TypedDict, Unpack

from partners.models import Organisatie
from swv.core.services import check_fields, model_update, tracked_write

from .models import Leerling

logger = logging.getLogger(__name__)


class LeerlingVelden(TypedDict, total=False):
    """What a caller may set (the keys of `**fields`; a key left out is not given, None is a value).
    swv, geanonimiseerd_op and the id are never changed through a service."""

    bsn: str | None
    onderwijsnummer: str | None
    voornaam: str
    achternaam: str
    geboortedatum: datetime.date
    school: Organisatie
    woongemeente: Organisatie
    uitgeschreven_op: datetime.date | None


def leerling_create(*, swv, by, **fields: Unpack[LeerlingVelden]) -> Leerling:
    """Create a pupil in `swv`. Raises ValidationError (Dutch messages) and changes nothing on bad input."""
    check_fields(fields, LeerlingVelden)
    leerling = Leerling(swv=swv, **fields)
    leerling.full_clean()
    # The shared write context: a person, a partner system (API client) or the system.
    with tracked_write(by):
        leerling.save()
    # Ids only: never a name or BSN in a log line.
    logger.info("leerling aangemaakt", extra={"leerling_id": leerling.pk, "swv_id": swv.pk})
    return leerling


def leerling_update(*, leerling: Leerling, by, **fields: Unpack[LeerlingVelden]) -> Leerling:
    """Change the given fields of a pupil; saves only what changed (update_fields)."""
    check_fields(fields, LeerlingVelden)
    with tracked_write(by):
        changed = model_update(leerling, fields)
    if not changed:
        return leerling
    logger.info("leerling gewijzigd", extra={"leerling_id": leerling.pk, "velden": sorted(changed)})
    return leerling
