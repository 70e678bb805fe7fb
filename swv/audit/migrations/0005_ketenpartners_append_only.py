"""The partner registry's history tables are append-only too (same trigger function as 0002)."""

from django.db import migrations

TABLES = [
    "audit_jeugdzorgregioevent",
    "audit_schoolswvevent",
    "audit_persoonevent",
    "audit_sleutelfiguurevent",
    "audit_afspraakevent",
    "audit_voorzieningevent",
]


def _forward() -> str:
    parts = []
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
    return "\n".join(parts)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_ketenpartners_tracking")]

    operations = [migrations.RunSQL(_forward(), _backward())]
