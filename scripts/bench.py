"""Benchmarks for the foundation: prints figures, asserts nothing. Run with `make bench`.

Measures, against the real PostgreSQL and Redis in the environment:
- the embedded services' start time is printed by `make bench` itself (swv.core.embedded);
- request latency of /health (database and Redis; without the worker-heartbeat check, which answers 503
  here as no worker runs),
  the login page and the start page, through Django's test client (no network, no server),
  and the number of SQL queries per request;
- bulk writes on a tracked table (pghistory triggers): 20 batches of 1,000 `Persoon` rows by
  `bulk_create` in one transaction, first and last batch time. They must stay within 1.5x of each
  other (docs/benchmarks.md "Bulk writes on tracked tables"); the script exits 1 when they do not;
- the DUO schools import (issue 9): a first import and a re-import of BENCH_DUO_ROWS generated rows
  (default 10,000; the figures in docs/benchmarks.md are for 50,000), rows/s and the Python peak.

    BENCH_ONLY=duo BENCH_DUO_ROWS=50000 make bench     # only the DUO import, at national scale
    BENCH_DUO_PROFILE=1 ...                            # and a cProfile of each run (top 25, cumulative)
    BENCH_ONLY=absenties BENCH_ABSENTIE_ROWS=50000 make bench  # only the bulk absence API (scripts/bench_absenties.py)
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings.test")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_ketenregie")
# One log line per request would dominate the timings.
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

N = int(os.environ.get("BENCH_N", "300"))


def measure(client: Client, path: str) -> tuple[float, float, int]:
    client.get(path)  # warm up caches and connections
    timings = []
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    queries = len(ctx.captured_queries)
    for _ in range(N):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code < 500, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


BULK_BATCHES = int(os.environ.get("BENCH_BULK_BATCHES", "20"))
BULK_ROWS = int(os.environ.get("BENCH_BULK_ROWS", "1000"))


def bulk_tracked_writes() -> tuple[list[float], int]:
    """Batch times (ms) of BULK_BATCHES x BULK_ROWS tracked inserts in one transaction, and the number
    of history events they wrote. Rolled back afterwards, so the figures do not depend on earlier runs."""
    from django.db import transaction

    from partners.models import Persoon
    from swv.core.models import Samenwerkingsverband

    swv = Samenwerkingsverband.objects.order_by("pk").first()
    timings: list[float] = []
    with transaction.atomic():
        for batch in range(BULK_BATCHES):
            rows = [
                Persoon(swv=swv, voornaam=f"Bench{batch}", achternaam=f"Persoon {i}")
                for i in range(BULK_ROWS)
            ]
            started = time.perf_counter()
            Persoon.objects.bulk_create(rows)
            timings.append((time.perf_counter() - started) * 1000)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM audit_persoonevent WHERE voornaam LIKE 'Bench%%'")
            events = cursor.fetchone()[0]
        transaction.set_rollback(True)
    return timings, events


DUO_ROWS = int(os.environ.get("BENCH_DUO_ROWS", "10000"))


def duo_import_schaal(rows: int = DUO_ROWS) -> list[tuple[str, float, float, str]]:
    """(run, seconds, Python peak MB, summary) of a first import and a re-import of `rows` generated
    schools into a fresh SWV whose werkgebied holds the sample gemeenten. Each run commits, like the
    worker's; the peak is measured in a second, untimed pass of each run (tracemalloc slows Python down),
    on a fresh SWV as well."""
    import cProfile
    import pstats
    import tracemalloc

    from partners.importing import duo_import
    from partners.models import Organisatie
    from swv.core.models import Samenwerkingsverband
    from tests.partners import make_duo_samples

    data = make_duo_samples.groot(rows)

    def nieuw_swv(code: str) -> Samenwerkingsverband:
        swv = Samenwerkingsverband.objects.create(code=code, naam=f"Bench {code}", sector="PO")
        Organisatie.objects.bulk_create(
            Organisatie(swv=swv, soort="gemeente", code=c, naam=f"Gemeente {n}", in_werkgebied=True)
            for c, n in make_duo_samples.GEMEENTEN
        )
        return swv

    profile = os.environ.get("BENCH_DUO_PROFILE")
    results = []
    swv = nieuw_swv("PO9981")
    for run in ("first import", "re-import"):
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        resultaat = duo_import(swv=swv, bestand=data)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
        results.append([run, seconds, 0.0, resultaat.samenvatting()])
        if profiler:
            print(f"\n--- cProfile of the DUO {run} ({rows} rows), top 25 by cumulative time")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    swv = nieuw_swv("PO9982")
    for result in results:
        tracemalloc.start()
        duo_import(swv=swv, bestand=data)
        result[2] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return [tuple(r) for r in results]


def duo_report() -> None:
    print(f"\nDUO schools import: {DUO_ROWS} generated rows (tests/partners/make_duo_samples.py groot)")
    print(f"{'run':<16}{'seconds':>10}{'rows/s':>10}{'peak MB':>10}")
    for run, seconds, peak, summary in duo_import_schaal():
        print(f"{run:<16}{seconds:>10.2f}{DUO_ROWS / seconds:>10,.0f}{peak:>10.0f}  {summary[:90]}")


def main() -> None:
    from django.core.management import call_command
    from django.test.utils import get_runner  # noqa: F401

    setup_test_environment()
    from django.conf import settings

    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    failed = False
    try:
        if os.environ.get("BENCH_ONLY") == "duo":
            duo_report()
            return
        if os.environ.get("BENCH_ONLY") == "absenties":
            from scripts.bench_absenties import absenties_report

            absenties_report()
            return
        call_command("demo_data", verbosity=0)
        from swv.core import health
        from swv.core.models import User

        # No worker runs here, so the heartbeat check would make /health a 503; measure the rest.
        health.CHECKS.pop("celery")
        anonymous = Client()
        logged_in = Client()
        logged_in.force_login(User.objects.get(username="coordinator"))
        print(
            f"Ketenregie foundation benchmark: {N} requests per path, Django test client, "
            f"database {settings.DATABASES['default']['HOST'] or 'unix socket'}"
        )
        print(f"{'path':<28}{'median ms':>12}{'p95 ms':>10}{'queries':>10}")
        for label, client, path in [
            ("/health (db+redis)", anonymous, "/health"),
            ("/inloggen/", anonymous, "/inloggen/"),
            ("/ (start, coordinator)", logged_in, "/"),
        ]:
            median, p95, queries = measure(client, path)
            print(f"{label:<28}{median:>12.2f}{p95:>10.2f}{queries:>10}")
        timings, events = bulk_tracked_writes()
        ratio = timings[-1] / timings[0]
        print(
            f"\nBulk writes on a tracked table: {BULK_BATCHES} x {BULK_ROWS} Persoon rows (bulk_create), "
            f"one transaction, {events} history events"
        )
        print(f"{'first batch ms':>16}{'last batch ms':>16}{'median ms':>12}{'last/first':>12}")
        print(f"{timings[0]:>16.1f}{timings[-1]:>16.1f}{statistics.median(timings):>12.1f}{ratio:>12.2f}")
        print("batches ms: " + " ".join(f"{t:.0f}" for t in timings))
        failed = ratio > 1.5
        if failed:
            print("FAIL: the last batch took more than 1.5x the first (quadratic bulk writes)")
        duo_report()
        from scripts.bench_absenties import absenties_report

        absenties_report()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
