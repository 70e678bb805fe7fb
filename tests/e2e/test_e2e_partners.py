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


def test_coordinator_corrects_a_key_person_role_on_the_day_it_started(
    partners_in_demo_swv, live_server, page, screenshot
):
    """Issue 9: a role started today can be corrected today (function and level, organisation, end), and
    every correction is in the history with the coordinator as its writer."""
    from django.contrib.auth import get_user_model

    from partners.models import Organisatie, Sleutelfiguur
    from swv.audit.models import SleutelfiguurEvent

    failed: list[str] = []
    page.on(
        "response",
        lambda response: response.status >= 500 and failed.append(f"{response.status} {response.url}"),
    )
    ggd = partners_in_demo_swv["ggd"]
    wijkteam = Organisatie.objects.create(
        swv=ggd.swv, soort=Organisatie.Soort.WIJKTEAM, naam="Wijkteam Zuiderveld-Oost"
    )
    log_in_as_coordinator(page, live_server.url)

    # A new key person, starting today (the form's default).
    page.goto(f"{live_server.url}/partners/{ggd.pk}/")
    page.get_by_role("link", name="Sleutelfiguur toevoegen").click()
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Verbeek")
    page.get_by_label("Functie").fill("Jeugdverpleegkundige")
    page.get_by_label("Niveau").select_option(label="Uitvoering")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf".*/partners/{ggd.pk}/$"))
    rol = Sleutelfiguur.objects.get(persoon__achternaam="Verbeek")
    assert rol.is_huidig

    # The same day: the function and the level were wrong.
    page.get_by_role("link", name="Wijzigen (Noor Verbeek)").click()
    assert main_heading(page) == "Rol van Noor Verbeek wijzigen"
    assert_no_serious_a11y_violations(page)
    page.get_by_label("Functie").fill("Jeugdarts")
    page.get_by_label("Niveau").select_option(label="Organisatie")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf".*/partners/{ggd.pk}/$"))
    assert "Jeugdarts" in page.get_by_test_id("niveau-organisatie").inner_text()
    assert "Noor Verbeek" not in page.get_by_test_id("niveau-uitvoering").inner_text()
    screenshot("sleutelfiguur-gecorrigeerd")

    # The same day: the organisation was wrong too; the move is dated today.
    page.get_by_role("link", name="Verhuizen (Noor Verbeek)").click()
    page.get_by_label("Nieuwe organisatie").select_option(label="Wijkteam Zuiderveld-Oost")
    page.get_by_role("button", name="Verhuizen").click()
    page.wait_for_url(re.compile(rf".*/partners/{wijkteam.pk}/$"))
    assert "Noor Verbeek, Jeugdarts" in page.get_by_test_id("niveau-organisatie").inner_text()
    nieuw = Sleutelfiguur.objects.get(persoon__achternaam="Verbeek", organisatie=wijkteam)
    rol.refresh_from_db()
    assert (rol.van, rol.tot) == (nieuw.van, nieuw.van)
    assert nieuw.is_huidig
    assert not rol.is_huidig

    # And the same day it turns out the person does not work here: the role ends today.
    page.get_by_role("link", name="Beëindigen (Noor Verbeek)").click()
    page.get_by_role("button", name="Beëindigen").click()
    page.wait_for_url(re.compile(rf".*/partners/{wijkteam.pk}/$"))
    assert "Noor Verbeek" in page.get_by_test_id("eerdere-sleutelfiguren").inner_text()
    assert_no_serious_a11y_violations(page)

    # Each correction is recorded, by the coordinator.
    events = SleutelfiguurEvent.objects.filter(pgh_obj_id__in=[rol.pk, nieuw.pk]).order_by("pgh_id")
    assert [(e.pgh_obj_id, e.pgh_label, e.functie, e.niveau, e.tot is not None) for e in events] == [
        (rol.pk, "create", "Jeugdverpleegkundige", "uitvoering", False),
        (rol.pk, "update", "Jeugdarts", "organisatie", False),
        (rol.pk, "update", "Jeugdarts", "organisatie", True),
        (nieuw.pk, "create", "Jeugdarts", "organisatie", False),
        (nieuw.pk, "update", "Jeugdarts", "organisatie", True),
    ]
    coordinator = get_user_model().objects.get(username="coordinator")
    assert {e.pgh_context.metadata.get("user") for e in events} == {coordinator.pk}
    assert not failed, failed


def test_filtering_and_paging_the_agreements_register_land_at_the_register(demo_data, live_server, page):
    """Issue 9: the register is below the attention list; its filter and page links do not jump to the top."""
    from swv.core.models import Lidmaatschap
    from tests.factories import AfspraakFactory

    swv = Lidmaatschap.objects.filter(user__username="coordinator").first().swv
    for n in range(55):
        AfspraakFactory(swv=swv, soort="convenant", titel=f"Convenant register {n:02d}")
    page.set_viewport_size({"width": 1280, "height": 700})
    log_in_as_coordinator(page, live_server.url)
    page.goto(f"{live_server.url}/partners/afspraken/")
    kop = page.locator("#register-kop")

    def op_het_register() -> None:
        page.wait_for_url(re.compile(r".*#register-kop$"))
        assert page.evaluate("window.scrollY") > 0
        box = kop.bounding_box()
        assert box is not None
        assert 0 <= box["y"] < 700, box

    register = page.get_by_role("form", name="Alle afspraken filteren")
    register.get_by_label("Soort").select_option(label="Convenant")
    register.get_by_role("button", name="Filteren").click()
    op_het_register()
    assert "soort=convenant" in page.url

    page.get_by_role("link", name="Volgende").click()
    op_het_register()
    assert "pagina=2" in page.url
    assert "soort=convenant" in page.url
