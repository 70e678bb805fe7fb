"""Two coordinators assign the last place of a voorziening at the same moment, on real PostgreSQL with a
connection per thread: the voorziening's row lock serialises them, one gets the place, the other the
Dutch 'vol' warning (never two silent assignments to one place)."""

import datetime

import pytest

from cases.models import Arrangement
from cases.services_arrangement import VoorzieningVol, arrangement_aanvragen, arrangement_status_wijzigen
from swv.core.models import Rol
from tests.api.test_races import _tegelijk
from tests.cases.factories_casus import CasusFactory
from tests.factories import VoorzieningFactory

pytestmark = pytest.mark.django_db(transaction=True)
RUNS = 3


def test_two_assignments_to_the_last_place_at_once_one_gets_it_the_other_is_warned(swv, users):
    coordinator, medewerker = users[Rol.SWV_COORDINATOR], users[Rol.SWV_MEDEWERKER]
    for _ in range(RUNS):
        voorziening = VoorzieningFactory(swv=swv, capaciteit=1, bezetting=0)
        aanvragen = [
            arrangement_aanvragen(
                casus=CasusFactory(swv=swv),
                voorziening=voorziening,
                reden="Plaatsing",
                startdatum=datetime.date.today(),
                by=None,
            )
            for _ in range(2)
        ]
        uitkomsten = _tegelijk(
            lambda: arrangement_status_wijzigen(arrangement=aanvragen[0], naar="toegekend", by=coordinator),
            lambda: arrangement_status_wijzigen(arrangement=aanvragen[1], naar="toegekend", by=medewerker),
        )
        gelukt = [u for u in uitkomsten if isinstance(u, Arrangement)]
        fouten = [u for u in uitkomsten if not isinstance(u, Arrangement)]
        assert len(gelukt) == 1, uitkomsten
        assert isinstance(fouten[0], VoorzieningVol), fouten
        assert "is vol" in fouten[0].messages[0]
        assert Arrangement.objects.filter(voorziening=voorziening, status="toegekend").count() == 1
