"""Retention: what is past its period is anonymised or deleted, counts are logged.

The deletes run in the database (SECURITY DEFINER function, swv/audit/privileges.py) with the
database's own clock, which no test can move: the dates here are relative to today, and rows that
must look old are written with an old time (Python's clock for AuditEvent.at, time_machine).
"""

import datetime
import logging

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Leerling
from cases.services import leerling_update
from swv.audit import tasks
from swv.audit.models import AuditEvent, LeerlingEvent
from swv.audit.retention import apply_retention, years_before
from swv.audit.services import audit_log
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db

NU = timezone.now()
VIJF_JAAR_GELEDEN = years_before(timezone.localdate(NU), 5)


@pytest.fixture
def pupils():
    lang_geleden = LeerlingFactory(
        uitgeschreven_op=VIJF_JAAR_GELEDEN - datetime.timedelta(days=14),
        geboortedatum=datetime.date(2015, 8, 17),
    )
    leerling_update(leerling=lang_geleden, by=None, voornaam="Vóór-anonimisering")
    net_niet = LeerlingFactory(
        swv=lang_geleden.swv, uitgeschreven_op=VIJF_JAAR_GELEDEN + datetime.timedelta(days=1)
    )
    ingeschreven = LeerlingFactory(swv=lang_geleden.swv)
    return lang_geleden, net_niet, ingeschreven


def test_pupils_uitgeschreven_more_than_five_years_ago_are_anonymised(pupils, caplog):
    lang_geleden, net_niet, ingeschreven = pupils
    with caplog.at_level(logging.INFO):
        counts = apply_retention(NU)

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
    counts = apply_retention()

    assert counts["leerling_historie_verwijderd"] == 2  # create + the name change
    events = list(LeerlingEvent.objects.filter(pgh_obj_id=lang_geleden.pk))
    assert len(events) == 1
    assert events[0].voornaam == ""
    assert events[0].bsn is None
    assert events[0].pgh_context.metadata["bron"] == "bewaartermijn"


def test_the_history_of_a_pupil_marked_anonymised_before_its_period_is_kept(pupils):
    """The database checks the period itself: an application that marks a recent pupil as anonymised
    (it may update pupils) cannot make retention delete that pupil's history."""
    net_niet = pupils[1]
    Leerling.objects.filter(pk=net_niet.pk).update(geanonimiseerd_op=NU)

    counts = apply_retention()

    assert counts["leerling_historie_verwijderd"] == 2  # only lang_geleden's create + name change
    assert LeerlingEvent.objects.filter(pgh_obj_id=net_niet.pk, geanonimiseerd_op__isnull=True).exists()


def test_audit_records_older_than_the_audit_period_are_deleted(pupils):
    with time_machine.travel(NU - datetime.timedelta(days=7 * 366), tick=False):
        audit_log(action="read", object_type="cases.leerling", object_id="1")
    with time_machine.travel(NU - datetime.timedelta(days=6 * 365), tick=False):
        recent = audit_log(action="read", object_type="cases.leerling", object_id="2")

    counts = apply_retention()

    assert settings.AUDIT_RETENTION_YEARS == 7
    assert counts["auditregels_verwijderd"] == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def test_write_history_older_than_the_audit_period_is_deleted():
    leerling = LeerlingFactory()
    oud = LeerlingEvent.objects.get(pgh_obj_id=leerling.pk)
    # pgh_created_at is the database clock; make one event old as the owner may (the test's superuser).
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_leerlingevent DISABLE TRIGGER audit_leerlingevent_append_only")
        cursor.execute(
            "UPDATE audit_leerlingevent SET pgh_created_at = now() - interval '8 years' WHERE pgh_id = %s",
            [oud.pgh_id],
        )
        cursor.execute("ALTER TABLE audit_leerlingevent ENABLE TRIGGER audit_leerlingevent_append_only")
    leerling_update(leerling=leerling, by=None, voornaam="Nieuw")

    counts = apply_retention()

    assert counts["leerling_historie_verlopen"] == 1
    assert list(LeerlingEvent.objects.filter(pgh_obj_id=leerling.pk).values_list("voornaam", flat=True)) == [
        "Nieuw"
    ]


def test_retention_is_set_based_with_a_fixed_number_of_queries():
    def run_with(n):
        LeerlingFactory.create_batch(n, uitgeschreven_op=VIJF_JAAR_GELEDEN - datetime.timedelta(days=30))
        with CaptureQueriesContext(connection) as ctx:
            counts = apply_retention()
        assert counts["leerlingen_geanonimiseerd"] == n
        return len(ctx)

    assert run_with(1) == run_with(10) == run_with(50)


def test_after_retention_the_audit_tables_are_append_only_again(pupils):
    apply_retention()
    event = audit_log(action="read", object_type="x", object_id="1")

    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_the_celery_task_runs_the_service_and_is_in_the_beat_schedule(pupils):
    # The task body, called directly: touching the Celery task proxy would finalize the app.
    result = tasks.run_retention()

    assert result["leerlingen_geanonimiseerd"] == 1
    assert Leerling.objects.filter(geanonimiseerd_op__isnull=False).count() == 1
    entry = settings.CELERY_BEAT_SCHEDULE["audit-bewaartermijnen"]
    assert entry["task"] == "swv.audit.tasks.apply_retention"
