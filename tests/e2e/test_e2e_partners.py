"""The partner registry in a real browser: live search in the list (htmx), then the routekaart with its gaps."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations
from tests.e2e.test_e2e_pages import log_in_as_coordinator, main_heading

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partners_in_demo_swv(demo_data):
    """A small, known network in the demo coordinator's SWV, next to whatever the demo data holds."""
    from swv.core.models import Lidmaatschap
    from tests.factories import OrganisatieFactory, SleutelfiguurFactory

    swv = Lidmaatschap.objects.filter(user__username="coordinator").first().swv
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Zuiderveld")
    ggd = OrganisatieFactory(swv=swv, ggd=True, naam="GGD Zuiderveld en omstreken")
    ggd.werkgebied.set([gemeente])
    SleutelfiguurFactory(swv=swv, organisatie=ggd, functie="Jeugdverpleegkundige", niveau="uitvoering")
    return {"gemeente": gemeente, "ggd": ggd}


def test_coordinator_searches_partners_and_sees_a_gap_on_the_routekaart(
    partners_in_demo_swv, live_server, page, screenshot
):
    failed: list[str] = []
    page.on(
        "response",
        lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"),
    )
    log_in_as_coordinator(page, live_server.url)

    page.goto(f"{live_server.url}/partners/")
    assert main_heading(page) == "Ketenpartners"
    assert_no_serious_a11y_violations(page)

    # Typing filters the results without a page load (htmx), and the address follows the search.
    page.get_by_label("Zoek op naam, plaats, code of BRIN, of op een persoon of functie").fill(
        "zuiderveld en omstreken"
    )
    page.wait_for_url(re.compile(r".*/partners/\?.*q=zuiderveld.*"))
    resultaten = page.get_by_test_id("partners")
    resultaten.get_by_role("link", name="GGD Zuiderveld en omstreken").wait_for()
    assert resultaten.get_by_role("row").count() == 2  # header + the one hit
    assert_no_serious_a11y_violations(page)
    screenshot("partners-zoeken")

    resultaten.get_by_role("link", name="GGD Zuiderveld en omstreken").click()
    page.wait_for_url(re.compile(rf".*/partners/{partners_in_demo_swv['ggd'].pk}/$"))
    assert main_heading(page) == "GGD Zuiderveld en omstreken"
    assert_no_serious_a11y_violations(page)

    # "Who is our Jeugdverpleegkundige?": the people page answers with the person and the organisation.
    page.goto(f"{live_server.url}/partners/personen/")
    assert main_heading(page) == "Personen en sleutelfiguren"
    page.get_by_label("Zoek op naam, functie, onderwerp of organisatie").fill("Jeugdverpleegkundige")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r".*/partners/personen/\?.*q=Jeugdverpleegkundige.*"))
    rij = page.get_by_test_id("persoon-rol")
    assert rij.count() >= 1
    assert "GGD Zuiderveld en omstreken" in page.get_by_test_id("personen").inner_text()
    assert_no_serious_a11y_violations(page)
    screenshot("personen")

    page.goto(f"{live_server.url}/partners/routekaart/")
    assert main_heading(page) == "Routekaart sleutelfiguren"
    page.get_by_label("Gemeente", exact=True).select_option(label="Gemeente Zuiderveld")
    page.get_by_role("button", name="Gemeente tonen").click()
    page.wait_for_url(re.compile(r".*/partners/routekaart/\?.*gemeente=\d+.*"))
    gaten = page.get_by_role("status").filter(has_text="ontbrekende contacten")
    assert "Geen contact op bestuur & beleid voor Zuiderveld" in gaten.inner_text()
    assert "Jeugdverpleegkundige" in page.get_by_test_id("routekaart-gemeente").inner_text()
    assert_no_serious_a11y_violations(page)
    screenshot("routekaart")

    page.goto(f"{live_server.url}/partners/netwerk/")
    assert (
        page.get_by_test_id("netwerk-svg").get_by_role("link", name=re.compile("GGD Zuiderveld")).count() == 1
    )
    assert_no_serious_a11y_violations(page)
    screenshot("netwerk")

    assert not failed, failed
