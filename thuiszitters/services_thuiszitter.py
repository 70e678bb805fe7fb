"""Writing thuiszitter registrations (issue 12, part thuiszitter): register, update, end. One function each.

Who may write (docs/decisions.md 53): the SWV roles for every pupil of their SWV and the leerplichtambtenaar
for the gemeente their organisation works for; partner systems likewise (the SWV bureau's system, a
gemeente's or leerplicht organisation's system for its gemeente). A school does not register: it reports
verzuim (a verzuimmelding) and reads the registrations of its own school; the periodic check proposes a
registration to leerplicht and the SWV.

Each write runs in `tracked_write` (the history names the person or the partner system), locks the row for an
update (two saves at once are decided one after the other), and puts an event on the tijdlijn of the
registration's case through the cases app's one service (`cases.tijdlijn.tijdlijn_toevoegen`). The case is
the pupil's open case at registration (or the one chosen), or, when there was none then, the pupil's open
case at a later write.

One open registration per pupil: `full_clean` refuses a second one with a Dutch error on `leerling`; two
registrations at the same moment both pass that check and the database's partial unique constraint
(`thuiszitter_een_open_per_leerling`) decides, which `tracked_write` turns into the same Dutch error.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Casus, Inschrijving, Leerling
from cases.querysets import gemeente_van
from cases.tijdlijn import tijdlijn_toevoegen
from cases.workflow import GESLOTEN, Status
from swv.core.acting import lidmaatschap_van
from swv.core.models import SWV_ROLLEN, Rol
from swv.core.services import check_same_swv, is_person, model_update, tracked_write

from .models import Thuiszitter
from .models.thuiszitter import RedenCategorie, SoortThuiszitter

# What an update may change; the pupil, kind, school, gemeente and start date are the registration itself
# (a wrong one is ended with reason "overig" and registered anew, so the history stays readable).
BIJWERKBAAR = frozenset(
    {"perspectief", "doorzettingsmacht", "doorzettingsmacht_persoon", "redenen", "aanbod", "aanbod_vanaf"}
)


def gemeente_van_schrijver(by) -> tuple[bool, int | None]:
    """(may write at all, the one gemeente it may write for; None = every gemeente of its SWV).

    People through their acting role, partner systems through their organisation (the same three kinds as
    the read rule in thuiszitters/querysets.py); the system (`by=None`) writes everything."""
    if by is None:
        return True, None
    if getattr(by, "is_api_client", False):
        organisatie = by.api_client.organisatie
        if organisatie.soort == "swv":
            return True, None
        if organisatie.soort in ("gemeente", "leerplicht"):
            gemeente_id = gemeente_van(organisatie)
            return gemeente_id is not None, gemeente_id
        return False, None
    lidmaatschap = lidmaatschap_van(by)
    if lidmaatschap is None:
        return False, None
    if lidmaatschap.rol in SWV_ROLLEN:
        return True, None
    if lidmaatschap.rol == Rol.LEERPLICHTAMBTENAAR:
        gemeente_id = gemeente_van(lidmaatschap.organisatie)
        return gemeente_id is not None, gemeente_id
    return False, None


def mag_schrijven(by, thuiszitter: Thuiszitter | None = None) -> bool:
    """May `by` register (without `thuiszitter`) or change this registration."""
    mag, gemeente_id = gemeente_van_schrijver(by)
    if not mag:
        return False
    return thuiszitter is None or gemeente_id is None or thuiszitter.gemeente_id == gemeente_id


def open_casus(leerling: Leerling) -> Casus | None:
    """The pupil's open case the SWV works on (not a school's concept, not closed); the newest if several."""
    return (
        Casus.objects.filter(leerling_id=leerling.pk, swv_id=leerling.swv_id)
        .exclude(status__in=sorted(GESLOTEN | {Status.CONCEPT}))
        .order_by("-pk")
        .first()
    )


def _op_tijdlijn(thuiszitter: Thuiszitter, titel: str, toelichting: str = "", by=None) -> None:
    """The event on the registration's case (linked now if it had none and the pupil has an open case)."""
    if thuiszitter.casus_id is None:
        casus = open_casus(thuiszitter.leerling)
        if casus is None:
            return  # a pupil without a case has no tijdlijn yet
        thuiszitter.casus = casus
        thuiszitter.save(update_fields=["casus"])
    assert thuiszitter.casus is not None
    tijdlijn_toevoegen(
        casus=thuiszitter.casus,
        soort="thuiszitter",
        titel=titel,
        toelichting=toelichting,
        by=by,
        bron="thuiszitters",
        obj=thuiszitter,
    )


def _redenen(redenen: Iterable[str]) -> list[str]:
    lijst = list(dict.fromkeys(redenen))  # the order as given, without doubles
    onbekend = [r for r in lijst if r not in RedenCategorie.values]
    if onbekend:
        raise ValidationError({"redenen": _("Onbekende reden: %(r)s.") % {"r": ", ".join(onbekend)}})
    return lijst


def thuiszitter_registreren(
    *,
    swv,
    by,
    leerling: Leerling,
    soort: str,
    startdatum: datetime.date,
    gemeente=None,
    school=None,
    vrijstelling_artikel: str = "",
    redenen: Iterable[str] = (),
    doorzettingsmacht: str = "",
    doorzettingsmacht_persoon: str = "",
    perspectief: str = "",
    casus: Casus | None = None,
) -> Thuiszitter:
    """Register `leerling` as a thuiszitter. `gemeente` defaults to the pupil's woongemeente, `school` (not for
    absoluut verzuim) to the pupil's school, `casus` to the pupil's open case. Raises PermissionDenied for
    whoever may not register (for that gemeente), ValidationError (Dutch, per field) on bad input or a second
    open registration; nothing is stored then."""
    mag, eigen_gemeente_id = gemeente_van_schrijver(by)
    if not mag:
        raise PermissionDenied(_("Alleen het samenwerkingsverband en leerplicht registreren thuiszitters."))
    check_same_swv("leerling", swv, [leerling])
    if gemeente is None:
        gemeente = leerling.woongemeente
    if soort == SoortThuiszitter.ABSOLUUT:
        if school is not None:
            raise ValidationError(
                {
                    "school": _(
                        "Bij absoluut verzuim staat de leerling nergens ingeschreven: laat de school leeg."
                    )
                }
            )
    elif school is None:
        school = leerling.school
    fouten: dict[str, Any] = {}
    if gemeente is None or gemeente.soort != "gemeente":
        fouten["gemeente"] = _("Kies de gemeente (de woongemeente van de leerling).")
    elif eigen_gemeente_id is not None and gemeente.pk != eigen_gemeente_id:
        raise PermissionDenied(_("U registreert alleen thuiszitters van uw eigen gemeente."))
    if school is not None and school.soort != "school":
        fouten["school"] = _("Kies een school.")
    if fouten:
        raise ValidationError(fouten)
    check_same_swv("gemeente", swv, [gemeente])
    if school is not None:
        check_same_swv("school", swv, [school])
    if casus is not None:
        check_same_swv("casus", swv, [casus])
        if casus.leerling_id != leerling.pk:
            raise ValidationError({"casus": _("Deze casus gaat over een andere leerling.")})
    thuiszitter = Thuiszitter(
        swv_id=getattr(swv, "pk", swv),
        leerling=leerling,
        soort=soort,
        vrijstelling_artikel=vrijstelling_artikel or "",
        school=school,
        gemeente=gemeente,
        startdatum=startdatum,
        redenen=_redenen(redenen),
        doorzettingsmacht=doorzettingsmacht or "",
        doorzettingsmacht_persoon=doorzettingsmacht_persoon or "",
        perspectief=perspectief or "",
        casus=casus or open_casus(leerling),
        geregistreerd_door=by if is_person(by) else None,
    )
    thuiszitter.full_clean()
    if startdatum > timezone.localdate():
        raise ValidationError({"startdatum": _("De startdatum ligt in de toekomst.")})
    if (
        soort == SoortThuiszitter.LANGDURIG_RELATIEF
        and school is not None
        and school.pk != leerling.school_id
    ):
        # Relatief verzuim: enrolled but absent, so at a school the pupil is (or was) enrolled at.
        ingeschreven = Inschrijving.objects.filter(
            leerling=leerling, school=school, ingeschreven_op__lte=startdatum
        ).exclude(uitgeschreven_op__lt=startdatum)
        if not ingeschreven.exists():
            raise ValidationError(
                {"school": _("De leerling stond op de startdatum niet op deze school ingeschreven.")}
            )
    with tracked_write(by):
        thuiszitter.save()
        _op_tijdlijn(
            thuiszitter,
            _("Geregistreerd als thuiszitter (%(soort)s)") % {"soort": thuiszitter.get_soort_display()},
            toelichting=_("Thuis sinds %(datum)s.") % {"datum": startdatum.strftime("%d-%m-%Y")},
            by=by,
        )
    return thuiszitter


def _vergrendeld(by, thuiszitter: Thuiszitter) -> Thuiszitter:
    """The current row, locked; PermissionDenied for whoever may not change it. Call inside tracked_write."""
    huidig = (
        Thuiszitter.objects.select_for_update(of=("self",)).select_related("leerling").get(pk=thuiszitter.pk)
    )
    if not mag_schrijven(by, huidig):
        raise PermissionDenied(_("U wijzigt deze registratie niet."))
    return huidig


def thuiszitter_bijwerken(*, by, thuiszitter: Thuiszitter, **velden: Any) -> Thuiszitter:
    """Change the perspective, doorzettingsmacht (and its holder), reasons, and the offer found (what, from
    when). Only what is given changes. An ended registration cannot be changed. The first offer (or a new
    one) goes onto the case's tijdlijn. The caller has checked the version the user saw (page: `versie`;
    API: If-Match)."""
    onbekend = set(velden) - BIJWERKBAAR
    if onbekend:
        raise TypeError(f"Onbekende of niet wijzigbare velden: {', '.join(sorted(onbekend))}")
    if "redenen" in velden:
        velden["redenen"] = _redenen(velden["redenen"] or ())
    for naam in ("perspectief", "doorzettingsmacht", "doorzettingsmacht_persoon", "aanbod"):
        if naam in velden and velden[naam] is None:
            velden[naam] = ""
    with tracked_write(by):
        huidig = _vergrendeld(by, thuiszitter)
        if huidig.einddatum is not None:
            raise ValidationError(_("Deze registratie is beëindigd en kan niet meer worden gewijzigd."))
        aanbod_was = (huidig.aanbod, huidig.aanbod_vanaf)
        nieuw_aanbod = velden.get("aanbod", huidig.aanbod)
        nieuw_vanaf = velden.get("aanbod_vanaf", huidig.aanbod_vanaf)
        if bool(nieuw_aanbod) != bool(nieuw_vanaf):
            veld = "aanbod_vanaf" if nieuw_aanbod else "aanbod"
            raise ValidationError(
                {veld: _("Vul bij een gevonden aanbod zowel het aanbod als de datum vanaf in.")}
            )
        if nieuw_vanaf is not None and nieuw_vanaf < huidig.startdatum:
            raise ValidationError({"aanbod_vanaf": _("Het aanbod kan niet ingaan voor de startdatum.")})
        gewijzigd = model_update(huidig, velden)
        if gewijzigd and (huidig.aanbod, huidig.aanbod_vanaf) != aanbod_was and huidig.aanbod:
            _op_tijdlijn(
                huidig,
                _("Aanbod gevonden voor thuiszitter (vanaf %(datum)s)")
                % {"datum": huidig.aanbod_vanaf.strftime("%d-%m-%Y") if huidig.aanbod_vanaf else ""},
                toelichting=huidig.aanbod,
                by=by,
            )
    return huidig


def thuiszitter_beeindigen(
    *, by, thuiszitter: Thuiszitter, einddatum: datetime.date, reden_einde: str
) -> Thuiszitter:
    """End the registration on `einddatum` with `reden_einde`; the end goes onto the case's tijdlijn.
    Ending an ended registration is refused (the user saw an open one)."""
    with tracked_write(by):
        huidig = _vergrendeld(by, thuiszitter)
        if huidig.einddatum is not None:
            raise ValidationError(
                {
                    "einddatum": _("Deze registratie is al beëindigd op %(d)s.")
                    % {"d": huidig.einddatum.strftime("%d-%m-%Y")}
                }
            )
        if not reden_einde:
            raise ValidationError({"reden_einde": _("Kies de reden van het einde.")})
        if einddatum is None:
            raise ValidationError({"einddatum": _("Vul de einddatum in.")})
        if einddatum > timezone.localdate():
            raise ValidationError({"einddatum": _("De einddatum ligt in de toekomst.")})
        model_update(huidig, {"einddatum": einddatum, "reden_einde": reden_einde})
        _op_tijdlijn(
            huidig,
            _("Thuiszitterregistratie beëindigd: %(reden)s") % {"reden": huidig.get_reden_einde_display()},
            toelichting=_("Na %(dagen)s dagen thuis.") % {"dagen": huidig.dagen_thuis()},
            by=by,
        )
    return huidig
