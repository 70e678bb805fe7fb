"""/health checks the real database, the real Redis and a real Celery worker's heartbeat."""

import socket
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from swv.celery import app as celery_app
from swv.core import health

pytestmark = pytest.mark.django_db

# Nothing is ever sent to this queue; the test worker needs one to consume, but not "celery".
TEST_QUEUE = "ketenregie-health-test"


def closed_port() -> int:
    """A local TCP port nothing listens on (bound and released, so refused right away)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_worker_finds_every_beat_task(settings):
    """Also a guard for the worker test below: it runs first and so finalizes the app before it.

    (The worker fixture once switched on a result backend at runtime; a task bound before that kept
    ignore_result=True from the settings and the worker's readiness ping returned None.)
    """
    celery_app.loader.import_default_modules()  # what a starting worker does, autodiscovery included

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks


def answers_ping(hostname: str) -> bool:
    return bool(celery_app.control.ping(destination=[hostname], timeout=0.5))


@pytest.fixture(scope="class")
def celery_worker():
    """A real Celery worker (thread, solo pool) on the project's app and broker, as configured.

    Ready when it answers a control ping addressed to its own, unique hostname, which is also what
    /health asks of workers. So the app needs no result backend and no `celery.ping` task, and no
    setting is changed at runtime: whatever earlier tests did to the app (finalizing it, binding
    tasks, caching a backend) cannot matter. The worker consumes only a queue of its own, so it never
    takes tasks of a `make run` or another test run that shares the Redis database, and the ping by
    hostname is answered by this worker alone.

    Class-scoped on purpose: when a worker starts, Celery's Django fix-up closes the database
    connections of the starting thread. Started before the test's transaction is opened, that only
    means a fresh connection for the test; started inside it, it would break the test's transaction.
    """
    hostname = f"health-test-{uuid.uuid4().hex[:12]}@{socket.gethostname()}"
    # No heartbeat from an earlier run: the one /health reads below is this worker's.
    health.redis_client().delete(settings.HEALTH_WORKER_HEARTBEAT_KEY)
    with start_worker(celery_app, hostname=hostname, queues=[TEST_QUEUE], perform_ping_check=False) as worker:
        # The pidbox subscription can lag the consumer's "ready" by a moment; wait for a reply.
        deadline = time.monotonic() + 10
        while not answers_ping(hostname):
            assert time.monotonic() < deadline, f"test worker {hostname} does not answer a ping"
        yield worker


@pytest.mark.usefixtures("celery_worker")
class TestWithARunningWorker:
    def test_health_is_ok_when_database_redis_and_a_worker_answer(self, client):
        # The worker wrote its heartbeat as it started (swv.core.health.WorkerHeartbeat).
        assert health.redis_client().get(settings.HEALTH_WORKER_HEARTBEAT_KEY) is not None

        response = client.get("/health")

        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "checks": {"database": {"status": "ok"}, "redis": {"status": "ok"}, "celery": {"status": "ok"}},
        }
        assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def heartbeat_key(settings):
    """A heartbeat key of this test alone: no worker of `make run` or another test run writes it."""
    settings.HEALTH_WORKER_HEARTBEAT_KEY = f"ketenregie-health-test:{uuid.uuid4().hex}"
    yield settings.HEALTH_WORKER_HEARTBEAT_KEY
    health.redis_client().delete(settings.HEALTH_WORKER_HEARTBEAT_KEY)


def test_health_answers_fast_with_503_when_no_worker_ever_wrote_a_heartbeat(client, heartbeat_key):
    started = time.monotonic()
    response = client.get("/health")
    elapsed = time.monotonic() - started

    # It reads a key; it does not wait for a worker (the Celery ping took its whole 1 s timeout).
    assert elapsed < 0.5
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["redis"] == {"status": "ok"}
    assert body["checks"]["celery"] == {"status": "fout", "detail": "geen hartslag van een Celery-worker"}


def test_health_is_ok_with_a_fresh_heartbeat_and_503_once_it_is_older_than_the_limit(
    client, heartbeat_key, settings
):
    settings.HEALTH_WORKER_MAX_AGE_SECONDS = 60
    health.write_worker_heartbeat(now=time.time() - 5)

    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"]["celery"] == {"status": "ok"}

    health.write_worker_heartbeat(now=time.time() - 125)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["celery"] == {
        "status": "fout",
        "detail": "laatste hartslag van een Celery-worker is 125 s oud",
    }


def test_health_is_503_quickly_when_redis_is_unreachable(client, settings):
    port = closed_port()
    settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"

    started = time.monotonic()
    response = client.get("/health")

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["redis"]["status"] == "fout"
    assert body["checks"]["celery"]["status"] == "fout"


def test_health_accepts_only_get(client):
    assert client.post("/health").status_code == 405
