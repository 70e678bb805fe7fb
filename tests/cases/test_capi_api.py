"""Issue 10, part capi: actions and evaluations in the API, and partner systems through the one case rule
(decision 38): a system sees what a member of its organisation would see."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from cases import services_plan
from cases.models import Actie, Evaluatie, TijdlijnGebeurtenis
from cases.services_team import (
    ot_lid_beeindigen,
    ot_lid_toevoegen,
    toestemming_intrekken,
    toestemming_vastleggen,
)
from cases.workflow import Status
from swv.core.api.scopes import Scope
from swv.core.models import Rol
from tests.cases.factories_plan import maak_casus, maak_ouder
from tests.factories import ApiClientFactory, OrganisatieFactory, SamenwerkingsverbandFactory

pytestmark = pytest.mark.django_db

LEZEN_EN_SCHRIJVEN = [Scope.CASUSSEN_LEZEN, Scope.CASUSSEN_ACTIES]


def bearer(client) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {client.token}"}


def api(method: str, url: str, data=None, *, client=None, **headers):
    http = client or Client()
    if method == "GET":
        return http.get(url, **headers)
    return http.generic(method, url, json.dumps(data or {}), content_type="application/json", **headers)


@pytest.fixture
def wijkteam(users):
    return users[Rol.KETENPARTNER].lidmaatschappen.get().organisatie


@pytest.fixture
def casus(swv, users, wijkteam):
    """A case in behandeling whose OT has the ketenpartner (wijkteam) with the ouders' consent."""
    casus = maak_casus(swv, status=Status.IN_BEHANDELING)
    ot_lid_toevoegen(
        casus=casus, by=None, rol="partner", organisatie=wijkteam, gebruiker=users[Rol.KETENPARTNER]
    )
    toestemming_vastleggen(
        casus=casus,
        by=None,
        doel="deelname_ot",
        organisatie=wijkteam,
        gegeven_op=timezone.localdate(),
        wijze="schriftelijk",
        gegeven_door_ouder=maak_ouder(casus),
    )
    return casus


@pytest.fixture
def acties(casus, swv, wijkteam):
    ggd = OrganisatieFactory(swv=swv, ggd=True)
    eigen = services_plan.actie_toevoegen(
        casus=casus, by=None, omschrijving="Huisbezoek", eigenaar_organisatie=wijkteam, status="bezig"
    )
    ander = services_plan.actie_toevoegen(
        casus=casus, by=None, omschrijving="Onderzoek", eigenaar_organisatie=ggd
    )
    return eigen, ander


@pytest.fixture
def systeem(swv, wijkteam):
    """The wijkteam's own registration system."""
    return ApiClientFactory(swv=swv, organisatie=wijkteam, scopes=LEZEN_EN_SCHRIJVEN)


def test_a_partner_system_sees_the_case_only_while_its_organisation_is_in_the_ot_with_consent(
    casus, systeem, swv, acties
):
    for pad in ("", "/acties", "/evaluaties", "/tijdlijn", "/team", "/toestemmingen"):
        assert api("GET", f"/api/v1/casussen/{casus.pk}{pad}", **bearer(systeem)).status_code == 200, pad
    assert [c["id"] for c in api("GET", "/api/v1/casussen", **bearer(systeem)).json()["results"]] == [
        casus.pk
    ]
    # Another wijkteam's system sees nothing of it.
    ander = ApiClientFactory(
        swv=swv, organisatie=OrganisatieFactory(swv=swv, wijkteam=True), scopes=LEZEN_EN_SCHRIJVEN
    )
    assert api("GET", f"/api/v1/casussen/{casus.pk}/acties", **bearer(ander)).status_code == 404
    assert api("GET", "/api/v1/casussen", **bearer(ander)).json()["results"] == []

    toestemming_intrekken(
        toestemming=casus.leerling.toestemmingen.get(), by=None, reden="Ouders willen het niet meer"
    )

    for pad in ("", "/acties", "/evaluaties", "/tijdlijn", "/team", "/toestemmingen"):
        assert api("GET", f"/api/v1/casussen/{casus.pk}{pad}", **bearer(systeem)).status_code == 404, pad
    assert api("GET", f"/api/v1/acties/{acties[0].pk}", **bearer(systeem)).status_code == 404
    assert (
        api("PATCH", f"/api/v1/acties/{acties[0].pk}", {"status": "afgerond"}, **bearer(systeem)).status_code
        == 404
    )
    assert api("GET", "/api/v1/casussen", **bearer(systeem)).json()["results"] == []
    assert Actie.objects.get(pk=acties[0].pk).status == "bezig"


def test_ending_the_membership_closes_the_case_to_the_partner_system(casus, systeem):
    assert api("GET", f"/api/v1/casussen/{casus.pk}/tijdlijn", **bearer(systeem)).status_code == 200
    ot_lid_beeindigen(lid=casus.ot_leden.get(rol="partner"), by=None, reden="Klaar")
    assert api("GET", f"/api/v1/casussen/{casus.pk}/tijdlijn", **bearer(systeem)).status_code == 404


def test_a_leerplicht_system_sees_the_cases_where_leerplicht_sits_in_the_ot_without_consent(swv, users):
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR].lidmaatschappen.get().organisatie
    casus = maak_casus(swv)
    systeem = ApiClientFactory(swv=swv, organisatie=leerplicht, scopes=[Scope.CASUSSEN_LEZEN])
    assert api("GET", f"/api/v1/casussen/{casus.pk}/tijdlijn", **bearer(systeem)).status_code == 404
    ot_lid_toevoegen(
        casus=casus,
        by=None,
        rol="leerplicht",
        organisatie=leerplicht,
        gebruiker=users[Rol.LEERPLICHTAMBTENAAR],
    )
    assert api("GET", f"/api/v1/casussen/{casus.pk}/tijdlijn", **bearer(systeem)).status_code == 200


def test_the_swv_bureaus_system_sees_every_submitted_case_but_no_concept(swv, users):
    bureau = users[Rol.SWV_COORDINATOR].lidmaatschappen.get().organisatie
    ingediend, concept = maak_casus(swv), maak_casus(swv, status=Status.CONCEPT)
    maak_casus(SamenwerkingsverbandFactory())
    systeem = ApiClientFactory(swv=swv, organisatie=bureau, scopes=[Scope.CASUSSEN_LEZEN])
    assert [c["id"] for c in api("GET", "/api/v1/casussen", **bearer(systeem)).json()["results"]] == [
        ingediend.pk
    ]
    assert api("GET", f"/api/v1/casussen/{concept.pk}", **bearer(systeem)).status_code == 404


def test_a_client_without_a_case_scope_sees_no_case(casus, swv, wijkteam):
    systeem = ApiClientFactory(swv=swv, organisatie=wijkteam, scopes=[Scope.LEERLINGEN_LEZEN])
    from cases.models import Casus

    assert not Casus.objects.visible_to(systeem_user(systeem)).exists()


def systeem_user(client):
    from swv.core.api.authentication import ApiClientUser

    return ApiClientUser(client)


def test_a_partner_reports_the_status_of_its_own_organisations_action_and_not_of_another(
    casus, acties, systeem, users, client_for
):
    eigen, ander = acties
    antwoord = api(
        "PATCH",
        f"/api/v1/acties/{eigen.pk}",
        {"status": "afgerond", "toelichting": "Gesprek gevoerd"},
        **bearer(systeem),
    )
    assert antwoord.status_code == 200, antwoord.content
    assert (antwoord.json()["status"], antwoord.json()["afgerondOp"]) == (
        "afgerond",
        str(timezone.localdate()),
    )
    assert antwoord.has_header("ETag")
    gebeurtenis = TijdlijnGebeurtenis.objects.filter(casus=casus, soort="actie_gewijzigd").get()
    assert gebeurtenis.api_client_id == systeem.pk

    geweigerd = api("PATCH", f"/api/v1/acties/{ander.pk}", {"status": "afgerond"}, **bearer(systeem))
    assert geweigerd.status_code == 403
    assert geweigerd["Content-Type"] == "application/problem+json"
    # The person of the wijkteam: the same rule, on the API and on the page.
    partner = client_for(users[Rol.KETENPARTNER])
    assert api("PATCH", f"/api/v1/acties/{ander.pk}", {"status": "bezig"}, client=partner).status_code == 403
    assert partner.post(f"/casussen/acties/{ander.pk}/", {"status": "bezig"}).status_code == 403
    assert partner.get(f"/casussen/acties/{ander.pk}/").status_code == 403
    assert Actie.objects.get(pk=ander.pk).status == "open"
    # The SWV and the school report on every action of the case.
    for rol in (Rol.SWV_COORDINATOR, Rol.INTERN_BEGELEIDER):
        if rol == Rol.INTERN_BEGELEIDER:
            casus.school = users[rol].lidmaatschappen.get().organisatie
            casus.save(update_fields=["school"])
        antwoord = api(
            "PATCH", f"/api/v1/acties/{ander.pk}", {"status": "bezig"}, client=client_for(users[rol])
        )
        assert antwoord.status_code == 200, (rol, antwoord.content)


def test_the_actions_page_links_only_the_actions_the_partner_may_update(casus, acties, users, client_for):
    eigen, ander = acties
    html = client_for(users[Rol.KETENPARTNER]).get(f"/casussen/{casus.pk}/acties/").content.decode()
    assert f"/casussen/acties/{eigen.pk}/" in html
    assert f"/casussen/acties/{ander.pk}/" not in html
    assert "Onderzoek" in html


def test_a_status_changed_meanwhile_is_409_with_van_and_412_with_a_stale_etag_and_nothing_changes(
    acties, systeem
):
    eigen, _ander = acties
    etag = api("GET", f"/api/v1/acties/{eigen.pk}", **bearer(systeem))["ETag"]
    services_plan.actie_bijwerken(actie=eigen, by=None, status="afgerond")

    botsing = api(
        "PATCH", f"/api/v1/acties/{eigen.pk}", {"status": "vervallen", "van": "bezig"}, **bearer(systeem)
    )
    assert botsing.status_code == 409
    assert botsing["Content-Type"] == "application/problem+json"
    assert "intussen gewijzigd" in botsing.json()["detail"]
    verouderd = api(
        "PATCH", f"/api/v1/acties/{eigen.pk}", {"status": "vervallen"}, HTTP_IF_MATCH=etag, **bearer(systeem)
    )
    assert verouderd.status_code == 412
    assert Actie.objects.get(pk=eigen.pk).status == "afgerond"

    nieuw = api("GET", f"/api/v1/acties/{eigen.pk}", **bearer(systeem))["ETag"]
    goed = api(
        "PATCH",
        f"/api/v1/acties/{eigen.pk}",
        {"status": "bezig", "van": "afgerond"},
        HTTP_IF_MATCH=nieuw,
        **bearer(systeem),
    )
    assert goed.status_code == 200
    assert goed.json()["afgerondOp"] is None


def test_bad_input_on_a_status_update_is_a_dutch_400_and_changes_nothing(acties, systeem):
    eigen, _ander = acties
    url = f"/api/v1/acties/{eigen.pk}"
    onbekend = api("PATCH", url, {"status": "klaar", "van": "x"}, **bearer(systeem))
    assert onbekend.status_code == 400
    assert {p["name"] for p in onbekend.json()["invalidParams"]} == {"status", "van"}
    # A read-only field echoed back is refused as such (strict input), not silently dropped.
    alleen_lezen = api("PATCH", url, {"omschrijving": "Anders"}, **bearer(systeem))
    assert alleen_lezen.status_code == 400
    assert [p["name"] for p in alleen_lezen.json()["invalidParams"]] == ["omschrijving"]
    assert Actie.objects.get(pk=eigen.pk).status == "bezig"


def test_a_partner_system_adds_an_action_with_an_owner_of_its_swv(casus, systeem, wijkteam):
    services_plan.plan_concept_maken(casus=casus, by=None)
    elders = OrganisatieFactory(swv=SamenwerkingsverbandFactory(), wijkteam=True)
    fout = api(
        "POST",
        f"/api/v1/casussen/{casus.pk}/acties",
        {"omschrijving": "Gesprek", "eigenaarOrganisatie": elders.pk},
        **bearer(systeem),
    )
    assert fout.status_code == 400
    assert [p["name"] for p in fout.json()["invalidParams"]] == ["eigenaarOrganisatie"]
    zonder_eigenaar = api(
        "POST", f"/api/v1/casussen/{casus.pk}/acties", {"omschrijving": "Gesprek"}, **bearer(systeem)
    )
    assert zonder_eigenaar.status_code == 400
    assert Actie.objects.count() == 0

    goed = api(
        "POST",
        f"/api/v1/casussen/{casus.pk}/acties",
        {"omschrijving": "Gesprek met ouders", "eigenaarOrganisatie": wijkteam.pk, "deadline": "2026-12-20"},
        **bearer(systeem),
    )
    assert goed.status_code == 201, goed.content
    data = goed.json()
    assert (data["omschrijving"], data["planVersie"], data["status"], data["deadline"]) == (
        "Gesprek met ouders",
        1,
        "open",
        "2026-12-20",
    )
    assert data["eigenaarOrganisatie"]["id"] == wijkteam.pk


def test_a_partner_system_records_an_evaluation_and_is_named_as_its_author(casus, systeem):
    plan = services_plan.plan_concept_maken(casus=casus, by=None)
    services_plan.plan_vaststellen(plan=plan, by=None)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    fout = api(
        "POST",
        f"/api/v1/casussen/{casus.pk}/evaluaties",
        {"datum": str(morgen), "conclusie": "deels", "verslag": "Gaat beter"},
        **bearer(systeem),
    )
    assert fout.status_code == 400
    assert [p["name"] for p in fout.json()["invalidParams"]] == ["datum"]
    assert not Evaluatie.objects.exists()

    goed = api(
        "POST",
        f"/api/v1/casussen/{casus.pk}/evaluaties",
        {
            "datum": str(timezone.localdate()),
            "conclusie": "deels",
            "verslag": "Gaat beter",
            "metOuders": True,
        },
        **bearer(systeem),
    )
    assert goed.status_code == 201, goed.content
    assert (goed.json()["apiClient"], goed.json()["vastgelegdDoor"], goed.json()["planVersie"]) == (
        systeem.naam,
        None,
        1,
    )
    lijst = api("GET", f"/api/v1/casussen/{casus.pk}/evaluaties", **bearer(systeem)).json()
    assert [e["id"] for e in lijst] == [goed.json()["id"]]


def test_reading_scope_only_may_not_write(casus, acties, swv, wijkteam):
    lezer = ApiClientFactory(swv=swv, organisatie=wijkteam, scopes=[Scope.CASUSSEN_LEZEN])
    assert api("GET", f"/api/v1/casussen/{casus.pk}/acties", **bearer(lezer)).status_code == 200
    assert (
        api("PATCH", f"/api/v1/acties/{acties[0].pk}", {"status": "afgerond"}, **bearer(lezer)).status_code
        == 403
    )
    assert (
        api("POST", f"/api/v1/casussen/{casus.pk}/evaluaties", {"verslag": "x"}, **bearer(lezer)).status_code
        == 403
    )


def test_reading_actions_writes_one_read_row_with_the_pupil(casus, acties, systeem):
    from swv.audit.models import AuditEvent

    voor = AuditEvent.objects.filter(action=AuditEvent.Action.READ).count()
    api("GET", f"/api/v1/casussen/{casus.pk}/acties", **bearer(systeem))
    rijen = AuditEvent.objects.filter(action=AuditEvent.Action.READ).order_by("pk")[voor:]
    assert len(rijen) == 1
    assert rijen[0].leerling_id == casus.leerling_id


@pytest.mark.parametrize("pad", ["acties", "evaluaties"])
def test_the_lists_cost_the_same_number_of_queries_for_1_10_and_50_rows(casus, systeem, swv, wijkteam, pad):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.models import Evaluatie

    plan = services_plan.plan_concept_maken(casus=casus, by=None)
    services_plan.plan_vaststellen(plan=plan, by=None)
    persoon_eigenaar = OrganisatieFactory(swv=swv, ggd=True)
    # The client's first call of the day also records when it was last used: not part of the list's cost.
    api("GET", f"/api/v1/casussen/{casus.pk}/{pad}", **bearer(systeem))
    aantallen = []
    for totaal in (1, 10, 50):
        while Actie.objects.filter(casus=casus).count() < totaal:
            n = Actie.objects.filter(casus=casus).count()
            Actie.objects.create(
                swv=swv,
                casus=casus,
                plan=plan,
                omschrijving=f"Actie {n}",
                eigenaar_organisatie=wijkteam if n % 2 else persoon_eigenaar,
            )
            Evaluatie.objects.create(
                swv=swv,
                casus=casus,
                plan=plan,
                datum=timezone.localdate(),
                conclusie="deels",
                verslag=f"Verslag {n}",
                api_client=systeem if n % 2 else None,
            )
        with CaptureQueriesContext(connection) as queries:
            antwoord = api("GET", f"/api/v1/casussen/{casus.pk}/{pad}", **bearer(systeem))
        assert antwoord.status_code == 200
        assert len(antwoord.json()) == totaal
        aantallen.append(len(queries))
    assert aantallen[0] == aantallen[1] == aantallen[2], aantallen


def test_a_closed_case_takes_no_new_actions_or_evaluations_but_an_actions_status_may_still_be_reported(
    casus, acties, systeem, wijkteam
):
    Casus = type(casus)
    Casus.objects.filter(pk=casus.pk).update(status=Status.AFGESLOTEN)
    actie = api(
        "POST",
        f"/api/v1/casussen/{casus.pk}/acties",
        {"omschrijving": "Nog iets", "eigenaarOrganisatie": wijkteam.pk},
        **bearer(systeem),
    )
    assert actie.status_code == 400
    assert "gesloten" in actie.json()["invalidParams"][0]["reason"]
    evaluatie = api(
        "POST",
        f"/api/v1/casussen/{casus.pk}/evaluaties",
        {"datum": str(timezone.localdate()), "conclusie": "deels", "verslag": "x"},
        **bearer(systeem),
    )
    assert evaluatie.status_code == 400
    assert Actie.objects.filter(casus=casus).count() == 2
    assert not Evaluatie.objects.exists()
    vervallen = api("PATCH", f"/api/v1/acties/{acties[0].pk}", {"status": "vervallen"}, **bearer(systeem))
    assert vervallen.status_code == 200
