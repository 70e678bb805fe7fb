"""The DUO import in a real browser: a beheerder uploads a file with bad rows, first as a dry-run, then for real;
the result pages show the counts and the bad rows and pass axe (WCAG 2.1 AA)."""

from __future__ import annotations

import binascii
import re
from pathlib import Path

import pytest
from django.conf import settings
from django_otp.oath import totp

from swv.core.demo_users import DEMO_TOTP_KEY_HEX
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parent.parent / "partners" / "data" / "scholen_met_fouten.csv"


def log_in_as_beheerder(page, base_url: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/tweestapsverificatie/.*"))
    page.get_by_label("Code").fill(f"{totp(binascii.unhexlify(DEMO_TOTP_KEY_HEX)):06d}")
    page.get_by_role("button", name="Verifiëren").click()
    page.wait_for_url(f"{base_url}/")


def test_beheerder_checks_then_imports_a_duo_file_and_sees_the_bad_rows(
    demo_data, live_server, settings, tmp_path, page, screenshot
):
    settings.MEDIA_ROOT = tmp_path
    log_in_as_beheerder(page, live_server.url)

    page.goto(f"{live_server.url}/partners/import/")
    assert page.get_by_role("heading", level=1).inner_text() == "DUO-gegevens importeren"
    assert_no_serious_a11y_violations(page)
    screenshot("duo-import")

    page.get_by_label("DUO-bestand (CSV)").set_input_files(str(SAMPLE))
    page.get_by_label("Alleen controleren (dry-run)").check()
    page.get_by_role("button", name="Inlezen").click()
    page.wait_for_url(re.compile(r".*/partners/import/\d+/$"))
    assert (
        page.get_by_test_id("samenvatting").inner_text().startswith("Alleen gecontroleerd, niets opgeslagen")
    )
    assert page.get_by_test_id("foutrijen").get_by_role("row").count() == 1 + 7
    assert_no_serious_a11y_violations(page)
    screenshot("duo-import-dry-run")

    page.get_by_role("link", name="Terug naar DUO-import").click()
    page.get_by_label("DUO-bestand (CSV)").set_input_files(str(SAMPLE))
    # The sample's gemeenten (8901-8903) lie outside the demo SWV's werkgebied: the beheerder names them.
    page.get_by_label("Ook scholen uit deze gemeenten (buiten het werkgebied)").fill("8901, 8902, 8903")
    page.get_by_role("button", name="Inlezen").click()
    page.wait_for_url(re.compile(r".*/partners/import/\d+/$"))
    assert page.get_by_test_id("nieuw").inner_text() == "3"
    assert page.get_by_test_id("fouten").inner_text() == "7"
    page.get_by_role("link", name="Terug naar DUO-import").click()
    assert page.get_by_test_id("eerdere-imports").get_by_role("row").count() == 1 + 2
