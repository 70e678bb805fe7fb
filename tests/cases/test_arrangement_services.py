"""Arrangementen (issue 11): transitions, the capacity warning, and the dekkend netwerk's occupancy that
follows the arrangementen (partners' page counts them through partners/bezetting.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import Arrangement, TijdlijnGebeurtenis
from cases.services_arrangement import VoorzieningVol, arrangement_aanvragen, arrangement_status_wijzigen
from partners.selectors import dekkend_netwerk
from swv.core.models import Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import VoorzieningFactory

pytestmark = pytest.mark.django_db
VANDAAG = datetime.date.today()
S = Arrangement.Status


def _aanvraag(casus, voorziening, by=None):
    return arrangement_aanvragen(
        casus=casus, voorziening=voorziening, reden="Herstart na langdurig verzuim", startdatum=VANDAAG, by=by
    )


def test_an_arrangement_goes_from_aangevraagd_to_beeindigd_with_each_step_on_the_tijdlijn(swv, users):
    coordinator = users[Rol.SWV_COORDINATOR]
    casus = CasusFactory(swv=swv)
    arrangement = _aanvraag(casus, VoorzieningFactory(swv=swv, capaciteit=5, bezetting=0), coordinator)
    for naar in (S.TOEGEKEND, S.GESTART):
        arrangement = arrangement_status_wijzigen(arrangement=arrangement, naar=naar, by=coordinator)
    arrangement = arrangement_status_wijzigen(
        arrangement=arrangement, naar=S.BEEINDIGD, reden="Terug naar de eigen school", by=coordinator
    )

    assert arrangement.status == S.BEEINDIGD
    assert arrangement.einddatum == VANDAAG
    titels = list(
        TijdlijnGebeurtenis.objects.filter(casus=casus, soort="arrangement").values_list("titel", flat=True)
    )
    assert len(titels) == 4
    assert any("beëindigd" in t for t in titels)


def test_a_transition_that_is_not_allowed_is_refused_with_the_reason(swv):
    arrangement = _aanvraag(CasusFactory(swv=swv), VoorzieningFactory(swv=swv))

    with pytest.raises(ValidationError) as fout:
        arrangement_status_wijzigen(arrangement=arrangement, naar=S.GESTART, by=None)

    assert "aangevraagd kan niet naar gestart" in fout.value.message_dict["status"][0]
    assert Arrangement.objects.get(pk=arrangement.pk).status == S.AANGEVRAAGD


def test_ending_needs_a_reason(swv):
    arrangement = _aanvraag(CasusFactory(swv=swv), VoorzieningFactory(swv=swv))

    with pytest.raises(ValidationError) as fout:
        arrangement_status_wijzigen(arrangement=arrangement, naar=S.BEEINDIGD, reden=" ", by=None)

    assert "reden_einde" in fout.value.message_dict


def test_a_voorziening_of_another_swv_cannot_be_requested(swv):
    andere = VoorzieningFactory()  # its own SWV

    with pytest.raises(ValidationError) as fout:
        _aanvraag(CasusFactory(swv=swv), andere)

    assert "voorziening" in fout.value.message_dict
    assert not Arrangement.objects.exists()


def test_a_full_voorziening_warns_and_is_assigned_only_when_confirmed(swv):
    voorziening = VoorzieningFactory(swv=swv, capaciteit=2, bezetting=1)  # one place typed into the registry
    eerste = _aanvraag(CasusFactory(swv=swv), voorziening)
    tweede = _aanvraag(CasusFactory(swv=swv), voorziening)
    arrangement_status_wijzigen(arrangement=eerste, naar=S.TOEGEKEND, by=None)

    with pytest.raises(VoorzieningVol) as fout:
        arrangement_status_wijzigen(arrangement=tweede, naar=S.TOEGEKEND, by=None)
    assert "is vol: 2 van 2 plekken" in fout.value.messages[0]
    assert Arrangement.objects.get(pk=tweede.pk).status == S.AANGEVRAAGD

    tweede = arrangement_status_wijzigen(arrangement=tweede, naar=S.TOEGEKEND, bevestigd=True, by=None)
    assert tweede.boven_capaciteit is True


def test_the_dekkend_netwerk_counts_the_places_the_arrangementen_take_and_the_waiting_list(swv):
    voorziening = VoorzieningFactory(swv=swv, capaciteit=3, bezetting=1, wachttijd_weken=0)
    toegekend = [_aanvraag(CasusFactory(swv=swv), voorziening) for _ in range(2)]
    for arrangement in toegekend:
        arrangement_status_wijzigen(arrangement=arrangement, naar=S.TOEGEKEND, by=None)
    _aanvraag(CasusFactory(swv=swv), voorziening)  # waits
    beeindigd = _aanvraag(CasusFactory(swv=swv), voorziening)
    arrangement_status_wijzigen(arrangement=beeindigd, naar=S.BEEINDIGD, reden="Niet nodig", by=None)

    [v] = [v for v in dekkend_netwerk(swv=swv).voorzieningen if v.pk == voorziening.pk]

    assert (v.bezetting, v.arrangementen_bezet, v.bezetting_totaal, v.wachtlijst) == (1, 2, 3, 1)
    assert v.is_vol
    assert v.knelpunt

    arrangement_status_wijzigen(arrangement=toegekend[0], naar=S.BEEINDIGD, reden="Klaar", by=None)
    [v] = [v for v in dekkend_netwerk(swv=swv).voorzieningen if v.pk == voorziening.pk]
    assert (v.bezetting_totaal, v.is_vol) == (2, False)
