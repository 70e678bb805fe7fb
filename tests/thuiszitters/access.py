"""The thuiszitters app's objects for the access matrix (tests/test_access_matrix.py, docs/access.md).

One function per part (a part adds its own function and one line in `objects`)."""

from swv.core.models import Rol
from tests.factories import LeerlingFactory, OrganisatieFactory
from tests.thuiszitters.factories import VerzuimmeldingFactory


def objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    return {
        **paginas_objects(swv=swv, elders=elders, users=users),
    }


# --- issue 12, part paginas ---


def paginas_objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """A melding (geregistreerd) of the school users' school about a pupil living in the gemeente of the
    leerplicht team, so the school, leerplicht and the SWV all see it; and one in the other SWV."""
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    if leerplicht.gemeente_id is None:
        leerplicht.gemeente = OrganisatieFactory(swv=swv, gemeente=True)
        leerplicht.save(update_fields=["gemeente"])
    leerling = LeerlingFactory(swv=swv, school=school, woongemeente_id=leerplicht.gemeente_id)
    return {
        "/thuiszitters/meldingen/": (
            VerzuimmeldingFactory(leerling=leerling),
            VerzuimmeldingFactory(leerling=LeerlingFactory(swv=elders)),
        ),
    }
