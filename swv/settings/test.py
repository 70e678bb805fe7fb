"""Test settings: the real PostgreSQL and Redis, but fast hashing and no HTTPS redirects."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-sleutel-niet-geheim-" + "t" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "False")
os.environ.setdefault("LOG_FORMAT", "text")
os.environ.setdefault("DJANGO_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")

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
