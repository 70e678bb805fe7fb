"""The platform's helpers under every app (swv.core.access, swv.core.services): what each app relies on."""

import datetime
from typing import TypedDict

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cases.services import leerling_update
from partners.models import Persoon
from partners.querysets import PersoonQuerySet
from partners.rules import mag_partners_schrijven
from swv.audit.models import AuditEvent, LeerlingEvent
from swv.core.access import AuditRead, get_for_user
from swv.core.api.authentication import ApiClientUser
from swv.core.models import Rol, Samenwerkingsverband
from swv.core.services import (
    check_fields,
    check_same_swv,
    history_context,
    model_update,
    tracked_write,
)
from tests.factories import (
    ApiClientFactory,
    LeerlingFactory,
    OrganisatieFactory,
    PersoonFactory,
    SamenwerkingsverbandFactory,
)

pytestmark = pytest.mark.django_db


# --- tenancy ---


class PersoonVanEenModule(PersoonQuerySet):
    # As an app whose module only some roles may open: "oogo.module" is the SWV roles and the bestuurder.
    module_permission = "oogo.module"


def test_a_tenant_queryset_with_a_module_permission_shows_nothing_to_a_role_without_the_module(swv, users):
    # The API checks no module, only visible_to: without this a school role read an OOGO-like app's rows.
    persoon = PersoonFactory(swv=swv)
    rows = PersoonVanEenModule(model=Persoon)

    assert list(rows.visible_to(users["swv_coordinator"])) == [persoon]
    assert list(rows.visible_to(users["bestuurder"])) == [persoon]
    assert list(rows.visible_to(users["zorgcoordinator"])) == []
    assert list(rows.visible_to(users["outsider"])) == []  # has the module, in another SWV
    # A partner system is decided by its scopes, not by a role.
    assert list(rows.visible_to(ApiClientUser(ApiClientFactory(swv=swv)))) == [persoon]
    # Without a module permission (the default) every member of the SWV sees the rows, as before.
    assert list(Persoon.objects.visible_to(users["zorgcoordinator"])) == [persoon]


# --- write context ---


def test_a_pupil_changed_by_a_partner_system_names_the_client_in_its_history(swv):
    # The cases copy of the write context had lost this branch: the row named no one.
    leerling = LeerlingFactory(swv=swv)
    client = ApiClientFactory(swv=swv)

    leerling_update(leerling=leerling, by=ApiClientUser(client), voornaam="Anders")

    event = LeerlingEvent.objects.get(pgh_obj_id=leerling.pk, pgh_label="update")
    assert event.voornaam == "Anders"
    assert event.pgh_context.metadata == {"bron": "api", "api_client": client.pk}


def test_the_write_context_names_a_person_or_the_system(users):
    assert history_context(users[Rol.SWV_COORDINATOR]) == {"user": users[Rol.SWV_COORDINATOR].pk}
    assert history_context(None) == {"bron": "systeem"}


# --- model_update ---


def test_model_update_saves_only_what_changed(swv, users):
    persoon = PersoonFactory(swv=swv, voornaam="Anna", achternaam="Jansen")

    with tracked_write(users[Rol.SWV_COORDINATOR]):
        assert model_update(persoon, {"voornaam": "Anna", "achternaam": "Pietersen"}) == ["achternaam"]
        assert model_update(persoon, {"achternaam": "Pietersen"}) == []

    persoon.refresh_from_db()
    assert (persoon.voornaam, persoon.achternaam) == ("Anna", "Pietersen")


def test_model_update_validates_and_saves_nothing_on_bad_input(swv):
    persoon = PersoonFactory(swv=swv, achternaam="Jansen")

    with pytest.raises(ValidationError) as fout, tracked_write(None):
        model_update(persoon, {"achternaam": "", "email": "geen-adres"})

    assert set(fout.value.message_dict) == {"achternaam", "email"}
    assert Persoon.objects.get(pk=persoon.pk).achternaam == "Jansen"


# --- the fields a service takes ---


class _Velden(TypedDict, total=False):
    naam: str
    einddatum: datetime.date | None


def test_check_fields_allows_the_keys_of_the_typeddict_and_names_the_others():
    check_fields({}, _Velden)
    check_fields({"naam": "x", "einddatum": None}, _Velden)
    with pytest.raises(TypeError, match="Onbekende of niet wijzigbare velden: id, swv"):
        check_fields({"naam": "x", "swv": 1, "id": 2}, _Velden)


def test_check_fields_wants_the_typeddict_not_a_list_of_names():
    # One definition: the TypedDict the signature names, not a second list that can drift from it.
    with pytest.raises(TypeError, match="TypedDict"):
        check_fields({"naam": "x"}, frozenset({"naam"}))  # type: ignore[arg-type]


# --- same SWV ---


def test_a_related_object_of_another_swv_is_refused_on_its_field(swv):
    ander = SamenwerkingsverbandFactory()
    eigen, vreemd = OrganisatieFactory(swv=swv), OrganisatieFactory(swv=ander)

    assert check_same_swv("partijen", swv, [eigen]) == [eigen]
    with pytest.raises(ValidationError) as fout:
        check_same_swv("partijen", swv, [eigen, vreemd])
    assert fout.value.message_dict == {
        "partijen": ["Een van de gekozen waarden hoort bij een ander samenwerkingsverband."]
    }


# --- get_for_user ---


def test_get_for_user_answers_404_for_another_swv_even_for_a_write(swv, users):
    ander = SamenwerkingsverbandFactory()
    vreemd = PersoonFactory(swv=ander)
    lezer = users[Rol.INTERN_BEGELEIDER]

    for write in (False, True):
        with pytest.raises(Http404):
            get_for_user(Persoon, lezer, vreemd.pk, write=write, may_write=mag_partners_schrijven)
    with pytest.raises(Http404):
        get_for_user(Persoon, lezer, 987654321)


def test_get_for_user_answers_403_only_for_a_write_on_a_visible_object(swv, users):
    persoon = PersoonFactory(swv=swv)

    assert get_for_user(Persoon, users[Rol.INTERN_BEGELEIDER], persoon.pk) == persoon
    with pytest.raises(PermissionDenied):
        get_for_user(
            Persoon, users[Rol.INTERN_BEGELEIDER], persoon.pk, write=True, may_write=mag_partners_schrijven
        )
    assert (
        get_for_user(
            Persoon, users[Rol.SWV_COORDINATOR], persoon.pk, write=True, may_write=mag_partners_schrijven
        )
        == persoon
    )


def test_get_for_user_refuses_a_model_without_a_read_rule(users):
    # Deny by default: without visible_to there is no rule to look an object up by.
    with pytest.raises(TypeError):
        get_for_user(Samenwerkingsverband, users[Rol.SWV_COORDINATOR], 1)


def test_get_for_user_writes_the_audited_read_once_and_only_when_there_is_one(swv, users):
    persoon = PersoonFactory(swv=swv)
    gebruiker = users[Rol.SWV_MEDEWERKER]

    get_for_user(Persoon, gebruiker, persoon.pk, audit=AuditRead(reason=lambda p: None))
    assert not AuditEvent.objects.exists()

    get_for_user(Persoon, gebruiker, persoon.pk, audit=AuditRead(reason="testpagina"))
    event = AuditEvent.objects.get()
    assert (event.action, event.result, event.object_type, event.object_id, event.reason) == (
        AuditEvent.Action.READ,
        AuditEvent.Result.OK,
        "partners.persoon",
        str(persoon.pk),
        "testpagina",
    )
    assert event.actor == gebruiker
