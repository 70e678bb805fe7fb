"""GET /api/v1/taken: the caller's open tasks (own and for their role), never another user's or SWV's."""

import datetime

import pytest
from django.test import Client

from cases.models import Taak
from swv.core.models import Rol
from tests.cases.factories_plan import maak_casus
from tests.factories import ApiClientFactory

pytestmark = pytest.mark.django_db


def test_the_api_lists_the_callers_open_tasks_only(swv, users, client_for):
    casus = maak_casus(swv)
    eigen = Taak.objects.create(
        swv=swv,
        casus=casus,
        regel="opp_6_weken",
        periode="a",
        omschrijving="Rol-taak",
        vervalt_op=datetime.date(2026, 10, 13),
        rol=Rol.SWV_COORDINATOR,
    )
    Taak.objects.create(
        swv=swv,
        casus=casus,
        regel="actie_deadline",
        periode="b",
        omschrijving="Van een ander",
        vervalt_op=datetime.date(2026, 10, 13),
        gebruiker=users[Rol.SWV_DESKUNDIGE],
    )
    Taak.objects.create(
        swv=swv,
        casus=casus,
        regel="evaluatie_jaarlijks",
        periode="c",
        omschrijving="Afgehandeld",
        vervalt_op=datetime.date(2026, 10, 13),
        rol=Rol.SWV_COORDINATOR,
        afgehandeld_op="2026-10-01T10:00Z",
    )
    data = client_for(users[Rol.SWV_COORDINATOR]).get("/api/v1/taken").json()
    assert [(t["id"], t["casusId"], t["omschrijving"], t["vervaltOp"]) for t in data["results"]] == [
        (eigen.pk, casus.pk, "Rol-taak", "2026-10-13")
    ]
    assert client_for(users["outsider"]).get("/api/v1/taken").json()["results"] == []
    partner_systeem = ApiClientFactory(swv=swv, scopes=[])
    antwoord = Client().get("/api/v1/taken", HTTP_AUTHORIZATION=f"Bearer {partner_systeem.token}")
    assert antwoord.json()["results"] == []
