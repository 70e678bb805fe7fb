"""Celery tasks of the OOGO app: thin; the work is in oogo/deadlines.py."""

from celery import shared_task


@shared_task(name="oogo.tasks.oogo_deadlines")
def oogo_deadlines() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE "oogo-deadlines"): raise and close the OOGO reminders for today. The
    cases digest (cases.tasks.casus_deadlines) mails them with the other tasks."""
    from .deadlines import controleer_deadlines

    return controleer_deadlines()


# --- part oogo-pdf: the agenda and the minutes by e-mail (oogo/verzending.py) ---
@shared_task(name="oogo.tasks.oogo_documenten_versturen")
def oogo_documenten_versturen(overleg_id: int, soort: str) -> int:
    """Queued on commit by oogo.verzending.verzending_aanvragen. Idempotent: rows already sent are skipped,
    so a retry or a second delivery of the message mails nobody twice."""
    from .verzending import verzendingen_uitvoeren

    return verzendingen_uitvoeren(overleg_id, soort)
