"""`swv.core.tenancy`: the one answer to "which SWV does this caller act for", for a person, a partner
system (API client) and nobody; deny by default (docs/quality.md)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partners.models import Organisatie
from swv.core.api.authentication import ApiClientUser
from swv.core.models import Rol
from swv.core.tenancy import acting_swv, acting_swv_id
from tests.factories import ApiClientFactory, OrganisatieFactory, SamenwerkingsverbandFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_acts_for_the_swv_of_their_membership(swv, users):
    assert acting_swv_id(users[Rol.SWV_COORDINATOR]) == swv.pk
    assert acting_swv(users[Rol.SWV_COORDINATOR]) == swv
    assert acting_swv(users["outsider"]) != swv


@pytest.mark.parametrize("caller", [AnonymousUser, UserFactory])
def test_nobody_and_a_user_without_membership_act_for_no_swv(caller):
    user = caller()
    assert acting_swv_id(user) is None
    assert acting_swv(user) is None
    assert not Organisatie.objects.visible_to(user).exists()


def test_an_api_client_acts_for_its_own_swv_while_active(swv):
    ander = SamenwerkingsverbandFactory()
    OrganisatieFactory(swv=ander)
    eigen = OrganisatieFactory(swv=swv)
    client = ApiClientFactory(swv=swv)
    user = ApiClientUser(client)
    assert acting_swv_id(user) == swv.pk
    assert acting_swv(user) == swv
    assert eigen in Organisatie.objects.visible_to(user)
    assert not Organisatie.objects.visible_to(user).filter(swv=ander).exists()

    client.actief = False
    assert acting_swv_id(user) is None
    assert acting_swv(user) is None
    assert not Organisatie.objects.visible_to(user).exists()
