"""Rule vier_weken_afwezig (OCW 2016 / Ingrado: langdurig relatief verzuim, 4 weeks or more): a run of
consecutive lesdagen with ongeoorloofde absence covering 28 calendar days; weekends and holidays do not break
the run, a lesdag present does (issue 12; docs/decisions.md 52)."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import LeerlingFactory
from tests.thuiszitters.factories import AbsentieFactory, ThuiszitterFactory
from thuiszitters.controles import VIER_WEKEN_AFWEZIG
from thuiszitters.models import Schoolvakantie, Signaal

pytestmark = pytest.mark.django_db

D = datetime.date
REGEL = "vier_weken_afwezig"


@pytest.fixture
def leerling():
    leerling = LeerlingFactory()
    leerling.school.vakantieregio = "zuid"
    leerling.school.save()
    return leerling


def lesdagen(van, tot):
    dag = van
    while dag <= tot:
        if dag.isoweekday() < 6:
            yield dag
        dag += datetime.timedelta(days=1)


def afwezig(leerling, van, tot, uren="6", behalve=()):
    for dag in lesdagen(van, tot):
        if dag not in behalve:
            AbsentieFactory(leerling=leerling, datum=dag, uren=Decimal(uren))


def test_four_school_weeks_monday_to_friday_reach_28_days_on_the_sunday(leerling):
    afwezig(leerling, D(2026, 11, 2), D(2026, 11, 27))  # Monday 2 ... Friday 27 November
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 27)) == 0  # 26 days
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 28)) == 0  # 27 days
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 29)) == 1  # 28 days: 2 up to and including 29 November
    (signaal,) = Signaal.objects.filter(regel=REGEL)
    assert signaal.leerling == leerling
    assert signaal.school == leerling.school
    assert (signaal.voor_school, signaal.voor_leerplicht, signaal.voor_swv) == (False, True, True)
    assert signaal.periode == f"2026-11-02/{leerling.school_id}"
    assert "02-11-2026" in signaal.omschrijving
    assert leerling.bsn not in signaal.omschrijving


def test_27_days_is_not_four_weeks_and_28_is(leerling):
    afwezig(leerling, D(2026, 11, 3), D(2026, 11, 30))  # Tuesday 3 ... Monday 30 November
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 29)) == 0  # 3 ... 29 November: 27 days
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 30)) == 1  # 28 days
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 12, 7)) == 0  # the same run later: no second signal


def test_a_run_that_ended_before_the_peildatum_counts_up_to_the_next_lesdag(leerling):
    afwezig(leerling, D(2026, 11, 3), D(2026, 11, 27))  # Tuesday 3 ... Friday 27: back on Monday 30
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 12, 10)) == 0  # 3 ... 29 November: 27 days


def test_one_lesdag_present_breaks_the_run(leerling):
    afwezig(leerling, D(2026, 11, 2), D(2026, 12, 4), behalve={D(2026, 11, 18)})
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 12, 6)) == 0  # 2-17 and 19 Nov - 6 Dec: both shorter


def test_a_day_with_fewer_hours_than_the_setting_breaks_the_run(leerling, settings):
    afwezig(leerling, D(2026, 11, 2), D(2026, 11, 27), behalve={D(2026, 11, 18)})
    AbsentieFactory(leerling=leerling, datum=D(2026, 11, 18), uren=Decimal("3"))
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 29)) == 0
    settings.VERZUIM_AFWEZIGE_DAG_UREN = 3
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 29)) == 1


def test_geoorloofd_absence_is_no_run(leerling):
    for dag in lesdagen(D(2026, 11, 2), D(2026, 11, 27)):
        AbsentieFactory(leerling=leerling, datum=dag, uren=Decimal("6"), geoorloofd=True, reden="ziekte")
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 30)) == 0


def test_a_holiday_does_not_break_the_run(leerling):
    Schoolvakantie.objects.create(
        schooljaar="2026-2027",
        regio="zuid",
        naam="Herfstvakantie",
        begin=D(2026, 10, 10),
        eind=D(2026, 10, 18),
    )
    # Monday 28 September ... Friday 9 October, the holiday, Monday 19 ... Friday 23 October: 15 lesdagen.
    afwezig(leerling, D(2026, 9, 28), D(2026, 10, 9))
    afwezig(leerling, D(2026, 10, 19), D(2026, 10, 23))
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 10, 24)) == 0  # 27 days
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 10, 25)) == 1  # 28 September ... 25 October: 28 days


def test_without_the_holiday_the_same_days_are_two_runs(leerling):
    afwezig(leerling, D(2026, 9, 28), D(2026, 10, 9))
    afwezig(leerling, D(2026, 10, 19), D(2026, 10, 23))
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 10, 25)) == 0


def test_a_pupil_already_registered_as_thuiszitter_gets_no_proposal(leerling):
    afwezig(leerling, D(2026, 11, 2), D(2026, 11, 27))
    ThuiszitterFactory(leerling=leerling, startdatum=D(2026, 11, 20))
    assert VIER_WEKEN_AFWEZIG.uitvoeren(D(2026, 11, 30)) == 0
