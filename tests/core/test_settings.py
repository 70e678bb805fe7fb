"""Settings: what the test run uses, and what production gets when only the environment changes.

Production-like settings are imported in a fresh interpreter, so nothing leaks into this process.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "False",
    "DJANGO_SECRET_KEY": "een-lange-productiesleutel-voor-de-test-" + "p" * 30,
    "DATABASE_URL": "postgres://ketenregie@db.example/ketenregie",
    "REDIS_URL": "redis://redis.example:6379/0",
}
SHOWN = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_HTTPONLY",
    "CELERY_BROKER_URL",
    "REDIS_URL",
    "LOG_FORMAT",
]


def run_settings(module: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Import a settings module in a clean interpreter with exactly `env` (plus PATH)."""
    script = (
        "import importlib, json, sys\n"
        f"mod = importlib.import_module({module!r})\n"
        f"print(json.dumps({{name: getattr(mod, name) for name in {SHOWN!r}}}))\n"
    )
    clean_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(BASE_DIR / "var"), **env}
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_of(module: str, env: dict[str, str]) -> dict:
    result = run_settings(module, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_test_settings_use_postgresql_and_dutch():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.AUTH_USER_MODEL == "core.User"


def test_test_settings_choose_the_test_database_name_from_the_environment():
    expected = os.environ.get("TEST_DATABASE_NAME", "test_ketenregie")
    assert settings.DATABASES["default"]["TEST"]["NAME"] == expected


def test_production_settings_are_secure_by_default():
    prod = settings_of("swv.settings.base", PRODUCTION_ENV)

    assert prod["DEBUG"] is False
    assert prod["SECURE_SSL_REDIRECT"] is True
    assert prod["SESSION_COOKIE_SECURE"] is True
    assert prod["CSRF_COOKIE_SECURE"] is True
    assert prod["SECURE_HSTS_SECONDS"] >= 31536000
    assert prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert prod["SECURE_HSTS_PRELOAD"] is True
    assert prod["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert prod["X_FRAME_OPTIONS"] == "DENY"
    assert prod["SESSION_COOKIE_HTTPONLY"] is True
    assert prod["LOG_FORMAT"] == "json"


def test_debug_mode_relaxes_https_for_local_work():
    dev = settings_of("swv.settings.base", {**PRODUCTION_ENV, "DJANGO_DEBUG": "True"})

    assert dev["SECURE_SSL_REDIRECT"] is False
    assert dev["SESSION_COOKIE_SECURE"] is False
    assert dev["SECURE_HSTS_SECONDS"] == 0
    assert dev["LOG_FORMAT"] == "text"


def test_production_refuses_to_start_without_a_secret_key():
    # Empty rather than absent, so a developer's .env cannot fill it in.
    result = run_settings("swv.settings.base", {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY moet gezet zijn" in result.stderr


def test_debug_mode_starts_without_a_secret_key():
    result = run_settings(
        "swv.settings.base", {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "", "DJANGO_DEBUG": "True"}
    )

    assert result.returncode == 0, result.stderr


def test_celery_broker_follows_a_tcp_redis_url_unchanged():
    prod = settings_of("swv.settings.base", PRODUCTION_ENV)

    assert prod["CELERY_BROKER_URL"] == "redis://redis.example:6379/0"


@pytest.mark.parametrize(
    ("redis_url", "broker_url"),
    [
        ("unix:///srv/redis/redis.sock", "redis+socket:///srv/redis/redis.sock"),
        ("unix:///srv/redis/redis.sock?db=0", "redis+socket:///srv/redis/redis.sock?virtual_host=0"),
        ("unix:///srv/redis/redis.sock?db=3", "redis+socket:///srv/redis/redis.sock?virtual_host=3"),
    ],
)
def test_celery_broker_spells_a_unix_socket_redis_url_the_kombu_way(redis_url, broker_url):
    prod = settings_of("swv.settings.base", {**PRODUCTION_ENV, "REDIS_URL": redis_url})

    assert prod["REDIS_URL"] == redis_url
    assert prod["CELERY_BROKER_URL"] == broker_url


def test_an_explicit_celery_broker_url_wins():
    env = {**PRODUCTION_ENV, "CELERY_BROKER_URL": "redis://broker.example:6379/5"}

    assert settings_of("swv.settings.base", env)["CELERY_BROKER_URL"] == "redis://broker.example:6379/5"
