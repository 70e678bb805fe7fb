"""Two writes of the same case at the same moment, on real PostgreSQL with a connection per thread
(the pattern of tests/api/test_races.py): one wins, the other gets a Dutch refusal, never a silent overwrite."""

import json

import pytest
from django.test import Client

from cases.models import Casus, Leerling, Statusovergang
from cases.services_casus import casus_overgang
from cases.workflow import Status
from swv.core.api.scopes import Scope
from swv.core.models import Lidmaatschap, Rol
from tests.api.test_races import _tegelijk
from tests.cases.factories_casus import VOLLEDIG, CasusFactory
from tests.cases.test_casussen_api import body
from tests.factories import ApiClientFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 3


def test_the_same_aanmelding_posted_twice_at_once_makes_one_case_and_one_pupil(swv):
    school = OrganisatieFactory(swv=swv, school=True)
    las = ApiClientFactory(swv=swv, organisatie=school, scopes=[Scope.CASUSSEN_INDIENEN])
    for run in range(RUNS):
        data = body(swv, referentie=f"LAS-{run}")
        data["leerling"]["bsn"] = ["123456782", "111222333", "999999990"][run]

        def zend(data=data):
            return Client().post(
                "/api/v1/aanmeldingen",
                json.dumps(data),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {las.token}",
            )

        antwoorden = _tegelijk(zend, zend)
        assert sorted(a.status_code for a in antwoorden) == [200, 201], [a.content for a in antwoorden]
        assert antwoorden[0].json()["id"] == antwoorden[1].json()["id"]
        assert Casus.objects.filter(client_referentie=f"LAS-{run}").count() == 1
    assert Leerling.objects.count() == RUNS


def test_two_coordinators_moving_the_same_case_at_once_one_wins_the_other_sees_the_change(swv, users):
    school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    coordinator, medewerker = users[Rol.SWV_COORDINATOR], users[Rol.SWV_MEDEWERKER]
    for _ in range(RUNS):
        casus = CasusFactory(swv=swv, school=school)
        uitkomsten = _tegelijk(
            lambda c=casus: casus_overgang(
                casus=c, naar=Status.IN_BEHANDELING, van=Status.AANGEMELD, by=coordinator
            ),
            lambda c=casus: casus_overgang(
                casus=c, naar=Status.TERUGGESTUURD, van=Status.AANGEMELD, reden="Onvolledig", by=medewerker
            ),
        )
        gelukt = [u for u in uitkomsten if isinstance(u, Casus)]
        fouten = [u for u in uitkomsten if not isinstance(u, Casus)]
        assert len(gelukt) == 1, uitkomsten
        assert "intussen gewijzigd" in fouten[0].message_dict["status"][0]
        assert Casus.objects.get(pk=casus.pk).status == gelukt[0].status
        assert Statusovergang.objects.filter(casus=casus).count() == 2  # the factory's and the winner's


def test_two_saves_of_the_same_aanmelding_at_once_one_is_refused_with_what_changed(swv, users, client_for):
    school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    casus = CasusFactory(swv=swv, school=school, status=Status.CONCEPT)
    url = f"/casussen/{casus.pk}/wijzigen/"
    clients = [client_for(users[Rol.ZORGCOORDINATOR]), client_for(users[Rol.INTERN_BEGELEIDER])]
    versies = [c.get(url).context["form"]["versie"].value() for c in clients]
    basis = {**VOLLEDIG, "ouders_geinformeerd": "on", "concept": ""}
    antwoorden = _tegelijk(
        *[
            lambda c=c, v=v, i=i: c.post(url, {**basis, "vraagstelling": f"Tekst {i}", "versie": v})
            for i, (c, v) in enumerate(zip(clients, versies, strict=True))
        ]
    )
    assert sorted(a.status_code for a in antwoorden) == [302, 400]
    geweigerd = next(a for a in antwoorden if a.status_code == 400)
    assert "Iemand anders heeft dit intussen gewijzigd" in geweigerd.content.decode()
    winnaar = next(i for i, a in enumerate(antwoorden) if a.status_code == 302)
    assert Casus.objects.get(pk=casus.pk).vraagstelling == f"Tekst {winnaar}"
