"""Timing of the partner-list exports at the size of one large SWV (docs/benchmarks.md, "Exports").

Not part of the suite (the name does not start with test_); run it explicitly:
    .venv/bin/pytest -q -s -p no:cacheprovider tests/partners/bench_exports.py
"""

import datetime
import time

from django.urls import reverse

from partners.models import Organisatie, Persoon, Sleutelfiguur

ORGANISATIES = 1500
ROLLEN = 4000


def test_bench_exports(swv, users, client_for):
    orgs = Organisatie.objects.bulk_create(
        [
            Organisatie(swv=swv, soort="overig", naam=f"Stichting {i:05d}", plaats="Oss", telefoon="+31 6 1")
            for i in range(ORGANISATIES)
        ]
    )
    personen = Persoon.objects.bulk_create(
        [Persoon(swv=swv, voornaam="Jan", achternaam=f"Bakker{i}") for i in range(ROLLEN)]
    )
    Sleutelfiguur.objects.bulk_create(
        [
            Sleutelfiguur(
                swv=swv,
                persoon=p,
                organisatie=orgs[i % ORGANISATIES],
                functie="Jeugdconsulent",
                niveau="uitvoering",
                van=datetime.date(2024, 1, 1),
            )
            for i, p in enumerate(personen)
        ]
    )
    client = client_for(users["swv_coordinator"])
    for url, formaat in [
        ("partners:organisaties_export", "csv"),
        ("partners:organisaties_export", "xlsx"),
        ("partners:personen_export", "csv"),
        ("partners:personen_export", "xlsx"),
        ("partners:personen_export", "afdruk"),
    ]:
        for _ in range(2):  # the second run is reported (warm)
            begin = time.perf_counter()
            response = client.get(reverse(url), {"formaat": formaat, "status": "alle"})
            body = b"".join(response.streaming_content) if response.streaming else response.content
            duur = time.perf_counter() - begin
        print(f"BENCH {url} {formaat}: {duur * 1000:.0f} ms, {len(body) / 1024:.0f} KB")
