"""The partner registry in the admin follows tenancy: a beheerder sees and links only their own SWV."""

import html

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import OrganisatieFactory, SamenwerkingsverbandFactory, VoorzieningFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(users, client_for):
    user = users["beheerder"]
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="partners",
            codename__in=["view_voorziening", "change_voorziening", "add_voorziening"],
        )
    )
    return client_for(user)


def test_a_beheerder_lists_and_links_only_provisions_and_aanbieders_of_their_own_swv(swv, beheerder):
    eigen = VoorzieningFactory(swv=swv, naam="Herstart Lindedal")
    ander_swv = SamenwerkingsverbandFactory()
    elders = VoorzieningFactory(swv=ander_swv, naam="Rebound Elders")
    vreemde_aanbieder = OrganisatieFactory(swv=ander_swv, naam="Vreemde Aanbieder BV")

    lijst = beheerder.get("/beheer/partners/voorziening/").content.decode()
    assert eigen.naam in lijst
    assert elders.naam not in lijst
    # As if it did not exist: the admin sends the beheerder back to its index.
    assert beheerder.get(f"/beheer/partners/voorziening/{elders.pk}/change/")["Location"] == reverse(
        "admin:index"
    )

    formulier = beheerder.get("/beheer/partners/voorziening/add/").content.decode()
    # Faker company names can hold "&", which the page shows escaped.
    assert html.escape(eigen.aanbieder.naam) in formulier
    assert vreemde_aanbieder.naam not in formulier
