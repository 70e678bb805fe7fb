"""Database roles: the application's account may only INSERT and SELECT on the audit trail.

Two roles (docs/operations.md "Databaserollen"):

- the owner (DATABASE_OWNER_URL) owns every table and runs `migrate`; the app never uses it;
- the application role (the user in DATABASE_URL) owns nothing. It gets ordinary CRUD on the domain
  tables, but on every append-only table (AuditEvent and every pghistory event table, found
  generically so a new app's event tables are covered) only SELECT and INSERT; on `pghistory_context`
  SELECT, INSERT and UPDATE of `metadata`/`updated_at` only, because pghistory's own trigger function
  upserts that row (migration audit/0006 limits the UPDATE to the transaction that wrote the row).

Not owning a table means the app cannot disable or drop its triggers, and not being a superuser means
it cannot set `session_replication_role`; the trigger function honours the retention and truncate
switches only for the owner (audit/0006). Retention deletes through `ketenregie_audit_retention()`,
a SECURITY DEFINER function owned by the owner that decides itself, from the database clock and the
periods fixed when `migrate` last ran, which rows are past their period.

`secure_database()` runs after every `migrate` (post_migrate) as the migrating owner; it is
idempotent. Tables created by later migrations get CRUD for the app role through ALTER DEFAULT
PRIVILEGES at once, and lose UPDATE/DELETE on the next post_migrate if they are append-only.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from psycopg import sql

logger = logging.getLogger("swv.audit.privileges")

RETENTION_FUNCTION = "ketenregie_audit_retention"
CONTEXT_TABLE = "pghistory_context"


def append_only_tables() -> list[str]:
    """AuditEvent, every registered event table (swv/audit/registry.py), and, so that no history is
    ever left changeable, any other concrete pghistory event table of an installed app."""
    from pghistory.models import Event

    from .models import AuditEvent
    from .registry import tracked

    tables = {AuditEvent._meta.db_table, *(entry.table for entry in tracked())}
    for model in apps.get_models():
        meta = model._meta
        if issubclass(model, Event) and meta.managed and not meta.proxy and not meta.abstract:
            tables.add(meta.db_table)
    return sorted(tables)


def _ensure_triggers(cursor, tables: list[str]) -> None:
    # CREATE OR REPLACE TRIGGER (PostgreSQL >= 14): the same names migrations 0002/0005 used.
    for table in tables:
        cursor.execute(
            sql.SQL(
                "CREATE OR REPLACE TRIGGER {} BEFORE UPDATE OR DELETE ON {} "
                "FOR EACH ROW EXECUTE FUNCTION ketenregie_audit_append_only()"
            ).format(sql.Identifier(f"{table}_append_only"), sql.Identifier(table))
        )
        cursor.execute(
            sql.SQL(
                "CREATE OR REPLACE TRIGGER {} BEFORE TRUNCATE ON {} "
                "FOR EACH STATEMENT EXECUTE FUNCTION ketenregie_audit_append_only()"
            ).format(sql.Identifier(f"{table}_no_truncate"), sql.Identifier(table))
        )


# pghistory's own `_pgh_attach_context()` (pghistory/models.py, installed by its migrations 0004/0007)
# reads its two settings with CURRENT_SETTING() inside BEGIN ... EXCEPTION WHEN OTHERS. Outside a
# `pghistory.context()` the settings are unset (or '' after an earlier SET LOCAL), so every tracked row
# raised and rolled back a subtransaction, and each rollback scans the deferred foreign-key trigger
# events queued so far: bulk writes grew quadratic (docs/benchmarks.md "Bulk writes on tracked tables").
# pghistory offers no switch for this; a default for the settings cannot help either (no text casts to
# a NULL uuid). So the platform installs the same function with current_setting(name, true) and no
# EXCEPTION block; semantics unchanged (NULL context outside pghistory.context(), the same upsert).
# The upsert itself (an index probe and a row lock) ran for every tracked row too, for the same context
# row: the function now remembers, in a transaction-local setting, which context id and metadata this
# transaction has written, and upserts only when either changed (a new context, or a nested
# pghistory.context() that added metadata). A rolled-back savepoint also rolls the setting back, so a
# context row that was undone is written again (issue 9: a bulk write's triggers cost half as much).
CONTEXT_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION _pgh_attach_context()
RETURNS {table}.id%TYPE AS $$
    DECLARE
        _id TEXT := NULLIF(current_setting('pghistory.context_id', true), '');
        _metadata TEXT := NULLIF(current_setting('pghistory.context_metadata', true), '');
    BEGIN
        IF _id IS NULL OR _metadata IS NULL THEN
            RETURN NULL;
        END IF;
        IF current_setting('ketenregie.context_vastgelegd', true) IS DISTINCT FROM _id || _metadata THEN
            INSERT INTO {table} (id, metadata, created_at, updated_at)
                VALUES (_id::uuid, _metadata::jsonb, NOW(), NOW())
                ON CONFLICT (id) DO UPDATE
                    SET metadata = EXCLUDED.metadata,
                        updated_at = EXCLUDED.updated_at
                    WHERE {table}.metadata != EXCLUDED.metadata;
            PERFORM set_config('ketenregie.context_vastgelegd', _id || _metadata, true);
        END IF;
        RETURN _id::uuid;
    END;
$$ LANGUAGE plpgsql;
"""

# pgtrigger's `_pgtrigger_should_ignore()` runs first in every pgtrigger (so every pghistory) trigger,
# once per row. It reads `pgtrigger.ignore` inside BEGIN ... EXCEPTION WHEN OTHERS: even when nothing
# raises (every connection has the setting, docs/decisions.md 20), entering that block starts a
# subtransaction, about 40 µs a row, a third of a tracked INSERT. The same function with
# current_setting(name, true) and no EXCEPTION block; semantics unchanged: TRUE only for a trigger named
# in the setting, FALSE when it is unset, empty or '{{}}'. pgtrigger re-creates its own whenever a
# migration installs a trigger; post_migrate puts this one back after every `migrate`, like the context
# function above.
SHOULD_IGNORE_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(trigger_name NAME)
RETURNS BOOLEAN AS $$
    DECLARE
        _ignore TEXT := current_setting('pgtrigger.ignore', true);
    BEGIN
        IF _ignore IS NULL OR _ignore = '' OR _ignore = '{{}}' THEN
            RETURN FALSE;
        END IF;
        RETURN COALESCE(trigger_name = ANY(_ignore::TEXT[]), FALSE);
    END;
$$ LANGUAGE plpgsql;
"""


def install_context_function(cursor) -> None:
    """Replace pghistory's `_pgh_attach_context()` and pgtrigger's `_pgtrigger_should_ignore()` by the
    cheaper ones above (idempotent)."""
    cursor.execute(sql.SQL(CONTEXT_FUNCTION_SQL).format(table=sql.Identifier(CONTEXT_TABLE)))
    cursor.execute(sql.SQL(SHOULD_IGNORE_FUNCTION_SQL).format())


RETENTION_SQL = """
CREATE OR REPLACE FUNCTION {function}()
RETURNS TABLE (tabel text, aantal bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_catalog, pg_temp AS $fn$
-- Periods fixed by `migrate`; the database clock decides,
-- so a caller cannot move the cut-off. Deletes only what is past its period.
DECLARE
    audit_cutoff timestamptz := date_trunc('day', now()) - make_interval(years => {audit_years});
    t record;
    n bigint;
BEGIN
    PERFORM set_config('ketenregie.retention', 'on', true);
{purges}
    -- Every append-only table (trigger of audit/0002), by its own time column.
    FOR t IN
        SELECT DISTINCT ON (c.oid) c.oid::regclass AS tbl, c.relname::text AS relname, a.attname AS col
          FROM pg_trigger tg
          JOIN pg_class c ON c.oid = tg.tgrelid
          JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = {schema_literal}
          JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
                             AND a.attname IN ('pgh_created_at', 'at')
         WHERE tg.tgfoid = 'ketenregie_audit_append_only'::regproc
           AND tg.tgname = c.relname || '_append_only'
         ORDER BY c.oid, a.attname DESC
    LOOP
        EXECUTE format('DELETE FROM %s WHERE %I < $1', t.tbl, t.col) USING audit_cutoff;
        GET DIAGNOSTICS n = ROW_COUNT;
        tabel := t.relname; aantal := n; RETURN NEXT;
    END LOOP;
    PERFORM set_config('ketenregie.retention', 'off', true);
END;
$fn$;
REVOKE ALL ON FUNCTION {function}() FROM PUBLIC;
"""


# Per registered model with a HistoryPurge (swv/audit/registry.py): snapshots of a row the app
# anonymised after its period, from before the anonymisation, still hold the removed values.
PURGE_SQL = """
    DELETE FROM {event_table} e USING {tracked_table} r
     WHERE e.pgh_obj_id = r.{pk}
       AND r.{anonymised} IS NOT NULL
       AND r.{ended} < (current_date - make_interval(years => {years}))::date
       AND e.{anonymised} IS NULL;
    GET DIAGNOSTICS n = ROW_COUNT;
    tabel := {rule}; aantal := n; RETURN NEXT;
"""


def _purges() -> sql.Composable:
    from .registry import column_of, tracked

    parts = []
    for entry in tracked():
        if not entry.purge:
            continue
        model, event, purge = entry.tracked_model, entry.event_model, entry.purge
        parts.append(
            sql.SQL(PURGE_SQL).format(
                event_table=sql.Identifier(entry.table),
                tracked_table=sql.Identifier(model._meta.db_table),
                pk=sql.Identifier(column_of(model, model._meta.pk.name)),
                anonymised=sql.Identifier(column_of(model, purge.anonymised_field)),
                ended=sql.Identifier(column_of(model, purge.ended_field)),
                years=sql.Literal(int(getattr(settings, purge.years_setting))),
                rule=sql.Literal(f"{entry.object_type.split('.')[1]}_historie"),
            )
        )
        event._meta.get_field(purge.anonymised_field)  # the snapshot has the column too
    return sql.SQL("").join(parts)


def _install_retention_function(cursor, schema: str) -> None:
    cursor.execute(
        sql.SQL(RETENTION_SQL).format(
            function=sql.Identifier(RETENTION_FUNCTION),
            schema=sql.Identifier(schema),
            schema_literal=sql.Literal(schema),
            audit_years=sql.Literal(int(settings.AUDIT_RETENTION_YEARS)),
            purges=_purges(),
        )
    )


def role_exists(cursor, role: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


def grant_app_role(cursor, role: str, schema: str, tables: list[str]) -> None:
    """CRUD on everything, SELECT/INSERT only on the append-only tables; default privileges for later tables."""
    r, s = sql.Identifier(role), sql.Identifier(schema)
    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, r),
        sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(s, r),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(s, r),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, r),
        # Tables and sequences the owner creates in later migrations: usable before the next post_migrate.
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(s, r),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT USAGE, SELECT ON SEQUENCES TO {}").format(s, r),
        sql.SQL("GRANT EXECUTE ON FUNCTION {}() TO {}").format(sql.Identifier(RETENTION_FUNCTION), r),
    ]
    for table in tables:
        t = sql.Identifier(table)
        statements += [
            sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(t, r),
            sql.SQL("GRANT SELECT, INSERT ON TABLE {} TO {}").format(t, r),
        ]
    c = sql.Identifier(CONTEXT_TABLE)
    statements += [
        sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(c, r),
        sql.SQL("GRANT SELECT, INSERT ON TABLE {} TO {}").format(c, r),
        # pghistory's _pgh_attach_context() upserts (ON CONFLICT DO UPDATE SET metadata, updated_at).
        sql.SQL("GRANT UPDATE (metadata, updated_at) ON TABLE {} TO {}").format(c, r),
    ]
    for statement in statements:
        cursor.execute(statement)


def secure_database(using: str = DEFAULT_DB_ALIAS, app_role: str | None = None) -> list[str]:
    """Triggers on every append-only table, the retention function, and the app role's grants.

    Runs as the owner. `app_role` defaults to settings.DATABASE_APP_ROLE; empty means one role for
    everything (no grants; docs/operations.md says why production should not run like that).
    Returns the append-only tables.
    """
    app_role = settings.DATABASE_APP_ROLE if app_role is None else app_role
    tables = append_only_tables()
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT current_schema(), current_user")
        schema, owner = cursor.fetchone()
        _ensure_triggers(cursor, tables)
        install_context_function(cursor)
        _install_retention_function(cursor, schema)
        if app_role and app_role != owner:
            if not role_exists(cursor, app_role):
                raise RuntimeError(
                    f"Databaserol {app_role!r} (DATABASE_URL) bestaat niet; maak hem eerst aan "
                    "(manage.py ensure_app_role, of zie docs/operations.md)."
                )
            grant_app_role(cursor, app_role, schema, tables)
            logger.info("rechten van de app-rol gezet", extra={"rol": app_role, "tabellen": len(tables)})
    return tables


def on_post_migrate(sender, using=DEFAULT_DB_ALIAS, plan=None, **kwargs) -> None:
    # `flush` (between transactional tests) sends post_migrate too, without a plan: nothing changed.
    if plan is None:
        return
    secure_database(using)


def ensure_app_role(cursor, role: str, password: str | None, database: str) -> bool:
    """Create the app role if missing (needs CREATEROLE); refuse one that could lift the audit trail's
    protection. Returns True when it was created. Run as the owner (`manage.py ensure_app_role`)."""
    cursor.execute("SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = %s", [role])
    row = cursor.fetchone()
    created = row is None
    if created:
        cursor.execute(
            sql.SQL(
                "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD {}"
            ).format(sql.Identifier(role), sql.Literal(password) if password else sql.SQL("NULL"))
        )
    elif any(row):
        raise RuntimeError(
            f"Databaserol {role!r} (DATABASE_URL) is superuser of mag rollen maken: "
            "de app moet een rol zonder zulke rechten gebruiken (docs/operations.md)."
        )
    cursor.execute(
        "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = %s)", [role]
    )
    if cursor.fetchone()[0]:
        raise RuntimeError(
            f"Databaserol {role!r} (DATABASE_URL) is eigenaar van tabellen; dat mag de app-rol niet zijn."
        )
    cursor.execute(
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), sql.Identifier(role))
    )
    return created
