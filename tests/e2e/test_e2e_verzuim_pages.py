"""Verzuim pages in a real browser (issue 12, part paginas): a school uploads absence as CSV (proefverwerking,
then for real) and reports a melding; the leerplichtambtenaar of the pupil's gemeente takes it up."""

from __future__ import annotations

import datetime

import pytest

from tests.e2e.test_e2e_casussen import log_in
from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def maak_leerling(voornaam="Sanne", achternaam="Browsertest", ingeschreven_op=datetime.date(2026, 8, 1)):
    """A pupil of De Regenboog (the demo zorgcoordinator's school) living in the demo leerplicht team's
    gemeente, enrolled since `ingeschreven_op` (also used by test_e2e_verzuim_keten.py)."""
    from cases.models import Inschrijving
    from swv.core.models import Lidmaatschap, Rol
    from tests.factories import LeerlingFactory

    school = Lidmaatschap.objects.get(user__username="zorgcoordinator", rol=Rol.ZORGCOORDINATOR).organisatie
    leerplicht = Lidmaatschap.objects.get(
        user__username="leerplicht", rol=Rol.LEERPLICHTAMBTENAAR
    ).organisatie
    leerling = LeerlingFactory(
        swv=school.swv,
        school=school,
        woongemeente_id=leerplicht.gemeente_id,
        voornaam=voornaam,
        achternaam=achternaam,
    )
    Inschrijving.objects.create(
        swv=school.swv, leerling=leerling, school=school, ingeschreven_op=ingeschreven_op
    )
    return leerling


def test_upload_report_and_handle(demo_data, live_server, browser):
    from thuiszitters.models import Absentie, Verzuimmelding

    base = live_server.url
    leerling = maak_leerling()

    def nieuwe_pagina(gebruiker: str):
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        context.set_default_timeout(15_000)
        page = context.new_page()
        log_in(page, base, gebruiker)
        return page

    school = nieuwe_pagina("zorgcoordinator")
    school.goto(f"{base}/thuiszitters/absentie/uploaden/")
    assert_no_serious_a11y_violations(school)
    csv = (
        "bsn;datum;uren;geoorloofd;reden;id\n"
        f"{leerling.bsn};02-11-2026;4;nee;spijbelen;e2e-1\n"
        f"{leerling.bsn};03-11-2026;3,5;nee;spijbelen;e2e-2\n"
    ).encode()
    school.get_by_label("CSV-bestand").set_input_files(
        {"name": "absentie.csv", "mimeType": "text/csv", "buffer": csv}
    )
    school.get_by_role("button", name="Proefverwerking").click()
    assert "2 nieuw" in school.get_by_test_id("tellingen").inner_text()
    assert Absentie.objects.filter(leerling=leerling).count() == 0
    school.get_by_role("button", name="Nu verwerken").click()
    assert "Verwerkt: 2 nieuw" in school.content()
    assert Absentie.objects.filter(leerling=leerling).count() == 2

    school.goto(f"{base}/thuiszitters/meldingen/nieuw/")
    school.get_by_label("Leerling", exact=True).select_option(str(leerling.pk))
    school.get_by_label("Begindatum verzuim").fill("2026-11-02")
    school.get_by_label("Vermoedelijke soort verzuim").select_option("beginnend")
    school.get_by_label("Naam melder").fill("Fleur de Vries")
    school.get_by_role("button", name="Melding doen").click()
    school.wait_for_url("**/thuiszitters/meldingen/*/")
    melding = Verzuimmelding.objects.get(leerling=leerling)

    leerplicht = nieuwe_pagina("leerplicht")
    leerplicht.goto(f"{base}/thuiszitters/meldingen/?status=open")
    leerplicht.get_by_role("link", name="Browsertest, Sanne").click()
    leerplicht.get_by_role("link", name="Melding behandelen").click()
    assert_no_serious_a11y_violations(leerplicht)
    leerplicht.get_by_label("Nieuwe status").select_option("in_behandeling")
    leerplicht.get_by_label("Toelichting gemeente").fill("Verzuimgesprek gepland.")
    leerplicht.get_by_role("button", name="Opslaan").click()
    leerplicht.wait_for_url(f"**/thuiszitters/meldingen/{melding.pk}/")
    assert "In behandeling" in leerplicht.get_by_test_id("status").inner_text()
    melding.refresh_from_db()
    assert melding.status == "in_behandeling"
