"""Services of the ondersteuningsteam and the toestemming (issue 10, part team)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import OtLid, OtLidEvent, TijdlijnGebeurtenis, Toestemming, ToestemmingEvent
from cases.services_team import (
    leeftijd_op,
    ot_lid_beeindigen,
    ot_lid_toevoegen,
    toestemming_intrekken,
    toestemming_vastleggen,
)
from swv.core.models import Rol
from tests.cases.factories_team import CasusFactory, OuderFactory, geboren_jaren_geleden
from tests.factories import OrganisatieFactory, PersoonFactory, SamenwerkingsverbandFactory

VANDAAG = datetime.date.today()


@pytest.fixture
def casus(swv):
    return CasusFactory(swv=swv)


def _org(user):
    return user.lidmaatschappen.get().organisatie


def test_a_partner_professional_is_added_with_consent_as_basis_and_told_by_email(casus, users):
    coordinator, partner = users[Rol.SWV_COORDINATOR], users[Rol.KETENPARTNER]
    partner.email = "professional@wijkteam.test.example"
    partner.save()

    lid = ot_lid_toevoegen(
        casus=casus, by=coordinator, rol=OtLid.Rol.PARTNER, organisatie=_org(partner), gebruiker=partner
    )

    assert lid.grondslag == OtLid.Grondslag.TOESTEMMING
    assert lid.uitgenodigd_door == coordinator
    gebeurtenis = TijdlijnGebeurtenis.objects.get(casus=casus)
    assert gebeurtenis.soort == "ot"
    assert "toegevoegd aan het ondersteuningsteam" in gebeurtenis.titel
    assert gebeurtenis.door == coordinator
    assert gebeurtenis.object_id == str(lid.pk)
    assert OtLidEvent.objects.filter(pgh_obj_id=lid.pk).get().pgh_context.metadata["user"] == coordinator.pk


@pytest.mark.django_db(transaction=True)
def test_the_invitation_email_holds_no_pupil_data(users, swv):
    casus = CasusFactory(swv=swv)
    partner = users[Rol.KETENPARTNER]
    partner.email = "professional@wijkteam.test.example"
    partner.save()

    ot_lid_toevoegen(
        casus=casus,
        by=users[Rol.SWV_COORDINATOR],
        rol=OtLid.Rol.PARTNER,
        organisatie=_org(partner),
        gebruiker=partner,
    )

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["professional@wijkteam.test.example"]
    assert "ondersteuningsteam" in bericht.body
    assert "Mijn casussen" in bericht.body
    for geheim in (casus.leerling.achternaam, casus.leerling.bsn, casus.leerling.voornaam):
        assert geheim not in bericht.body
        assert geheim not in bericht.subject


def test_leerplicht_takes_part_on_a_legal_basis(casus, users):
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR]

    lid = ot_lid_toevoegen(
        casus=casus,
        by=users[Rol.SWV_COORDINATOR],
        rol=OtLid.Rol.LEERPLICHT,
        organisatie=_org(leerplicht),
        gebruiker=leerplicht,
    )

    assert lid.grondslag == OtLid.Grondslag.WETTELIJKE_TAAK
    assert "Wettelijke taak" in TijdlijnGebeurtenis.objects.get(casus=casus).toelichting


def test_an_account_without_a_fitting_membership_at_the_organisation_is_refused(casus, users):
    # The leerplicht account cannot join as a partner, and the partner not for another organisation.
    with pytest.raises(ValidationError) as e:
        ot_lid_toevoegen(
            casus=casus,
            by=None,
            rol=OtLid.Rol.PARTNER,
            organisatie=_org(users[Rol.LEERPLICHTAMBTENAAR]),
            gebruiker=users[Rol.LEERPLICHTAMBTENAAR],
        )
    assert "passende rol" in str(e.value.message_dict["gebruiker"])
    with pytest.raises(ValidationError):
        ot_lid_toevoegen(
            casus=casus,
            by=None,
            rol=OtLid.Rol.PARTNER,
            organisatie=OrganisatieFactory(swv=casus.swv),
            gebruiker=users[Rol.KETENPARTNER],
        )
    assert not OtLid.objects.exists()
    assert not TijdlijnGebeurtenis.objects.exists()


def test_an_organisation_or_person_of_another_swv_is_refused(casus):
    elders = SamenwerkingsverbandFactory(code="PO9877")
    with pytest.raises(ValidationError) as e:
        ot_lid_toevoegen(
            casus=casus,
            by=None,
            rol=OtLid.Rol.PARTNER,
            organisatie=OrganisatieFactory(swv=elders),
            persoon=PersoonFactory(swv=casus.swv),
        )
    assert "organisatie" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        ot_lid_toevoegen(
            casus=casus,
            by=None,
            rol=OtLid.Rol.PARTNER,
            organisatie=OrganisatieFactory(swv=casus.swv),
            persoon=PersoonFactory(swv=elders),
        )
    assert "persoon" in e.value.message_dict


def test_a_person_from_the_registry_can_be_a_member_without_an_account(casus):
    persoon = PersoonFactory(swv=casus.swv)
    lid = ot_lid_toevoegen(
        casus=casus,
        by=None,
        rol=OtLid.Rol.PARTNER,
        organisatie=OrganisatieFactory(swv=casus.swv),
        persoon=persoon,
        functie="Jeugdverpleegkundige",
    )
    assert lid.persoon == persoon
    assert lid.gebruiker is None
    assert persoon.achternaam in TijdlijnGebeurtenis.objects.get(casus=casus).titel


def test_an_ouder_of_the_pupil_joins_without_organisation(casus):
    ouder = OuderFactory(leerling=casus.leerling)
    lid = ot_lid_toevoegen(casus=casus, by=None, rol=OtLid.Rol.OUDERS, ouder=ouder)
    assert lid.ouder == ouder

    with pytest.raises(ValidationError) as e:
        ot_lid_toevoegen(
            casus=casus, by=None, rol=OtLid.Rol.OUDERS, ouder=OuderFactory(leerling__swv=casus.swv)
        )
    assert "ouder" in e.value.message_dict


def test_the_same_account_is_an_active_member_once(casus, users):
    partner = users[Rol.KETENPARTNER]
    ot_lid_toevoegen(
        casus=casus, by=None, rol=OtLid.Rol.PARTNER, organisatie=_org(partner), gebruiker=partner
    )
    with pytest.raises(ValidationError) as e:
        ot_lid_toevoegen(
            casus=casus, by=None, rol=OtLid.Rol.PARTNER, organisatie=_org(partner), gebruiker=partner
        )
    assert "al lid" in str(e.value)


def test_ending_a_membership_keeps_it_with_its_end_and_reason(casus, users):
    partner = users[Rol.KETENPARTNER]
    lid = ot_lid_toevoegen(
        casus=casus, by=None, rol=OtLid.Rol.PARTNER, organisatie=_org(partner), gebruiker=partner
    )

    ot_lid_beeindigen(lid=lid, by=users[Rol.SWV_COORDINATOR], reden="Traject afgerond")

    lid.refresh_from_db()
    assert lid.beeindigd_op is not None
    assert lid.reden_einde == "Traject afgerond"
    assert TijdlijnGebeurtenis.objects.filter(
        casus=casus, titel__contains="geen lid meer"
    ).get().toelichting == ("Traject afgerond")
    with pytest.raises(ValidationError):
        ot_lid_beeindigen(lid=lid, by=None)
    # A new membership after the end is allowed (the unique rule is on active ones).
    ot_lid_toevoegen(
        casus=casus, by=None, rol=OtLid.Rol.PARTNER, organisatie=_org(partner), gebruiker=partner
    )


def test_consent_by_an_ouder_with_parental_authority_is_recorded_on_the_tijdlijn(casus, users):
    ouder = OuderFactory(leerling=casus.leerling, gezag=True)
    wijkteam = _org(users[Rol.KETENPARTNER])

    toestemming = toestemming_vastleggen(
        casus=casus,
        by=users[Rol.SWV_COORDINATOR],
        doel=Toestemming.Doel.DEELNAME_OT,
        organisatie=wijkteam,
        gegeven_op=VANDAAG,
        wijze=Toestemming.Wijze.SCHRIFTELIJK,
        gegeven_door_ouder=ouder,
        geldig_tot=VANDAAG + datetime.timedelta(days=365),
    )

    assert toestemming.leerling == casus.leerling
    assert toestemming.vastgelegd_door == users[Rol.SWV_COORDINATOR]
    gebeurtenis = TijdlijnGebeurtenis.objects.get(casus=casus)
    assert wijkteam.naam in gebeurtenis.titel
    assert ouder.achternaam in gebeurtenis.toelichting
    assert "geldig tot en met" in gebeurtenis.toelichting


def test_an_ouder_without_parental_authority_cannot_consent(casus):
    ouder = OuderFactory(leerling=casus.leerling, gezag=False)
    with pytest.raises(ValidationError) as e:
        toestemming_vastleggen(
            casus=casus,
            by=None,
            doel="deelname_ot",
            organisatie=OrganisatieFactory(swv=casus.swv),
            gegeven_op=VANDAAG,
            wijze="mondeling",
            gegeven_door_ouder=ouder,
        )
    assert "geen ouderlijk gezag" in str(e.value.message_dict["gegeven_door_ouder"])
    assert not Toestemming.objects.exists()


def test_an_ouder_of_another_pupil_cannot_consent(casus):
    with pytest.raises(ValidationError) as e:
        toestemming_vastleggen(
            casus=casus,
            by=None,
            doel="deelname_ot",
            organisatie=OrganisatieFactory(swv=casus.swv),
            gegeven_op=VANDAAG,
            wijze="mondeling",
            gegeven_door_ouder=OuderFactory(leerling__swv=casus.swv),
        )
    assert "gegeven_door_ouder" in e.value.message_dict


@pytest.mark.parametrize(
    ("dagen_na_zestiende", "toegestaan"),
    [(0, True), (-1, False), (400, True)],
    ids=["op-de-16e-verjaardag", "dag-ervoor", "17-jaar"],
)
def test_the_pupil_consents_from_the_day_they_turn_16(swv, dagen_na_zestiende, toegestaan):
    gegeven_op = VANDAAG - datetime.timedelta(days=10)
    casus = CasusFactory(
        swv=swv, leerling__geboortedatum=geboren_jaren_geleden(16, dagen=dagen_na_zestiende, op=gegeven_op)
    )
    kwargs = {
        "casus": casus,
        "by": None,
        "doel": "deelname_ot",
        "organisatie": OrganisatieFactory(swv=swv),
        "gegeven_op": gegeven_op,
        "wijze": "digitaal",
        "gegeven_door_leerling": True,
    }
    if toegestaan:
        assert toestemming_vastleggen(**kwargs).gegeven_door_leerling
        assert "de leerling" in TijdlijnGebeurtenis.objects.get(casus=casus).toelichting
    else:
        with pytest.raises(ValidationError) as e:
            toestemming_vastleggen(**kwargs)
        assert "jonger dan 16" in str(e.value.message_dict["gegeven_door_leerling"])


def test_age_counts_full_years():
    assert leeftijd_op(datetime.date(2010, 5, 20), datetime.date(2026, 5, 19)) == 15
    assert leeftijd_op(datetime.date(2010, 5, 20), datetime.date(2026, 5, 20)) == 16
    assert leeftijd_op(datetime.date(2008, 2, 29), datetime.date(2024, 2, 28)) == 15
    assert leeftijd_op(datetime.date(2008, 2, 29), datetime.date(2024, 2, 29)) == 16


def test_consent_needs_exactly_one_giver_and_no_future_date(casus):
    org = OrganisatieFactory(swv=casus.swv)
    with pytest.raises(ValidationError) as e:
        toestemming_vastleggen(
            casus=casus, by=None, doel="deelname_ot", organisatie=org, gegeven_op=VANDAAG, wijze="digitaal"
        )
    assert "gegeven_door_ouder" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        toestemming_vastleggen(
            casus=casus,
            by=None,
            doel="deelname_ot",
            organisatie=org,
            gegeven_op=VANDAAG + datetime.timedelta(days=1),
            wijze="digitaal",
            gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
        )
    assert "toekomst" in str(e.value.message_dict["gegeven_op"])
    with pytest.raises(ValidationError) as e:
        toestemming_vastleggen(
            casus=casus,
            by=None,
            doel="deelname_ot",
            organisatie=org,
            gegeven_op=VANDAAG,
            wijze="digitaal",
            gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
            geldig_tot=VANDAAG - datetime.timedelta(days=1),
        )
    assert "geldig_tot" in e.value.message_dict


def test_withdrawing_consent_keeps_the_row_and_its_history(casus, users):
    coordinator = users[Rol.SWV_COORDINATOR]
    toestemming = toestemming_vastleggen(
        casus=casus,
        by=coordinator,
        doel="deelname_ot",
        organisatie=OrganisatieFactory(swv=casus.swv),
        gegeven_op=VANDAAG,
        wijze="digitaal",
        gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
    )
    with pytest.raises(ValidationError) as e:
        toestemming_intrekken(toestemming=toestemming, by=coordinator, reden="  ")
    assert "reden" in e.value.message_dict

    toestemming_intrekken(toestemming=toestemming, by=coordinator, reden="Ouders willen het zelf regelen")

    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is not None
    assert toestemming.reden_intrekking == "Ouders willen het zelf regelen"
    assert not Toestemming.objects.geldig().exists()
    assert Toestemming.objects.count() == 1
    versies = ToestemmingEvent.objects.filter(pgh_obj_id=toestemming.pk).order_by("pgh_id")
    assert [v.ingetrokken_op is None for v in versies] == [True, False]
    assert versies.last().pgh_context.metadata["user"] == coordinator.pk
    assert TijdlijnGebeurtenis.objects.filter(
        casus=casus, titel__startswith="Toestemming ingetrokken"
    ).exists()
    with pytest.raises(ValidationError):
        toestemming_intrekken(toestemming=toestemming, by=coordinator, reden="nogmaals")


def test_a_tijdlijn_entry_is_written_in_the_same_transaction(casus, monkeypatch):
    # If the tijdlijn refuses (e.g. a BSN-like text), the membership is not stored either.
    persoon = PersoonFactory(swv=casus.swv, achternaam="123456782")
    with pytest.raises(ValidationError):
        ot_lid_toevoegen(
            casus=casus,
            by=None,
            rol=OtLid.Rol.PARTNER,
            organisatie=OrganisatieFactory(swv=casus.swv),
            persoon=persoon,
        )
    assert not OtLid.objects.exists()


def test_consent_valid_on_its_last_day_not_after(casus):
    toestemming = toestemming_vastleggen(
        casus=casus,
        by=None,
        doel="deelname_ot",
        organisatie=OrganisatieFactory(swv=casus.swv),
        gegeven_op=VANDAAG - datetime.timedelta(days=30),
        wijze="digitaal",
        gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
        geldig_tot=VANDAAG,
    )
    assert list(Toestemming.objects.geldig(VANDAAG)) == [toestemming]
    assert not Toestemming.objects.geldig(VANDAAG + datetime.timedelta(days=1)).exists()
    assert timezone.localdate() == VANDAAG
