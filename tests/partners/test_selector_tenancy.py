"""The routekaart lists only current roles at active organisations of the SWV asked for: a regional
role (no gemeente) of another SWV or of an ended organisation must not appear (docs/quality.md)."""

import pytest

from partners import selectors
from tests.factories import OrganisatieFactory, SamenwerkingsverbandFactory, SleutelfiguurFactory

pytestmark = pytest.mark.django_db


def test_regional_roles_of_another_swv_or_an_ended_organisation_are_not_on_the_routekaart(swv):
    OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    eigen = SleutelfiguurFactory(swv=swv, organisatie=OrganisatieFactory(swv=swv, ggd=True))
    ander_swv = SamenwerkingsverbandFactory()
    SleutelfiguurFactory(swv=ander_swv, organisatie=OrganisatieFactory(swv=ander_swv, ggd=True))
    SleutelfiguurFactory(swv=swv, organisatie=OrganisatieFactory(swv=swv, ggd=True, actief=False))

    kaart = selectors.routekaart(swv=swv)

    assert [s for niveau in kaart.regionaal for s in niveau.sleutelfiguren] == [eigen]
