"""Fictional pupils for the demo SWV: twelve per demo school (registered in apps.py, after the partner
registry's demo, whose schools and gemeenten they go to). Written through `leerling_create`.

Idempotent: each pupil is looked up by BSN, which a fixed seed makes the same each run. Names come from
Faker nl_NL with a fixed seed and every BSN is generated; no real person is in here.
"""

import datetime
import random
import unicodedata

from faker import Faker
from stdnum.nl import bsn as stdnum_bsn

from swv.core.plugins import DemoContext

from .leerplicht import verjaardag
from .models import Leerling, Ouder
from .services import inschrijving_toevoegen, leerling_create, ouder_toevoegen

# Twelve per school: the first four of each school were the first demo (their names and numbers stay the
# same), the next eight were added for the demo cases (cases/demo_casussen.py), so a case in every status
# has a pupil of its own at every school.
DEMO_LEERLINGEN_PER_SCHOOL = 12
_EERSTE_RONDE = 4


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
    """Twelve fictional pupils per demo school, each with an enrolment at that school and one or two
    ouders/verzorgers (contact details at example.org, one without gezag now and then); returns how many
    pupils, enrolments and ouders were created."""
    swv, orgs = demo.swv, demo.organisaties
    fake = Faker("nl_NL")
    fake.seed_instance(9901)
    rng = random.Random(9901)  # noqa: S311 - demo data, not security
    gemeente_lijst = [org for (soort, _code), org in orgs.items() if soort == "gemeente"]
    scholen = [org for (soort, _code), org in orgs.items() if soort == "school"]
    aantal = inschrijvingen = ouders = 0
    ouder_fake = Faker("nl_NL")
    ouder_fake.seed_instance(9902)
    # Round by round over the schools, so the pupils of the first round keep the names and numbers the
    # seeded generators gave them before the second round existed (a demo database stays the same).
    rondes = (range(_EERSTE_RONDE), range(_EERSTE_RONDE, DEMO_LEERLINGEN_PER_SCHOOL))
    for school, i in ((school, i) for ronde in rondes for school in scholen for i in ronde):
        bsn = demo_bsn(rng)
        voornaam, achternaam = fake.first_name(), fake.last_name()
        geboortedatum = fake.date_between_dates(datetime.date(2014, 10, 1), datetime.date(2020, 9, 30))
        # Most live in the school's gemeente, one per school in a neighbouring one.
        woongemeente = (
            school.gemeente
            if i
            else gemeente_lijst[(gemeente_lijst.index(school.gemeente) + 1) % len(gemeente_lijst)]
        )
        leerling = Leerling.objects.filter(swv=swv, bsn=bsn).first()
        if leerling is None:
            leerling = leerling_create(
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
        if not leerling.inschrijvingen.exists():
            # Dutch children usually start school the day after their 4th birthday.
            inschrijving_toevoegen(
                leerling=leerling,
                by=None,
                school=school,
                ingeschreven_op=verjaardag(leerling.geboortedatum, 4) + datetime.timedelta(days=1),
            )
            inschrijvingen += 1
        if not leerling.ouders.exists():
            ouders += _demo_ouders(leerling, ouder_fake, tweede=bool(i % 2), gezag_tweede=i != 3)
    return {"leerlingen": aantal, "inschrijvingen": inschrijvingen, "ouders": ouders}


def _demo_ouders(leerling: Leerling, fake: Faker, *, tweede: bool, gezag_tweede: bool) -> int:
    relaties = [Ouder.Relatie.MOEDER, Ouder.Relatie.VADER] if tweede else [Ouder.Relatie.VERZORGER]
    for n, relatie in enumerate(relaties):
        voornaam = fake.first_name_female() if relatie == Ouder.Relatie.MOEDER else fake.first_name()
        ouder_toevoegen(
            leerling=leerling,
            by=None,
            voornaam=voornaam,
            achternaam=leerling.achternaam,
            relatie=relatie,
            gezag=gezag_tweede or n == 0,
            telefoon=f"06-{fake.random_number(digits=8, fix_len=True)}",
            # example.org: no real mailbox ever gets a demo message.
            email=f"{_ascii(voornaam).lower()}.{n}.{leerling.pk}@example.org".replace(" ", ""),
            adres=f"{fake.street_address()}, {fake.postcode()} {fake.city()}",
        )
    return len(relaties)


def _ascii(tekst: str) -> str:
    # Faker's Dutch names have accents (Zoë); the local part of an e-mail address is ASCII.
    return unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode().replace("'", "")
