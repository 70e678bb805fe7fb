"""The generated benchmark database, shared by bench_casussen.py, bench_verzuimcontroles.py and bench_web.py.

One database per scale and seed, `bench_<schaal>_<seed>` on the server of DATABASE_URL, migrated and filled with
`manage.py genereer_testdata --schaal <schaal> --seed <seed>`. Why shared: `gehost` takes about an hour to
generate (20 million absence rows); each script building its own copy of the same data cost an hour per
script. The database's comment names the scale, seed and a hash of the generator sources; while they match it
is reused (after `migrate`), else dropped and generated again. `BENCH_OPNIEUW=1` forces a new generation.

The benchmarks run their writes in transactions they roll back, so the data stays as generated.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent

# Every source that shapes the generated rows: a change to one of them makes the stored data stale.
GENERATOREN = (
    "swv/core/testdata.py",
    "partners/testdata.py",
    "cases/testdata.py",
    "cases/testdata_tlv.py",
    "thuiszitters/testdata.py",
    "thuiszitters/data/schoolvakanties.csv",
)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def naam(schaal: str, seed: int) -> str:
    return f"bench_{schaal}_{seed}"


def url(schaal: str, seed: int) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    return urlunparse(urlparse(base)._replace(path=f"/{naam(schaal, seed)}"))


def prepare(schaal: str, seed: int) -> tuple[str, str]:
    """Create (or reuse) the database of `schaal`; returns (its URL, what the generation took, in words)."""
    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    db = naam(schaal, seed)
    db_url = url(schaal, seed)
    beheer = urlunparse(urlparse(base)._replace(path="/postgres"))
    bron = hashlib.sha256(b"".join((ROOT / p).read_bytes() for p in GENERATOREN)).hexdigest()[:12]
    marker = f"ketenregie bench schaal={schaal} seed={seed} bron={bron}"
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "swv.settings.test",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    with psycopg.connect(beheer, autocommit=True) as conn:
        rij = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [db]
        ).fetchone()
        if rij is not None and rij[0] == marker and os.environ.get("BENCH_OPNIEUW") != "1":
            print(f"Database {db} bestaat al met deze gegevens ({marker}); hergebruikt.", flush=True)
            subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
            return db_url, f"hergebruikt ({marker})"
        if rij is not None:
            conn.execute(f'DROP DATABASE "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    voor = load()
    started = time.perf_counter()
    uit = subprocess.run(
        [*manage, "genereer_testdata", "--schaal", schaal, "--seed", str(seed)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    print(uit.strip(), flush=True)
    duur = f"{time.perf_counter() - started:.0f} s (load voor {voor}, na {load()})"
    print(f"genereer_testdata --schaal {schaal}: {duur}", flush=True)
    # The comment is set last: a generation that died halfway leaves no marker, so the next run starts over.
    with psycopg.connect(beheer, autocommit=True) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{db}\" IS '{marker}'")
    return db_url, duur


if __name__ == "__main__":
    # `python scripts/benchdb.py gehost` builds (or checks) the database ahead of the benchmarks.
    schaal = sys.argv[1] if len(sys.argv) > 1 else "gehost"
    print(prepare(schaal, int(os.environ.get("BENCH_SEED", "2026")))[1])
