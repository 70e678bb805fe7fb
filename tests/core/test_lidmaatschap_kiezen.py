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


def _inloggen(client, user, next_url=""):
    from tests.factories import PASSWORD

    address = f"/inloggen/?next={next_url}" if next_url else "/inloggen/"
    return client.post(address, {"username": user.username, "password": PASSWORD})


def test_after_login_and_the_second_step_someone_with_two_memberships_chooses_first(tweeling):
    from django.test import Client

    from tests.twofactor import current_code, enrol

    user, extra = tweeling
    device = enrol(user)
    client = Client()

    after_password = _inloggen(client, user, "/casussen/")
    # The second step comes first (the 2FA middleware keeps the choice page and its next).
    second_step = client.get(after_password["Location"])
    assert second_step["Location"].startswith("/tweestapsverificatie/?next=")
    response = client.post(
        "/tweestapsverificatie/",
        {"code": current_code(device), "next": "/casussen/"},
        follow=True,
    )

    body = response.content.decode()
    assert response.redirect_chain[-1][0] == "/rol-kiezen/?next=%2Fcasussen%2F"
    assert "Voor wie werkt u nu?" in body
    assert " checked" not in body  # nothing chosen for the person
    chosen = client.post("/rol-kiezen/", {"lidmaatschap": extra.pk, "next": "/casussen/"})
    assert chosen["Location"] == "/casussen/"
    assert f"U werkt als Ketenpartner-professional voor {extra.organisatie.naam}" in (
        client.get("/casussen/").content.decode()
    )


def test_after_login_one_membership_goes_straight_on(users):
    from django.test import Client

    response = _inloggen(Client(), users["bestuurder"], "/oogo/")

    assert response["Location"] == "/oogo/"


def test_the_choice_page_does_not_send_on_to_another_site(tweeling, client_for):
    user, extra = tweeling

    response = client_for(user).post(
        "/rol-kiezen/", {"lidmaatschap": extra.pk, "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"
