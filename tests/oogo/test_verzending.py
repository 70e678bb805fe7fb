"""The agenda and the minutes by e-mail: attached PDF, once per person, nothing on rollback."""

import io

import pypdf
import pytest
from django.core import mail
from django.db import transaction

from oogo import services, tasks, verzending
from oogo.models import Verzending
from oogo.workflow import OverlegStatus
from tests.factories import OrganisatieFactory, PersoonFactory
from tests.oogo.factories import overleg

pytestmark = pytest.mark.django_db


@pytest.fixture
def direct(monkeypatch):
    """The Celery task runs at once when queued (as a worker would, after the commit); counts the runs."""
    runs = []

    def apply_async(args, **kwargs):
        runs.append(args)
        return tasks.oogo_documenten_versturen(*args)

    monkeypatch.setattr(tasks.oogo_documenten_versturen, "apply_async", apply_async)
    return runs


@pytest.fixture
def vergadering(swv):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    mieke = PersoonFactory(
        swv=swv, voornaam="Mieke", achternaam="Wethouder", email="mieke@gemeente.test.example"
    )
    kees = PersoonFactory(
        swv=swv, voornaam="Kees", achternaam="Ambtenaar", email="kees@gemeente.test.example"
    )
    zonder = PersoonFactory(swv=swv, voornaam="Zonder", achternaam="Mail", email="")
    o = overleg(swv, gemeenten=[gemeente], titel="OOGO voorjaar", genodigden=[mieke, kees, zonder])
    services.agendapunt_toevoegen(
        overleg=o, by=None, titel="Thuiszitterspact", thema="leerplicht_thuiszitters"
    )
    return o


def _pdf_tekst(inhoud: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(inhoud)).pages).split())


def test_sending_the_agenda_mails_the_pdf_to_every_invited_person_with_an_address(
    vergadering, users, direct, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://ketenregie.test.example"
    with django_capture_on_commit_callbacks(execute=True):
        services.overleg_status_zetten(
            overleg=vergadering, by=users["swv_coordinator"], status=OverlegStatus.AGENDA_VERSTUURD
        )

    assert sorted(m.to[0] for m in mail.outbox) == [
        "kees@gemeente.test.example",
        "mieke@gemeente.test.example",
    ]
    bericht = next(m for m in mail.outbox if m.to == ["mieke@gemeente.test.example"])
    assert bericht.subject == "Agenda: OOGO voorjaar (1 oktober 2026)"
    assert "Beste Mieke Wethouder," in bericht.body
    assert "“OOGO voorjaar”" in bericht.body
    assert f"https://ketenregie.test.example/oogo/{vergadering.pk}/" in bericht.body
    naam, inhoud, soort = bericht.attachments[0]
    assert naam == "agenda-oogo-voorjaar-2026-10-01.pdf"
    assert soort == "application/pdf"
    assert "Thuiszitterspact" in _pdf_tekst(inhoud)
    # Recorded per person, shown on the meeting page with when and to whom.
    rijen = Verzending.objects.filter(overleg=vergadering, soort="agenda")
    assert rijen.count() == 2
    assert all(r.verstuurd_op for r in rijen)
    assert rijen.first().aangevraagd_door == users["swv_coordinator"]


def test_the_meeting_page_shows_to_whom_and_when_it_was_sent(
    vergadering, users, client_for, direct, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.overleg_status_zetten(overleg=vergadering, by=None, status=OverlegStatus.AGENDA_VERSTUURD)

    pagina = client_for(users["swv_coordinator"]).get(f"/oogo/{vergadering.pk}/").content.decode()

    assert "Mieke Wethouder &lt;mieke@gemeente.test.example&gt; – verstuurd op" in pagina
    assert "Kees Ambtenaar" in pagina
    assert "Zonder Mail &lt;" not in pagina
    # A reader sees to whom and when, not the addresses.
    lezer = client_for(users["swv_deskundige"]).get(f"/oogo/{vergadering.pk}/").content.decode()
    assert "Mieke Wethouder – verstuurd op" in lezer
    assert "mieke@gemeente.test.example" not in lezer


def test_a_retried_task_mails_nobody_twice(vergadering, direct, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.overleg_status_zetten(overleg=vergadering, by=None, status=OverlegStatus.AGENDA_VERSTUURD)
    assert len(mail.outbox) == 2

    # The broker delivers the message again (acks_late), or a retry runs: nothing left to send.
    assert tasks.oogo_documenten_versturen(vergadering.pk, "agenda") == 0
    assert len(mail.outbox) == 2


def test_a_failing_mail_server_leaves_the_row_waiting_and_the_next_run_sends_only_that_one(
    vergadering, direct, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail import EmailMessage

    echte_send = EmailMessage.send

    def kapot_voor_kees(self, fail_silently=False):
        if self.to == ["kees@gemeente.test.example"]:
            raise OSError("smtp weg")
        return echte_send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", kapot_voor_kees)
    with django_capture_on_commit_callbacks(execute=True):
        services.overleg_status_zetten(overleg=vergadering, by=None, status=OverlegStatus.AGENDA_VERSTUURD)
    assert [m.to for m in mail.outbox] == [["mieke@gemeente.test.example"]]
    assert Verzending.objects.get(email="kees@gemeente.test.example").verstuurd_op is None

    monkeypatch.setattr(EmailMessage, "send", echte_send)
    assert tasks.oogo_documenten_versturen(vergadering.pk, "agenda") == 1
    assert [m.to for m in mail.outbox] == [["mieke@gemeente.test.example"], ["kees@gemeente.test.example"]]


def test_a_rolled_back_status_change_sends_nothing(vergadering, direct, django_capture_on_commit_callbacks):
    class Afgebroken(Exception):
        pass

    def status_zetten_en_afbreken():
        with transaction.atomic():
            services.overleg_status_zetten(
                overleg=vergadering, by=None, status=OverlegStatus.AGENDA_VERSTUURD
            )
            raise Afgebroken

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Afgebroken):
        status_zetten_en_afbreken()

    assert callbacks == []
    assert direct == []
    assert mail.outbox == []
    assert not Verzending.objects.exists()
    vergadering.refresh_from_db()
    assert vergadering.status == OverlegStatus.GEPLAND


def test_notulen_versturen_only_for_a_held_meeting_and_once_per_person(
    vergadering, users, client_for, direct, django_capture_on_commit_callbacks
):
    client = client_for(users["swv_coordinator"])
    # Not held: a Dutch message, nothing sent.
    antwoord = client.post(f"/oogo/{vergadering.pk}/notulen/versturen/", follow=True)
    assert "De notulen kunnen pas worden verstuurd als het overleg is gehouden." in antwoord.content.decode()
    assert mail.outbox == []

    services.overleg_status_zetten(overleg=vergadering, by=None, status=OverlegStatus.GEHOUDEN)
    services.besluit_vastleggen(overleg=vergadering, by=None, tekst="Pact wordt verlengd tot 2028")
    assert "Notulen versturen" in client.get(f"/oogo/{vergadering.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(f"/oogo/{vergadering.pk}/notulen/versturen/")
    assert antwoord.status_code == 302
    assert len(mail.outbox) == 2
    bericht = mail.outbox[0]
    assert bericht.subject == "Notulen: OOGO voorjaar (1 oktober 2026)"
    naam, inhoud, _soort = bericht.attachments[0]
    assert naam.startswith("notulen-")
    assert "Pact wordt verlengd tot 2028" in _pdf_tekst(inhoud)

    # Pressed again: everyone has them; nobody gets a second copy.
    with django_capture_on_commit_callbacks(execute=True):
        opnieuw = client.post(f"/oogo/{vergadering.pk}/notulen/versturen/", follow=True)
    assert "Alle genodigden met een e-mailadres hebben de notulen al gekregen." in opnieuw.content.decode()
    assert len(mail.outbox) == 2

    # Readers may not send.
    assert (
        client_for(users["swv_deskundige"]).post(f"/oogo/{vergadering.pk}/notulen/versturen/").status_code
        == 403
    )
    assert (
        client_for(users["bestuurder"]).post(f"/oogo/{vergadering.pk}/notulen/versturen/").status_code == 404
    )


def test_without_a_reachable_broker_the_rows_wait_and_the_request_succeeds(vergadering, monkeypatch):
    def broker_weg(*args, **kwargs):
        raise ConnectionError("redis weg")

    monkeypatch.setattr(tasks.oogo_documenten_versturen, "apply_async", broker_weg)
    assert verzending.verzending_aanbieden(vergadering.pk, "agenda") is False
