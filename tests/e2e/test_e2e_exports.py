"""Export, print and the parties search of an agreement in a real browser (issue 9): the print page hides
the navigation and filters when printed and keeps every column; CSV and XLSX come as downloads; the
parties of an agreement can be searched with JavaScript (live) and without (the "Zoeken" button)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations
from tests.e2e.test_e2e_pages import log_in_as_coordinator, main_heading

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def netwerk(demo_data):
    from swv.core.models import Lidmaatschap
    from tests.factories import OrganisatieFactory, SleutelfiguurFactory

    swv = Lidmaatschap.objects.filter(user__username="coordinator").first().swv
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Zuiderveld")
    ggd = OrganisatieFactory(swv=swv, ggd=True, naam="GGD Zuiderveld en omstreken")
    ggd.werkgebied.set([gemeente])
    SleutelfiguurFactory(swv=swv, organisatie=ggd, functie="Jeugdverpleegkundige", niveau="uitvoering")
    for i in range(30):
        OrganisatieFactory(swv=swv, naam=f"Stichting Kwartel {i:02d}")
    return {"gemeente": gemeente, "ggd": ggd}


# "kwartel 0": every word must match, so Kwartel 00-09, 10 and 20.
KWARTEL_0 = [f"Stichting Kwartel {i:02d}" for i in range(30) if "0" in f"{i:02d}"]


def test_routekaart_print_page_prints_without_navigation_and_downloads_carry_the_filter(
    netwerk, live_server, page, screenshot
):
    log_in_as_coordinator(page, live_server.url)
    page.goto(f"{live_server.url}/partners/routekaart/")
    page.get_by_label("Gemeente", exact=True).select_option(label="Gemeente Zuiderveld")
    page.get_by_role("button", name="Gemeente tonen").click()
    page.wait_for_url(re.compile(r".*/partners/routekaart/\?.*gemeente=\d+.*"))

    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    assert re.fullmatch(r"routekaart-\d{4}-\d{2}-\d{2}\.csv", download.value.suggested_filename)
    with open(download.value.path(), encoding="utf-8-sig") as bestand:
        inhoud = bestand.read()
    assert "Jeugdverpleegkundige" in inhoud
    # The chosen gemeente only (and, as on the page, the contacts for the whole region).
    assert {regel.split(";")[0] for regel in inhoud.splitlines()[1:]} - {"Hele regio"} == {
        "Gemeente Zuiderveld"
    }

    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.get_by_test_id("export-afdruk").click()
    page.wait_for_url(re.compile(r".*/partners/export/routekaart/\?.*formaat=afdruk.*"))
    assert main_heading(page) == "Routekaart sleutelfiguren"
    assert "Gemeente: Gemeente Zuiderveld" in page.get_by_test_id("afdruk-filters").inner_text()
    # With JavaScript the "Afdrukken" button shows (static script; the CSP allows no inline script).
    assert page.get_by_role("button", name="Afdrukken").is_visible()
    assert_no_serious_a11y_violations(page)
    screenshot("routekaart-afdruk")

    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert not page.get_by_role("button", name="Afdrukken").is_visible()
    tabel = page.get_by_test_id("afdruk-tabel")
    # No column cut off: the table fits the printed width.
    breedte = page.evaluate("document.documentElement.clientWidth")
    assert tabel.bounding_box()["width"] <= breedte
    assert (
        page.evaluate("getComputedStyle(document.querySelector('[data-testid=afdruk-tabel] thead')).display")
        == "table-header-group"
    )


def _partijen_zichtbaar(page) -> list[str]:
    return [
        label.inner_text().strip() for label in page.locator("#id_partijen label").all() if label.is_visible()
    ]


def test_agreement_parties_filter_live_with_javascript(netwerk, live_server, page, screenshot):
    log_in_as_coordinator(page, live_server.url)
    page.goto(f"{live_server.url}/partners/afspraken/nieuw/")
    assert page.get_by_role("button", name="Zoeken").count() == 0  # not needed: the list filters live
    page.get_by_label("GGD Zuiderveld en omstreken").check()
    zoek = page.get_by_label("Partijen zoeken")
    zoek.fill("kwartel 0")
    zoek.press("Enter")  # must not save the form
    assert page.url.endswith("/partners/afspraken/nieuw/")
    zichtbaar = _partijen_zichtbaar(page)
    assert "GGD Zuiderveld en omstreken" in zichtbaar  # checked: stays in view
    assert sorted(n for n in zichtbaar if n.startswith("Stichting")) == KWARTEL_0
    assert len(zichtbaar) == len(KWARTEL_0) + 1
    page.get_by_role("status").filter(has_text="partijen getoond").wait_for()
    assert_no_serious_a11y_violations(page)
    screenshot("afspraak-partijen-js")


def test_agreement_parties_search_without_javascript(netwerk, live_server, browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        log_in_as_coordinator(page, live_server.url)
        page.goto(f"{live_server.url}/partners/afspraken/nieuw/")
        page.get_by_label("Soort").select_option(index=1)
        page.get_by_label("Titel").fill("Convenant Zuiderveld")
        page.get_by_label("GGD Zuiderveld en omstreken").check()
        page.get_by_label("Partijen zoeken").fill("kwartel 0")
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_load_state()
        # Back from the server: narrowed, the checked party first, the title still there, nothing saved.
        zichtbaar = _partijen_zichtbaar(page)
        assert zichtbaar[0] == "GGD Zuiderveld en omstreken"
        assert zichtbaar[1:] == KWARTEL_0
        assert page.get_by_label("GGD Zuiderveld en omstreken").is_checked()
        assert page.get_by_label("Titel").input_value() == "Convenant Zuiderveld"
        assert (
            f"{len(KWARTEL_0) + 1} van"
            in page.get_by_role("status").filter(has_text="partijen getoond").inner_text()
        )
        assert page.get_by_test_id("formulierfouten").count() == 0
        # (No axe here: it runs as a script in the page, which this context does not allow; the same
        # markup is checked with axe in the test above.)

        page.get_by_label("Stichting Kwartel 03").check()
        page.get_by_label("Ingangsdatum").fill("2026-01-01")
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_url(re.compile(r".*/partners/afspraken/$"))
        # Saved with both parties: the register lists it with them (read in the page, not the ORM, which
        # must not open a connection while the browser's event loop runs; see tests/e2e/conftest.py).
        rij = page.get_by_role("row").filter(has_text="Convenant Zuiderveld")
        assert "GGD Zuiderveld en omstreken" in rij.inner_text()
        assert "Stichting Kwartel 03" in rij.inner_text()
    finally:
        context.close()
