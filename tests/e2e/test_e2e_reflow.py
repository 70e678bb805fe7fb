"""Reflow (WCAG 1.4.10): no main page scrolls sideways between 320 and 1280 CSS pixels.

A wide table may scroll inside its own labelled region (role="region", tabindex="0"), never the whole
page. The demo data is made worse first: a long organisation name, a long unbreakable e-mail address
and a long agreement title are what real registries hold and what pushed pages wider than the screen.
Forms, the admin's lists and a pupil's page are measured as well. One browser, two logins (the
beheerder sees the partner pages, the DUO import and the admin; pupils are for SWV roles only), then a
loop over pages and widths.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cases.models import Leerling
from partners.models import Sleutelfiguur
from tests.e2e.test_e2e_duo_import import log_in_as_beheerder
from tests.e2e.test_e2e_pages import log_in_as_coordinator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parent.parent / "partners" / "data" / "scholen_met_fouten.csv"
WIDTHS = (320, 375, 1280)

LANGE_NAAM = (
    "Stichting voor Christelijk Primair en Speciaal Basisonderwijs Rivierenland-Heuvelrijk-Waterveld "
    "en Omstreken (demo)"
)
LANG_ADRES = "secretariaat.bestuursondersteuning.jeugdhulp@stichtingchristelijkonderwijsrivierenland.nl"
LANGE_TITEL = (
    "Convenant Thuiszittersaanpak en Doorzettingsmacht Jeugdhulp-Onderwijsarrangementen "
    "Samenwerkingsverband Rivierenland 2026-2030"
)

# For the failure message: the elements outside a table's own scroll region that stick out to the right.
MEASURE = """
() => {
  const doc = document.documentElement;
  const width = window.innerWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    const clipped = el.closest('[role=region]') !== null && getComputedStyle(el).position !== 'absolute';
    if (rect.right > width + 1 && !clipped) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(rect.right)})`);
    }
  }
  // A table that is wider than the screen scrolls in a region a keyboard user can reach and that
  // has a name: role="region", tabindex="0" and aria-label(ledby) pointing at text.
  const unreachable = [];
  for (const box of document.querySelectorAll('.utrecht-table-container')) {
    if (box.scrollWidth <= box.clientWidth) continue;
    const labelId = box.getAttribute('aria-labelledby');
    const label = box.getAttribute('aria-label') || (labelId && document.getElementById(labelId)?.textContent.trim());
    if (box.getAttribute('role') !== 'region' || box.getAttribute('tabindex') !== '0' || !label) {
      unreachable.push(box.querySelector('table')?.dataset.testid || box.outerHTML.slice(0, 80));
    }
  }
  return {scrollWidth: doc.scrollWidth, innerWidth: width, outside: out.slice(0, 5), unreachable};
}
"""


def make_the_data_long() -> int:
    """Lengthen demo rows the way real data is long; return the id of the organisation to open."""
    from partners.models import Afspraak, Organisatie, Persoon

    schoolbestuur = Organisatie.objects.get(naam="Stichting Primair Onderwijs Rivierenland (demo)")
    Organisatie.objects.filter(pk=schoolbestuur.pk).update(naam=LANGE_NAAM, email=LANG_ADRES)
    Persoon.objects.filter(pk__in=Persoon.objects.order_by("pk").values("pk")[:3]).update(email=LANG_ADRES)
    Afspraak.objects.filter(pk=Afspraak.objects.order_by("pk").values("pk")[:1]).update(titel=LANGE_TITEL)
    return schoolbestuur.pk


def overflows(page, base_url: str, paths: list[str]) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(f"{base_url}{path}")
            assert response is not None, path
            assert response.status == 200, (path, response.status)
            result = page.evaluate(MEASURE)
            if directory := os.environ.get("E2E_SCREENSHOT_DIR"):  # to look at the pages by eye
                Path(directory).mkdir(parents=True, exist_ok=True)
                name = re.sub(r"\W+", "-", path).strip("-") or "start"
                page.screenshot(path=str(Path(directory) / f"reflow-{width}-{name}.png"), full_page=True)
            if result["scrollWidth"] > result["innerWidth"]:
                problems.append(f"{width}px {path}: scrollWidth {result['scrollWidth']} {result['outside']}")
            if result["unreachable"]:
                problems.append(
                    f"{width}px {path}: scrolling table without a named region {result['unreachable']}"
                )
    return problems


def test_no_main_page_scrolls_sideways_from_320_to_1280_px(
    demo_data, live_server, settings, tmp_path, browser
):
    settings.MEDIA_ROOT = tmp_path
    organisatie_id = make_the_data_long()
    leerling_id = Leerling.objects.order_by("pk").values_list("pk", flat=True).first()
    rol_id = Sleutelfiguur.objects.order_by("pk").values_list("pk", flat=True).first()

    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in_as_beheerder(page, live_server.url)
    # A DUO import result with bad rows and changes, through the page as a beheerder does it.
    page.goto(f"{live_server.url}/partners/import/")
    page.get_by_label("DUO-bestand (CSV)").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Inlezen").click()
    page.wait_for_url(re.compile(r".*/partners/import/\d+/$"))
    import_result = page.url.removeprefix(live_server.url)
    assert page.get_by_test_id("foutrijen").is_visible()

    problems = overflows(
        page,
        live_server.url,
        [
            "/",
            "/partners/",
            f"/partners/{organisatie_id}/",
            "/partners/routekaart/",
            "/partners/dekkend-netwerk/",
            "/partners/afspraken/",
            "/partners/netwerk/",
            # The print pages of the exports (the widest tables: they scroll in their own region).
            "/partners/export/organisaties/",
            "/partners/export/personen/?status=alle",
            "/partners/export/routekaart/",
            "/partners/export/dekkend-netwerk/",
            "/partners/import/",
            import_result,
            "/audit/",
            "/beheer/",
            # Forms and the admin's lists and forms: less often opened, as cheap to measure.
            "/partners/nieuw/",
            "/partners/afspraken/nieuw/",
            "/partners/voorzieningen/nieuw/",
            f"/partners/{organisatie_id}/wijzigen/",
            f"/partners/{organisatie_id}/sleutelfiguren/nieuw/",
            f"/partners/sleutelfiguren/{rol_id}/wijzigen/",
            "/beheer/partners/organisatie/",
            f"/beheer/partners/organisatie/{organisatie_id}/change/",
            "/beheer/core/lidmaatschap/",
            "/beheer/partners/afspraak/",
            "/tweestapsverificatie/herstelcodes/",
        ],
    )
    context.close()

    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in_as_coordinator(page, live_server.url)
    from cases.models import Ouder

    ouder_id = Ouder.objects.filter(leerling_id=leerling_id).values_list("pk", flat=True).first()
    problems += overflows(
        page,
        live_server.url,
        [
            "/casussen/leerlingen/",
            f"/casussen/leerlingen/{leerling_id}/",
            f"/casussen/leerlingen/{leerling_id}/inschrijvingen/nieuw/",
            f"/casussen/ouders/{ouder_id}/wijzigen/",
        ],
    )
    context.close()

    assert not problems, "\n".join(problems)
