"""Celery task of the signals part (issue 12): thin; the work is in thuiszitters/digest_signaal.py.

Imported from ThuiszittersConfig.ready() (Celery's autodiscovery looks only at `tasks.py`, which the
periodic checks' part owns), so the worker knows the task by its name.
"""

from celery import shared_task


@shared_task(name="thuiszitters.tasks_signaal.signalen_digest")
def signalen_digest() -> int:
    """Daily (CELERY_BEAT_SCHEDULE "thuiszitters-signalen-digest"): mail each person the number of new signals
    for them. Idempotent: a rerun mails nothing twice."""
    from .digest_signaal import verstuur_signalen_digest

    return verstuur_signalen_digest()
