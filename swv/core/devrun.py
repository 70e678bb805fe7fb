"""`make run`: the whole application on one machine, in one terminal.

Starts the embedded PostgreSQL and Redis when DATABASE_URL / REDIS_URL are unset, migrates, loads
the demo data (idempotent), then runs the web server, a Celery worker and Celery beat together.
Ctrl-C (or SIGTERM) stops every process and the embedded services; nothing is left running.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from swv.core.embedded import BASE_DIR, VAR_DIR, EmbeddedServices

PYTHON = sys.executable
STOP_GRACE_SECONDS = 10


def _say(message: str) -> None:
    print(f"[ketenregie] {message}", flush=True)


def _manage(*args: str) -> None:
    subprocess.run([PYTHON, str(BASE_DIR / "manage.py"), *args], check=True, cwd=BASE_DIR)


def _processes(host: str, port: str) -> dict[str, list[str]]:
    celery = [PYTHON, "-m", "celery", "-A", "swv"]
    return {
        # --noreload: one process per role, so stopping it stops everything it started.
        "web": [PYTHON, str(BASE_DIR / "manage.py"), "runserver", f"{host}:{port}", "--noreload"],
        "worker": [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2", "--without-gossip"],
        "beat": [*celery, "beat", "--loglevel", "INFO", "--schedule", str(VAR_DIR / "celerybeat-schedule")],
    }


def _stop(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for name, child in children.items():
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _say(f"{name} stopt niet binnen {STOP_GRACE_SECONDS} s; wordt afgebroken")
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def _print_welcome(host: str, port: str) -> None:
    from swv.core.demo_users import DEMO_TOTP_SECRET, DEMO_USERS

    password = os.environ.get("DEMO_PASSWORD", "demo-wachtwoord-2026")
    lines = [
        "",
        f"  Ketenregie draait op http://{host}:{port}/",
        f"  Demo-accounts (wachtwoord voor allemaal: {password}):",
    ]
    lines += [f"    {username:<22} {label}" for username, label in DEMO_USERS]
    lines += [
        "  Tweestapsverificatie: voeg deze sleutel toe aan een authenticator-app,",
        f"    {DEMO_TOTP_SECRET}",
        "    of vraag de huidige code op met: .venv/bin/python manage.py demo_totp",
        "    (geldt voor alle demo-accounts; 'bestuurder' ziet geen leerlingen en heeft het niet nodig)",
        "  Stoppen: Ctrl-C",
        "",
    ]
    print("\n".join(lines), flush=True)


def main() -> int:
    os.chdir(BASE_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings.base")
    # Local use: readable logs, static files from runserver, no HTTPS redirect.
    os.environ.setdefault("DJANGO_DEBUG", "True")
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    Path(VAR_DIR).mkdir(exist_ok=True)

    services = EmbeddedServices()
    children: dict[str, subprocess.Popen] = {}
    stopping = False

    def _on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    exit_code = 0
    try:
        # As in production: web, worker and beat connect as the app role; migrate as the owner.
        os.environ.update(services.start(app_role=True))
        _manage("migrate", "--noinput", "-v", "0")
        _manage("demo_data")
        for name, command in _processes(host, port).items():
            # Own session per child: Ctrl-C reaches only us, and we stop each group in order.
            children[name] = subprocess.Popen(command, cwd=BASE_DIR, start_new_session=True)
        _print_welcome(host, port)
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    _say(f"{name} is gestopt (code {child.returncode}); alles wordt afgesloten")
                    exit_code = child.returncode or 1
                    stopping = True
                    break
            time.sleep(0.3)
    except subprocess.CalledProcessError as exc:
        _say(f"opstarten mislukt: {' '.join(map(str, exc.cmd[1:3]))} gaf code {exc.returncode}")
        exit_code = exc.returncode or 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _say("afsluiten...")
        _stop(children)
        services.stop()
        _say("alles gestopt")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
