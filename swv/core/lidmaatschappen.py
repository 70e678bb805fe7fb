"""Writes of memberships (who acts for which organisation, in which role, within which SWV).

The admin (*Beheer > Lidmaatschappen* and the memberships on an account's page) goes through these; an
invitation that is accepted creates its membership in `uitnodigingen.uitnodiging_beantwoorden`.
`full_clean` checks the same SWV for the organisation (`Lidmaatschap.clean`) and the unique membership,
with Dutch messages; pghistory records each write (`LidmaatschapEvent`) with who did it.
"""

import pghistory
from django.db import transaction

from .models import Lidmaatschap

LIDMAATSCHAP_VELDEN = frozenset({"swv", "organisatie", "rol", "actief"})


def _context(by) -> dict:
    return {"user": by.pk} if getattr(by, "pk", None) else {"bron": "systeem"}


def lidmaatschap_create(*, swv, user, organisatie, rol: str, by, actief: bool = True) -> Lidmaatschap:
    lidmaatschap = Lidmaatschap(swv=swv, user=user, organisatie=organisatie, rol=rol, actief=actief)
    lidmaatschap.full_clean()
    with transaction.atomic(), pghistory.context(**_context(by)):
        lidmaatschap.save()
    return lidmaatschap


def lidmaatschap_update(*, lidmaatschap: Lidmaatschap, by, **fields) -> Lidmaatschap:
    """Change SWV, organisation, role or `actief` (ending a membership: `actief=False`, the row stays)."""
    onbekend = set(fields) - LIDMAATSCHAP_VELDEN
    if onbekend:
        raise TypeError(f"Onbekende of niet wijzigbare velden: {', '.join(sorted(onbekend))}")
    changed = [naam for naam, waarde in fields.items() if getattr(lidmaatschap, naam) != waarde]
    for naam in changed:
        setattr(lidmaatschap, naam, fields[naam])
    if changed:
        lidmaatschap.full_clean()
        with transaction.atomic(), pghistory.context(**_context(by)):
            lidmaatschap.save(update_fields=changed)
    return lidmaatschap


def lidmaatschap_delete(*, lidmaatschap: Lidmaatschap, by) -> None:
    """Only for a platform superuser (the admin allows no one else): a beheerder ends it with `actief`."""
    with transaction.atomic(), pghistory.context(**_context(by)):
        lidmaatschap.delete()
