"""The case services (issue 10, part casussen): aanmelding, submission, every transition, the regisseur."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import Casus, Leerling, Plan, Statusovergang, TijdlijnGebeurtenis
from cases.services_casus import (
    SCHOOL_OVERGANGEN,
    VERPLICHT_BIJ_INDIENEN,
    aanmelding_indienen,
    aanmelding_opslaan,
    casus_overgang,
    casusregisseur_toewijzen,
    toegestane_overgangen,
)
from cases.workflow import OVERGANGEN, Status
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import VOLLEDIG, CasusFactory
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

GEBOREN = datetime.date(2015, 3, 14)


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie


@pytest.fixture
def zc(users):
    return users[Rol.ZORGCOORDINATOR]


@pytest.fixture
def coordinator(users):
    return users[Rol.SWV_COORDINATOR]


def gegevens(swv, **extra):
    return {
        "bsn": "123456782",
        "voornaam": "Sem",
        "achternaam": "Jansen",
        "geboortedatum": GEBOREN,
        "woongemeente": OrganisatieFactory(swv=swv, gemeente=True),
        **extra,
    }


def test_a_concept_creates_the_pupil_and_a_second_aanmelding_reuses_it(swv, school, zc):
    casus = aanmelding_opslaan(school=school, by=zc, leerling_gegevens=gegevens(swv), vraagstelling="Vraag")
    assert casus.status == Status.CONCEPT
    assert casus.leerling.bsn == "123456782"
    assert casus.leerling.school == school
    assert Casus.objects.get(pk=casus.pk).vraagstelling == "Vraag"
    casus_overgang(casus=casus, naar=Status.INGETROKKEN, reden="Dubbel", by=zc)
    # A known pupil (same BSN, another spelling of the name) is reused: one pupil per SWV.
    tweede = aanmelding_opslaan(
        school=school, by=zc, leerling_gegevens=gegevens(swv, voornaam="Semmie"), vraagstelling="Nogmaals"
    )
    assert tweede.leerling_id == casus.leerling_id
    assert Leerling.objects.filter(swv=swv).count() == 1
    assert Leerling.objects.get().voornaam == "Sem"


def test_an_onderwijsnummer_pupil_gets_its_bsn_when_a_later_aanmelding_knows_it(swv, school, zc):
    leerling = LeerlingFactory(swv=swv, school=school, zonder_bsn=True)
    casus = aanmelding_opslaan(
        school=school,
        by=zc,
        leerling_gegevens=gegevens(swv, onderwijsnummer=leerling.onderwijsnummer),
    )
    leerling.refresh_from_db()
    assert casus.leerling_id == leerling.pk
    assert (leerling.bsn, leerling.onderwijsnummer) == ("123456782", None)


def test_a_second_open_case_of_the_same_school_for_the_same_pupil_is_refused_in_dutch(swv, school, zc):
    aanmelding_opslaan(school=school, by=zc, leerling_gegevens=gegevens(swv))
    with pytest.raises(ValidationError) as e:
        aanmelding_opslaan(school=school, by=zc, leerling_gegevens=gegevens(swv))
    assert "Voor deze leerling loopt al een casus van deze school" in e.value.message_dict["leerling"][0]
    assert Casus.objects.count() == 1


def test_submitting_an_incomplete_aanmelding_lists_every_missing_field_and_keeps_the_texts(swv, school, zc):
    casus = aanmelding_opslaan(
        school=school, by=zc, leerling_gegevens=gegevens(swv), vraagstelling="Mijn vraag", visie_ouders="  "
    )
    with pytest.raises(ValidationError) as e:
        aanmelding_indienen(casus=casus, by=zc)
    missend = set(VERPLICHT_BIJ_INDIENEN) - {"vraagstelling"} | {"ouders_geinformeerd"}
    assert set(e.value.message_dict) == missend
    assert e.value.message_dict["visie_ouders"] == [
        "Vul „visie van de ouders” in; dat is nodig om aan te melden."
    ]
    opgeslagen = Casus.objects.get(pk=casus.pk)
    assert (opgeslagen.status, opgeslagen.vraagstelling) == (Status.CONCEPT, "Mijn vraag")
    assert not Statusovergang.objects.filter(casus=casus, naar=Status.AANGEMELD).exists()


def test_a_complete_aanmelding_is_submitted_with_who_and_when_on_the_tijdlijn(swv, school, zc):
    casus = aanmelding_opslaan(school=school, by=zc, leerling_gegevens=gegevens(swv), **VOLLEDIG)
    casus = aanmelding_indienen(casus=casus, by=zc)
    opgeslagen = Casus.objects.get(pk=casus.pk)
    assert opgeslagen.status == Status.AANGEMELD
    assert opgeslagen.aangemeld_op is not None
    overgang = Statusovergang.objects.filter(casus=casus).latest("pk")
    assert (overgang.van, overgang.naar, overgang.door) == (Status.CONCEPT, Status.AANGEMELD, zc)
    assert TijdlijnGebeurtenis.objects.filter(casus=casus, soort="status").get().titel == (
        "Status: Concept → Aangemeld"
    )


def test_the_school_cannot_change_the_text_once_submitted(swv, school, zc):
    casus = CasusFactory(swv=swv, school=school)
    with pytest.raises(ValidationError, match="al ingediend"):
        aanmelding_opslaan(school=school, casus=casus, by=zc, vraagstelling="Anders")
    assert Casus.objects.get(pk=casus.pk).vraagstelling == VOLLEDIG["vraagstelling"]


def _wie_maakt(naar, school_user, swv_user):
    return school_user if naar in SCHOOL_OVERGANGEN else swv_user


@pytest.mark.parametrize(
    ("van", "naar"), [(van, naar) for van, naar_set in OVERGANGEN.items() for naar in sorted(naar_set)]
)
def test_every_allowed_transition_is_made_and_recorded(swv, school, zc, coordinator, van, naar):
    casus = CasusFactory(swv=swv, school=school, status=van)
    if naar == Status.PLAN_VASTGESTELD:
        # Only a case with a vastgesteld plan goes there (tests/cases/test_lead_fixes.py).
        Plan.objects.create(
            swv=swv,
            casus=casus,
            versie=1,
            status=Plan.Status.VASTGESTELD,
            vastgesteld_op=datetime.date(2026, 9, 1),
        )
    door = _wie_maakt(naar, zc, coordinator)
    casus_overgang(casus=casus, naar=naar, reden="Omdat het moet", by=door)
    opgeslagen = Casus.objects.get(pk=casus.pk)
    assert opgeslagen.status == naar
    overgang = Statusovergang.objects.filter(casus=casus).latest("pk")
    assert (overgang.van, overgang.naar, overgang.reden, overgang.door) == (van, naar, "Omdat het moet", door)
    assert (opgeslagen.afgesloten_op is not None) == opgeslagen.is_gesloten


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (Status.CONCEPT, Status.IN_BEHANDELING),
        (Status.AANGEMELD, Status.LOPEND),
        (Status.AFGESLOTEN, Status.LOPEND),
        (Status.INGETROKKEN, Status.AANGEMELD),
        (Status.LOPEND, Status.CONCEPT),
    ],
)
def test_an_illegal_transition_is_a_dutch_error_and_changes_nothing(swv, school, coordinator, van, naar):
    casus = CasusFactory(swv=swv, school=school, status=van)
    with pytest.raises(ValidationError) as e:
        casus_overgang(casus=casus, naar=naar, reden="x", by=None)
    assert e.value.message_dict["status"][0].startswith(
        f"Een casus met status „{Status(van).label}” kan niet"
    )
    assert Casus.objects.get(pk=casus.pk).status == van
    assert Statusovergang.objects.filter(casus=casus).count() == 1


def test_the_school_submits_and_the_swv_treats_not_the_other_way_round(swv, school, zc, coordinator):
    casus = CasusFactory(swv=swv, school=school, status=Status.AANGEMELD)
    with pytest.raises(ValidationError, match="U mag deze casus niet naar „In behandeling”"):
        casus_overgang(casus=casus, naar=Status.IN_BEHANDELING, by=zc)
    assert toegestane_overgangen(casus, zc) == [Status.INGETROKKEN]
    assert toegestane_overgangen(casus, coordinator) == [
        Status.IN_BEHANDELING,
        Status.INGETROKKEN,
        Status.TERUGGESTUURD,
    ]
    teruggestuurd = CasusFactory(swv=swv, status=Status.TERUGGESTUURD)
    with pytest.raises(ValidationError, match="U mag deze casus niet naar „Aangemeld”"):
        casus_overgang(casus=teruggestuurd, naar=Status.AANGEMELD, by=coordinator)
    # Another school's staff may not submit this school's case.
    with pytest.raises(ValidationError, match="U mag deze casus niet"):
        casus_overgang(casus=teruggestuurd, naar=Status.AANGEMELD, by=zc)


def test_sending_back_withdrawing_and_closing_need_a_reason(swv, school, coordinator):
    casus = CasusFactory(swv=swv, school=school, status=Status.AANGEMELD)
    with pytest.raises(ValidationError) as e:
        casus_overgang(casus=casus, naar=Status.TERUGGESTUURD, reden=" ", by=coordinator)
    assert e.value.message_dict == {
        "reden": ["Geef een reden op; die staat in de geschiedenis van de casus."]
    }


def test_a_transition_from_a_status_the_user_did_not_see_is_refused(swv, school, coordinator):
    casus = CasusFactory(swv=swv, school=school, status=Status.IN_BEHANDELING)
    with pytest.raises(
        ValidationError, match="intussen gewijzigd in „In behandeling” \\(u zag „Aangemeld”\\)"
    ):
        casus_overgang(
            casus=casus, naar=Status.TERUGGESTUURD, reden="x", by=coordinator, van=Status.AANGEMELD
        )


def test_a_casusregisseur_is_assigned_in_one_step_from_the_swv_only(swv, school, zc, coordinator, users):
    casus = CasusFactory(swv=swv, school=school)
    deskundige = users[Rol.SWV_DESKUNDIGE]
    casusregisseur_toewijzen(casus=casus, regisseur=deskundige, by=coordinator)
    assert Casus.objects.get(pk=casus.pk).casusregisseur == deskundige
    assert TijdlijnGebeurtenis.objects.filter(casus=casus, soort="regisseur").count() == 1
    with pytest.raises(ValidationError, match="Kies een medewerker van het samenwerkingsverband"):
        casusregisseur_toewijzen(casus=casus, regisseur=zc, by=coordinator)
    with pytest.raises(ValidationError, match="Alleen het samenwerkingsverband"):
        casusregisseur_toewijzen(casus=casus, regisseur=coordinator, by=zc)
    with pytest.raises(ValidationError, match="Kies een medewerker"):
        casusregisseur_toewijzen(casus=casus, regisseur=users["outsider"], by=coordinator)
    assert Casus.objects.get(pk=casus.pk).casusregisseur == deskundige
