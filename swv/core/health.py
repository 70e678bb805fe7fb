"""Checks behind /health: database, Redis (broker and cache) and a Celery worker."""

import logging
from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

CELERY_PING_TIMEOUT = 1.0


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis() -> None:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()


def check_celery() -> None:
    from swv.celery import app

    replies = app.control.ping(timeout=CELERY_PING_TIMEOUT)
    if not replies:
        raise RuntimeError("geen Celery-worker antwoordt")


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "redis": check_redis,
    "celery": check_celery,
}


def run_checks() -> tuple[bool, dict[str, dict[str, str]]]:
    results: dict[str, dict[str, str]] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = {"status": "ok"}
        except Exception as exc:  # noqa: BLE001 - any failure means "down"; the reason goes in the answer
            healthy = False
            logger.warning("health check %s failed: %s", name, exc.__class__.__name__)
            results[name] = {"status": "fout", "detail": exc.__class__.__name__}
    return healthy, results
