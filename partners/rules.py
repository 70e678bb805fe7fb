"""Access predicates for the partner registry (`rules`). Visibility itself is `Model.objects.visible_to`.

Reading: every member of the SWV (the registry holds no pupil data; `partners.module` below).
Writing: the SWV staff who keep the registry and the functioneel beheerder. Schools, leerplicht,
ketenpartners and bestuurders read only: they report changes to the SWV, which keeps one source.
"""

import rules

from swv.core.api.scopes import Scope
from swv.core.models import Rol
from swv.core.rules import heeft_lidmaatschap, heeft_rol, heeft_scope, is_beheerder

mag_partners_wijzigen = heeft_rol(Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER, Rol.BEHEERDER)
# People by role, partner systems (API clients) by scope.
mag_partners_schrijven = mag_partners_wijzigen | heeft_scope(Scope.PARTNERS_SCHRIJVEN)
mag_partners_lezen = heeft_lidmaatschap | heeft_scope(Scope.PARTNERS_LEZEN)


@rules.predicate
def zelfde_swv(user, obj) -> bool:
    """Object rule: the row belongs to the SWV the user acts for (no query: obj carries swv_id)."""
    if obj is None:
        return True
    from .querysets import swv_id_van

    swv_id = swv_id_van(user)
    return swv_id is not None and getattr(obj, "swv_id", None) == swv_id


# The module (menu item, pages): every member of an SWV.
rules.add_perm("partners.module", heeft_lidmaatschap)
rules.add_perm("partners.lezen", mag_partners_lezen & zelfde_swv)
rules.add_perm("partners.wijzigen", mag_partners_schrijven & zelfde_swv)
# DUO open-data import: reference data is the functioneel beheerder's task (docs/access.md).
rules.add_perm("partners.importeren", is_beheerder)
