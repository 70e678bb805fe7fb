"""The OOGO's meetings as an RFC 5545 calendar (icalendar, decision 64): one file per meeting and the
personal feed (docs/oogo.md "Agenda in your calendar").

Each VEVENT carries the meeting's fixed `UID` and `SEQUENCE = ics_volgnummer`, so a calendar that has the
entry replaces it instead of adding a second one; a cancelled meeting stays in the file with
`STATUS:CANCELLED`, which makes calendars remove (or strike through) it. Times are written in UTC: every
calendar converts them to its own zone, and no VTIMEZONE can disagree with the user's clock around the
change to and from summer time. icalendar does the escaping (`,` `;` `\\` and new lines) and the line
folding. No pupil data is in a meeting; the description lists the agenda item titles only.
"""

import datetime
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Overleg
from .workflow import OverlegStatus

PRODID = "-//Ketenregie//OOGO//NL"


def _samenvatting(overleg: Overleg) -> str:
    return f"{overleg.titel} ({overleg.get_soort_display()})"


def _omschrijving(overleg: Overleg, url: str) -> str:
    regels = []
    punten = [punt.titel for punt in overleg.agendapunten.all()]
    if punten:
        regels.append(_("Agenda:"))
        regels.extend(f"{nummer}. {titel}" for nummer, titel in enumerate(punten, start=1))
    if overleg.locatie and overleg.videolink:
        # LOCATION holds the place; the video link must not get lost.
        regels.append(_("Videolink: %(link)s") % {"link": overleg.videolink})
    regels.append(_("Overleg in Ketenregie: %(url)s") % {"url": url})
    return "\n".join(regels)


def vevent(overleg: Overleg, *, url: str, nu: datetime.datetime | None = None) -> Event:
    """One meeting as a VEVENT; `url` is the absolute address of the meeting page."""
    event = Event()
    event.add("uid", overleg.uid)
    event.add("sequence", overleg.ics_volgnummer)
    event.add("dtstamp", (nu or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", overleg.begin.astimezone(datetime.UTC))
    event.add("dtend", overleg.einde.astimezone(datetime.UTC))
    event.add("summary", _samenvatting(overleg))
    locatie = overleg.locatie or overleg.videolink
    if locatie:
        event.add("location", locatie)
    event.add("url", url)
    event.add("description", _omschrijving(overleg, url))
    event.add("status", "CANCELLED" if overleg.status == OverlegStatus.GEANNULEERD else "CONFIRMED")
    return event


def kalender(
    overleggen: Iterable[Overleg],
    *,
    url_voor: Callable[[Overleg], str],
    naam: str | None = None,
    nu: datetime.datetime | None = None,
) -> bytes:
    """A VCALENDAR with one VEVENT per meeting. Prefetch `agendapunten` on the meetings (one query)."""
    nu = nu or timezone.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if naam:
        # The name a subscribing calendar shows, and a hint how often to fetch (Apple, Outlook).
        cal.add("x-wr-calname", naam)
        cal.add("x-published-ttl", "PT1H")
    for overleg in overleggen:
        cal.add_component(vevent(overleg, url=url_voor(overleg), nu=nu))
    return cal.to_ical()
