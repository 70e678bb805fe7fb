"""Writes of pupils through `cases.services`: checked in Dutch, nothing stored on bad input, only what
changed saved, only the fields a caller may set (a field not given is left alone), and the history says
who wrote (docs/quality.md: these were untested before)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import Leerling, LeerlingEvent
from cases.services import LeerlingVelden, leerling_create, leerling_update
from swv.core.models import Rol
from tests.factories import LeerlingFactory, OrganisatieFactory, SamenwerkingsverbandFactory

pytestmark = pytest.mark.django_db

GEBOREN = datetime.date(2015, 3, 14)


def schrijver(leerling, label: str) -> dict:
    return (
        LeerlingEvent.objects.filter(pgh_obj_id=leerling.pk, pgh_label=label)
        .latest("pgh_id")
        .pgh_context.metadata
    )


@pytest.fixture
def velden(swv) -> dict:
    return {
        "voornaam": "Sem",
        "achternaam": "Jansen",
        "geboortedatum": GEBOREN,
        "school": OrganisatieFactory(swv=swv, school=True),
        "woongemeente": OrganisatieFactory(swv=swv, gemeente=True),
    }


def test_a_pupil_is_created_in_the_given_swv_and_the_history_names_the_writer(swv, users, velden):
    ib = users[Rol.INTERN_BEGELEIDER]
    leerling = leerling_create(swv=swv, by=ib, onderwijsnummer="100000004", **velden)
    opgeslagen = Leerling.objects.get(pk=leerling.pk)
    assert (opgeslagen.swv, opgeslagen.school, opgeslagen.voornaam, opgeslagen.bsn) == (
        swv,
        velden["school"],
        "Sem",
        None,
    )
    assert schrijver(leerling, "create") == {"user": ib.pk}
    door_systeem = leerling_create(swv=swv, by=None, onderwijsnummer="100000016", **velden)
    assert schrijver(door_systeem, "create") == {"bron": "systeem"}


def test_a_pupil_without_bsn_or_onderwijsnummer_or_at_another_swvs_school_is_refused_in_dutch(swv, velden):
    with pytest.raises(ValidationError) as e:
        leerling_create(swv=swv, by=None, **velden)
    assert e.value.message_dict == {"bsn": ["Vul een BSN of een onderwijsnummer in."]}
    velden["school"] = OrganisatieFactory(swv=SamenwerkingsverbandFactory(), school=True)
    with pytest.raises(ValidationError) as e:
        leerling_create(swv=swv, by=None, onderwijsnummer="100000004", **velden)
    assert e.value.message_dict == {"school": ["Deze school werkt niet met dit samenwerkingsverband."]}
    assert not Leerling.objects.exists()


def test_a_pupil_service_names_the_fields_it_refuses(swv, velden):
    with pytest.raises(TypeError, match=r"^Onbekende of niet wijzigbare velden: geanonimiseerd_op, id$"):
        leerling_create(swv=swv, by=None, id=1, geanonimiseerd_op=None, **velden)
    assert not Leerling.objects.exists()


def test_an_update_saves_only_what_changed_and_names_the_writer(swv, users):
    leerling = LeerlingFactory(swv=swv)
    coordinator = users[Rol.SWV_COORDINATOR]
    leerling_update(leerling=leerling, by=coordinator, voornaam="Gewijzigd", achternaam=leerling.achternaam)
    opgeslagen = Leerling.objects.get(pk=leerling.pk)
    assert opgeslagen.voornaam == "Gewijzigd"
    assert schrijver(leerling, "update") == {"user": coordinator.pk}
    # Nothing changed: no history row, so the privacy page shows no empty change.
    leerling_update(leerling=leerling, by=coordinator, voornaam="Gewijzigd")
    assert LeerlingEvent.objects.filter(pgh_obj_id=leerling.pk, pgh_label="update").count() == 1


def test_an_update_is_cleaned_and_a_bad_bsn_or_foreign_school_is_not_stored(swv):
    leerling = LeerlingFactory(swv=swv)
    bsn, school = leerling.bsn, leerling.school
    with pytest.raises(ValidationError) as e:
        leerling_update(leerling=leerling, by=None, bsn="123456789")
    assert e.value.message_dict == {
        "bsn": ["Dit is geen geldig BSN: een BSN heeft negen cijfers en een kloppend controlecijfer."]
    }
    with pytest.raises(ValidationError) as e:
        leerling_update(
            leerling=Leerling.objects.get(pk=leerling.pk),
            by=None,
            school=OrganisatieFactory(swv=SamenwerkingsverbandFactory(), school=True),
        )
    assert e.value.message_dict == {"school": ["Deze school werkt niet met dit samenwerkingsverband."]}
    opgeslagen = Leerling.objects.get(pk=leerling.pk)
    assert (opgeslagen.bsn, opgeslagen.school) == (bsn, school)


@pytest.mark.parametrize("veld", ["swv", "geanonimiseerd_op", "id"])
def test_a_pupil_update_refuses_what_only_the_platform_sets(swv, veld):
    # swv is the tenant; geanonimiseerd_op belongs to the retention job. mypy refuses these calls too.
    leerling = LeerlingFactory(swv=swv, voornaam="Sam")
    with pytest.raises(TypeError, match=veld):
        leerling_update(leerling=leerling, by=None, voornaam="Anders", **{veld: None})
    assert Leerling.objects.get(pk=leerling.pk).voornaam == "Sam"


def test_a_pupil_update_tells_a_field_not_given_from_a_field_set_to_none(swv):
    leerling = LeerlingFactory(swv=swv, uitgeschreven_op=datetime.date(2026, 8, 1))

    leerling_update(leerling=leerling, by=None, voornaam="Noor")
    leerling.refresh_from_db()
    assert (leerling.voornaam, leerling.uitgeschreven_op) == ("Noor", datetime.date(2026, 8, 1))

    # Enrolled again: None is a value.
    leerling_update(leerling=leerling, by=None, uitgeschreven_op=None)
    leerling.refresh_from_db()
    assert leerling.uitgeschreven_op is None


def test_the_fields_of_the_pupil_service_are_editable_fields_and_never_the_tenant():
    bewerkbaar = {f.name for f in Leerling._meta.concrete_fields if f.editable and not f.primary_key}
    assert set(LeerlingVelden.__annotations__) <= bewerkbaar - {"swv"}
