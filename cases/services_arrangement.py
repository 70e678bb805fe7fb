"""Writes of arrangementen (issue 11): request, assign, start and end a voorziening for a case.

Who may call these is the caller's check (`get_casus_for_user` and `cases.rules`: the school and the SWV
request, only the SWV assigns, starts and ends). These keep the data consistent: the voorziening of the
case's SWV, only the allowed transitions (models/arrangement.py OVERGANGEN), a reason when it ends, and
no silent overbooking. Every write is tracked (pghistory, `by`) and put on the case's tijdlijn.

Capacity: assigning takes a place. The voorziening's row is locked (`SELECT ... FOR UPDATE`) before its
places are counted, so two coordinators assigning the last place at the same moment are serialised: the
second one counts the first one's place and gets the warning. A full voorziening is assigned only when the
user confirms the warning (`bevestigd=True`), which is recorded on the arrangement (`boven_capaciteit`).
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.models import Voorziening
from swv.core.services import check_same_swv, tracked_write

from .models import Arrangement, Casus
from .models.arrangement import BEZET, OVERGANGEN, ArrangementStatus
from .tijdlijn import tijdlijn_toevoegen

logger = logging.getLogger(__name__)


class VoorzieningVol(ValidationError):
    """The voorziening has no free place: shown as a warning the user may confirm (code "vol")."""


def plekken(voorziening: Voorziening) -> tuple[int, int]:
    """(taken, capacity) of a voorziening now: the registry's typed number plus the arrangementen that take
    a place. Call inside the transaction that locked the voorziening when the answer decides a write."""
    bezet = Arrangement.objects.filter(voorziening=voorziening, status__in=sorted(BEZET)).count()
    return voorziening.bezetting + bezet, voorziening.capaciteit


def vol_melding(voorziening: Voorziening) -> str:
    """The warning for a full voorziening, or "" when it has room."""
    bezet, capaciteit = plekken(voorziening)
    if bezet < capaciteit:
        return ""
    return _(
        "%(naam)s is vol: %(bezet)d van %(capaciteit)d plekken zijn bezet. Bevestig als u het arrangement "
        "toch wilt toekennen (boven de capaciteit)."
    ) % {"naam": voorziening.naam, "bezet": bezet, "capaciteit": capaciteit}


def arrangement_aanvragen(
    *,
    casus: Casus,
    voorziening: Voorziening,
    reden: str,
    startdatum: datetime.date,
    einddatum: datetime.date | None = None,
    by,
) -> Arrangement:
    """Request `voorziening` for the case (status aangevraagd: on the voorziening's waiting list).
    Raises a Dutch ValidationError on the field and changes nothing on bad input."""
    check_same_swv("voorziening", casus.swv_id, [voorziening])
    if casus.is_gesloten:
        raise ValidationError(_("Deze casus is gesloten; er kan geen arrangement meer bij."))
    arrangement = Arrangement(
        swv_id=casus.swv_id,
        casus=casus,
        voorziening=voorziening,
        reden=(reden or "").strip(),
        startdatum=startdatum,
        einddatum=einddatum,
        aangevraagd_door=by
        if getattr(by, "is_authenticated", False) and not getattr(by, "is_api_client", False)
        else None,
    )
    if not arrangement.reden:
        raise ValidationError({"reden": _("Geef de reden voor dit arrangement.")})
    arrangement.full_clean()
    with tracked_write(by):
        arrangement.save()
        tijdlijn_toevoegen(
            casus=casus,
            soort="arrangement",
            titel=_("Arrangement aangevraagd: %(naam)s") % {"naam": voorziening.naam},
            toelichting=arrangement.reden,
            by=by,
            obj=arrangement,
        )
    logger.info("arrangement aangevraagd", extra={"casus_id": casus.pk, "arrangement_id": arrangement.pk})
    return arrangement


_TITELS = {
    ArrangementStatus.TOEGEKEND: gettext_lazy("Arrangement toegekend: %(naam)s"),
    ArrangementStatus.GESTART: gettext_lazy("Arrangement gestart: %(naam)s"),
    ArrangementStatus.BEEINDIGD: gettext_lazy("Arrangement beëindigd: %(naam)s"),
}


def arrangement_status_wijzigen(
    *,
    arrangement: Arrangement,
    naar: str,
    by,
    reden: str = "",
    einddatum: datetime.date | None = None,
    bevestigd: bool = False,
    van: str | None = None,
) -> Arrangement:
    """Move the arrangement to `naar` if OVERGANGEN allows it from its current status.

    `van`: the status the user saw; when someone changed it meanwhile the change is refused (nothing lost
    silently). Toekennen locks the voorziening and refuses a full one with `VoorzieningVol` unless
    `bevestigd`. Beëindigen needs `reden` (why it ended or did not go ahead) and sets the einddatum (today
    when not given)."""
    if naar not in ArrangementStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    with tracked_write(by):
        arrangement = (
            Arrangement.objects.select_for_update(of=("self",))
            .select_related("casus", "voorziening")
            .get(pk=arrangement.pk)
        )
        huidig = arrangement.status
        if van is not None and van != huidig:
            raise ValidationError(
                _(
                    "Iemand anders heeft de status intussen gewijzigd in %(status)s. Bekijk het arrangement opnieuw."
                )
                % {"status": arrangement.get_status_display().lower()}
            )
        if naar not in OVERGANGEN[huidig]:
            raise ValidationError(
                {
                    "status": _("Een arrangement met status %(van)s kan niet naar %(naar)s.")
                    % {
                        "van": ArrangementStatus(huidig).label.lower(),
                        "naar": ArrangementStatus(naar).label.lower(),
                    }
                }
            )
        velden = ["status", "gewijzigd_op"]
        if naar == ArrangementStatus.TOEGEKEND:
            # The lock that serialises assignments to one voorziening (see the module docstring).
            voorziening = Voorziening.objects.select_for_update().get(pk=arrangement.voorziening_id)
            bezet, capaciteit = plekken(voorziening)
            if bezet >= capaciteit:
                if not bevestigd:
                    raise VoorzieningVol(vol_melding(voorziening), code="vol")
                arrangement.boven_capaciteit = True
                velden.append("boven_capaciteit")
        if naar == ArrangementStatus.BEEINDIGD:
            reden = (reden or "").strip()
            if not reden:
                raise ValidationError({"reden_einde": _("Geef de reden waarom het arrangement eindigt.")})
            arrangement.reden_einde = reden
            arrangement.einddatum = einddatum or max(timezone.localdate(), arrangement.startdatum)
            velden += ["reden_einde", "einddatum"]
        arrangement.status = naar
        arrangement.full_clean()
        arrangement.save(update_fields=velden)
        tijdlijn_toevoegen(
            casus=arrangement.casus,
            soort="arrangement",
            titel=str(_TITELS[ArrangementStatus(naar)]) % {"naam": arrangement.voorziening.naam},
            toelichting=reden if naar == ArrangementStatus.BEEINDIGD else "",
            by=by,
            obj=arrangement,
        )
    logger.info("arrangement status", extra={"arrangement_id": arrangement.pk, "van": huidig, "naar": naar})
    return arrangement
