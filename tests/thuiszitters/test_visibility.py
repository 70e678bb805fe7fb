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


def _bureau(swv):
    """The SWV's own organisation (the users fixture may have made it already)."""
    from partners.models import Organisatie

    return Organisatie.objects.filter(swv=swv, soort="swv").first() or OrganisatieFactory(
        swv=swv, swv_bureau=True
    )


def _client_zicht(model, organisatie, scopes=("verzuim:lezen",)):
    from swv.core.api.authentication import ApiClientUser

    client = ApiClientFactory(swv=organisatie.swv, organisatie=organisatie, scopes=list(scopes))
    return zichtbaar(model, ApiClientUser(client))


@pytest.mark.parametrize("model", list(FACTORIES))
def test_the_swv_bureaus_system_sees_every_row_of_its_swv(model, swv, rijen):
    bureau = _bureau(swv)
    assert _client_zicht(model, bureau) == {rijen[model]["eigen"], rijen[model]["andere_school"]}


@pytest.mark.parametrize("model", list(FACTORIES))
def test_a_schools_system_sees_its_own_schools_rows_and_a_bestuurs_system_those_of_its_schools(
    model, users, leerlingen, rijen
):
    school = leerlingen.eigen.school
    assert _client_zicht(model, school) == {rijen[model]["eigen"]}
    bestuur = OrganisatieFactory(swv=school.swv, bestuur=True)
    assert _client_zicht(model, bestuur) == set()
    school.schoolbestuur = bestuur
    school.save(update_fields=["schoolbestuur"])
    assert _client_zicht(model, bestuur) == {rijen[model]["eigen"]}


@pytest.mark.parametrize("model", list(FACTORIES))
def test_a_gemeentes_or_leerplicht_system_sees_the_pupils_of_its_gemeente(model, users, leerlingen, rijen):
    leerplicht = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie
    assert _client_zicht(model, leerplicht) == {rijen[model]["eigen"]}
    assert _client_zicht(model, leerlingen.gemeente) == {rijen[model]["eigen"]}


@pytest.mark.parametrize("model", list(FACTORIES))
def test_a_system_without_a_verzuim_scope_or_of_another_kind_of_organisation_sees_nothing(model, swv, rijen):
    bureau = _bureau(swv)
    assert _client_zicht(model, bureau, scopes=("casussen:lezen", "leerlingen:lezen")) == set()
    wijkteam = OrganisatieFactory(swv=swv, wijkteam=True)
    assert _client_zicht(model, wijkteam, scopes=("verzuim:lezen", "thuiszitters:lezen")) == set()


@pytest.mark.parametrize(
    ("soort", "voor"),
    [("swv_bureau", "voor_swv"), ("school", "voor_school"), ("leerplicht", "voor_leerplicht")],
)
def test_a_systems_signals_are_those_for_its_kind_of_organisation(soort, voor, users, leerlingen):
    velden = ("voor_swv", "voor_school", "voor_leerplicht")
    signalen = {
        veld: SignaalFactory(leerling=leerlingen.eigen, **{v: v == veld for v in velden}).pk
        for veld in velden
    }
    organisatie = {
        "swv_bureau": lambda: _bureau(leerlingen.eigen.swv),
        "school": lambda: leerlingen.eigen.school,
        "leerplicht": lambda: Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie,
    }[soort]()
    assert _client_zicht(Signaal, organisatie) == {signalen[voor]}


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
