"""Factories for the team part (issue 10): cases and ouders as rows, until the casus services are merged."""

import datetime

import factory
from factory.django import DjangoModelFactory

from tests.factories import LeerlingFactory, SamenwerkingsverbandFactory


class CasusFactory(DjangoModelFactory):
    """A case of `leerling` at the pupil's school, in status `in_behandeling` (visible to the SWV)."""

    class Meta:
        model = "cases.Casus"

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    leerling = factory.SubFactory(LeerlingFactory, swv=factory.SelfAttribute("..swv"))
    school = factory.SelfAttribute("leerling.school")
    status = "in_behandeling"
    vraagstelling = "Hoe ondersteunen we de leerling in de klas?"


class OuderFactory(DjangoModelFactory):
    class Meta:
        model = "cases.Ouder"

    leerling = factory.SubFactory(LeerlingFactory)
    swv = factory.SelfAttribute("leerling.swv")
    voornaam = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    relatie = "moeder"
    gezag = True
    email = factory.Sequence(lambda n: f"ouder{n}@thuis.test.example")


def geboren_jaren_geleden(jaren: int, *, dagen: int = 0, op: datetime.date | None = None) -> datetime.date:
    """A birth date `jaren` years (plus `dagen` days) before `op` (today)."""
    op = op or datetime.date.today()
    try:
        dag = op.replace(year=op.year - jaren)
    except ValueError:  # 29 February
        dag = op.replace(year=op.year - jaren, day=28)
    return dag - datetime.timedelta(days=dagen)
