"""The agenda mail carries the meeting as .ics (same UID as download and feed); a cancellation after the
agenda went out mails those who got it, once, with STATUS:CANCELLED (part oogo-afwerking)."""

import pytest
from django.core import mail
from icalendar import Calendar

from oogo import services, tasks
from oogo.models import Verzending
from oogo.workflow import OverlegStatus
from tests.factories import OrganisatieFactory, PersoonFactory
from tests.oogo.factories import overleg

pytestmark = pytest.mark.django_db


@pytest.fixture
def direct(monkeypatch):
    """The Celery task runs at once when queued (as a worker would, after the commit)."""

    def apply_async(args, **kwargs):
        return tasks.oogo_documenten_versturen(*args)

    monkeypatch.setattr(tasks.oogo_documenten_versturen, "apply_async", apply_async)


@pytest.fixture
def vergadering(swv):
    mieke = PersoonFactory(
        swv=swv, voornaam="Mieke", achternaam="Wethouder", email="mieke@gemeente.test.example"
    )
    kees = PersoonFactory(
        swv=swv, voornaam="Kees", achternaam="Ambtenaar", email="kees@gemeente.test.example"
    )
    o = overleg(
        swv,
        gemeenten=[OrganisatieFactory(swv=swv, gemeente=True)],
        titel="OOGO najaar",
        genodigden=[mieke, kees],
    )
    services.agendapunt_toevoegen(
        overleg=o, by=None, titel="Thuiszitterspact", thema="leerplicht_thuiszitters"
    )
    return o


def _ics(bericht) -> tuple[str, Calendar]:
    bijlagen = [(naam, inhoud, soort) for naam, inhoud, soort in bericht.attachments if naam.endswith(".ics")]
    assert len(bijlagen) == 1
    naam, inhoud, soort = bijlagen[0]
    assert soort.startswith("text/calendar")
    return naam, Calendar.from_ical(inhoud)


def _event(cal: Calendar):
    (event,) = cal.walk("VEVENT")
    return event


def _zet(overleg_, status, by, capture):
    with capture(execute=True):
        services.overleg_status_zetten(overleg=overleg_, by=by, status=status)


def test_the_agenda_mail_carries_the_meeting_as_ics_with_the_uid_of_the_download(
    vergadering, users, client_for, direct, django_capture_on_commit_callbacks
):
    _zet(
        vergadering,
        OverlegStatus.AGENDA_VERSTUURD,
        users["swv_coordinator"],
        django_capture_on_commit_callbacks,
    )

    bericht = next(m for m in mail.outbox if m.to == ["mieke@gemeente.test.example"])
    # The PDF is still there, next to the calendar file.
    assert [naam for naam, _i, _s in bericht.attachments] == [
        "agenda-oogo-najaar-2026-10-01.pdf",
        "agenda-oogo-najaar-2026-10-01.ics",
    ]
    _naam, cal = _ics(bericht)
    assert str(cal["METHOD"]) == "PUBLISH"
    event = _event(cal)
    vergadering.refresh_from_db()
    assert str(event["UID"]) == vergadering.uid
    assert int(event["SEQUENCE"]) == vergadering.ics_volgnummer
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "OOGO najaar" in str(event["SUMMARY"])
    assert "Thuiszitterspact" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART") == vergadering.begin

    # The same entry as the download on the meeting page: a calendar that has one replaces it.
    download = client_for(users["swv_coordinator"]).get(f"/oogo/{vergadering.pk}/agenda.ics")
    assert str(_event(Calendar.from_ical(download.content))["UID"]) == str(event["UID"])


def test_the_minutes_mail_has_no_calendar_file(vergadering, direct, django_capture_on_commit_callbacks):
    _zet(vergadering, OverlegStatus.GEHOUDEN, None, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        from oogo.verzending import notulen_versturen

        notulen_versturen(overleg=vergadering, by=None)

    assert mail.outbox
    assert all(not naam.endswith(".ics") for m in mail.outbox for naam, _i, _s in m.attachments)


def test_cancelling_after_the_agenda_mails_a_cancellation_once_with_status_cancelled(
    vergadering, users, direct, django_capture_on_commit_callbacks
):
    coordinator = users["swv_coordinator"]
    _zet(vergadering, OverlegStatus.AGENDA_VERSTUURD, coordinator, django_capture_on_commit_callbacks)
    agenda_uid = str(_event(_ics(mail.outbox[0])[1])["UID"])
    agenda_volgnummer = int(_event(_ics(mail.outbox[0])[1])["SEQUENCE"])
    mail.outbox.clear()

    _zet(vergadering, OverlegStatus.GEANNULEERD, coordinator, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "kees@gemeente.test.example",
        "mieke@gemeente.test.example",
    ]
    bericht = next(m for m in mail.outbox if m.to == ["mieke@gemeente.test.example"])
    assert bericht.subject == "Geannuleerd: OOGO najaar (1 oktober 2026)"
    assert "Beste Mieke Wethouder," in bericht.body
    assert "gaat niet door" in bericht.body
    # No PDF: only the calendar file that takes the entry out.
    assert not any(naam.endswith(".pdf") for naam, _i, _s in bericht.attachments)
    event = _event(_ics(bericht)[1])
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == agenda_uid
    # A higher SEQUENCE than the agenda's: calendars accept it as the newer version.
    assert int(event["SEQUENCE"]) > agenda_volgnummer
    rijen = Verzending.objects.filter(overleg=vergadering, soort=Verzending.Soort.ANNULERING)
    assert rijen.count() == 2
    assert all(r.verstuurd_op for r in rijen)
    assert rijen.first().aangevraagd_door == coordinator

    # The broker delivers the message again, or a retry runs: nobody gets it twice.
    assert tasks.oogo_documenten_versturen(vergadering.pk, "annulering") == 0
    from oogo.verzending import annulering_aanvragen

    with django_capture_on_commit_callbacks(execute=True):
        assert annulering_aanvragen(overleg=vergadering, by=coordinator) == 0
    assert len(mail.outbox) == 2


def test_only_those_who_got_the_agenda_get_the_cancellation(
    swv, vergadering, direct, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail import EmailMessage

    echte_send = EmailMessage.send

    def kapot_voor_kees(self, fail_silently=False):
        if self.to == ["kees@gemeente.test.example"]:
            raise OSError("smtp weg")
        return echte_send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", kapot_voor_kees)
    _zet(vergadering, OverlegStatus.AGENDA_VERSTUURD, None, django_capture_on_commit_callbacks)
    monkeypatch.setattr(EmailMessage, "send", echte_send)
    # Invited after the agenda went out: never got it.
    laat = PersoonFactory(
        swv=swv, voornaam="Laat", achternaam="Genodigde", email="laat@gemeente.test.example"
    )
    genodigden = [d.persoon for d in vergadering.deelnames.select_related("persoon")]
    services.overleg_bijwerken(overleg=vergadering, by=None, genodigden=[*genodigden, laat])
    mail.outbox.clear()

    _zet(vergadering, OverlegStatus.GEANNULEERD, None, django_capture_on_commit_callbacks)

    # Kees's agenda never left (mail server down) and Laat was never sent one: only Mieke is told.
    assert [m.to for m in mail.outbox] == [["mieke@gemeente.test.example"]]
    assert list(
        Verzending.objects.filter(overleg=vergadering, soort="annulering").values_list("email", flat=True)
    ) == ["mieke@gemeente.test.example"]
    # And Kees's waiting agenda is not sent afterwards for a meeting that will not be held.
    assert tasks.oogo_documenten_versturen(vergadering.pk, "agenda") == 0
    assert len(mail.outbox) == 1


def test_cancelling_a_meeting_whose_agenda_was_never_sent_mails_nobody(
    vergadering, direct, django_capture_on_commit_callbacks
):
    _zet(vergadering, OverlegStatus.GEANNULEERD, None, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not Verzending.objects.filter(overleg=vergadering).exists()
