"""The verzuim chain in a real browser (issue 12, part keten; docs/verzuim.md "De keten"), in the issue's
words: a school uploads absence, the check fires, the school makes a melding, leerplicht handles it, a
thuiszitter is registered and found an offer. Four people, each in their own browser context; every step
is asserted on the page the person sees and in the stored rows."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.e2e.test_e2e_casussen import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGEL = "Meldplicht: 16 uur in 4 lesweken"


def maak_leerling_met_casus():
    """The pupil of test_e2e_verzuim_pages.maak_leerling, with an open case (the chain's events land on its
    tijdlijn)."""
    from tests.cases.factories_casus import CasusFactory
    from tests.e2e.test_e2e_verzuim_pages import maak_leerling

    leerling = maak_leerling("Daan", "Ketentest", datetime.date(2025, 8, 1))
    school = leerling.school
    casus = CasusFactory(swv=school.swv, school=school, leerling=leerling, status="in_behandeling")
    return leerling, casus, school


def test_absence_check_melding_leerplicht_thuiszitter_and_offer(demo_data, live_server, browser):
    from django.utils import timezone

    from cases.models import TijdlijnGebeurtenis
    from thuiszitters.controles import verzuimcontroles
    from thuiszitters.demo_verzuim import _lesdagen
    from thuiszitters.models import Absentie, MeldingNotitie, Signaal, Thuiszitter, Verzuimmelding

    base = live_server.url
    leerling, casus, school = maak_leerling_met_casus()
    vandaag = timezone.localdate()
    # The last four lesdagen of the school's region (the demo gives its schools one), oldest first: 4 x 4
    # ongeoorloofde uren reach 16 on the last of them, within 4 lesweken whatever holiday lies between.
    dagen = sorted(_lesdagen(school.vakantieregio, vandaag, 4))
    assert school.vakantieregio == "midden"

    def nieuwe_pagina(gebruiker: str):
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        context.set_default_timeout(15_000)
        page = context.new_page()
        log_in(page, base, gebruiker)
        return page

    # 1. The school uploads the absence: a dry run stores nothing, then for real.
    school_pagina = nieuwe_pagina("zorgcoordinator")
    school_pagina.goto(f"{base}/thuiszitters/absentie/uploaden/")
    csv = "bsn;datum;uren;geoorloofd;reden;id\n" + "".join(
        f"{leerling.bsn};{dag:%d-%m-%Y};4;nee;spijbelen;keten-{i}\n" for i, dag in enumerate(dagen)
    )
    school_pagina.get_by_label("CSV-bestand").set_input_files(
        {"name": "absentie.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    school_pagina.get_by_role("button", name="Proefverwerking").click()
    assert "4 nieuw" in school_pagina.get_by_test_id("tellingen").inner_text()
    assert not Absentie.objects.filter(leerling=leerling).exists()
    school_pagina.get_by_role("button", name="Nu verwerken").click()
    assert "Verwerkt: 4 nieuw" in school_pagina.content()
    assert Absentie.objects.filter(leerling=leerling, geoorloofd=False).count() == 4

    # 2. The periodic check. In production Celery beat runs thuiszitters.tasks.verzuimcontroles every night
    # (entry thuiszitters-verzuimcontroles); the test calls the same function for today's peildatum.
    nieuw = verzuimcontroles(vandaag)
    assert nieuw["meldplicht_16_uur"] >= 1
    signaal = Signaal.objects.get(leerling=leerling, regel="meldplicht_16_uur")
    assert (signaal.voor_school, signaal.school_id, signaal.status) == (True, school.pk, "open")

    # 3. The school sees the signal by its Dutch label, makes the melding from it and closes it with a note.
    school_pagina.goto(f"{base}/thuiszitters/signalen/")
    rij = school_pagina.locator(f'tr[data-signaal="{signaal.pk}"]')
    assert "Daan Ketentest" in rij.inner_text()
    assert REGEL in rij.inner_text()
    rij.get_by_role("link").click()
    school_pagina.get_by_test_id("volgende-stap").click()  # "Verzuimmelding doen", the pupil already chosen
    assert school_pagina.get_by_label("Leerling", exact=True).input_value() == str(leerling.pk)
    assert school_pagina.get_by_label("Vermoedelijke soort verzuim").input_value() == "zestien_uur"
    school_pagina.get_by_label("Begindatum verzuim").fill(dagen[0].isoformat())
    school_pagina.get_by_label("Naam melder").fill("Fleur de Vries")
    school_pagina.get_by_role("button", name="Melding doen").click()
    school_pagina.wait_for_url(re.compile(r".*/thuiszitters/meldingen/\d+/$"))
    melding = Verzuimmelding.objects.get(leerling=leerling)
    assert (melding.status, melding.vermoedelijke_soort) == ("geregistreerd", "zestien_uur")
    school_pagina.goto(f"{base}/thuiszitters/signalen/{signaal.pk}/")
    school_pagina.get_by_label("Notitie").fill(f"Verzuimmelding {melding.pk} gedaan.")
    school_pagina.get_by_role("button", name="Sluiten met notitie").click()
    assert school_pagina.get_by_test_id("status").inner_text() == "Gesloten"
    signaal.refresh_from_db()
    assert (signaal.status, signaal.notitie) == ("gesloten", f"Verzuimmelding {melding.pk} gedaan.")

    # 4. Leerplicht of the pupil's woongemeente finds it in Mijn meldingen and takes it in behandeling.
    leerplicht = nieuwe_pagina("leerplicht")
    leerplicht.goto(f"{base}/thuiszitters/meldingen/")
    assert leerplicht.get_by_role("heading", name="Mijn meldingen").is_visible()
    leerplicht.get_by_role("link", name="Ketentest, Daan").click()
    leerplicht.get_by_role("link", name="Melding behandelen").click()
    leerplicht.get_by_label("Nieuwe status").select_option("in_behandeling")
    leerplicht.get_by_label("Toelichting gemeente").fill("Verzuimgesprek met Daan en ouders gepland.")
    leerplicht.get_by_role("button", name="Opslaan").click()
    leerplicht.wait_for_url(f"**/thuiszitters/meldingen/{melding.pk}/")
    assert "In behandeling" in leerplicht.get_by_test_id("status").inner_text()

    # An action on the melding.
    leerplicht.get_by_role("link", name="Actie of notitie toevoegen").click()
    leerplicht.get_by_label("Soort").select_option("gesprek")
    leerplicht.get_by_label("Wat is er gedaan of afgesproken").fill("Verzuimgesprek: Daan komt niet meer.")
    leerplicht.get_by_role("button", name="Toevoegen").click()
    assert "Verzuimgesprek: Daan komt niet meer." in leerplicht.content()
    assert MeldingNotitie.objects.get(melding=melding).soort == "gesprek"

    # 5. Daan stays at home: leerplicht registers him as a thuiszitter (from the first absent day).
    leerplicht.goto(f"{base}/thuiszitters/registraties/nieuw/?leerling={leerling.pk}")
    leerplicht.get_by_label("Soort").select_option("langdurig_relatief")
    leerplicht.get_by_label("Thuis sinds").fill(dagen[0].isoformat())
    leerplicht.get_by_role("button", name="Opslaan").click()
    leerplicht.wait_for_url(re.compile(r".*/thuiszitters/registraties/\d+/$"))
    assert "De thuiszitter is geregistreerd." in leerplicht.content()
    thuiszitter = Thuiszitter.objects.get(leerling=leerling)
    assert (thuiszitter.soort, thuiszitter.startdatum, thuiszitter.casus_id) == (
        "langdurig_relatief",
        dagen[0],
        casus.pk,
    )

    # 6. Later an offer is found; the melding is closed as he goes back to school.
    leerplicht.get_by_role("link", name="Bijwerken").click()
    leerplicht.get_by_label("Gevonden aanbod").fill("Herstartklas met begeleiding vanuit jeugdhulp.")
    leerplicht.get_by_label("Aanbod vanaf").fill(vandaag.isoformat())
    leerplicht.get_by_role("button", name="Opslaan").click()
    leerplicht.wait_for_url(f"**/thuiszitters/registraties/{thuiszitter.pk}/")
    assert "Herstartklas met begeleiding vanuit jeugdhulp." in leerplicht.content()
    thuiszitter.refresh_from_db()
    assert (thuiszitter.aanbod_vanaf, thuiszitter.einddatum) == (vandaag, None)

    leerplicht.goto(f"{base}/thuiszitters/meldingen/{melding.pk}/behandelen/")
    leerplicht.get_by_label("Nieuwe status").select_option("afgesloten")
    leerplicht.get_by_label("Reden afgesloten").select_option("terug_naar_school")
    leerplicht.get_by_role("button", name="Opslaan").click()
    leerplicht.wait_for_url(f"**/thuiszitters/meldingen/{melding.pk}/")
    assert "Afgesloten (Terug naar school)" in leerplicht.get_by_test_id("status").inner_text()
    # The one rule for a final melding: it says so and offers no "Melding behandelen" any more.
    assert (
        "Deze melding is afgesloten en verandert niet meer."
        in leerplicht.get_by_test_id("afgerond").inner_text()
    )
    assert leerplicht.get_by_role("link", name="Melding behandelen").count() == 0
    melding.refresh_from_db()
    assert (melding.status, melding.reden_afgesloten) == ("afgesloten", "terug_naar_school")
    assert melding.toelichting_gemeente == "Verzuimgesprek met Daan en ouders gepland."

    # 7. The SWV coordinator sees the thuiszitter with its offer, and the case's tijdlijn tells the chain.
    coordinator = nieuwe_pagina("coordinator")
    coordinator.goto(f"{base}/thuiszitters/registraties/")
    rij = coordinator.get_by_test_id("thuiszitter").filter(has_text="Daan Ketentest")
    assert "Langdurig relatief verzuim" in rij.inner_text()
    assert f"Vanaf {vandaag.day}-{vandaag.month}-{vandaag.year}" in rij.inner_text()
    coordinator.goto(f"{base}/casussen/{casus.pk}/tijdlijn/")
    tijdlijn = coordinator.get_by_test_id("tijdlijn").inner_text()
    verwacht = [
        "Verzuimmelding gedaan (16 uur in 4 opeenvolgende lesweken)",
        "Verzuimmelding: In behandeling",
        "Geregistreerd als thuiszitter (Langdurig relatief verzuim)",
        f"Aanbod gevonden voor thuiszitter (vanaf {vandaag:%d-%m-%Y})",
        "Verzuimmelding: Afgesloten",
    ]
    for titel in verwacht:
        assert titel in tijdlijn, titel
    opgeslagen = list(
        TijdlijnGebeurtenis.objects.filter(casus=casus, bron="thuiszitters")
        .order_by("op", "pk")
        .values_list("titel", flat=True)
    )
    assert opgeslagen == verwacht
