"""The deadline engine (cases/deadlines.py): each rule at its edges, a rerun is a no-op, a resolved cause
closes the task, the query count does not grow with the data, the digest mails each task once."""

import datetime
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.deadlines import REGELS, controleer_deadlines, schooljaar, verstuur_digest
from cases.models import Casus, Taak
from cases.services_plan import (
    actie_bijwerken,
    actie_toevoegen,
    evaluatie_vastleggen,
    plan_concept_maken,
    plan_vaststellen,
)
from swv.core.models import Rol
from tests.cases.factories_plan import maak_casus
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
VANAF = datetime.date(2026, 9, 1)


def dag(n: int) -> datetime.date:
    return VANAF + datetime.timedelta(days=n)


def taken(regel: str) -> list[tuple]:
    return list(
        Taak.objects.filter(regel=regel).values_list("casus_id", "periode", "vervalt_op", "afgehandeld_op")
    )


def test_every_rule_names_its_source():
    assert {r.naam for r in REGELS} == {
        "opp_6_weken",
        "evaluatie_jaarlijks",
        "actie_deadline",
        "aanmelding_oppakken",
        # issue 11, part TLV
        "tlv_bezwaar_beslissen",
        "tlv_verloopt",
        "tlv_verloopt_school",
    }
    assert all(r.bron for r in REGELS)
    assert schooljaar(datetime.date(2026, 7, 31))[2] == "2025-2026"
    assert schooljaar(datetime.date(2026, 8, 1))[2] == "2026-2027"


def test_opp_task_appears_two_weeks_ahead_is_due_on_day_42_and_closes_when_the_plan_is_vastgesteld(
    swv, users, settings
):
    settings.CASUS_OPP_VOORLOOP_DAGEN = 14
    regisseur = users[Rol.SWV_DESKUNDIGE]
    casus = maak_casus(swv, opp_vereist_vanaf=VANAF, casusregisseur=regisseur)
    controleer_deadlines(dag(27))
    assert taken("opp_6_weken") == []
    controleer_deadlines(dag(28))
    taak = Taak.objects.get(regel="opp_6_weken")
    # Six weeks = day 42 is the last day within the term; from day 43 the task is late.
    assert (taak.casus, taak.gebruiker, taak.rol, taak.vervalt_op, taak.periode) == (
        casus,
        regisseur,
        "",
        dag(42),
        "2026-09-01",
    )
    assert f"Casus {casus.pk}" in taak.omschrijving
    with time_machine.travel(datetime.datetime(2026, 10, 14, 12, tzinfo=AMS), tick=False):
        plan_vaststellen(plan=plan_concept_maken(casus=casus, by=regisseur), by=regisseur)
    taak.refresh_from_db()
    assert taak.afgehandeld_op is not None
    controleer_deadlines(dag(43))
    assert Taak.objects.filter(regel="opp_6_weken").count() == 1


def test_opp_task_without_casusregisseur_goes_to_the_coordinators_and_a_closed_case_has_none(swv):
    open_casus = maak_casus(swv, opp_vereist_vanaf=VANAF)
    maak_casus(swv, opp_vereist_vanaf=VANAF, status=Casus.Status.AFGESLOTEN)
    controleer_deadlines(dag(42))
    assert list(Taak.objects.values_list("casus", "gebruiker", "rol")) == [
        (open_casus.pk, None, Rol.SWV_COORDINATOR)
    ]


def test_yearly_evaluation_counts_per_school_year_across_31_july_and_1_august(swv, users, settings):
    settings.CASUS_EVALUATIE_VOORLOOP_DAGEN = 90
    c = users[Rol.SWV_COORDINATOR]
    met_31_juli, met_1_aug = maak_casus(swv), maak_casus(swv)
    with time_machine.travel(datetime.datetime(2026, 8, 2, 12, tzinfo=AMS), tick=False):
        for casus, datum in (
            (met_31_juli, datetime.date(2026, 7, 31)),
            (met_1_aug, datetime.date(2026, 8, 1)),
        ):
            plan_vaststellen(plan=plan_concept_maken(casus=casus, by=c), by=c, op=datetime.date(2025, 9, 1))
            evaluatie_vastleggen(casus=casus, by=c, datum=datum, conclusie="deels", verslag="Besproken")
    controleer_deadlines(datetime.date(2027, 5, 1))  # 31 July 2027 minus 91 days: not yet
    assert taken("evaluatie_jaarlijks") == []
    controleer_deadlines(datetime.date(2027, 7, 31))
    # 31 July 2026 was last school year: this year's evaluation is missing. 1 August 2026 counts.
    assert taken("evaluatie_jaarlijks") == [(met_31_juli.pk, "2026-2027", datetime.date(2027, 7, 31), None)]
    with time_machine.travel(datetime.datetime(2027, 7, 31, 12, tzinfo=AMS), tick=False):
        evaluatie_vastleggen(
            casus=met_31_juli, by=c, datum=datetime.date(2027, 7, 31), conclusie="behaald", verslag="Goed"
        )
    assert Taak.objects.get(regel="evaluatie_jaarlijks").afgehandeld_op is not None


def test_action_deadline_passed_raises_a_task_the_next_day_and_finishing_it_closes_the_task(swv, users):
    c = users[Rol.SWV_COORDINATOR]
    casus = maak_casus(swv, casusregisseur=c)
    actie = actie_toevoegen(
        casus=casus,
        by=c,
        omschrijving="Gesprek",
        deadline=datetime.date(2026, 10, 1),
        eigenaar_organisatie=OrganisatieFactory(swv=swv, wijkteam=True),
    )
    controleer_deadlines(datetime.date(2026, 10, 1))
    assert taken("actie_deadline") == []
    controleer_deadlines(datetime.date(2026, 10, 2))
    assert taken("actie_deadline") == [
        (casus.pk, f"actie-{actie.pk}-2026-10-01", datetime.date(2026, 10, 1), None)
    ]
    actie_bijwerken(actie=actie, by=c, status="afgerond")
    assert Taak.objects.get(regel="actie_deadline").afgehandeld_op is not None


def test_an_aanmelding_not_picked_up_within_the_configured_days_is_a_task_until_it_is(swv, settings):
    settings.CASUS_AANMELDING_OPPAKKEN_DAGEN = 10
    casus = maak_casus(
        swv, status=Casus.Status.AANGEMELD, aangemeld_op=datetime.datetime(2026, 9, 1, 23, 30, tzinfo=AMS)
    )
    controleer_deadlines(datetime.date(2026, 9, 10))
    assert taken("aanmelding_oppakken") == []
    controleer_deadlines(datetime.date(2026, 9, 11))
    assert taken("aanmelding_oppakken") == [(casus.pk, "2026-09-01", datetime.date(2026, 9, 11), None)]
    Casus.objects.filter(pk=casus.pk).update(status=Casus.Status.IN_BEHANDELING)
    resultaat = controleer_deadlines(datetime.date(2026, 9, 12))
    assert resultaat["aanmelding_oppakken"] == {"nieuw": 0, "afgehandeld": 1}


def _maak(swv, n):
    for _ in range(n):
        maak_casus(
            swv,
            opp_vereist_vanaf=VANAF,
            status=Casus.Status.AANGEMELD,
            aangemeld_op=datetime.datetime(2026, 9, 1, 9, tzinfo=AMS),
        )


@pytest.mark.parametrize("aantal", [1, 50])
def test_the_check_is_a_fixed_number_of_queries_and_a_rerun_is_a_no_op(swv, aantal):
    _maak(swv, aantal)
    with CaptureQueriesContext(connection) as eerste:
        resultaat = controleer_deadlines(dag(50))
    assert resultaat["opp_6_weken"]["nieuw"] == aantal
    assert resultaat["aanmelding_oppakken"]["nieuw"] == aantal
    # Two statements per rule (+ savepoint bookkeeping), whatever the number of cases.
    assert len([q for q in eerste.captured_queries if "cases_taak" in q["sql"]]) == 2 * len(REGELS)
    aantal_taken = Taak.objects.count()
    tweede = controleer_deadlines(dag(50))
    assert all(r == {"nieuw": 0, "afgehandeld": 0} for r in tweede.values())
    assert Taak.objects.count() == aantal_taken


def test_the_digest_mails_each_coordinator_their_new_tasks_once(swv, users):
    users[Rol.SWV_COORDINATOR].email = "coordinator@example.org"
    users[Rol.SWV_COORDINATOR].save()
    casus = maak_casus(swv, opp_vereist_vanaf=VANAF)
    controleer_deadlines(dag(42))
    assert verstuur_digest() == 1
    assert mail.outbox[0].to == ["coordinator@example.org"]
    assert f"Casus {casus.pk}: ontwikkelingsperspectief" in mail.outbox[0].body
    assert casus.leerling.achternaam not in mail.outbox[0].body
    assert verstuur_digest() == 0
    assert len(mail.outbox) == 1


def test_the_command_runs_the_check_for_a_given_day(swv):
    maak_casus(swv, opp_vereist_vanaf=VANAF)
    out = StringIO()
    call_command("casus_deadlines", "--peildatum", "2026-10-13", "--zonder-mail", stdout=out)
    assert "opp_6_weken: 1 nieuw, 0 afgehandeld" in out.getvalue()
    call_command("casus_deadlines", "--peildatum", "2026-10-13", "--zonder-mail", stdout=out)
    assert "opp_6_weken: 0 nieuw" in out.getvalue()
