"""Factories for the team part (issue 10): ouders as rows. The case factory is the one of the casus part,
re-exported here so `from tests.cases.factories_team import CasusFactory` keeps working."""

import datetime

import factory
from factory.django import DjangoModelFactory

from tests.cases.factories_casus import CasusFactory
from tests.factories import LeerlingFactory

__all__ = ["CasusFactory", "OuderFactory", "geboren_jaren_geleden"]


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
