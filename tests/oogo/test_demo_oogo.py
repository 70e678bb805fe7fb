"""The demo OOGO (oogo/demo.py): three meetings, the ontwikkelagenda, a plan cycle and a geschil, once; the
coordinator and the bestuurder of the demo see them on the pages."""

import pytest
from django.utils import timezone

from oogo.models import Actiepunt, Agendapunt, Geschil, Ondersteuningsplan, Ontwikkeldoel, Overleg, Voortgang
from oogo.workflow import AgendapuntStatus, OverlegStatus
from swv.core.demo import load_demo_data
from swv.core.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    # Each test loads the demo itself (as tests/thuiszitters/test_demo_verzuim.py); its transaction undoes it.
    return load_demo_data(), load_demo_data()


def test_the_demo_loads_the_oogo_once(demo):
    eerste, tweede = demo
    assert eerste["oogo_overleggen"] == Overleg.objects.count() == 3
    assert eerste["oogo_ontwikkeldoelen"] == Ontwikkeldoel.objects.count() == 3
    assert eerste["oogo_voortgang"] == Voortgang.objects.count() == 4
    assert eerste["oogo_ondersteuningsplannen"] == Ondersteuningsplan.objects.count() == 1
    assert eerste["oogo_geschillen"] == Geschil.objects.count() == 1
    assert not any(k.startswith("oogo") for k in tweede)

    statussen = set(Overleg.objects.values_list("status", flat=True))
    assert statussen == {OverlegStatus.GEHOUDEN, OverlegStatus.AGENDA_VERSTUURD, OverlegStatus.GEPLAND}
    gehouden = Overleg.objects.get(status=OverlegStatus.GEHOUDEN)
    assert gehouden.besluiten.count() == 2
    assert gehouden.gemeenten.count() == 3
    assert gehouden.deelnames.exists()
    # An overdue action and a carried-over item, now followed in the next OOGO.
    volgende = Overleg.objects.get(status=OverlegStatus.AGENDA_VERSTUURD)
    assert Actiepunt.objects.te_laat(timezone.localdate()).filter(opgevolgd_in=volgende).exists()
    assert Agendapunt.objects.filter(overleg=volgende, overgenomen_van__overleg=gehouden).exists()
    assert Agendapunt.objects.filter(overleg=gehouden, status=AgendapuntStatus.VOORGELEGD).exists()
    plan = Ondersteuningsplan.objects.get()
    assert plan.oogo_overleg == gehouden
    assert plan.vastgesteld_op
    assert plan.naar_inspectie_op is None


def test_the_demo_coordinator_and_bestuurder_see_it_on_the_pages(demo, client_for):
    coordinator = client_for(User.objects.get(username="coordinator"))
    bestuurder = client_for(User.objects.get(username="bestuurder"))
    for client in (coordinator, bestuurder):
        assert "OOGO bestuurlijk voorjaar (demo)" in client.get("/oogo/").content.decode()
        assert "Thuiszitterspact" in client.get("/oogo/ontwikkelagenda/").content.decode()
        assert "(demo)" in client.get("/oogo/ondersteuningsplan/").content.decode()
    assert "Kosten leerlingenvervoer SBO" in coordinator.get("/oogo/geschillen/").content.decode()
    te_laat = coordinator.get("/oogo/actiepunten/?te_laat=1").content.decode()
    assert "Kostenoverzicht leerlingenvervoer aanleveren" in te_laat
