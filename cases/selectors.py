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


# --- part oogo-cijfers: counts per woongemeente for the OOGO data pack (issue 13) ---
# Raw counts of cases, TLVs and arrangementen of the pupils living in one gemeente (`Leerling.woongemeente`,
# the link leerplicht and the routekaart use too). Set-based, one query each, no pupil leaves this module.
# Not for display as they are: oogo/datapakket.py suppresses every count below 5 (the monitor's `onderdruk`).

from typing import TYPE_CHECKING  # noqa: E402 - kept inside this appended block

if TYPE_CHECKING:
    import datetime


def casus_tellingen_gemeente(
    *, swv, gemeente, van: "datetime.datetime", tot: "datetime.datetime"
) -> dict[str, int]:
    """Open cases per status now (the SWV's statuses: not concept, not closed), plus the cases aangemeld
    and afgesloten in [van, tot)."""
    from django.db.models import Count, Q

    from .models import Casus
    from .workflow import GESLOTEN, Status

    open_statussen = [s for s in Status.values if s not in GESLOTEN and s != Status.CONCEPT]
    aggregaten = {f"open_{s}": Count("pk", filter=Q(status=s)) for s in open_statussen}
    aggregaten["aangemeld"] = Count("pk", filter=Q(aangemeld_op__gte=van, aangemeld_op__lt=tot))
    aggregaten["afgesloten"] = Count(
        "pk", filter=Q(status=Status.AFGESLOTEN, afgesloten_op__gte=van, afgesloten_op__lt=tot)
    )
    return Casus.objects.filter(swv=swv, leerling__woongemeente=gemeente).aggregate(**aggregaten)


def tlv_tellingen_gemeente(
    *, swv, gemeente, van: "datetime.datetime", tot: "datetime.datetime"
) -> dict[tuple[str, str], int]:
    """TLVs requested in [van, tot), as (soort, status) -> count; absent pairs are 0."""
    from django.db.models import Count

    from .models import Tlv

    rijen = (
        Tlv.objects.filter(
            swv=swv, leerling__woongemeente=gemeente, aangevraagd_op__gte=van, aangevraagd_op__lt=tot
        )
        .values("soort", "status")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    return {(r["soort"], r["status"]): r["aantal"] for r in rijen}


def arrangement_tellingen_gemeente(*, swv, gemeente) -> dict[tuple[str, str], int]:
    """Arrangementen that are not ended, as (status, doelgroep of the voorziening) -> count."""
    from django.db.models import Count

    from .models import Arrangement

    rijen = (
        Arrangement.objects.filter(swv=swv, casus__leerling__woongemeente=gemeente)
        .exclude(status=Arrangement.Status.BEEINDIGD)
        .values("status", "voorziening__doelgroep")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    return {(r["status"], r["voorziening__doelgroep"]): r["aantal"] for r in rijen}
