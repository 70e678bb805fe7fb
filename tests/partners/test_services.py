"""Writes of the partner registry go through services: checked in Dutch, one transaction, tenancy kept,
nothing deleted, history recorded."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from partners import services
from partners.models import Afspraak, Organisatie, Persoon, Sleutelfiguur, Voorziening
from swv.audit.models import OrganisatieEvent, SleutelfiguurEvent
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    OrganisatieFactory,
    PersoonFactory,
    SamenwerkingsverbandFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 11, 23)


@pytest.fixture
def coordinator(users):
    return users[Rol.SWV_COORDINATOR]


def test_an_organisation_is_created_with_its_werkgebied_and_its_history_names_the_writer(swv, coordinator):
    lindedal = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    ggd = services.organisatie_create(
        swv=swv, by=coordinator, naam="GGD Rivierenland", soort="ggd", werkgebied=[lindedal]
    )
    assert list(ggd.werkgebied.all()) == [lindedal]
    event = OrganisatieEvent.objects.get(pgh_obj_id=ggd.pk, pgh_label="create")
    assert event.pgh_context.metadata["user"] == coordinator.pk


def test_a_school_with_a_wrong_brin_is_refused_and_nothing_is_saved(swv, coordinator):
    with pytest.raises(ValidationError) as e:
        services.organisatie_create(swv=swv, by=coordinator, naam="De Linde", soort="school", code="XX1200")
    assert "code" in e.value.message_dict
    assert not Organisatie.objects.filter(naam="De Linde").exists()


def test_a_werkgebied_can_hold_only_gemeenten_of_the_same_swv(swv, coordinator):
    elders = OrganisatieFactory(swv=SamenwerkingsverbandFactory(), gemeente=True)
    with pytest.raises(ValidationError) as e:
        services.organisatie_create(swv=swv, by=coordinator, naam="GGD", soort="ggd", werkgebied=[elders])
    assert "werkgebied" in e.value.message_dict
    wijkteam = OrganisatieFactory(swv=swv, wijkteam=True)
    with pytest.raises(ValidationError):
        services.organisatie_create(swv=swv, by=coordinator, naam="GGD", soort="ggd", werkgebied=[wijkteam])
    assert not Organisatie.objects.filter(naam="GGD").exists()


def test_an_update_saves_only_what_changed_and_can_replace_the_werkgebied(swv, coordinator):
    a, b = OrganisatieFactory.create_batch(2, swv=swv, werkgebied_gemeente=True)
    ggd = OrganisatieFactory(swv=swv, ggd=True)
    services.organisatie_update(organisatie=ggd, by=coordinator, plaats="Lindedal", werkgebied=[a, b])
    ggd.refresh_from_db()
    assert ggd.plaats == "Lindedal"
    assert set(ggd.werkgebied.all()) == {a, b}
    services.organisatie_update(organisatie=ggd, by=coordinator, naam=ggd.naam)
    assert set(ggd.werkgebied.all()) == {a, b}


def test_a_service_refuses_fields_it_does_not_know(swv, coordinator):
    with pytest.raises(TypeError, match="swv_id"):
        services.organisatie_create(swv=swv, by=coordinator, naam="X", soort="ggd", swv_id=1)
    assert not Organisatie.objects.filter(naam="X").exists()


@pytest.mark.parametrize(
    ("schrijf", "veld"),
    [
        (lambda o, swv: services.organisatie_update(organisatie=o.organisatie, by=None, swv=swv), "swv"),
        (lambda o, swv: services.persoon_create(swv=swv, by=None, voornaam="A", achternaam="B", id=9), "id"),
        (lambda o, swv: services.persoon_update(persoon=o.persoon, by=None, swv=swv), "swv"),
        # A move keeps history: the organisation of a role is not edited in place.
        (
            lambda o, swv: services.sleutelfiguur_update(
                sleutelfiguur=o.sleutelfiguur, by=None, organisatie=o.andere_organisatie
            ),
            "organisatie",
        ),
        (lambda o, swv: services.afspraak_update(afspraak=o.afspraak, by=None, swv=swv), "swv"),
        (
            lambda o, swv: services.voorziening_update(voorziening=o.voorziening, by=None, aanbieder_id=1),
            "aanbieder_id",
        ),
    ],
)
def test_every_service_refuses_a_field_a_caller_may_not_set(swv, schrijf, veld):
    # mypy refuses these calls; a caller passing an unchecked dict (form, serializer) gets a TypeError.
    sleutelfiguur = SleutelfiguurFactory(swv=swv)
    objecten = SimpleNamespace(
        organisatie=sleutelfiguur.organisatie,
        andere_organisatie=OrganisatieFactory(swv=swv),
        persoon=sleutelfiguur.persoon,
        sleutelfiguur=sleutelfiguur,
        afspraak=AfspraakFactory(swv=swv),
        voorziening=VoorzieningFactory(swv=swv),
    )
    personen = Persoon.objects.count()
    with pytest.raises(TypeError, match=veld):
        schrijf(objecten, SamenwerkingsverbandFactory())
    # Nothing was written: every object is still in its own SWV, the role at its organisation.
    for obj in (objecten.organisatie, objecten.persoon, objecten.afspraak, objecten.voorziening):
        obj.refresh_from_db()
        assert obj.swv_id == swv.pk
    sleutelfiguur.refresh_from_db()
    assert sleutelfiguur.organisatie_id == objecten.organisatie.pk
    assert Persoon.objects.count() == personen


@pytest.mark.parametrize(
    ("velden", "model"),
    [
        (services.OrganisatieVelden, Organisatie),
        (services.PersoonVelden, Persoon),
        (services.SleutelfiguurVelden, Sleutelfiguur),
        (services.AfspraakVelden, Afspraak),
        (services.VoorzieningVelden, Voorziening),
    ],
)
def test_the_fields_of_a_service_are_editable_fields_of_its_model_and_never_its_tenant(velden, model):
    bewerkbaar = {f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key}
    assert set(velden.__annotations__) <= bewerkbaar - {"swv"}


def test_an_update_tells_a_field_not_given_from_a_field_set_to_none(swv, coordinator):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    voorziening = VoorzieningFactory(
        swv=swv, kosten_per_plek=Decimal("1200.00"), ingangsdatum=VANDAAG, gemeenten=[gemeente]
    )

    # Not given: left alone (the page that changes only the occupancy keeps costs and gemeenten).
    services.voorziening_update(voorziening=voorziening, by=coordinator, bezetting=6)
    voorziening.refresh_from_db()
    assert (voorziening.bezetting, voorziening.kosten_per_plek, voorziening.ingangsdatum) == (
        6,
        Decimal("1200.00"),
        VANDAAG,
    )
    assert list(voorziening.gemeenten.all()) == [gemeente]

    # None and [] are values: the costs become unknown, the provision is for no gemeente in particular.
    services.voorziening_update(voorziening=voorziening, by=coordinator, kosten_per_plek=None, gemeenten=[])
    voorziening.refresh_from_db()
    assert (voorziening.kosten_per_plek, voorziening.ingangsdatum) == (None, VANDAAG)
    assert not voorziening.gemeenten.exists()


def test_ending_an_organisation_keeps_it_and_is_idempotent(swv, coordinator):
    ggd = OrganisatieFactory(swv=swv, ggd=True)
    services.organisatie_beeindigen(organisatie=ggd, by=coordinator, per=VANDAAG)
    services.organisatie_beeindigen(organisatie=ggd, by=coordinator, per=VANDAAG + datetime.timedelta(days=5))
    ggd.refresh_from_db()
    assert (ggd.actief, ggd.einddatum) == (False, VANDAAG)


def test_a_key_person_is_added_with_a_new_person_in_one_go(swv, coordinator):
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    sleutelfiguur = services.sleutelfiguur_create(
        organisatie=gemeente,
        voornaam="Fleur",
        achternaam="de Wit",
        functie="Beleidsadviseur onderwijs",
        niveau="bestuur_beleid",
        onderwerpen=["OOGO", " ", "thuiszitters"],
        gemeenten=[gemeente],
        van=VANDAAG,
        by=coordinator,
    )
    assert sleutelfiguur.persoon.naam == "Fleur de Wit"
    assert sleutelfiguur.swv == swv
    assert sleutelfiguur.onderwerpen == ["OOGO", "thuiszitters"]
    assert list(sleutelfiguur.gemeenten.all()) == [gemeente]


def test_a_key_person_without_a_name_is_refused_and_no_person_is_left_behind(swv, coordinator):
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_create(
            organisatie=OrganisatieFactory(swv=swv), functie="Jeugdarts", niveau="uitvoering", by=coordinator
        )
    assert "achternaam" in e.value.message_dict
    assert not Persoon.objects.exists()


def test_an_existing_person_can_get_a_second_role(swv, coordinator):
    persoon = PersoonFactory(swv=swv)
    services.sleutelfiguur_create(
        organisatie=OrganisatieFactory(swv=swv),
        persoon=persoon,
        functie="A",
        niveau="uitvoering",
        by=coordinator,
    )
    services.sleutelfiguur_create(
        organisatie=OrganisatieFactory(swv=swv),
        persoon_id=persoon.pk,
        functie="B",
        niveau="organisatie",
        by=coordinator,
    )
    assert persoon.rollen.count() == 2


def test_a_person_of_another_swv_cannot_get_a_role_here(swv, coordinator):
    vreemd = PersoonFactory(swv=SamenwerkingsverbandFactory())
    with pytest.raises(ValidationError):
        services.sleutelfiguur_create(
            organisatie=OrganisatieFactory(swv=swv),
            persoon_id=vreemd.pk,
            functie="A",
            niveau="uitvoering",
            by=coordinator,
        )


def test_moving_to_another_organisation_ends_the_old_role_and_keeps_it_as_history(swv, coordinator):
    oud = SleutelfiguurFactory(
        swv=swv,
        niveau="organisatie",
        onderwerpen=["verzuim"],
        email="a@oud.example",
        van=VANDAAG.replace(year=2024),
    )
    naar = OrganisatieFactory(swv=swv, wijkteam=True)
    nieuw = services.sleutelfiguur_verhuizen(
        sleutelfiguur=oud, naar_organisatie=naar, functie="Teamleider", per=VANDAAG, by=coordinator
    )
    oud.refresh_from_db()
    assert oud.tot == VANDAAG
    assert (nieuw.persoon_id, nieuw.organisatie, nieuw.van, nieuw.tot) == (
        oud.persoon_id,
        naar,
        VANDAAG,
        None,
    )
    assert (nieuw.niveau, nieuw.onderwerpen, nieuw.email) == ("organisatie", ["verzuim"], "a@oud.example")
    assert Sleutelfiguur.objects.filter(persoon=oud.persoon).count() == 2
    assert list(Sleutelfiguur.objects.huidig(VANDAAG).filter(persoon=oud.persoon)) == [nieuw]
    assert SleutelfiguurEvent.objects.filter(pgh_obj_id=oud.pk, pgh_label="update").exists()


def test_a_move_before_the_role_started_or_to_another_swv_is_refused(swv, coordinator):
    oud = SleutelfiguurFactory(swv=swv, van=VANDAAG)
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_verhuizen(
            sleutelfiguur=oud,
            naar_organisatie=OrganisatieFactory(swv=swv),
            functie="X",
            per=VANDAAG - datetime.timedelta(days=1),
            by=coordinator,
        )
    assert "per" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_verhuizen(
            sleutelfiguur=oud,
            naar_organisatie=OrganisatieFactory(swv=SamenwerkingsverbandFactory()),
            functie="X",
            per=VANDAAG,
            by=coordinator,
        )
    assert "naar_organisatie" in e.value.message_dict
    oud.refresh_from_db()
    assert oud.tot is None
    assert Sleutelfiguur.objects.count() == 1


def test_ending_a_role_is_idempotent_and_cannot_precede_its_start(swv, coordinator):
    rol = SleutelfiguurFactory(swv=swv, van=VANDAAG)
    with pytest.raises(ValidationError):
        services.sleutelfiguur_beeindigen(
            sleutelfiguur=rol, by=coordinator, per=VANDAAG - datetime.timedelta(days=1)
        )
    services.sleutelfiguur_beeindigen(sleutelfiguur=rol, by=coordinator, per=VANDAAG)
    services.sleutelfiguur_beeindigen(
        sleutelfiguur=rol, by=coordinator, per=VANDAAG + datetime.timedelta(days=3)
    )
    rol.refresh_from_db()
    assert rol.tot == VANDAAG


def test_an_agreement_belongs_to_whoever_records_it_unless_told_otherwise(swv, coordinator, users):
    partij = OrganisatieFactory(swv=swv, ggd=True)
    afspraak = services.afspraak_create(
        swv=swv,
        by=coordinator,
        soort="convenant",
        titel="Convenant thuiszitters",
        ingangsdatum=VANDAAG,
        partijen=[partij],
    )
    assert afspraak.eigenaar == coordinator
    assert list(afspraak.partijen.all()) == [partij]
    ander = services.afspraak_create(
        swv=swv,
        by=coordinator,
        soort="overig",
        titel="X",
        ingangsdatum=VANDAAG,
        eigenaar=users[Rol.SWV_MEDEWERKER],
    )
    assert ander.eigenaar == users[Rol.SWV_MEDEWERKER]


def test_an_agreement_ending_before_it_starts_is_refused(swv, coordinator):
    afspraak = AfspraakFactory(swv=swv, ingangsdatum=VANDAAG)
    with pytest.raises(ValidationError) as e:
        services.afspraak_update(
            afspraak=afspraak, by=coordinator, einddatum=VANDAAG - datetime.timedelta(days=1)
        )
    assert "einddatum" in e.value.message_dict


def test_a_provision_with_negative_capacity_is_refused_in_dutch(swv, coordinator):
    aanbieder = OrganisatieFactory(swv=swv, soort="jeugdhulp")
    with pytest.raises(ValidationError) as e:
        services.voorziening_create(
            swv=swv,
            by=coordinator,
            naam="Herstart",
            aanbieder=aanbieder,
            doelgroep="thuiszitters",
            capaciteit=-2,
        )
    assert "capaciteit" in e.value.message_dict


def test_a_provision_from_another_swvs_aanbieder_is_refused(swv, coordinator):
    with pytest.raises(ValidationError) as e:
        services.voorziening_create(
            swv=swv, by=coordinator, naam="Herstart", aanbieder=OrganisatieFactory(), doelgroep="thuiszitters"
        )
    assert "aanbieder" in e.value.message_dict


def test_updating_occupancy_and_ending_a_provision(swv, coordinator):
    voorziening = VoorzieningFactory(swv=swv, ingangsdatum=VANDAAG.replace(year=2025))
    services.voorziening_update(voorziening=voorziening, by=coordinator, bezetting=10, wachttijd_weken=9)
    services.voorziening_beeindigen(voorziening=voorziening, by=coordinator, per=VANDAAG)
    voorziening.refresh_from_db()
    assert (voorziening.bezetting, voorziening.wachttijd_weken, voorziening.einddatum) == (10, 9, VANDAAG)
