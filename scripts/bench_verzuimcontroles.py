"""Benchmark of the periodic verzuim checks on generated data (issue 12 "Benchmark"). `make bench-verzuim`
(also the last part of `make bench`).

For each scale in $BENCH_VERZUIM_SCHALEN (default "klein groot gehost"):
1. A database `bench_<schaal>_<seed>` (scripts/benchdb.py, shared with the other benchmarks) on the server of DATABASE_URL, migrated and filled with
   `manage.py genereer_testdata --schaal <schaal>` (groot: 40,000 pupils and ~2 million absence rows;
   gehost: ten of those, ~20 million), the generation timed. Kept between runs and reused while its comment
   names the same scale, seed and generator source (`BENCH_OPNIEUW=1` builds it again).
2. Each rule of `thuiszitters.controles.REGELS` (in their order) run with `.uitvoeren(peildatum)` (peildatum:
   today, the day after the generated data ends): its seconds, SQL queries and the number it returns
   (signals raised); then a rerun on the same day (must raise nothing: the unique key), and the whole
   `verzuimcontroles(peildatum)`. Each in a transaction that is rolled back, so the database stays as
   generated and a next run measures the same work.

Targets (issue 12, for the record, not asserted): every check under 30 s on `gehost`, with a query count that
does not grow with the data (compare the columns). Prints figures, asserts nothing.

The checks are built in thuiszitters/controles.py; without that module this script says so and exits 0.
"""

from __future__ import annotations

import datetime
import importlib
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCHALEN = os.environ.get("BENCH_VERZUIM_SCHALEN", "klein groot gehost").split()
SEED = int(os.environ.get("BENCH_SEED", "2026"))


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def controles_beschikbaar() -> str | None:
    """None when thuiszitters.controles has the interface this bench uses; else why not (Dutch)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings.test")
    import django

    django.setup()
    try:
        # Through importlib: the module is built in parallel (helper A) and may be absent on this branch.
        controles = importlib.import_module("thuiszitters.controles")
    except ImportError as exc:
        return f"thuiszitters.controles is er (nog) niet ({exc})."
    if not hasattr(controles, "REGELS") or not hasattr(controles, "verzuimcontroles"):
        return "thuiszitters.controles mist REGELS of verzuimcontroles."
    return None


def prepare_database(schaal: str) -> tuple[str, str]:
    """Create (or reuse) the benchmark database of `schaal` (scripts/benchdb.py, shared with the other benches)."""
    import benchdb

    return benchdb.prepare(schaal, SEED)


def meet(schaal: str, url: str) -> list[tuple[str, float, int, int, float, int]]:
    """Per rule: (naam, seconds, queries, result, rerun seconds, rerun result), then the whole run."""
    from django.db import connection, connections, transaction
    from django.test.utils import CaptureQueriesContext

    connections.close_all()
    connection.settings_dict["NAME"] = urlparse(url).path.lstrip("/")
    controles = importlib.import_module("thuiszitters.controles")
    REGELS, verzuimcontroles = controles.REGELS, controles.verzuimcontroles  # noqa: N806 - the module's names

    peildatum = datetime.date.today()
    resultaten = []

    def een(functie) -> tuple[float, int, object]:
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            uitkomst = functie(peildatum)
            seconden = time.perf_counter() - started
        return seconden, len(ctx.captured_queries), uitkomst

    for regel in [*REGELS, None]:
        naam = regel.naam if regel is not None else "verzuimcontroles (alle)"
        functie = regel.uitvoeren if regel is not None else verzuimcontroles
        with transaction.atomic():
            punt = transaction.savepoint()
            try:
                seconden, queries, uitkomst = een(functie)
                opnieuw, _q, tweede = een(functie)
            except Exception as exc:  # noqa: BLE001 - a bench reports a failing rule and goes on
                print(f"  {naam}: fout {type(exc).__name__}: {exc}", flush=True)
                transaction.savepoint_rollback(punt)
                continue
            transaction.savepoint_rollback(punt)
        # A rule returns its count; verzuimcontroles() a dict of counts per rule.
        getal = sum(uitkomst.values()) if isinstance(uitkomst, dict) else int(uitkomst)
        tweede_getal = sum(tweede.values()) if isinstance(tweede, dict) else int(tweede)
        resultaten.append((naam, seconden, queries, getal, opnieuw, tweede_getal))
        print(
            f"  {naam:<34}{seconden:>9.2f} s{queries:>8} q{getal:>9} signalen   rerun {opnieuw:>7.2f} s "
            f"{tweede_getal:>6} signalen",
            flush=True,
        )
    return resultaten


def main() -> None:
    reden = controles_beschikbaar()
    if reden is not None:
        print(f"Verzuimcontroles-benchmark overgeslagen: {reden}")
        return
    from django.conf import settings

    print(
        f"Verzuim checks on generated data, seed {SEED}, schalen {' '.join(SCHALEN)}, database "
        f"{settings.DATABASES['default']['HOST'] or 'unix socket'}; load {_load()}",
        flush=True,
    )
    for schaal in SCHALEN:
        url, generatie = prepare_database(schaal)
        import psycopg

        with psycopg.connect(url) as conn:
            rij = conn.execute(
                "SELECT (SELECT count(*) FROM cases_leerling), (SELECT count(*) FROM thuiszitters_absentie), "
                "(SELECT count(*) FROM thuiszitters_verzuimmelding), (SELECT count(*) FROM thuiszitters_thuiszitter)"
            ).fetchone()
        leerlingen, absenties, meldingen, thuiszitters = rij or (0, 0, 0, 0)
        print(
            f"\n{schaal}: {leerlingen:,} leerlingen, {absenties:,} absenties, {meldingen:,} meldingen, "
            f"{thuiszitters:,} thuiszitters; genereer_testdata: {generatie}; load {_load()}",
            flush=True,
        )
        print(f"  {'regel':<34}{'eerste run':>11}{'queries':>10}{'resultaat':>18}   {'rerun (no-op)':>20}")
        meet(schaal, url)


if __name__ == "__main__":
    main()
