"""The Verzuimmonitor in chromium under the real CSP: Chart.js draws the trend, the table holds the figures."""

from __future__ import annotations

import datetime

import pytest

from tests.e2e.test_e2e_csp import Watcher
from tests.e2e.test_e2e_pages import log_in_as_coordinator, main_heading

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _thuiszitters() -> int:
    """Twelve new thuiszitters in September 2025 in a gemeente of the coordinator's SWV, so the chart has a bar;
    returns that gemeente's id (the page is filtered on it: the demo's own few thuiszitters elsewhere would
    make other cells small, and suppressing those may hide a month of the SWV-wide chart)."""
    from swv.core.models import Lidmaatschap
    from tests.factories import LeerlingFactory, OrganisatieFactory
    from tests.thuiszitters.factories import ThuiszitterFactory

    swv = Lidmaatschap.objects.filter(user__username="coordinator").first().swv
    gemeente = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Monitordorp", code="8997")
    school = OrganisatieFactory(swv=swv, school=True, code="98ZY00")
    for i in range(12):
        leerling = LeerlingFactory(swv=swv, school=school, woongemeente=gemeente)
        ThuiszitterFactory(
            leerling=leerling,
            school=school,
            gemeente=gemeente,
            startdatum=datetime.date(2025, 9, 1) + datetime.timedelta(days=i),
        )
    return gemeente.pk


def test_monitor_draws_its_chart_without_csp_violations(demo_data, live_server, page):
    gemeente_id = _thuiszitters()
    watcher = Watcher(page, live_server.url)
    log_in_as_coordinator(page, live_server.url)

    page.goto(
        f"{live_server.url}/thuiszitters/monitor/?schooljaar=2025&peildatum=2026-07-31&gemeente={gemeente_id}"
    )

    assert main_heading(page) == "Verzuimmonitor"
    page.wait_for_function("() => window.Chart && window.Chart.getChart('monitor-trend-grafiek')")
    bars = page.evaluate("() => window.Chart.getChart('monitor-trend-grafiek').data.datasets[0].data")
    assert 12 in bars
    assert "Gemeente Monitordorp" in page.get_by_test_id("monitor-per-gemeente").inner_text()
    watcher.check("/thuiszitters/monitor/")
    assert watcher.problems == []
