"""The audit trail is append-only against the application's own database account too.

0002 let any session lift the append-only trigger with `SET ketenregie.retention = on` (DELETE) or
`ketenregie.allow_truncate = on` (TRUNCATE). From here on those switches count only when the session's
current role is (a member of) the table's owner: the migrating owner, the test suite's superuser, and
the owner-defined `SECURITY DEFINER` retention function (swv/audit/privileges.py). The application
role owns nothing, so for it the switches do nothing; it also lacks the privileges (docs/operations.md
"Databaserollen").

`pghistory_context` (who made each write, which request) gets a guard as well: a context row may be
changed only by the transaction that wrote it. pghistory itself needs that much: its
`_pgh_attach_context()` upserts the row (`INSERT ... ON CONFLICT DO UPDATE SET metadata`) when a
nested `pghistory.context(...)` adds metadata within the same context. A later transaction of the same
request that tries that upsert keeps the first metadata (the update is skipped, the write goes on);
a direct UPDATE of someone else's row is refused. DELETE and TRUNCATE follow the audit-table rule.
"""

from django.db import migrations

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION ketenregie_audit_append_only() RETURNS trigger AS $$
DECLARE
    -- Superusers and the owner pass pg_has_role; the application role (owns nothing) does not.
    is_owner boolean := pg_has_role(
        current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE'
    );
BEGIN
    IF is_owner AND TG_OP = 'DELETE' AND current_setting('ketenregie.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    IF is_owner AND TG_OP = 'TRUNCATE' AND (
        current_setting('ketenregie.retention', true) = 'on'
        OR current_setting('ketenregie.allow_truncate', true) = 'on'
    ) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Audittabel % is alleen-toevoegen: % is niet toegestaan', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

APPEND_ONLY_BEFORE = """
CREATE OR REPLACE FUNCTION ketenregie_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('ketenregie.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'TRUNCATE' AND (
        current_setting('ketenregie.retention', true) = 'on'
        OR current_setting('ketenregie.allow_truncate', true) = 'on'
    ) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Audittabel % is alleen-toevoegen: % is niet toegestaan', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

CONTEXT_GUARD = """
CREATE OR REPLACE FUNCTION ketenregie_context_guard() RETURNS trigger AS $$
DECLARE
    row_xmin bigint;
    current_full bigint := pg_current_xact_id()::text::bigint;
    row_full bigint;
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'pghistory_context: id en created_at zijn niet te wijzigen'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Which transaction wrote the row? xmin is a 32-bit id; widen it with the current epoch so
    -- pg_xact_status can say whether it is ours (our own transaction and its savepoints are
    -- 'in progress'; another running transaction's rows are not visible to this UPDATE at all).
    SELECT xmin::text::bigint INTO row_xmin FROM pghistory_context WHERE id = OLD.id;
    row_full := ((current_full >> 32) << 32) | row_xmin;
    IF row_full > current_full THEN
        row_full := row_full - 4294967296;
    END IF;
    IF row_full > 0 AND pg_xact_status(row_full::text::xid8) = 'in progress' THEN
        RETURN NEW;
    END IF;
    IF pg_trigger_depth() > 1 THEN
        -- pghistory's upsert from a later transaction of the same context: keep what was recorded.
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'pghistory_context is alleen-toevoegen: UPDATE is niet toegestaan'
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pghistory_context_guard BEFORE UPDATE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION ketenregie_context_guard();
CREATE TRIGGER pghistory_context_append_only BEFORE DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION ketenregie_audit_append_only();
CREATE TRIGGER pghistory_context_no_truncate BEFORE TRUNCATE ON pghistory_context
    FOR EACH STATEMENT EXECUTE FUNCTION ketenregie_audit_append_only();
"""

CONTEXT_GUARD_BACKWARD = """
DROP TRIGGER IF EXISTS pghistory_context_guard ON pghistory_context;
DROP TRIGGER IF EXISTS pghistory_context_append_only ON pghistory_context;
DROP TRIGGER IF EXISTS pghistory_context_no_truncate ON pghistory_context;
DROP FUNCTION IF EXISTS ketenregie_context_guard();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_ketenpartners_append_only"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        migrations.RunSQL(APPEND_ONLY, APPEND_ONLY_BEFORE),
        migrations.RunSQL(CONTEXT_GUARD, CONTEXT_GUARD_BACKWARD),
    ]
