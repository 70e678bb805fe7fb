"""The thuiszitters app's objects for the access matrix (tests/test_access_matrix.py, docs/access.md).

One function per part (a part adds its own function and one line in `objects`)."""

from swv.core.models import Rol
from tests.factories import LeerlingFactory, OrganisatieFactory
from tests.thuiszitters.factories import ThuiszitterFactory


def objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    return {
        **thuiszitter_objects(swv=swv, elders=elders, users=users),
    }


# --- issue 12, part thuiszitter ---


def thuiszitter_objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """An open registration of a pupil of the school users' school living in the leerplicht team's gemeente,
    so the SWV, that school and that leerplicht see it; and one in the other SWV."""
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    if leerplicht.gemeente_id is None:
        leerplicht.gemeente = OrganisatieFactory(swv=swv, gemeente=True)
        leerplicht.save(update_fields=["gemeente"])
    leerling = LeerlingFactory(swv=swv, school=school, woongemeente_id=leerplicht.gemeente_id)
    paar = (
        ThuiszitterFactory(leerling=leerling),
        ThuiszitterFactory(leerling=LeerlingFactory(swv=elders)),
    )
    return {"/thuiszitters/registraties/": paar, "/api/v1/thuiszitters/": paar}
