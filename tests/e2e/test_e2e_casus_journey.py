"""One journey through every part of issue 10 in a real browser, as the people who use it see it.

The intern begeleider submits an aanmelding (first incomplete: the Dutch list of what is missing, nothing
typed lost; then complete) and adds the ouder; the coordinator finds it in the queue, becomes casusregisseur
in one step, invites the wijkteam professional, records the ouders' consent for the wijkteam and a plan
with the ouders' instemming; the professional sees the case in "Mijn casussen" and the plan; the consent is
withdrawn and the professional's next request is "niet gevonden". Every case page on the way passes axe
(no serious or critical violations). A second test: two tabs edit the same aanmelding, the second save
gets the Dutch conflict message with what changed, and keeps what was typed.
"""

from __future__ import annotations

import binascii
import datetime
import os
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django_otp.oath import totp

from swv.core.demo_users import DEMO_TOTP_KEY_HEX
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations
from tests.e2e.test_e2e_pages import main_heading
from tests.e2e.test_e2e_team import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHOOL = "Basisschool De Regenboog"
WIJKTEAM = "Wijkteam Lindedal"
LEERLING = "Fenna Reistest"
AANMELDING = {
    "Ondersteuningsbehoefte": "Korte instructies en een vaste plek vooraan.",
    "Bevorderende factoren": "Fenna is nieuwsgierig en werkt graag samen.",
    "Belemmerende factoren": "Lezen kost veel moeite; ze haakt snel af.",
    "Wat de school al deed": "Zes weken extra leesbegeleiding in een klein groepje.",
    "Met welk resultaat": "Iets vlotter, maar nog ver onder het niveau van de groep.",
    "Visie van de ouders": "De ouders willen dat Fenna op De Regenboog blijft.",
}


def nieuwe_pagina(browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    return context.new_page()


def log_in_als_ib(page, base: str) -> None:
    """The intern begeleider works for two schools: after logging in she chooses De Regenboog."""
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("ib")
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/tweestapsverificatie/.*"))
    page.get_by_label("Code").fill(f"{totp(binascii.unhexlify(DEMO_TOTP_KEY_HEX)):06d}")
    page.get_by_role("button", name="Verifiëren").click()
    page.wait_for_url(re.compile(r".*/rol-kiezen/.*"))
    page.get_by_label(re.compile(f"Intern begeleider — {SCHOOL}")).check()
    page.get_by_role("button", name="Kiezen").click()
    page.wait_for_url(f"{base}/")


def kies(select, bevat: str) -> None:
    """Choose the one option of `select` whose text contains `bevat` (what a user reads, not a value)."""
    opties = [t for t in select.locator("option").all_inner_texts() if bevat in t]
    assert len(opties) == 1, f"{bevat!r} in {select.locator('option').all_inner_texts()}"
    select.select_option(label=opties[0])


def foto(page, naam: str) -> None:
    """A full-page screenshot when E2E_SCREENSHOT_DIR is set (the `screenshot` fixture only sees its own page)."""
    if directory := os.environ.get("E2E_SCREENSHOT_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{naam}.png"), full_page=True)


def melding(page) -> str:
    return page.get_by_role("main").inner_text()


def test_from_aanmelding_to_plan_and_withdrawn_consent(demo_data, live_server, browser):
    from swv.core.models import Lidmaatschap

    begin = time.monotonic()
    base = live_server.url
    coordinator_naam = Lidmaatschap.objects.get(user__username="coordinator").user.get_full_name()

    # --- The school: an incomplete aanmelding first. ---
    school = nieuwe_pagina(browser)
    log_in_als_ib(school, base)
    school.goto(f"{base}/casussen/")
    assert_no_serious_a11y_violations(school)
    school.get_by_role("link", name="Nieuwe aanmelding").click()
    assert main_heading(school) == "Nieuwe aanmelding"
    school.get_by_label("BSN").fill("123456782")
    school.get_by_label("Voornaam").fill("Fenna")
    school.get_by_label("Achternaam").fill("Reistest")
    school.get_by_label("Geboortedatum").fill("2016-05-01")
    school.get_by_label("Woongemeente").select_option(label="Gemeente Lindedal")
    school.get_by_label("Vraagstelling").fill("Hoe helpen we Fenna met lezen?")
    assert_no_serious_a11y_violations(school)
    school.get_by_role("button", name="Aanmelden").click()
    school.wait_for_url(re.compile(r".*/casussen/\d+/wijzigen/$"))
    casus_pk = int(re.search(r"/casussen/(\d+)/", school.url).group(1))  # type: ignore[union-attr]
    casus_url = f"{base}/casussen/{casus_pk}/"
    # One message (not a green "opgeslagen" beside it), and the list of what is missing, each linked to its field.
    assert [t.strip() for t in school.locator(".messages .utrecht-alert").all_inner_texts()] == [
        "De aanmelding is opgeslagen als concept, maar nog niet ingediend. Hieronder staat wat nog nodig is."
    ]
    ontbrekend = school.get_by_test_id("ontbrekend")
    assert ontbrekend.get_by_role("listitem").count() == 7
    assert "Vul „ondersteuningsbehoefte” in; dat is nodig om aan te melden." in ontbrekend.inner_text()
    assert "Informeer de ouders over de aanmelding" in ontbrekend.inner_text()
    assert "vraagstelling" not in ontbrekend.inner_text().lower()
    ontbrekend.get_by_role("link", name=re.compile("ondersteuningsbehoefte")).click()
    assert school.evaluate("document.activeElement.id") == "id_ondersteuningsbehoefte"
    # Nothing typed is lost.
    assert school.get_by_label("Vraagstelling").input_value() == "Hoe helpen we Fenna met lezen?"
    assert_no_serious_a11y_violations(school)
    foto(school, "reis-aanmelding-onvolledig")

    # --- Complete and submit. ---
    for label, tekst in AANMELDING.items():
        school.get_by_label(label, exact=True).fill(tekst)
    school.get_by_label("De ouders zijn geïnformeerd over deze aanmelding").check()
    school.get_by_role("button", name="Aanmelden").click()
    # (The browser keeps the #fragment of the link above across the redirect.)
    school.wait_for_url(re.compile(rf"{re.escape(casus_url)}(#.*)?$"))
    assert "De aanmelding is ingediend bij het samenwerkingsverband." in melding(school)
    assert school.get_by_test_id("status").inner_text() == "Aangemeld"
    aanmelding = school.get_by_test_id("aanmelding").inner_text()
    assert f"Visie van de ouders\t{AANMELDING['Visie van de ouders']}" in aanmelding.replace("\n", "\t")
    assert_no_serious_a11y_violations(school)

    # The ouder with parental authority, on the pupil's page (reached from the case).
    school.get_by_test_id("casus-onderdelen").get_by_role("link", name="Leerling").click()
    assert_no_serious_a11y_violations(school)
    school.get_by_role("link", name=re.compile("Ouder.* toevoegen")).click()
    assert_no_serious_a11y_violations(school)
    school.get_by_label("Voornaam").fill("Marieke")
    school.get_by_label("Achternaam").fill("Reistest")
    school.get_by_label(re.compile("^Relatie")).select_option(index=1)
    school.get_by_label(re.compile("gezag", re.IGNORECASE)).check()
    school.get_by_role("button", name=re.compile("Opslaan|Toevoegen")).click()
    assert "Marieke Reistest" in school.get_by_test_id("ouders").inner_text()
    foto(school, "reis-leerling")

    # --- The coordinator: the queue, and assigning themselves in one step. ---
    coordinator = nieuwe_pagina(browser)
    log_in(coordinator, base, "coordinator")
    coordinator.goto(f"{base}/casussen/?tab=nieuw")
    rij = coordinator.get_by_role("row", name=re.compile("Reistest"))
    assert SCHOOL in rij.inner_text()
    assert "Aangemeld" in rij.inner_text()
    assert_no_serious_a11y_violations(coordinator)
    foto(coordinator, "reis-wachtrij")
    rij.get_by_label(f"Casusregisseur voor {LEERLING}").select_option(label=coordinator_naam)
    rij.get_by_role("button", name="Toewijzen").click()
    coordinator.wait_for_url(f"{base}/casussen/?tab=nieuw")
    assert f"Casusregisseur van {LEERLING}: {coordinator_naam}." in melding(coordinator)
    coordinator.goto(f"{base}/casussen/?tab=mijn")
    assert "Reistest" in coordinator.get_by_test_id("casussen").inner_text()
    coordinator.get_by_role("link", name=re.compile("Reistest, Fenna")).click()
    coordinator.wait_for_url(casus_url)
    assert coordinator.get_by_test_id("regisseur").inner_text() == coordinator_naam
    coordinator.get_by_role("button", name="Naar „In behandeling”").click()
    coordinator.wait_for_url(casus_url)
    assert coordinator.get_by_test_id("status").inner_text() == "In behandeling"
    assert "In behandeling" in coordinator.get_by_test_id("overgangen").inner_text()
    assert_no_serious_a11y_violations(coordinator)
    foto(coordinator, "reis-casus")

    # --- The ondersteuningsteam: invite the wijkteam professional, record the consent. ---
    coordinator.get_by_test_id("casus-onderdelen").get_by_role(
        "link", name="Ondersteuningsteam en toestemming"
    ).click()
    team_url = f"{base}/casussen/{casus_pk}/team/"
    coordinator.wait_for_url(team_url)
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_role("link", name="Lid toevoegen").click()
    coordinator.get_by_label("Rol in het team").select_option("partner")
    gebruiker = coordinator.get_by_label("Gebruiker (krijgt toegang)")
    kies(gebruiker, WIJKTEAM)
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_role("button", name="Toevoegen").click()
    coordinator.wait_for_url(team_url)
    assert WIJKTEAM in coordinator.get_by_test_id("leden").inner_text()

    coordinator.get_by_role("link", name="Toestemming vastleggen").click()
    coordinator.get_by_label("Voor organisatie").select_option(label=WIJKTEAM)
    kies(coordinator.get_by_label("Gegeven door"), "Marieke Reistest")
    coordinator.get_by_label("Gegeven op").fill(datetime.date.today().isoformat())
    coordinator.get_by_label("Hoe gegeven").select_option("schriftelijk")
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_role("button", name="Vastleggen").click()
    coordinator.wait_for_url(team_url)
    toestemming = coordinator.get_by_test_id("toestemming").filter(has_text=WIJKTEAM)
    assert "Geldig" in toestemming.inner_text()
    assert "Marieke Reistest" in toestemming.inner_text()
    assert_no_serious_a11y_violations(coordinator)
    foto(coordinator, "reis-team")

    # --- The plan: draw it up, vaststellen, the ouders' instemming. ---
    coordinator.get_by_role("navigation", name="Onderdelen van de casus").get_by_role(
        "link", name="Plan (OPP)"
    ).click()
    plan_url = f"{base}/casussen/{casus_pk}/plan/"
    coordinator.wait_for_url(plan_url)
    assert "Er is nog geen vastgesteld plan." in coordinator.get_by_test_id("vastgesteld").inner_text()
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_role("button", name="Plan opstellen").click()
    coordinator.wait_for_url(plan_url)
    coordinator.get_by_label("Doelen").fill("Fenna leest aan het eind van groep 5 op niveau AVI-E5.")
    coordinator.get_by_label("Begeleiding en ondersteuning (handelingsdeel)").fill(
        "Drie keer per week twintig minuten leesbegeleiding; ouders lezen thuis elke dag mee."
    )
    coordinator.get_by_role("button", name="Concept opslaan").click()
    coordinator.wait_for_url(plan_url)
    assert "De conceptversie is opgeslagen." in melding(coordinator)
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_role("button", name="Versie 1 vaststellen").click()
    coordinator.wait_for_url(plan_url)
    assert "Het plan is vastgesteld." in melding(coordinator)
    vastgesteld = coordinator.get_by_test_id("vastgesteld").inner_text()
    assert "Versie 1, vastgesteld op" in vastgesteld
    assert "AVI-E5" in vastgesteld
    coordinator.get_by_test_id("vastgesteld").get_by_role(
        "link", name="Instemming van de ouders vastleggen"
    ).click()
    assert main_heading(coordinator) == "Instemming ouders met plan versie 1"
    coordinator.get_by_label("Ouders stemmen in met het handelingsdeel").check()
    coordinator.get_by_label("Datum").fill(datetime.date.today().isoformat())
    kies(coordinator.get_by_label("Ouder of verzorger (met gezag)"), "Marieke")
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_role("button", name="Instemming vastleggen").click()
    coordinator.wait_for_url(plan_url)
    assert "De instemming van de ouders is vastgelegd." in melding(coordinator)
    versie_1 = coordinator.get_by_test_id("versies").get_by_role("row").nth(1).inner_text()
    assert "Vastgesteld" in versie_1
    assert "Ouders stemmen in met het handelingsdeel" in versie_1
    assert_no_serious_a11y_violations(coordinator)
    foto(coordinator, "reis-plan")

    # --- The wijkteam professional: "Mijn casussen" and the plan. ---
    partner = nieuwe_pagina(browser)
    log_in(partner, base, "ketenpartner")
    partner.goto(f"{base}/casussen/mijn/")
    assert main_heading(partner) == "Mijn casussen"
    rij = partner.get_by_test_id("casus").filter(has_text="Reistest")
    assert rij.count() == 1
    assert_no_serious_a11y_violations(partner)
    rij.get_by_role("link", name=f"Casus {casus_pk}").click()
    partner.wait_for_url(team_url)
    # The team page leads to the case page (read only for a partner) and back.
    partner.get_by_role("navigation", name="Onderdelen van de casus").get_by_role(
        "link", name="Casuspagina"
    ).click()
    partner.wait_for_url(casus_url)
    assert main_heading(partner) == f"Casus {LEERLING}"
    assert partner.get_by_role("button").filter(has_text=re.compile("^Naar ")).count() == 0
    assert_no_serious_a11y_violations(partner)
    partner.get_by_test_id("casus-onderdelen").get_by_role(
        "link", name="Ondersteuningsteam en toestemming"
    ).click()
    partner.wait_for_url(team_url)
    partner.get_by_role("navigation", name="Onderdelen van de casus").get_by_role(
        "link", name="Plan (OPP)"
    ).click()
    partner.wait_for_url(plan_url)
    assert "AVI-E5" in partner.get_by_test_id("vastgesteld").inner_text()
    assert partner.get_by_role("button", name="Nieuwe versie maken").count() == 0
    assert_no_serious_a11y_violations(partner)
    foto(partner, "reis-plan-partner")
    for pad, kop in (("team", "Ondersteuningsteam en toestemming"), ("tijdlijn", "Tijdlijn")):
        partner.goto(f"{base}/casussen/{casus_pk}/{pad}/")
        assert main_heading(partner) == kop
        assert_no_serious_a11y_violations(partner)
    tijdlijn = partner.get_by_test_id("tijdlijn").inner_text()
    assert "Plan versie 1 vastgesteld" in tijdlijn

    # --- The consent is withdrawn: the professional's next request is "niet gevonden". ---
    coordinator.goto(team_url)
    coordinator.get_by_test_id("toestemming").filter(has_text=WIJKTEAM).get_by_role(
        "link", name=re.compile("Intrekken")
    ).click()
    coordinator.get_by_label("Reden van intrekking").fill("De ouders trekken hun toestemming in.")
    assert_no_serious_a11y_violations(coordinator)
    coordinator.get_by_role("button", name="Intrekken").click()
    coordinator.wait_for_url(team_url)
    assert (
        "Ingetrokken op" in coordinator.get_by_test_id("toestemming").filter(has_text=WIJKTEAM).inner_text()
    )

    antwoord = partner.goto(plan_url)
    assert antwoord is not None
    assert antwoord.status == 404
    assert main_heading(partner) == "Pagina niet gevonden"
    assert_no_serious_a11y_violations(partner)
    assert "AVI-E5" not in partner.content()
    partner.goto(f"{base}/casussen/mijn/")
    assert "Reistest" not in partner.get_by_role("main").inner_text()

    print(f"casusreis: {time.monotonic() - begin:.1f} s")


def test_two_tabs_edit_the_same_aanmelding_and_the_second_save_shows_what_changed(
    demo_data, live_server, browser
):
    from cases.services_casus import aanmelding_opslaan
    from partners.models import Organisatie

    school = Organisatie.objects.get(code="99AB00")
    # A pupil of its own: the demo gives the school's pupils open cases (one open case per pupil and school).
    from tests.factories import LeerlingFactory

    gemeente = Organisatie.objects.filter(swv=school.swv, soort="gemeente").order_by("pk").first()
    leerling = LeerlingFactory(swv=school.swv, school=school, woongemeente=gemeente)
    casus = aanmelding_opslaan(school=school, by=None, leerling=leerling, vraagstelling="Eerste vraag.")
    base = live_server.url
    eerste = nieuwe_pagina(browser)
    log_in_als_ib(eerste, base)
    tweede = eerste.context.new_page()  # a second tab of the same person
    url = f"{base}/casussen/{casus.pk}/wijzigen/"
    eerste.goto(url)
    tweede.goto(url)

    eerste.get_by_label("Vraagstelling").fill("Hoe helpen we bij rekenen?")
    eerste.get_by_role("button", name="Opslaan als concept").click()
    eerste.wait_for_url(f"{base}/casussen/{casus.pk}/")
    assert "De aanmelding is opgeslagen." in melding(eerste)

    tweede.get_by_label("Ondersteuningsbehoefte").fill("Mijn tekst uit het tweede tabblad.")
    tweede.get_by_role("button", name="Opslaan als concept").click()
    fouten = tweede.get_by_test_id("fouten").inner_text()
    assert "gewijzigd" in fouten
    assert "Vraagstelling: nu „Hoe helpen we bij rekenen?” (was „Eerste vraag.”" in fouten
    # Only the real change: the first tab's save left the unticked "ouders geïnformeerd" unknown, not "nee".
    assert "geïnformeerd" not in fouten
    # The second tab's input is still there, the first tab's save is not overwritten.
    assert tweede.get_by_label("Ondersteuningsbehoefte").input_value() == "Mijn tekst uit het tweede tabblad."
    assert_no_serious_a11y_violations(tweede)
    foto(tweede, "reis-conflict")
    casus.refresh_from_db()
    assert casus.vraagstelling == "Hoe helpen we bij rekenen?"
    assert casus.ondersteuningsbehoefte == ""
