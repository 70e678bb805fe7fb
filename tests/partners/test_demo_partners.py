"""The demo partner network: realistic, deliberately imperfect (gaps to show) and idempotent."""

import pytest
from django.core.management import call_command

from partners import selectors
from partners.models import Afspraak, Jeugdzorgregio, Organisatie, Persoon, Sleutelfiguur, Voorziening
from swv.core.demo import SWV_CODE
from swv.core.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db

MODELS = [Jeugdzorgregio, Organisatie, Persoon, Sleutelfiguur, Afspraak, Voorziening]


@pytest.fixture
def demo_swv():
    call_command("demo_data")
    return Samenwerkingsverband.objects.get(code=SWV_CODE)


def test_a_second_run_adds_no_partner_rows(demo_swv):
    eerst = {m: m.objects.count() for m in MODELS}
    call_command("demo_data")
    assert {m: m.objects.count() for m in MODELS} == eerst
    assert 6 <= eerst[Voorziening] <= 8
    assert 4 <= eerst[Afspraak] <= 5


def test_the_three_demo_gemeenten_form_the_werkgebied_in_one_jeugdzorgregio(demo_swv):
    gemeenten = Organisatie.objects.filter(swv=demo_swv, soort="gemeente", in_werkgebied=True)
    assert sorted(g.naam for g in gemeenten) == [
        "Gemeente Heuvelrijk",
        "Gemeente Lindedal",
        "Gemeente Waterveld",
    ]
    assert {g.jeugdzorgregio.naam for g in gemeenten} == {"Jeugdzorgregio Rivierenland (demo)"}


def test_every_kind_of_partner_the_issue_names_is_in_the_demo(demo_swv):
    soorten = set(Organisatie.objects.filter(swv=demo_swv).values_list("soort", flat=True))
    assert {
        "ggd",
        "wijkteam",
        "leerplicht",
        "smw",
        "schoolbestuur",
        "cluster1",
        "cluster2",
        "mbo",
        "ggz",
        "jeugdhulp",
        "bedrijf",
        "collega_swv",
        "halt",
        "jongerenwerk",
    } <= soorten


def test_the_routekaart_shows_heuvelrijk_without_bestuur_en_beleid_and_the_others_complete(demo_swv):
    kaart = selectors.routekaart(swv=demo_swv)
    assert kaart.gaten == ["Geen contact op bestuur & beleid voor Heuvelrijk"]


def test_one_person_moved_and_kept_their_history(demo_swv):
    verhuisd = [p for p in Persoon.objects.filter(swv=demo_swv) if p.rollen.count() == 2]
    assert len(verhuisd) == 1
    oud, nieuw = verhuisd[0].rollen.order_by("van")
    assert oud.tot == nieuw.van
    assert oud.organisatie != nieuw.organisatie


def test_one_agreement_is_due_for_evaluation_and_one_expires_within_30_days(demo_swv):
    due = list(selectors.afspraken_te_evalueren(swv=demo_swv, binnen_dagen=30))
    assert len(due) == 2
    assert {a.evaluatiedatum is not None for a in due} == {True, False}


def test_one_provision_is_full_and_one_has_a_long_waiting_list(demo_swv):
    knelpunten = selectors.dekkend_netwerk(swv=demo_swv).knelpunten
    assert sorted((v.is_vol, v.wachttijd_weken > 6) for v in knelpunten) == [(False, True), (True, False)]
