"""What the browser journey (tests/e2e/test_e2e_casus_journey.py) found on the case pages, pinned without a
browser: one message for a refused submission with links to the missing fields, and an unticked "ouders
geïnformeerd" that leaves "unknown" unknown (else a second tab sees a change nobody made)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.models import Casus
from cases.workflow import Status
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import VOLLEDIG, CasusFactory
from tests.cases.test_casussen_pages import nieuw_formulier, wijzigen

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie


def test_a_refused_submission_gives_one_message_and_the_list_links_to_each_missing_field(
    swv, users, school, client_for
):
    zc = client_for(users[Rol.ZORGCOORDINATOR])
    response = zc.post(reverse("cases:aanmelding_nieuw"), nieuw_formulier(swv, indienen=""))
    casus = Casus.objects.get()
    assert response["Location"] == wijzigen(casus)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "De aanmelding is opgeslagen als concept, maar nog niet ingediend. Hieronder staat wat nog nodig is."
    ]
    html = zc.get(wijzigen(casus)).content.decode()
    assert '<a class="utrecht-link utrecht-link--html-a" href="#id_ondersteuningsbehoefte">' in html
    assert 'href="#id_ouders_geinformeerd"' in html
    assert 'id="id_ouders_geinformeerd"' in html
    assert 'href="#id_vraagstelling"' not in html  # filled in, so not missing


@pytest.mark.parametrize(
    ("opgeslagen", "aangevinkt", "daarna"),
    [(None, False, None), (None, True, True), (True, False, False), (False, False, False)],
)
def test_the_ouders_geinformeerd_checkbox_keeps_unknown_unknown(
    swv, users, school, client_for, opgeslagen, aangevinkt, daarna
):
    casus = CasusFactory(swv=swv, school=school, status=Status.CONCEPT, ouders_geinformeerd=opgeslagen)
    zc = client_for(users[Rol.ZORGCOORDINATOR])
    versie = zc.get(wijzigen(casus)).context["form"]["versie"].value()
    data = {**VOLLEDIG, "concept": "", "versie": versie}
    data.pop("ouders_geinformeerd")
    if aangevinkt:
        data["ouders_geinformeerd"] = "on"
    assert zc.post(wijzigen(casus), data).status_code == 302
    casus.refresh_from_db()
    assert casus.ouders_geinformeerd is daarna


def test_the_case_page_shows_the_aanmelding_labels_with_a_capital(swv, users, school, client_for):
    casus = CasusFactory(swv=swv, school=school)
    html = (
        client_for(users[Rol.SWV_COORDINATOR])
        .get(reverse("cases:casus_detail", args=[casus.pk]))
        .content.decode()
    )
    assert ">Ondersteuningsbehoefte</dt>" in html
    assert ">ondersteuningsbehoefte</dt>" not in html


def test_the_team_and_plan_pages_lead_back_to_the_case_and_across(swv, users, school, client_for):
    casus = CasusFactory(swv=swv, school=school, status=Status.IN_BEHANDELING)
    coordinator = client_for(users[Rol.SWV_COORDINATOR])
    detail = reverse("cases:casus_detail", args=[casus.pk])
    team = coordinator.get(reverse("cases:team", args=[casus.pk])).content.decode()
    assert f'href="{detail}"' in team
    assert f'href="{reverse("cases:plan", args=[casus.pk])}"' in team
    plan = coordinator.get(reverse("cases:plan", args=[casus.pk])).content.decode()
    assert f'href="{detail}"' in plan
    assert f'href="{reverse("cases:team", args=[casus.pk])}"' in plan
