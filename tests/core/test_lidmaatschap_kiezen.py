"""A person with several memberships chooses which one they act through; the choice shows on every page."""

import pytest

from swv.core.models import Rol
from tests.factories import LidmaatschapFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tweeling(users, swv):
    """The intern begeleider also works as ketenpartner at a wijkteam."""
    user = users[Rol.INTERN_BEGELEIDER.value]
    extra = LidmaatschapFactory(
        swv=swv, user=user, organisatie=OrganisatieFactory(swv=swv, wijkteam=True), rol=Rol.KETENPARTNER
    )
    return user, extra


def test_header_offers_the_choice_only_to_people_with_more_than_one_membership(users, tweeling, client_for):
    user, _extra = tweeling

    assert "Andere rol of organisatie kiezen" in client_for(user).get("/").content.decode()
    assert (
        "Andere rol of organisatie kiezen"
        not in client_for(users["swv_coordinator"]).get("/").content.decode()
    )


def test_choosing_another_membership_changes_role_menu_and_header(tweeling, client_for):
    user, extra = tweeling
    client = client_for(user)
    assert "U werkt als Intern begeleider" in client.get("/thuiszitters/").content.decode()

    response = client.post("/rol-kiezen/", {"lidmaatschap": extra.pk}, follow=True)

    body = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    assert f"U werkt nu als Ketenpartner-professional voor {extra.organisatie.naam}" in body
    assert f"U werkt als Ketenpartner-professional voor {extra.organisatie.naam}" in body
    assert client.get("/thuiszitters/").status_code == 403  # a ketenpartner has no verzuim module


def test_someone_else_s_membership_cannot_be_chosen(users, tweeling, client_for):
    user, _extra = tweeling
    client = client_for(user)
    vreemd = users["swv_coordinator"].lidmaatschappen.get()

    response = client.post("/rol-kiezen/", {"lidmaatschap": vreemd.pk})

    assert response.status_code == 400
    assert "Kies een van uw eigen lidmaatschappen" in response.content.decode()
    assert "U werkt als Intern begeleider" in client.get("/").content.decode()


def test_an_inactive_membership_cannot_be_chosen(tweeling, client_for):
    user, extra = tweeling
    extra.actief = False
    extra.save(update_fields=["actief"])

    response = client_for(user).post("/rol-kiezen/", {"lidmaatschap": extra.pk})

    assert response.status_code == 400
