"""The audit tables cannot be changed or emptied, not even with raw SQL (trigger in audit/0002)."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from swv.audit.models import AuditEvent, LeerlingEvent, LidmaatschapEvent, OrganisatieEvent
from swv.audit.services import audit_log
from tests.factories import LeerlingFactory, LidmaatschapFactory

pytestmark = pytest.mark.django_db


def raw(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.fixture
def event():
    return audit_log(action=AuditEvent.Action.READ, object_type="test", object_id="1", reason="proef")


def test_an_audit_event_cannot_be_updated_through_the_orm(event):
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="vervalst")

    event.refresh_from_db()
    assert event.reason == "proef"


def test_an_audit_event_cannot_be_saved_with_changes(event):
    event.reason = "vervalst"
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        event.save()


def test_an_audit_event_cannot_be_deleted_through_the_orm(event):
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_audit_event_cannot_be_changed_or_deleted_with_raw_sql(event):
    for sql in (
        "UPDATE audit_auditevent SET reason = 'vervalst'",
        "DELETE FROM audit_auditevent",
    ):
        with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
            raw(sql)
    assert AuditEvent.objects.get(pk=event.pk).reason == "proef"


def test_truncate_is_refused_outside_tests(event):
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        raw("SET LOCAL ketenregie.allow_truncate = 'off'; TRUNCATE audit_auditevent")


@pytest.mark.parametrize("model", [LeerlingEvent, OrganisatieEvent, LidmaatschapEvent])
def test_the_write_history_tables_are_append_only_too(model):
    leerling = LeerlingFactory()
    LidmaatschapFactory(swv=leerling.swv)
    assert model.objects.exists()
    table = model._meta.db_table
    for sql in (f"UPDATE {table} SET pgh_label = 'x'", f"DELETE FROM {table}"):  # noqa: S608
        with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
            raw(sql)
    assert leerling.pk


def test_the_retention_switch_allows_delete_but_never_update(event):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL ketenregie.retention = 'on'")
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(reason="vervalst")
        assert AuditEvent.objects.filter(pk=event.pk).delete()[0] == 1
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL ketenregie.retention = 'off'")
