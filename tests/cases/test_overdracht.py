"""Overdracht (issue 11): offer, acceptance and refusal, with the access of both schools before and after,
the legal basis, a receiving SWV in this installation and a receiver outside it."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import Casus, Overdracht, TijdlijnGebeurtenis
from cases.services_overdracht import overdracht_aanbieden, overdracht_accepteren, overdracht_weigeren
from cases.workflow import Status
from swv.core.models import Rol
from tests.cases.factories_casus import CasusFactory
from tests.cases.factories_team import OuderFactory
from tests.factories import LidmaatschapFactory, OrganisatieFactory, SamenwerkingsverbandFactory, UserFactory

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def po_school(users):
    return users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie


@pytest.fixture
def vo(swv):
    """A VO school in the same SWV with its zorgcoördinator."""
    school = OrganisatieFactory(swv=swv, school=True, naam="Het Lyceum")
    user = UserFactory(username="vo-zorg")
    LidmaatschapFactory(swv=swv, user=user, organisatie=school, rol=Rol.ZORGCOORDINATOR)
    return user


@pytest.fixture
def casus(swv, po_school):
    return CasusFactory(swv=swv, school=po_school, status=Status.IN_BEHANDELING)


def _ziet(user, casus) -> bool:
    return Casus.objects.visible_to(user).filter(pk=casus.pk).exists()


def _aanbieden(casus, by, naar, **extra):
    velden = {
        "soort": Overdracht.Soort.PO_VO,
        "delen": ["aanmelding", "plan"],
        "grondslag": Overdracht.Grondslag.WETTELIJKE_TAAK,
    }
    velden.update(extra)
    return overdracht_aanbieden(casus=casus, by=by, naar_school=naar, **velden)


def test_acceptance_moves_the_case_and_the_sender_keeps_read_access_for_the_set_period(
    users, casus, vo, client_for, settings
):
    settings.OVERDRACHT_LEESTOEGANG_DAGEN = 30
    ib = users[Rol.INTERN_BEGELEIDER.value]
    lyceum = vo.lidmaatschappen.get().organisatie
    with time_machine.travel(datetime.datetime(2027, 6, 1, 12, tzinfo=AMS), tick=False):
        overdracht = _aanbieden(casus, ib, lyceum)
        # Before acceptance: the receiver sees the offer, not the case; the sender still owns it.
        assert not _ziet(vo, casus)
        assert Overdracht.objects.visible_to(vo).filter(pk=overdracht.pk).exists()
        assert _ziet(ib, casus)
        overdracht = overdracht_accepteren(overdracht=overdracht, by=vo)
        assert overdracht.leestoegang_tot == datetime.date(2027, 7, 1)
        casus.refresh_from_db()
        assert casus.school == lyceum
        assert _ziet(vo, casus)
        assert _ziet(ib, casus)
        # The sender reads, but may change nothing any more.
        sender = client_for(ib)
        assert sender.get(f"/casussen/{casus.pk}/").status_code == 200
        assert sender.get(f"/casussen/{casus.pk}/team/lid-toevoegen/").status_code == 403
        assert sender.get(f"/casussen/{casus.pk}/wijzigen/").status_code == 403
        assert sender.get(f"/casussen/{casus.pk}/acties/").status_code == 200
        actie = sender.post(f"/casussen/{casus.pk}/acties/", {"omschrijving": "Nog iets regelen"})
        assert actie.status_code == 403
        evaluatie = sender.post(f"/casussen/{casus.pk}/evaluaties/", {"datum": "2027-06-01"})
        assert evaluatie.status_code == 403
        assert client_for(vo).get(f"/casussen/{casus.pk}/team/lid-toevoegen/").status_code == 200
    with time_machine.travel(datetime.datetime(2027, 7, 1, 22, tzinfo=AMS), tick=False):
        assert _ziet(ib, casus)  # the last day counts
    with time_machine.travel(datetime.datetime(2027, 7, 2, 9, tzinfo=AMS), tick=False):
        assert not _ziet(ib, casus)
        assert client_for(ib).get(f"/casussen/{casus.pk}/").status_code == 404
        assert _ziet(vo, casus)
    titels = list(
        TijdlijnGebeurtenis.objects.filter(casus=casus, soort="overdracht").values_list("titel", flat=True)
    )
    assert titels == [
        "Overdracht aangeboden aan Het Lyceum (Warme overdracht PO naar VO)",
        "Overdracht geaccepteerd door Het Lyceum",
    ]


def test_refusal_needs_a_reason_and_leaves_the_case_with_the_sender(users, casus, vo):
    ib = users[Rol.INTERN_BEGELEIDER.value]
    overdracht = _aanbieden(casus, ib, vo.lidmaatschappen.get().organisatie)
    with pytest.raises(ValidationError):
        overdracht_weigeren(overdracht=overdracht, by=vo, reden="  ")
    overdracht = overdracht_weigeren(overdracht=overdracht, by=vo, reden="Geen plaats in leerjaar 1.")
    assert overdracht.status == Overdracht.Status.GEWEIGERD
    casus.refresh_from_db()
    assert casus.school_id == overdracht.van_school_id
    assert _ziet(ib, casus)
    assert not _ziet(vo, casus)
    # The refusal and its reason are on the tijdlijn; a decided offer cannot be decided again.
    assert TijdlijnGebeurtenis.objects.filter(casus=casus, toelichting="Geen plaats in leerjaar 1.").exists()
    with pytest.raises(ValidationError):
        overdracht_accepteren(overdracht=overdracht, by=vo)
    # A new offer may follow the refusal.
    _aanbieden(casus, ib, vo.lidmaatschappen.get().organisatie)


def test_only_the_receiving_school_decides_and_only_the_sender_or_swv_offers(users, casus, vo):
    ib = users[Rol.INTERN_BEGELEIDER.value]
    overdracht = _aanbieden(casus, ib, vo.lidmaatschappen.get().organisatie)
    for wie in (ib, users[Rol.SWV_COORDINATOR.value], users[Rol.KETENPARTNER.value]):
        with pytest.raises(PermissionDenied):
            overdracht_accepteren(overdracht=overdracht, by=wie)
    with pytest.raises(PermissionDenied):
        _aanbieden(casus, vo, OrganisatieFactory(swv=casus.swv, school=True))
    with pytest.raises(ValidationError) as fout:
        _aanbieden(casus, users[Rol.SWV_COORDINATOR.value], vo.lidmaatschappen.get().organisatie)
    assert "openstaande overdracht" in str(fout.value)


def test_sharing_on_consent_needs_a_valid_consent_for_the_receiving_school(users, casus, vo):
    from cases.services_team import toestemming_vastleggen

    ib = users[Rol.INTERN_BEGELEIDER.value]
    lyceum = vo.lidmaatschappen.get().organisatie
    with pytest.raises(ValidationError) as fout:
        _aanbieden(casus, ib, lyceum, grondslag="toestemming")
    assert "toestemming" in str(fout.value.message_dict["grondslag"])
    with pytest.raises(ValidationError) as fout:
        _aanbieden(casus, ib, lyceum, delen=[])
    assert "delen" in fout.value.message_dict
    toestemming = toestemming_vastleggen(
        casus=casus,
        by=ib,
        doel="overdracht",
        organisatie=lyceum,
        gegeven_op=datetime.date.today(),
        wijze="schriftelijk",
        gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
    )
    overdracht = _aanbieden(casus, ib, lyceum, grondslag="toestemming")
    assert overdracht.toestemming == toestemming


def test_a_receiving_swv_in_this_installation_gets_a_new_case_in_its_queue_with_the_chosen_parts(
    users, casus
):
    ander = SamenwerkingsverbandFactory(code="VO9811", sector="VO", naam="SWV Over de Rivier")
    school = OrganisatieFactory(swv=ander, school=True, naam="College Overkant")
    school.gemeente = OrganisatieFactory(swv=ander, gemeente=True)
    school.save(update_fields=["gemeente"])
    zorg = UserFactory(username="overkant-zorg")
    LidmaatschapFactory(swv=ander, user=zorg, organisatie=school, rol=Rol.ZORGCOORDINATOR)
    coordinator = UserFactory(username="overkant-coord")
    LidmaatschapFactory(
        swv=ander,
        user=coordinator,
        organisatie=OrganisatieFactory(swv=ander, swv_bureau=True),
        rol=Rol.SWV_COORDINATOR,
    )
    ib = users[Rol.INTERN_BEGELEIDER.value]
    overdracht = _aanbieden(casus, ib, school, soort=Overdracht.Soort.ANDER_SWV, delen=["plan"])
    assert Overdracht.objects.visible_to(zorg).filter(pk=overdracht.pk).exists()
    assert not Overdracht.objects.visible_to(coordinator).exists()
    overdracht = overdracht_accepteren(overdracht=overdracht, by=zorg)
    nieuw = overdracht.nieuwe_casus
    assert (nieuw.swv, nieuw.school, nieuw.status) == (ander, school, Status.AANGEMELD)
    assert nieuw.leerling.swv == ander
    assert nieuw.leerling.bsn == casus.leerling.bsn
    # Only what was chosen is copied: the aanmelding was not shared.
    assert nieuw.vraagstelling == ""
    assert _ziet(coordinator, nieuw)
    assert not _ziet(coordinator, casus)
    # The sender's own case stays in its own SWV, with its own access.
    assert _ziet(ib, casus)
    assert not _ziet(zorg, casus)


def test_a_receiver_outside_the_installation_gets_a_dossier_not_an_offer(users, casus):
    overdracht = overdracht_aanbieden(
        casus=casus,
        by=users[Rol.INTERN_BEGELEIDER.value],
        soort=Overdracht.Soort.ANDER_SWV,
        delen=["aanmelding"],
        grondslag="wettelijke_taak",
        naar_extern="SWV Passend Onderwijs Elders (buiten deze installatie)",
    )
    assert overdracht.status == Overdracht.Status.VERSTUURD
    assert overdracht.naar_school is None


def test_a_ggz_placement_records_the_school_of_origin_for_the_return(users, casus, swv):
    ggz_school = OrganisatieFactory(swv=swv, school=True, naam="School bij De Kliniek")
    overdracht = _aanbieden(
        casus, users[Rol.INTERN_BEGELEIDER.value], ggz_school, soort=Overdracht.Soort.GGZ_TIJDELIJK
    )
    assert overdracht.terug_naar_id == casus.school_id


def test_the_sender_withdraws_an_open_offer_and_the_receiver_can_no_longer_accept(users, casus, vo):
    from cases.services_overdracht import overdracht_intrekken

    ib = users[Rol.INTERN_BEGELEIDER.value]
    overdracht = _aanbieden(casus, ib, vo.lidmaatschappen.get().organisatie)
    with pytest.raises(PermissionDenied):
        overdracht_intrekken(overdracht=overdracht, by=vo)
    overdracht = overdracht_intrekken(overdracht=overdracht, by=ib)
    assert overdracht.status == Overdracht.Status.INGETROKKEN
    with pytest.raises(ValidationError):
        overdracht_accepteren(overdracht=overdracht, by=vo)
    assert not _ziet(vo, casus)
