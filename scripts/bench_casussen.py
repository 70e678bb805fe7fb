"""Benchmark of the cases pages, API and deadline check on generated data. `make bench-casussen`.

What it does (docs/benchmarks.md "Cases at hosted scale"):
1. A database `bench_<schaal>_<seed>` (scripts/benchdb.py, shared with the other benchmarks) on the server of DATABASE_URL, migrated and filled with
   `manage.py genereer_testdata --schaal $BENCH_SCHAAL` (default gehost: 10 SWVs of 40,000 pupils and
   8,000 cases each), the generation timed. It is kept between runs and reused while its comment names the
   same scale, seed and generator source (`BENCH_OPNIEUW=1` builds it again).
2. In this process, through Django's test client (no network, no server; as `make bench`), logged in as
   the generated coordinator of the first SWV with the second step passed: $BENCH_N requests (default 50)
   per route, spread over $BENCH_CASUSSEN (default 20) different cases for the per-case routes, and prints
   p50, p95 and the SQL queries per request:
   - the coordinator's queue (tab nieuw and zonder regisseur, 50 per page: the page size) and overview;
   - GET /api/v1/casussen?limit=100 (the first page and a deep one);
   - the case page and its tijdlijn, for the cases with the most tijdlijn events;
   - the TLV list page (/casussen/tlv/, all and granted) and GET /api/v1/tlvs?limit=100 (issue 11);
3. The daily deadline check (`cases.deadlines.controleer_deadlines`) over all SWVs: the first run of the
   day (raises the tasks), a rerun (no-op) and the next day, with their query counts, in a transaction that
   is rolled back, so the database stays as generated.
4. The TLV expiry check (the `tlv_verloopt` rule of that same engine, alone) on the day its reminders for
   the TLVs ending this school year come due: $BENCH_N_REGEL runs (default 10) in rolled-back savepoints,
   p50/p95 and queries; then the whole check on that day (issue 11).

Prints figures, asserts nothing. BENCH_EXPLAIN=1 adds EXPLAIN ANALYZE of the queue and list queries.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCHAAL = os.environ.get("BENCH_SCHAAL", "gehost")
SEED = int(os.environ.get("BENCH_SEED", "2026"))
N = int(os.environ.get("BENCH_N", "50"))
CASUSSEN = int(os.environ.get("BENCH_CASUSSEN", "20"))
N_REGEL = int(os.environ.get("BENCH_N_REGEL", "10"))


def prepare_database() -> str:
    """Create (or reuse) the benchmark database with the generated data (scripts/benchdb.py); returns its URL."""
    import benchdb

    return benchdb.prepare(SCHAAL, SEED)[0]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(client, path: str, n: int = N, paths: list[str] | None = None) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, queries of one request) of `n` GETs of `path` (or round-robin over `paths`)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    paden = paths or [path]
    for p in paden[:3]:
        client.get(p)  # warm up: connection, templates, caches
    # The request_started signal empties the query log; start from an empty one, or the count is cut short.
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(paden[0])
    # Read now: `captured_queries` slices the live log, which the next request empties.
    queries = len(ctx.captured_queries)
    assert response.status_code == 200, (paden[0], response.status_code)
    tijden = []
    for i in range(n):
        started = time.perf_counter()
        response = client.get(paden[i % len(paden)])
        tijden.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (paden[i % len(paden)], response.status_code)
    tijden.sort()
    return statistics.median(tijden), tijden[max(0, int(len(tijden) * 0.95) - 1)], queries


def main() -> None:
    url = prepare_database()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings.test")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from cases.deadlines import controleer_deadlines
    from cases.models import Arrangement, Casus, Leerling, Taak, TijdlijnGebeurtenis, Tlv
    from swv.core.models import Samenwerkingsverband, User
    from swv.core.testdata import coordinator_username
    from tests.conftest import pass_second_factor

    setup_test_environment()
    swv = Samenwerkingsverband.objects.order_by("code").first()
    assert swv is not None
    user = User.objects.get(username=coordinator_username(swv.code))
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    # The cases a coordinator opens: running ones with the longest tijdlijn (the heaviest pages).
    zwaar = list(
        Casus.objects.filter(swv=swv, status__in=["lopend", "geevalueerd"])
        .annotate(n=Count("tijdlijn"))
        .order_by("-n", "pk")
        .values_list("pk", "n")[:CASUSSEN]
    )
    totaal = {
        "swvs": Samenwerkingsverband.objects.count(),
        "leerlingen": Leerling.objects.count(),
        "casussen": Casus.objects.count(),
        "tijdlijn": TijdlijnGebeurtenis.objects.count(),
        "casussen_swv": Casus.objects.filter(swv=swv).count(),
        "tlvs": Tlv.objects.count(),
        "tlvs_swv": Tlv.objects.filter(swv=swv).count(),
        "arrangementen": Arrangement.objects.count(),
    }
    print(
        f"\nCases benchmark on '{SCHAAL}' (seed {SEED}): {totaal['swvs']} SWVs, {totaal['leerlingen']:,} pupils, "
        f"{totaal['casussen']:,} cases ({totaal['casussen_swv']:,} in {swv.code}), "
        f"{totaal['tijdlijn']:,} tijdlijn events, {totaal['tlvs']:,} TLVs, {totaal['arrangementen']:,} "
        f"arrangementen; {N} requests per route, Django test client, "
        f"as {user.username}; load average {_load()}"
    )
    print(f"{'route':<48}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    cases = [f"/casussen/{pk}/" for pk, _n in zwaar]
    offset = max(0, totaal["casussen_swv"] - 200)
    for label, path, paths in [
        ("wachtrij nieuw (/casussen/?tab=nieuw, 50)", "/casussen/?tab=nieuw", None),
        ("wachtrij zonder regisseur (50)", "/casussen/?tab=zonder_regisseur", None),
        ("overzicht (/casussen/overzicht/, 50)", "/casussen/overzicht/", None),
        ("GET /api/v1/casussen?limit=100", "/api/v1/casussen?limit=100", None),
        (
            f"GET /api/v1/casussen?limit=100&offset={offset}",
            f"/api/v1/casussen?limit=100&offset={offset}",
            None,
        ),
        (f"casuspagina ({len(cases)} cases)", cases[0], cases),
        (f"tijdlijn ({len(cases)} cases, up to {zwaar[0][1]} events)", "", [f"{c}tijdlijn/" for c in cases]),
        # --- issue 11: TLVs ---
        (f"TLV-lijst (/casussen/tlv/, {totaal['tlvs_swv']:,})", "/casussen/tlv/", None),
        ("TLV-lijst toegekend (?status=toegekend)", "/casussen/tlv/?status=toegekend", None),
        ("GET /api/v1/tlvs?limit=100", "/api/v1/tlvs?limit=100", None),
    ]:
        p50, p95, queries = timed(client, path, paths=paths)
        print(f"{label:<48}{p50:>9.1f}{p95:>9.1f}{queries:>9}", flush=True)

    # The daily deadline check over every SWV, rolled back afterwards.
    dag = datetime.date.today()
    with transaction.atomic():
        regels = []
        for label, peildatum in (
            ("first run of the day", dag),
            ("rerun (idempotent)", dag),
            ("next day", dag + datetime.timedelta(days=1)),
        ):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                resultaat = controleer_deadlines(peildatum)
                seconden = time.perf_counter() - started
            nieuw = sum(r["nieuw"] for r in resultaat.values())
            regels.append((label, seconden, len(ctx.captured_queries), nieuw, Taak.objects.count()))
        transaction.set_rollback(True)
    print(f"\nDaily deadline check (cases.deadlines.controleer_deadlines) over {totaal['casussen']:,} cases")
    print(f"{'run':<24}{'seconds':>9}{'queries':>9}{'new tasks':>11}{'open tasks':>12}")
    for label, seconden, queries, nieuw, taken in regels:
        print(f"{label:<24}{seconden:>9.2f}{queries:>9}{nieuw:>11,}{taken:>12,}")
    _tlv_verloopt(totaal["tlvs"])
    print(f"load average after: {_load()}")
    if os.environ.get("BENCH_EXPLAIN"):
        _explain(user)


def _tlv_verloopt(n_tlvs: int) -> None:
    """Issue 11: the `tlv_verloopt` rule alone, on the day the reminders for the TLVs ending this school
    year come due (31 July minus TLV_HERINNERING_DAGEN), each run in a rolled-back savepoint so every run
    raises the same tasks; then the whole check on that day."""
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from cases import deadlines

    eind = deadlines.schooljaar(datetime.date.today())[1]
    peildatum = max(datetime.date.today(), eind - datetime.timedelta(days=settings.TLV_HERINNERING_DAGEN))
    alle = deadlines.REGELS
    tijden: list[float] = []
    queries = nieuw = 0
    try:
        deadlines.REGELS = tuple(r for r in alle if r.naam == "tlv_verloopt")
        for _i in range(N_REGEL):
            with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                resultaat = deadlines.controleer_deadlines(peildatum)
                tijden.append(time.perf_counter() - started)
                queries, nieuw = len(ctx.captured_queries), resultaat["tlv_verloopt"]["nieuw"]
                transaction.set_rollback(True)
    finally:
        deadlines.REGELS = alle
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        resultaat = deadlines.controleer_deadlines(peildatum)
        heel = time.perf_counter() - started
        transaction.set_rollback(True)
    tijden.sort()
    p95 = tijden[max(0, int(len(tijden) * 0.95) - 1)]
    print(f"\nTLV expiry check (rule tlv_verloopt) on {peildatum} over {n_tlvs:,} TLVs, {N_REGEL} runs")
    print(f"{'run':<32}{'p50 s':>9}{'p95 s':>9}{'queries':>9}{'new tasks':>11}")
    print(f"{'tlv_verloopt alone':<32}{statistics.median(tijden):>9.3f}{p95:>9.3f}{queries:>9}{nieuw:>11,}")
    totaal_nieuw = sum(r["nieuw"] for r in resultaat.values())
    print(
        f"{'whole check, same day (1 run)':<32}{heel:>9.3f}{heel:>9.3f}{len(ctx.captured_queries):>9}{totaal_nieuw:>11,}"
    )


def _explain(user) -> None:
    """EXPLAIN ANALYZE of the list queries, as the views build them for the coordinator."""
    from django.db import connection

    from cases import selectors_casus as sel
    from swv.core.acting import lidmaatschap_van

    lidmaatschap_van(user)
    for naam, qs in (
        ("wachtrij nieuw", sel.wachtrij(user, "nieuw")[:50]),
        ("wachtrij zonder regisseur", sel.wachtrij(user, "zonder_regisseur")[:50]),
        ("overzicht", sel.casussen_lijst(user)[:50]),
    ):
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            print(f"\n-- {naam}", *(r[0] for r in cursor.fetchall()), sep="\n")


if __name__ == "__main__":
    main()
