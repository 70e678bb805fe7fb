"""Writes of pupils: only the fields a caller may set, and an update that leaves alone what it is not given."""

import datetime

import pytest

from cases.models import Leerling
from cases.services import LeerlingVelden, leerling_update
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db


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
