"""Benchmark of the bulk absence API (issue 12): rows per second through POST /api/v1/absenties.

Called by scripts/bench.py (`make bench`, or `BENCH_ONLY=absenties make bench`), inside its test database.
One school with BENCH_ABSENTIE_LEERLINGEN pupils (default 1,000) enrolled; batches of BENCH_ABSENTIE_ROWS
rows (default 10,000) sent by the school's API client through Django's test client (JSON parsing, token
check, the service's checks, COPY + INSERT ... ON CONFLICT, one audit row per pupil): a first send (all
new), the same batch again (all unchanged) and one with every row corrected (all updated). Prints seconds
and rows/s; asserts nothing.
"""

import datetime
import json
import os
import time

ROWS = int(os.environ.get("BENCH_ABSENTIE_ROWS", "10000"))
LEERLINGEN = int(os.environ.get("BENCH_ABSENTIE_LEERLINGEN", "1000"))


def absenties_report() -> None:
    from django.test import Client

    from cases.models import Inschrijving, Leerling
    from partners.models import Organisatie
    from swv.core.api.scopes import Scope
    from swv.core.models import Samenwerkingsverband
    from tests.factories import ApiClientFactory, _bsn_voor

    swv = Samenwerkingsverband.objects.create(code="PO9983", naam="Bench absenties", sector="PO")
    gemeente = Organisatie.objects.create(swv=swv, soort="gemeente", code="0999", naam="Gemeente Bench")
    school = Organisatie.objects.create(
        swv=swv, soort="school", code="99ZZ00", naam="School Bench", gemeente=gemeente
    )
    leerlingen = Leerling.objects.bulk_create(
        Leerling(
            swv=swv,
            bsn=_bsn_voor(500_000 + i),
            voornaam="Bench",
            achternaam=f"Leerling {i}",
            geboortedatum=datetime.date(2014, 1, 1),
            school=school,
            woongemeente=gemeente,
        )
        for i in range(LEERLINGEN)
    )
    Inschrijving.objects.bulk_create(
        Inschrijving(swv=swv, leerling=lln, school=school, ingeschreven_op=datetime.date(2020, 8, 1))
        for lln in leerlingen
    )
    client = ApiClientFactory(swv=swv, organisatie=school, scopes=[Scope.VERZUIM_SCHRIJVEN])
    vandaag = datetime.date.today()
    dagen = [
        vandaag - datetime.timedelta(days=d)
        for d in range(1, 366)
        if (vandaag - datetime.timedelta(days=d)).weekday() < 5
    ]

    def zending(uren: int) -> bytes:
        rijen = [
            {
                "externId": f"B{i}",
                "bsn": leerlingen[i % LEERLINGEN].bsn,
                "datum": dagen[(i // LEERLINGEN) % len(dagen)].isoformat(),
                "uren": uren,
                "geoorloofd": i % 3 == 0,
                "reden": "ziekte" if i % 3 == 0 else "onbekend",
            }
            for i in range(ROWS)
        ]
        return json.dumps({"rijen": rijen}).encode()

    http = Client()
    # Warm up (URL conf, DRF, first-request imports) with an empty batch, so the first timed run is not a cold start.
    http.post(
        "/api/v1/absenties",
        data=b'{"rijen": []}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {client.token}",
    )
    print(
        f"\nBulk absence API: POST /api/v1/absenties, {ROWS:,} rows per request over {LEERLINGEN:,} pupils of one "
        "school (Django test client, no network)"
    )
    print(f"{'run':<22}{'seconds':>10}{'rows/s':>12}  answer")
    for run, body in (
        ("first send", zending(4)),
        ("same batch again", zending(4)),
        ("every row corrected", zending(2)),
    ):
        started = time.perf_counter()
        antwoord = http.post(
            "/api/v1/absenties",
            data=body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {client.token}",
        )
        seconds = time.perf_counter() - started
        data = antwoord.json()
        samenvatting = {k: data.get(k) for k in ("aangemaakt", "bijgewerkt", "ongewijzigd")} | {
            "fouten": len(data.get("fouten", []))
        }
        print(f"{run:<22}{seconds:>10.2f}{ROWS / seconds:>12,.0f}  {antwoord.status_code} {samenvatting}")
        if antwoord.status_code != 200:
            print(f"  {len(body):,} bytes: {data}")
