import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings.base")

app = Celery("swv")
# All Celery settings live in Django settings with the CELERY_ prefix, incl. the one beat schedule.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every worker writes the heartbeat /health reads (swv/core/health.py); the import waits for the app to
# be configured, as the module reads Django settings only when a step runs.
from swv.core.health import WorkerHeartbeat  # noqa: E402

app.steps["consumer"].add(WorkerHeartbeat)
