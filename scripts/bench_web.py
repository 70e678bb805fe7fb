"""HTTP benchmark at hosted scale: gunicorn with production settings on generated data. `make bench-web`.

What it does (docs/benchmarks.md "Web at hosted scale"):
1. A database `bench_<schaal>_<seed>` (scripts/benchdb.py, shared with the other benchmarks) on the server of DATABASE_URL, migrated and filled with
   `manage.py genereer_testdata --schaal $BENCH_SCHAAL` (default groot). It is kept between runs and
   reused when its comment names the same scale and seed (`BENCH_OPNIEUW=1` builds it again).
2. gunicorn on 127.0.0.1 with swv/settings/base.py (DEBUG off, JSON logs to a file, SSL redirect and
   secure cookies off for plain HTTP on localhost, API throttle rates raised so nothing is refused; the
   counting in Redis still runs) plus the floor views of scripts/bench_web_urls.py;
   `$BENCH_WORKERS` sync workers (default 3, docker/entrypoint.sh's default), and one Celery worker
   (solo pool, its own queue and heartbeat key) so /health sees a worker as in production
   (`BENCH_CELERY=0`: none).
3. Logs in as the generated coordinator of the first SWV through the real forms (password, then the TOTP
   code of the public demo key) and creates an API client with `partners:lezen`.
4. Per route, at 1 and 8 concurrent users (threads with keep-alive `http.client` connections): p50,
   p95, p99 in ms, requests/s, errors (status >= 400 or no answer) and the response size; next to it the
   route's floor measured in the same run and the ratio p50/floor p50. Then a mixed read load of 10 routes.

Each measurement runs for at least $BENCH_SECONDEN s (default 3) and $BENCH_MIN requests (default 30 at
1 user, 80 at 8), and stops after $BENCH_MAX_SECONDEN s (default 20) whatever it has: a slow page gets
fewer samples rather than an unbounded run. Prints figures, asserts nothing.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCHAAL = os.environ.get("BENCH_SCHAAL", "groot")
SEED = int(os.environ.get("BENCH_SEED", "2026"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
SECONDEN = float(os.environ.get("BENCH_SECONDEN", "3"))
MAX_SECONDEN = float(os.environ.get("BENCH_MAX_SECONDEN", "20"))
MIN_REQUESTS = {1: int(os.environ.get("BENCH_MIN", "30")), 8: int(os.environ.get("BENCH_MIN_8", "80"))}
GEBRUIKERS = (1, 8)


# --- the database -------------------------------------------------------------------------------------


def prepare_database() -> str:
    """Create (or reuse) the benchmark database with the generated data (scripts/benchdb.py); returns its URL."""
    import benchdb

    return benchdb.prepare(SCHAAL, SEED)[0]


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="swv.settings.test",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "scripts")]),
    )
    return env


def _manage(database_url: str, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env or _env(database_url),
        check=True,
        capture_output=True,
        text=True,
    )
    if result.stdout.strip() and args[0] != "shell":
        print(result.stdout.strip(), flush=True)
    return result.stdout


VOORBEREIDING = """
import json
from django.db.models import Count, Q
from partners.models import Organisatie, Sleutelfiguur
from swv.core.api.services import api_client_create
from django.conf import settings
from swv.core.models import Samenwerkingsverband, User
from swv.core.testdata import coordinator_username

swv = Samenwerkingsverband.objects.order_by("code").first()
user = User.objects.get(username=coordinator_username(swv.code))
user.set_password(settings.DEMO_PASSWORD)
user.save(update_fields=["password"])
eigen = Organisatie.objects.get(swv=swv, soort="swv", code=swv.code)
client, token = api_client_create(naam="bench_web", organisatie=eigen, scopes=["partners:lezen"], by=None)
# The organisation detail: the school with the most key people (the heaviest detail a coordinator opens).
school = (
    Organisatie.objects.filter(swv=swv, soort="school")
    .annotate(n=Count("sleutelfiguren"))
    .order_by("-n", "pk")
    .first()
)
print(json.dumps({
    "swv": swv.pk, "swv_code": swv.code, "username": coordinator_username(swv.code),
    "token": token, "organisatie": school.pk, "rollen": school.n,
    "aantallen": {
        "swvs": Samenwerkingsverband.objects.count(),
        "organisaties": Organisatie.objects.count(),
        "sleutelfiguren": Sleutelfiguur.objects.count(),
        "organisaties_swv": Organisatie.objects.filter(swv=swv).count(),
        "sleutelfiguren_swv": Sleutelfiguur.objects.filter(swv=swv).count(),
    },
}))
"""


def prepare_targets(database_url: str) -> dict:
    # With the server's settings: the password hash must be one the production hashers accept.
    uitvoer = _manage(database_url, "shell", "-c", VOORBEREIDING, env=_server_env(database_url))
    return json.loads(uitvoer.strip().splitlines()[-1])


# --- the server ---------------------------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SECRET_KEY = secrets.token_urlsafe(50)
# This run's own heartbeat key and queue: a worker of `make run` on the same Redis must not make /health ok.
RUN_ID = secrets.token_hex(4)
CELERY = os.environ.get("BENCH_CELERY", "1") == "1"


def _server_env(database_url: str) -> dict[str, str]:
    env = _env(database_url)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_web_settings",
        DJANGO_DEBUG="False",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="False",
        DJANGO_SECURE_COOKIES="False",
        # Static files are not requested here; the manifest would need `collectstatic` first.
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_LOG_LEVEL=os.environ.get("BENCH_LOG_LEVEL", "INFO"),
        LOG_FORMAT="json",
        API_THROTTLE_ANON="1000000/minute",
        API_THROTTLE_USER="1000000/minute",
        API_THROTTLE_CLIENT="1000000/minute",
        HEALTH_WORKER_HEARTBEAT_KEY=f"ketenregie-bench-web:{RUN_ID}:worker-hartslag",
    )
    return env


def start_celery(database_url: str, log: Path) -> subprocess.Popen:
    """One Celery worker (solo pool) on a queue of its own, as in production a worker runs beside web:
    /health then reads its heartbeat. It takes no tasks of anyone else."""
    celery = Path(sys.executable).parent / "celery"
    return subprocess.Popen(
        [
            str(celery),
            "-A",
            "swv",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "-Q",
            f"bench-web-{RUN_ID}",
            "-n",
            f"bench-web-{RUN_ID}@%h",
        ],
        env=_server_env(database_url),
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wacht_op_health(poort: int) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if _get(poort, "/health")[0] == 200:
            return True
        time.sleep(0.5)
    return False


def start_gunicorn(database_url: str, poort: int, log: Path) -> subprocess.Popen:
    env = _server_env(database_url)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    proces = subprocess.Popen(
        [
            str(gunicorn),
            "swv.wsgi:application",
            "--config",
            str(ROOT / "docker" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "120",
            "--access-logfile",
            "/dev/null",
        ],
        env=env,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = _get(poort, "/_bench/leeg")
            if status == 200:
                return proces
        except OSError:
            pass
        if proces.poll() is not None:
            raise SystemExit(f"gunicorn stopte; zie {log}")
        time.sleep(0.3)
    raise SystemExit(f"gunicorn antwoordt niet binnen 60 s; zie {log}")


def _get(poort: int, pad: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    try:
        conn.request("GET", pad)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# --- logging in ---------------------------------------------------------------------------------------


class Sessie:
    """A browser's cookies over one keep-alive connection, enough for the login forms."""

    def __init__(self, poort: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, pad: str, data: dict | None = None) -> tuple[int, str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.conn.port}"
        self.conn.request(method, pad, body=body, headers=headers)
        response = self.conn.getresponse()
        tekst = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            for naam, morsel in cookie.items():
                self.cookies[naam] = morsel.value
        return response.status, response.headers.get("Location", ""), tekst

    def csrf(self, pad: str) -> str:
        status, _, tekst = self.request("GET", pad)
        gevonden = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', tekst)
        if status != 200 or not gevonden:
            raise SystemExit(f"Geen formulier op {pad} (status {status})")
        return gevonden.group(1)


def inloggen(poort: int, username: str) -> str:
    """Log in through the two forms; returns the session cookie header for the pages."""
    from django_otp.oath import totp

    from swv.core.demo_users import DEMO_TOTP_KEY_HEX

    sessie = Sessie(poort)
    wachtwoord = os.environ.get("DEMO_PASSWORD", "demo-wachtwoord-2026")
    token = sessie.csrf("/inloggen/")
    status, locatie, _ = sessie.request(
        "POST", "/inloggen/", {"csrfmiddlewaretoken": token, "username": username, "password": wachtwoord}
    )
    if status != 302:
        raise SystemExit(f"Inloggen mislukt (status {status})")
    token = sessie.csrf("/tweestapsverificatie/")
    code = f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}"
    status, locatie, _ = sessie.request(
        "POST", "/tweestapsverificatie/", {"csrfmiddlewaretoken": token, "code": code, "next": "/"}
    )
    if status != 302:
        raise SystemExit(f"Tweede stap mislukt (status {status})")
    status, locatie, tekst = sessie.request("GET", "/partners/")
    if status != 200:
        raise SystemExit(f"Na inloggen geeft /partners/ status {status} ({locatie})")
    return "; ".join(f"{k}={v}" for k, v in sessie.cookies.items())


# --- measuring ----------------------------------------------------------------------------------------


@dataclass
class Route:
    label: str
    pad: str
    headers: dict[str, str]
    vloer: str = ""  # label of the floor route this one is compared with


@dataclass
class Meting:
    timings: list[float] = field(default_factory=list)
    fouten: int = 0
    grootte: list[int] = field(default_factory=list)
    seconden: float = 0.0

    def pct(self, p: float) -> float:
        if not self.timings:
            return float("nan")
        ordered = sorted(self.timings)
        return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered))) - 1))]

    @property
    def per_seconde(self) -> float:
        return len(self.timings) / self.seconden if self.seconden else 0.0


def meet(poort: int, routes: list[Route], gebruikers: int) -> Meting:
    """`gebruikers` threads each sending the routes in turn, until the stop rule of the module docstring."""
    meting = Meting()
    lock = threading.Lock()
    stop = threading.Event()
    minimum = MIN_REQUESTS.get(gebruikers, MIN_REQUESTS[8])

    def gebruiker(nummer: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=120)
        i = nummer
        while not stop.is_set():
            route = routes[i % len(routes)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", route.pad, headers=route.headers)
                response = conn.getresponse()
                body = response.read()
                ok = response.status < 400
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=120)
                body, ok = b"", False
            duur = (time.perf_counter() - started) * 1000
            with lock:
                meting.timings.append(duur)
                meting.grootte.append(len(body))
                meting.fouten += not ok
        conn.close()

    threads = [threading.Thread(target=gebruiker, args=(n,), daemon=True) for n in range(gebruikers)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    while True:
        time.sleep(0.05)
        verstreken = time.perf_counter() - started
        with lock:
            n = len(meting.timings)
        if (verstreken >= SECONDEN and n >= minimum) or verstreken >= MAX_SECONDEN:
            break
    stop.set()
    for t in threads:
        t.join()
    meting.seconden = time.perf_counter() - started
    return meting


def opwarmen(poort: int, route: Route, keer: int = 3) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=120)
    for _ in range(keer):
        conn.request("GET", route.pad, headers=route.headers)
        response = conn.getresponse()
        response.read()
        if response.status >= 400:
            print(f"  let op: {route.label} ({route.pad}) geeft {response.status}", flush=True)
    conn.close()


def _kb(meting: Meting) -> str:
    return f"{statistics.median(meting.grootte) / 1024:.0f}" if meting.grootte else "-"


KOP = (
    f"{'route':<34}{'users':>6}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}{'err':>5}"
    f"{'KB':>6}{'floor p50':>10}{'x floor':>8}"
)


def regel(label: str, gebruikers: int, m: Meting, vloer: Meting | None) -> str:
    vloer_p50 = vloer.pct(50) if vloer else float("nan")
    ratio = m.pct(50) / vloer_p50 if vloer else float("nan")
    return (
        f"{label:<34}{gebruikers:>6}{len(m.timings):>6}{m.pct(50):>9.1f}{m.pct(95):>9.1f}{m.pct(99):>9.1f}"
        f"{m.per_seconde:>8.1f}{m.fouten:>5}{_kb(m):>6}"
        + (f"{vloer_p50:>10.1f}{ratio:>8.1f}" if vloer else f"{'':>10}{'':>8}")
    )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings.test")
    database_url = prepare_database()
    doel = prepare_targets(database_url)
    poort = _vrije_poort()
    log = Path(os.environ.get("BENCH_LOG", ROOT / "var" / "bench_web_gunicorn.log"))
    proces = start_gunicorn(database_url, poort, log)
    worker = start_celery(database_url, log.with_name("bench_web_celery.log")) if CELERY else None
    try:
        if worker is not None and not wacht_op_health(poort):
            print("let op: /health is na 30 s nog niet ok met een Celery-worker erbij", flush=True)
        sessie = {"Cookie": inloggen(poort, doel["username"])}
        api = {"Authorization": f"Bearer {doel['token']}", "Accept": "application/json"}
        anoniem: dict[str, str] = {}
        swv, org = doel["swv"], doel["organisatie"]
        vloeren = [
            Route("floor: empty view (anonymous)", "/_bench/leeg", anoniem),
            Route("floor: empty view (logged in)", "/_bench/leeg", sessie),
            Route("floor: organisaties SQL+json", f"/_bench/vloer/organisaties?swv={swv}", anoniem),
            Route("floor: sleutelfiguren SQL+json", f"/_bench/vloer/sleutelfiguren?swv={swv}", anoniem),
            Route("floor: organisatie detail SQL+json", f"/_bench/vloer/organisatie/{org}", anoniem),
        ]
        pagina = "floor: empty view (logged in)"
        routes = [
            Route("routekaart", "/partners/routekaart/", sessie, pagina),
            Route("dekkend netwerk", "/partners/dekkend-netwerk/", sessie, pagina),
            Route("partner list", "/partners/", sessie, pagina),
            Route("organisation detail", f"/partners/{org}/", sessie, pagina),
            Route("people list", "/partners/personen/", sessie, pagina),
            Route("afspraken", "/partners/afspraken/", sessie, pagina),
            Route(
                "API organisaties (100)",
                "/api/v1/organisaties?pageSize=100",
                api,
                "floor: organisaties SQL+json",
            ),
            Route(
                "API sleutelfiguren (100)",
                "/api/v1/sleutelfiguren?limit=100",
                api,
                "floor: sleutelfiguren SQL+json",
            ),
            Route(
                "API organisatie detail",
                f"/api/v1/organisaties/{org}",
                api,
                "floor: organisatie detail SQL+json",
            ),
            Route("/health", "/health", anoniem, "floor: empty view (anonymous)"),
        ]
        a = doel["aantallen"]
        print(
            f"\nKetenregie web benchmark: schaal {SCHAAL} (seed {SEED}): {a['swvs']} SWV's, {a['organisaties']} "
            f"organisaties, {a['sleutelfiguren']} sleutelfiguren in de database; gemeten als "
            f"{doel['username']} ({doel['swv_code']}: {a['organisaties_swv']} organisaties, "
            f"{a['sleutelfiguren_swv']} sleutelfiguren); detail = school {org} met {doel['rollen']} rollen.\n"
            f"gunicorn {WORKERS} sync workers, DEBUG off, {'1 Celery worker (solo)' if CELERY else 'no Celery worker'}, "
            f"{os.cpu_count()} cores, load average "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the start; per meting >= {SECONDEN:g} s "
            f"en >= {MIN_REQUESTS[1]}/{MIN_REQUESTS[8]} requests, hoogstens {MAX_SECONDEN:g} s.\n",
            flush=True,
        )
        print(KOP, flush=True)
        resultaten: dict[tuple[str, int], Meting] = {}
        for route in vloeren + routes:
            opwarmen(poort, route)
            for gebruikers in GEBRUIKERS:
                m = meet(poort, [route], gebruikers)
                resultaten[(route.label, gebruikers)] = m
                vloer = resultaten.get((route.vloer, gebruikers)) if route.vloer else None
                print(regel(route.label, gebruikers, m, vloer), flush=True)
        print(flush=True)
        zonder_routekaart = [r for r in routes if r.label != "routekaart"]
        api_routes = [r for r in routes if r.label.startswith("API")]
        for label, groep in [
            ("mixed: 10 routes", routes),
            ("mixed: 9 routes, no routekaart", zonder_routekaart),
            ("mixed: API only", api_routes),
        ]:
            for gebruikers in GEBRUIKERS:
                m = meet(poort, groep, gebruikers)
                vloer = resultaten[("floor: empty view (logged in)", gebruikers)]
                print(
                    regel(label, gebruikers, m, vloer)
                    + f"   ({m.per_seconde / vloer.per_seconde * 100:.1f}% of the empty view's req/s)",
                    flush=True,
                )
    finally:
        for p in (proces, worker):
            if p is not None:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=30)


if __name__ == "__main__":
    main()
