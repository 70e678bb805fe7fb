"""The monitor's counts against a hand-made fixture (docs/verzuim.md "Monitor"), at the school-year edges."""

import datetime

import pytest

from tests.factories import LeerlingFactory, OrganisatieFactory
from tests.thuiszitters.factories import ThuiszitterFactory
from thuiszitters.selectors_monitor import (
    maandeinden,
    monitor,
    schooljaar_van,
    tel,
    vorig_schooljaar,
)

D = datetime.date


def _tz(swv, gemeente, school, **kwargs):
    # A pupil always has a school record; an absoluut verzuimer's registration has none.
    leerling = LeerlingFactory(swv=swv, woongemeente=gemeente, **({"school": school} if school else {}))
    return ThuiszitterFactory(leerling=leerling, school=school, gemeente=gemeente, **kwargs)


@pytest.fixture
def wereld(swv):
    """Eight registrations with known dates in two gemeenten; school year 2025 = 1 Aug 2025 - 31 Jul 2026."""
    a = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Aadorp")
    b = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Beekdal")
    x = OrganisatieFactory(swv=swv, school=True, naam="Basisschool X")
    y = OrganisatieFactory(swv=swv, school=True, naam="Basisschool Y")
    t = {
        # at home since the previous year, still open
        1: _tz(swv, a, x, startdatum=D(2025, 3, 1)),
        # started on the last day of the previous year, back at school in September
        2: _tz(
            swv, a, x, startdatum=D(2025, 7, 31), einddatum=D(2025, 9, 15), reden_einde="terug_naar_school"
        ),
        # started on the first day of the year
        3: _tz(swv, a, y, startdatum=D(2025, 8, 1)),
        # absoluut verzuim (no school), placed after exactly 3 months
        4: _tz(
            swv,
            a,
            None,
            soort="absoluut",
            startdatum=D(2025, 10, 1),
            einddatum=D(2026, 1, 1),
            reden_einde="andere_school",
        ),
        # started on the last day of the year, in gemeente B
        5: _tz(swv, b, y, startdatum=D(2026, 7, 31)),
        # a vrijstelling 5 onder a, running since 2024
        6: _tz(swv, a, x, soort="vrijstelling", vrijstelling_artikel="5a", startdatum=D(2024, 9, 1)),
        # ended on the last day of the previous year (moved away): not in 2025 at all
        7: _tz(swv, a, x, startdatum=D(2025, 1, 10), einddatum=D(2025, 7, 31), reden_einde="verhuisd"),
        # started on the first day of the next year
        8: _tz(swv, b, x, startdatum=D(2026, 8, 1)),
    }
    return {"a": a, "b": b, "x": x, "y": y, "t": t}


def test_counts_of_school_year_2025_on_31_july(wereld, swv):
    ruw = tel(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31))

    assert ruw.totaal == {
        "begin": 2,  # 1, 2
        "nieuw": 3,  # 3, 4, 5
        "beeindigd": 2,  # 2, 4
        "teruggeleid": 2,  # 2 (terug naar school), 4 (andere school)
        "langer_dan_3_maanden": 2,  # 1, 3 (4 is exactly 3 months: not longer)
        "absoluut": 1,
        "absoluut_teruggeleid": 1,
        "vrijstelling_5a": 1,
        "vrijstelling_5b": 0,
        "vrijstelling_5c": 0,
        "vrijstelling_5_a": 0,
        "vrijstelling_15": 0,
        "vrijstelling_3a_3b": 0,
        "vrijstellingen": 1,
    }


def test_begin_plus_new_minus_ended_is_who_is_at_home_on_the_peildatum(wereld, swv):
    ruw = tel(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31))

    # 1, 3 and 5 are at home on 31 July 2026.
    assert ruw.totaal["begin"] + ruw.totaal["nieuw"] - ruw.totaal["beeindigd"] == 3


def test_one_august_starts_a_new_year_with_those_still_at_home(wereld, swv):
    ruw = tel(swv=swv, schooljaar=2026, peildatum=D(2026, 8, 1))

    assert ruw.totaal["begin"] == 3  # 1, 3, 5
    assert ruw.totaal["nieuw"] == 1  # 8, started on 1 August
    assert ruw.totaal["beeindigd"] == 0


def test_the_previous_year_ends_on_31_july(wereld, swv):
    ruw = tel(swv=swv, schooljaar=2024, peildatum=D(2025, 7, 31))

    assert ruw.totaal["begin"] == 0
    assert ruw.totaal["nieuw"] == 3  # 7, 1, 2 (2 on the very last day)
    assert ruw.totaal["beeindigd"] == 1  # 7, on 31 July
    assert ruw.totaal["teruggeleid"] == 0  # moved away is not back in onderwijs
    assert ruw.totaal["vrijstellingen"] == 1


def test_a_peildatum_mid_year_counts_only_up_to_that_day(wereld, swv):
    ruw = tel(swv=swv, schooljaar=2025, peildatum=D(2025, 12, 31))

    assert ruw.totaal["nieuw"] == 2  # 3, 4
    assert ruw.totaal["beeindigd"] == 1  # 2
    assert ruw.totaal["langer_dan_3_maanden"] == 2  # 1 (since March), 3 (1 Aug - 31 Dec)
    assert ruw.totaal["absoluut_teruggeleid"] == 0


def test_one_day_past_three_months_is_longer_than_three_months(wereld, swv):
    t4 = wereld["t"][4]
    t4.einddatum = D(2026, 1, 2)
    t4.save(update_fields=["einddatum"])

    assert tel(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31)).totaal["langer_dan_3_maanden"] == 3


def test_per_gemeente_and_per_school(wereld, swv):
    ruw = tel(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31))
    a, b, x, y = (wereld[k].pk for k in "abxy")

    assert ruw.per_gemeente[a]["begin"] == 2
    assert ruw.per_gemeente[a]["nieuw"] == 2
    assert ruw.per_gemeente[b]["nieuw"] == 1
    assert ruw.per_gemeente[b]["begin"] == 0
    assert ruw.per_school[x]["begin"] == 2
    assert ruw.per_school[x]["vrijstellingen"] == 1
    assert ruw.per_school[y]["nieuw"] == 2
    assert ruw.per_school[None]["absoluut"] == 1


def test_gemeente_filter_counts_only_that_gemeente(wereld, swv):
    ruw = tel(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31), gemeente=wereld["b"])

    assert ruw.totaal["nieuw"] == 1
    assert ruw.totaal["begin"] == 0
    assert list(ruw.per_gemeente) == [wereld["b"].pk]


def test_trend_per_month(wereld, swv):
    ruw = tel(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31))

    assert ruw.trend_nieuw == {D(2025, 8, 1): 1, D(2025, 10, 1): 1, D(2026, 7, 1): 1}
    assert ruw.trend_beeindigd == {D(2025, 9, 1): 1, D(2026, 1, 1): 1}


def test_another_swvs_registrations_do_not_count(wereld, swv):
    from swv.core.models import Samenwerkingsverband

    ander = Samenwerkingsverband.objects.create(code="PO9899", naam="Elders", sector="PO")
    g = OrganisatieFactory(swv=ander, gemeente=True)
    _tz(ander, g, OrganisatieFactory(swv=ander, school=True), startdatum=D(2025, 9, 1))

    assert tel(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31)).totaal["nieuw"] == 3


def test_peildatum_outside_the_school_year_is_refused(swv):
    with pytest.raises(ValueError, match="niet in schooljaar"):
        tel(swv=swv, schooljaar=2025, peildatum=D(2026, 8, 1))


@pytest.mark.parametrize("aantal", [1, 12])
def test_query_count_does_not_depend_on_the_number_of_registrations(swv, aantal, django_assert_num_queries):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    school = OrganisatieFactory(swv=swv, school=True)
    for i in range(aantal):
        _tz(swv, gemeente, school, startdatum=D(2025, 9, 1) + datetime.timedelta(days=i))

    with django_assert_num_queries(3):
        monitor(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31))


def test_school_year_helpers():
    assert schooljaar_van(D(2025, 7, 31)) == 2024
    assert schooljaar_van(D(2025, 8, 1)) == 2025
    assert vorig_schooljaar(D(2026, 9, 30)) == 2025
    assert maandeinden(2025)[0] == D(2025, 8, 31)
    assert maandeinden(2025)[6] == D(2026, 2, 28)
    assert maandeinden(2025)[-1] == D(2026, 7, 31)
