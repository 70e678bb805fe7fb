"""Access predicates for the partner registry (`rules`). Visibility itself is `Model.objects.visible_to`.

Reading: every member of the SWV (the registry holds no pupil data; `partners.module` in core/rules.py).
Writing: the SWV staff who keep the registry and the functioneel beheerder. Schools, leerplicht,
ketenpartners and bestuurders read only: they report changes to the SWV, which keeps one source.
"""

import rules

from swv.core.models import Rol
from swv.core.rules import heeft_lidmaatschap, heeft_rol

mag_partners_wijzigen = heeft_rol(Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER, Rol.BEHEERDER)


@rules.predicate
def zelfde_swv(user, obj) -> bool:
    """Object rule: the row belongs to the SWV the user acts for (no query: obj carries swv_id)."""
    if obj is None:
        return True
    from swv.core.acting import lidmaatschap_van

    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap is not None and getattr(obj, "swv_id", None) == lidmaatschap.swv_id


rules.add_perm("partners.lezen", heeft_lidmaatschap & zelfde_swv)
rules.add_perm("partners.wijzigen", mag_partners_wijzigen & zelfde_swv)
