"""Who sees which verzuim rows: the one rule per model in thuiszitters/querysets.py (docs/access.md)."""

import pytest

from swv.core.models import Lidmaatschap, Rol
from tests.factories import ApiClientFactory, LeerlingFactory, OrganisatieFactory
from tests.thuiszitters.factories import (
    AbsentieFactory,
    SignaalFactory,
    ThuiszitterFactory,
    VerzuimmeldingFactory,
)
from thuiszitters.models import Absentie, Signaal, Thuiszitter, Verzuimmelding

pytestmark = pytest.mark.django_db

SWV_ROLLEN = [Rol.SWV_COORDINATOR, Rol.SWV_DESKUNDIGE, Rol.SWV_MEDEWERKER]
SCHOOL_ROLLEN = [Rol.ZORGCOORDINATOR, Rol.INTERN_BEGELEIDER, Rol.SCHOOLDIRECTEUR]
NIETS = [Rol.KETENPARTNER, Rol.BESTUURDER, Rol.BEHEERDER]
FACTORIES = {
    Absentie: AbsentieFactory,
    Verzuimmelding: VerzuimmeldingFactory,
    Thuiszitter: ThuiszitterFactory,
    Signaal: lambda **kw: SignaalFactory(voor_school=True, voor_leerplicht=True, voor_swv=True, **kw),
}


@pytest.fixture
def rijen(leerlingen):
    """Per model: a row of the school users' own pupil (living in the leerplicht team's gemeente), one of a
    pupil at another school in another gemeente, and one in the other SWV."""
    return {
        model: {
            naam: maak(leerling=getattr(leerlingen, naam)).pk
            for naam in ("eigen", "andere_school", "ander_swv")
        }
        for model, maak in FACTORIES.items()
    }


def zichtbaar(model, user) -> set[int]:
    return set(model.objects.visible_to(user).values_list("pk", flat=True))


@pytest.mark.parametrize("model", list(FACTORIES))
@pytest.mark.parametrize("rol", SWV_ROLLEN)
def test_swv_roles_see_every_row_of_their_own_swv_only(model, rol, users, rijen):
    assert zichtbaar(model, users[rol]) == {rijen[model]["eigen"], rijen[model]["andere_school"]}


@pytest.mark.parametrize("model", list(FACTORIES))
@pytest.mark.parametrize("rol", SCHOOL_ROLLEN)
def test_school_roles_see_only_their_own_schools_rows(model, rol, users, rijen):
    assert zichtbaar(model, users[rol]) == {rijen[model]["eigen"]}


@pytest.mark.parametrize("model", list(FACTORIES))
def test_leerplicht_sees_the_rows_of_pupils_living_in_their_gemeente(model, users, rijen):
    assert zichtbaar(model, users[Rol.LEERPLICHTAMBTENAAR]) == {rijen[model]["eigen"]}


@pytest.mark.parametrize("model", list(FACTORIES))
@pytest.mark.parametrize("rol", NIETS)
def test_ketenpartner_bestuurder_and_beheerder_see_no_rows(model, rol, users, rijen):
    assert zichtbaar(model, users[rol]) == set()


@pytest.mark.parametrize("model", list(FACTORIES))
def test_the_outsider_sees_only_their_own_swv(model, users, rijen):
    assert zichtbaar(model, users["outsider"]) == {rijen[model]["ander_swv"]}


@pytest.mark.parametrize("model", list(FACTORIES))
def test_a_partner_system_sees_nothing_until_its_api_rule_exists(model, swv, rijen):
    from swv.core.api.authentication import ApiClientUser

    client = ApiClientFactory(swv=swv)
    assert zichtbaar(model, ApiClientUser(client)) == set()


def test_a_school_keeps_seeing_its_melding_after_the_pupil_moved_to_another_school(swv, users, leerlingen):
    melding = VerzuimmeldingFactory(leerling=leerlingen.eigen)
    leerlingen.eigen.school = OrganisatieFactory(swv=swv, school=True)
    leerlingen.eigen.save(update_fields=["school"])
    assert zichtbaar(Verzuimmelding, users[Rol.INTERN_BEGELEIDER]) == {melding.pk}


def test_leerplicht_follows_the_pupil_to_the_new_woongemeente(swv, users, leerlingen):
    melding = VerzuimmeldingFactory(leerling=leerlingen.eigen)
    leerlingen.eigen.woongemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerlingen.eigen.save(update_fields=["woongemeente"])
    assert zichtbaar(Verzuimmelding, users[Rol.LEERPLICHTAMBTENAAR]) == set()
    assert melding.pk in zichtbaar(Verzuimmelding, users[Rol.SWV_COORDINATOR])


def test_a_thuiszitter_is_seen_by_leerplicht_of_the_registered_gemeente(swv, users, leerlingen):
    leerplicht_gemeente = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie.gemeente
    # Absoluut verzuim: no school, registered for the gemeente.
    elders = LeerlingFactory(swv=swv)
    thuiszitter = ThuiszitterFactory(
        leerling=elders, soort="absoluut", school=None, gemeente=leerplicht_gemeente
    )
    assert thuiszitter.pk in zichtbaar(Thuiszitter, users[Rol.LEERPLICHTAMBTENAAR])
    assert thuiszitter.pk not in zichtbaar(Thuiszitter, users[Rol.INTERN_BEGELEIDER])


@pytest.mark.parametrize(
    ("ontvanger", "ziet"),
    [
        ("voor_school", Rol.INTERN_BEGELEIDER),
        ("voor_leerplicht", Rol.LEERPLICHTAMBTENAAR),
        ("voor_swv", Rol.SWV_COORDINATOR),
    ],
)
def test_a_signal_is_seen_only_by_the_kinds_of_role_it_is_for(ontvanger, ziet, users, leerlingen):
    signaal = SignaalFactory(leerling=leerlingen.eigen, **{"voor_school": False, ontvanger: True})
    for rol in (Rol.INTERN_BEGELEIDER, Rol.LEERPLICHTAMBTENAAR, Rol.SWV_COORDINATOR):
        assert (signaal.pk in zichtbaar(Signaal, users[rol])) is (rol == ziet), rol
