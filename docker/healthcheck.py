"""Container health probes, without curl in the image: `python docker/healthcheck.py web|worker|beat`.

web:    healthy when the app answers /health and reaches its database. /health itself says 503 until
        a Celery worker answers too; that is the worker's own health, and letting it mark the web
        container unhealthy would make an orchestrator restart a working web server for it.
worker: healthy when this container's worker answers a Celery ping.
beat:   healthy when beat has written its schedule file recently (it syncs at least every 3 minutes).
"""

import glob
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

BEAT_MAX_AGE_SECONDS = 10 * 60


def web() -> bool:
    host = (
        os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".") or "localhost"
    )
    request = urllib.request.Request("http://127.0.0.1:8000/health", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed local URL
            body = response.read()
    except urllib.error.HTTPError as error:
        if error.code != 503:
            return False
        body = error.read()
    except OSError:
        return False
    checks = json.loads(body).get("checks", {})
    return checks.get("database", {}).get("status") == "ok"


def worker() -> bool:
    me = f"celery@{socket.gethostname()}"
    result = subprocess.run(
        ["celery", "-A", "swv", "inspect", "ping", "--timeout", "5", "--destination", me],
        capture_output=True,
        timeout=30,
        check=False,
    )
    return result.returncode == 0


def beat() -> bool:
    files = glob.glob("/app/var/celerybeat-schedule*")
    return bool(files) and time.time() - max(os.path.getmtime(f) for f in files) < BEAT_MAX_AGE_SECONDS


if __name__ == "__main__":
    probes = {"web": web, "worker": worker, "beat": beat}
    sys.exit(0 if probes[sys.argv[1]]() else 1)
