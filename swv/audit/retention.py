"""Retention: remove or anonymise what is past its period (domain.md "Privacy (AVG) and retention").

Each rule is one set-based statement (no loop per pupil) and the job logs counts only, never content.
Running it twice changes nothing the second time (idempotent), so a missed or repeated beat is harmless.

Rules now (the periods are settings, see docs/operations.md):

- `leerlingen_geanonimiseerd`: pupils uitgeschreven more than RETENTION_LEERLINGADMINISTRATIE_YEARS ago
  are anonymised (names, BSN and onderwijsnummer removed, birth date reduced to 1 January of the year),
  not deleted: later case, verzuim and OOGO figures keep counting them (docs/decisions.md).
- `leerling_historie_verwijderd`: the write history (pghistory snapshots) of those pupils from before
  anonymisation, which still holds the removed values.
- `auditregels_verwijderd`, `*_historie_verlopen`: audit records older than AUDIT_RETENTION_YEARS.

The audit tables are append-only (migrations audit/0002, 0006) and the application's database role
may only INSERT and SELECT on them (swv/audit/privileges.py). The deletes therefore go through
`ketenregie_audit_retention()`, a SECURITY DEFINER function owned by the database owner: it decides
itself, with the database clock and the periods fixed at the last `migrate`, what is past its period,
so the application can ask for retention but cannot choose what is deleted. The anonymisation is an
ordinary UPDATE of a domain table and stays here, in the ORM.
"""

import datetime
import logging

import pghistory
from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import TruncYear
from django.utils import timezone

from cases.models import Leerling

from .models import EVENT_MODELS, AuditEvent
from .privileges import RETENTION_FUNCTION

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
    today = timezone.localdate(now)
    leerling_cutoff = years_before(today, settings.RETENTION_LEERLINGADMINISTRATIE_YEARS)
    counts: dict[str, int] = {}
    with transaction.atomic(), pghistory.context(bron="bewaartermijn"):
        counts["leerlingen_geanonimiseerd"] = Leerling.objects.filter(
            uitgeschreven_op__lt=leerling_cutoff, geanonimiseerd_op__isnull=True
        ).update(
            voornaam="",
            achternaam="",
            bsn=None,
            onderwijsnummer=None,
            geboortedatum=TruncYear("geboortedatum"),
            geanonimiseerd_op=now,
        )
        # One call as the owner (SECURITY DEFINER): returns (table, rows deleted) per rule.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT tabel, aantal FROM {RETENTION_FUNCTION}()")  # noqa: S608 - a constant
            deleted = dict(cursor.fetchall())
        counts["leerling_historie_verwijderd"] = deleted.pop("leerling_historie", 0)
        counts["auditregels_verwijderd"] = deleted.pop(AuditEvent._meta.db_table, 0)
        # Every write history, the partner registry's included: "leerling_historie_verlopen", ...
        for object_type, model in EVENT_MODELS.items():
            name = f"{object_type.split('.')[1]}_historie_verlopen"
            counts[name] = deleted.pop(model._meta.db_table, 0)
        # Event tables of apps not in EVENT_MODELS (yet) are kept to the same period.
        for table, number in deleted.items():
            counts[f"{table}_verlopen"] = number
    logger.info("bewaartermijnen toegepast", extra={"counts": counts})
    return counts
