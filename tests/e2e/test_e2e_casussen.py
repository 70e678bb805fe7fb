"""The case journey in a real browser, without JavaScript help: a school saves and submits an aanmelding,
the coordinator finds it in the queue, assigns it in one step and moves it; every page passes axe."""

from __future__ import annotations

import binascii
import re

import pytest
from django.conf import settings
from django_otp.oath import totp

from swv.core.demo_users import DEMO_TOTP_KEY_HEX
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/tweestapsverificatie/.*"))
    page.get_by_label("Code").fill(f"{totp(binascii.unhexlify(DEMO_TOTP_KEY_HEX)):06d}")
    page.get_by_role("button", name="Verifiëren").click()
    page.wait_for_url(f"{base_url}/")


def test_a_school_submits_and_the_coordinator_assigns_and_moves_the_case(
    demo_data, live_server, page, screenshot
):
    base = live_server.url
    log_in(page, base, "zorgcoordinator")
    page.goto(f"{base}/casussen/")
    assert_no_serious_a11y_violations(page)
    page.get_by_role("link", name="Nieuwe aanmelding").click()
    page.get_by_label("BSN").fill("123456782")
    page.get_by_label("Voornaam").fill("Fenna")
    page.get_by_label("Achternaam").fill("Browsertest")
    page.get_by_label("Geboortedatum").fill("2016-05-01")
    page.get_by_label("Woongemeente").select_option(index=1)
    page.get_by_label("Vraagstelling").fill("Hoe helpen we Fenna met lezen?")
    assert_no_serious_a11y_violations(page)
    page.get_by_role("button", name="Aanmelden").click()
    # Incomplete: kept as a concept, the edit page lists what is missing.
    page.wait_for_url(re.compile(r".*/casussen/\d+/wijzigen/$"))
    assert page.get_by_test_id("ontbrekend").is_visible()
    assert page.get_by_label("Vraagstelling").input_value() == "Hoe helpen we Fenna met lezen?"
    assert_no_serious_a11y_violations(page)
    screenshot("aanmelding-onvolledig")
    for label in (
        "Ondersteuningsbehoefte",
        "Bevorderende factoren",
        "Belemmerende factoren",
        "Wat de school al deed",
        "Met welk resultaat",
        "Visie van de ouders",
    ):
        page.get_by_label(label, exact=True).fill(f"{label}: ingevuld in de browsertest.")
    page.get_by_label("De ouders zijn geïnformeerd over deze aanmelding").check()
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r".*/casussen/\d+/$"))
    assert page.get_by_test_id("status").inner_text() == "Aangemeld"
    casus_url = page.url

    page.context.clear_cookies()
    log_in(page, base, "coordinator")
    page.goto(f"{base}/casussen/?tab=nieuw")
    assert_no_serious_a11y_violations(page)
    screenshot("wachtrij")
    page.get_by_label("Casusregisseur voor Fenna Browsertest").select_option(
        label=page.get_by_label("Casusregisseur voor Fenna Browsertest").locator("option").nth(1).inner_text()
    )
    page.get_by_role("row", name=re.compile("Browsertest")).get_by_role("button", name="Toewijzen").click()
    page.wait_for_url(re.compile(r".*/casussen/\?tab=nieuw$"))
    page.goto(casus_url)
    assert page.get_by_test_id("regisseur").inner_text() != "nog niemand"
    page.get_by_role("button", name="Naar „In behandeling”").click()
    page.wait_for_url(casus_url)
    assert page.get_by_test_id("status").inner_text() == "In behandeling"
    assert "In behandeling" in page.get_by_test_id("overgangen").inner_text()
    assert_no_serious_a11y_violations(page)
    screenshot("casus")
    page.goto(f"{base}/casussen/overzicht/?q=lezen")
    assert "Browsertest" in page.get_by_test_id("casussen").inner_text()
    assert_no_serious_a11y_violations(page)


def test_the_case_pages_fit_every_screen_width(demo_data, live_server, browser):
    from cases.services_casus import aanmelding_indienen, aanmelding_opslaan
    from partners.models import Organisatie
    from tests.cases.factories_casus import VOLLEDIG
    from tests.e2e.test_e2e_reflow import overflows
    from tests.factories import LeerlingFactory

    school = Organisatie.objects.get(code="99AB00")
    # Pupils of their own: the demo gives the school's pupils open cases (one open case per pupil and school).
    gemeente = Organisatie.objects.filter(swv=school.swv, soort="gemeente").order_by("pk").first()
    leerlingen = [LeerlingFactory(swv=school.swv, school=school, woongemeente=gemeente) for _ in range(2)]
    lang = "Ondersteuningsbehoefteonderzoeksverslagvanhetsamenwerkingsverband " * 8
    ingediend = aanmelding_opslaan(
        school=school, by=None, leerling=leerlingen[0], **{**VOLLEDIG, "vraagstelling": lang}
    )
    aanmelding_indienen(casus=ingediend, by=None)
    concept = aanmelding_opslaan(school=school, by=None, leerling=leerlingen[1], vraagstelling=lang)

    problems = []
    for username, paths in (
        ("coordinator", ["/casussen/", "/casussen/overzicht/", f"/casussen/{ingediend.pk}/"]),
        ("zorgcoordinator", ["/casussen/", "/casussen/aanmelden/", f"/casussen/{concept.pk}/wijzigen/"]),
    ):
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        context.set_default_timeout(15_000)
        page = context.new_page()
        log_in(page, live_server.url, username)
        problems += overflows(page, live_server.url, paths)
        context.close()
    assert not problems, "\n".join(problems)
