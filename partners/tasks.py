"""Celery tasks of the partner registry: thin, take ids, idempotent; the work is in the services."""

from celery import shared_task

from .importing import duo_import_verwerken, duo_imports_herstarten


def run_duo_import(import_id: int) -> None:
    """Body of the task: import a stored DUO file once (a re-delivered task finds it done and stops)."""
    duo_import_verwerken(import_id)


verwerk_duo_import = shared_task(name="partners.tasks.verwerk_duo_import")(run_duo_import)


@shared_task(name="partners.tasks.duo_imports_herstarten")
def herstart_duo_imports() -> int:
    """Every minute (CELERY_BEAT_SCHEDULE): offer again the imports that wait because the broker was down."""
    return duo_imports_herstarten()


@shared_task(name="partners.tasks.afspraak_herinneringen")
def afspraak_herinneringen() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind owners of agreements that expire or are due for evaluation.

    Idempotent: the service records each reminder it sends (AfspraakHerinnering) and never sends one twice.
    """
    from .services import afspraak_herinneringen_versturen

    return afspraak_herinneringen_versturen()
