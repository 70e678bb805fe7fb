"""Opt-in timing of the case lists and page (not collected by a plain `pytest` run: the name does not start
with test_). Run: `pytest -s -p no:cacheprovider tests/cases/bench_casussen.py` (docs/benchmarks.md).
BENCH_CASUSSEN (default 8000) cases of one SWV in every status over 10 schools, one pupil each."""

import os
import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Casus, Leerling
from cases.workflow import Status
from swv.core.models import Lidmaatschap, Rol
from tests.factories import OrganisatieFactory, _bsn_voor

pytestmark = pytest.mark.django_db

N = int(os.environ.get("BENCH_CASUSSEN", "8000"))


def test_bench_casussen(swv, users, client_for):
    school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    scholen = [school] + [OrganisatieFactory(swv=swv, school=True) for _ in range(9)]
    leerlingen = Leerling.objects.bulk_create(
        Leerling(
            swv=swv,
            bsn=_bsn_voor(i),
            voornaam=f"V{i}",
            achternaam=f"A{i}",
            geboortedatum="2014-01-01",
            school=scholen[i % 10],
            woongemeente=gemeente,
        )
        for i in range(N)
    )
    statussen = list(Status.values)
    nu = timezone.now()
    Casus.objects.bulk_create(
        Casus(
            swv=swv,
            leerling=leerling,
            school=leerling.school,
            status=statussen[i % len(statussen)],
            aangemeld_op=nu,
            vraagstelling=f"Vraag over {'lezen' if i % 100 == 0 else 'rekenen'} nummer {i}",
        )
        for i, leerling in enumerate(leerlingen)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_casus; ANALYZE cases_leerling")
    client = client_for(users[Rol.SWV_COORDINATOR])
    for naam, url in (
        ("wachtrij nieuw (50 per pagina)", "/casussen/?tab=nieuw"),
        ("overzicht (50 per pagina)", "/casussen/overzicht/"),
        ("overzicht zoeken q=lezen (1%)", "/casussen/overzicht/?q=lezen"),
        ("GET /api/v1/casussen?limit=100", "/api/v1/casussen?limit=100"),
        ("casuspagina", f"/casussen/{Casus.objects.filter(status='aangemeld').first().pk}/"),
    ):
        tijden = []
        for _ in range(20):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            tijden.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        tijden.sort()
        p95 = tijden[int(0.95 * len(tijden)) - 1]
        print(f"BENCH {naam}: p50 {statistics.median(tijden):.0f} ms, p95 {p95:.0f} ms, {len(ctx)} queries")
