"""Issue 10, part capi: two status reports of the same action at the same moment, on real PostgreSQL with a
connection per thread (tests/api/test_races.py): one wins, the other gets 409/412, never a silent overwrite.
And a plan vastgesteld while the case is moved: one transaction after the other, no deadlock."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from cases import services_plan
from cases.models import Actie, Casus, Statusovergang
from cases.services_casus import casus_overgang
from cases.services_team import ot_lid_toevoegen, toestemming_vastleggen
from cases.workflow import Status
from swv.core.api.scopes import Scope
from swv.core.models import Rol
from tests.api.test_races import _tegelijk
from tests.cases.factories_plan import maak_casus, maak_ouder
from tests.factories import ApiClientFactory

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 3


def _partner_actie(swv, users):
    wijkteam = users[Rol.KETENPARTNER].lidmaatschappen.get().organisatie
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
    actie = services_plan.actie_toevoegen(
        casus=casus, by=None, omschrijving="Huisbezoek", eigenaar_organisatie=wijkteam, status="bezig"
    )
    systeem = ApiClientFactory(
        swv=swv, organisatie=wijkteam, scopes=[Scope.CASUSSEN_LEZEN, Scope.CASUSSEN_ACTIES]
    )
    return actie, {"HTTP_AUTHORIZATION": f"Bearer {systeem.token}"}


def _patch(url, data, headers, **extra):
    return Client().patch(url, json.dumps(data), content_type="application/json", **headers, **extra)


def test_two_status_reports_with_the_same_van_at_once_one_wins_the_other_is_409(swv, users):
    for _ in range(RUNS):
        actie, headers = _partner_actie(swv, users)
        url = f"/api/v1/acties/{actie.pk}"
        antwoorden = _tegelijk(
            lambda: _patch(url, {"status": "afgerond", "van": "bezig"}, headers),
            lambda: _patch(url, {"status": "vervallen", "van": "bezig"}, headers),
        )
        codes = sorted(a.status_code for a in antwoorden)
        assert codes == [200, 409], [a.content for a in antwoorden]
        winnaar = next(a for a in antwoorden if a.status_code == 200).json()["status"]
        assert Actie.objects.get(pk=actie.pk).status == winnaar


def test_two_status_reports_with_the_same_etag_at_once_one_wins_the_other_is_412(swv, users):
    for _ in range(RUNS):
        actie, headers = _partner_actie(swv, users)
        url = f"/api/v1/acties/{actie.pk}"
        etag = Client().get(url, **headers)["ETag"]
        antwoorden = _tegelijk(
            lambda: _patch(url, {"status": "afgerond"}, headers, HTTP_IF_MATCH=etag),
            lambda: _patch(url, {"status": "vervallen"}, headers, HTTP_IF_MATCH=etag),
        )
        assert sorted(a.status_code for a in antwoorden) == [200, 412], [a.content for a in antwoorden]


def test_a_plan_vastgesteld_while_the_case_is_closed_decides_one_after_the_other(swv, users):
    coordinator, medewerker = users[Rol.SWV_COORDINATOR], users[Rol.SWV_MEDEWERKER]
    for _ in range(RUNS):
        casus = maak_casus(swv, status=Status.IN_BEHANDELING)
        plan = services_plan.plan_concept_maken(casus=casus, by=coordinator)
        uitkomsten = _tegelijk(
            lambda p=plan: services_plan.plan_vaststellen(plan=p, by=coordinator),
            lambda c=casus: casus_overgang(
                casus=c, naar=Status.AFGESLOTEN, van=Status.IN_BEHANDELING, reden="Verhuisd", by=medewerker
            ),
        )
        assert not any(isinstance(u, Exception) and "deadlock" in str(u).lower() for u in uitkomsten), (
            uitkomsten
        )
        status = Casus.objects.get(pk=casus.pk).status
        overgangen = list(Statusovergang.objects.filter(casus=casus).values_list("naar", flat=True))
        # Either the plan moved the case first (the closing saw it changed: 409-style refusal), or the case was
        # closed first and the plan left the closed case alone. Never both transitions from in_behandeling.
        assert overgangen in (["plan_vastgesteld"], ["afgesloten"]), (overgangen, uitkomsten)
        assert status == overgangen[0]
