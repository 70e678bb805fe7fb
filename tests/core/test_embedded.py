"""The embedded Redis that `make run` / `make test` start when REDIS_URL is unset.

(The embedded PostgreSQL is exercised by `make test` itself.)
"""

from pathlib import Path

import psutil
import pytest
import redis
from kombu import Connection

from swv.core.embedded import EmbeddedServices
from swv.settings.base import _kombu_url


def socket_of(url: str) -> str:
    assert url.startswith("unix://")
    return url[len("unix://") :].partition("?")[0]


@pytest.fixture
def services(tmp_path):
    services = EmbeddedServices(var_dir=tmp_path / "var")
    yield services
    services.stop()


def test_embedded_redis_starts_answers_ping_and_stops_without_leaving_a_process(services):
    url = services.start_redis()

    assert redis.Redis.from_url(url).ping() is True
    process = services._redis
    pid = process.pid
    assert psutil.Process(pid).is_running()

    services.stop()

    assert process.poll() is not None
    assert not psutil.pid_exists(pid)
    assert not Path(socket_of(url)).exists()  # Redis removes its socket on a clean shutdown


def test_start_only_provides_what_the_environment_lacks(services):
    assert (
        services.start({"DATABASE_URL": "postgres://elders/db", "REDIS_URL": "redis://elders:6379/0"}) == {}
    )
    assert services.started == []


def test_a_running_embedded_redis_is_reused_and_left_running(services, tmp_path):
    url = services.start_redis()
    second = EmbeddedServices(var_dir=tmp_path / "var")

    assert second.start_redis() == url
    second.stop()

    assert redis.Redis.from_url(url).ping() is True


def test_celery_broker_url_for_the_socket_reaches_the_same_redis_database(services):
    url = services.start_redis().replace("?db=0", "?db=3")
    broker = _kombu_url(url)

    with Connection(broker) as conn:
        queue = conn.SimpleQueue("ketenregie-test")
        queue.put({"hallo": "wereld"})
        queue.close()

    assert redis.Redis.from_url(url).llen("ketenregie-test") == 1
    assert redis.Redis.from_url(url.replace("?db=3", "?db=0")).llen("ketenregie-test") == 0


def test_a_one_off_command_finds_a_running_embedded_redis_and_nothing_when_none_runs(tmp_path, monkeypatch):
    from swv.core import embedded

    monkeypatch.setattr(embedded, "VAR_DIR", tmp_path)
    assert embedded.discover_running({}) == {}

    services = embedded.EmbeddedServices(var_dir=tmp_path)
    url = services.start_redis()
    try:
        assert embedded.discover_running({}) == {"REDIS_URL": url}
        # An explicit setting always wins over discovery.
        assert embedded.discover_running({"REDIS_URL": "redis://elders:6379/0"}) == {}
    finally:
        services.stop()


def test_embedded_postgres_has_an_app_role_beside_the_owner_for_make_run(services):
    """`make run` serves as the app role (DATABASE_URL) and migrates as the owner (DATABASE_OWNER_URL)."""
    import psycopg

    from swv.core import embedded

    urls = services.start({"REDIS_URL": "redis://elders:6379/0"}, app_role=True)
    assert set(urls) == {"DATABASE_URL", "DATABASE_OWNER_URL"}
    socket_dir = services.socket_dir
    with psycopg.connect(dbname=embedded.DB_NAME, host=socket_dir, user=embedded.APP_ROLE) as conn:
        row = conn.execute(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    assert row == (embedded.APP_ROLE, False)
    assert urls["DATABASE_URL"].startswith(f"postgres://{embedded.APP_ROLE}@/")
    assert urls["DATABASE_OWNER_URL"].startswith("postgres://postgres@/")
    # Tests and benchmarks (`make test`) keep running as the owner.
    assert services.start({"REDIS_URL": "x"})["DATABASE_URL"].startswith("postgres://postgres@/")
