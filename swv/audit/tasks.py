from celery import shared_task

from . import retention


def run_retention() -> dict[str, int]:
    """Body of the daily beat task (CELERY_BEAT_SCHEDULE); idempotent, all work is in the service."""
    return retention.apply_retention()


apply_retention = shared_task(name="swv.audit.tasks.apply_retention")(run_retention)
