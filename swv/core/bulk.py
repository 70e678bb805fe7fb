"""Bulk writes for every app: one `INSERT ... SELECT ... ON CONFLICT` for many rows (moved here from the
partner registry's DUO import when verzuim's bulk absence API needed the same; docs/decisions.md 32).

Rows travel by COPY into a temporary table (or as arrays); pghistory's triggers still record every row with
the request's or import's context, because the statement goes through Django's cursor like any other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def upsert(
    model: type[models.Model],
    vast: dict[str, Any],
    velden: list[str],
    rijen: Sequence[Sequence[Any]],
    *,
    conflict: str,
    bijwerken: dict[str, str] | None = None,
    terug: tuple[str, ...] = (),
    via_copy: bool = False,
    alleen_als: str | None = None,
) -> list[tuple]:
    """One `INSERT ... SELECT ... ON CONFLICT` for many rows of `model`. `rijen` hold a value for each of
    `velden` (field names or attnames), `vast` fields get one value for all rows, the other fields their
    model default. `conflict` is the conflict target (with the unique index's predicate); `bijwerken`
    maps fields to their SET expression (`EXCLUDED.x`), None means DO NOTHING; `alleen_als` is an SQL
    condition on that update (e.g. "only when a value differs", so a resent row is not rewritten). Returns
    the `terug` fields (or SQL expressions such as `(xmax = 0)`: true for an inserted row) of the rows written.

    The rows travel as arrays (`unnest`) or, `via_copy`, by COPY into a temporary table (psycopg writes
    COPY rows in C; adapting large arrays is Python, 60 µs a school). Either way one INSERT writes them:
    pghistory's triggers record each row with the import's context, as its execute wrapper prefixes this
    statement like any other. 5-10x faster than bulk_create + full_clean per row (docs/benchmarks.md).
    """
    if not rijen:
        return []
    opts = model._meta
    qn = connection.ops.quote_name
    velden_per_naam = {f.name: f for f in opts.concrete_fields} | {f.attname: f for f in opts.concrete_fields}
    kolomnaam = {naam: qn(str(f.column)) for naam, f in velden_per_naam.items()}
    gegeven = [velden_per_naam[v] for v in velden]
    # varchar(n) would truncate silently on a cast; text lets the INSERT refuse what is too long.
    typen = [
        "text"
        if f.get_internal_type() in {"CharField", "URLField", "EmailField"}
        else f.rel_db_type(connection)
        if f.is_relation
        else f.db_type(connection)
        for f in gegeven
    ]
    kolom = {f.attname: qn(f"k{i}") for i, f in enumerate(gegeven)}
    namen, selectie, params = [], [], []
    for f in opts.concrete_fields:
        if f.primary_key:
            continue
        namen.append(qn(str(f.column)))
        if f.attname in kolom:
            selectie.append(f"u.{kolom[f.attname]}")
        else:
            waarde = vast[f.name] if f.name in vast else vast.get(f.attname, f.get_default())
            selectie.append("%s")
            params.append(f.get_db_prep_save(waarde, connection))
    with connection.cursor() as cursor:
        if via_copy:
            definitie = ", ".join(f"{k} {t}" for k, t in zip(kolom.values(), typen, strict=True))
            tabel = qn(
                "_upsert_"
                + hashlib.sha1(f"{opts.db_table}({definitie})".encode(), usedforsecurity=False).hexdigest()[
                    :12
                ]
            )
            # Once per transaction (and rolled back with a dry-run); emptied before each batch.
            cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {tabel} ({definitie}) ON COMMIT DROP")
            cursor.execute(f"TRUNCATE {tabel}")
            with cursor.cursor.copy(f"COPY {tabel} FROM STDIN") as copy:
                for rij in rijen:
                    copy.write_row(rij)
            bron = f"{tabel} AS u"
        else:
            arrays = ", ".join(f"%s::{t}[]" for t in typen)
            params += [list(waarden) for waarden in zip(*rijen, strict=True)]
            bron = f"unnest({arrays}) AS u({', '.join(kolom.values())})"
        sql = (
            f"INSERT INTO {qn(opts.db_table)} ({', '.join(namen)}) SELECT {', '.join(selectie)} FROM {bron} "
            f"ON CONFLICT {conflict} "
        )
        if bijwerken:
            sets = ", ".join(f"{kolomnaam[v]} = {expr}" for v, expr in bijwerken.items())
            sql += f"DO UPDATE SET {sets}"
            if alleen_als:
                sql += f" WHERE {alleen_als}"
        else:
            sql += "DO NOTHING"
        if terug:
            sql += " RETURNING " + ", ".join(kolomnaam.get(v, v) for v in terug)
        cursor.execute(sql, params)
        return cursor.fetchall() if terug else []
