"""Reads of TLVs (issue 11, part TLV): the list, one TLV for a user, and the check by another SWV's school.

Every list and detail starts from `Tlv.objects.visible_to` (the case rule). The check by BSN is the one
deliberate read across SWVs (a TLV of one SWV is valid at a school of another, domain.md): it answers only
kind, bekostigingscategorie, period and whether the TLV is valid, never the pupil, the case, the advices,
the motivering, the issuing SWV or the beschikkingsnummer."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from swv.core.access import AuditRead, get_for_user
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN, Rol

from .models import Leerling, Tlv
from .models.tlv import TlvStatus
from .selectors import soort_nummer
from .validators import normaliseer_nummer


def tlvs_lijst(user):
    """The visible TLVs with what the list shows (pupil, school of the case) in one query."""
    return Tlv.objects.visible_to(user).select_related("leerling", "casus__school")


def filter_tlvs(qs, *, status: str = "", soort: str = "", verloopt_voor: datetime.date | None = None):
    """The list's filters; one definition for the page and the API."""
    if status:
        qs = qs.filter(status=status)
    if soort:
        qs = qs.filter(soort=soort)
    if verloopt_voor is not None:
        qs = qs.filter(status=TlvStatus.TOEGEKEND, einddatum__lte=verloopt_voor)
    return qs


def mag_tlv_wijzigen(user) -> bool:
    """Write access to the TLV pages (advice, decision): SWV roles; the services check the finer rule."""
    from swv.core.acting import lidmaatschap_van

    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap is not None and lidmaatschap.rol in SWV_ROLLEN


def get_tlv_for_user(
    user, pk: int, *, write: bool = False, request=None, gelezen: str = "", reason: str = ""
):
    """The TLV `pk` if the user may see its case; Http404 for missing and invisible alike; with write=True,
    PermissionDenied for a role that only reads (the school). A read is logged with the pupil."""
    return get_for_user(
        Tlv.objects.select_related("swv", "leerling", "casus__school", "besloten_door", "aangevraagd_door"),
        user,
        pk,
        write=write,
        may_write=mag_tlv_wijzigen,
        request=request,
        audit=AuditRead(
            reason=gelezen or (lambda _tlv: None),
            pupil=lambda tlv: tlv.leerling,
            log_denials=True,
            denied_reason=reason,
        ),
    )


def mag_controleren(user) -> bool:
    """Who may check a pupil's TLV by BSN: a school (it enrols the pupil) and the SWV's own staff."""
    from swv.core.acting import lidmaatschap_van

    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap is not None and (
        lidmaatschap.rol in SCHOOL_ROLLEN or lidmaatschap.rol in (Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER)
    )


@dataclass(frozen=True)
class TlvControle:
    """What a school of any SWV learns about a pupil's TLV: nothing that identifies pupil, case or SWV."""

    soort: str
    soort_label: str
    bekostigingscategorie: str
    ingangsdatum: datetime.date
    einddatum: datetime.date
    geldig: bool  # valid today (else it starts later)


def tlv_controleren(
    nummer: str, *, op: datetime.date | None = None
) -> tuple[list[TlvControle], list[Leerling]]:
    """The granted TLVs of the pupil with this BSN/onderwijsnummer in every SWV of this installation that
    are valid on `op` (default today) or start later; expired and refused ones are not shown. Returns the
    answer and the pupils found (for the audit row of the caller, never shown). An invalid number is a Dutch
    ValidationError on `nummer`."""
    op = op or timezone.localdate()
    nummer = normaliseer_nummer(nummer)
    veld = soort_nummer(nummer)
    # Across tenants on purpose (domain.md: a TLV is valid at a school of another SWV); the answer below
    # holds no personal data but the fact of a TLV.
    leerlingen = list(Leerling.objects.filter(geanonimiseerd_op__isnull=True, **{veld: nummer}))
    tlvs = Tlv.objects.filter(
        leerling__in=leerlingen, status=TlvStatus.TOEGEKEND, einddatum__gte=op
    ).order_by("ingangsdatum", "pk")
    antwoord = [
        TlvControle(
            soort=t.soort,
            soort_label=str(t.get_soort_display()),
            bekostigingscategorie=str(t.get_bekostigingscategorie_display())
            if t.bekostigingscategorie
            else "",
            ingangsdatum=t.ingangsdatum,  # type: ignore[arg-type]
            einddatum=t.einddatum,  # type: ignore[arg-type]
            geldig=t.is_geldig_op(op),
        )
        for t in tlvs
    ]
    return antwoord, leerlingen
