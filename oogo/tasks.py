"""Celery tasks of the OOGO app: thin; the work is in oogo/deadlines.py."""

from celery import shared_task


@shared_task(name="oogo.tasks.oogo_deadlines")
def oogo_deadlines() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE "oogo-deadlines"): raise and close the OOGO reminders for today. The
    cases digest (cases.tasks.casus_deadlines) mails them with the other tasks."""
    from .deadlines import controleer_deadlines

    return controleer_deadlines()
