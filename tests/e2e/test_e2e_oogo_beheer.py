"""The OOGO pages around the meeting (issue 13) in a real browser, as each role uses them.

The coordinator edits a planned meeting (time, an extra gemeente, an invited person), records attendance
after a held one, adds an ontwikkelagenda goal with a progress note from that meeting, runs the
ondersteuningsplan cycle (five years refused with the Dutch reason and the input kept, four accepted;
adoption refused without a held OOGO, then linked, adopted and sent to the Inspectie), submits a geschil
from an item without agreement and sees the deadlines, makes a calendar feed, finds the meeting in it,
revokes it (then 404), and downloads the agenda PDF and the action list CSV. The wethouder of Gemeente
Lindedal reads the ontwikkelagenda and the ondersteuningsplan without forms, sees the data pack of
Lindedal but not of Waterveld, and gets a feed without the Heuvelrijk-only meeting. Each page passes axe.
"""

from __future__ import annotations

import datetime
import re

import pytest

from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations
from tests.e2e.test_e2e_oogo import (  # noqa: F401 - oogo_basis is a fixture used by name
    EIGENAAR,
    GENODIGDE,
    HEUVELRIJK,
    LINDEDAL,
    WATERVELD,
    log_in,
    nieuwe_pagina,
    oogo_basis,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
GEHOUDEN, GEPLAND, ALLEEN_B = "OOGO bestuurlijk najaar", "OOGO bestuurlijk voorjaar", "Voorportaal Heuvelrijk"
GESCHILPUNT = "Jeugdhulp in de school"
DOEL = "Geen thuiszitter langer dan drie maanden"


def _datum(dag: datetime.date) -> str:
    """As the pages write a date (|date:"j F Y" in Dutch)."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


@pytest.fixture
def overleggen(oogo_basis):  # noqa: F811 - the imported fixture, asked for by name
    """A held bestuurlijk OOGO (Lindedal + Waterveld, two invited, an item without agreement, an action), a
    planned one (Lindedal only) and a voorportaal with only Heuvelrijk; made through the services."""
    from django.utils import timezone

    from oogo import services

    swv, g = oogo_basis["swv"], oogo_basis["gemeenten"]
    nu = timezone.localtime()

    def plannen(titel, dagen, gemeenten, soort="oogo_bestuurlijk", genodigden=()):
        begin = (nu + datetime.timedelta(days=dagen)).replace(hour=14, minute=0, second=0, microsecond=0)
        return services.overleg_plannen(
            swv=swv,
            by=None,
            soort=soort,
            titel=titel,
            begin=begin,
            einde=begin + datetime.timedelta(hours=2),
            gemeenten=gemeenten,
            genodigden=genodigden,
        )

    gehouden = plannen(
        GEHOUDEN,
        -30,
        [g[LINDEDAL], g[WATERVELD]],
        genodigden=[oogo_basis["genodigde"], oogo_basis["eigenaar"]],
    )
    punt = services.agendapunt_toevoegen(overleg=gehouden, by=None, titel=GESCHILPUNT, thema="jeugdhulp")
    services.agendapunt_status_zetten(agendapunt=punt, by=None, status="geagendeerd")
    services.agendapunt_status_zetten(
        agendapunt=punt, by=None, status="geen_overeenstemming", uitkomst="Waterveld betaalt niet mee."
    )
    services.actiepunt_toevoegen(
        overleg=gehouden,
        by=None,
        omschrijving="Offerte vervoersloket opvragen",
        eigenaar=oogo_basis["eigenaar"],
        deadline=nu.date() + datetime.timedelta(days=20),
    )
    services.overleg_status_zetten(overleg=gehouden, by=None, status="gehouden")
    gepland = plannen(GEPLAND, 21, [g[LINDEDAL]])
    alleen_b = plannen(ALLEEN_B, 10, [g[HEUVELRIJK]], soort="ambtelijk_voorportaal")
    return {"gehouden": gehouden, "gepland": gepland, "alleen_b": alleen_b, "punt": punt}


def _formulier(page, knop: str):
    return page.locator("main form").filter(has=page.get_by_role("button", name=knop, exact=True))


def _overleg_openen(page, base: str, titel: str) -> None:
    page.goto(f"{base}/oogo/")
    page.get_by_role("link", name=titel).click()
    page.wait_for_url(re.compile(r".*/oogo/\d+/$"))


def _feed_maken(page, base: str) -> str:
    page.goto(f"{base}/oogo/")
    page.get_by_role("link", name="OOGO in uw agenda").click()
    page.wait_for_url(f"{base}/oogo/kalender/")
    assert_no_serious_a11y_violations(page)
    page.get_by_role("button", name="Nieuwe feed-URL maken").click()
    url = page.get_by_test_id("feed-url").inner_text()
    assert re.fullmatch(rf"{re.escape(base)}/oogo/kalender/[^/]+\.ics", url)
    return url


def test_coordinator_manages_the_oogo_pages(oogo_basis, overleggen, live_server, browser):  # noqa: F811
    from oogo.models import Deelname, Geschil, Ondersteuningsplan, Ontwikkeldoel

    base = live_server.url
    page = nieuwe_pagina(browser)
    log_in(page, base, "coordinator")
    gehouden, gepland = overleggen["gehouden"], overleggen["gepland"]
    vandaag = datetime.date.today()

    # 1. Edit the planned meeting: later, with Waterveld and an invited person.
    _overleg_openen(page, base, GEPLAND)
    page.get_by_role("link", name="Overleg bewerken").click()
    page.wait_for_url(f"{base}/oogo/{gepland.pk}/bewerken/")
    assert_no_serious_a11y_violations(page)
    dag = gepland.begin.astimezone().date()
    page.get_by_label("Begin").fill(f"{dag:%Y-%m-%d}T15:30")
    page.get_by_label("Einde").fill(f"{dag:%Y-%m-%d}T17:00")
    page.get_by_label(WATERVELD, exact=True).check()
    page.get_by_label(" ".join(GENODIGDE), exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"{base}/oogo/{gepland.pk}/")
    assert "Het overleg is bijgewerkt." in page.content()
    gegevens = page.locator("dl.gegevens").inner_text()
    assert "15:30 – 17:00" in gegevens
    assert f"{LINDEDAL}, {WATERVELD}" in gegevens
    assert " ".join(GENODIGDE) in gegevens

    # 2. Attendance after the held meeting.
    _overleg_openen(page, base, GEHOUDEN)
    page.get_by_role("link", name="Aanwezigheid vastleggen").click()
    page.wait_for_url(f"{base}/oogo/{gehouden.pk}/aanwezigheid/")
    assert_no_serious_a11y_violations(page)
    genodigde, eigenaar = oogo_basis["genodigde"], oogo_basis["eigenaar"]
    assert genodigde.email
    assert eigenaar.email
    # Each person's choices are a group named after them (a fieldset), as a screen reader announces it.
    page.get_by_role("group", name=" ".join(GENODIGDE)).get_by_label("Aanwezig", exact=True).check()
    page.get_by_role("group", name=" ".join(EIGENAAR)).get_by_label("Afwezig met bericht", exact=True).check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.wait_for_url(f"{base}/oogo/{gehouden.pk}/")
    assert "De aanwezigheid is vastgelegd." in page.content()
    gegevens = page.locator("dl.gegevens").inner_text()
    assert f"{' '.join(GENODIGDE)} (aanwezig)" in gegevens
    assert f"{' '.join(EIGENAAR)} (afgemeld)" in gegevens
    page.get_by_role("button", name="Notulen versturen").click()
    page.get_by_text("De notulen worden verstuurd naar 2 genodigde(n).").wait_for()

    # 3. A goal on the ontwikkelagenda, with progress noted in the held meeting.
    page.goto(f"{base}/oogo/")
    page.get_by_test_id("oogo-subnavigatie").get_by_role("link", name="Ontwikkelagenda").click()
    page.wait_for_url(f"{base}/oogo/ontwikkelagenda/")
    assert_no_serious_a11y_violations(page)
    page.get_by_role("link", name="Doel toevoegen").click()
    page.wait_for_url(f"{base}/oogo/ontwikkelagenda/nieuw/")
    page.get_by_label("Thema").select_option(label="Leerplicht & thuiszitters")
    page.get_by_label("Doel", exact=True).fill(DOEL)
    page.get_by_label("Ambitie").fill("Samen met de gemeenten elke thuiszitter binnen drie maanden terug.")
    page.get_by_label("Van (jaar)").fill("2026")
    page.get_by_label("Tot en met (jaar)").fill("2029")
    assert_no_serious_a11y_violations(page)
    page.get_by_role("button", name="Doel toevoegen").click()
    page.wait_for_url(re.compile(r".*/oogo/ontwikkelagenda/\d+/$"))
    assert "Het doel is aan de ontwikkelagenda toegevoegd." in page.content()
    assert page.get_by_role("heading", level=1).inner_text() == DOEL
    page.get_by_label("Voortgang", exact=True).fill("Twee thuiszitters terug naar school.")
    page.get_by_label("In het overleg").select_option(label=str(gehouden))
    page.get_by_role("button", name="Voortgang vastleggen").click()
    page.get_by_test_id("voortgang").wait_for()
    voortgang = page.get_by_test_id("voortgang")
    assert f"{_datum(gehouden.begin.astimezone().date())} ({GEHOUDEN}): Twee thuiszitters" in (
        voortgang.inner_text()
    )
    assert voortgang.get_by_role("link", name=GEHOUDEN).get_attribute("href") == f"/oogo/{gehouden.pk}/"
    assert_no_serious_a11y_violations(page)

    # 4. The ondersteuningsplan cycle.
    page.goto(f"{base}/oogo/ontwikkelagenda/")
    page.get_by_test_id("oogo-subnavigatie").get_by_role("link", name="Ondersteuningsplan").click()
    page.wait_for_url(f"{base}/oogo/ondersteuningsplan/")
    assert_no_serious_a11y_violations(page)
    page.get_by_role("link", name="Nieuw ondersteuningsplan").click()
    page.wait_for_url(f"{base}/oogo/ondersteuningsplan/nieuw/")
    page.get_by_label("Titel").fill("Ondersteuningsplan 2027-2031")
    page.get_by_label("Periode van").fill("2027-08-01")
    page.get_by_label("Periode tot en met").fill("2032-07-31")
    page.get_by_role("button", name="Planperiode vastleggen").click()
    page.get_by_test_id("formulierfouten").wait_for()
    assert (
        "Een ondersteuningsplan geldt voor ten hoogste vier jaar." in page.locator(".errorlist").inner_text()
    )
    assert page.get_by_label("Titel").input_value() == "Ondersteuningsplan 2027-2031"
    assert page.get_by_label("Periode van").input_value() == "2027-08-01"
    assert_no_serious_a11y_violations(page)
    page.get_by_label("Periode tot en met").fill("2031-07-31")
    page.get_by_role("button", name="Planperiode vastleggen").click()
    page.wait_for_url(re.compile(r".*/oogo/ondersteuningsplan/\d+/$"))
    assert "De planperiode is vastgelegd." in page.content()
    assert "Uiterlijk 1 mei 2027" in page.get_by_test_id("inspectie").inner_text()
    assert_no_serious_a11y_violations(page)

    vaststellen = _formulier(page, "Vaststellen")
    vaststellen.get_by_label("Datum").fill(f"{vandaag:%Y-%m-%d}")
    vaststellen.get_by_role("button", name="Vaststellen").click()
    page.get_by_test_id("formulierfouten").wait_for()
    assert "Het OOGO over het plan moet gehouden zijn voordat het wordt vastgesteld." in (
        page.get_by_test_id("formulierfouten").inner_text()
    )
    assert "Nog niet vastgesteld" in page.locator("dl.gegevens").inner_text()

    koppelen = _formulier(page, "OOGO koppelen")
    koppelen.get_by_label("OOGO over het plan").select_option(label=str(gehouden))
    koppelen.get_by_role("button", name="OOGO koppelen").click()
    page.wait_for_url(re.compile(r".*/oogo/ondersteuningsplan/\d+/$"))
    assert "Het OOGO over het plan is gekoppeld." in page.content()
    vaststellen = _formulier(page, "Vaststellen")
    vaststellen.get_by_label("Datum").fill(f"{vandaag:%Y-%m-%d}")
    vaststellen.get_by_role("button", name="Vaststellen").click()
    page.get_by_text("Het ondersteuningsplan is vastgesteld.").wait_for()
    inspectie = _formulier(page, "Verstuurd naar de Inspectie")
    inspectie.get_by_label("Datum").fill(f"{vandaag:%Y-%m-%d}")
    inspectie.get_by_role("button", name="Verstuurd naar de Inspectie").click()
    page.get_by_text("Het ondersteuningsplan is naar de Inspectie gestuurd.").wait_for()
    assert f"Verstuurd op {_datum(vandaag)}" in page.get_by_test_id("inspectie").inner_text()
    plan = Ondersteuningsplan.objects.get(titel="Ondersteuningsplan 2027-2031")
    assert (plan.periode_tot, plan.oogo_overleg, plan.vastgesteld_op, plan.naar_inspectie_op) == (
        datetime.date(2031, 7, 31),
        gehouden,
        vandaag,
        vandaag,
    )

    # 5. A geschil from the item without agreement.
    _overleg_openen(page, base, GEHOUDEN)
    page.get_by_test_id("agenda").get_by_role("link", name=GESCHILPUNT).click()
    page.get_by_role("link", name="Geschil voorleggen aan de geschillencommissie").click()
    page.wait_for_url(f"{base}/oogo/agendapunten/{overleggen['punt'].pk}/geschil/")
    assert_no_serious_a11y_violations(page)
    page.get_by_label("Gemeente").select_option(label=WATERVELD)
    page.get_by_label("Ingediend door").select_option(label="Samenwerkingsverband")
    assert page.get_by_label("Ingediend op").input_value() == f"{vandaag:%Y-%m-%d}"
    page.get_by_role("button", name="Geschil voorleggen").click()
    page.wait_for_url(re.compile(r".*/oogo/geschillen/\d+/$"))
    assert "Het agendapunt is aan de geschillencommissie voorgelegd." in page.content()
    verweer = vandaag + datetime.timedelta(days=14)
    assert page.get_by_test_id("verweer").inner_text() == _datum(verweer)
    assert page.get_by_test_id("advies").inner_text() == _datum(verweer + datetime.timedelta(days=28))
    assert_no_serious_a11y_violations(page)
    page.get_by_role("link", name="Geschillen", exact=True).click()
    page.wait_for_url(f"{base}/oogo/geschillen/")
    assert GESCHILPUNT in page.get_by_test_id("geschillen").inner_text()
    assert_no_serious_a11y_violations(page)
    geschil = Geschil.objects.get()
    assert (geschil.gemeente.naam, geschil.ingediend_door, geschil.agendapunt.status) == (
        WATERVELD,
        "swv",
        "voorgelegd",
    )

    # 6. The calendar feed: the meeting is in it; revoked, the URL is gone.
    url = _feed_maken(page, base)
    antwoord = page.request.get(url)
    assert antwoord.status == 200
    assert f"UID:{gepland.uid}" in antwoord.text().replace("\r\n ", "")
    page.get_by_role("button", name="Intrekken").click()
    page.get_by_test_id("ingetrokken").wait_for()
    assert page.get_by_test_id("feed-status").inner_text() == "U hebt geen agenda-feed."
    assert page.request.get(url).status == 404

    # 7. The agenda as PDF and the action list as CSV.
    _overleg_openen(page, base, GEPLAND)
    with page.expect_download() as download:
        page.get_by_role("link", name="Agenda (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.goto(f"{base}/oogo/actiepunten/")
    with page.expect_download() as download:
        page.get_by_test_id("export").get_by_role("link", name="CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as csv:
        assert "Offerte vervoersloket opvragen" in csv.read()

    # What is stored.
    gepland.refresh_from_db()
    assert (gepland.begin.astimezone().hour, gepland.begin.astimezone().minute) == (15, 30)
    assert {x.naam for x in gepland.gemeenten.all()} == {LINDEDAL, WATERVELD}
    assert dict(Deelname.objects.filter(overleg=gehouden).values_list("persoon_id", "aanwezigheid")) == {
        genodigde.pk: "aanwezig",
        eigenaar.pk: "afgemeld",
    }
    doel = Ontwikkeldoel.objects.get(doel=DOEL)
    assert [(v.overleg, v.notitie) for v in doel.voortgang.all()] == [
        (gehouden, "Twee thuiszitters terug naar school.")
    ]


def test_the_wethouder_reads_the_oogo_pages_of_their_gemeente(oogo_basis, overleggen, live_server, browser):  # noqa: F811
    from oogo import services

    swv = oogo_basis["swv"]
    doel = services.ontwikkeldoel_maken(
        swv=swv,
        by=None,
        thema="leerplicht_thuiszitters",
        ambitie="Elke thuiszitter binnen drie maanden terug.",
        doel=DOEL,
        van_jaar=2026,
        tot_jaar=2029,
    )
    services.voortgang_vastleggen(doel=doel, by=None, notitie="Twee terug.", overleg=overleggen["gehouden"])
    plan = services.ondersteuningsplan_maken(
        swv=swv,
        by=None,
        titel="Ondersteuningsplan 2027-2031",
        periode_van=datetime.date(2027, 8, 1),
        periode_tot=datetime.date(2031, 7, 31),
    )
    gehouden = overleggen["gehouden"]
    base = live_server.url
    page = nieuwe_pagina(browser)
    log_in(page, base, "bestuurder")

    # Ontwikkelagenda and ondersteuningsplan: readable, nothing to change.
    page.goto(f"{base}/oogo/")
    page.get_by_test_id("oogo-subnavigatie").get_by_role("link", name="Ontwikkelagenda").click()
    page.wait_for_url(f"{base}/oogo/ontwikkelagenda/")
    assert DOEL in page.get_by_test_id("ontwikkelagenda").inner_text()
    assert page.get_by_role("link", name="Doel toevoegen").count() == 0
    assert_no_serious_a11y_violations(page)
    page.get_by_role("link", name=DOEL).click()
    page.wait_for_url(f"{base}/oogo/ontwikkelagenda/{doel.pk}/")
    assert "Twee terug." in page.get_by_test_id("voortgang").inner_text()
    assert page.locator("main form").count() == 0
    assert_no_serious_a11y_violations(page)

    page.goto(f"{base}/oogo/")
    page.get_by_test_id("oogo-subnavigatie").get_by_role("link", name="Ondersteuningsplan").click()
    page.wait_for_url(f"{base}/oogo/ondersteuningsplan/")
    assert page.get_by_role("link", name="Nieuw ondersteuningsplan").count() == 0
    assert_no_serious_a11y_violations(page)
    page.get_by_role("link", name=plan.titel).click()
    page.wait_for_url(f"{base}/oogo/ondersteuningsplan/{plan.pk}/")
    assert "Uiterlijk 1 mei 2027" in page.get_by_test_id("inspectie").inner_text()
    assert page.locator("main form").count() == 0
    assert page.locator("main button").count() == 0
    assert_no_serious_a11y_violations(page)

    # The data pack of Lindedal, not of Waterveld (same meeting), nor of a Heuvelrijk-only meeting.
    _overleg_openen(page, base, GEHOUDEN)
    page.get_by_test_id("datapakket-link").click()
    page.wait_for_url(f"{base}/oogo/{gehouden.pk}/cijfers/")
    inhoud = page.locator("main").inner_text()
    assert LINDEDAL in inhoud
    assert WATERVELD not in inhoud.replace(f"{LINDEDAL}, {WATERVELD}", "")
    assert_no_serious_a11y_violations(page)
    waterveld = oogo_basis["gemeenten"][WATERVELD]
    antwoord = page.goto(f"{base}/oogo/{gehouden.pk}/cijfers/?gemeente={waterveld.pk}")
    assert antwoord is not None
    assert antwoord.status == 404
    antwoord = page.goto(f"{base}/oogo/{overleggen['alleen_b'].pk}/cijfers/")
    assert antwoord is not None
    assert antwoord.status == 404

    # The calendar feed: their meetings, not the Heuvelrijk-only one.
    url = _feed_maken(page, base)
    ics = page.request.get(url).text().replace("\r\n ", "")
    assert f"UID:{overleggen['gepland'].uid}" in ics
    assert f"UID:{gehouden.uid}" in ics
    assert overleggen["alleen_b"].uid not in ics
    assert ALLEEN_B not in ics
