"""Retention with frozen time: what is past its period is anonymised or deleted, counts are logged."""

import datetime
import logging

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext

from cases.models import Leerling
from cases.services import leerling_update
from swv.audit import tasks
from swv.audit.models import AuditEvent, LeerlingEvent
from swv.audit.retention import apply_retention
from swv.audit.services import audit_log
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2031, 6, 15, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def pupils():
    with time_machine.travel(datetime.datetime(2024, 1, 10, tzinfo=datetime.UTC), tick=False):
        lang_geleden = LeerlingFactory(
            uitgeschreven_op=datetime.date(2026, 6, 1), geboortedatum=datetime.date(2015, 8, 17)
        )
        leerling_update(leerling=lang_geleden, by=None, voornaam="Vóór-anonimisering")
        net_niet = LeerlingFactory(swv=lang_geleden.swv, uitgeschreven_op=datetime.date(2026, 6, 16))
        ingeschreven = LeerlingFactory(swv=lang_geleden.swv)
    return lang_geleden, net_niet, ingeschreven


def test_pupils_uitgeschreven_more_than_five_years_ago_are_anonymised(pupils, caplog):
    lang_geleden, net_niet, ingeschreven = pupils
    with time_machine.travel(NU, tick=False), caplog.at_level(logging.INFO):
        counts = apply_retention()

    assert counts["leerlingen_geanonimiseerd"] == 1
    lang_geleden.refresh_from_db()
    assert (lang_geleden.voornaam, lang_geleden.achternaam, lang_geleden.bsn) == ("", "", None)
    assert lang_geleden.geboortedatum == datetime.date(2015, 1, 1)
    assert lang_geleden.geanonimiseerd_op == NU
    net_niet.refresh_from_db()
    ingeschreven.refresh_from_db()
    assert net_niet.bsn
    assert ingeschreven.bsn
    # Only counts are logged, never names or numbers.
    assert "bewaartermijnen toegepast" in caplog.text
    assert "Vóór-anonimisering" not in caplog.text


def test_the_write_history_of_an_anonymised_pupil_loses_the_old_values_but_keeps_the_anonymisation(pupils):
    lang_geleden = pupils[0]
    with time_machine.travel(NU, tick=False):
        counts = apply_retention()

    assert counts["leerling_historie_verwijderd"] == 2  # create + the name change
    events = list(LeerlingEvent.objects.filter(pgh_obj_id=lang_geleden.pk))
    assert len(events) == 1
    assert events[0].voornaam == ""
    assert events[0].bsn is None
    assert events[0].pgh_context.metadata["bron"] == "bewaartermijn"


def test_audit_records_older_than_the_audit_period_are_deleted(pupils):
    with time_machine.travel(datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC), tick=False):
        audit_log(action="read", object_type="cases.leerling", object_id="1")
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False):
        recent = audit_log(action="read", object_type="cases.leerling", object_id="2")

    with time_machine.travel(datetime.datetime(2030 + 1, 1, 2, tzinfo=datetime.UTC), tick=False):
        counts = apply_retention()

    assert settings.AUDIT_RETENTION_YEARS == 7
    assert counts["auditregels_verwijderd"] == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_second_run_changes_nothing(pupils):
    with time_machine.travel(NU, tick=False):
        apply_retention()
        second = apply_retention()

    assert set(second.values()) == {0}


def test_retention_is_set_based_with_a_fixed_number_of_queries():
    def run_with(n):
        with time_machine.travel(datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), tick=False):
            LeerlingFactory.create_batch(n, uitgeschreven_op=datetime.date(2020, 1, 1))
        with time_machine.travel(NU, tick=False), CaptureQueriesContext(connection) as ctx:
            counts = apply_retention()
        assert counts["leerlingen_geanonimiseerd"] == n
        return len(ctx)

    assert run_with(1) == run_with(10) == run_with(50)


def test_after_retention_the_audit_tables_are_append_only_again(pupils):
    with time_machine.travel(NU, tick=False):
        apply_retention()
    event = audit_log(action="read", object_type="x", object_id="1")

    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_the_celery_task_runs_the_service_and_is_in_the_beat_schedule(pupils):
    with time_machine.travel(NU, tick=False):
        # The task body, called directly: touching the Celery task proxy would finalize the app.
        result = tasks.run_retention()

    assert result["leerlingen_geanonimiseerd"] == 1
    assert Leerling.objects.filter(geanonimiseerd_op__isnull=False).count() == 1
    entry = settings.CELERY_BEAT_SCHEDULE["audit-bewaartermijnen"]
    assert entry["task"] == "swv.audit.tasks.apply_retention"
