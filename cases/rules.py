"""Access predicates for pupils (`rules`). Visibility itself is `Leerling.objects.visible_to`."""

import rules

from swv.core.models import Rol
from swv.core.rules import heeft_rol, is_ketenpartner, is_leerplicht, is_school, is_swv

# Roles that may change a pupil's details. SWV-deskundige and leerplicht read only: the deskundige
# advises, leerplicht has its own verzuim records; neither keeps the pupil administration.
mag_leerlingen_wijzigen = heeft_rol(
    Rol.SWV_COORDINATOR,
    Rol.SWV_MEDEWERKER,
    Rol.ZORGCOORDINATOR,
    Rol.INTERN_BEGELEIDER,
    Rol.SCHOOLDIRECTEUR,
)

# Roles that may open the pupil pages at all; which pupils follows from visible_to().
mag_leerlingen_zien = is_swv | is_school | is_leerplicht


@rules.predicate
def leerling_zichtbaar(user, leerling) -> bool:
    """Object rule: the pupil is in the user's visible set (one query; the same rule as every list)."""
    if leerling is None:
        return False
    from .models import Leerling

    return Leerling.objects.visible_to(user).filter(pk=leerling.pk).exists()


# The module (menu item, landing page); which pupils follows from the rules below.
# Leerplicht opens it too (issue 10, part team): "Mijn casussen" lists the cases they take part in.
rules.add_perm("cases.module", is_swv | is_school | is_ketenpartner | is_leerplicht)
rules.add_perm("cases.leerlingen", mag_leerlingen_zien)
rules.add_perm("cases.view_leerling", mag_leerlingen_zien & leerling_zichtbaar)
rules.add_perm("cases.change_leerling", mag_leerlingen_wijzigen & leerling_zichtbaar)
rules.add_perm("cases.add_leerling", mag_leerlingen_wijzigen)

# --- cases (issue 10). Which cases follows from Casus.objects.visible_to; these say what a role may do. ---
# Change a case's content (aanmelding texts while at school, status, regisseur, OT, plan): SWV roles and
# school roles; each service checks the finer rule (e.g. only the school edits a concept, only the SWV
# assigns a casusregisseur). Ketenpartners and leerplicht read, and add actions/evaluations (their own rules).
mag_casus_wijzigen = is_swv | is_school
mag_casus_regisseren = heeft_rol(Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER, Rol.SWV_DESKUNDIGE)
mag_aanmelden = is_school
rules.add_perm("cases.casussen", is_swv | is_school | is_ketenpartner | is_leerplicht)
rules.add_perm("cases.aanmelden", mag_aanmelden)
rules.add_perm("cases.regisseren", mag_casus_regisseren)

# --- part team (ondersteuningsteam, toestemming, tijdlijn). Who sees the team page: whoever sees the case.
# Who changes the team and records or withdraws consent: the SWV (it coordinates the OT) and the school
# (it asks the ouders); partners and leerplicht read. A role on its own case only, through get_casus_for_user.
mag_team_wijzigen = is_swv | is_school
rules.add_perm("cases.team_wijzigen", mag_team_wijzigen)
# "Mijn casussen": the cases a professional takes part in as a member of the team.
rules.add_perm("cases.mijn_casussen", is_ketenpartner | is_leerplicht)
# --- part casussen: the API's write right of people on a case (status); the services check the finer rule.
rules.add_perm("cases.casus_wijzigen", mag_casus_wijzigen)

# --- issue 10, part capi: who updates an action's status (pages and API alike; decision 38). Whoever sees the
# case adds actions and evaluations (page and API). The status of an existing action is reported by the SWV
# and the school on any action of the case, and by a partner (a ketenpartner or leerplicht person, or a
# partner system other than the school's or the SWV's) only on an action owned by their own organisation:
# a wijkteam never marks the GGD's appointment as done. The case itself must be visible (the callers use
# get_casus_for_user / the API's visible queryset first).


def _organisatie_van(user):
    """The organisation a user acts for (a person's acting membership, a partner system's client) and
    whether it acts with the SWV's or a school's rights."""
    client = getattr(user, "api_client", None)
    if getattr(user, "is_api_client", False) and client is not None:
        return client.organisatie_id, client.organisatie.soort in ("swv", "school", "schoolbestuur")
    from swv.core.acting import lidmaatschap_van
    from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN

    lidmaatschap = lidmaatschap_van(user)
    if lidmaatschap is None:
        return None, False
    return lidmaatschap.organisatie_id, lidmaatschap.rol in SWV_ROLLEN or lidmaatschap.rol in SCHOOL_ROLLEN


@rules.predicate
def mag_actie_bijwerken(user, actie) -> bool:
    """Object rule: `user` may change the status of `actie` (see the block comment above)."""
    if actie is None:
        return False
    organisatie_id, volledig = _organisatie_van(user)
    if organisatie_id is None:
        return False
    return volledig or actie.eigenaar_organisatie_id == organisatie_id


rules.add_perm("cases.actie_bijwerken", mag_actie_bijwerken)
# --- issue 11, part arrangementen en documenten. Which cases: get_casus_for_user (the case rule). ---
# A school or the SWV requests an arrangement; only the SWV assigns, starts and ends it (it allocates support).
mag_arrangement_aanvragen = is_swv | is_school
mag_arrangement_beheren = mag_casus_regisseren
rules.add_perm("cases.arrangement_aanvragen", mag_arrangement_aanvragen)
rules.add_perm("cases.arrangement_beheren", mag_arrangement_beheren)
# Documents: whoever may change the case adds them, and a partner in the team adds an advice or report;
# leerplicht reads. Removing or replacing: the SWV, or the one who uploaded it.
mag_document_toevoegen = is_swv | is_school | is_ketenpartner
rules.add_perm("cases.document_toevoegen", mag_document_toevoegen)


@rules.predicate
def is_uploader(user, document) -> bool:
    return (
        document is not None
        and document.geupload_door_id is not None
        and document.geupload_door_id == user.pk
    )


rules.add_perm("cases.document_beheren", mag_document_toevoegen & (is_swv | is_uploader))
# --- issue 11, part TLV: the TLV list (SWV roles and schools; which TLVs follows from Tlv.objects.visible_to).
# Ketenpartners and leerplicht see no TLV: it rests on health data (domain.md "Privacy").
rules.add_perm("cases.tlv", is_swv | is_school)
# --- issue 11, part betrokkenheid: every professional role records involvement with a pupil (not the
# bestuurder: aggregates only; not the beheerder). Which rows follows from Betrokkenheid.objects.visible_to.
mag_betrokkenheid_melden = is_swv | is_school | is_ketenpartner | is_leerplicht
rules.add_perm("cases.betrokkenheid", mag_betrokkenheid_melden)
