"""Make the audit tables append-only in PostgreSQL (BIO 8.15.01).

A trigger rejects every UPDATE and DELETE on the audit tables, and a statement trigger rejects
TRUNCATE. The one controlled exception is the retention job (swv.audit.retention), which sets
`ketenregie.retention = 'on'` for its own transaction only; with it, DELETE (not UPDATE) passes.
Test databases set `ketenregie.allow_truncate = 'on'` on their connection so Django can empty
tables between transactional tests; production never sets it (see docs/operations.md).
"""

from django.db import migrations

TABLES = [
    "audit_auditevent",
    "audit_leerlingevent",
    "audit_organisatieevent",
    "audit_lidmaatschapevent",
]

FUNCTION = """
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


def _forward() -> str:
    parts = [FUNCTION]
    for table in TABLES:
        parts.append(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION ketenregie_audit_append_only();"
        )
        parts.append(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION ketenregie_audit_append_only();"
        )
    return "\n".join(parts)


def _backward() -> str:
    parts = []
    for table in TABLES:
        parts.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        parts.append(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
    parts.append("DROP FUNCTION IF EXISTS ketenregie_audit_append_only();")
    return "\n".join(parts)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(_forward(), _backward())]
