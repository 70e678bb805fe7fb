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

The audit tables are append-only (migration audit/0002). Only this module lifts that, for DELETE only
and for its own statements, through the session setting `ketenregie.retention`.
"""

import datetime
import logging
from contextlib import contextmanager

import pghistory
from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import TruncYear
from django.utils import timezone

from cases.models import Leerling

from .models import EVENT_MODELS, AuditEvent, LeerlingEvent

logger = logging.getLogger("swv.audit.retention")


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year - years, day=28)


@contextmanager
def _retention_bypass():
    """Allow DELETE on the audit tables for the statements inside this block only.

    set_config(..., true) is transaction-local; we also switch it off explicitly at the end, because
    inside an outer transaction (a test, a caller's atomic block) "transaction-local" would last longer.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('ketenregie.retention', 'on', true)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('ketenregie.retention', 'off', true)")


def apply_retention(now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply every retention rule once; returns {rule: number of rows} and logs the same counts."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    leerling_cutoff = years_before(today, settings.RETENTION_LEERLINGADMINISTRATIE_YEARS)
    audit_cutoff = timezone.make_aware(
        datetime.datetime.combine(years_before(today, settings.AUDIT_RETENTION_YEARS), datetime.time.min)
    )
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
        with _retention_bypass():
            # Snapshots taken before anonymisation still hold the removed values; the snapshot
            # written by the anonymisation itself (empty names) stays as the record that it happened.
            counts["leerling_historie_verwijderd"] = LeerlingEvent.objects.filter(
                pgh_obj_id__in=Leerling.objects.filter(geanonimiseerd_op__isnull=False).values("pk"),
                geanonimiseerd_op__isnull=True,
            ).delete()[0]
            counts["auditregels_verwijderd"] = AuditEvent.objects.filter(at__lt=audit_cutoff).delete()[0]
            # Every write history, the partner registry's included: "leerling_historie_verlopen", ...
            for object_type, model in EVENT_MODELS.items():
                name = f"{object_type.split('.')[1]}_historie_verlopen"
                counts[name] = model.objects.filter(pgh_created_at__lt=audit_cutoff).delete()[0]
    logger.info("bewaartermijnen toegepast", extra={"counts": counts})
    return counts
