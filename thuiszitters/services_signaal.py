"""Handling the signals of the periodic checks (issue 12): acknowledge, close with a note, reopen.

Who may: whoever the signal is meant for, i.e. whoever sees it (`Signaal.objects.visible_to`, the one rule
in thuiszitters/querysets.py: the school roles of its school, leerplicht of the pupil's gemeente, the SWV,
per the signal's `voor_*` flags; a partner system as its organisation would). There is no second rule here:
the row is locked through that same queryset, so an invisible signal is refused exactly like a missing one.

Each write runs in `tracked_write` (the history names the person or partner system) and locks the row, so
two people closing the same signal at once are decided one after the other: the first closes it, the
second gets a Dutch error naming who closed it and nothing changes (code "gewijzigd", a 409 in the API).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from swv.core.services import is_person, tracked_write

from .models import Signaal
from .models.signaal import SignaalStatus

# A note is meant as a short account of what was done, not a file; the API and the form use the same limit.
NOTITIE_MAX = 2000


def _vergrendeld(signaal: Signaal, by) -> Signaal:
    """The current row, locked, if `by` may handle it (sees it); else PermissionDenied."""
    huidig = (
        Signaal.objects.visible_to(by)
        .select_for_update(of=("self",))
        .select_related("afgehandeld_door")
        .filter(pk=signaal.pk)
        .first()
    )
    if huidig is None:
        raise PermissionDenied(_("Dit signaal is niet voor u bestemd."))
    return huidig


def _al_gesloten(huidig: Signaal) -> ValidationError:
    door = huidig.afgehandeld_door
    wie = (door.get_full_name() or door.get_username()) if door else _("een partnersysteem of het systeem")
    op = date_format(timezone.localtime(huidig.afgehandeld_op), "j F Y H:i") if huidig.afgehandeld_op else ""
    return ValidationError(
        {
            "status": ValidationError(
                _("Dit signaal is intussen al gesloten door %(wie)s (%(op)s). Er is niets veranderd.")
                % {"wie": wie, "op": op},
                code="gewijzigd",
            )
        }
    )


def signaal_gezien(*, signaal: Signaal, by) -> Signaal:
    """Mark an open signal as seen (acknowledged): it stays in "Mijn taken" until closed. Seeing a seen
    signal again changes nothing; a closed one is refused (ValidationError, code "gewijzigd")."""
    with tracked_write(by):
        huidig = _vergrendeld(signaal, by)
        if huidig.status == SignaalStatus.GESLOTEN:
            raise _al_gesloten(huidig)
        if huidig.status == SignaalStatus.OPEN:
            huidig.status = SignaalStatus.GEZIEN
            huidig.save(update_fields=["status"])
    return huidig


def signaal_sluiten(*, signaal: Signaal, by, notitie: str) -> Signaal:
    """Close a signal with a note of what was done (required: the next person must be able to read why it
    was closed). A signal closed meanwhile by someone else is refused with who did it (code "gewijzigd")."""
    notitie = (notitie or "").strip()
    if not notitie:
        raise ValidationError(
            {
                "notitie": _(
                    "Schrijf in een notitie wat er met dit signaal is gedaan; zonder notitie sluit u het niet."
                )
            }
        )
    if len(notitie) > NOTITIE_MAX:
        raise ValidationError(
            {"notitie": _("De notitie is te lang (ten hoogste %(max)s tekens).") % {"max": NOTITIE_MAX}}
        )
    with tracked_write(by):
        huidig = _vergrendeld(signaal, by)
        if huidig.status == SignaalStatus.GESLOTEN:
            raise _al_gesloten(huidig)
        huidig.status = SignaalStatus.GESLOTEN
        huidig.notitie = notitie
        huidig.afgehandeld_door = by if is_person(by) else None
        huidig.afgehandeld_op = timezone.now()
        huidig.save(update_fields=["status", "notitie", "afgehandeld_door", "afgehandeld_op"])
    return huidig


def signaal_heropenen(*, signaal: Signaal, by) -> Signaal:
    """Reopen a closed signal (closed by mistake, or the situation came back within the same period: the
    check will not raise a second signal for the same pupil, rule and period). The note stays as it was
    (the history keeps every version); the signal is "gezien" again, since someone looked at it."""
    with tracked_write(by):
        huidig = _vergrendeld(signaal, by)
        if huidig.status != SignaalStatus.GESLOTEN:
            raise ValidationError(
                {"status": ValidationError(_("Dit signaal is niet gesloten."), code="niet_gesloten")}
            )
        huidig.status = SignaalStatus.GEZIEN
        huidig.afgehandeld_door = None
        huidig.afgehandeld_op = None
        huidig.save(update_fields=["status", "afgehandeld_door", "afgehandeld_op"])
    return huidig
