"""Shared fixtures: a user for every role in one SWV, an outsider in another SWV, pupils around them,
logged-in clients."""

import os
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client

from swv.core.models import Lidmaatschap, Rol, Samenwerkingsverband
from tests.factories import (
    LeerlingFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SamenwerkingsverbandFactory,
    UserFactory,
)

# Which kind of organisation a person in each role works for.
ORGANISATIE_VOOR_ROL = {
    Rol.SWV_COORDINATOR: "swv_bureau",
    Rol.SWV_DESKUNDIGE: "swv_bureau",
    Rol.SWV_MEDEWERKER: "swv_bureau",
    Rol.ZORGCOORDINATOR: "school",
    Rol.INTERN_BEGELEIDER: "school",
    Rol.SCHOOLDIRECTEUR: "school",
    Rol.LEERPLICHTAMBTENAAR: "leerplicht",
    Rol.KETENPARTNER: "wijkteam",
    Rol.BESTUURDER: "gemeente",
    Rol.BEHEERDER: "swv_bureau",
}


@pytest.fixture
def clean_cache():
    """Empty the (real Redis) cache around a test that counts in it, such as API throttling."""
    cache.clear()
    yield cache
    cache.clear()


def make_swv():
    """The SWV of the `swv` fixture (a plain function, for fixtures of a wider scope such as the access
    matrix's, tests/test_access_matrix.py)."""
    return SamenwerkingsverbandFactory(code="PO9801", naam="Samenwerkingsverband Testdal")


def make_users(swv) -> dict[str, object]:
    """What the `users` fixture gives for `swv` (a plain function, see `make_swv`)."""
    organisaties = {
        soort: OrganisatieFactory(swv=swv, **{soort: True}) for soort in set(ORGANISATIE_VOOR_ROL.values())
    }
    result: dict[str, object] = {}
    for rol in Rol:
        user = UserFactory(username=rol.value, is_staff=rol == Rol.BEHEERDER)
        LidmaatschapFactory(swv=swv, user=user, organisatie=organisaties[ORGANISATIE_VOOR_ROL[rol]], rol=rol)
        result[rol.value] = user
    ander_swv = SamenwerkingsverbandFactory(code="VO9802", sector="VO", naam="Samenwerkingsverband Elders")
    outsider = UserFactory(username="buitenstaander")
    LidmaatschapFactory(
        swv=ander_swv,
        user=outsider,
        organisatie=OrganisatieFactory(swv=ander_swv, swv_bureau=True),
        rol=Rol.SWV_COORDINATOR,
    )
    result["outsider"] = outsider
    return result


@pytest.fixture
def swv(db):
    return make_swv()


@pytest.fixture
def users(swv) -> dict[str, object]:
    """One user per role of `Rol` (keyed by the role value) plus "outsider" (a member of another SWV)."""
    return make_users(swv)


@pytest.fixture
def leerlingen(swv, users):
    """Pupils around `users`: one at the school users' own school (living in the leerplicht team's
    gemeente), one at another school of the same SWV, one in the outsider's SWV."""
    eigen_school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    leerplicht = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerplicht.gemeente = gemeente
    leerplicht.save(update_fields=["gemeente"])
    andere_gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    ander_swv = Samenwerkingsverband.objects.get(code="VO9802")
    return SimpleNamespace(
        gemeente=gemeente,
        eigen=LeerlingFactory(swv=swv, school=eigen_school, woongemeente=gemeente),
        andere_school=LeerlingFactory(swv=swv, woongemeente=andere_gemeente),
        ander_swv=LeerlingFactory(swv=ander_swv),
    )


def pass_second_factor(client: Client, user) -> None:
    """Mark the session as having passed two-factor login, as django_otp.login() does after a code.

    The second step itself is tested in tests/core/test_twofactor.py; other tests start after it.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="authenticator-app", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def client_for(db) -> Callable[[object], Client]:
    """client_for(user) -> a test client logged in as that user."""

    def _client_for(user, *, second_factor: bool = True) -> Client:
        client = Client()
        client.force_login(user)
        if second_factor:
            pass_second_factor(client, user)
        return client

    return _client_for


# --- test speed (decision 46): pytest-xdist workers ---


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix(request):
    """pytest-django's fixture of this name, except when swv/settings/test.py already put the worker's name
    into TEST_DATABASE_NAME (it does for every xdist worker): then adding `_gwN` again would name a
    database the environment does not."""
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if worker and os.environ.get("KETENREGIE_XDIST_ISOLATED") != worker:
        from pytest_django.fixtures import _set_suffix_to_test_databases

        _set_suffix_to_test_databases(suffix=worker)
