"""The TLV journey in a real browser: the coordinator requests a TLV from a case, two deskundigen advise (the
SWV's deskundige herself, and one from the registry recorded by the coordinator), the coordinator decides,
the decision letter opens as a PDF, and the school sees the TLV. Each page passes axe."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_e2e_casussen import log_in
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def maak_casus() -> tuple[int, str]:
    from cases.models import Casus
    from partners.models import Organisatie, Persoon
    from swv.core.models import Lidmaatschap, Rol

    school = Lidmaatschap.objects.get(user__username="zorgcoordinator", rol=Rol.ZORGCOORDINATOR)
    # A pupil of its own: the demo gives the school's pupils TLVs and open cases (one open case per pupil).
    from tests.factories import LeerlingFactory

    gemeente = Organisatie.objects.filter(swv=school.swv, soort="gemeente").order_by("pk").first()
    leerling = LeerlingFactory(swv=school.swv, school=school.organisatie, woongemeente=gemeente)
    casus = Casus.objects.create(
        swv=school.swv, leerling=leerling, school=school.organisatie, status=Casus.Status.IN_BEHANDELING
    )
    Persoon.objects.create(swv=school.swv, voornaam="Ruben", achternaam="Arts-Browsertest")
    return casus.pk, "so" if school.swv.sector == "PO" else "vso"


def test_request_advise_decide_open_the_letter_and_the_school_sees_the_tlv(demo_data, live_server, browser):
    base = live_server.url
    casus_pk, soort = maak_casus()

    def nieuwe_pagina(gebruiker: str):
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        context.set_default_timeout(15_000)
        page = context.new_page()
        log_in(page, base, gebruiker)
        return page

    coordinator = nieuwe_pagina("coordinator")
    coordinator.goto(f"{base}/casussen/{casus_pk}/tlv/aanvragen/")
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_label("Soort besluit").select_option(soort)
    coordinator.get_by_label("Cluster").select_option("4")
    coordinator.get_by_label("Bekostigingscategorie").select_option("midden")
    coordinator.get_by_label("Onderbouwing van de aanvraag").fill(
        "Heeft een kleine groep en structuur nodig."
    )
    coordinator.get_by_role("button", name="TLV aanvragen").click()
    coordinator.wait_for_url(f"{base}/casussen/tlv/*/")
    tlv_url = coordinator.url
    assert (
        "orthopedagoog of psycholoog ontbreekt"
        in coordinator.get_by_test_id("ontbrekende-adviezen").inner_text()
    )

    deskundige = nieuwe_pagina("deskundige")
    deskundige.goto(tlv_url)
    deskundige.get_by_role("link", name="Advies vastleggen").click()
    # Wait for the new page before axe looks at it (axe on a page being replaced fails at random).
    deskundige.wait_for_url("**/tlv/*/advies/")
    assert_no_serious_a11y_violations(deskundige)
    deskundige.get_by_label("Discipline").select_option("orthopedagoog")
    deskundige.get_by_label("Uitkomst").select_option("positief")
    deskundige.get_by_label("Advies", exact=True).fill(
        "Toelaatbaar: de ondersteuningsbehoefte past in het SO."
    )
    deskundige.get_by_role("button", name="Advies vastleggen").click()
    deskundige.wait_for_url(tlv_url)

    coordinator.goto(tlv_url)
    coordinator.get_by_role("link", name="Advies vastleggen").click()
    coordinator.wait_for_url("**/tlv/*/advies/")
    coordinator.get_by_label("Discipline").select_option("arts")
    coordinator.get_by_label("Uitkomst").select_option("positief")
    coordinator.get_by_label("Advies", exact=True).fill("Medisch gezien passend.")
    coordinator.get_by_label("Deskundige (uit het register)").select_option(label="Ruben Arts-Browsertest")
    coordinator.get_by_role("button", name="Advies vastleggen").click()
    coordinator.wait_for_url(tlv_url)

    coordinator.get_by_role("link", name="Besluiten").click()
    coordinator.wait_for_url("**/tlv/*/besluit/")
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_label("Toekennen").check()
    coordinator.get_by_label("Aantal volledige schooljaren").fill("2")
    coordinator.get_by_label("Motivering").fill("Beide deskundigen adviseren positief.")
    coordinator.get_by_role("button", name="Besluit vastleggen").click()
    coordinator.wait_for_url(tlv_url)
    nummer = coordinator.get_by_test_id("beschikkingsnummer").inner_text()
    assert re.fullmatch(r"PO9901-\d{4}-\d{5}", nummer), nummer
    assert_no_serious_a11y_violations(coordinator)

    pdf = coordinator.request.get(
        coordinator.get_by_test_id("tlv-pdf").get_attribute("href").join([base, ""])
    )
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    school = nieuwe_pagina("zorgcoordinator")
    school.goto(f"{base}/casussen/tlv/")
    assert_no_serious_a11y_violations(school)
    school.get_by_test_id("tlv-lijst").get_by_role("row").filter(has_text=nummer).get_by_role("link").click()
    assert school.get_by_test_id("beschikkingsnummer").inner_text() == nummer
    assert "Toegekend" in school.get_by_test_id("tlv-status").inner_text()
