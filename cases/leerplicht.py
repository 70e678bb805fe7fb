"""Leerplicht dates derived from the date of birth (Leerplichtwet 1969 art. 3 and 4; domain.md).

One definition, used by the pupil page and API (`leerplichtigVanaf`, `leerplichtEindigt`) and later by
the verzuim checks. The law says "the first school day of the month after the month in which the child
turns 5"; a school day depends on the school's calendar, so we store the first calendar day of that month
(a Saturday 1st means the Monday after; the difference never changes a month count).
The "12 full school years" alternative end needs the enrolment history and is not derived here.

Born on 29 February: in a year without that day the birthday is 1 March (the day after 28 February, as DUO
and the BRP count ages). One helper (`verjaardag`) decides it for both dates, so the start and the end
follow the same rule (tests/cases/test_leerplicht.py).
"""

import datetime


def verjaardag(geboortedatum: datetime.date, leeftijd: int) -> datetime.date:
    """The day a person born on `geboortedatum` reaches `leeftijd` (29 February: 1 March in other years)."""
    try:
        return geboortedatum.replace(year=geboortedatum.year + leeftijd)
    except ValueError:  # 29 February in a year without it
        return datetime.date(geboortedatum.year + leeftijd, 3, 1)


def leerplichtig_vanaf(geboortedatum: datetime.date) -> datetime.date:
    """The first day of the month after the month of the 5th birthday (a birthday on the 1st still waits
    for the next month)."""
    vijf = verjaardag(geboortedatum, 5)
    if vijf.month == 12:
        return datetime.date(vijf.year + 1, 1, 1)
    return datetime.date(vijf.year, vijf.month + 1, 1)


def schooljaar_einde(dag: datetime.date) -> datetime.date:
    """31 July of the school year (1 August - 31 July) that holds `dag`."""
    return datetime.date(dag.year if dag.month < 8 else dag.year + 1, 7, 31)


def leerplicht_eindigt(geboortedatum: datetime.date) -> datetime.date:
    """The end (31 July) of the school year in which the pupil turns 16; kwalificatieplicht follows."""
    return schooljaar_einde(verjaardag(geboortedatum, 16))
