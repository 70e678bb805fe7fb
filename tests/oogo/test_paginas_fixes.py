"""Fixes found while driving the OOGO pages in a browser (tests/e2e/test_e2e_oogo.py): the meeting page's
labels point at their own fields, and a held meeting offers no forms that can only fail."""

import re

import pytest

from oogo import services
from oogo.models import Actiepunt, Besluit
from tests.factories import PersoonFactory
from tests.oogo.factories import overleg

pytestmark = pytest.mark.django_db


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def test_every_id_on_the_meeting_page_is_unique_so_each_label_names_its_own_field(swv, users, client_for):
    o = overleg(swv)
    services.agendapunt_toevoegen(overleg=o, by=None, titel="Vervoer", thema="leerlingenvervoer")
    html = client_for(users["swv_coordinator"]).get(f"/oogo/{o.pk}/").content.decode()

    ids = _ids(html)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    # The decision and the action form both have "Bij agendapunt": each label points at a select of its own.
    doelen = re.findall(r'<label[^>]*for="([^"]+)"[^>]*>Bij agendapunt</label>', html)
    assert doelen == ["besluit_agendapunt", "actiepunt_agendapunt"]
    for doel in doelen:
        assert f'<select name="agendapunt" id="{doel}"' in html


def test_the_forms_post_the_same_field_names_as_before(swv, users, client_for):
    """Only the ids changed: the field names the forms send are the same."""
    o = overleg(swv)
    punt = services.agendapunt_toevoegen(overleg=o, by=None, titel="Vervoer", thema="leerlingenvervoer")
    eigenaar = PersoonFactory(swv=swv)
    client = client_for(users["swv_coordinator"])

    client.post(f"/oogo/{o.pk}/besluiten/", {"tekst": "Eén loket", "agendapunt": punt.pk})
    client.post(
        f"/oogo/{o.pk}/actiepunten/",
        {"omschrijving": "Offerte", "eigenaar": eigenaar.pk, "deadline": "2027-01-01", "agendapunt": punt.pk},
    )

    assert Besluit.objects.get(overleg=o).agendapunt == punt
    assert Actiepunt.objects.get(overleg=o).agendapunt == punt
    fout = client.post(f"/oogo/{o.pk}/actiepunten/", {"omschrijving": "Zonder eigenaar"})
    assert fout.status_code == 400
    # The error is shown at the action's own field.
    assert 'id="actiepunt_eigenaar_error"' in fout.content.decode()


def test_the_status_form_offers_only_the_next_steps(swv, users, client_for):
    o = overleg(swv)
    client = client_for(users["swv_coordinator"])
    services.overleg_status_zetten(overleg=o, by=None, status="agenda_verstuurd")

    html = client.get(f"/oogo/{o.pk}/").content.decode()
    select = re.search(r'<select name="status".*?</select>', html, re.S)
    assert select is not None
    assert re.findall(r'<option value="([^"]*)"', select.group(0)) == ["gehouden", "geannuleerd"]


def test_a_held_meeting_offers_no_new_item_or_status_but_still_takes_decisions_and_actions(
    swv, users, client_for
):
    o = overleg(swv)
    services.overleg_status_zetten(overleg=o, by=None, status="gehouden")

    html = client_for(users["swv_coordinator"]).get(f"/oogo/{o.pk}/").content.decode()

    assert "Gehouden" in html
    assert f'action="/oogo/{o.pk}/agendapunten/"' not in html
    assert f'action="/oogo/{o.pk}/status/"' not in html
    assert f'action="/oogo/{o.pk}/besluiten/"' in html
    assert f'action="/oogo/{o.pk}/actiepunten/"' in html
