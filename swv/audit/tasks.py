from celery import shared_task

from . import retention


@shared_task(name="swv.audit.tasks.apply_retention")
def apply_retention() -> dict[str, int]:
    """Daily beat task (CELERY_BEAT_SCHEDULE); idempotent, all work is in `retention.apply_retention`."""
    return retention.apply_retention()
