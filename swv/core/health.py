"""Checks behind /health: database, Redis (broker and cache) and a Celery worker.

Every check reads its target from settings at call time and gives up after about a second, so
/health answers quickly when a service is down instead of waiting for client-library retries.
"""

import logging
from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection
from kombu import Connection

logger = logging.getLogger(__name__)

REDIS_TIMEOUT = 1.0
CELERY_PING_TIMEOUT = 1.0


def redis_client() -> redis.Redis:
    """A client for settings.REDIS_URL that fails within REDIS_TIMEOUT instead of hanging."""
    return redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
    )


def broker_connection() -> Connection:
    """A connection to settings.CELERY_BROKER_URL that tries once.

    kombu retries a refused connection for several seconds by default; a health probe must not.
    """
    from swv.celery import app

    return app.connection_for_write(
        settings.CELERY_BROKER_URL,
        connect_timeout=REDIS_TIMEOUT,
        transport_options={**settings.CELERY_BROKER_TRANSPORT_OPTIONS, "max_retries": 0},
    )


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis() -> None:
    client = redis_client()
    try:
        client.ping()
    finally:
        client.close()


def check_celery() -> None:
    from swv.celery import app

    with broker_connection() as conn:
        replies = app.control.ping(timeout=CELERY_PING_TIMEOUT, connection=conn)
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
