"""The OOGO's meetings as ICS (part oogo-ics): the file parsed back with icalendar, as a calendar reads it."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from oogo import services
from oogo.kalender import kalender
from oogo.models import Overleg
from oogo.workflow import OverlegStatus
from tests.factories import OrganisatieFactory
from tests.oogo.factories import bestuurder_gemeente, overleg

pytestmark = pytest.mark.django_db


def _lokaal(jaar, maand, dag, uur, minuut=0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(jaar, maand, dag, uur, minuut))


def _ics(*overleggen: Overleg) -> bytes:
    for o in overleggen:
        o.refresh_from_db()
    return kalender(overleggen, url_voor=lambda o: f"https://ketenregie.example/oogo/{o.pk}/")


def _event(o: Overleg):
    (event,) = Calendar.from_ical(_ics(o)).walk("VEVENT")
    return event


def test_one_event_with_uid_sequence_summary_location_url_and_agenda(swv):
    o = overleg(swv, titel="OOGO najaar", dag=datetime.date(2026, 10, 1))
    services.agendapunt_toevoegen(overleg=o, by=None, titel="Leerlingenvervoer", thema="leerlingenvervoer")
    services.agendapunt_toevoegen(overleg=o, by=None, titel="Thuiszitterspact", thema="overig")

    cal = Calendar.from_ical(_ics(o))
    (event,) = cal.walk("VEVENT")

    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(event["UID"]) == o.uid
    assert event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "OOGO najaar (OOGO bestuurlijk)"
    assert str(event["LOCATION"]) == "Gemeentehuis"
    assert str(event["URL"]) == f"https://ketenregie.example/oogo/{o.pk}/"
    assert str(event["STATUS"]) == "CONFIRMED"
    beschrijving = str(event["DESCRIPTION"])
    assert "1. Leerlingenvervoer\n2. Thuiszitterspact" in beschrijving
    assert event.decoded("DTSTAMP").tzinfo is not None


def test_times_are_utc_and_right_on_both_sides_of_summer_time(swv):
    # 14:00 in Amsterdam is 12:00 UTC in summer (CEST, +2) and 13:00 UTC in winter (CET, +1).
    zomer = overleg(swv, dag=datetime.date(2026, 6, 15))
    winter = overleg(swv, dag=datetime.date(2026, 12, 15))
    # The night the clocks go back (25 October 2026, 03:00 CEST -> 02:00 CET): 01:30 CEST to 03:30 CET is
    # three hours, not two.
    nacht = services.overleg_plannen(
        swv=swv,
        by=None,
        soort="werkgroep_thuiszitterspact",
        titel="Nachtoverleg",
        begin=datetime.datetime(2026, 10, 24, 23, 30, tzinfo=datetime.UTC),
        einde=datetime.datetime(2026, 10, 25, 2, 30, tzinfo=datetime.UTC),
        gemeenten=[OrganisatieFactory(swv=swv, gemeente=True)],
    )

    ruw = _ics(zomer, winter, nacht).decode()
    events = {str(e["UID"]): e for e in Calendar.from_ical(ruw).walk("VEVENT")}

    assert "DTSTART:20260615T120000Z" in ruw
    assert "DTEND:20260615T140000Z" in ruw
    assert "DTSTART:20261215T130000Z" in ruw
    assert events[zomer.uid].decoded("DTSTART") == _lokaal(2026, 6, 15, 14)
    assert events[winter.uid].decoded("DTSTART") == _lokaal(2026, 12, 15, 14)
    n = events[nacht.uid]
    assert n.decoded("DTEND") - n.decoded("DTSTART") == datetime.timedelta(hours=3)
    assert timezone.localtime(n.decoded("DTEND")).hour == 3


def test_commas_semicolons_and_backslashes_in_titles_are_escaped_and_come_back_intact(swv):
    titel = r"Vervoer, huisvesting; jeugdhulp \ VSV"
    o = overleg(swv, titel=titel)
    services.overleg_bijwerken(overleg=o, by=None, locatie="Stadhuis, zaal 2; 1e etage")
    services.agendapunt_toevoegen(overleg=o, by=None, titel="Punt; met, tekens", thema="overig")

    ruw = _ics(o).decode()
    event = _event(o)

    assert r"SUMMARY:Vervoer\, huisvesting\; jeugdhulp \\ VSV (OOGO bestuurlijk)" in ruw
    assert str(event["SUMMARY"]) == f"{titel} (OOGO bestuurlijk)"
    assert str(event["LOCATION"]) == "Stadhuis, zaal 2; 1e etage"
    assert "1. Punt; met, tekens" in str(event["DESCRIPTION"])
    # RFC 5545 3.1: no content line longer than 75 octets (icalendar folds them).
    assert all(len(regel.encode()) <= 75 for regel in ruw.split("\r\n"))


def test_uid_stays_and_sequence_rises_with_every_change_a_calendar_needs(swv):
    o = overleg(swv)
    uid = _event(o)["UID"]
    assert _event(o)["SEQUENCE"] == 0

    services.overleg_bijwerken(overleg=o, by=None, begin=o.begin + datetime.timedelta(hours=1))
    assert (str(_event(o)["UID"]), _event(o)["SEQUENCE"]) == (uid, 1)
    services.overleg_bijwerken(overleg=o, by=None, locatie="Stadhuis")
    services.overleg_bijwerken(overleg=o, by=None, titel="OOGO verzet")
    assert _event(o)["SEQUENCE"] == 3
    # Nothing changed: no new sequence (a calendar would otherwise re-import for nothing).
    services.overleg_bijwerken(overleg=o, by=None, titel="OOGO verzet", gemeenten=list(o.gemeenten.all()))
    assert _event(o)["SEQUENCE"] == 3
    # Another gemeente takes part: the meeting moves into (or out of) someone's feed.
    services.overleg_bijwerken(
        overleg=o, by=None, gemeenten=[*o.gemeenten.all(), OrganisatieFactory(swv=swv, gemeente=True)]
    )
    assert _event(o)["SEQUENCE"] == 4
    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.AGENDA_VERSTUURD)
    event = _event(o)
    assert (str(event["UID"]), event["SEQUENCE"], str(event["SUMMARY"])) == (
        uid,
        5,
        "OOGO verzet (OOGO bestuurlijk)",
    )


def test_a_cancelled_meeting_is_sent_as_cancelled_with_a_higher_sequence(swv):
    o = overleg(swv)
    voor = _event(o)["SEQUENCE"]

    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEANNULEERD)
    event = _event(o)

    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == voor + 1
    assert str(event["UID"]) == o.uid


def test_two_edits_from_stale_copies_both_raise_the_sequence(swv):
    """Two requests loaded the meeting before either saved: each must count (F() in the database)."""
    o = overleg(swv)
    eerste, tweede = Overleg.objects.get(pk=o.pk), Overleg.objects.get(pk=o.pk)

    services.overleg_bijwerken(overleg=eerste, by=None, titel="Eerste wijziging")
    services.overleg_bijwerken(overleg=tweede, by=None, locatie="Tweede plaats")

    assert Overleg.objects.get(pk=o.pk).ics_volgnummer == 2
    assert tweede.ics_volgnummer == 2  # the caller's object is refreshed


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_edits_in_two_connections_both_count(swv):
    o = overleg(swv)
    klaar = threading.Barrier(2)
    fouten: list[BaseException] = []

    def wijzig(velden):
        try:
            kopie = Overleg.objects.get(pk=o.pk)
            klaar.wait(timeout=10)
            services.overleg_bijwerken(overleg=kopie, by=None, **velden)
        except BaseException as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=wijzig, args=({"titel": "A"},)),
        threading.Thread(target=wijzig, args=({"locatie": "B"},)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert fouten == []
    assert Overleg.objects.get(pk=o.pk).ics_volgnummer == 2


def test_video_link_is_the_location_when_there_is_no_place(swv):
    o = overleg(swv)
    services.overleg_bijwerken(overleg=o, by=None, locatie="", videolink="https://video.example/oogo")
    beide = overleg(swv)
    services.overleg_bijwerken(overleg=beide, by=None, videolink="https://video.example/beide")

    assert str(_event(o)["LOCATION"]) == "https://video.example/oogo"
    event = _event(beide)
    assert str(event["LOCATION"]) == "Gemeentehuis"
    assert "https://video.example/beide" in str(event["DESCRIPTION"])


def test_download_of_one_meeting_for_whoever_may_see_it(swv, users, client_for):
    eigen = overleg(swv, gemeenten=[bestuurder_gemeente(users["bestuurder"])], titel="OOGO Eigenstad")
    andere = overleg(swv, titel="OOGO Anderdorp")
    client = client_for(users["bestuurder"])

    pagina = client.get(f"/oogo/{eigen.pk}/").content.decode()
    assert f'href="/oogo/{eigen.pk}/agenda.ics"' in pagina
    antwoord = client.get(f"/oogo/{eigen.pk}/agenda.ics")

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/calendar; charset=utf-8"
    assert antwoord["Content-Disposition"] == f'attachment; filename="overleg-{eigen.pk}.ics"'
    (event,) = Calendar.from_ical(antwoord.content).walk("VEVENT")
    assert str(event["UID"]) == eigen.uid
    assert str(event["URL"]) == f"http://testserver/oogo/{eigen.pk}/"
    # Another gemeente's meeting: as invisible as its page.
    assert client.get(f"/oogo/{andere.pk}/agenda.ics").status_code == 404
    assert client_for(users["zorgcoordinator"]).get(f"/oogo/{eigen.pk}/agenda.ics").status_code == 404
    assert client_for(users["swv_medewerker"]).get(f"/oogo/{andere.pk}/agenda.ics").status_code == 200
