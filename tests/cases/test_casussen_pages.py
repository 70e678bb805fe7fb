"""The case pages (issue 10, part casussen): a school submits, the coordinator's queue and overview, the case
page's transitions and casusregisseur, optimistic locking on the aanmelding, who sees which case."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Casus, Statusovergang
from cases.workflow import Status
from swv.audit.models import AuditEvent
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import VOLLEDIG, CasusFactory
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("cases:index")
NIEUW = reverse("cases:aanmelding_nieuw")
OVERZICHT = reverse("cases:casus_overzicht")


def detail(casus) -> str:
    return reverse("cases:casus_detail", args=[casus.pk])


def wijzigen(casus) -> str:
    return reverse("cases:casus_wijzigen", args=[casus.pk])


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie


def nieuw_formulier(swv, **extra) -> dict:
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    return {
        "bsn": "123456782",
        "voornaam": "Sem",
        "achternaam": "Telgen",
        "geboortedatum": "2015-03-14",
        "woongemeente": str(gemeente.pk),
        "vraagstelling": "Hoe helpen we Sem in de klas?",
        **extra,
    }


def test_a_school_saves_a_concept_that_the_swv_does_not_see(swv, users, school, client_for):
    zc = client_for(users[Rol.ZORGCOORDINATOR])
    response = zc.post(NIEUW, nieuw_formulier(swv, concept=""))
    casus = Casus.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(casus)
    assert (casus.status, casus.school, casus.leerling.achternaam) == (Status.CONCEPT, school, "Telgen")
    assert "Telgen" in zc.get(INDEX).content.decode()
    coordinator = client_for(users[Rol.SWV_COORDINATOR])
    assert coordinator.get(detail(casus)).status_code == 404
    assert "Telgen" not in coordinator.get(INDEX + "?tab=zonder_regisseur").content.decode()


def test_an_incomplete_submission_is_kept_as_concept_and_the_page_lists_what_is_missing(
    swv, users, client_for
):
    zc = client_for(users[Rol.ZORGCOORDINATOR])
    response = zc.post(NIEUW, nieuw_formulier(swv, indienen=""), follow=True)
    casus = Casus.objects.get()
    assert casus.status == Status.CONCEPT
    assert casus.vraagstelling == "Hoe helpen we Sem in de klas?"
    html = response.content.decode()
    assert "nog niet ingediend" in html
    assert "Vul „ondersteuningsbehoefte” in; dat is nodig om aan te melden." in html
    # The edit page: submitting again refuses with an error on each missing field, and the input stays.
    data = {**{k: v for k, v in VOLLEDIG.items() if k != "visie_ouders"}, "ouders_geinformeerd": "on"}
    form = zc.get(wijzigen(casus)).context["form"]
    data["versie"] = form["versie"].value()
    response = zc.post(wijzigen(casus), {**data, "indienen": ""})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "visie_ouders": ["Vul „visie van de ouders” in; dat is nodig om aan te melden."]
    }
    assert VOLLEDIG["al_gedaan"] in response.content.decode()
    casus.refresh_from_db()
    assert (casus.status, casus.al_gedaan) == (Status.CONCEPT, VOLLEDIG["al_gedaan"])
    # Completed and submitted from the same form (its version was renewed after our own save).
    data["versie"] = response.context["form"].data["versie"]
    response = zc.post(wijzigen(casus), {**data, "visie_ouders": "Ouders zijn het eens.", "indienen": ""})
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.status == Status.AANGEMELD


def test_a_second_save_over_someone_elses_change_is_refused_with_what_changed_and_keeps_the_input(
    swv, users, school, client_for
):
    casus = CasusFactory(swv=swv, school=school, status=Status.CONCEPT)
    ib = client_for(users[Rol.INTERN_BEGELEIDER])
    zc = client_for(users[Rol.ZORGCOORDINATOR])
    versie_ib = ib.get(wijzigen(casus)).context["form"]["versie"].value()
    versie_zc = zc.get(wijzigen(casus)).context["form"]["versie"].value()
    basis = {**VOLLEDIG, "ouders_geinformeerd": "on", "concept": ""}
    assert (
        ib.post(
            wijzigen(casus), {**basis, "vraagstelling": "Vraag van de IB", "versie": versie_ib}
        ).status_code
        == 302
    )
    response = zc.post(wijzigen(casus), {**basis, "vraagstelling": "Vraag van de ZC", "versie": versie_zc})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Vraagstelling: nu „Vraag van de IB”" in html
    assert "Vraag van de ZC" in html  # the user's input is still in the form
    assert Casus.objects.get(pk=casus.pk).vraagstelling == "Vraag van de IB"
    # After looking, a second save keeps the user's text.
    versie = response.context["form"].data["versie"]
    assert (
        zc.post(wijzigen(casus), {**basis, "vraagstelling": "Vraag van de ZC", "versie": versie}).status_code
        == 302
    )
    assert Casus.objects.get(pk=casus.pk).vraagstelling == "Vraag van de ZC"


def test_school_a_never_sees_school_bs_case(swv, users, client_for):
    andere = CasusFactory(swv=swv)
    zc = client_for(users[Rol.ZORGCOORDINATOR])
    assert zc.get(detail(andere)).status_code == 404
    assert (
        zc.post(reverse("cases:casus_status", args=[andere.pk]), {"naar": "ingetrokken"}).status_code == 404
    )
    assert andere.leerling.achternaam not in zc.get(INDEX).content.decode()
    assert AuditEvent.objects.filter(object_id=str(andere.pk), result=AuditEvent.Result.DENIED).exists() or (
        AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).exists()
    )


def test_the_case_page_shows_the_aanmelding_and_is_an_audited_read(swv, users, school, client_for):
    casus = CasusFactory(swv=swv, school=school)
    response = client_for(users[Rol.SWV_DESKUNDIGE]).get(detail(casus))
    html = response.content.decode()
    assert VOLLEDIG["vraagstelling"] in html
    assert "Naar „In behandeling”" in html
    assert AuditEvent.objects.filter(reason="casuspagina", action=AuditEvent.Action.READ).count() == 1


def test_the_coordinator_moves_a_case_with_a_reason_and_an_illegal_step_is_a_dutch_400(
    swv, users, school, client_for
):
    casus = CasusFactory(swv=swv, school=school)
    coordinator = client_for(users[Rol.SWV_COORDINATOR])
    url = reverse("cases:casus_status", args=[casus.pk])
    response = coordinator.post(url, {"naar": "lopend", "van": "aangemeld", "reden": ""})
    assert response.status_code == 400
    assert "Een casus met status „Aangemeld” kan niet naar „Lopend”" in response.content.decode()
    response = coordinator.post(url, {"naar": "teruggestuurd", "van": "aangemeld", "reden": ""})
    assert response.status_code == 400
    assert "Geef een reden op" in response.content.decode()
    response = coordinator.post(
        url, {"naar": "teruggestuurd", "van": "aangemeld", "reden": "Graag OPP bijvoegen"}
    )
    assert response.status_code == 302
    assert Casus.objects.get(pk=casus.pk).status == Status.TERUGGESTUURD
    html = coordinator.get(detail(casus)).content.decode()
    assert "Graag OPP bijvoegen" in html
    # The same button again, from the page as it was: the status changed meanwhile.
    response = coordinator.post(url, {"naar": "in_behandeling", "van": "aangemeld", "reden": ""})
    assert response.status_code == 400
    assert "intussen gewijzigd" in response.content.decode()


def test_the_queue_tabs_and_assigning_in_one_step(swv, users, school, client_for):
    nieuw = CasusFactory(swv=swv, school=school)
    oud = CasusFactory(swv=swv, aangemeld_op=timezone.now() - datetime.timedelta(days=30))
    bezig = CasusFactory(swv=swv, status=Status.IN_BEHANDELING)
    coordinator = users[Rol.SWV_COORDINATOR]
    client = client_for(coordinator)

    def namen(tab):
        return {c.pk for c in client.get(f"{INDEX}?tab={tab}").context["page"].object_list}

    assert namen("nieuw") == {nieuw.pk, oud.pk}
    assert namen("te_laat") == {oud.pk}
    assert namen("zonder_regisseur") == {nieuw.pk, oud.pk, bezig.pk}
    assert namen("mijn") == set()
    response = client.post(
        reverse("cases:casus_regisseur", args=[bezig.pk]),
        {"casusregisseur": coordinator.pk, "terug": f"{INDEX}?tab=zonder_regisseur"},
    )
    assert response["Location"] == f"{INDEX}?tab=zonder_regisseur"
    assert namen("mijn") == {bezig.pk}
    assert namen("zonder_regisseur") == {nieuw.pk, oud.pk}
    # A school user cannot assign.
    assert (
        client_for(users[Rol.ZORGCOORDINATOR])
        .post(reverse("cases:casus_regisseur", args=[nieuw.pk]), {"casusregisseur": coordinator.pk})
        .status_code
        == 403
    )


def test_the_overview_filters_and_searches_the_texts_in_dutch_and_the_pupils_name(
    swv, users, school, client_for
):
    dyslexie = CasusFactory(swv=swv, school=school, vraagstelling="Wij vermoeden ernstige leesproblemen.")
    anders = CasusFactory(swv=swv, leerling=LeerlingFactory(swv=swv, achternaam="Zoekmans"))
    client = client_for(users[Rol.SWV_MEDEWERKER])

    def gevonden(**params):
        return {c.pk for c in client.get(OVERZICHT, params).context["page"].object_list}

    assert gevonden(q="leesprobleem") == {dyslexie.pk}  # Dutch stemming: probleem ~ problemen
    assert gevonden(q="zoekman") == {anders.pk}
    assert gevonden(school=school.pk) == {dyslexie.pk}
    assert gevonden(status="aangemeld") == {dyslexie.pk, anders.pk}
    assert gevonden(status="lopend") == set()


def _vul(swv, school, totaal):
    for _ in range(totaal - Casus.objects.filter(swv=swv).count()):
        casus = CasusFactory(swv=swv, school=school)
        Statusovergang.objects.filter(casus=casus)  # nothing; one transition each from the factory


@pytest.mark.parametrize("rol", [Rol.SWV_COORDINATOR, Rol.ZORGCOORDINATOR])
def test_the_start_list_query_count_is_flat_at_1_10_and_50_cases(rol, swv, users, school, client_for):
    client = client_for(users[rol])
    counts = []
    for totaal in (1, 10, 50):
        _vul(swv, school, totaal)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(INDEX)
        assert len(response.context["page"].object_list) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_the_case_page_links_to_every_part_of_the_case(swv, users, school, client_for):
    casus = CasusFactory(swv=swv, school=school, status=Status.IN_BEHANDELING)
    pagina = client_for(users[Rol.SWV_COORDINATOR]).get(detail(casus)).content.decode()
    for naam in ("team", "betrokkenen", "plan", "acties", "evaluaties", "tijdlijn"):
        assert f'href="{reverse(f"cases:{naam}", args=[casus.pk])}"' in pagina, naam
    assert f'href="{reverse("cases:leerling_detail", args=[casus.leerling_id])}"' in pagina
