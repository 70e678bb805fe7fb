"""Benchmark of the daily deadline check (docs/benchmarks.md); runs only with BENCH_DEADLINES=<cases>.

BENCH_DEADLINES=8000 pytest tests/cases/bench_plan_deadlines.py -s
"""

import datetime
import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.deadlines import controleer_deadlines
from cases.models import Actie, Casus, Leerling, Plan, Taak
from tests.factories import LeerlingFactory, OrganisatieFactory

AANTAL = int(os.environ.get("BENCH_DEADLINES", "0"))
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not AANTAL, reason="benchmark: set BENCH_DEADLINES=<number of cases>"),
]


def test_deadline_check_on_many_cases(swv):
    school = OrganisatieFactory(swv=swv, school=True)
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerlingen = Leerling.objects.bulk_create(
        [LeerlingFactory.build(swv=swv, school=school, woongemeente=gemeente) for _ in range(AANTAL)]
    )
    vanaf = datetime.date(2026, 9, 1)
    statussen = ["aangemeld", "in_behandeling", "plan_vastgesteld", "lopend", "afgesloten"]
    casussen = Casus.objects.bulk_create(
        [
            Casus(
                swv=swv,
                leerling=leerling,
                school=school,
                status=statussen[i % 5],
                opp_vereist_vanaf=vanaf,
                aangemeld_op=datetime.datetime(2026, 9, 1, 9, tzinfo=datetime.UTC),
            )
            for i, leerling in enumerate(leerlingen)
        ]
    )
    Plan.objects.bulk_create(
        [
            Plan(swv=swv, casus=c, versie=1, status="vastgesteld", vastgesteld_op=vanaf)
            for c in casussen
            if c.status in ("plan_vastgesteld", "lopend")
        ]
    )
    Actie.objects.bulk_create(
        [
            Actie(swv=swv, casus=c, omschrijving="x", eigenaar_organisatie=school, deadline=vanaf)
            for c in casussen
        ]
    )
    tijden = []
    controleer_deadlines(datetime.date(2026, 9, 2))  # a few tasks, then statistics as autovacuum keeps them
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_casus, cases_plan, cases_actie, cases_evaluatie, cases_taak")
    for dag in (datetime.date(2027, 7, 1), datetime.date(2027, 7, 1), datetime.date(2027, 7, 2)):
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            controleer_deadlines(dag)
            tijden.append(time.perf_counter() - begin)
    if os.environ.get("BENCH_EXPLAIN"):
        _explain()
    print(
        f"\n{AANTAL} cases, {Taak.objects.count()} tasks: first run {tijden[0]:.2f} s, rerun {tijden[1]:.2f} s, "
        f"next day {tijden[2]:.2f} s, {len(queries.captured_queries)} queries per run"
    )


def _explain() -> None:
    """Print the plan of each rule's close statement (the part that grows with the open tasks)."""
    from cases.deadlines import _AFHANDELEN, REGELS, _parameters

    params = {**_parameters(datetime.date(2027, 7, 1)), "casus_id": None}
    with connection.cursor() as cursor:
        for regel in REGELS:
            sql = "EXPLAIN ANALYZE " + _AFHANDELEN.format(oorzaak=regel.oorzaak_sql, casus_filter="")
            cursor.execute(sql, {**params, "regel": regel.naam})
            print(regel.naam, *(rij[0] for rij in cursor.fetchall()), sep="\n  ")
