"""The cases app's objects for the access matrix (tests/test_access_matrix.py, docs/access.md)."""

from swv.core.models import Rol
from tests.factories import LeerlingFactory, OrganisatieFactory


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
    leerlingen = (
        LeerlingFactory(swv=swv, school=school, woongemeente=gemeente),
        LeerlingFactory(swv=elders),
    )
    return {
        "/casussen/leerlingen/": leerlingen,
        "/api/v1/leerlingen/": leerlingen,
        # A partner system sees pupils as its organisation would: the SWV bureau's sees them all.
        "api-client-organisatie": (users[Rol.SWV_COORDINATOR.value].lidmaatschappen.get().organisatie, None),
        **objects_leerlingen(leerlingen),
    }


# --- issue 10, part leerlingen: an ouder and an enrolment of the same pupils (routes /casussen/ouders/…,
# /casussen/inschrijvingen/…). Kept apart so the other parts can append their objects below. ---
def objects_leerlingen(leerlingen: tuple) -> dict[str, tuple[object, object]]:
    from cases.models import Inschrijving, Ouder

    paar_ouder = tuple(
        Ouder.objects.create(swv_id=lln.swv_id, leerling=lln, achternaam="Jansen", relatie="moeder")
        for lln in leerlingen
    )
    paar_inschrijving = tuple(
        Inschrijving.objects.create(
            swv_id=lln.swv_id, leerling=lln, school_id=lln.school_id, ingeschreven_op=lln.geboortedatum
        )
        for lln in leerlingen
    )
    return {"/casussen/ouders/": paar_ouder, "/casussen/inschrijvingen/": paar_inschrijving}
