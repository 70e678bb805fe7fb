"""Leerplicht dates (cases/leerplicht.py) against domain.md: from the first day of the month after the
month of the 5th birthday; until 31 July of the school year (1 August - 31 July) in which the pupil
turns 16."""

import datetime

import pytest

from cases.leerplicht import leerplicht_eindigt, leerplichtig_vanaf, schooljaar_einde, verjaardag
from tests.factories import LeerlingFactory

D = datetime.date


@pytest.mark.parametrize(
    ("geboren", "vanaf"),
    [
        (D(2020, 3, 12), D(2025, 4, 1)),  # the municipal example: 5 on 12 March, school in April
        (D(2020, 3, 1), D(2025, 4, 1)),  # a birthday on the 1st still waits for the next month
        (D(2020, 3, 31), D(2025, 4, 1)),
        (D(2020, 12, 15), D(2026, 1, 1)),  # December: January of the next year
        (D(2020, 12, 1), D(2026, 1, 1)),
        (D(2020, 7, 31), D(2025, 8, 1)),  # July: in the summer holiday, the first school day follows
        (D(2020, 8, 1), D(2025, 9, 1)),
        (D(2020, 2, 29), D(2025, 4, 1)),  # 29 February: 5 on 1 March 2025 (no 29th), so April
        (D(2019, 2, 28), D(2024, 3, 1)),
    ],
)
def test_leerplicht_starts_the_first_day_of_the_month_after_the_fifth_birthday(geboren, vanaf):
    assert leerplichtig_vanaf(geboren) == vanaf


@pytest.mark.parametrize(
    ("geboren", "eindigt"),
    [
        (D(2010, 7, 31), D(2026, 7, 31)),  # 16 on the last day of the school year: ends that day
        (D(2010, 8, 1), D(2027, 7, 31)),  # 16 on the first day of a school year: the whole year more
        (D(2010, 1, 1), D(2026, 7, 31)),
        (D(2010, 12, 31), D(2027, 7, 31)),
        (D(2012, 2, 29), D(2028, 7, 31)),  # 2028 is a leap year: 16 on 29 February 2028
        (D(2008, 2, 29), D(2024, 7, 31)),
        (D(2004, 2, 29), D(2020, 7, 31)),
    ],
)
def test_leerplicht_ends_31_july_of_the_school_year_in_which_the_pupil_turns_16(geboren, eindigt):
    assert leerplicht_eindigt(geboren) == eindigt


def test_born_on_29_february_has_a_birthday_on_1_march_in_other_years_for_start_and_end_alike():
    assert verjaardag(D(2020, 2, 29), 5) == D(2025, 3, 1)
    assert verjaardag(D(2020, 2, 29), 4) == D(2024, 2, 29)
    assert verjaardag(D(2011, 2, 28), 16) == D(2027, 2, 28)


@pytest.mark.parametrize(
    ("dag", "einde"),
    [(D(2026, 7, 31), D(2026, 7, 31)), (D(2026, 8, 1), D(2027, 7, 31)), (D(2027, 1, 1), D(2027, 7, 31))],
)
def test_the_school_year_runs_from_1_august_to_31_july(dag, einde):
    assert schooljaar_einde(dag) == einde


@pytest.mark.django_db
def test_the_pupil_model_answers_with_the_same_functions():
    leerling = LeerlingFactory(geboortedatum=D(2012, 8, 1))
    assert (leerling.leerplichtig_vanaf, leerling.leerplicht_eindigt) == (D(2017, 9, 1), D(2029, 7, 31))
