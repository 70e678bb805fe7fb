"""Issue 10, part capi: a vastgesteld plan moves a case in behandeling on (one transaction, through the
workflow), and a pupil's school follows its enrolments (decision 34) also through `leerling_update`."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases import services_plan
from cases.models import Casus, Leerling, Plan, Statusovergang, TijdlijnGebeurtenis
from cases.services import inschrijving_toevoegen, leerling_update
from cases.workflow import Status
from swv.core.models import Rol
from tests.cases.factories_plan import maak_casus
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def test_vaststellen_moves_a_case_in_behandeling_to_plan_vastgesteld_with_who_and_a_tijdlijn_event(
    swv, users
):
    casus = maak_casus(swv, status=Status.IN_BEHANDELING)
    coordinator = users[Rol.SWV_COORDINATOR]
    plan = services_plan.plan_concept_maken(casus=casus, by=coordinator)

    services_plan.plan_vaststellen(plan=plan, by=coordinator)

    casus.refresh_from_db()
    assert casus.status == Status.PLAN_VASTGESTELD
    overgang = Statusovergang.objects.get(casus=casus)
    assert (overgang.van, overgang.naar, overgang.door) == (
        Status.IN_BEHANDELING,
        Status.PLAN_VASTGESTELD,
        coordinator,
    )
    assert "versie 1" in overgang.reden
    soorten = list(
        TijdlijnGebeurtenis.objects.filter(casus=casus).order_by("pk").values_list("soort", flat=True)
    )
    assert soorten[-2:] == ["plan_vastgesteld", "status"]


def test_a_school_that_vaststelt_the_plan_moves_its_case_too(swv, users):
    school = users[Rol.INTERN_BEGELEIDER].lidmaatschappen.get().organisatie
    casus = maak_casus(swv, school=school, status=Status.IN_BEHANDELING)
    plan = services_plan.plan_concept_maken(casus=casus, by=users[Rol.INTERN_BEGELEIDER])
    services_plan.plan_vaststellen(plan=plan, by=users[Rol.INTERN_BEGELEIDER])
    assert Casus.objects.get(pk=casus.pk).status == Status.PLAN_VASTGESTELD


@pytest.mark.parametrize("status", [Status.LOPEND, Status.GEEVALUEERD, Status.PLAN_VASTGESTELD])
def test_a_new_version_of_a_case_further_on_keeps_its_status(swv, status):
    casus = maak_casus(swv, status=status)
    plan = services_plan.plan_concept_maken(casus=casus, by=None)
    services_plan.plan_vaststellen(plan=plan, by=None)
    assert Casus.objects.get(pk=casus.pk).status == status
    assert not Statusovergang.objects.filter(casus=casus).exists()


def test_a_failing_status_step_rolls_the_vaststellen_back(swv, monkeypatch):
    casus = maak_casus(swv, status=Status.IN_BEHANDELING)
    plan = services_plan.plan_concept_maken(casus=casus, by=None)

    def weigert(**kwargs):
        raise ValidationError({"status": "geweigerd"})

    monkeypatch.setattr("cases.services_casus.casus_overgang", weigert)
    with pytest.raises(ValidationError):
        services_plan.plan_vaststellen(plan=plan, by=None)
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.CONCEPT
    assert Casus.objects.get(pk=casus.pk).status == Status.IN_BEHANDELING
    assert not TijdlijnGebeurtenis.objects.filter(casus=casus, soort="plan_vastgesteld").exists()


def test_a_pupil_update_cannot_move_an_enrolled_pupil_to_another_school(swv):
    eerste, tweede = OrganisatieFactory(swv=swv, school=True), OrganisatieFactory(swv=swv, school=True)
    leerling = LeerlingFactory(swv=swv, school=eerste, geboortedatum=datetime.date(2015, 1, 1))
    inschrijving_toevoegen(
        leerling=leerling, by=None, school=eerste, ingeschreven_op=datetime.date(2021, 8, 1)
    )

    with pytest.raises(ValidationError) as fout:
        leerling_update(
            leerling=Leerling.objects.get(pk=leerling.pk), by=None, school=tweede, voornaam="Anders"
        )
    assert set(fout.value.message_dict) == {"school"}
    assert "inschrijving" in fout.value.message_dict["school"][0]
    with pytest.raises(ValidationError) as fout:
        leerling_update(
            leerling=Leerling.objects.get(pk=leerling.pk), by=None, uitgeschreven_op=datetime.date(2026, 1, 1)
        )
    assert set(fout.value.message_dict) == {"uitgeschreven_op"}
    opgeslagen = Leerling.objects.get(pk=leerling.pk)
    assert (opgeslagen.school, opgeslagen.uitgeschreven_op, opgeslagen.voornaam) == (
        eerste,
        None,
        leerling.voornaam,
    )
    assert opgeslagen.inschrijvingen.count() == 1

    # The same values as the enrolments say are fine (a form that sends every field).
    leerling_update(leerling=opgeslagen, by=None, school=eerste, uitgeschreven_op=None, voornaam="Noor")
    assert Leerling.objects.get(pk=leerling.pk).voornaam == "Noor"
    # The way to move: a new enrolment, which ends the running one.
    inschrijving_toevoegen(
        leerling=opgeslagen, by=None, school=tweede, ingeschreven_op=datetime.date(2026, 1, 5)
    )
    assert Leerling.objects.get(pk=leerling.pk).school == tweede
