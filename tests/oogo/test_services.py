"""OOGO services: status rules, carry-over with history, geschil dates, the ondersteuningsplan cycle."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from oogo import services
from oogo.models import Actiepunt, Agendapunt, AgendapuntEvent, Geschil, inspectie_uiterlijk
from oogo.workflow import ActiepuntStatus, AgendapuntStatus, OverlegSoort, OverlegStatus, Thema
from tests.factories import OrganisatieFactory
from tests.oogo.factories import overleg, persoon

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente(swv):
    return OrganisatieFactory(swv=swv, gemeente=True)


def test_plannen_needs_a_gemeente_of_the_same_swv(swv):
    elders = OrganisatieFactory(gemeente=True)
    with pytest.raises(ValidationError) as fout:
        overleg(swv, gemeenten=[elders])
    assert "gemeenten" in fout.value.message_dict
    with pytest.raises(ValidationError):
        overleg(swv, gemeenten=[OrganisatieFactory(swv=swv, ggd=True)])
    with pytest.raises(ValidationError):
        overleg(swv, gemeenten=[])


def test_each_meeting_has_its_own_stable_uid_and_an_update_raises_the_sequence(swv, gemeente, users):
    o = overleg(swv, gemeenten=[gemeente])
    uid = o.uid
    services.overleg_bijwerken(overleg=o, by=users["swv_coordinator"], locatie="Stadhuis")
    o.refresh_from_db()
    assert (o.uid, o.ics_volgnummer, o.locatie) == (uid, 1, "Stadhuis")
    assert overleg(swv, gemeenten=[gemeente]).uid != uid


def test_agendapunt_status_rules(swv, gemeente, users):
    by = users["swv_coordinator"]
    punt = services.agendapunt_toevoegen(
        overleg=overleg(swv, gemeenten=[gemeente]), by=by, titel="Vervoer", thema=Thema.LEERLINGENVERVOER
    )
    assert punt.status == AgendapuntStatus.VOORGESTELD
    with pytest.raises(ValidationError):  # not discussed before it is on the agenda
        services.agendapunt_status_zetten(agendapunt=punt, by=by, status=AgendapuntStatus.BESPROKEN)
    services.agendapunt_status_zetten(agendapunt=punt, by=by, status=AgendapuntStatus.GEAGENDEERD)
    with pytest.raises(ValidationError) as fout:  # agreement needs the outcome
        services.agendapunt_status_zetten(agendapunt=punt, by=by, status=AgendapuntStatus.OVEREENSTEMMING)
    assert "uitkomst" in fout.value.message_dict
    with pytest.raises(ValidationError):  # only through geschil_voorleggen
        services.agendapunt_status_zetten(agendapunt=punt, by=by, status=AgendapuntStatus.VOORGELEGD)
    punt = services.agendapunt_status_zetten(
        agendapunt=punt, by=by, status=AgendapuntStatus.OVEREENSTEMMING, uitkomst="Eén vervoersloket."
    )
    assert punt.status == AgendapuntStatus.OVEREENSTEMMING
    with pytest.raises(ValidationError):  # final
        services.agendapunt_status_zetten(agendapunt=punt, by=by, status=AgendapuntStatus.AANGEHOUDEN)
    # The history says who.
    laatste = AgendapuntEvent.objects.filter(pgh_obj_id=punt.pk).order_by("pgh_id").last()
    assert laatste.status == AgendapuntStatus.OVEREENSTEMMING
    assert laatste.pgh_context.metadata["user"] == by.pk


def test_overleg_status_rules(swv, gemeente):
    o = overleg(swv, gemeenten=[gemeente])
    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.AGENDA_VERSTUURD)
    with pytest.raises(ValidationError):
        services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEPLAND)
    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEHOUDEN)
    with pytest.raises(ValidationError):
        services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEANNULEERD)
    with pytest.raises(ValidationError):
        services.agendapunt_toevoegen(overleg=o, by=None, titel="Te laat", thema=Thema.OVERIG)


def test_unfinished_items_and_open_actions_move_to_the_next_meeting_with_their_history(swv, gemeente):
    eerste = overleg(swv, gemeenten=[gemeente], dag=datetime.date(2026, 9, 1))
    open_punt = services.agendapunt_toevoegen(
        overleg=eerste, by=None, titel="Huisvesting VSO", thema=Thema.HUISVESTING
    )
    klaar = services.agendapunt_toevoegen(overleg=eerste, by=None, titel="Jeugdhulp", thema=Thema.JEUGDHULP)
    services.agendapunt_status_zetten(agendapunt=klaar, by=None, status=AgendapuntStatus.GEAGENDEERD)
    services.agendapunt_status_zetten(
        agendapunt=klaar, by=None, status=AgendapuntStatus.OVEREENSTEMMING, uitkomst="Akkoord"
    )
    eigenaar = persoon(swv)
    actie = services.actiepunt_toevoegen(
        overleg=eerste,
        by=None,
        omschrijving="Notitie",
        eigenaar=eigenaar,
        deadline=datetime.date(2026, 10, 1),
    )
    gedaan = services.actiepunt_toevoegen(
        overleg=eerste, by=None, omschrijving="Brief", eigenaar=eigenaar, deadline=datetime.date(2026, 10, 1)
    )
    services.actiepunt_status_zetten(actiepunt=gedaan, by=None, status=ActiepuntStatus.GEREED)
    services.overleg_status_zetten(overleg=eerste, by=None, status=OverlegStatus.GEHOUDEN)

    # Planned after the meeting was held: the open item and action come along.
    tweede = overleg(swv, gemeenten=[gemeente], dag=datetime.date(2026, 11, 1))
    kopie = Agendapunt.objects.get(overleg=tweede)
    assert (kopie.titel, kopie.status, kopie.overgenomen_van) == (
        "Huisvesting VSO",
        AgendapuntStatus.GEAGENDEERD,
        open_punt,
    )
    open_punt.refresh_from_db()
    assert open_punt.status == AgendapuntStatus.AANGEHOUDEN
    assert Actiepunt.objects.get(pk=actie.pk).opgevolgd_in == tweede
    assert Actiepunt.objects.get(pk=gedaan.pk).opgevolgd_in == eerste
    # Idempotent: carrying again adds nothing.
    assert services.overnemen(van=eerste, naar=tweede, by=None) == {"agendapunten": 0, "actiepunten": 0}

    # Planned before the second is held: holding it hands the item on again.
    derde = overleg(swv, gemeenten=[gemeente], dag=datetime.date(2026, 12, 1))
    assert not derde.agendapunten.exists()
    services.overleg_status_zetten(overleg=tweede, by=None, status=OverlegStatus.GEHOUDEN)
    laatste = Agendapunt.objects.get(overleg=derde)
    assert laatste.geschiedenis() == [open_punt, kopie]
    assert Actiepunt.objects.get(pk=actie.pk).opgevolgd_in == derde
    # Another kind of meeting gets nothing.
    ander = overleg(
        swv, gemeenten=[gemeente], dag=datetime.date(2027, 1, 1), soort=OverlegSoort.OVERSTAPTAFEL
    )
    assert not ander.agendapunten.exists()
    with pytest.raises(ValidationError):
        services.overnemen(van=derde, naar=ander, by=None)


def test_geschil_dates_and_route(swv, gemeente):
    o = overleg(swv, gemeenten=[gemeente])
    punt = services.agendapunt_toevoegen(overleg=o, by=None, titel="Vervoer", thema=Thema.LEERLINGENVERVOER)
    with pytest.raises(ValidationError):  # only without agreement
        services.geschil_voorleggen(
            agendapunt=punt,
            by=None,
            gemeente=gemeente,
            ingediend_door="gemeente",
            ingediend_op=datetime.date(2026, 10, 5),
        )
    services.agendapunt_status_zetten(agendapunt=punt, by=None, status=AgendapuntStatus.GEAGENDEERD)
    services.agendapunt_status_zetten(
        agendapunt=punt,
        by=None,
        status=AgendapuntStatus.GEEN_OVEREENSTEMMING,
        uitkomst="Geen akkoord over de kosten",
    )
    with pytest.raises(ValidationError):  # a gemeente that did not take part
        services.geschil_voorleggen(
            agendapunt=punt,
            by=None,
            gemeente=OrganisatieFactory(swv=swv, gemeente=True),
            ingediend_door="gemeente",
            ingediend_op=datetime.date(2026, 10, 5),
        )
    geschil = services.geschil_voorleggen(
        agendapunt=punt,
        by=None,
        gemeente=gemeente,
        ingediend_door="gemeente",
        ingediend_op=datetime.date(2026, 10, 5),
    )
    punt.refresh_from_db()
    assert punt.status == AgendapuntStatus.VOORGELEGD
    assert geschil.verweer_uiterlijk == datetime.date(2026, 10, 19)
    assert geschil.advies_uiterlijk == datetime.date(2026, 11, 16)
    # An early verweer starts the four weeks earlier; a late one does not postpone them.
    geschil = services.geschil_bijwerken(
        geschil=geschil, by=None, verweer_ontvangen_op=datetime.date(2026, 10, 12)
    )
    assert Geschil.objects.get(pk=geschil.pk).advies_uiterlijk == datetime.date(2026, 11, 9)
    geschil = services.geschil_bijwerken(
        geschil=geschil, by=None, verweer_ontvangen_op=datetime.date(2026, 10, 30)
    )
    assert geschil.advies_uiterlijk == datetime.date(2026, 11, 16)
    with pytest.raises(ValidationError):
        services.geschil_bijwerken(geschil=geschil, by=None, verweer_ontvangen_op=datetime.date(2026, 10, 1))


def test_ondersteuningsplan_period_oogo_before_adoption_and_the_1_may_deadline(swv, gemeente):
    assert inspectie_uiterlijk(datetime.date(2026, 8, 1)) == datetime.date(2026, 5, 1)
    assert inspectie_uiterlijk(datetime.date(2027, 1, 1)) == datetime.date(2026, 5, 1)
    with pytest.raises(ValidationError) as fout:
        services.ondersteuningsplan_maken(
            swv=swv,
            by=None,
            titel="OP",
            periode_van=datetime.date(2026, 8, 1),
            periode_tot=datetime.date(2030, 8, 1),
        )
    assert "periode_tot" in fout.value.message_dict
    plan = services.ondersteuningsplan_maken(
        swv=swv,
        by=None,
        titel="OP 2026-2030",
        periode_van=datetime.date(2026, 8, 1),
        periode_tot=datetime.date(2030, 7, 31),
    )
    assert plan.inspectie_uiterlijk == datetime.date(2026, 5, 1)
    with pytest.raises(ValidationError):  # no OOGO yet
        services.ondersteuningsplan_vaststellen(plan=plan, by=None, op=datetime.date(2026, 4, 1))
    o = overleg(swv, gemeenten=[gemeente], dag=datetime.date(2026, 3, 10))
    services.ondersteuningsplan_oogo_koppelen(plan=plan, by=None, overleg=o)
    with pytest.raises(ValidationError):  # planned, not held
        services.ondersteuningsplan_vaststellen(plan=plan, by=None, op=datetime.date(2026, 4, 1))
    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEHOUDEN)
    with pytest.raises(ValidationError):  # before the OOGO
        services.ondersteuningsplan_vaststellen(plan=plan, by=None, op=datetime.date(2026, 3, 1))
    services.ondersteuningsplan_vaststellen(plan=plan, by=None, op=datetime.date(2026, 4, 1))
    services.ondersteuningsplan_naar_inspectie(plan=plan, by=None, op=datetime.date(2026, 4, 20))
    plan.refresh_from_db()
    assert plan.naar_inspectie_op == datetime.date(2026, 4, 20)


def test_actiepunt_status_rules_and_eigenaar_of_the_swv(swv, gemeente):
    o = overleg(swv, gemeenten=[gemeente])
    with pytest.raises(ValidationError):
        services.actiepunt_toevoegen(
            overleg=o,
            by=None,
            omschrijving="X",
            eigenaar=persoon(OrganisatieFactory().swv),
            deadline=datetime.date(2026, 11, 1),
        )
    actie = services.actiepunt_toevoegen(
        overleg=o, by=None, omschrijving="X", eigenaar=persoon(swv), deadline=datetime.date(2026, 11, 1)
    )
    actie = services.actiepunt_status_zetten(actiepunt=actie, by=None, status=ActiepuntStatus.GEREED)
    assert actie.gereed_op is not None
    with pytest.raises(ValidationError):
        services.actiepunt_status_zetten(actiepunt=actie, by=None, status=ActiepuntStatus.VERVALLEN)
