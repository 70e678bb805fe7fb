"""The thuiszitters app's objects for the access matrix (tests/test_access_matrix.py, docs/access.md).

One function per part (a part adds its own function and one line in `objects`)."""

from partners.models import Organisatie
from swv.core.models import Rol
from tests.factories import LeerlingFactory, OrganisatieFactory
from tests.thuiszitters.factories import SignaalFactory, ThuiszitterFactory, VerzuimmeldingFactory

# --- issue 12, part signalen ---
# A partner system sees a signal as its organisation would: the SWV bureau's system the signals for the SWV.
CLIENT_ORGANISATIE = {
    "/api/v1/signalen/": lambda signaal: Organisatie.objects.filter(swv=signaal.swv, soort="swv").first(),
    # --- part meldingapi: a partner system acts on a melding as its organisation: the melding's school's system.
    "/api/v1/verzuimmeldingen/": lambda melding: melding.school,
}


def objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """Route prefix -> (an object of `swv`, one of `elders`) for the `<int:pk>` of the routes under it."""
    return {
        **signaal_objects(swv=swv, elders=elders, users=users),
        **thuiszitter_objects(swv=swv, elders=elders, users=users),
        **melding_objects(swv=swv, elders=elders, users=users),
        **paginas_objects(swv=swv, elders=elders, users=users),
    }


def signaal_objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """A signal for school, leerplicht and SWV about a pupil of the school users' school who lives in the
    gemeente the leerplicht team works for, so every role the visibility rule admits sees it."""
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    gemeente = Organisatie.objects.filter(pk=leerplicht.gemeente_id).first()
    if gemeente is None:
        gemeente = OrganisatieFactory(swv=swv, gemeente=True)
        leerplicht.gemeente = gemeente
        leerplicht.save(update_fields=["gemeente"])
    leerling = LeerlingFactory(swv=swv, school=school, woongemeente=gemeente)
    alle = {"voor_school": True, "voor_leerplicht": True, "voor_swv": True}
    paar = (
        SignaalFactory(leerling=leerling, **alle),
        SignaalFactory(leerling=LeerlingFactory(swv=elders), **alle),
    )
    return {"/thuiszitters/signalen/": paar, "/api/v1/signalen/": paar}


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


# --- issue 12, part meldingapi ---


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
