"""The demo cases in a real browser: the coordinator, the intern begeleider (at each of her two schools),
the wijkteam professional and the leerplichtambtenaar log in on the demo data and each sees case rows on
their own list, and opens the pages of a running case that their role may open."""

from __future__ import annotations

import binascii
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django_otp.oath import totp

from swv.core.demo_users import DEMO_TOTP_KEY_HEX
from tests.e2e.test_e2e_pages import main_heading

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url: str, username: str, organisatie: str | None = None) -> None:
    """Both login steps (as tests/e2e/test_e2e_team.py), then the role chooser for a person with two."""
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/tweestapsverificatie/.*"))
    page.get_by_label("Code").fill(f"{totp(binascii.unhexlify(DEMO_TOTP_KEY_HEX)):06d}")
    page.get_by_role("button", name="Verifiëren").click()
    if organisatie is None:
        page.wait_for_url(f"{base_url}/")
        return
    page.wait_for_url(re.compile(r".*/rol-kiezen/.*"))
    page.get_by_label(re.compile(re.escape(organisatie))).check()
    page.get_by_role("button", name="Kiezen").click()
    page.wait_for_url(re.compile(rf"{re.escape(base_url)}/(\?.*)?$"))


def foto(page, naam: str) -> None:
    """A full-page screenshot of this role's page when E2E_SCREENSHOT_DIR is set (as the `screenshot` fixture,
    which photographs its own page)."""
    if directory := os.environ.get("E2E_SCREENSHOT_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{naam}.png"), full_page=True)


def rijen(page, testid: str) -> int:
    return page.get_by_test_id(testid).locator("tbody tr").count()


def lopende_casus() -> int:
    """The running demo case at De Regenboog: the wijkteam and leerplicht take part in it."""
    from cases.models import Casus

    return Casus.objects.get(school__code="99AB00", status="lopend").pk


def test_every_role_sees_the_demo_cases_on_its_own_screen(demo_data, live_server, browser):
    base = live_server.url
    pk = lopende_casus()

    def nieuw():
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        context.set_default_timeout(15_000)
        return context.new_page()

    coordinator = nieuw()
    log_in(coordinator, base, "coordinator")
    # The start page: tasks of the deadline engine.
    assert coordinator.get_by_test_id("start-taken").get_by_test_id("taken").locator("li").count() >= 1
    for tab in ("nieuw", "te_laat", "zonder_regisseur", "mijn"):
        coordinator.goto(f"{base}/casussen/?tab={tab}")
        assert rijen(coordinator, "casussen") >= 1, tab
    coordinator.goto(f"{base}/casussen/overzicht/")
    assert rijen(coordinator, "casussen") >= 25
    foto(coordinator, "demo-overzicht-coordinator")
    for pad in (f"/casussen/{pk}/", f"/casussen/{pk}/plan/", f"/casussen/{pk}/acties/", "/casussen/taken/"):
        assert coordinator.goto(f"{base}{pad}").status == 200, pad
    assert coordinator.get_by_test_id("taken").locator("li").count() >= 3

    # One login (a TOTP code works once), then the other school through "Andere rol kiezen".
    ib = nieuw()
    log_in(ib, base, "ib", "Basisschool Het Kompas")
    for school in ("Basisschool Het Kompas", "Basisschool De Regenboog"):
        if school != "Basisschool Het Kompas":
            ib.goto(f"{base}/rol-kiezen/")
            ib.get_by_label(re.compile(re.escape(school))).check()
            ib.get_by_role("button", name="Kiezen").click()
            ib.wait_for_url(re.compile(rf"{re.escape(base)}/(\?.*)?$"))
        ib.goto(f"{base}/casussen/")
        tabel = ib.get_by_test_id("casussen")
        assert tabel.locator("tbody tr").count() >= 8, school
        assert "Concept" in tabel.inner_text()  # the school's own drafts
        foto(ib, f"demo-casussen-ib-{school.split()[-1].lower()}")
    for pad in (f"/casussen/{pk}/", f"/casussen/{pk}/plan/", f"/casussen/{pk}/team/"):
        assert ib.goto(f"{base}{pad}").status == 200, pad

    for username, paden in (
        ("ketenpartner", ("team", "plan", "acties", "evaluaties", "tijdlijn")),
        ("leerplicht", ("team", "betrokkenen", "tijdlijn")),
    ):
        pro = nieuw()
        log_in(pro, base, username)
        pro.locator("nav.site-nav").get_by_role("link", name="Mijn casussen").click()
        pro.wait_for_url(f"{base}/casussen/mijn/")
        assert main_heading(pro) == "Mijn casussen"
        assert rijen(pro, "mijn-casussen") >= 3, username
        foto(pro, f"demo-mijn-casussen-{username}")
        pro.get_by_test_id("mijn-casussen").get_by_role("link", name=f"Casus {pk}").click()
        pro.wait_for_url(f"{base}/casussen/{pk}/team/")
        for pad in paden:
            assert pro.goto(f"{base}/casussen/{pk}/{pad}/").status == 200, (username, pad)
