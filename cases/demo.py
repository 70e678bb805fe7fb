"""Fictional pupils for the demo SWV: four per demo school (registered in apps.py, after the partner
registry's demo, whose schools and gemeenten they go to). Written through `leerling_create`.

Idempotent: each pupil is looked up by BSN, which a fixed seed makes the same each run. Names come from
Faker nl_NL with a fixed seed and every BSN is generated; no real person is in here.
"""

import datetime
import random

from faker import Faker
from stdnum.nl import bsn as stdnum_bsn

from swv.core.plugins import DemoContext

from .models import Leerling
from .services import leerling_create

DEMO_LEERLINGEN_PER_SCHOOL = 4


def demo_bsn(rng: random.Random) -> str:
    """A fictional BSN with a valid check digit (11-proef), generated rather than hard-coded."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            number = "".join(map(str, digits)) + str(check)
            if stdnum_bsn.is_valid(number):
                return number


def load_demo_leerlingen(demo: DemoContext) -> dict[str, int]:
    """Four fictional pupils per demo school; returns {"leerlingen": how many were created}."""
    swv, orgs = demo.swv, demo.organisaties
    fake = Faker("nl_NL")
    fake.seed_instance(9901)
    rng = random.Random(9901)  # noqa: S311 - demo data, not security
    gemeente_lijst = [org for (soort, _code), org in orgs.items() if soort == "gemeente"]
    scholen = [org for (soort, _code), org in orgs.items() if soort == "school"]
    aantal = 0
    for school in scholen:
        for i in range(DEMO_LEERLINGEN_PER_SCHOOL):
            bsn = demo_bsn(rng)
            voornaam, achternaam = fake.first_name(), fake.last_name()
            geboortedatum = fake.date_between_dates(datetime.date(2014, 10, 1), datetime.date(2020, 9, 30))
            # Most live in the school's gemeente, one per school in a neighbouring one.
            woongemeente = (
                school.gemeente
                if i
                else gemeente_lijst[(gemeente_lijst.index(school.gemeente) + 1) % len(gemeente_lijst)]
            )
            if Leerling.objects.filter(swv=swv, bsn=bsn).exists():
                continue
            leerling_create(
                swv=swv,
                by=None,
                bsn=bsn,
                voornaam=voornaam,
                achternaam=achternaam,
                geboortedatum=geboortedatum,
                school=school,
                woongemeente=woongemeente,
            )
            aantal += 1
    return {"leerlingen": aantal}
