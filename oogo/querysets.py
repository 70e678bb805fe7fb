"""The one visibility rule per OOGO model. Every page, export and API starts here.

Who sees what (docs/oogo.md, docs/access.md "OOGO"), deny by default:
- SWV roles (coördinator, deskundige, medewerker): everything of their SWV;
- bestuurder / wethouder: the meetings in which the gemeente of their membership takes part (their
  `Lidmaatschap.organisatie` is that gemeente), with those meetings' agenda items, decisions and actions,
  and the geschillen of that gemeente; the SWV-wide ontwikkelagenda and ondersteuningsplan too (they are
  the joint agenda of all gemeenten);
- every other role, no membership: nothing (the module permission `oogo.module` in `rules.py`).
Partner systems (API clients) see every row of their SWV; their scopes say which routes.
"""

from django.db.models import Q

from swv.core.acting import lidmaatschap_van
from swv.core.models import SWV_ROLLEN, Rol
from swv.core.tenancy import TenantQuerySet


class _OogoQuerySet(TenantQuerySet):
    module_permission = "oogo.module"
    # The path from a row to the gemeenten taking part; None = a SWV-wide row every OOGO role sees.
    gemeente_veld: str | None = "gemeenten"

    def _binnen_rol(self, user) -> Q | None:
        """The filter for the caller's acting role; None = nothing."""
        if getattr(user, "is_api_client", False):
            return Q()
        lidmaatschap = lidmaatschap_van(user)
        if lidmaatschap is None:
            return None
        if lidmaatschap.rol in SWV_ROLLEN:
            return Q()
        if lidmaatschap.rol == Rol.BESTUURDER:
            if self.gemeente_veld is None:
                return Q()
            return Q(**{self.gemeente_veld: lidmaatschap.organisatie_id})
        return None

    def visible_to(self, user):
        filter_ = self._binnen_rol(user)
        if filter_ is None:
            return self.none()
        qs = super().visible_to(user)
        if filter_ == Q():
            return qs
        # A many-to-many filter may repeat a row; the pk subquery keeps one row per object.
        return qs.filter(pk__in=self.model._default_manager.filter(filter_).values("pk"))


class OverlegQuerySet(_OogoQuerySet):
    gemeente_veld = "gemeenten"

    def komend(self, vandaag):
        return self.filter(datum__gte=vandaag).exclude(status="geannuleerd")


class AgendapuntQuerySet(_OogoQuerySet):
    gemeente_veld = "overleg__gemeenten"

    def open(self):
        from .workflow import AGENDAPUNT_OPEN

        return self.filter(status__in=AGENDAPUNT_OPEN)


class BesluitQuerySet(_OogoQuerySet):
    gemeente_veld = "overleg__gemeenten"


class ActiepuntQuerySet(_OogoQuerySet):
    gemeente_veld = "overleg__gemeenten"

    def open(self):
        from .workflow import ACTIEPUNT_OPEN

        return self.filter(status__in=ACTIEPUNT_OPEN)

    def te_laat(self, vandaag):
        """Open actions whose deadline has passed (the overdue list)."""
        return self.open().filter(deadline__lt=vandaag)


class OntwikkeldoelQuerySet(_OogoQuerySet):
    gemeente_veld = None


class VoortgangQuerySet(_OogoQuerySet):
    gemeente_veld = None


class OndersteuningsplanQuerySet(_OogoQuerySet):
    gemeente_veld = None


class GeschilQuerySet(_OogoQuerySet):
    gemeente_veld = "gemeente"


# --- part oogo-cijfers: the data pack (decision 62: a bestuurder sees only their own gemeente's pack) ---


class DatapakketQuerySet(_OogoQuerySet):
    # Not the meeting's gemeenten: a wethouder of gemeente A in a meeting with B sees A's pack, never B's.
    gemeente_veld = "gemeente"

    def gemeenten_zichtbaar(self, user, overleg):
        """The gemeenten of `overleg` whose pack `user` may see (the same rule, for the live preview,
        which has no row yet). The caller has checked that the user sees the meeting."""
        filter_ = self._binnen_rol(user)
        gemeenten = overleg.gemeenten.order_by("naam", "pk")
        if filter_ is None:
            return gemeenten.none()
        if filter_ == Q():
            return gemeenten
        lidmaatschap = lidmaatschap_van(user)
        return gemeenten.filter(pk=getattr(lidmaatschap, "organisatie_id", None))


# --- part oogo-documenten: documents with an agenda item follow the item's meeting ---


class AgendapuntDocumentQuerySet(_OogoQuerySet):
    gemeente_veld = "agendapunt__overleg__gemeenten"
