"""'Cijfers opnieuw vastleggen' (part oogo-afwerking): the coordinator freezes today's figures again
before the meeting; the figures do not move until then; nobody else can, and not after the meeting."""

import pytest
from django.contrib.messages import get_messages

from oogo import services
from oogo.models import Datapakket
from oogo.workflow import OverlegStatus
from swv.audit.models import AuditEvent
from tests.factories import OrganisatieFactory
from tests.oogo.factories import bestuurder_gemeente, overleg
from tests.oogo.test_datapakket import PEIL, _cijfers, _thuiszitters, _wereld

pytestmark = pytest.mark.django_db

SECTIE, THUISZITTERS = "thuiszitters", "Thuiszitters op de peildatum"


def _agenda_verstuurd(swv, users, gemeenten):
    vergadering = overleg(swv, gemeenten=gemeenten, dag=PEIL)
    services.overleg_status_zetten(
        overleg=vergadering, by=users["swv_coordinator"], status=OverlegStatus.AGENDA_VERSTUURD
    )
    return vergadering


def test_the_coordinator_freezes_the_figures_again_and_only_then_they_change(swv, users, client_for):
    a, b = _wereld(swv)
    vergadering = _agenda_verstuurd(swv, users, [a])
    coordinator = client_for(users["swv_coordinator"])
    url = f"/oogo/{vergadering.pk}/cijfers/vastleggen/"

    pagina = coordinator.get(f"/oogo/{vergadering.pk}/cijfers/").content.decode()
    assert "Cijfers opnieuw vastleggen" in pagina
    assert f'action="{url}"' in pagina

    # After the agenda went out: new thuiszitters, and gemeente B joins the meeting.
    _thuiszitters(swv, a, OrganisatieFactory(swv=swv, school=True), begin=0, nieuw_open=7, opgelost=0)
    services.overleg_bijwerken(overleg=vergadering, by=users["swv_coordinator"], gemeenten=[a, b])
    # Before the button: the frozen figures stand, B has no frozen pack yet.
    pakket = Datapakket.objects.get(overleg=vergadering, gemeente=a)
    assert _cijfers(pakket.inhoud, SECTIE)[THUISZITTERS] == "11"
    assert not Datapakket.objects.filter(overleg=vergadering, gemeente=b).exists()
    assert coordinator.get(url).status_code == 405  # POST only

    antwoord = coordinator.post(url)

    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/oogo/{vergadering.pk}/cijfers/"
    assert [str(m) for m in get_messages(antwoord.wsgi_request)] == [
        "De cijfers zijn opnieuw vastgelegd voor 2 gemeente(n)."
    ]
    pakket.refresh_from_db()
    assert _cijfers(pakket.inhoud, SECTIE)[THUISZITTERS] == "18"
    assert pakket.bevroren_door == users["swv_coordinator"]
    assert Datapakket.objects.filter(overleg=vergadering, gemeente=b).exists()
    na = coordinator.get(f"/oogo/{vergadering.pk}/cijfers/?gemeente={a.pk}").content.decode()
    assert ">18<" in na
    assert ">11<" not in na
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, reason="cijfers opnieuw vastgelegd", actor=users["swv_coordinator"]
    ).exists()


def test_after_the_meeting_the_figures_stay_as_they_were(swv, users, client_for):
    a, _b = _wereld(swv)
    vergadering = _agenda_verstuurd(swv, users, [a])
    services.overleg_status_zetten(
        overleg=vergadering, by=users["swv_coordinator"], status=OverlegStatus.GEHOUDEN
    )
    _thuiszitters(swv, a, OrganisatieFactory(swv=swv, school=True), begin=0, nieuw_open=7, opgelost=0)
    coordinator = client_for(users["swv_coordinator"])
    assert (
        "Cijfers opnieuw vastleggen"
        not in coordinator.get(f"/oogo/{vergadering.pk}/cijfers/").content.decode()
    )

    antwoord = coordinator.post(f"/oogo/{vergadering.pk}/cijfers/vastleggen/", follow=True)

    assert "kunnen niet opnieuw worden vastgelegd" in antwoord.content.decode()
    pakket = Datapakket.objects.get(overleg=vergadering, gemeente=a)
    assert _cijfers(pakket.inhoud, SECTIE)[THUISZITTERS] == "11"


def test_a_bestuurder_and_a_reader_cannot_freeze_again(swv, users, client_for):
    gemeente = bestuurder_gemeente(users["bestuurder"])
    vergadering = _agenda_verstuurd(swv, users, [gemeente])
    voor = Datapakket.objects.get(overleg=vergadering).bevroren_op
    for rol in ("bestuurder", "swv_deskundige"):
        client = client_for(users[rol])
        assert (
            "Cijfers opnieuw vastleggen"
            not in client.get(f"/oogo/{vergadering.pk}/cijfers/").content.decode()
        )
        assert client.post(f"/oogo/{vergadering.pk}/cijfers/vastleggen/").status_code in (403, 404)
    assert Datapakket.objects.get(overleg=vergadering).bevroren_op == voor
