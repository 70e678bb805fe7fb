"""The cases app's objects for the access matrix (tests/test_access_matrix.py, docs/access.md)."""

from cases.workflow import Status
from swv.core.models import Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import LeerlingFactory, OrganisatieFactory

# A partner system sees a case only when it works for the case's school (cases.api.casussen).
CLIENT_ORGANISATIE = {"/api/v1/casussen/": lambda casus: casus.school}


def objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """Route prefix -> (an object of `swv`, one of `elders`) for the `<int:pk>` of the routes under it.

    The pupil goes to the school users' school and lives in the gemeente the leerplicht team works for,
    so that every role the pupil table of docs/access.md lets see pupils sees this one.
    """
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    leerplicht.gemeente = gemeente
    leerplicht.save(update_fields=["gemeente"])
    return {
        "/casussen/leerlingen/": (
            LeerlingFactory(swv=swv, school=school, woongemeente=gemeente),
            LeerlingFactory(swv=elders),
        ),
        # Part casussen: a case sent back to the school users' school, so the SWV sees it (not a concept)
        # and the school may still edit its aanmelding (teruggestuurd).
        "/casussen/": (
            CasusFactory(swv=swv, school=school, status=Status.TERUGGESTUURD),
            CasusFactory(swv=elders, status=Status.TERUGGESTUURD),
        ),
        "/api/v1/casussen/": (
            CasusFactory(swv=swv, school=school, status=Status.TERUGGESTUURD),
            CasusFactory(swv=elders, status=Status.TERUGGESTUURD),
        ),
    }
