"""The application's database role can add to the audit trail and read it, and nothing more.

The suite itself runs as the owner (a superuser: it creates the test database and empties tables);
these tests connect to the same test database AS THE APPLICATION ROLE, the way web, worker and beat
connect in production (docs/operations.md "Databaserollen"), and try every way out an attacker with
the app's credentials would try. The role is created here when the server lacks it (roles are
cluster-wide; CI's PostgreSQL has only `postgres`, with trust authentication).
"""

import datetime
import uuid
from contextlib import contextmanager

import psycopg
import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from psycopg import sql

from cases.models import Leerling
from cases.services import leerling_update
from swv.audit.models import EVENT_MODELS, AuditEvent, LeerlingEvent
from swv.audit.privileges import append_only_tables, ensure_app_role, secure_database
from swv.audit.retention import apply_retention, years_before
from swv.audit.services import audit_log
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the app role's connection must see committed rows

ROLE = "ketenregie_app_test"
PASSWORD = "ketenregie-app-test"  # noqa: S105 - a throw-away test role


def _ensure_role() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
        if cursor.fetchone() is None:
            try:
                cursor.execute(
                    sql.SQL(
                        "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
                        "PASSWORD {}"
                    ).format(sql.Identifier(ROLE), sql.Literal(PASSWORD))
                )
            except Exception:  # noqa: BLE001 - another test run on this server created it just now
                cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
                assert cursor.fetchone() is not None


@pytest.fixture
def app_role():
    """The role exists and has exactly the grants `migrate` gives the app role."""
    _ensure_role()
    secure_database(app_role=ROLE)
    return ROLE


def _params() -> dict:
    params = connection.get_connection_params()
    result = {key: params[key] for key in ("dbname", "host", "port") if params.get(key)}
    return {**result, "user": ROLE, "password": PASSWORD}


@pytest.fixture
def app_db(app_role):
    """A raw psycopg connection as the app role (no test-only options such as allow_truncate)."""
    with psycopg.connect(**_params(), autocommit=True) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == ROLE
        yield conn


@contextmanager
def django_as_app_role():
    """Django's own connection as the app role, so the ORM and services run as they do in production."""
    saved = {key: connection.settings_dict.get(key) for key in ("USER", "PASSWORD", "OPTIONS")}
    connection.close()
    # Keep the server address (a unix socket for the embedded server), drop the test-only `-c` options.
    options = {k: v for k, v in (saved["OPTIONS"] or {}).items() if k != "options"}
    connection.settings_dict.update(USER=ROLE, PASSWORD=PASSWORD, OPTIONS=options)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def _execute(conn, before, statement, params) -> None:
    for setup, setup_params in before:
        conn.execute(setup, setup_params)
    conn.execute(statement, params or None)


def refused(conn, statement: str, *params, before=()) -> str:
    """Run `before` (pairs of SQL and parameters), then `statement`, in one transaction; the statement
    must fail. Returns the error text."""
    with pytest.raises(psycopg.Error) as info, conn.transaction():
        _execute(conn, before, statement, params)
    return str(info.value)


@pytest.fixture
def trail():
    """One audit row and write history in every event table of the pupil and the partner registry."""
    leerling = LeerlingFactory()
    leerling_update(leerling=leerling, by=None, voornaam="Eerste")
    OrganisatieFactory(swv=leerling.swv)
    event = audit_log(action=AuditEvent.Action.READ, object_type="cases.leerling", object_id=str(leerling.pk))
    return event, leerling


# --- what the app role may do ----------------------------------------------------------------


def test_the_app_role_owns_nothing_and_is_no_superuser(app_db):
    row = app_db.execute(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    assert row == (False, False, False, False)
    owned = app_db.execute(
        "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
    ).fetchone()[0]
    assert owned == 0
    assert "permission denied" in refused(app_db, "CREATE TABLE eigen (id int)")


def test_the_app_role_adds_to_the_audit_trail_and_reads_it_through_the_orm(app_role):
    with django_as_app_role():
        event = audit_log(action=AuditEvent.Action.READ, object_type="cases.leerling", object_id="42")
        leerling = LeerlingFactory()  # a domain write: pghistory's trigger adds the history
        leerling_update(leerling=leerling, by=None, voornaam="Gewijzigd")
        assert AuditEvent.objects.get(pk=event.pk).object_id == "42"
        labels = list(
            LeerlingEvent.objects.filter(pgh_obj_id=leerling.pk).values_list("pgh_label", flat=True)
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == ROLE
    assert sorted(labels) == ["create", "update"]


def test_pghistory_may_complete_its_own_context_within_its_transaction(app_db, trail):
    """pghistory upserts pghistory_context when a nested context adds metadata: that must keep working."""
    organisatie_id = OrganisatieFactory().pk
    context_id = str(uuid.uuid4())

    def write(metadata: str, naam: str) -> None:
        app_db.execute(
            "SELECT set_config('pghistory.context_id', %s, true), set_config('pghistory.context_metadata', %s, true)",
            [context_id, metadata],
        )
        app_db.execute("UPDATE partners_organisatie SET naam = %s WHERE id = %s", [naam, organisatie_id])

    with app_db.transaction():
        write('{"user": 7}', "Een")
        write('{"user": 7, "bron": "import"}', "Twee")
    metadata = app_db.execute(
        "SELECT metadata FROM pghistory_context WHERE id = %s", [context_id]
    ).fetchone()[0]
    assert metadata == {"user": 7, "bron": "import"}

    # A later transaction with other metadata under the same id: the write goes on, the record stays.
    with app_db.transaction():
        write('{"user": 8}', "Drie")
    metadata = app_db.execute(
        "SELECT metadata FROM pghistory_context WHERE id = %s", [context_id]
    ).fetchone()[0]
    assert metadata == {"user": 7, "bron": "import"}
    count = app_db.execute(
        "SELECT count(*) FROM audit_organisatieevent WHERE pgh_context_id = %s", [context_id]
    ).fetchone()[0]
    assert count == 3


# --- every way out, refused -------------------------------------------------------------------


def test_the_app_role_cannot_update_delete_or_truncate_any_append_only_table(app_db, trail):
    tables = append_only_tables()
    assert {"audit_auditevent", *(m._meta.db_table for m in EVENT_MODELS.values())} <= set(tables)
    for table in tables:
        t = sql.Identifier(table).as_string(app_db)
        column = "reason" if table == "audit_auditevent" else "pgh_label"
        assert "permission denied" in refused(app_db, f"UPDATE {t} SET {column} = 'vervalst'")  # noqa: S608
        assert "permission denied" in refused(app_db, f"DELETE FROM {t}")  # noqa: S608
        assert "permission denied" in refused(app_db, f"TRUNCATE {t}")
    assert AuditEvent.objects.filter(pk=trail[0].pk, reason="").exists()
    assert LeerlingEvent.objects.filter(pgh_obj_id=trail[1].pk).count() == 2


def test_the_retention_switch_does_not_let_the_app_role_delete(app_db, trail):
    on = [("SELECT set_config('ketenregie.retention', 'on', true)", None)]
    assert "permission denied" in refused(app_db, "DELETE FROM audit_auditevent", before=on)
    on = [("SET LOCAL ketenregie.retention = 'on'", None)]
    assert "permission denied" in refused(app_db, "DELETE FROM audit_leerlingevent", before=on)
    assert "permission denied" in refused(app_db, "DELETE FROM pghistory_context", before=on)
    assert AuditEvent.objects.filter(pk=trail[0].pk).exists()


def test_the_truncate_switch_does_not_let_the_app_role_truncate(app_db, trail):
    for table in ("audit_auditevent", "audit_leerlingevent", "pghistory_context"):
        on = [("SET LOCAL ketenregie.allow_truncate = 'on'", None)]
        assert "permission denied" in refused(app_db, f"TRUNCATE {table}", before=on)
    assert AuditEvent.objects.filter(pk=trail[0].pk).exists()


def test_the_app_role_cannot_disable_or_drop_the_triggers(app_db, trail):
    for statement in (
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_auditevent_append_only ON audit_auditevent",
        "DROP TRIGGER pghistory_context_guard ON pghistory_context",
        "ALTER TABLE audit_leerlingevent OWNER TO CURRENT_USER",
        "DROP TABLE audit_auditevent",
        "CREATE OR REPLACE FUNCTION ketenregie_audit_append_only() RETURNS trigger AS 'BEGIN RETURN OLD; END' "
        "LANGUAGE plpgsql",
    ):
        message = refused(app_db, statement)
        assert "must be owner" in message or "permission denied" in message, (statement, message)
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_auditevent_append_only'")
        assert cursor.fetchone()[0] == "O"


def test_the_app_role_cannot_switch_replication_mode(app_db):
    assert "permission denied" in refused(app_db, "SET session_replication_role = replica")
    assert "permission denied" in refused(
        app_db, "SELECT set_config('session_replication_role', 'replica', false)"
    )


def test_the_app_role_cannot_rewrite_or_delete_who_made_a_write(app_db, trail):
    # The factory writes outside a request; make a context the way a request does.
    with app_db.transaction():
        app_db.execute(
            "SELECT set_config('pghistory.context_id', %s, true), set_config('pghistory.context_metadata', %s, true)",
            [str(uuid.uuid4()), '{"user": 1, "url": "/leerlingen/"}'],
        )
        app_db.execute("UPDATE cases_leerling SET voornaam = 'Tweede' WHERE id = %s", [trail[1].pk])
    context_id = LeerlingEvent.objects.filter(pgh_obj_id=trail[1].pk, voornaam="Tweede").get().pgh_context_id

    message = refused(
        app_db, "UPDATE pghistory_context SET metadata = '{\"user\": 2}' WHERE id = %s", context_id
    )
    assert "alleen-toevoegen" in message
    assert "permission denied" in refused(app_db, "DELETE FROM pghistory_context WHERE id = %s", context_id)
    assert "permission denied" in refused(app_db, "UPDATE pghistory_context SET created_at = now()")
    # Via pghistory's own upsert function, called directly with the old id: refused too.
    forged = [
        (
            "SELECT set_config('pghistory.context_id', %s, true), set_config('pghistory.context_metadata', %s, true)",
            [str(context_id), '{"user": 2}'],
        )
    ]
    assert "alleen-toevoegen" in refused(app_db, "SELECT _pgh_attach_context()", before=forged)
    metadata = app_db.execute(
        "SELECT metadata FROM pghistory_context WHERE id = %s", [context_id]
    ).fetchone()[0]
    assert metadata == {"user": 1, "url": "/leerlingen/"}


# --- retention, as the app runs it --------------------------------------------------------------


def test_retention_runs_as_the_app_role_and_deletes_only_what_is_past_its_period(app_role):
    today = timezone.localdate()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=8 * 366), tick=False):
        oud = audit_log(action="read", object_type="cases.leerling", object_id="1")
    recent = audit_log(action="read", object_type="cases.leerling", object_id="2")
    vertrokken = LeerlingFactory(uitgeschreven_op=years_before(today, 6))
    blijft = LeerlingFactory(swv=vertrokken.swv)

    with django_as_app_role():
        counts = apply_retention()

    assert counts["auditregels_verwijderd"] == 1
    assert counts["leerlingen_geanonimiseerd"] == 1
    assert counts["leerling_historie_verwijderd"] == 1
    assert set(AuditEvent.objects.values_list("pk", flat=True)) == {recent.pk}
    assert not AuditEvent.objects.filter(pk=oud.pk).exists()
    assert Leerling.objects.get(pk=vertrokken.pk).voornaam == ""
    assert LeerlingEvent.objects.filter(pgh_obj_id=blijft.pk).count() == 1


def test_the_app_role_may_only_call_retention_not_delete_by_itself(app_db, trail):
    rows = dict(app_db.execute("SELECT tabel, aantal FROM ketenregie_audit_retention()").fetchall())
    assert rows["audit_auditevent"] == 0  # nothing is past its period
    assert set(rows) >= {"leerling_historie", *append_only_tables()}
    assert AuditEvent.objects.filter(pk=trail[0].pk).exists()


# --- migrate keeps it so --------------------------------------------------------------------------


def test_migrate_restores_the_app_roles_grants_on_every_append_only_table(app_role):
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("GRANT UPDATE, DELETE ON audit_auditevent TO {}").format(sql.Identifier(ROLE)))
        cursor.execute("SELECT has_table_privilege(%s, 'audit_auditevent', 'DELETE')", [ROLE])
        assert cursor.fetchone()[0] is True

    with override_settings(DATABASE_APP_ROLE=ROLE):
        call_command("migrate", verbosity=0)  # nothing to apply; post_migrate secures the database

    with connection.cursor() as cursor:
        for table in append_only_tables():
            cursor.execute(
                "SELECT has_table_privilege(%s, %s, 'SELECT'), has_table_privilege(%s, %s, 'INSERT'), "
                "has_table_privilege(%s, %s, 'UPDATE'), has_table_privilege(%s, %s, 'DELETE'), "
                "has_table_privilege(%s, %s, 'TRUNCATE')",
                [ROLE, table] * 5,
            )
            assert cursor.fetchone() == (True, True, False, False, False), table
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname IN (%s, %s)",
                [table, f"{table}_append_only", f"{table}_no_truncate"],
            )
            assert cursor.fetchone()[0] == 2, table
        cursor.execute("SELECT has_table_privilege(%s, 'cases_leerling', 'UPDATE')", [ROLE])
        assert cursor.fetchone()[0] is True


# --- creating the role (docker-compose's migrate service; ensure_app_role) ----------------------


def _owner_url() -> str:
    """The test database as the suite's own (owner) user, as a URL like DATABASE_OWNER_URL."""
    d = connection.settings_dict
    host = d["HOST"] or d.get("OPTIONS", {}).get("host", "")
    if host.startswith("/"):
        return f"postgres://{d['USER']}@/{d['NAME']}?host={host}"
    return f"postgres://{d['USER']}@{host}:{d['PORT'] or 5432}/{d['NAME']}"


def test_ensure_app_role_refuses_a_superuser_as_the_app_role():
    owner = override_settings(DATABASE_OWNER_URL=_owner_url(), DATABASE_APP_ROLE="postgres")
    with owner, pytest.raises(CommandError, match="superuser"):
        call_command("ensure_app_role")


def test_ensure_app_role_creates_a_role_that_can_log_in_and_owns_nothing():
    role = f"ketenregie_app_t{uuid.uuid4().hex[:8]}"
    try:
        with connection.cursor() as cursor:
            assert ensure_app_role(cursor, role, "wachtwoord-t", connection.settings_dict["NAME"]) is True
            assert ensure_app_role(cursor, role, "wachtwoord-t", connection.settings_dict["NAME"]) is False
            cursor.execute(
                "SELECT rolcanlogin, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = %s",
                [role],
            )
            assert cursor.fetchone() == (True, False, False, False)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("REVOKE CONNECT ON DATABASE {} FROM {}").format(
                    sql.Identifier(connection.settings_dict["NAME"]), sql.Identifier(role)
                )
            )
            cursor.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
