"""Reminders of the OOGO in "mijn taken": the task model and digest of the cases deadline engine
(cases.models.Taak, cases.deadlines.verstuur_digest) with OOGO rules of its own.

The cases engine's rules are SQL joined to a case and deduplicated by its (casus, regel, periode) key;
OOGO tasks have no case (`Taak.casus` is null), and NULLs never conflict in a unique key. So this check is
its own, small (tens of rows per SWV): it computes every cause, and under one advisory lock inserts the
tasks whose (swv, regel, periode) does not exist yet and closes the open ones whose cause is gone. A rerun,
a second worker or a missed day is harmless, as with the cases engine. Tasks go to the SWV coordinators.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Taak
from swv.core.models import Rol

from .models import Actiepunt, Geschil, Ondersteuningsplan
from .workflow import ACTIEPUNT_OPEN, OverlegStatus

REGEL_ACTIE = "oogo_actiepunt"
REGEL_VERWEER = "oogo_geschil_verweer"
REGEL_ADVIES = "oogo_geschil_advies"
REGEL_PLAN_OOGO = "oogo_plan_oogo"
REGEL_PLAN_INSPECTIE = "oogo_plan_inspectie"
REGELS = (REGEL_ACTIE, REGEL_VERWEER, REGEL_ADVIES, REGEL_PLAN_OOGO, REGEL_PLAN_INSPECTIE)
# Any fixed number: the advisory lock that serialises two runs of this check.
_LOCK = 1_300_013


@dataclass(frozen=True)
class Oorzaak:
    swv_id: int
    regel: str
    periode: str
    omschrijving: str
    vervalt_op: datetime.date
    melden_vanaf: datetime.date


def _oorzaken(swv_id: int | None) -> list[Oorzaak]:
    """Every cause that exists now, whatever its reporting date (no personal data in the texts: mailed)."""
    binnen = {"swv_id": swv_id} if swv_id is not None else {}
    voorloop = datetime.timedelta(days=settings.OOGO_ACTIE_VOORLOOP_DAGEN)
    plan_voorloop = datetime.timedelta(days=settings.OOGO_PLAN_VOORLOOP_DAGEN)
    rij: list[Oorzaak] = []
    for actie in Actiepunt.objects.filter(status__in=ACTIEPUNT_OPEN, **binnen).only(
        "pk", "swv_id", "deadline"
    ):
        rij.append(
            Oorzaak(
                actie.swv_id,
                REGEL_ACTIE,
                f"actiepunt-{actie.pk}-{actie.deadline:%Y-%m-%d}",
                _("OOGO-actiepunt %(nr)s: de deadline nadert of is verstreken.") % {"nr": actie.pk},
                actie.deadline,
                actie.deadline - voorloop,
            )
        )
    for geschil in Geschil.objects.filter(advies_ontvangen_op__isnull=True, **binnen):
        if geschil.verweer_ontvangen_op is None:
            rij.append(
                Oorzaak(
                    geschil.swv_id,
                    REGEL_VERWEER,
                    f"geschil-{geschil.pk}-verweer",
                    _("OOGO-geschil %(nr)s: het verweer is uiterlijk twee weken na de indiening nodig.")
                    % {"nr": geschil.pk},
                    geschil.verweer_uiterlijk,
                    geschil.ingediend_op,
                )
            )
        advies = geschil.advies_uiterlijk
        rij.append(
            Oorzaak(
                geschil.swv_id,
                REGEL_ADVIES,
                # The date is in the period: a verweer that comes early moves the term, and the task with it.
                f"geschil-{geschil.pk}-advies-{advies:%Y-%m-%d}",
                _("OOGO-geschil %(nr)s: het advies van de geschillencommissie komt binnen vier weken.")
                % {"nr": geschil.pk},
                advies,
                advies - datetime.timedelta(days=7),
            )
        )
    for plan in Ondersteuningsplan.objects.filter(naar_inspectie_op__isnull=True, **binnen).select_related(
        "oogo_overleg"
    ):
        uiterlijk = plan.inspectie_uiterlijk
        if plan.vastgesteld_op is None and (
            plan.oogo_overleg is None or plan.oogo_overleg.status != OverlegStatus.GEHOUDEN
        ):
            rij.append(
                Oorzaak(
                    plan.swv_id,
                    REGEL_PLAN_OOGO,
                    f"plan-{plan.pk}-oogo",
                    _("Ondersteuningsplan %(titel)s: het OOGO met de gemeenten vóór de vaststelling.")
                    % {"titel": plan.titel},
                    uiterlijk,
                    uiterlijk - plan_voorloop,
                )
            )
        rij.append(
            Oorzaak(
                plan.swv_id,
                REGEL_PLAN_INSPECTIE,
                f"plan-{plan.pk}-inspectie",
                _("Ondersteuningsplan %(titel)s: vóór 1 mei naar de Inspectie sturen.")
                % {"titel": plan.titel},
                uiterlijk,
                uiterlijk - plan_voorloop,
            )
        )
    return rij


def controleer_deadlines(
    peildatum: datetime.date | None = None, *, swv_id: int | None = None
) -> dict[str, dict[str, int]]:
    """Raise the OOGO tasks due on `peildatum` (default today) and close those whose cause is gone.

    Returns {regel: {"nieuw": n, "afgehandeld": n}}, like cases.deadlines.controleer_deadlines. With
    `swv_id`, only that SWV (a service that just changed a cause calls this, so its task follows at once)."""
    peildatum = peildatum or timezone.localdate()
    nu = timezone.now()
    resultaat = {regel: {"nieuw": 0, "afgehandeld": 0} for regel in REGELS}
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
        oorzaken = _oorzaken(swv_id)
        sleutels = {(o.swv_id, o.regel, o.periode) for o in oorzaken}
        bestaand = {
            (t.swv_id, t.regel, t.periode): t
            for t in Taak.objects.filter(
                casus__isnull=True, regel__in=REGELS, **({"swv_id": swv_id} if swv_id else {})
            ).only("pk", "swv_id", "regel", "periode", "afgehandeld_op")
        }
        weg = [t.pk for key, t in bestaand.items() if t.afgehandeld_op is None and key not in sleutels]
        for key, taak in bestaand.items():
            if taak.pk in weg:
                resultaat[key[1]]["afgehandeld"] += 1
        Taak.objects.filter(pk__in=weg).update(afgehandeld_op=nu)
        nieuw = [
            Taak(
                swv_id=o.swv_id,
                casus=None,
                regel=o.regel,
                periode=o.periode,
                omschrijving=o.omschrijving[:250],
                vervalt_op=o.vervalt_op,
                rol=Rol.SWV_COORDINATOR.value,
                aangemaakt_op=nu,
            )
            for o in oorzaken
            if o.melden_vanaf <= peildatum and (o.swv_id, o.regel, o.periode) not in bestaand
        ]
        Taak.objects.bulk_create(nieuw)
        for taak in nieuw:
            resultaat[taak.regel]["nieuw"] += 1
    return resultaat
