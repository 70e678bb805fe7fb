"""Bezwaar against a TLV decision with the Awb terms as deadlines (frozen time), and the reminder before a TLV
ends (TLV_HERINNERING_DAGEN). Both run through the one deadline engine, cases/deadlines.py."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases.deadlines import controleer_deadlines
from cases.models import Taak
from cases.services_tlv import (
    beslistermijn_eind,
    bezwaar_bijwerken,
    bezwaar_registreren,
    bezwaartermijn_eind,
    tlv_aanvragen,
    tlv_besluiten,
)
from swv.core.models import Rol
from tests.cases.factories_tlv import geef_adviezen, maak_aanvraag

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
D = datetime.date
BESLUIT = D(2026, 9, 1)


def _besloten(swv, users, *, ingang=None):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users, datum=D(2026, 8, 20))
    return tlv_besluiten(
        tlv=tlv,
        by=users[Rol.SWV_COORDINATOR],
        toekennen=ingang is not None,
        motivering="Besluit.",
        besluitdatum=BESLUIT,
        ingangsdatum=ingang,
    )


def _taken(regel):
    return list(Taak.objects.filter(regel=regel).values_list("vervalt_op", "afgehandeld_op"))


def test_the_awb_terms_six_weeks_to_object_then_twelve_weeks_with_the_adviescommissie(swv, users):
    tlv = _besloten(swv, users)
    # Decision on 1 September: the bezwaartermijn ends six weeks later, on 13 October (Awb 6:7, 6:8).
    assert bezwaartermijn_eind(tlv) == D(2026, 10, 13)
    with time_machine.travel(datetime.datetime(2026, 10, 1, 12, tzinfo=AMS), tick=False):
        bezwaar = bezwaar_registreren(
            tlv=tlv, by=users[Rol.SWV_COORDINATOR], ontvangen_op=D(2026, 10, 1), ingediend_door="Fenna Bakker"
        )
    # Twelve weeks after 13 October with the adviescommissie (Awb 7:10 lid 1, 7:13): 5 January 2027.
    assert beslistermijn_eind(bezwaar) == D(2027, 1, 5)
    controleer_deadlines(D(2026, 9, 30))
    assert _taken("tlv_bezwaar_beslissen") == []  # not received yet on that day
    controleer_deadlines(D(2026, 10, 1))
    assert _taken("tlv_bezwaar_beslissen") == [(D(2027, 1, 5), None)]
    # Postponed once (Awb 7:10 lid 3): six weeks more, a new period is not needed: the same task is kept
    # and the engine's new date shows on the bezwaar page; the outcome closes the task.
    with time_machine.travel(datetime.datetime(2027, 1, 4, 12, tzinfo=AMS), tick=False):
        bezwaar = bezwaar_bijwerken(
            bezwaar=bezwaar,
            by=users[Rol.SWV_COORDINATOR],
            hoorzitting_op=D(2026, 11, 20),
            verdaagd=True,
            uitkomst="",
            beslist_op=None,
        )
        assert beslistermijn_eind(bezwaar) == D(2027, 2, 16)
        bezwaar_bijwerken(
            bezwaar=bezwaar,
            by=users[Rol.SWV_COORDINATOR],
            hoorzitting_op=D(2026, 11, 20),
            verdaagd=True,
            uitkomst="ongegrond",
            beslist_op=D(2027, 1, 4),
        )
    [(vervalt_op, afgehandeld)] = _taken("tlv_bezwaar_beslissen")
    assert afgehandeld is not None


def test_without_adviescommissie_the_term_is_six_weeks_after_the_bezwaartermijn(swv, users):
    tlv = _besloten(swv, users)
    with time_machine.travel(datetime.datetime(2026, 10, 20, 12, tzinfo=AMS), tick=False):
        bezwaar = bezwaar_registreren(
            tlv=tlv,
            by=users[Rol.SWV_MEDEWERKER],
            ontvangen_op=D(2026, 10, 20),
            ingediend_door="Fenna Bakker",
            adviescommissie=False,
        )
    assert beslistermijn_eind(bezwaar) == D(2026, 11, 24)
    controleer_deadlines(D(2026, 10, 20))
    assert _taken("tlv_bezwaar_beslissen") == [(D(2026, 11, 24), None)]


def test_a_bezwaar_needs_a_decision_and_an_outcome_needs_a_date(swv, users):
    tlv = maak_aanvraag(swv, users)
    with pytest.raises(ValidationError):
        bezwaar_registreren(
            tlv=tlv, by=users[Rol.SWV_COORDINATOR], ontvangen_op=D(2026, 10, 1), ingediend_door="X"
        )
    tlv = _besloten(swv, users)
    with time_machine.travel(datetime.datetime(2026, 10, 1, 12, tzinfo=AMS), tick=False):
        bezwaar = bezwaar_registreren(
            tlv=tlv, by=users[Rol.SWV_COORDINATOR], ontvangen_op=D(2026, 10, 1), ingediend_door="X"
        )
        with pytest.raises(ValidationError) as e:
            bezwaar_bijwerken(
                bezwaar=bezwaar,
                by=users[Rol.SWV_COORDINATOR],
                hoorzitting_op=None,
                verdaagd=False,
                uitkomst="gegrond",
                beslist_op=None,
            )
    assert "beslist_op" in e.value.message_dict
    with pytest.raises(ValidationError):
        bezwaar_registreren(
            tlv=tlv, by=users[Rol.ZORGCOORDINATOR], ontvangen_op=D(2026, 10, 1), ingediend_door="X"
        )


def test_a_reminder_appears_the_set_number_of_days_before_a_tlv_ends_until_a_new_request(
    swv, users, settings
):
    settings.TLV_HERINNERING_DAGEN = 120
    tlv = _besloten(swv, users, ingang=BESLUIT)
    assert tlv.einddatum == D(2028, 7, 31)
    controleer_deadlines(D(2028, 4, 1))  # 121 days before
    assert _taken("tlv_verloopt") == []
    controleer_deadlines(D(2028, 4, 2))  # 120 days before
    assert _taken("tlv_verloopt") == [(D(2028, 7, 31), None)]
    # A new request of the same kind for the pupil resolves it.
    with time_machine.travel(datetime.datetime(2028, 4, 3, 12, tzinfo=AMS), tick=False):
        tlv_aanvragen(
            casus=tlv.casus,
            by=users[Rol.SWV_COORDINATOR],
            soort="so",
            cluster=4,
            onderbouwing="Verlenging nodig.",
        )
        controleer_deadlines(D(2028, 4, 3))
    [(_, afgehandeld)] = _taken("tlv_verloopt")
    assert afgehandeld is not None


def test_the_bezwaar_pages_record_and_handle_it_and_refuse_a_stale_save(swv, users, client_for):
    from cases.models import TlvBezwaar

    tlv = _besloten(swv, users)
    coordinator = client_for(users[Rol.SWV_COORDINATOR])
    antwoord = coordinator.post(
        f"/casussen/tlv/{tlv.pk}/bezwaar/",
        {
            "ontvangen_op": "2026-10-01",
            "ingediend_door": "Fenna Bakker",
            "gronden": "Oneens.",
            "adviescommissie": "on",
        },
    )
    assert antwoord.status_code == 302
    bezwaar = TlvBezwaar.objects.get(tlv=tlv)
    pagina = coordinator.get(f"/casussen/tlv/{tlv.pk}/").content.decode()
    assert "beslissen uiterlijk 5 januari 2027" in pagina
    url = f"/casussen/tlv/bezwaren/{bezwaar.pk}/"
    medewerker = client_for(users[Rol.SWV_MEDEWERKER])
    versies = [c.get(url).context["form"]["versie"].value() for c in (coordinator, medewerker)]
    assert coordinator.post(url, {"hoorzitting_op": "2026-11-20", "versie": versies[0]}).status_code == 302
    antwoord = medewerker.post(url, {"toelichting": "Hoorzitting gepland.", "versie": versies[1]})
    assert antwoord.status_code == 400
    assert "Iemand anders heeft dit intussen gewijzigd" in antwoord.content.decode()
    # The school sees the TLV but handles no bezwaar.
    assert client_for(users[Rol.ZORGCOORDINATOR]).get(url).status_code == 403
