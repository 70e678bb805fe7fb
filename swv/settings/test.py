"""Test settings: the real PostgreSQL and Redis, but fast hashing and no HTTPS redirects."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-sleutel-niet-geheim-" + "t" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "False")
os.environ.setdefault("LOG_FORMAT", "text")
os.environ.setdefault("DJANGO_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")


def _xdist_worker_isolation() -> None:
    """Give a pytest-xdist worker (gw0, gw1, ...; `make test` runs two, docs/decisions.md 46) a test
    database and a Redis database of its own, so one worker's TRUNCATE, `cache.clear()` (FLUSHDB),
    sessions, throttle counters or Celery queue never reach the other's tests.

    Done in the environment, before the base settings read it, so the settings and the environment keep
    naming the same databases (REDIS_URL, the Celery broker and TEST_DATABASE_NAME agree, also for
    subprocesses a test starts); tests/conftest.py switches off pytest-django's own `_gwN` suffix, which
    would add it a second time. Worker N uses Redis database N above the one REDIS_URL names (database 0
    and 1 in CI): a developer who runs `make test` against a shared Redis gives each shell REDIS_URLs
    two numbers apart.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or os.environ.get("KETENREGIE_XDIST_ISOLATED") == worker:
        return
    index = int(worker[2:])
    name = os.environ.get("TEST_DATABASE_NAME", "test_ketenregie")
    os.environ["TEST_DATABASE_NAME"] = f"{name}_{worker}"
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ["REDIS_URL"] = _redis_database_plus(url, index)
    os.environ["KETENREGIE_XDIST_ISOLATED"] = worker  # once per process, even if settings are re-read


def _redis_database_plus(url: str, offset: int) -> str:
    """redis://host:port/N -> .../N+offset; unix://path?db=N -> ?db=N+offset (no number means 0)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    if url.startswith("unix://"):  # (urlunsplit would drop the empty host: unix:/path)
        path, _, query_string = url.partition("?")
        query = dict(parse_qsl(query_string))
        query["db"] = str(int(query.get("db", 0)) + offset)
        return f"{path}?{urlencode(query)}"
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{number + offset}"))


_xdist_worker_isolation()

from .base import *  # noqa: E402,F403
from .base import BASE_DIR, DATABASES, REST_FRAMEWORK, env  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests must not hit throttles by accident; throttling itself is tested with its own rates.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute", "client": "10000/minute"},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule-test")

# Parallel runs on one server (several developers' shells, CI) each choose their own test database.
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default="test_ketenregie")}
# The audit tables refuse TRUNCATE (swv/audit/migrations/0002); Django empties tables with TRUNCATE
# between transactional and browser tests, so test connections allow it. Production never sets this.
DATABASES["default"]["OPTIONS"]["options"] += " -c ketenregie.allow_truncate=on"

# --- part oogo-ics: the OOGO calendar feed's own throttle (oogo/views_kalender.py), as the API's above ---
OOGO_KALENDER_FEED_RATE = "10000/minute"
