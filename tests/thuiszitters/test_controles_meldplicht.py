"""Rule meldplicht_16_uur (Leerplichtwet 1969 art. 21/21a): 16 lesuren ongeoorloofd in 4 opeenvolgende
lesweken, holiday weeks of the school's region skipped, a new window after a melding (issue 12)."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import LeerlingFactory
from tests.thuiszitters.factories import AbsentieFactory, VerzuimmeldingFactory
from thuiszitters.controles import MELDPLICHT_16_UUR
from thuiszitters.models import Schoolvakantie, Signaal

pytestmark = pytest.mark.django_db

D = datetime.date
REGEL = "meldplicht_16_uur"


@pytest.fixture
def leerling():
    leerling = LeerlingFactory()
    leerling.school.vakantieregio = "midden"
    leerling.school.save()
    return leerling


@pytest.fixture
def herfstvakantie():
    # Saturday to Sunday, as the Rijksoverheid publishes it: the week of Monday 19 October is no lesweek.
    return Schoolvakantie.objects.create(
        schooljaar="2026-2027",
        regio="midden",
        naam="Herfstvakantie",
        begin=D(2026, 10, 17),
        eind=D(2026, 10, 25),
    )


def afwezig(leerling, dag, uren, **velden):
    return AbsentieFactory(leerling=leerling, datum=dag, uren=Decimal(uren), **velden)


def signalen(leerling):
    return list(Signaal.objects.filter(leerling=leerling, regel=REGEL))


def test_15_5_hours_is_no_signal_and_16_hours_is(leerling):
    for dag in (D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 12)):
        afwezig(leerling, dag, "4")
    afwezig(leerling, D(2026, 10, 13), "3.5")
    # geoorloofd hours never count
    afwezig(leerling, D(2026, 10, 14), "6", geoorloofd=True, reden="ziekte")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 20)) == 0

    afwezig(leerling, D(2026, 10, 15), "0.5")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 20)) == 1
    (signaal,) = signalen(leerling)
    assert signaal.school == leerling.school
    assert signaal.swv == leerling.swv
    assert (signaal.voor_school, signaal.voor_leerplicht, signaal.voor_swv) == (True, False, False)
    assert signaal.periode == f"2026-08-01/{leerling.school_id}"
    assert "15-10-2026" in signaal.omschrijving
    assert leerling.bsn not in signal_tekst(signaal)
    # Passed on Thursday 15 October; no holiday in this test: 5 school days later is Thursday 22 October.
    assert signaal.vervalt_op == D(2026, 10, 22)
    assert signaal.status == "open"


def signal_tekst(signaal):
    return f"{signaal.omschrijving} {signaal.periode}"


def test_16_hours_spread_over_5_lesweken_is_no_signal(leerling):
    for dag in (D(2026, 10, 5), D(2026, 10, 12), D(2026, 10, 19), D(2026, 10, 26), D(2026, 11, 2)):
        afwezig(leerling, dag, "3.2")  # 16 in five consecutive weeks, 12.8 in any four
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 11, 6)) == 0


def test_a_holiday_week_is_skipped_so_hours_five_weeks_apart_still_count(leerling, herfstvakantie):
    # Weeks of 5 and 12 October, the herfstvakantie, then 26 October and 2 November: four lesweken.
    for dag in (D(2026, 10, 5), D(2026, 10, 12), D(2026, 10, 26), D(2026, 11, 2)):
        afwezig(leerling, dag, "4")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 11, 6)) == 1
    (signaal,) = signalen(leerling)
    assert "02-11-2026" in signaal.omschrijving
    assert signaal.vervalt_op == D(2026, 11, 9)  # Mon 2 Nov + 5 school days (Tue..Fri, Mon)


def test_the_holiday_of_another_region_does_not_count(leerling, herfstvakantie):
    leerling.school.vakantieregio = "noord"
    leerling.school.save()
    for dag in (D(2026, 10, 5), D(2026, 10, 12), D(2026, 10, 26), D(2026, 11, 2)):
        afwezig(leerling, dag, "4")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 11, 6)) == 0


def test_hours_in_a_holiday_week_do_not_count_and_the_deadline_skips_the_holiday(leerling, herfstvakantie):
    afwezig(leerling, D(2026, 10, 20), "8")  # typed in the holiday: no lesweek, no hours
    for dag in (D(2026, 10, 12), D(2026, 10, 13), D(2026, 10, 14)):
        afwezig(leerling, dag, "4")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 30)) == 0
    afwezig(leerling, D(2026, 10, 16), "4")  # 16 on Friday 16 October, just before the holiday
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 30)) == 1
    # 5 school days after Friday 16 October, the holiday week skipped: Monday 26 ... Friday 30 October.
    assert signalen(leerling)[0].vervalt_op == D(2026, 10, 30)


def test_after_a_melding_a_new_window_starts(leerling):
    for dag in (D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)):
        afwezig(leerling, dag, "4")
    VerzuimmeldingFactory(
        leerling=leerling, ingediend_op=datetime.datetime(2026, 10, 7, 15, 0, tzinfo=datetime.UTC)
    )
    afwezig(leerling, D(2026, 10, 12), "4")  # 16 in four lesweken, but 12 were reported already
    afwezig(leerling, D(2026, 10, 13), "4")
    afwezig(leerling, D(2026, 10, 14), "4")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 16)) == 0

    afwezig(leerling, D(2026, 10, 15), "4")  # 16 since the melding
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 16)) == 1
    (signaal,) = signalen(leerling)
    assert signaal.periode == f"2026-10-08/{leerling.school_id}"
    assert "15-10-2026" in signaal.omschrijving


def test_a_withdrawn_melding_starts_no_new_window_and_later_hours_do_not_count(leerling):
    for dag in (D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)):
        afwezig(leerling, dag, "4")
    VerzuimmeldingFactory(
        leerling=leerling,
        status="ingetrokken",
        ingediend_op=datetime.datetime(2026, 10, 7, 15, 0, tzinfo=datetime.UTC),
    )
    afwezig(leerling, D(2026, 10, 20), "4")
    afwezig(leerling, D(2026, 10, 21), "4")  # after the peildatum: not yet
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 20)) == 1
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 21)) == 0  # the same window: no second signal
    assert len(signalen(leerling)) == 1


def test_a_second_melding_period_gives_a_second_signal_and_reruns_add_nothing(leerling):
    for dag in (D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7), D(2026, 10, 8)):
        afwezig(leerling, dag, "4")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 9)) == 1
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 9)) == 0
    VerzuimmeldingFactory(
        leerling=leerling, ingediend_op=datetime.datetime(2026, 10, 9, 9, 0, tzinfo=datetime.UTC)
    )
    for dag in (D(2026, 10, 12), D(2026, 10, 13), D(2026, 10, 14), D(2026, 10, 15)):
        afwezig(leerling, dag, "4")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 16)) == 1
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 10, 16)) == 0
    assert sorted(s.periode.split("/")[0] for s in signalen(leerling)) == ["2026-08-01", "2026-10-10"]


def test_hours_of_the_previous_school_year_do_not_count(leerling):
    for dag in (D(2026, 7, 6), D(2026, 7, 7)):
        afwezig(leerling, dag, "6")
    afwezig(leerling, D(2026, 8, 31), "4")
    assert MELDPLICHT_16_UUR.uitvoeren(D(2026, 9, 1)) == 0
