"""The ondersteuningsteam in a real browser (issue 10, part team): the coordinator invites the wijkteam
professional and records the ouders' consent, the professional sees the case in "Mijn casussen", the
consent is withdrawn and the professional's next request is "niet gevonden". Every page passes axe and
does not scroll sideways from 320 to 1280 px."""

from __future__ import annotations

import binascii
import datetime
import re

import pytest
from django.conf import settings
from django_otp.oath import totp

from swv.core.demo_users import DEMO_TOTP_KEY_HEX
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations
from tests.e2e.test_e2e_pages import main_heading
from tests.e2e.test_e2e_reflow import overflows

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


@pytest.fixture
def casus(demo_data):
    from swv.core.models import Lidmaatschap
    from tests.cases.factories_team import CasusFactory, OuderFactory

    zorgcoordinator = Lidmaatschap.objects.get(user__username="zorgcoordinator")
    casus = CasusFactory(
        swv=zorgcoordinator.swv,
        leerling__swv=zorgcoordinator.swv,
        leerling__school=zorgcoordinator.organisatie,
        # A name no demo pupil has: the partner's "Mijn casussen" also lists the demo's cases.
        leerling__achternaam="Teamtestleerling",
    )
    casus.ouder = OuderFactory(
        leerling=casus.leerling, voornaam="Marieke", achternaam="Testouder", gezag=True
    )
    casus.partner_lidmaatschap = Lidmaatschap.objects.get(user__username="ketenpartner")
    return casus


def test_coordinator_invites_a_partner_with_consent_and_withdrawal_closes_the_case_to_them(
    casus, live_server, browser, screenshot
):
    base = live_server.url
    coordinator = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    partner = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    log_in(coordinator, base, "coordinator")
    log_in(partner, base, "ketenpartner")
    team = f"{base}/casussen/{casus.pk}/team/"

    coordinator.goto(team)
    assert main_heading(coordinator) == "Ondersteuningsteam en toestemming"
    assert_no_serious_a11y_violations(coordinator)

    coordinator.get_by_role("link", name="Lid toevoegen").click()
    assert main_heading(coordinator) == "Lid toevoegen aan het ondersteuningsteam"
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_label("Rol in het team").select_option("partner")
    coordinator.get_by_label("Gebruiker (krijgt toegang)").select_option(
        value=str(casus.partner_lidmaatschap.pk)
    )
    coordinator.get_by_role("button", name="Toevoegen").click()
    coordinator.wait_for_url(team)
    assert "Wijkteam Lindedal" in coordinator.get_by_test_id("leden").inner_text()

    # Member without consent: the partner does not see the case yet.
    assert partner.goto(team).status == 404

    coordinator.get_by_role("link", name="Toestemming vastleggen").click()
    coordinator.get_by_label("Voor organisatie").select_option(label="Wijkteam Lindedal")
    coordinator.get_by_label("Gegeven door").select_option(value=f"ouder:{casus.ouder.pk}")
    coordinator.get_by_label("Gegeven op").fill(datetime.date.today().isoformat())
    coordinator.get_by_label("Hoe gegeven").select_option("schriftelijk")
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_role("button", name="Vastleggen").click()
    coordinator.wait_for_url(team)
    assert "Geldig" in coordinator.get_by_test_id("toestemmingen").inner_text()
    assert_no_serious_a11y_violations(coordinator)
    screenshot("team")

    partner.goto(f"{base}/casussen/mijn/")
    assert main_heading(partner) == "Mijn casussen"
    assert casus.leerling.achternaam in partner.get_by_test_id("mijn-casussen").inner_text()
    assert_no_serious_a11y_violations(partner)
    partner.get_by_role("link", name=f"Casus {casus.pk}").click()
    partner.wait_for_url(team)
    assert partner.get_by_role("link", name="Lid toevoegen").count() == 0
    for pad, kop in (("betrokkenen", "Betrokkenen"), ("tijdlijn", "Tijdlijn")):
        partner.goto(f"{base}/casussen/{casus.pk}/{pad}/")
        assert main_heading(partner) == kop
        assert_no_serious_a11y_violations(partner)
    assert "toegevoegd aan het ondersteuningsteam" in partner.get_by_test_id("tijdlijn").inner_text()

    coordinator.goto(team)
    coordinator.get_by_test_id("toestemmingen").get_by_role("link", name=re.compile("Intrekken")).click()
    coordinator.get_by_label("Reden van intrekking").fill("Ouders willen geen deelname meer")
    coordinator.get_by_role("button", name="Intrekken").click()
    coordinator.wait_for_url(team)
    assert "Ingetrokken op" in coordinator.get_by_test_id("toestemmingen").inner_text()

    assert partner.goto(team).status == 404
    partner.goto(f"{base}/casussen/mijn/")
    assert casus.leerling.achternaam not in partner.get_by_role("main").inner_text()


def test_team_pages_do_not_scroll_sideways(casus, live_server, page):
    log_in(page, live_server.url, "coordinator")
    paden = [
        f"/casussen/{casus.pk}/{p}/"
        for p in ("team", "team/lid-toevoegen", "team/toestemming-vastleggen", "betrokkenen", "tijdlijn")
    ]
    assert overflows(page, live_server.url, [*paden, "/casussen/mijn/"]) == []
