"""Retention: remove or anonymise what is past its period (domain.md "Privacy (AVG) and retention").

Each rule is one set-based statement (no loop per pupil) and the job logs counts only, never content.
Running it twice changes nothing the second time (idempotent), so a missed or repeated beat is harmless.

Rules now (the periods are settings, see docs/operations.md):

- the apps' own rules, registered with `registry.register_retention` (the cases app:
  `leerlingen_geanonimiseerd`, cases/retention.py);
- `<model>_historie_verwijderd`: the write history of rows an app anonymised after their period, from
  before the anonymisation (it still holds the removed values); per `HistoryPurge` of a registered model;
- `auditregels_verwijderd`, `*_historie_verlopen`: audit records older than AUDIT_RETENTION_YEARS.

The audit tables are append-only (migrations audit/0002, 0006) and the application's database role
may only INSERT and SELECT on them (swv/audit/privileges.py). The deletes therefore go through
`ketenregie_audit_retention()`, a SECURITY DEFINER function owned by the database owner: it decides
itself, with the database clock and the periods fixed at the last `migrate`, what is past its period,
so the application can ask for retention but cannot choose what is deleted. The anonymisation is an
ordinary UPDATE of a domain table and stays in the app that owns it, in the ORM.
"""

import datetime
import logging

import pghistory
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent
from .privileges import RETENTION_FUNCTION
from .registry import retention_hooks, tracked

logger = logging.getLogger("swv.audit.retention")


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year - years, day=28)


def apply_retention(now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply every retention rule once; returns {rule: number of rows} and logs the same counts.

    `now` sets the anonymisation's clock (tests); the deletes always use the database's clock.
    """
    now = now or timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic(), pghistory.context(bron="bewaartermijn"):
        for hook in retention_hooks():
            counts.update(hook(now))
        # One call as the owner (SECURITY DEFINER): returns (table or rule, rows deleted).
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT tabel, aantal FROM {RETENTION_FUNCTION}()")  # noqa: S608 - a constant
            deleted = dict(cursor.fetchall())
        counts["auditregels_verwijderd"] = deleted.pop(AuditEvent._meta.db_table, 0)
        for entry in tracked():
            name = entry.object_type.split(".")[1]
            if entry.purge:
                counts[f"{name}_historie_verwijderd"] = deleted.pop(f"{name}_historie", 0)
            # Every write history: "leerling_historie_verlopen", "organisatie_historie_verlopen", ...
            counts[f"{name}_historie_verlopen"] = deleted.pop(entry.table, 0)
        # Event tables no app registered (yet) are kept to the same period.
        for table, number in deleted.items():
            counts[f"{table}_verlopen"] = number
    logger.info("bewaartermijnen toegepast", extra={"counts": counts})
    return counts
