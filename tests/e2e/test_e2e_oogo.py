"""The OOGO (issue 13) in a real browser, as the people who use it see it.

The coordinator plans an OOGO bestuurlijk with two gemeenten, builds the agenda (three themes), sends it,
records an outcome, a decision and an action, marks the meeting held with one item still open, plans the
next one and finds the open item (with its history back to the first meeting) and the action there; all
through the pages. Then the action list: an overdue action in the "te laat" filter, an action marked
gereed. Then the wethouder of Gemeente Lindedal: sees the meetings with Lindedal, gets "niet gevonden"
for a meeting with only another gemeente, and sees no buttons that change anything. The pages pass axe.
"""

from __future__ import annotations

import binascii
import datetime
import re

import pytest
from django.conf import settings
from django_otp.oath import totp

from swv.core.demo_users import DEMO_TOTP_KEY_HEX
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINDEDAL, WATERVELD, HEUVELRIJK = "Gemeente Lindedal", "Gemeente Waterveld", "Gemeente Heuvelrijk"
EIGENAAR = ("Ilse", "Vermeulen-Proef")
GENODIGDE = ("Pieter", "Oogotest")
VERVOER, THUISZITTERS, JEUGDHULP = (
    "Leerlingenvervoer naar het speciaal onderwijs",
    "Aanpak thuiszitters Lindedal",
    "Jeugdhulp in de school",
)


def log_in(page, base: str, username: str) -> None:
    """Log in through the form; the second factor when the account is asked for it (the bestuurder is not)."""
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(rf"({re.escape(base)}/|.*/tweestapsverificatie/.*)$"))
    if "/tweestapsverificatie/" in page.url:
        page.get_by_label("Code").fill(f"{totp(binascii.unhexlify(DEMO_TOTP_KEY_HEX)):06d}")
        page.get_by_role("button", name="Verifiëren").click()
        page.wait_for_url(f"{base}/")


def nieuwe_pagina(browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture
def oogo_basis(transactional_db):
    """A SWV with three gemeenten, its coordinator, the wethouder of Gemeente Lindedal and two people of
    the partner registry. Small on purpose: the full demo data takes minutes on a busy machine."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from partners.models import Organisatie
    from swv.core.models import Rol
    from tests.factories import (
        LidmaatschapFactory,
        OrganisatieFactory,
        PersoonFactory,
        SamenwerkingsverbandFactory,
        UserFactory,
    )

    swv = SamenwerkingsverbandFactory()
    bureau = OrganisatieFactory(swv=swv, swv_bureau=True)
    gemeenten = {
        naam: OrganisatieFactory(swv=swv, soort=Organisatie.Soort.GEMEENTE, naam=naam, code=code)
        for naam, code in ((LINDEDAL, "9901"), (WATERVELD, "9902"), (HEUVELRIJK, "9903"))
    }
    coordinator = UserFactory(username="coordinator", password=settings.DEMO_PASSWORD)
    LidmaatschapFactory(swv=swv, user=coordinator, organisatie=bureau, rol=Rol.SWV_COORDINATOR)
    TOTPDevice.objects.create(
        user=coordinator, name="authenticator-app", key=DEMO_TOTP_KEY_HEX, confirmed=True
    )
    bestuurder = UserFactory(username="bestuurder", password=settings.DEMO_PASSWORD)
    LidmaatschapFactory(swv=swv, user=bestuurder, organisatie=gemeenten[LINDEDAL], rol=Rol.BESTUURDER)
    eigenaar = PersoonFactory(swv=swv, voornaam=EIGENAAR[0], achternaam=EIGENAAR[1])
    genodigde = PersoonFactory(swv=swv, voornaam=GENODIGDE[0], achternaam=GENODIGDE[1])
    return {"swv": swv, "gemeenten": gemeenten, "eigenaar": eigenaar, "genodigde": genodigde}


def _formulier(page, knop: str):
    """The form with this submit button (the meeting page has several forms with the same field names)."""
    return page.locator("form").filter(has=page.get_by_role("button", name=knop, exact=True))


def _overleg_plannen(page, base: str, *, titel: str, dag: datetime.date) -> int:
    page.goto(f"{base}/oogo/")
    page.get_by_role("link", name="Overleg plannen").click()
    page.wait_for_url(f"{base}/oogo/nieuw/")
    page.get_by_label("Soort overleg").select_option(label="OOGO bestuurlijk")
    page.get_by_label("Titel").fill(titel)
    page.get_by_label("Begin").fill(f"{dag:%Y-%m-%d}T14:00")
    page.get_by_label("Einde").fill(f"{dag:%Y-%m-%d}T16:00")
    page.get_by_label("Plaats").fill("Gemeentehuis Lindedal, raadzaal")
    page.get_by_label(LINDEDAL, exact=True).check()
    page.get_by_label(WATERVELD, exact=True).check()
    page.get_by_label(" ".join(GENODIGDE), exact=True).check()
    page.get_by_role("button", name="Overleg plannen").click()
    page.wait_for_url(re.compile(r".*/oogo/\d+/$"))
    assert "Het overleg is gepland." in page.content()
    assert page.get_by_role("heading", level=1).inner_text() == titel
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def _agendapunt_toevoegen(page, titel: str, thema: str) -> None:
    formulier = _formulier(page, "Agendapunt toevoegen")
    formulier.get_by_label("Titel").fill(titel)
    formulier.get_by_label("Thema").select_option(label=thema)
    formulier.get_by_role("button", name="Agendapunt toevoegen").click()
    page.get_by_test_id("agenda").get_by_role("link", name=titel).wait_for()


def _overleg_status(page, label: str) -> None:
    formulier = _formulier(page, "Status bijwerken")
    formulier.get_by_label("Nieuwe status").select_option(label=label)
    formulier.get_by_role("button", name="Status bijwerken").click()
    page.get_by_test_id("overleg-status").filter(has_text=label).wait_for()


def _uitkomst(page, punt: str, status: str, uitkomst: str = "") -> None:
    """From the meeting page: open the item, record its status (and outcome), back on the meeting page."""
    page.get_by_test_id("agenda").get_by_role("link", name=punt).click()
    page.wait_for_url(re.compile(r".*/oogo/agendapunten/\d+/$"))
    page.get_by_label("Status").select_option(label=status)
    if uitkomst:
        page.get_by_label("Uitkomst").fill(uitkomst)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(re.compile(r".*/oogo/\d+/$"))
    assert "Het agendapunt is bijgewerkt." in page.content()


def test_coordinator_runs_a_meeting_and_the_open_item_and_action_go_to_the_next(
    oogo_basis, live_server, browser
):
    from oogo.models import Actiepunt, Agendapunt, Besluit, Overleg

    base = live_server.url
    page = nieuwe_pagina(browser)
    log_in(page, base, "coordinator")
    vandaag = datetime.date.today()
    eerste_dag, tweede_dag = vandaag + datetime.timedelta(days=14), vandaag + datetime.timedelta(days=70)
    deadline = vandaag + datetime.timedelta(days=40)

    page.goto(f"{base}/oogo/")
    assert_no_serious_a11y_violations(page)
    eerste_pk = _overleg_plannen(page, base, titel="OOGO bestuurlijk winter", dag=eerste_dag)
    assert page.get_by_test_id("overleg-status").inner_text() == "Gepland"
    gegevens = page.locator("dl.gegevens").inner_text()
    assert f"{LINDEDAL}, {WATERVELD}" in gegevens
    assert " ".join(GENODIGDE) in gegevens

    _agendapunt_toevoegen(page, VERVOER, "Leerlingenvervoer")
    _agendapunt_toevoegen(page, THUISZITTERS, "Leerplicht & thuiszitters")
    _agendapunt_toevoegen(page, JEUGDHULP, "Jeugdhulp")
    agenda = page.get_by_test_id("agenda").inner_text()
    assert agenda.index(VERVOER) < agenda.index(THUISZITTERS) < agenda.index(JEUGDHULP)
    assert "(Leerplicht & thuiszitters) – Voorgesteld" in agenda
    assert_no_serious_a11y_violations(page)

    _overleg_status(page, "Agenda verstuurd")
    # What may follow a sent agenda, nothing else.
    opties = _formulier(page, "Status bijwerken").get_by_label("Nieuwe status").locator("option")
    assert opties.all_inner_texts() == ["Gehouden", "Geannuleerd"]

    # The outcome of the transport item: agreed, with what was agreed.
    _uitkomst(page, VERVOER, "Geagendeerd")
    _uitkomst(page, VERVOER, "Overeenstemming", "Eén loket voor het vervoer, gemeenten betalen naar rato.")
    # The youth-care item: no agreement, with why (finished in this meeting, not carried over).
    _uitkomst(page, JEUGDHULP, "Geagendeerd")
    _uitkomst(page, JEUGDHULP, "Geen overeenstemming", "Waterveld wil eerst het eigen beleid afronden.")
    agenda = page.get_by_test_id("agenda").inner_text()
    assert f"{VERVOER} (Leerlingenvervoer) – Overeenstemming" in agenda
    assert "Eén loket voor het vervoer" in agenda

    besluit = _formulier(page, "Besluit vastleggen")
    besluit.get_by_label("Besluit", exact=True).fill(
        "Het SWV en de gemeenten richten samen één vervoersloket in."
    )
    besluit.get_by_label("Bij agendapunt").select_option(label=VERVOER)
    besluit.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_test_id("besluiten").wait_for()
    assert f"één vervoersloket in. ({VERVOER})" in page.get_by_test_id("besluiten").inner_text()

    actie = _formulier(page, "Actiepunt toevoegen")
    actie.get_by_label("Actie").fill("Offerte vervoersloket opvragen")
    actie.get_by_label("Eigenaar").select_option(label=" ".join(EIGENAAR))
    actie.get_by_label("Deadline").fill(f"{deadline:%Y-%m-%d}")
    actie.get_by_label("Bij agendapunt").select_option(label=VERVOER)
    actie.get_by_role("button", name="Actiepunt toevoegen").click()
    page.get_by_test_id("actiepunten").wait_for()
    acties = page.get_by_test_id("actiepunten").inner_text()
    assert "Offerte vervoersloket opvragen – Ilse Vermeulen-Proef" in acties
    assert "Open" in acties

    _overleg_status(page, "Gehouden")
    # No next meeting yet: the open item waits here until one is planned.
    assert (
        f"{THUISZITTERS} (Leerplicht & thuiszitters) – Voorgesteld"
        in page.get_by_test_id("agenda").inner_text()
    )
    # Held: no new items and no further status, but decisions and actions can still be recorded.
    assert page.get_by_role("button", name="Agendapunt toevoegen").count() == 0
    assert page.get_by_role("button", name="Status bijwerken").count() == 0
    assert page.get_by_role("button", name="Besluit vastleggen").count() == 1

    # The next meeting: the open item and the open action are on it at once.
    tweede_pk = _overleg_plannen(page, base, titel="OOGO bestuurlijk voorjaar", dag=tweede_dag)
    agenda = page.get_by_test_id("agenda")
    assert agenda.get_by_role("listitem").count() == 1
    regel = agenda.inner_text()
    assert THUISZITTERS in regel
    assert "Geagendeerd" in regel
    assert f"overgenomen uit het overleg van {eerste_dag.day}" in regel
    acties = page.get_by_test_id("actiepunten").inner_text()
    assert "Offerte vervoersloket opvragen" in acties
    assert "uit een eerder overleg" in acties
    assert_no_serious_a11y_violations(page)

    # The item's page shows its history, with the way back to the first meeting.
    agenda.get_by_role("link", name=THUISZITTERS).click()
    geschiedenis = page.get_by_test_id("geschiedenis")
    assert "OOGO bestuurlijk winter: Aangehouden" in geschiedenis.inner_text()
    geschiedenis.get_by_role("link", name="OOGO bestuurlijk winter").click()
    page.wait_for_url(f"{base}/oogo/{eerste_pk}/")
    agenda = page.get_by_test_id("agenda").inner_text()
    assert f"{THUISZITTERS} (Leerplicht & thuiszitters) – Aangehouden" in agenda

    # What is stored.
    eerste, tweede = Overleg.objects.get(pk=eerste_pk), Overleg.objects.get(pk=tweede_pk)
    assert (eerste.status, tweede.status) == ("gehouden", "gepland")
    assert {g.naam for g in eerste.gemeenten.all()} == {LINDEDAL, WATERVELD}
    assert {(p.titel, p.thema, p.status) for p in eerste.agendapunten.all()} == {
        (VERVOER, "leerlingenvervoer", "overeenstemming"),
        (THUISZITTERS, "leerplicht_thuiszitters", "aangehouden"),
        (JEUGDHULP, "jeugdhulp", "geen_overeenstemming"),
    }
    overgenomen = Agendapunt.objects.get(overleg=tweede)
    assert overgenomen.overgenomen_van == Agendapunt.objects.get(overleg=eerste, titel=THUISZITTERS)
    assert overgenomen.status == "geagendeerd"
    assert Besluit.objects.get(overleg=eerste).agendapunt.titel == VERVOER
    actiepunt = Actiepunt.objects.get(omschrijving="Offerte vervoersloket opvragen")
    assert (actiepunt.overleg, actiepunt.opgevolgd_in, actiepunt.eigenaar) == (
        eerste,
        tweede,
        oogo_basis["eigenaar"],
    )
    assert (actiepunt.deadline, actiepunt.status, actiepunt.agendapunt.titel) == (deadline, "open", VERVOER)


def _overleg_met_acties(basis):
    """A meeting with two actions, one past its deadline (set up through the services, as a page would)."""
    from django.utils import timezone

    from oogo import services

    begin = timezone.now() - datetime.timedelta(days=30)
    overleg = services.overleg_plannen(
        swv=basis["swv"],
        by=None,
        soort="oogo_bestuurlijk",
        titel="OOGO bestuurlijk najaar",
        begin=begin,
        einde=begin + datetime.timedelta(hours=2),
        gemeenten=[basis["gemeenten"][LINDEDAL], basis["gemeenten"][WATERVELD]],
    )
    vandaag = datetime.date.today()
    te_laat = services.actiepunt_toevoegen(
        overleg=overleg,
        by=None,
        omschrijving="Cijfers thuiszitters aanleveren",
        eigenaar=basis["eigenaar"],
        deadline=vandaag - datetime.timedelta(days=3),
    )
    op_tijd = services.actiepunt_toevoegen(
        overleg=overleg,
        by=None,
        omschrijving="Conceptnotitie leerlingenvervoer",
        eigenaar=basis["eigenaar"],
        deadline=vandaag + datetime.timedelta(days=10),
    )
    return overleg, te_laat, op_tijd


def test_actions_are_followed_overdue_in_the_filter_and_marked_done(oogo_basis, live_server, browser):
    from oogo.models import Actiepunt

    _overleg, te_laat, op_tijd = _overleg_met_acties(oogo_basis)
    base = live_server.url
    page = nieuwe_pagina(browser)
    log_in(page, base, "coordinator")

    page.goto(f"{base}/oogo/")
    assert page.get_by_test_id("te-laat").inner_text() == "1 te laat"
    page.get_by_role("link", name="Openstaande actiepunten").click()
    page.wait_for_url(f"{base}/oogo/actiepunten/")
    lijst = page.get_by_test_id("actiepunten").inner_text()
    assert "Cijfers thuiszitters aanleveren" in lijst
    assert "Conceptnotitie leerlingenvervoer" in lijst
    assert_no_serious_a11y_violations(page)

    page.get_by_role("link", name="Alleen de actiepunten over de deadline").click()
    page.wait_for_url(f"{base}/oogo/actiepunten/?te_laat=1")
    assert page.get_by_role("heading", level=1).inner_text() == "Actiepunten over de deadline"
    lijst = page.get_by_test_id("actiepunten").inner_text()
    assert "Cijfers thuiszitters aanleveren" in lijst
    assert "te laat" in lijst
    assert "Conceptnotitie leerlingenvervoer" not in lijst

    # The overdue one is done: marked gereed on its page, it leaves the open list.
    page.get_by_test_id("actiepunten").get_by_role("link", name="Cijfers thuiszitters aanleveren").click()
    page.wait_for_url(f"{base}/oogo/actiepunten/{te_laat.pk}/")
    assert page.get_by_test_id("actiepunt-status").inner_text() == "Open"
    assert_no_serious_a11y_violations(page)
    page.get_by_label("Status").select_option(label="Gereed")
    page.get_by_label("Toelichting").fill("Cijfers gemaild aan de wethouders.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"{base}/oogo/actiepunten/")
    assert "Het actiepunt is bijgewerkt." in page.content()
    lijst = page.get_by_test_id("actiepunten").inner_text()
    assert "Cijfers thuiszitters aanleveren" not in lijst
    assert "Conceptnotitie leerlingenvervoer" in lijst
    page.goto(f"{base}/oogo/actiepunten/?te_laat=1")
    assert "Geen openstaande actiepunten." in page.content()

    te_laat = Actiepunt.objects.get(pk=te_laat.pk)
    assert (te_laat.status, te_laat.gereed_op, te_laat.toelichting) == (
        "gereed",
        datetime.date.today(),
        "Cijfers gemaild aan de wethouders.",
    )
    assert Actiepunt.objects.get(pk=op_tijd.pk).status == "open"


def test_the_wethouder_reads_the_meetings_of_their_own_gemeente_only(oogo_basis, live_server, browser):
    from oogo import services

    eigen, te_laat, _op_tijd = _overleg_met_acties(oogo_basis)
    punt = services.agendapunt_toevoegen(
        overleg=eigen, by=None, titel=THUISZITTERS, thema="leerplicht_thuiszitters"
    )
    begin = eigen.begin + datetime.timedelta(days=1)
    ander = services.overleg_plannen(
        swv=oogo_basis["swv"],
        by=None,
        soort="ambtelijk_voorportaal",
        titel="Voorportaal Heuvelrijk",
        begin=begin,
        einde=begin + datetime.timedelta(hours=1),
        gemeenten=[oogo_basis["gemeenten"][HEUVELRIJK]],
    )
    base = live_server.url
    page = nieuwe_pagina(browser)
    log_in(page, base, "bestuurder")

    page.goto(f"{base}/oogo/")
    inhoud = page.locator("main").inner_text()
    assert "OOGO bestuurlijk najaar" in inhoud
    assert "Voorportaal Heuvelrijk" not in inhoud
    assert page.get_by_role("link", name="Overleg plannen").count() == 0
    assert_no_serious_a11y_violations(page)

    page.get_by_role("link", name="OOGO bestuurlijk najaar").click()
    page.wait_for_url(f"{base}/oogo/{eigen.pk}/")
    assert f"{LINDEDAL}, {WATERVELD}" in page.locator("dl.gegevens").inner_text()
    assert "Cijfers thuiszitters aanleveren" in page.get_by_test_id("actiepunten").inner_text()
    # Read only: no form, no button in the page's content.
    assert page.locator("main form").count() == 0
    assert page.locator("main button").count() == 0
    assert_no_serious_a11y_violations(page)

    page.get_by_test_id("agenda").get_by_role("link", name=THUISZITTERS).click()
    page.wait_for_url(f"{base}/oogo/agendapunten/{punt.pk}/")
    assert page.locator("main form").count() == 0
    page.goto(f"{base}/oogo/actiepunten/{te_laat.pk}/")
    assert page.get_by_test_id("actiepunt-status").inner_text() == "Open"
    assert page.locator("main form").count() == 0

    # The meeting with only another gemeente: not found, nothing of it shown.
    antwoord = page.goto(f"{base}/oogo/{ander.pk}/")
    assert antwoord is not None
    assert antwoord.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    assert "Voorportaal Heuvelrijk" not in page.content()
