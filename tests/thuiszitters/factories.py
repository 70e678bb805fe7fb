"""Factories of the thuiszitters app (verzuim, thuiszitters, signals)."""

import datetime
import uuid
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from tests.factories import LeerlingFactory


class AbsentieFactory(DjangoModelFactory):
    class Meta:
        model = "thuiszitters.Absentie"

    leerling = factory.SubFactory(LeerlingFactory)
    swv = factory.SelfAttribute("leerling.swv")
    school = factory.SelfAttribute("leerling.school")
    datum = datetime.date(2026, 11, 2)
    uren = Decimal("4")
    geoorloofd = False
    extern_id = factory.LazyFunction(lambda: f"test-{uuid.uuid4()}")


class VerzuimmeldingFactory(DjangoModelFactory):
    class Meta:
        model = "thuiszitters.Verzuimmelding"

    leerling = factory.SubFactory(LeerlingFactory)
    swv = factory.SelfAttribute("leerling.swv")
    school = factory.SelfAttribute("leerling.school")
    begindatum = datetime.date(2026, 10, 5)
    vermoedelijke_soort = "zestien_uur"
    melder_naam = factory.Faker("name", locale="nl_NL")


class ThuiszitterFactory(DjangoModelFactory):
    class Meta:
        model = "thuiszitters.Thuiszitter"

    leerling = factory.SubFactory(LeerlingFactory)
    swv = factory.SelfAttribute("leerling.swv")
    school = factory.SelfAttribute("leerling.school")
    gemeente = factory.SelfAttribute("leerling.woongemeente")
    soort = "langdurig_relatief"
    startdatum = datetime.date(2026, 9, 1)


class SignaalFactory(DjangoModelFactory):
    class Meta:
        model = "thuiszitters.Signaal"

    leerling = factory.SubFactory(LeerlingFactory)
    swv = factory.SelfAttribute("leerling.swv")
    school = factory.SelfAttribute("leerling.school")
    regel = "meldplicht_16_uur"  # a real rule of thuiszitters/controles.py REGELS
    periode = factory.Sequence(lambda n: f"2026-10-{n:04d}")
    omschrijving = "Meldplicht: 16 uur ongeoorloofd verzuim in 4 lesweken."
    voor_school = True
