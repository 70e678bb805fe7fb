"""Who sees which pupil: `Leerling.objects.visible_to` and `get_leerling_for_user`."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cases.models import Leerling
from cases.selectors import get_leerling_for_user
from swv.core.models import Rol
from tests.factories import UserFactory

SWV_ROLLEN = [Rol.SWV_COORDINATOR, Rol.SWV_DESKUNDIGE, Rol.SWV_MEDEWERKER]
SCHOOL_ROLLEN = [Rol.ZORGCOORDINATOR, Rol.INTERN_BEGELEIDER, Rol.SCHOOLDIRECTEUR]
GEEN_LEERLINGEN = [Rol.KETENPARTNER, Rol.BESTUURDER, Rol.BEHEERDER]


def zichtbaar(user) -> set[int]:
    return set(Leerling.objects.visible_to(user).values_list("pk", flat=True))


@pytest.mark.parametrize("rol", SWV_ROLLEN)
def test_swv_roles_see_every_pupil_of_their_own_swv_only(rol, users, leerlingen):
    assert zichtbaar(users[rol]) == {leerlingen.eigen.pk, leerlingen.andere_school.pk}


@pytest.mark.parametrize("rol", SCHOOL_ROLLEN)
def test_school_roles_see_only_pupils_of_their_own_school(rol, users, leerlingen):
    assert zichtbaar(users[rol]) == {leerlingen.eigen.pk}


def test_leerplichtambtenaar_sees_pupils_living_in_their_gemeente(users, leerlingen):
    assert zichtbaar(users[Rol.LEERPLICHTAMBTENAAR]) == {leerlingen.eigen.pk}


def test_leerplichtambtenaar_of_a_gemeente_itself_sees_its_residents(users, leerlingen):
    from swv.core.models import Lidmaatschap

    lid = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR])
    lid.organisatie = leerlingen.andere_school.woongemeente
    lid.save(update_fields=["organisatie"])
    user = type(users[Rol.LEERPLICHTAMBTENAAR]).objects.get(pk=lid.user_id)

    assert zichtbaar(user) == {leerlingen.andere_school.pk}


def test_leerplichtambtenaar_without_a_gemeente_sees_nobody(users, leerlingen):
    from swv.core.models import Lidmaatschap

    org = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie
    org.gemeente = None
    org.save(update_fields=["gemeente"])

    assert zichtbaar(users[Rol.LEERPLICHTAMBTENAAR]) == set()


@pytest.mark.parametrize("rol", GEEN_LEERLINGEN)
def test_ketenpartner_bestuurder_and_beheerder_see_no_pupils(rol, users, leerlingen):
    assert zichtbaar(users[rol]) == set()


def test_user_without_membership_sees_no_pupils(leerlingen):
    assert zichtbaar(UserFactory()) == set()


def test_outsider_of_another_swv_sees_only_their_own_swv(users, leerlingen):
    assert zichtbaar(users["outsider"]) == {leerlingen.ander_swv.pk}


def test_anonymised_pupils_are_visible_to_nobody(users, leerlingen):
    from django.utils import timezone

    Leerling.objects.filter(pk=leerlingen.eigen.pk).update(geanonimiseerd_op=timezone.now())

    assert zichtbaar(users[Rol.SWV_COORDINATOR]) == {leerlingen.andere_school.pk}


def test_selector_answers_404_for_a_pupil_of_another_school(users, leerlingen):
    with pytest.raises(Http404):
        get_leerling_for_user(users[Rol.ZORGCOORDINATOR], leerlingen.andere_school.pk)


def test_selector_answers_404_for_a_pupil_that_does_not_exist(users, leerlingen):
    with pytest.raises(Http404):
        get_leerling_for_user(users[Rol.SWV_COORDINATOR], 987654321)


@pytest.mark.parametrize("rol", [Rol.SWV_DESKUNDIGE, Rol.LEERPLICHTAMBTENAAR])
def test_read_only_roles_get_403_when_asking_to_write(rol, users, leerlingen):
    with pytest.raises(PermissionDenied):
        get_leerling_for_user(users[rol], leerlingen.eigen.pk, write=True)


@pytest.mark.parametrize("rol", [Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER, *SCHOOL_ROLLEN])
def test_writing_roles_get_the_pupil_for_writing(rol, users, leerlingen):
    assert get_leerling_for_user(users[rol], leerlingen.eigen.pk, write=True) == leerlingen.eigen


def test_rules_permissions_follow_the_same_visibility(users, leerlingen):
    coordinator, ib = users[Rol.SWV_COORDINATOR], users[Rol.INTERN_BEGELEIDER]

    assert coordinator.has_perm("cases.view_leerling", leerlingen.andere_school)
    assert not ib.has_perm("cases.view_leerling", leerlingen.andere_school)
    assert ib.has_perm("cases.change_leerling", leerlingen.eigen)
    assert not users[Rol.SWV_DESKUNDIGE].has_perm("cases.change_leerling", leerlingen.eigen)
    assert not users["outsider"].has_perm("cases.view_leerling", leerlingen.eigen)
