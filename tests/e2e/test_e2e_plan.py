"""The plan pages in a real browser: a coordinator sees the plan, versions, comparison, actions,
evaluations and "Mijn taken"; each passes axe and none scrolls sideways at 320-1280 px."""

from __future__ import annotations

import datetime

import pytest

from tests.e2e.test_e2e_login import assert_no_serious_a11y_violations
from tests.e2e.test_e2e_pages import log_in_as_coordinator, main_heading
from tests.e2e.test_e2e_reflow import overflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def maak_casus_met_plan() -> int:
    from cases.deadlines import controleer_deadlines
    from cases.models import Casus, Leerling, Plan
    from cases.services_plan import (
        actie_toevoegen,
        evaluatie_vastleggen,
        plan_bijwerken,
        plan_concept_maken,
        plan_vaststellen,
    )
    from cases.workflow import GESLOTEN
    from partners.models import Organisatie
    from swv.core.models import Lidmaatschap, Rol

    coordinator = Lidmaatschap.objects.filter(rol=Rol.SWV_COORDINATOR, user__username="coordinator").first()
    assert coordinator is not None
    # A pupil without an open case: the demo gives most pupils one (one open case per pupil and school).
    leerling = (
        Leerling.objects.filter(swv=coordinator.swv)
        .exclude(casussen__status__in=sorted(set(Casus.Status.values) - GESLOTEN))
        .first()
    )
    assert leerling is not None
    casus = Casus.objects.create(
        swv=coordinator.swv,
        leerling=leerling,
        school=leerling.school,
        status=Casus.Status.IN_BEHANDELING,
        opp_vereist_vanaf=datetime.date.today() - datetime.timedelta(days=40),
    )
    by = coordinator.user
    v1 = plan_concept_maken(casus=casus, by=by)
    plan_bijwerken(plan=v1, by=by, doelen="Technisch lezen op niveau 1F aan het eind van het schooljaar.")
    plan_vaststellen(plan=v1, by=by)
    v2 = plan_concept_maken(casus=casus, by=by)
    plan_bijwerken(plan=v2, by=by, doelen="Technisch lezen op niveau 2F aan het eind van het schooljaar.")
    eigenaar = Organisatie.objects.filter(swv=coordinator.swv).first()
    actie_toevoegen(
        casus=casus, by=by, omschrijving="Gesprek met ouders en wijkteam", eigenaar_organisatie=eigenaar
    )
    evaluatie_vastleggen(
        casus=casus, by=by, datum=datetime.date.today(), conclusie="deels", verslag="Besproken."
    )
    assert Plan.objects.filter(casus=casus).count() == 2
    Casus.objects.filter(pk=casus.pk).update(
        opp_vereist_vanaf=datetime.date.today() - datetime.timedelta(days=40)
    )
    Plan.objects.filter(casus=casus, versie=1).update(status="vervangen")  # a task for the OPP rule
    controleer_deadlines()
    return casus.pk


def test_plan_pages_have_their_heading_pass_axe_and_do_not_scroll_sideways(demo_data, live_server, page):
    pk = maak_casus_met_plan()
    log_in_as_coordinator(page, live_server.url)
    pagina_s = {
        f"/casussen/{pk}/plan/": "Plan (ontwikkelingsperspectief)",
        f"/casussen/{pk}/plan/vergelijken/": "Versies van het plan vergelijken",
        f"/casussen/{pk}/acties/": "Acties en afspraken",
        f"/casussen/{pk}/evaluaties/": "Evaluaties van het plan",
        "/casussen/taken/": "Mijn taken",
    }
    for pad, kop in pagina_s.items():
        page.goto(f"{live_server.url}{pad}")
        assert main_heading(page) == kop
        assert_no_serious_a11y_violations(page)
    page.goto(f"{live_server.url}/casussen/{pk}/plan/vergelijken/")
    assert page.get_by_test_id("vergelijking").locator("ins").first.inner_text() == "2F"
    assert overflows(page, live_server.url, list(pagina_s)) == []
