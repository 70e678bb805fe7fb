"""OOGO reminders in "mijn taken": raised when due, once, and closed when the cause is gone."""

import datetime
import zoneinfo

import pytest
import time_machine

from cases.models import Taak
from cases.selectors_plan import taken_voor
from oogo import services
from oogo.deadlines import (
    REGEL_ACTIE,
    REGEL_ADVIES,
    REGEL_PLAN_INSPECTIE,
    REGEL_PLAN_OOGO,
    REGEL_VERWEER,
    controleer_deadlines,
)
from oogo.workflow import ActiepuntStatus, AgendapuntStatus, Thema
from tests.factories import OrganisatieFactory
from tests.oogo.factories import overleg, persoon

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _open(regel):
    return list(Taak.objects.filter(regel=regel, afgehandeld_op__isnull=True))


def test_action_reminder_is_idempotent_with_frozen_time_and_closes_when_done(swv, users):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    o = overleg(swv, gemeenten=[gemeente])
    actie = services.actiepunt_toevoegen(
        overleg=o,
        by=None,
        omschrijving="Notitie",
        eigenaar=persoon(swv),
        deadline=datetime.date(2026, 11, 10),
    )
    with time_machine.travel(datetime.datetime(2026, 11, 1, 7, tzinfo=AMS), tick=False):
        assert controleer_deadlines()[REGEL_ACTIE]["nieuw"] == 0  # more than 7 days before
    with time_machine.travel(datetime.datetime(2026, 11, 4, 7, tzinfo=AMS), tick=False):
        assert controleer_deadlines()[REGEL_ACTIE] == {"nieuw": 1, "afgehandeld": 0}
        assert controleer_deadlines()[REGEL_ACTIE] == {"nieuw": 0, "afgehandeld": 0}
        [taak] = _open(REGEL_ACTIE)
        assert (taak.casus_id, taak.vervalt_op, taak.rol) == (
            None,
            datetime.date(2026, 11, 10),
            "swv_coordinator",
        )
        assert list(taken_voor(users["swv_coordinator"])) == [taak]
        services.actiepunt_status_zetten(actiepunt=actie, by=None, status=ActiepuntStatus.GEREED)
        assert _open(REGEL_ACTIE) == []
        # Done stays done: a rerun raises nothing again.
        assert controleer_deadlines()[REGEL_ACTIE] == {"nieuw": 0, "afgehandeld": 0}
    assert Taak.objects.filter(regel=REGEL_ACTIE).count() == 1


def test_geschil_terms_become_tasks(swv):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    punt = services.agendapunt_toevoegen(
        overleg=overleg(swv, gemeenten=[gemeente]), by=None, titel="Vervoer", thema=Thema.LEERLINGENVERVOER
    )
    services.agendapunt_status_zetten(agendapunt=punt, by=None, status=AgendapuntStatus.GEAGENDEERD)
    services.agendapunt_status_zetten(
        agendapunt=punt, by=None, status=AgendapuntStatus.GEEN_OVEREENSTEMMING, uitkomst="Nee"
    )
    with time_machine.travel(datetime.datetime(2026, 10, 6, 7, tzinfo=AMS), tick=False):
        geschil = services.geschil_voorleggen(
            agendapunt=punt,
            by=None,
            gemeente=gemeente,
            ingediend_door="swv",
            ingediend_op=datetime.date(2026, 10, 5),
        )
        [verweer] = _open(REGEL_VERWEER)
        assert verweer.vervalt_op == datetime.date(2026, 10, 19)
        assert _open(REGEL_ADVIES) == []  # not due yet
    with time_machine.travel(datetime.datetime(2026, 11, 10, 7, tzinfo=AMS), tick=False):
        services.geschil_bijwerken(geschil=geschil, by=None, verweer_ontvangen_op=datetime.date(2026, 10, 12))
        assert _open(REGEL_VERWEER) == []
        [advies] = _open(REGEL_ADVIES)
        assert advies.vervalt_op == datetime.date(2026, 11, 9)
        services.geschil_bijwerken(
            geschil=geschil,
            by=None,
            advies_ontvangen_op=datetime.date(2026, 11, 10),
            advies="Zoek een middenweg",
        )
        assert _open(REGEL_ADVIES) == []


def test_ondersteuningsplan_reminders_before_1_may(swv):
    plan = services.ondersteuningsplan_maken(
        swv=swv,
        by=None,
        titel="OP 2027-2031",
        periode_van=datetime.date(2027, 8, 1),
        periode_tot=datetime.date(2031, 7, 31),
    )
    assert controleer_deadlines(datetime.date(2026, 12, 1))[REGEL_PLAN_OOGO]["nieuw"] == 0
    resultaat = controleer_deadlines(datetime.date(2027, 1, 15))
    assert resultaat[REGEL_PLAN_OOGO]["nieuw"] == 1
    assert resultaat[REGEL_PLAN_INSPECTIE]["nieuw"] == 1
    assert {t.vervalt_op for t in Taak.objects.filter(casus__isnull=True)} == {datetime.date(2027, 5, 1)}
    o = overleg(swv, gemeenten=[OrganisatieFactory(swv=swv, gemeente=True)], dag=datetime.date(2027, 2, 1))
    services.ondersteuningsplan_oogo_koppelen(plan=plan, by=None, overleg=o)
    services.overleg_status_zetten(overleg=o, by=None, status="gehouden")
    assert controleer_deadlines(datetime.date(2027, 2, 2))[REGEL_PLAN_OOGO] == {"nieuw": 0, "afgehandeld": 1}
