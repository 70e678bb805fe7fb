"""Celery tasks of the partner registry: thin, take ids, idempotent; the work is in the services."""

from celery import shared_task

from .importing import duo_import_verwerken


def run_duo_import(import_id: int) -> None:
    """Body of the task: import a stored DUO file once (a re-delivered task finds it done and stops)."""
    duo_import_verwerken(import_id)


verwerk_duo_import = shared_task(name="partners.tasks.verwerk_duo_import")(run_duo_import)
