"""Logging in and out, resetting a password and being locked out, all in Dutch."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from swv.core.models import Rol
from tests.factories import PASSWORD
from tests.pages import start_page_of, start_sends_to
from tests.twofactor import current_code, enrol, login_with_both_steps

pytestmark = pytest.mark.django_db


def test_login_page_is_in_dutch(client):
    response = client.get("/inloggen/")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in body
    assert "Inloggen" in body
    assert "Wachtwoord" in body
    assert "Wachtwoord vergeten?" in body


def test_start_page_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_coordinator_logs_in_with_password_and_code_and_sees_for_whom_she_works(users, client):
    device = enrol(users["swv_coordinator"])

    after_password = client.post(
        "/inloggen/", {"username": "swv_coordinator", "password": PASSWORD}, follow=True
    )
    assert after_password.redirect_chain[-1][0] == "/tweestapsverificatie/?next=%2F"
    assert "Tweestapsverificatie" in after_password.content.decode()

    response = client.post("/tweestapsverificatie/", {"code": current_code(device), "next": "/"}, follow=True)

    body = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    assert "U werkt als SWV-coördinator voor Samenwerkingsverband Testdal (PO9801)" in body


def test_school_user_sees_her_school_as_the_organisation(users, client):
    user = users[Rol.INTERN_BEGELEIDER.value]
    school = user.lidmaatschappen.get().organisatie.naam

    response = login_with_both_steps(client, user, PASSWORD)

    assert f"U werkt als Intern begeleider voor {school} (PO9801)" in response.content.decode()


def test_wrong_password_shows_a_dutch_error_and_does_not_log_in(users, client):
    response = client.post("/inloggen/", {"username": "swv_coordinator", "password": "fout-wachtwoord"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in body
    assert 'value="swv_coordinator"' in body  # what the user typed is kept
    assert start_sends_to(client).startswith("/inloggen/")


def test_logout_by_post_ends_the_session(users, client):
    login_with_both_steps(client, users["swv_coordinator"], PASSWORD)
    start_page_of(client, users["swv_coordinator"])

    response = client.post("/uitloggen/")

    assert response.status_code == 302
    assert response["Location"] == "/inloggen/"
    assert start_sends_to(client).startswith("/inloggen/")


def test_logout_by_get_is_refused(users, client_for):
    client = client_for(users["swv_coordinator"])

    assert client.get("/uitloggen/").status_code == 405
    # Still signed in: a link or image pointing at /uitloggen/ cannot log anyone out.
    start_page_of(client, users["swv_coordinator"])


def test_password_reset_mails_a_dutch_link_that_sets_a_new_password(users, client):
    user = users["swv_coordinator"]

    response = client.post("/wachtwoord-vergeten/", {"email": user.email}, follow=True)

    assert "Controleer uw e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Nieuw wachtwoord voor Ketenregie"
    assert "Stel een nieuw wachtwoord in via deze link" in message.body
    link = re.search(r"https?://[^/\s]+(/wachtwoord-herstellen/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Nieuw wachtwoord instellen" in form_page.content.decode()
    nieuw = "een-heel-nieuw-wachtwoord-42"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": nieuw, "new_password2": nieuw}, follow=True
    )

    assert "Uw nieuwe wachtwoord is opgeslagen" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(nieuw)
    assert not user.check_password(PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing_but_says_the_same(db, client):
    response = client.post("/wachtwoord-vergeten/", {"email": "niemand@example.org"}, follow=True)

    assert "Controleer uw e-mail" in response.content.decode()
    assert mail.outbox == []


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(users, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/inloggen/", {"username": "swv_coordinator", "password": "geraden"})
        assert response.status_code == 200

    locked = client.post("/inloggen/", {"username": "swv_coordinator", "password": "geraden"})
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()

    response = client.post("/inloggen/", {"username": "swv_coordinator", "password": PASSWORD})

    body = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="nl"' in body
    assert "Inloggen is daarom tijdelijk geblokkeerd" in body
    assert start_sends_to(client).startswith("/inloggen/")


def test_lockout_of_one_account_leaves_other_accounts_alone(users, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/inloggen/", {"username": "swv_coordinator", "password": "geraden"})

    response = login_with_both_steps(client, users["swv_medewerker"], PASSWORD)

    assert response.redirect_chain[-1][0] == "/"
    assert response.status_code == 200


def test_a_lockout_ends_the_sessions_that_account_already_had(users, client):
    user = users["swv_coordinator"]
    login_with_both_steps(client, user, PASSWORD)
    start_page_of(client, user)
    other = users["swv_medewerker"]
    elsewhere = Client()
    login_with_both_steps(elsewhere, other, PASSWORD)

    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/inloggen/", {"username": user.username, "password": "geraden"})

    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    assert client.get("/api/v1/ik").status_code == 401
    # Only that account: another person's session keeps working.
    start_page_of(elsewhere, other)
