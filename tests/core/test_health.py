"""/health checks the real database, the real Redis and a real Celery worker."""

import socket
import time

import pytest
from celery.contrib.testing.worker import start_worker

from swv.celery import app as celery_app

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local TCP port nothing listens on (bound and released, so refused right away)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="class")
def celery_worker():
    """A real Celery worker (thread, solo pool) on the project's app and broker.

    Class-scoped on purpose: when a worker starts, Celery's Django fix-up closes the database
    connections of the starting thread. Started before the test's transaction is opened, that only
    means a fresh connection for the test; started inside it, it would break the test's transaction.
    start_worker's readiness check runs the `celery.ping` task and waits for its result, so the app
    gets a result backend on the same Redis while the worker runs.
    """
    import celery.contrib.testing.tasks  # noqa: F401 - registers celery.ping

    saved = {key: celery_app.conf[key] for key in ("result_backend", "task_ignore_result")}
    celery_app.conf.update(result_backend=celery_app.conf.broker_url, task_ignore_result=False)
    try:
        with start_worker(celery_app, perform_ping_check=True) as worker:
            yield worker
    finally:
        celery_app.conf.update(saved)


@pytest.mark.usefixtures("celery_worker")
class TestWithARunningWorker:
    def test_health_is_ok_when_database_redis_and_a_worker_answer(self, client):
        response = client.get("/health")

        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "checks": {"database": {"status": "ok"}, "redis": {"status": "ok"}, "celery": {"status": "ok"}},
        }
        assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_no_worker_answers(client):
    started = time.monotonic()
    response = client.get("/health")

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["redis"] == {"status": "ok"}
    assert body["checks"]["celery"]["status"] == "fout"


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
