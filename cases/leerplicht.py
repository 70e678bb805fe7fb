"""Leerplicht dates derived from the date of birth (Leerplichtwet 1969 art. 3 and 4; domain.md).

One definition, used by the pupil page and API (`leerplichtigVanaf`, `leerplichtEindigt`) and later by
the verzuim checks. The law says "the first school day of the month after the 5th birthday"; a school day
depends on the school's calendar, so we store the first calendar day of that month (a Saturday 1st means
the Monday after; the difference never changes a month count).
The "12 full school years" alternative end needs the enrolment history and is not derived here.
"""

import datetime


def leerplichtig_vanaf(geboortedatum: datetime.date) -> datetime.date:
    """The first day of the month after the 5th birthday (a birthday on the 1st still counts the next month)."""
    jaar = geboortedatum.year + 5
    maand = geboortedatum.month + 1
    if maand == 13:
        jaar, maand = jaar + 1, 1
    return datetime.date(jaar, maand, 1)


def schooljaar_einde(dag: datetime.date) -> datetime.date:
    """31 July of the school year (1 August - 31 July) that holds `dag`."""
    return datetime.date(dag.year if dag.month < 8 else dag.year + 1, 7, 31)


def leerplicht_eindigt(geboortedatum: datetime.date) -> datetime.date:
    """The end (31 July) of the school year in which the pupil turns 16; kwalificatieplicht follows."""
    try:
        zestien = geboortedatum.replace(year=geboortedatum.year + 16)
    except ValueError:  # born on 29 February: the 16th birthday is on 1 March (BW 1:2 is silent; DUO does so)
        zestien = datetime.date(geboortedatum.year + 16, 3, 1)
    return schooljaar_einde(zestien)
