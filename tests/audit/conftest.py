"""Pupils around the shared `users` fixture: one at the school users' own school (living in the
leerplicht team's gemeente), one at another school of the same SWV, one in another SWV."""

from types import SimpleNamespace

import pytest

from swv.core.models import Lidmaatschap, Rol, Samenwerkingsverband
from tests.factories import LeerlingFactory, OrganisatieFactory


@pytest.fixture
def leerlingen(swv, users):
    eigen_school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    leerplicht = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerplicht.gemeente = gemeente
    leerplicht.save(update_fields=["gemeente"])
    andere_gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    ander_swv = Samenwerkingsverband.objects.get(code="VO9802")
    return SimpleNamespace(
        gemeente=gemeente,
        eigen=LeerlingFactory(swv=swv, school=eigen_school, woongemeente=gemeente),
        andere_school=LeerlingFactory(swv=swv, woongemeente=andere_gemeente),
        ander_swv=LeerlingFactory(swv=ander_swv),
    )
