"""The thuiszitters app's objects for the access matrix (tests/test_access_matrix.py, docs/access.md).

Each part of issue 12 adds its own function and its keys to `objects` / `CLIENT_ORGANISATIE`.
"""

from swv.core.models import Rol
from tests.factories import LeerlingFactory, OrganisatieFactory
from tests.thuiszitters.factories import VerzuimmeldingFactory

# --- part meldingapi: a partner system acts on a melding as its organisation: the melding's school's system.
CLIENT_ORGANISATIE = {"/api/v1/verzuimmeldingen/": lambda melding: melding.school}


def objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """Route prefix -> (an object of `swv`, one of `elders`) for the `<int:pk>` of the routes under it."""
    return {**melding_objects(swv=swv, elders=elders, users=users)}


def melding_objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """A melding of the school users' school about a pupil living in the gemeente the leerplicht team works
    for, so that every role the verzuim rule lets in (SWV, school, leerplicht) sees it."""
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    if leerplicht.gemeente_id is None:  # the cases app's objects may have given it one already
        leerplicht.gemeente = OrganisatieFactory(swv=swv, gemeente=True)
        leerplicht.save(update_fields=["gemeente"])
    leerling = LeerlingFactory(swv=swv, school=school, woongemeente_id=leerplicht.gemeente_id)
    return {
        "/api/v1/verzuimmeldingen/": (
            VerzuimmeldingFactory(leerling=leerling, school=school),
            VerzuimmeldingFactory(leerling=LeerlingFactory(swv=elders)),
        ),
    }
