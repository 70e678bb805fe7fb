"""The admin follows the same tenancy as the pages: a beheerder manages only their own SWV."""

from html import escape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from partners.models import Organisatie
from swv.core.models import Lidmaatschap

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(users, client_for):
    user = users["beheerder"]
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["core", "partners"],
            codename__in=[
                "view_user",
                "change_user",
                "view_lidmaatschap",
                "view_organisatie",
                "change_organisatie",
            ],
        )
    )
    return client_for(user)


def test_beheerder_lists_only_organisations_of_their_own_swv(users, swv, beheerder):
    eigen = Organisatie.objects.filter(swv=swv).count()
    elders = users["outsider"].lidmaatschappen.get().organisatie

    body = beheerder.get("/beheer/partners/organisatie/").content.decode()

    assert f"{eigen} organisaties" in body
    assert escape(elders.naam) not in body
    # As if it did not exist: the admin sends the beheerder back to its index.
    assert beheerder.get(f"/beheer/partners/organisatie/{elders.pk}/change/")["Location"] == reverse(
        "admin:index"
    )


def test_beheerder_lists_only_memberships_and_accounts_of_their_own_swv(users, beheerder):
    outsider = users["outsider"]

    memberships = beheerder.get("/beheer/core/lidmaatschap/").content.decode()
    accounts = beheerder.get("/beheer/core/user/").content.decode()

    assert outsider.username not in memberships
    assert outsider.username not in accounts
    assert users["swv_coordinator"].username in accounts
    assert Lidmaatschap.objects.filter(user=outsider).exists()
