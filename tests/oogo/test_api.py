"""OOGO API: the bestuurder's gemeente only, a partner system by scope, an action's status by PATCH."""

import datetime

import pytest

from oogo import services
from oogo.models import Actiepunt
from tests.factories import ApiClientFactory, OrganisatieFactory, PersoonFactory
from tests.oogo.factories import bestuurder_gemeente, overleg

pytestmark = pytest.mark.django_db


@pytest.fixture
def twee(swv, users):
    eigen = overleg(swv, gemeenten=[bestuurder_gemeente(users["bestuurder"])], titel="Eigen")
    ander = overleg(swv, gemeenten=[OrganisatieFactory(swv=swv, gemeente=True)], titel="Ander")
    acties = [
        services.actiepunt_toevoegen(
            overleg=o,
            by=None,
            omschrijving=f"Actie {o.titel}",
            eigenaar=PersoonFactory(swv=swv),
            deadline=datetime.date(2026, 12, 1),
        )
        for o in (eigen, ander)
    ]
    return eigen, ander, acties


def test_the_bestuurder_reads_only_their_gemeentes_meetings_and_actions(twee, users, client_for):
    eigen, ander, acties = twee
    client = client_for(users["bestuurder"])
    assert [o["titel"] for o in client.get("/api/v1/overleggen").json()["results"]] == ["Eigen"]
    assert [a["omschrijving"] for a in client.get("/api/v1/actiepunten").json()["results"]] == ["Actie Eigen"]
    assert client.get(f"/api/v1/overleggen/{ander.pk}").status_code == 404
    assert (
        client.patch(
            f"/api/v1/actiepunten/{acties[0].pk}", {"status": "gereed"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_the_coordinator_and_a_partner_system_report_an_actions_status(twee, swv, users, client_for):
    _eigen, _ander, acties = twee
    antwoord = client_for(users["swv_coordinator"]).patch(
        f"/api/v1/actiepunten/{acties[0].pk}", {"status": "bezig"}, content_type="application/json"
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["status"] == "bezig"
    fout = client_for(users["swv_coordinator"]).patch(
        f"/api/v1/actiepunten/{acties[0].pk}", {"status": "niets"}, content_type="application/json"
    )
    assert fout.status_code == 400
    assert fout["Content-Type"] == "application/problem+json"
    client = ApiClientFactory(swv=swv, scopes=["oogo:lezen", "oogo:acties"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {client.token}"}
    from django.test import Client

    c = Client()
    assert len(c.get("/api/v1/overleggen", **headers).json()["results"]) == 2
    assert (
        c.patch(
            f"/api/v1/actiepunten/{acties[1].pk}",
            {"status": "gereed"},
            content_type="application/json",
            **headers,
        ).status_code
        == 200
    )
    assert Actiepunt.objects.get(pk=acties[1].pk).status == "gereed"
