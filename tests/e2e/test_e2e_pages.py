"""The main pages after login, in a real browser: each has its heading and passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import binascii
import re

import pytest
from django.conf import settings
from django_otp.oath import totp

from swv.core.demo_users import DEMO_TOTP_KEY_HEX
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as_coordinator(page, base_url: str) -> None:
    """Both login steps through the forms: password, then the demo account's current TOTP code."""
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/tweestapsverificatie/.*"))
    page.get_by_label("Code").fill(f"{totp(binascii.unhexlify(DEMO_TOTP_KEY_HEX)):06d}")
    page.get_by_role("button", name="Verifiëren").click()
    page.wait_for_url(f"{base_url}/")


def main_heading(page) -> str:
    return page.get_by_role("main").get_by_role("heading", level=1).inner_text()


def test_coordinator_pages_have_their_heading_and_no_serious_a11y_violations(
    demo_data, live_server, page, screenshot
):
    failed: list[str] = []
    page.on(
        "response",
        lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"),
    )
    log_in_as_coordinator(page, live_server.url)

    page.goto(f"{live_server.url}/casussen/leerlingen/")
    assert main_heading(page) == "Leerlingen"
    assert page.get_by_test_id("leerlingen").is_visible()
    assert_no_serious_a11y_violations(page)
    screenshot("leerlingen")

    page.get_by_test_id("leerlingen").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r".*/casussen/leerlingen/\d+/$"))
    assert main_heading(page)
    assert page.get_by_role("link", name="Terug naar leerlingen").is_visible()
    assert_no_serious_a11y_violations(page)
    screenshot("leerling")
    # Issue 10: leerplicht, enrolments and ouders on the pupil page; an ouder added through the form,
    # a bad e-mail address first (the input stays), then a good one.
    assert page.get_by_test_id("leerplicht-eindigt").is_visible()
    assert page.get_by_test_id("inschrijvingen").is_visible()
    leerling_url = page.url
    page.get_by_role("link", name="Ouder/verzorger toevoegen").click()
    page.get_by_label("Achternaam").fill("Testouder")
    page.get_by_label("Relatie").select_option("voogd")
    page.get_by_label("E-mail").fill("geen-adres")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_test_id("formulierfouten").is_visible()
    assert page.get_by_label("Achternaam").input_value() == "Testouder"
    assert_no_serious_a11y_violations(page)
    # That 400 was the point (a form with errors answers 400); no other response may fail.
    assert [f for f in failed if "/ouders/nieuw/" in f] == [f"400 {page.url}"]
    failed[:] = [f for f in failed if "/ouders/nieuw/" not in f]
    page.get_by_label("E-mail").fill("voogd@example.org")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(leerling_url)
    assert "voogd@example.org" in page.get_by_test_id("ouders").inner_text()
    assert_no_serious_a11y_violations(page)

    page.goto(f"{live_server.url}/audit/")
    assert main_heading(page) == "Privacy-log"
    assert_no_serious_a11y_violations(page)
    screenshot("audit")

    page.goto(f"{live_server.url}/rol-kiezen/")
    assert main_heading(page) == "Voor wie werkt u nu?"
    assert_no_serious_a11y_violations(page)
    screenshot("rol-kiezen")

    # Every page links the favicon, so the browser does not ask for a missing /favicon.ico.
    assert not failed, failed
