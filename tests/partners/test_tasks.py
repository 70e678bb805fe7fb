"""The daily reminder: the owner of an agreement hears in time that it expires or is due for evaluation,
once per date, however often the task runs."""

import datetime

import pytest
import time_machine
from django.core import mail

from partners.models import AfspraakHerinnering
from partners.services import afspraak_herinneringen_versturen
from swv.core.models import Rol
from tests.factories import AfspraakFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 23, 7, 15, tzinfo=datetime.UTC)
VANDAAG = datetime.date(2026, 11, 23)
DAG = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _dertig_dagen(settings):
    settings.AFSPRAAK_HERINNERING_DAGEN = 30


@pytest.fixture
def eigenaar(users):
    return users[Rol.SWV_COORDINATOR]


def test_the_owner_gets_one_dutch_mail_when_an_agreement_expires_within_the_window(swv, eigenaar):
    partij = OrganisatieFactory(swv=swv, naam="GGD Rivierenland")
    AfspraakFactory(
        swv=swv,
        titel="Convenant thuiszitters",
        einddatum=VANDAAG + 30 * DAG,
        eigenaar=eigenaar,
        partijen=[partij],
    )
    with time_machine.travel(NU, tick=False):
        assert afspraak_herinneringen_versturen() == 1
    [bericht] = mail.outbox
    assert bericht.to == [eigenaar.email]
    assert "verloopt binnenkort" in bericht.subject
    assert "Convenant thuiszitters" in bericht.body
    assert "23 december 2026" in bericht.body
    assert "GGD Rivierenland" in bericht.body
    assert "over 30 dagen" in bericht.body


def test_running_the_reminders_again_sends_nothing_twice(swv, eigenaar):
    AfspraakFactory(
        swv=swv, einddatum=VANDAAG + 10 * DAG, evaluatiedatum=VANDAAG + 5 * DAG, eigenaar=eigenaar
    )
    with time_machine.travel(NU, tick=False):
        assert afspraak_herinneringen_versturen() == 2
        assert afspraak_herinneringen_versturen() == 0
    with time_machine.travel(NU + 3 * DAG, tick=False):
        assert afspraak_herinneringen_versturen() == 0
    assert len(mail.outbox) == 2
    assert set(AfspraakHerinnering.objects.values_list("soort", flat=True)) == {"verloopt", "evaluatie"}


def test_a_new_date_gets_a_new_reminder(swv, eigenaar):
    afspraak = AfspraakFactory(swv=swv, evaluatiedatum=VANDAAG + 7 * DAG, eigenaar=eigenaar)
    with time_machine.travel(NU, tick=False):
        afspraak_herinneringen_versturen()
    afspraak.evaluatiedatum = VANDAAG + 35 * DAG
    afspraak.save()
    with time_machine.travel(NU + 10 * DAG, tick=False):
        assert afspraak_herinneringen_versturen() == 1
    assert "evaluatie" in mail.outbox[-1].subject.lower()


def test_dates_outside_the_window_or_already_past_get_no_reminder(swv, eigenaar):
    AfspraakFactory(swv=swv, einddatum=VANDAAG + 31 * DAG, eigenaar=eigenaar)
    AfspraakFactory(swv=swv, evaluatiedatum=VANDAAG - DAG, eigenaar=eigenaar)
    with time_machine.travel(NU, tick=False):
        assert afspraak_herinneringen_versturen() == 0
    with time_machine.travel(NU + DAG, tick=False):
        assert afspraak_herinneringen_versturen() == 1
    assert not AfspraakHerinnering.objects.filter(datum=VANDAAG - DAG).exists()


def test_an_agreement_without_a_reachable_owner_is_skipped(swv):
    AfspraakFactory(swv=swv, einddatum=VANDAAG + 3 * DAG, eigenaar=None)
    AfspraakFactory(swv=swv, einddatum=VANDAAG + 3 * DAG, eigenaar=UserFactory(email=""))
    AfspraakFactory(swv=swv, einddatum=VANDAAG + 3 * DAG, eigenaar=UserFactory(is_active=False))
    with time_machine.travel(NU, tick=False):
        assert afspraak_herinneringen_versturen() == 0
    assert not AfspraakHerinnering.objects.exists()


def test_the_window_is_a_setting(swv, eigenaar, settings):
    settings.AFSPRAAK_HERINNERING_DAGEN = 60
    AfspraakFactory(swv=swv, einddatum=VANDAAG + 45 * DAG, eigenaar=eigenaar)
    with time_machine.travel(NU, tick=False):
        assert afspraak_herinneringen_versturen() == 1


def test_a_failing_mail_server_leaves_the_reminder_for_the_next_run(swv, eigenaar, monkeypatch):
    AfspraakFactory(swv=swv, einddatum=VANDAAG + 3 * DAG, eigenaar=eigenaar)

    def kapot(*args, **kwargs):
        raise OSError("mailserver onbereikbaar")

    monkeypatch.setattr("partners.services.send_mail", kapot)
    with time_machine.travel(NU, tick=False):
        assert afspraak_herinneringen_versturen() == 0
    assert not AfspraakHerinnering.objects.exists()
    monkeypatch.undo()
    with time_machine.travel(NU, tick=False):
        assert afspraak_herinneringen_versturen() == 1


def test_the_daily_task_sends_the_reminders_and_is_in_the_beat_schedule(swv, eigenaar, settings):
    from celery.schedules import crontab

    from partners.tasks import afspraak_herinneringen

    AfspraakFactory(swv=swv, evaluatiedatum=VANDAAG + 2 * DAG, eigenaar=eigenaar)
    with time_machine.travel(NU, tick=False):
        assert afspraak_herinneringen.apply().get() == 1
        assert afspraak_herinneringen.apply().get() == 0
    entry = settings.CELERY_BEAT_SCHEDULE["partners-afspraak-herinneringen"]
    assert entry["task"] == afspraak_herinneringen.name
    assert isinstance(entry["schedule"], crontab)
