"""Writes of the plan (OPP / groeidocument), its actions and evaluations (issue 10, part plan).

A vastgesteld plan is never edited in place: `plan_concept_maken` copies it into a new concept version,
`plan_bijwerken` changes only a concept, and `plan_vaststellen` makes the concept the vastgesteld version
(the previous one becomes `vervangen`) in one transaction. Every write lands on the case's tijdlijn.
"""

import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.core.services import check_fields, check_same_swv, is_person, model_update, tracked_write

from .models import Actie, Casus, Evaluatie, Ouder, Plan
from .tijdlijn import tijdlijn_toevoegen


class PlanVelden(TypedDict, total=False):
    uitstroomprofiel: str
    onderbouwing: str
    bevorderende_factoren: str
    belemmerende_factoren: str
    doelen: str
    begeleiding: str
    afwijking_programma: str


# The content of a version: what a new version copies and what "Vergelijken" compares.
PLAN_INHOUD: tuple[str, ...] = tuple(PlanVelden.__annotations__)
OPEN_ACTIE = (Actie.Status.OPEN, Actie.Status.BEZIG)


def _door(by):
    return by if is_person(by) else None


def plan_concept_maken(*, casus: Casus, by) -> Plan:
    """The first version of the plan, or a new concept copied from the vastgesteld version.

    The case row is locked, so two people pressing "Nieuwe versie" at once get one concept (the other gets
    the Dutch error of the one-concept constraint). Open actions move along to the new version."""
    with tracked_write(by):
        Casus.objects.select_for_update().filter(pk=casus.pk).first()
        if Plan.objects.filter(casus=casus, status=Plan.Status.CONCEPT).exists():
            raise ValidationError({"status": _("Er is al een conceptversie van dit plan.")})
        if casus.is_gesloten:
            raise ValidationError(_("Deze casus is gesloten; het plan kan niet meer worden gewijzigd."))
        vorige = Plan.objects.filter(casus=casus, status=Plan.Status.VASTGESTELD).first()
        hoogste = Plan.objects.filter(casus=casus).aggregate(m=Max("versie"))["m"] or 0
        plan = Plan(swv_id=casus.swv_id, casus=casus, versie=hoogste + 1, status=Plan.Status.CONCEPT)
        if vorige is not None:
            for naam in PLAN_INHOUD:
                setattr(plan, naam, getattr(vorige, naam))
        plan.full_clean()
        plan.save()
        if vorige is not None:
            Actie.objects.filter(casus=casus, status__in=OPEN_ACTIE).update(plan=plan)
        tijdlijn_toevoegen(
            casus=casus,
            soort="plan_concept",
            titel=_("Plan versie %(versie)s (concept) aangemaakt") % {"versie": plan.versie},
            toelichting=_("Overgenomen van versie %(versie)s.") % {"versie": vorige.versie} if vorige else "",
            by=by,
            obj=plan,
        )
    return plan


def plan_bijwerken(*, plan: Plan, by, **fields: Unpack[PlanVelden]) -> Plan:
    """Change a concept. A vastgesteld or vervangen version is refused (make a new version instead).
    The page's optimistic check (`locked=plan` in submit_form) has already locked and compared the row."""
    check_fields(fields, PlanVelden)
    with tracked_write(by):
        huidig = Plan.objects.select_for_update().get(pk=plan.pk)
        if huidig.status != Plan.Status.CONCEPT:
            raise ValidationError(_("Een vastgesteld plan wordt niet gewijzigd; maak een nieuwe versie."))
        gewijzigd = model_update(huidig, fields)
        if gewijzigd:
            labels = ", ".join(str(getattr(Plan._meta.get_field(n), "verbose_name", n)) for n in gewijzigd)
            tijdlijn_toevoegen(
                casus=huidig.casus,
                soort="plan_gewijzigd",
                titel=_("Plan versie %(versie)s (concept) gewijzigd") % {"versie": huidig.versie},
                toelichting=_("Gewijzigd: %(velden)s.") % {"velden": labels},
                by=by,
                obj=huidig,
            )
    return huidig


def plan_vaststellen(*, plan: Plan, by, op: datetime.date | None = None) -> Plan:
    """Concept -> vastgesteld; the previous vastgesteld version -> vervangen, in one transaction.

    The case row is locked first and then the concept (the order `plan_concept_maken` and the case's
    transitions use): a second, concurrent vaststellen waits and then finds it no longer a concept. The
    partial unique constraint `plan_een_vastgesteld` is the last word if anything slips by.

    A case `in_behandeling` moves to `plan_vastgesteld` in the same transaction, through the workflow
    service (a Statusovergang and its tijdlijn event; decision 38). A case in another status keeps it (a new
    version of a plan of a `lopend` case does not move the case back)."""
    with tracked_write(by):
        Casus.objects.select_for_update().filter(pk=plan.casus_id).first()
        huidig = Plan.objects.select_for_update().select_related("casus").get(pk=plan.pk)
        if huidig.status != Plan.Status.CONCEPT:
            raise ValidationError(_("Alleen een conceptversie kan worden vastgesteld."))
        vervangen = list(
            Plan.objects.select_for_update()
            .filter(casus_id=huidig.casus_id, status=Plan.Status.VASTGESTELD)
            .values_list("versie", flat=True)
        )
        Plan.objects.filter(casus_id=huidig.casus_id, status=Plan.Status.VASTGESTELD).update(
            status=Plan.Status.VERVANGEN
        )
        huidig.status = Plan.Status.VASTGESTELD
        huidig.vastgesteld_op = op or timezone.localdate()
        huidig.vastgesteld_door = _door(by)
        huidig.full_clean()
        huidig.save(update_fields=["status", "vastgesteld_op", "vastgesteld_door", "gewijzigd_op"])
        tijdlijn_toevoegen(
            casus=huidig.casus,
            soort="plan_vastgesteld",
            titel=_("Plan versie %(versie)s vastgesteld") % {"versie": huidig.versie},
            toelichting=(_("Vervangt versie %(versie)s.") % {"versie": vervangen[0]} if vervangen else ""),
            by=by,
            obj=huidig,
        )
        casus = Casus.objects.get(pk=huidig.casus_id)  # the locked row's current status
        if casus.status == Casus.Status.IN_BEHANDELING:
            from .services_casus import casus_overgang

            casus_overgang(
                casus=casus,
                naar=Casus.Status.PLAN_VASTGESTELD,
                van=Casus.Status.IN_BEHANDELING,
                reden=_("Plan versie %(versie)s vastgesteld.") % {"versie": huidig.versie},
                by=by,
                gevolg=True,
            )
        # The OPP-deadline task of this case is done now (the same rule as the daily check).
        from .deadlines import opgeloste_afhandelen

        opgeloste_afhandelen(huidig.casus_id)
    return huidig


def instemming_vastleggen(
    *,
    plan: Plan,
    by,
    instemming: str,
    op: datetime.date | None = None,
    door: Ouder | None = None,
    toelichting: str = "",
) -> Plan:
    """The ouders' instemming on the handelingsdeel (WPO 40a lid 3): agreed (date, by which ouder with
    gezag) or not agreed (date and a note). Only for the current versions (concept or vastgesteld)."""
    fouten: dict[str, str] = {}
    if instemming not in (Plan.Instemming.INGESTEMD, Plan.Instemming.NIET_INGESTEMD):
        fouten["instemming"] = _("Kies of de ouders instemmen of niet.")
    if op is None:
        fouten["instemming_op"] = _("Vul de datum in.")
    elif op > timezone.localdate():
        fouten["instemming_op"] = _("De datum ligt in de toekomst.")
    if door is None:
        fouten["instemming_door"] = _("Kies de ouder of verzorger.")
    elif door.leerling_id != plan.casus.leerling_id or door.swv_id != plan.swv_id:
        fouten["instemming_door"] = _("Deze ouder hoort niet bij de leerling van deze casus.")
    elif not door.gezag:
        fouten["instemming_door"] = _("Alleen een ouder of verzorger met gezag kan instemmen.")
    if instemming == Plan.Instemming.NIET_INGESTEMD and not toelichting.strip():
        fouten["instemming_toelichting"] = _("Noteer waarom de ouders niet instemmen.")
    if fouten:
        raise ValidationError(fouten)
    with tracked_write(by):
        huidig = Plan.objects.select_for_update().select_related("casus").get(pk=plan.pk)
        if huidig.status == Plan.Status.VERVANGEN:
            raise ValidationError(
                _("Deze versie is vervangen; leg de instemming vast bij de huidige versie.")
            )
        model_update(
            huidig,
            {
                "instemming": instemming,
                "instemming_op": op,
                "instemming_door": door,
                "instemming_toelichting": toelichting.strip(),
            },
        )
        titel = (
            _("Ouders stemmen in met het handelingsdeel van plan versie %(versie)s")
            if instemming == Plan.Instemming.INGESTEMD
            else _("Ouders stemmen niet in met het handelingsdeel van plan versie %(versie)s")
        )
        tijdlijn_toevoegen(
            casus=huidig.casus,
            soort="plan_instemming",
            titel=titel % {"versie": huidig.versie},
            toelichting=huidig.instemming_toelichting,
            by=by,
            obj=huidig,
        )
    return huidig


class ActieVelden(TypedDict, total=False):
    omschrijving: str
    eigenaar_organisatie: object | None
    eigenaar_persoon: object | None
    deadline: datetime.date | None
    status: str
    toelichting: str


def _check_eigenaar(casus: Casus, fields) -> None:
    for naam in ("eigenaar_organisatie", "eigenaar_persoon"):
        if fields.get(naam) is not None:
            check_same_swv(naam, casus.swv_id, [fields[naam]])


def _huidige_versie(casus: Casus) -> Plan | None:
    """The version new actions and evaluations belong to: the concept, else the vastgesteld one."""
    return Plan.objects.filter(casus=casus).exclude(status=Plan.Status.VERVANGEN).order_by("-versie").first()


def _check_open(casus: Casus) -> None:
    """A closed case (afgesloten, ingetrokken) takes no new actions or evaluations (part capi); the status of
    an existing action may still be reported (e.g. "vervallen" after closing)."""
    if casus.is_gesloten:
        raise ValidationError(_("Deze casus is gesloten; er kunnen geen acties of evaluaties meer bij."))


def actie_toevoegen(*, casus: Casus, by, **fields: Unpack[ActieVelden]) -> Actie:
    check_fields(fields, ActieVelden)
    _check_open(casus)
    _check_eigenaar(casus, fields)
    with tracked_write(by):
        actie = Actie(swv_id=casus.swv_id, casus=casus, plan=_huidige_versie(casus), **fields)
        if actie.status == Actie.Status.AFGEROND and actie.afgerond_op is None:
            actie.afgerond_op = timezone.localdate()
        actie.full_clean()
        actie.save()
        tijdlijn_toevoegen(
            casus=casus,
            soort="actie_toegevoegd",
            titel=_("Actie toegevoegd: %(actie)s") % {"actie": actie.omschrijving[:120]},
            by=by,
            obj=actie,
        )
    return actie


def actie_bijwerken(*, actie: Actie, by, van: str | None = None, **fields: Unpack[ActieVelden]) -> Actie:
    """Change an action (its status, by whoever `cases.rules.mag_actie_bijwerken` lets; the caller checks).

    The row is locked. With `van` (the status the caller last saw) an action whose status changed meanwhile
    is refused with code "gewijzigd" (the API answers 409) and nothing is changed."""
    check_fields(fields, ActieVelden)
    _check_eigenaar(actie.casus, fields)
    with tracked_write(by):
        huidig = Actie.objects.select_for_update().select_related("casus").get(pk=actie.pk)
        if van is not None and huidig.status != van:
            raise ValidationError(
                {
                    "status": ValidationError(
                        _(
                            "De status van deze actie is intussen gewijzigd in „%(nu)s” (u zag „%(toen)s”). "
                            "Er is niets veranderd; bekijk de actie en kies opnieuw."
                        )
                        % {
                            "nu": huidig.get_status_display(),
                            "toen": dict(Actie.Status.choices).get(van, van),
                        },
                        code="gewijzigd",
                    )
                }
            )
        oude_status = huidig.status
        nieuwe_status = fields.get("status", oude_status)
        waarden: dict = dict(fields)
        if nieuwe_status == Actie.Status.AFGEROND and oude_status != Actie.Status.AFGEROND:
            waarden["afgerond_op"] = timezone.localdate()
        elif nieuwe_status != Actie.Status.AFGEROND:
            waarden["afgerond_op"] = None
        if model_update(huidig, waarden):
            from .deadlines import opgeloste_afhandelen

            opgeloste_afhandelen(huidig.casus_id)
            toelichting = ""
            if nieuwe_status != oude_status:
                toelichting = _("Status: %(van)s → %(naar)s.") % {
                    "van": Actie.Status(oude_status).label,
                    "naar": Actie.Status(nieuwe_status).label,
                }
            tijdlijn_toevoegen(
                casus=huidig.casus,
                soort="actie_gewijzigd",
                titel=_("Actie bijgewerkt: %(actie)s") % {"actie": huidig.omschrijving[:120]},
                toelichting=toelichting,
                by=by,
                obj=huidig,
            )
    return huidig


class EvaluatieVelden(TypedDict, total=False):
    datum: datetime.date
    met_ouders: bool
    conclusie: str
    verslag: str
    vervolg: str


def evaluatie_vastleggen(*, casus: Casus, by, **fields: Unpack[EvaluatieVelden]) -> Evaluatie:
    """An evaluation of the vastgesteld plan (with the ouders: the yearly evaluation of WPO 40a lid 5)."""
    check_fields(fields, EvaluatieVelden)
    _check_open(casus)
    datum = fields.get("datum")
    if datum is not None and datum > timezone.localdate():
        raise ValidationError({"datum": _("Een evaluatie ligt niet in de toekomst.")})
    with tracked_write(by):
        plan = Plan.objects.filter(casus=casus, status=Plan.Status.VASTGESTELD).first()
        evaluatie = Evaluatie(
            swv_id=casus.swv_id,
            casus=casus,
            plan=plan,
            vastgelegd_door=_door(by),
            api_client=by.api_client if getattr(by, "is_api_client", False) else None,
            **fields,
        )
        evaluatie.full_clean()
        evaluatie.save()
        tijdlijn_toevoegen(
            casus=casus,
            soort="evaluatie",
            titel=_("Evaluatie vastgelegd (%(conclusie)s)")
            % {"conclusie": evaluatie.get_conclusie_display()},
            toelichting=_("Met de ouders besproken.") if evaluatie.met_ouders else "",
            by=by,
            obj=evaluatie,
        )
        from .deadlines import opgeloste_afhandelen

        opgeloste_afhandelen(casus.pk)
    return evaluatie
