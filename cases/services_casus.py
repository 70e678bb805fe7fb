"""Writes of cases (issue 10, part casussen): the aanmelding, its submission, transitions, the casusregisseur.

Pages, API, demo data and tasks call these. Access to the case itself is the caller's (`get_casus_for_user`,
the API's `visible_to`); these services check the finer rules of *who may do what* on a visible case
(only the school edits and submits its aanmelding, only the SWV assigns a casusregisseur and moves a case
through its treatment), keep the workflow (`cases.workflow.OVERGANGEN`) and write every step onto the
tijdlijn. Every refusal is a Dutch ValidationError on a field, never a 500.
"""

import datetime
import logging
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Organisatie
from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN, Lidmaatschap
from swv.core.services import check_fields, is_person, model_update, tracked_write

from . import services as leerling_services
from .models import Casus, Leerling, Statusovergang
from .tijdlijn import tijdlijn_toevoegen
from .workflow import BIJ_SCHOOL, GESLOTEN, OVERGANGEN, Status, mag_overgaan

logger = logging.getLogger(__name__)


class AanmeldingVelden(TypedDict, total=False):
    """The texts of an aanmelding a school may set while the case is at the school (concept, teruggestuurd)."""

    vraagstelling: str
    ondersteuningsbehoefte: str
    bevorderende_factoren: str
    belemmerende_factoren: str
    al_gedaan: str
    resultaat_al_gedaan: str
    visie_ouders: str
    ouders_geinformeerd: bool | None
    ouders_geinformeerd_op: datetime.date | None
    opp_vereist_vanaf: datetime.date | None


class LeerlingGegevens(TypedDict, total=False):
    """How an aanmelding identifies its pupil: a BSN or onderwijsnummer, plus name, birth date, gemeente."""

    bsn: str | None
    onderwijsnummer: str | None
    voornaam: str
    achternaam: str
    geboortedatum: datetime.date
    woongemeente: Organisatie
    # A new pupil is enrolled at the submitting school from this day (default: today). Ignored for a known one.
    ingeschreven_op: datetime.date | None


# Texts a submission needs (domain.md "Cases"; issue 10): in the order the form shows them.
VERPLICHT_BIJ_INDIENEN = (
    "vraagstelling",
    "ondersteuningsbehoefte",
    "bevorderende_factoren",
    "belemmerende_factoren",
    "al_gedaan",
    "resultaat_al_gedaan",
    "visie_ouders",
)

# Transitions a school makes; every other transition is the SWV's (coordination, treatment, closing).
SCHOOL_OVERGANGEN = frozenset({Status.AANGEMELD, Status.INGETROKKEN})


def ontbrekend(casus: Casus) -> dict[str, str]:
    """What an aanmelding still lacks before it can be submitted: field -> Dutch message (empty: complete).

    The one definition: the submit service refuses with exactly this, the page shows it as a checklist."""
    fouten: dict[str, str] = {}
    for naam in VERPLICHT_BIJ_INDIENEN:
        if not (getattr(casus, naam) or "").strip():
            label = getattr(Casus._meta.get_field(naam), "verbose_name", naam)
            fouten[naam] = _("Vul „%(veld)s” in; dat is nodig om aan te melden.") % {"veld": label}
    if casus.ouders_geinformeerd is not True:
        fouten["ouders_geinformeerd"] = _(
            "Informeer de ouders over de aanmelding en vink aan dat dat is gebeurd; zonder dat kan de "
            "aanmelding niet worden ingediend."
        )
    return fouten


def _rol(by) -> str | None:
    lidmaatschap = lidmaatschap_van(by) if is_person(by) else None
    return lidmaatschap.rol if lidmaatschap is not None else None


def is_school_van(by, casus: Casus) -> bool:
    """`by` acts for the case's school: a person in a school role there, or that school's partner system."""
    if getattr(by, "is_api_client", False):
        # The school's own system, or its schoolbestuur's (cases.api.casussen.scholen_van_client).
        organisatie_id = by.api_client.organisatie_id
        return organisatie_id in (casus.school_id, casus.school.schoolbestuur_id)
    lidmaatschap = lidmaatschap_van(by) if is_person(by) else None
    return (
        lidmaatschap is not None
        and lidmaatschap.rol in SCHOOL_ROLLEN
        and lidmaatschap.organisatie_id == casus.school_id
    )


def _is_swv(by, casus: Casus) -> bool:
    lidmaatschap = lidmaatschap_van(by) if is_person(by) else None
    return lidmaatschap is not None and lidmaatschap.rol in SWV_ROLLEN and lidmaatschap.swv_id == casus.swv_id


# --- the pupil of an aanmelding ------------------------------------------------------------------------


def _bestaande_leerling(swv, gegevens: LeerlingGegevens) -> Leerling | None:
    # Identity is the number: one pupil is one record per SWV (issue 10). Anonymised rows are history only.
    qs = Leerling.objects.filter(swv=swv, geanonimiseerd_op__isnull=True)
    if gegevens.get("bsn"):
        gevonden = qs.filter(bsn=gegevens["bsn"]).first()
        if gevonden is not None:
            return gevonden
    if gegevens.get("onderwijsnummer"):
        return qs.filter(onderwijsnummer=gegevens["onderwijsnummer"]).first()
    return None


def leerling_voor_aanmelding(
    *, swv, school: Organisatie, by, **gegevens: Unpack[LeerlingGegevens]
) -> Leerling:
    """The pupil an aanmelding is about: the SWV's existing record for this BSN/onderwijsnummer, or a new one.

    An existing pupil is reused, not overwritten by what the school typed (its name and school stay as the
    SWV knows them), except that a BSN now known replaces the onderwijsnummer (domain.md "Identifiers").
    Two aanmeldingen of a new pupil at the same moment make one record: the loser of the database's race
    finds the winner's.
    """
    check_fields(gegevens, LeerlingGegevens)
    gegevens = {k: v for k, v in gegevens.items() if v not in ("",)}  # type: ignore[assignment]
    ingeschreven_op = gegevens.pop("ingeschreven_op", None) or timezone.localdate()
    if ingeschreven_op > timezone.localdate():
        raise ValidationError({"ingeschreven_op": _("Deze datum ligt in de toekomst.")})
    bestaand = _bestaande_leerling(swv, gegevens)
    if bestaand is not None:
        if gegevens.get("bsn") and not bestaand.bsn:
            leerling_services.leerling_update(
                leerling=bestaand, by=by, bsn=gegevens["bsn"], onderwijsnummer=None
            )
        return bestaand
    try:
        with transaction.atomic():
            leerling = leerling_services.leerling_create(swv=swv, by=by, school=school, **gegevens)  # type: ignore[misc]  # ingeschreven_op was popped above
            # A new pupil is at the submitting school: its enrolment, so the pupil page, the OPP term and
            # the absence checks know since when (the journey found pupils without one).
            geboren = gegevens.get("geboortedatum")
            leerling_services.inschrijving_toevoegen(
                leerling=leerling,
                by=by,
                school=school,
                ingeschreven_op=max(ingeschreven_op, geboren) if geboren else ingeschreven_op,
            )
            return leerling
    except (IntegrityError, ValidationError) as exc:
        # The same number saved by someone else meanwhile (a unique constraint): use that record.
        bestaand = _bestaande_leerling(swv, gegevens)
        if bestaand is None:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError(
                {"bsn": _("Deze leerling werd tegelijk door een ander opgeslagen; probeer het opnieuw.")}
            ) from exc
        return bestaand


# --- the aanmelding -----------------------------------------------------------------------------------


def aanmelding_opslaan(
    *,
    school: Organisatie,
    by,
    casus: Casus | None = None,
    leerling: Leerling | None = None,
    leerling_gegevens: LeerlingGegevens | None = None,
    client_referentie: str = "",
    **fields: Unpack[AanmeldingVelden],
) -> Casus:
    """Create (casus=None) or change a school's aanmelding while it is at the school (concept or teruggestuurd).

    A new aanmelding names its pupil by `leerling` or by `leerling_gegevens` (found or created through
    `leerling_voor_aanmelding`). Nothing is checked for completeness here: a concept may be incomplete.
    """
    check_fields(fields, AanmeldingVelden)
    if casus is not None:
        with tracked_write(by):
            casus = Casus.objects.select_for_update().get(pk=casus.pk)
            if casus.status not in BIJ_SCHOOL:
                raise ValidationError(
                    _(
                        "Deze aanmelding is al ingediend (status: %(status)s); de school kan de tekst niet "
                        "meer wijzigen."
                    )
                    % {"status": casus.get_status_display()}
                )
            if not is_school_van(by, casus) and by is not None:
                raise ValidationError(_("Alleen de school die aanmeldt, kan de aanmelding wijzigen."))
            if model_update(casus, fields):
                tijdlijn_toevoegen(casus=casus, soort="aanmelding", titel=_("Aanmelding bijgewerkt"), by=by)
        return casus

    if school.soort != "school":
        raise ValidationError({"school": _("Kies een school (vestiging).")})
    with tracked_write(by):
        if leerling is None:
            if not leerling_gegevens:
                raise ValidationError({"leerling": _("Geef aan over welke leerling de aanmelding gaat.")})
            leerling = leerling_voor_aanmelding(swv=school.swv, school=school, by=by, **leerling_gegevens)
        elif leerling.swv_id != school.swv_id:
            raise ValidationError({"leerling": _("Deze leerling hoort bij een ander samenwerkingsverband.")})
        casus = Casus(
            swv_id=school.swv_id,
            school=school,
            leerling=leerling,
            status=Status.CONCEPT,
            ingediend_door=by if is_person(by) else None,
            api_client=by.api_client if getattr(by, "is_api_client", False) else None,
            client_referentie=client_referentie,
            **fields,
        )
        casus.full_clean()
        casus.save()
        Statusovergang.objects.create(
            swv_id=casus.swv_id, casus=casus, van="", naar=Status.CONCEPT, **_wie(by)
        )
        tijdlijn_toevoegen(
            casus=casus, soort="aanmelding", titel=_("Aanmelding als concept opgeslagen"), by=by
        )
    logger.info("aanmelding aangemaakt", extra={"casus_id": casus.pk, "swv_id": casus.swv_id})
    return casus


def aanmelding_indienen(*, casus: Casus, by, reden: str = "") -> Casus:
    """Submit the aanmelding to the SWV (concept or teruggestuurd -> aangemeld).

    An incomplete aanmelding is refused with one Dutch error per missing field (all of them, at once); the
    stored texts are left as they are, so nothing typed is lost."""
    return casus_overgang(casus=casus, naar=Status.AANGEMELD, reden=reden, by=by)


def aanmelding_via_api(
    *,
    school: Organisatie,
    by,
    client_referentie: str,
    leerling_gegevens: LeerlingGegevens,
    indienen: bool = True,
    **fields: Unpack[AanmeldingVelden],
) -> tuple[Casus, bool]:
    """A school administration system's aanmelding: idempotent on (client, `client_referentie`).

    Returns (casus, created). The same reference again returns the existing case unchanged, also when the
    two arrive at the same moment (the unique constraint decides; the loser reads the winner's case).
    With `indienen` the new aanmelding is submitted at once, in the same transaction: an incomplete one
    is refused and nothing is stored.
    """
    api_client = by.api_client

    def bestaand() -> Casus | None:
        return Casus.objects.filter(
            swv_id=school.swv_id, api_client=api_client, client_referentie=client_referentie
        ).first()

    if (gevonden := bestaand()) is not None:
        return gevonden, False
    try:
        with transaction.atomic():
            casus = aanmelding_opslaan(
                school=school,
                by=by,
                leerling_gegevens=leerling_gegevens,
                client_referentie=client_referentie,
                **fields,
            )
            if indienen:
                casus = aanmelding_indienen(casus=casus, by=by)
    except ValidationError:
        # Whichever constraint the database checked first (the reference, or one open case per pupil and
        # school): when the same reference was saved meanwhile, that case is the answer.
        if (gevonden := bestaand()) is not None:
            return gevonden, False
        raise
    return casus, True


# --- transitions --------------------------------------------------------------------------------------


def _wie(by) -> dict[str, Any]:
    if getattr(by, "is_api_client", False):
        return {"door": None, "api_client": by.api_client}
    return {"door": by if is_person(by) else None, "api_client": None}


def toegestane_overgangen(casus: Casus, by) -> list[str]:
    """The transitions `by` may make on `casus` now (for the buttons on the case page and the API)."""
    return [
        naar
        for naar in sorted(OVERGANGEN.get(casus.status, ()))
        if _mag_maken(by, casus, naar)
        and not (naar == Status.PLAN_VASTGESTELD and not _heeft_vastgesteld_plan(casus))
    ]


def _heeft_vastgesteld_plan(casus: Casus) -> bool:
    """A case is "plan vastgesteld" only with a plan that is (or was) vastgesteld; vaststellen moves it there
    itself (cases.services_plan.plan_vaststellen), so the button is for a case whose plan predates that."""
    from .models import Plan

    return Plan.objects.filter(casus_id=casus.pk, vastgesteld_op__isnull=False).exists()


def _mag_maken(by, casus: Casus, naar: str) -> bool:
    if by is None:
        return True  # the system (demo data, tasks)
    if naar in SCHOOL_OVERGANGEN and is_school_van(by, casus):
        return True
    # The SWV records a withdrawal too (a school may call instead of clicking), but never submits for it.
    return naar != Status.AANGEMELD and _is_swv(by, casus)


def casus_overgang(
    *, casus: Casus, naar: str, reden: str = "", by, van: str | None = None, gevolg: bool = False
) -> Casus:
    """Move `casus` to status `naar`, if `cases.workflow.OVERGANGEN` allows it and `by` may make that step.

    The row is locked (select_for_update) so two transitions at the same moment are decided one after the
    other: the second sees the first's status. With `van` (the status the caller's page showed), a case
    whose status changed meanwhile is refused instead of moved on from a status the user never saw.
    Records a `Statusovergang` (who, when, from, to, why) and a tijdlijn event. A reason is required for
    sending back, withdrawing and closing. Submitting (-> aangemeld) requires a complete aanmelding.
    With `gevolg=True` the step follows from another write `by` was allowed to make (a plan vastgesteld,
    `services_plan.plan_vaststellen`): the transition table still decides, the role check of the step not.
    """
    reden = (reden or "").strip()
    if naar not in Status.values:
        raise ValidationError({"status": _("Onbekende status „%(naar)s”.") % {"naar": naar}})
    with tracked_write(by):
        huidig = Casus.objects.select_for_update().get(pk=casus.pk)
        if van is not None and huidig.status != van:
            # Code "gewijzigd": the API answers this one 409 (a collision), not 400.
            raise ValidationError(
                {
                    "status": ValidationError(
                        _(
                            "De status van deze casus is intussen gewijzigd in „%(nu)s” (u zag „%(toen)s”). "
                            "Er is niets veranderd; bekijk de casus en kies opnieuw."
                        )
                        % {"nu": huidig.get_status_display(), "toen": Status(van).label},
                        code="gewijzigd",
                    )
                }
            )
        if not mag_overgaan(huidig.status, naar):
            toegestaan = ", ".join(str(Status(s).label) for s in sorted(OVERGANGEN.get(huidig.status, ())))
            raise ValidationError(
                {
                    "status": _(
                        "Een casus met status „%(van)s” kan niet naar „%(naar)s”. Mogelijk: %(mogelijk)s."
                    )
                    % {
                        "van": huidig.get_status_display(),
                        "naar": Status(naar).label,
                        "mogelijk": toegestaan or _("geen (de casus is gesloten)"),
                    }
                }
            )
        if not gevolg and not _mag_maken(by, huidig, naar):
            raise ValidationError(
                {"status": _("U mag deze casus niet naar „%(naar)s” zetten.") % {"naar": Status(naar).label}}
            )
        if naar in (Status.TERUGGESTUURD, Status.INGETROKKEN, Status.AFGESLOTEN) and not reden:
            raise ValidationError(
                {"reden": _("Geef een reden op; die staat in de geschiedenis van de casus.")}
            )
        if naar == Status.AANGEMELD and (fouten := ontbrekend(huidig)):
            raise ValidationError(fouten)
        if naar == Status.PLAN_VASTGESTELD and not gevolg and not _heeft_vastgesteld_plan(huidig):
            raise ValidationError(
                {"status": _("Deze casus heeft nog geen vastgesteld plan; stel eerst het plan (OPP) vast.")}
            )
        van_status = huidig.status
        huidig.status = naar
        nu = timezone.now()
        velden = ["status", "gewijzigd_op"]
        if naar == Status.AANGEMELD:
            huidig.aangemeld_op = nu
            velden.append("aangemeld_op")
            if is_person(by) and huidig.ingediend_door_id is None:
                huidig.ingediend_door = by
                velden.append("ingediend_door")
        if naar in GESLOTEN:
            huidig.afgesloten_op = nu
            velden.append("afgesloten_op")
        huidig.save(update_fields=velden)
        overgang = Statusovergang.objects.create(
            swv_id=huidig.swv_id, casus=huidig, van=van_status, naar=naar, op=nu, reden=reden, **_wie(by)
        )
        tijdlijn_toevoegen(
            casus=huidig,
            soort="status",
            titel=_("Status: %(van)s → %(naar)s")
            % {"van": Status(van_status).label, "naar": Status(naar).label},
            toelichting=reden,
            by=by,
            obj=overgang,
            op=nu,
        )
    logger.info("casus overgang", extra={"casus_id": huidig.pk, "van": van_status, "naar": naar})
    return huidig


# --- casusregisseur -----------------------------------------------------------------------------------


def regisseurs(swv) -> list:
    """The people who can own a case in `swv`: active members in an SWV role (one query)."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(
            lidmaatschappen__swv=swv,
            lidmaatschappen__actief=True,
            lidmaatschappen__rol__in=sorted(SWV_ROLLEN),
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def casusregisseur_toewijzen(*, casus: Casus, regisseur, by) -> Casus:
    """Make `regisseur` (an SWV person of the case's SWV) the owner of `casus`, in one step; on the tijdlijn.

    Only the SWV assigns, and only on a case it sees (not a concept) that is still open. `regisseur=None`
    un-assigns.
    """
    with tracked_write(by):
        huidig = Casus.objects.select_for_update().get(pk=casus.pk)
        if by is not None and not _is_swv(by, huidig):
            raise ValidationError(
                {"casusregisseur": _("Alleen het samenwerkingsverband wijst een casusregisseur toe.")}
            )
        if huidig.status == Status.CONCEPT or huidig.is_gesloten:
            raise ValidationError(
                {
                    "casusregisseur": _("Een casus met status „%(status)s” krijgt geen casusregisseur.")
                    % {"status": huidig.get_status_display()}
                }
            )
        if (
            regisseur is not None
            and not Lidmaatschap.objects.filter(
                user=regisseur, swv_id=huidig.swv_id, actief=True, rol__in=sorted(SWV_ROLLEN)
            ).exists()
        ):
            raise ValidationError(
                {"casusregisseur": _("Kies een medewerker van het samenwerkingsverband als casusregisseur.")}
            )
        if huidig.casusregisseur_id == (regisseur.pk if regisseur else None):
            return huidig
        huidig.casusregisseur = regisseur
        huidig.save(update_fields=["casusregisseur", "gewijzigd_op"])
        naam = (regisseur.get_full_name() or regisseur.get_username()) if regisseur else ""
        tijdlijn_toevoegen(
            casus=huidig,
            soort="regisseur",
            titel=_("Casusregisseur: %(naam)s") % {"naam": naam}
            if regisseur
            else _("Casusregisseur verwijderd"),
            by=by,
        )
    return huidig
