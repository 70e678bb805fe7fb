"""`manage.py demo_data` gives every role a demo account and can run any number of times."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from partners.models import Organisatie
from swv.core.demo import DEMO_ACCOUNTS
from swv.core.demo_users import DEMO_USERS
from swv.core.models import Lidmaatschap, Rol, Samenwerkingsverband, User

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "swv": Samenwerkingsverband.objects.count(),
        "users": User.objects.count(),
        "organisaties": Organisatie.objects.count(),
        "lidmaatschappen": Lidmaatschap.objects.count(),
    }


def test_second_demo_data_run_adds_nothing(capsys):
    call_command("demo_data")
    first = counts()
    assert "Demogegevens geladen" in capsys.readouterr().out

    call_command("demo_data")

    assert counts() == first
    assert "niets toegevoegd" in capsys.readouterr().out
    assert first["users"] == len(Rol)
    # One membership per role, plus the demo intern begeleider's second school.
    assert first["lidmaatschappen"] == len(Rol) + 1


def test_every_role_has_a_demo_user():
    call_command("demo_data")

    rollen = set(Lidmaatschap.objects.filter(user__username__in=DEMO_ACCOUNTS).values_list("rol", flat=True))
    assert rollen == set(Rol.values)


def test_the_welcome_list_names_every_demo_account():
    assert [username for username, _label in DEMO_USERS] == list(DEMO_ACCOUNTS)


@pytest.mark.parametrize("username", list(DEMO_ACCOUNTS))
def test_demo_user_can_log_in_with_the_demo_password_and_the_public_demo_code(username):
    call_command("demo_data")
    client = Client()

    response = client.post(
        "/inloggen/", {"username": username, "password": settings.DEMO_PASSWORD}, follow=True
    )
    rol = DEMO_ACCOUNTS[username][0]
    if rol != Rol.BESTUURDER:
        # Pre-enrolled: the code printed by `manage.py demo_totp` completes the second step.
        assert response.redirect_chain[-1][0].startswith("/tweestapsverificatie/")
        out = StringIO()
        call_command("demo_totp", username, stdout=out)
        response = client.post(
            "/tweestapsverificatie/", {"code": out.getvalue().strip(), "next": "/"}, follow=True
        )
    if username == "ib":
        # Two memberships: asked whom to act for right after login, then on to the page asked for.
        assert response.redirect_chain[-1][0] == "/rol-kiezen/?next=%2F"
        keuze = next(lm for lm in response.context["lidmaatschappen"] if lm.rol == rol)
        response = client.post("/rol-kiezen/", {"lidmaatschap": keuze.pk, "next": "/"}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert f"U werkt als {rol.label} voor " in response.content.decode()


def test_demo_totp_refuses_an_account_that_is_not_on_the_public_demo_key(users):
    from django.core.management.base import CommandError

    from tests.twofactor import enrol

    enrol(users["swv_coordinator"])

    with pytest.raises(CommandError):
        call_command("demo_totp", "swv_coordinator", stdout=StringIO())


def test_demo_data_does_not_touch_a_changed_password():
    call_command("demo_data")
    user = User.objects.get(username="coordinator")
    user.set_password("zelf-gekozen-wachtwoord-123")
    user.save(update_fields=["password"])

    call_command("demo_data")

    user.refresh_from_db()
    assert user.check_password("zelf-gekozen-wachtwoord-123")
