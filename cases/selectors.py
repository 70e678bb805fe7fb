"""Reads of pupils. One access helper per object (404 for missing and invisible, 403 for read-only)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import onderwijsnummer as stdnum_onderwijsnummer

from swv.core.access import AuditRead, get_for_user

from .models import Leerling
from .rules import mag_leerlingen_wijzigen
from .validators import NEGEN_CIJFERS, normaliseer_nummer


def soort_nummer(nummer: str) -> str:
    """ "bsn" or "onderwijsnummer" for a valid number (the two check-digit rules exclude each other:
    mod 11 is 0 for a BSN, 5 for an onderwijsnummer); a Dutch ValidationError on `nummer` otherwise."""
    if NEGEN_CIJFERS.match(nummer):
        if stdnum_bsn.is_valid(nummer):
            return "bsn"
        if stdnum_onderwijsnummer.is_valid(nummer):
            return "onderwijsnummer"
    raise ValidationError(
        {
            "nummer": _(
                "Dit is geen geldig BSN of onderwijsnummer: negen cijfers met een kloppend controlecijfer."
            )
        },
        code="nummer",
    )


def leerling_zoeken_op_nummer(swv, nummer: str) -> Leerling | None:
    """The pupil of `swv` (a `core.Swv` or its id) with this BSN or onderwijsnummer, or None.

    No access check and no audit row: the caller decides who may look (pages and API narrow it with
    `Leerling.objects.visible_to` and log the look-up without the number). Anonymised pupils are not found.
    An invalid number is a Dutch ValidationError on `nummer`."""
    nummer = normaliseer_nummer(nummer)
    veld = soort_nummer(nummer)
    return (
        Leerling.objects.filter(
            swv_id=getattr(swv, "pk", swv), geanonimiseerd_op__isnull=True, **{veld: nummer}
        )
        .select_related("school", "woongemeente")
        .first()
    )


def get_leerling_for_user(
    user, pk: int, *, write: bool = False, reason: str = "", request=None, gelezen: str = ""
) -> Leerling:
    """The pupil `pk` if `user` may see it (and, with write=True, change it).

    Raises Http404 when the pupil does not exist *or* is not visible, so an outsider cannot learn
    which ids exist; PermissionDenied when the pupil is visible but the role may only read.
    Every refusal of an existing pupil is written to the audit log as `denied` (`reason` names it);
    the request id and origin come from the request context (swv.audit.context), so callers outside a
    request work too. With `gelezen` (the page or endpoint, e.g. "leerlingpagina"), a successful
    look-up is written as a read of the pupil's data too (through `request` when given).
    """
    return get_for_user(
        Leerling.objects.select_related("swv", "school", "woongemeente"),
        user,
        pk,
        write=write,
        may_write=mag_leerlingen_wijzigen,
        request=request,
        audit=AuditRead(
            # No read row without `gelezen`: the caller shows nothing of the pupil (yet).
            reason=gelezen or (lambda _leerling: None),
            pupil=lambda leerling: leerling,
            log_denials=True,
            denied_reason=reason,
        ),
    )


def get_casus_for_user(
    user, pk: int, *, write: bool = False, reason: str = "", request=None, gelezen: str = ""
):
    """The case `pk` if `user` may see it (`Casus.objects.visible_to`), else Http404 (missing and invisible
    alike); with write=True, PermissionDenied unless the role may change cases (`cases.rules.mag_casus_wijzigen`).
    A case is a pupil's personal data: with `gelezen` a successful look-up is written as a read, and every
    refusal of an existing case as `denied`, both with the case's pupil."""
    from .models import Casus
    from .rules import mag_casus_wijzigen

    casus = get_for_user(
        Casus.objects.select_related("swv", "leerling", "school", "casusregisseur"),
        user,
        pk,
        write=write,
        may_write=mag_casus_wijzigen,
        request=request,
        audit=AuditRead(
            reason=gelezen or (lambda _casus: None),
            pupil=lambda casus: casus.leerling,
            log_denials=True,
            denied_reason=reason,
        ),
    )
    # Issue 11, overdracht: a school that handed the case over reads it for a while, never changes it.
    from .services_overdracht import alleen_leestoegang

    if write and alleen_leestoegang(user, casus):
        raise PermissionDenied
    return casus
