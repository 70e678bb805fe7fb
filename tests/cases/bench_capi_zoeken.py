"""Opt-in: EXPLAIN of the case search (issue 10, part capi). Run:
`pytest -s -p no:cacheprovider tests/cases/bench_capi_zoeken.py` (not collected by a plain run)."""

import os
import random

import pytest
from django.db import connection
from django.utils import timezone
from faker import Faker

from cases.models import Casus, Leerling
from cases.selectors_casus import zoek_casussen
from cases.workflow import Status
from swv.core.acting import lidmaatschap_van
from swv.core.models import Lidmaatschap, Rol
from tests.factories import OrganisatieFactory, _bsn_voor

pytestmark = pytest.mark.django_db
N = int(os.environ.get("BENCH_ZOEKEN", "5000"))


def test_bench_zoeken(swv, users):
    fake = Faker("nl_NL")
    Faker.seed(38)
    rnd = random.Random(38)
    school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    scholen = [school] + [OrganisatieFactory(swv=swv, school=True) for _ in range(9)]
    leerlingen = Leerling.objects.bulk_create(
        Leerling(
            swv=swv,
            bsn=_bsn_voor(i),
            voornaam=fake.first_name(),
            achternaam=fake.last_name(),
            geboortedatum="2014-01-01",
            school=scholen[i % 10],
            woongemeente=gemeente,
        )
        for i in range(N)
    )
    vaak = [
        "De leerling heeft moeite met lezen op school.",
        "Gedrag in de klas en thuis.",
        "Concentratie en werkhouding.",
    ]
    Casus.objects.bulk_create(
        Casus(
            swv=swv,
            leerling=lln,
            school=lln.school,
            status=rnd.choice(Status.values),
            aangemeld_op=timezone.now(),
            vraagstelling=rnd.choice(vaak) + " " + fake.paragraph(),
            ondersteuningsbehoefte=fake.paragraph(),
            al_gedaan=fake.paragraph() + (" dyscalculie-onderzoek" if i % 200 == 0 else ""),
        )
        for i, lln in enumerate(leerlingen)
    )
    with connection.cursor() as c:
        c.execute("ANALYZE cases_casus; ANALYZE cases_leerling")
    user = users[Rol.SWV_COORDINATOR]
    lidmaatschap_van(user)
    for woord in ("dyscalculie", "lezen", "school"):
        qs = zoek_casussen(Casus.objects.visible_to(user), woord).order_by("-pk")[:50]
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as c:
            c.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
            plan = "\n".join(r[0] for r in c.fetchall())
        print(f"\n=== {woord}: {zoek_casussen(Casus.objects.visible_to(user), woord).count()} hits\n{plan}")
