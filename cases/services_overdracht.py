"""Writes of overdracht (issue 11): offer, accept, refuse, withdraw a handover of a case.

Who: the sending school (a school role of the case's school) or the SWV offers and withdraws; a school
role of the receiving school accepts or refuses (with a reason). Every step is tracked (pghistory) and on
the tijdlijn of the case, and of the new case in a receiving SWV. Access follows from the rows
(cases/querysets.py `CasusQuerySet.visible_to`, docs/decisions.md 45):

- receiver in the same SWV: acceptance moves the case to the receiving school (`Casus.school`); the
  sending school keeps *read* access to it until `leestoegang_tot` = acceptance +
  OVERDRACHT_LEESTOEGANG_DAGEN, and may change nothing (`alleen_leestoegang`);
- receiver in another SWV of this installation: acceptance makes a new case there (status aangemeld: the
  receiving SWV's queue) with only the chosen parts copied; the pupil is reused by BSN or created;
- receiver outside this installation: no acceptance here; the offer is `verstuurd` and the sender
  downloads a PDF dossier of the chosen parts.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN
from swv.core.services import tracked_write

from .models import Casus, Leerling, Overdracht, Toestemming
from .tijdlijn import tijdlijn_toevoegen
from .workflow import GESLOTEN, Status

AANMELDING_VELDEN = (
    "vraagstelling",
    "ondersteuningsbehoefte",
    "bevorderende_factoren",
    "belemmerende_factoren",
    "al_gedaan",
    "resultaat_al_gedaan",
    "visie_ouders",
)


def leestoegang_dagen() -> datetime.timedelta:
    return datetime.timedelta(days=settings.OVERDRACHT_LEESTOEGANG_DAGEN)


def alleen_leestoegang(user, casus: Casus) -> bool:
    """True when a school role sees `casus` only through the read access kept after a handover (not as
    the case's school): such a user may read, never change (checked by the case look-ups for writes)."""
    lidmaatschap = lidmaatschap_van(user)
    return bool(
        lidmaatschap is not None
        and lidmaatschap.rol in SCHOOL_ROLLEN
        and casus.school_id != lidmaatschap.organisatie_id
    )


def _naam(organisatie) -> str:
    return organisatie.naam if organisatie is not None else ""


def overdracht_aanbieden(
    *,
    casus: Casus,
    by,
    soort: str,
    delen: list[str],
    grondslag: str,
    naar_school=None,
    naar_extern: str = "",
    toelichting: str = "",
    _terugkeer_van: Overdracht | None = None,
) -> Overdracht:
    """Offer the case to `naar_school` (a school in this installation, any SWV) or to `naar_extern` (a
    receiver outside, which gets a PDF dossier). `delen` are the parts chosen explicitly; with grondslag
    `toestemming` a valid consent of the ouders for purpose `overdracht` and the receiving school must
    exist. Dutch ValidationError and nothing stored on bad input."""
    lidmaatschap = lidmaatschap_van(by)
    if lidmaatschap is None or not (
        lidmaatschap.rol in SWV_ROLLEN
        or (lidmaatschap.rol in SCHOOL_ROLLEN and lidmaatschap.organisatie_id == casus.school_id)
    ):
        raise PermissionDenied(_("Alleen de school van de casus of het samenwerkingsverband draagt over."))
    fouten: dict[str, str] = {}
    if soort not in Overdracht.Soort.values:
        fouten["soort"] = _("Kies de soort overdracht.")
    elif (soort == Overdracht.Soort.TERUGKEER) != (_terugkeer_van is not None):
        # Only ggz_terugkeer_aanbieden makes a return: it belongs to a placement.
        fouten["soort"] = _("Een terugkeer bied je aan vanuit de GGZ-plaatsing.")
    if not delen or any(d not in Overdracht.Deel.values for d in delen):
        fouten["delen"] = _("Kies wat u deelt met de ontvanger.")
    if grondslag not in Overdracht.Grondslag.values:
        fouten["grondslag"] = _("Kies de grondslag: toestemming van de ouders of een wettelijke taak.")
    if casus.status in GESLOTEN or casus.status == Status.CONCEPT:
        fouten["casus"] = _("Een afgesloten casus of een concept wordt niet overgedragen.")
    if naar_school is None and not naar_extern.strip():
        fouten["naar_school"] = _("Kies de ontvangende school, of noem de ontvanger buiten deze installatie.")
    if naar_school is not None and naar_extern.strip():
        fouten["naar_extern"] = _(
            "Kies een school in deze installatie of een ontvanger daarbuiten, niet beide."
        )
    if naar_school is not None and (naar_school.soort != "school" or naar_school.pk == casus.school_id):
        fouten["naar_school"] = _("Kies een andere school dan de school van de casus.")
    toestemming = None
    if grondslag == Overdracht.Grondslag.TOESTEMMING and naar_school is not None and not fouten:
        toestemming = (
            Toestemming.objects.geldig()
            .filter(leerling_id=casus.leerling_id, organisatie=naar_school, doel=Toestemming.Doel.OVERDRACHT)
            .first()
        )
        if toestemming is None:
            fouten["grondslag"] = _(
                "Er is geen geldige toestemming van de ouders voor overdracht aan deze school. "
                "Leg die eerst vast, of kies een wettelijke grondslag."
            )
    if fouten:
        raise ValidationError(fouten)
    with tracked_write(by):
        overdracht = Overdracht(
            swv_id=casus.swv_id,
            casus=casus,
            soort=soort,
            van_school_id=casus.school_id,
            naar_school=naar_school,
            naar_extern=naar_extern.strip(),
            terug_naar_id=casus.school_id if soort == Overdracht.Soort.GGZ_TIJDELIJK else None,
            terugkeer_van=_terugkeer_van,
            delen=sorted(set(delen)),
            grondslag=grondslag,
            toestemming=toestemming,
            toelichting=toelichting,
            status=Overdracht.Status.AANGEBODEN if naar_school is not None else Overdracht.Status.VERSTUURD,
            aangeboden_door=by,
        )
        overdracht.full_clean()
        overdracht.save()
        tijdlijn_toevoegen(
            casus=casus,
            soort="overdracht",
            titel=_("Overdracht aangeboden aan %(naar)s (%(soort)s)")
            % {"naar": _naam(naar_school) or naar_extern, "soort": overdracht.get_soort_display()},
            toelichting=_("Gedeeld: %(delen)s.")
            % {"delen": ", ".join(str(Overdracht.Deel(d).label) for d in overdracht.delen)},
            by=by,
            obj=overdracht,
        )
    return overdracht


def _ontvanger(overdracht: Overdracht, by) -> None:
    lidmaatschap = lidmaatschap_van(by)
    if (
        lidmaatschap is None
        or lidmaatschap.rol not in SCHOOL_ROLLEN
        or lidmaatschap.organisatie_id != overdracht.naar_school_id
    ):
        raise PermissionDenied(_("Alleen de ontvangende school beslist over deze overdracht."))
    if overdracht.status != Overdracht.Status.AANGEBODEN:
        raise ValidationError(_("Over deze overdracht is al beslist."))


def _kopie_in_ontvangend_swv(overdracht: Overdracht, by) -> Casus:
    """A new case in the receiving school's SWV, in its queue (aangemeld), with the chosen parts only."""
    bron = overdracht.casus
    school = overdracht.naar_school
    assert school is not None
    oud = bron.leerling
    leerling = None
    if oud.bsn:
        leerling = Leerling.objects.filter(swv_id=school.swv_id, bsn=oud.bsn).first()
    if leerling is None:
        # The pupil's gemeente as an organisation of the receiving SWV (same CBS code), else the
        # receiving school's gemeente.
        from partners.models import Organisatie

        woongemeente_id = (
            Organisatie.objects.filter(swv_id=school.swv_id, soort="gemeente", code=oud.woongemeente.code)
            .values_list("pk", flat=True)
            .first()
        ) or school.gemeente_id
        if woongemeente_id is None:
            raise ValidationError(
                _(
                    "De woongemeente van de leerling is niet bekend bij het ontvangende "
                    "samenwerkingsverband. Vraag het daar de gemeente vast te leggen."
                )
            )
        leerling = Leerling(
            woongemeente_id=woongemeente_id,
            swv_id=school.swv_id,
            bsn=oud.bsn,
            onderwijsnummer=oud.onderwijsnummer,
            voornaam=oud.voornaam,
            achternaam=oud.achternaam,
            geboortedatum=oud.geboortedatum,
            school=school,
        )
        leerling.full_clean()
        leerling.save()
    velden = {}
    if Overdracht.Deel.AANMELDING in overdracht.delen:
        velden = {naam: getattr(bron, naam) for naam in AANMELDING_VELDEN}
    casus = Casus.objects.create(
        swv_id=school.swv_id,
        leerling=leerling,
        school=school,
        status=Status.AANGEMELD,
        ouders_geinformeerd=bron.ouders_geinformeerd,
        ouders_geinformeerd_op=bron.ouders_geinformeerd_op,
        ingediend_door=by,
        **velden,
    )
    tijdlijn_toevoegen(
        casus=casus,
        soort="overdracht",
        titel=_("Overgedragen door %(van)s (samenwerkingsverband %(swv)s)")
        % {"van": overdracht.van_school.naam, "swv": bron.swv.code},
        by=by,
        obj=overdracht,
    )
    return casus


def overdracht_accepteren(*, overdracht: Overdracht, by) -> Overdracht:
    """The receiving school accepts. Same SWV: the case moves to it and the sender keeps read access until
    `leestoegang_tot`. Another SWV of this installation: a new case in that SWV's queue."""
    _ontvanger(overdracht, by)
    with tracked_write(by):
        rij = (
            Overdracht.objects.select_for_update(of=("self",))
            .select_related("casus", "naar_school", "van_school")
            .get(pk=overdracht.pk)
        )
        _ontvanger(rij, by)
        rij.status = Overdracht.Status.GEACCEPTEERD
        rij.besloten_door = by
        rij.besloten_op = timezone.now()
        casus = rij.casus
        assert rij.naar_school is not None
        if rij.naar_school.swv_id == casus.swv_id:
            rij.leestoegang_tot = timezone.localdate() + leestoegang_dagen()
            casus.school = rij.naar_school
            casus.save(update_fields=["school"])
            if rij.terugkeer_van_id is not None:
                # Back at the school of origin: the placement ends, and with it the read access it gave.
                Overdracht.objects.filter(pk=rij.terugkeer_van_id).update(teruggekeerd_op=rij.besloten_op)
        else:
            rij.nieuwe_casus = _kopie_in_ontvangend_swv(rij, by)
        rij.save(update_fields=["status", "besloten_door", "besloten_op", "leestoegang_tot", "nieuwe_casus"])
        tijdlijn_toevoegen(
            casus=casus,
            soort="overdracht",
            titel=_("Overdracht geaccepteerd door %(naar)s") % {"naar": rij.naar_school.naam},
            by=by,
            obj=rij,
        )
    return rij


def overdracht_weigeren(*, overdracht: Overdracht, by, reden: str) -> Overdracht:
    """The receiving school refuses, with a reason; the case stays where it was."""
    _ontvanger(overdracht, by)
    if not (reden or "").strip():
        raise ValidationError({"reden_weigering": _("Geef de reden van de weigering.")})
    with tracked_write(by):
        rij = (
            Overdracht.objects.select_for_update(of=("self",))
            .select_related("casus", "naar_school")
            .get(pk=overdracht.pk)
        )
        _ontvanger(rij, by)
        rij.status = Overdracht.Status.GEWEIGERD
        rij.reden_weigering = reden.strip()
        rij.besloten_door = by
        rij.besloten_op = timezone.now()
        rij.save(update_fields=["status", "reden_weigering", "besloten_door", "besloten_op"])
        assert rij.naar_school is not None
        tijdlijn_toevoegen(
            casus=rij.casus,
            soort="overdracht",
            titel=_("Overdracht geweigerd door %(naar)s") % {"naar": rij.naar_school.naam},
            toelichting=rij.reden_weigering,
            by=by,
            obj=rij,
        )
    return rij


def overdracht_intrekken(*, overdracht: Overdracht, by) -> Overdracht:
    """The sender (the case's school or the SWV) withdraws an offer not yet decided on."""
    lidmaatschap = lidmaatschap_van(by)
    if lidmaatschap is None or not (
        lidmaatschap.rol in SWV_ROLLEN
        or (lidmaatschap.rol in SCHOOL_ROLLEN and lidmaatschap.organisatie_id == overdracht.van_school_id)
    ):
        raise PermissionDenied(_("Alleen de zender trekt een overdracht in."))
    with tracked_write(by):
        rij = Overdracht.objects.select_for_update(of=("self",)).select_related("casus").get(pk=overdracht.pk)
        if rij.status != Overdracht.Status.AANGEBODEN:
            raise ValidationError(_("Over deze overdracht is al beslist."))
        rij.status = Overdracht.Status.INGETROKKEN
        rij.besloten_door = by
        rij.besloten_op = timezone.now()
        rij.save(update_fields=["status", "besloten_door", "besloten_op"])
        tijdlijn_toevoegen(
            casus=rij.casus, soort="overdracht", titel=_("Overdracht ingetrokken"), by=by, obj=rij
        )
    return rij


def ggz_terugkeer_aanbieden(*, plaatsing: Overdracht, by, toelichting: str = "") -> Overdracht:
    """Offer the return after a temporary GGZ placement to the school of origin (`terug_naar`), with the
    parts shared at the placement, on the legal basis of the onderwijskundig rapport. For the GGZ school
    (the case's school now) or the SWV; the school of origin accepts or refuses as any receiver. Accepting
    moves the case back and ends the placement (`teruggekeerd_op`)."""
    if (
        plaatsing.soort != Overdracht.Soort.GGZ_TIJDELIJK
        or plaatsing.status != Overdracht.Status.GEACCEPTEERD
    ):
        raise ValidationError(_("Alleen na een geaccepteerde tijdelijke GGZ-plaatsing is er een terugkeer."))
    if plaatsing.teruggekeerd_op is not None:
        raise ValidationError(_("De leerling is al teruggekeerd naar de school van herkomst."))
    if plaatsing.nieuwe_casus_id is not None or plaatsing.terug_naar is None:
        # Placed in another SWV: that SWV's case is a different case; it hands over the usual way.
        raise ValidationError(
            _(
                "De plaatsing was bij een ander samenwerkingsverband: draag de casus daar over naar de school van herkomst."
            )
        )
    casus = plaatsing.casus
    if casus.school_id != plaatsing.naar_school_id:
        raise ValidationError(_("De casus staat niet meer bij de school van de GGZ-instelling."))
    return overdracht_aanbieden(
        casus=casus,
        by=by,
        soort=Overdracht.Soort.TERUGKEER,
        delen=list(plaatsing.delen),
        grondslag=Overdracht.Grondslag.WETTELIJKE_TAAK,
        naar_school=plaatsing.terug_naar,
        toelichting=toelichting,
        _terugkeer_van=plaatsing,
    )
