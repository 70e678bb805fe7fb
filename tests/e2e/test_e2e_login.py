"""The start of every visit, in a real browser: log in through the form and land on the start page."""

from __future__ import annotations

import binascii
import re

import pytest
from django.conf import settings
from django_otp.oath import totp

from swv.core.demo_users import DEMO_TOTP_KEY_HEX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# axe-core impacts that fail the test; "moderate" and "minor" are reported by axe but not fatal here.
BLOCKING_IMPACTS = {"serious", "critical"}
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_no_serious_a11y_violations(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{page.url}:\n{results.generate_report()}"
    print(
        f"axe {page.url}: {results.violations_count} minor/moderate violation(s)\n{results.generate_snapshot()}"
    )


def test_coordinator_logs_in_through_the_form_and_sees_the_start_page(
    demo_data, live_server, page, screenshot
):
    failed: list[str] = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")  # the browser asks for it unprompted
            and failed.append(f"{response.status} {response.url}")
        ),
    )
    page.goto(f"{live_server.url}/")

    # Anonymous visitors are sent to the login page.
    assert "/inloggen/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"
    # The NL Design System stylesheets and htmx were served (live_server uses the staticfiles handler).
    stylesheets = page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.sheet ? l.sheet.cssRules.length : 0)"
    )
    assert len(stylesheets) == 3
    assert all(stylesheets), stylesheets
    assert page.evaluate("typeof window.htmx") == "object"
    assert_no_serious_a11y_violations(page)
    screenshot("inloggen")

    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # Second step: the demo accounts use the public demo key, so the test computes the app's code.
    page.wait_for_url(re.compile(r".*/tweestapsverificatie/\?next=.*"))
    assert page.get_by_role("heading", level=1).inner_text() == "Tweestapsverificatie"
    assert_no_serious_a11y_violations(page)
    code = totp(binascii.unhexlify(DEMO_TOTP_KEY_HEX))
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Verifiëren").click()
    page.wait_for_url(f"{live_server.url}/")

    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().startswith("Welkom,")
    acting = page.get_by_test_id("acting-as")
    assert "U werkt als SWV-coördinator" in acting.inner_text()
    assert_no_serious_a11y_violations(page)
    screenshot("start")
    assert not failed, failed
