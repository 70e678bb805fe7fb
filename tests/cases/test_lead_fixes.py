"""Two gaps the browser journey found (issue 10): a new pupil from an aanmelding is enrolled at the school, and a
case goes to "plan vastgesteld" only with a vastgesteld plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Inschrijving
from cases.services_casus import aanmelding_opslaan, casus_overgang, toegestane_overgangen
from cases.workflow import Status
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie


def gegevens(swv, **extra):
    return {
        "bsn": "123456782",
        "voornaam": "Sem",
        "achternaam": "Jansen",
        "geboortedatum": datetime.date(2015, 3, 14),
        "woongemeente": OrganisatieFactory(swv=swv, gemeente=True),
        **extra,
    }


def test_a_new_pupil_is_enrolled_at_the_submitting_school_from_the_given_day(swv, users, school):
    casus = aanmelding_opslaan(
        school=school,
        by=users[Rol.ZORGCOORDINATOR],
        leerling_gegevens=gegevens(swv, ingeschreven_op=datetime.date(2024, 8, 20)),
    )
    inschrijving = Inschrijving.objects.get(leerling=casus.leerling)
    assert (inschrijving.school, inschrijving.ingeschreven_op, inschrijving.uitgeschreven_op) == (
        school,
        datetime.date(2024, 8, 20),
        None,
    )


def test_without_a_day_the_new_pupil_is_enrolled_from_today(swv, users, school):
    casus = aanmelding_opslaan(school=school, by=users[Rol.ZORGCOORDINATOR], leerling_gegevens=gegevens(swv))
    assert Inschrijving.objects.get(leerling=casus.leerling).ingeschreven_op == timezone.localdate()


def test_a_known_pupil_keeps_its_enrolments(swv, users, school):
    eerste = aanmelding_opslaan(
        school=school,
        by=users[Rol.ZORGCOORDINATOR],
        leerling_gegevens=gegevens(swv, ingeschreven_op=datetime.date(2024, 8, 20)),
    )
    eerste.status = Status.AFGESLOTEN
    eerste.save(update_fields=["status"])
    aanmelding_opslaan(
        school=school,
        by=users[Rol.ZORGCOORDINATOR],
        leerling_gegevens=gegevens(swv, ingeschreven_op=datetime.date(2025, 1, 6)),
    )
    assert list(Inschrijving.objects.values_list("ingeschreven_op", flat=True)) == [
        datetime.date(2024, 8, 20)
    ]


def test_an_enrolment_day_in_the_future_is_refused_and_nothing_is_stored(swv, users, school):
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        aanmelding_opslaan(
            school=school,
            by=users[Rol.ZORGCOORDINATOR],
            leerling_gegevens=gegevens(swv, ingeschreven_op=morgen),
        )
    assert "ingeschreven_op" in fout.value.message_dict
    assert not Inschrijving.objects.exists()


def test_plan_vastgesteld_is_refused_without_a_vastgesteld_plan_and_not_offered(swv, users):
    coordinator = users[Rol.SWV_COORDINATOR]
    casus = CasusFactory(swv=swv, status=Status.IN_BEHANDELING)
    assert Status.PLAN_VASTGESTELD not in toegestane_overgangen(casus, coordinator)
    with pytest.raises(ValidationError) as fout:
        casus_overgang(casus=casus, naar=Status.PLAN_VASTGESTELD, by=coordinator)
    assert "nog geen vastgesteld plan" in str(fout.value)
    casus.refresh_from_db()
    assert casus.status == Status.IN_BEHANDELING
