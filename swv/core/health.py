"""Checks behind /health: database, Redis (broker and cache) and a Celery worker.

Every check reads its target from settings at call time and gives up after about a second, so
/health answers quickly when a service is down instead of waiting for client-library retries.

The Celery check never waits for a worker: every worker writes a heartbeat (a timestamp in Redis) from
its consumer's event loop every HEALTH_WORKER_HEARTBEAT_SECONDS (`WorkerHeartbeat`, registered in
swv/celery.py), and /health only reads it. Older than HEALTH_WORKER_MAX_AGE_SECONDS, or absent, means
no worker is taking tasks. (A Celery ping waited its whole 1 s timeout whenever no worker answered.)
"""

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

import redis
from celery import bootsteps
from celery.worker.consumer.tasks import Tasks
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

REDIS_TIMEOUT = 1.0


def redis_client() -> redis.Redis:
    """A client for settings.REDIS_URL that fails within REDIS_TIMEOUT instead of hanging.

    One per URL and process, so its connection pool is reused: a probe every few seconds should not
    open (and tear down) new connections each time. Thread-safe (redis-py's pool)."""
    return _client(settings.REDIS_URL)


@functools.lru_cache(maxsize=8)
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis() -> None:
    redis_client().ping()


class CheckFailed(Exception):
    """A check that reached its service and found it wanting; the message (Dutch, no secrets) is shown."""


def write_worker_heartbeat(now: float | None = None) -> None:
    """Record that a worker is alive now; the key expires by itself once no worker renews it."""
    redis_client().set(
        settings.HEALTH_WORKER_HEARTBEAT_KEY,
        repr(time.time() if now is None else now),
        ex=max(settings.HEALTH_WORKER_MAX_AGE_SECONDS * 10, 600),
    )


def check_celery() -> None:
    """Read the newest worker heartbeat: one Redis GET, no round trip to a worker."""
    value = redis_client().get(settings.HEALTH_WORKER_HEARTBEAT_KEY)
    if value is None:
        raise CheckFailed("geen hartslag van een Celery-worker")
    age = time.time() - float(value)
    if age > settings.HEALTH_WORKER_MAX_AGE_SECONDS:
        raise CheckFailed(f"laatste hartslag van een Celery-worker is {age:.0f} s oud")


class WorkerHeartbeat(bootsteps.StartStopStep):
    """A worker consumer step: writes the heartbeat on start and then on the consumer's own timer.

    On the consumer's event loop rather than in a thread of its own, so the heartbeat stops when the
    worker can no longer take tasks (a stuck loop, a lost broker), not only when the process dies.
    A failed write (Redis away for a moment) is logged and tried again at the next tick.
    """

    # After the step that starts consuming tasks: the first beat says the worker takes tasks.
    requires = (Tasks,)

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.tref: Any = None

    def start(self, parent: Any) -> None:
        self._beat()
        self.tref = parent.timer.call_repeatedly(settings.HEALTH_WORKER_HEARTBEAT_SECONDS, self._beat)

    def stop(self, parent: Any) -> None:
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None

    shutdown = stop

    def _beat(self) -> None:
        try:
            write_worker_heartbeat()
        except Exception as exc:  # noqa: BLE001 - a missed beat only ages the heartbeat; /health shows it
            logger.warning("worker heartbeat not written: %s", exc.__class__.__name__)


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
            detail = str(exc) if isinstance(exc, CheckFailed) else exc.__class__.__name__
            results[name] = {"status": "fout", "detail": detail}
    return healthy, results
