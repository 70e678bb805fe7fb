"""The one visibility rule for pupils. Every list, detail, export and API queryset starts here."""

from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN, Rol
from swv.core.tenancy import TenantQuerySet


class LeerlingQuerySet(TenantQuerySet):
    def visible_to(self, user) -> "LeerlingQuerySet":
        """Pupils the user may see through the membership they act for (deny by default).

        - always only the acting membership's SWV (tenant), never anonymised rows;
        - SWV roles (coördinator, deskundige, medewerker): every pupil of their SWV;
        - school roles (zorgcoördinator, intern begeleider, directeur): pupils of their own school;
        - leerplichtambtenaar: pupils living in the gemeente of their organisation
          (`Organisatie.gemeente`, or the organisation itself when it is a gemeente);
        - ketenpartner: none yet. They will see the pupils of cases they are a member of, once case
          membership exists (cases issue);
        - bestuurder (aggregates only), beheerder, no membership: none.
        """
        # Pupils are seen through a role, so only people with an acting membership see any: a partner
        # system (API client) has a tenant but no role. The tenant itself is the platform's one rule.
        lidmaatschap = lidmaatschap_van(user)
        if lidmaatschap is None:
            return self.none()
        qs = super().visible_to(user).filter(geanonimiseerd_op__isnull=True)
        rol = lidmaatschap.rol
        if rol in SWV_ROLLEN:
            return qs
        if rol in SCHOOL_ROLLEN:
            return qs.filter(school_id=lidmaatschap.organisatie_id)
        if rol == Rol.LEERPLICHTAMBTENAAR:
            gemeente_id = gemeente_van(lidmaatschap.organisatie)
            return qs.filter(woongemeente_id=gemeente_id) if gemeente_id else self.none()
        return self.none()


def gemeente_van(organisatie) -> int | None:
    """The gemeente an organisation works for: itself when it is a gemeente, else its `gemeente`."""
    if organisatie.soort == "gemeente":
        return organisatie.pk
    return organisatie.gemeente_id
