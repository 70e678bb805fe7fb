"""Celery tasks of the cases app: thin; the work is in cases/deadlines.py."""

from celery import shared_task


@shared_task(name="cases.tasks.casus_deadlines")
def casus_deadlines() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE "cases-deadlines"): raise and close the deadline tasks for today, then
    mail each user their new tasks. Idempotent: a rerun raises nothing twice and mails nothing twice."""
    from .deadlines import controleer_deadlines, verstuur_digest

    resultaat = controleer_deadlines()
    return {"regels": resultaat, "mails": verstuur_digest()}


# --- issue 11, part betrokkenheid ---
@shared_task(name="cases.tasks.betrokkenheden_verlopen")
def betrokkenheden_verlopen() -> int:
    """Daily (CELERY_BEAT_SCHEDULE "cases-betrokkenheden-verlopen"): end every involvement whose period is
    over. Idempotent: a rerun ends nothing twice."""
    from .services_betrokkenheid import betrokkenheden_laten_verlopen

    return betrokkenheden_laten_verlopen()
