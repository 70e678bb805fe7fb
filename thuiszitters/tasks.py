"""Celery tasks of the thuiszitters app: thin; the work is in thuiszitters/controles.py."""

from celery import shared_task


@shared_task(name="thuiszitters.tasks.verzuimcontroles")
def verzuimcontroles() -> dict[str, int]:
    """Daily (CELERY_BEAT_SCHEDULE "thuiszitters-verzuimcontroles"): raise today's verzuim signals.
    Idempotent: a rerun or a redelivered task raises nothing twice (unique pupil + rule + period)."""
    from .controles import verzuimcontroles as controleren

    return controleren()
