"""Access predicates shared by every app (`rules` package; deny by default).

A predicate reads the role of the membership the user is acting through. Module-level
permissions decide what the navigation shows; object-level rules come with each app.
"""

import rules

from .acting import lidmaatschap_van
from .models import SCHOOL_ROLLEN, SWV_ROLLEN, Rol


def heeft_rol(*rollen: str) -> rules.Predicate:
    allowed = frozenset(rollen)

    @rules.predicate(name=f"heeft_rol({','.join(sorted(allowed))})")
    def _predicate(user) -> bool:
        lidmaatschap = lidmaatschap_van(user)
        return lidmaatschap is not None and lidmaatschap.rol in allowed

    return _predicate


is_swv = heeft_rol(*SWV_ROLLEN)
is_swv_coordinator = heeft_rol(Rol.SWV_COORDINATOR)
is_school = heeft_rol(*SCHOOL_ROLLEN)
is_leerplicht = heeft_rol(Rol.LEERPLICHTAMBTENAAR)
is_ketenpartner = heeft_rol(Rol.KETENPARTNER)
is_bestuurder = heeft_rol(Rol.BESTUURDER)
is_beheerder = heeft_rol(Rol.BEHEERDER)
heeft_lidmaatschap = rules.predicate(
    lambda user: lidmaatschap_van(user) is not None, name="heeft_lidmaatschap"
)


def heeft_scope(*scopes: str) -> rules.Predicate:
    """True for an API client (partner system) that has all of `scopes`; false for people."""
    needed = frozenset(scopes)

    @rules.predicate(name=f"heeft_scope({','.join(sorted(needed))})")
    def _predicate(user) -> bool:
        client = getattr(user, "api_client", None)
        return client is not None and needed <= set(client.scopes)

    return _predicate


is_api_client = rules.predicate(lambda user: getattr(user, "is_api_client", False), name="is_api_client")

# Which module a role may open: each app declares its `<app>.module` in its own rules.py (docs/access.md
# "Modules"), the platform only its own. The object-level rules of each app narrow this further.
rules.add_perm("core.beheer", is_beheerder)
