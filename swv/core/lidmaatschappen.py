"""Writes of memberships (who acts for which organisation, in which role, within which SWV).

The admin (*Beheer > Lidmaatschappen* and the memberships on an account's page) goes through these; an
invitation that is accepted creates its membership in `uitnodigingen.uitnodiging_beantwoorden`.
`full_clean` checks the same SWV for the organisation (`Lidmaatschap.clean`) and the unique membership,
with Dutch messages; pghistory records each write (`LidmaatschapEvent`) with who did it.
"""

from typing import TypedDict, Unpack

from django.db import models

from .models import Lidmaatschap, Samenwerkingsverband
from .services import check_fields, model_update, tracked_write


class LidmaatschapVelden(TypedDict, total=False):
    swv: Samenwerkingsverband
    organisatie: models.Model  # partners.Organisatie, a lazy reference (docs/decisions.md 22)
    rol: str
    actief: bool


def lidmaatschap_create(*, swv, user, organisatie, rol: str, by, actief: bool = True) -> Lidmaatschap:
    lidmaatschap = Lidmaatschap(swv=swv, user=user, organisatie=organisatie, rol=rol, actief=actief)
    lidmaatschap.full_clean()
    with tracked_write(by):
        lidmaatschap.save()
    return lidmaatschap


def lidmaatschap_update(
    *, lidmaatschap: Lidmaatschap, by, **fields: Unpack[LidmaatschapVelden]
) -> Lidmaatschap:
    """Change SWV, organisation, role or `actief` (ending a membership: `actief=False`, the row stays)."""
    check_fields(fields, LidmaatschapVelden)
    with tracked_write(by):
        model_update(lidmaatschap, fields)
    return lidmaatschap


def lidmaatschap_delete(*, lidmaatschap: Lidmaatschap, by) -> None:
    """Only for a platform superuser (the admin allows no one else): a beheerder ends it with `actief`."""
    with tracked_write(by):
        lidmaatschap.delete()
