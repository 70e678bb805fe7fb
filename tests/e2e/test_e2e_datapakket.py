"""The OOGO data pack in chromium under the real CSP: Chart.js draws each subject, the tables hold the figures."""

from __future__ import annotations

import datetime

import pytest

from tests.e2e.test_e2e_csp import Watcher
from tests.e2e.test_e2e_pages import log_in_as_coordinator, main_heading

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _overleg_met_thuiszitters() -> tuple[int, int]:
    """A meeting of the coordinator's SWV with a gemeente of seven current thuiszitters."""
    from swv.core.models import Lidmaatschap
    from tests.factories import LeerlingFactory, OrganisatieFactory
    from tests.oogo.factories import overleg
    from tests.thuiszitters.factories import ThuiszitterFactory

    swv = Lidmaatschap.objects.filter(user__username="coordinator").first().swv
    gemeente = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Cijferdorp", code="8996")
    school = OrganisatieFactory(swv=swv, school=True, code="98ZX00")
    vandaag = datetime.date.today()
    for _i in range(7):
        ThuiszitterFactory(
            leerling=LeerlingFactory(swv=swv, school=school, woongemeente=gemeente),
            school=school,
            gemeente=gemeente,
            startdatum=vandaag - datetime.timedelta(days=1),
        )
    return overleg(swv, gemeenten=[gemeente], dag=vandaag + datetime.timedelta(days=14)).pk, gemeente.pk


def test_data_pack_draws_its_charts_without_csp_violations(demo_data, live_server, page):
    overleg_id, gemeente_id = _overleg_met_thuiszitters()
    watcher = Watcher(page, live_server.url)
    log_in_as_coordinator(page, live_server.url)

    page.goto(f"{live_server.url}/oogo/{overleg_id}/")
    page.get_by_test_id("datapakket-link").click()
    page.wait_for_url(f"{live_server.url}/oogo/{overleg_id}/cijfers/")

    assert main_heading(page).startswith("Cijfers voor")
    assert "Voorlopig, nog niet vastgelegd." in page.get_by_test_id("datapakket-status").inner_text()
    selector = f'canvas[data-grafiek-bron="datapakket-{gemeente_id}-thuiszitters-data"]'
    page.wait_for_function(
        "(s) => window.Chart && window.Chart.getChart(document.querySelector(s))", arg=selector
    )
    bars = page.evaluate(
        "(s) => window.Chart.getChart(document.querySelector(s)).data.datasets[0].data", selector
    )
    assert bars[0] == 7  # thuiszitters op de peildatum
    assert "7" in page.get_by_test_id("datapakket-thuiszitters").inner_text()
    watcher.check("/oogo/<id>/cijfers/")
    assert watcher.problems == []
