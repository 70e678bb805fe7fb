"""The one visibility rule per model of verzuim and thuiszitters. Every page, export and API starts here.

Who sees what (docs/access.md "Verzuim en thuiszitters"), deny by default:
- SWV roles (coördinator, deskundige, medewerker): everything of their SWV;
- school roles: what concerns their own school (the school of the row, not the pupil's current school,
  so a school keeps seeing the meldingen it made);
- leerplichtambtenaar: the pupils living in the gemeente their organisation works for (the pupil's current
  woongemeente; `cases.querysets.gemeente_van`), on the legal basis of the Leerplichtwet, no consent needed;
- ketenpartner, bestuurder (aggregates only, through the monitor), beheerder, no membership: nothing.
Partner systems (API clients) act for their organisation and see what its people would
(`_voor_api_client`): the SWV bureau's system everything of the SWV, a school's or schoolbestuur's system its
schools' rows (`cases.querysets.scholen_van_client`, the rule absence batches use), a gemeente's or leerplicht
organisation's system the pupils of its gemeente; any other organisation nothing. Only with a verzuim or
thuiszitter scope; each endpoint checks its own scope on top.
"""

from django.db.models import Q

from cases.querysets import gemeente_van, scholen_van_client
from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN, Rol
from swv.core.tenancy import TenantQuerySet


class _VerzuimQuerySet(TenantQuerySet):
    # The path from a row to its school and to the gemeente whose leerplicht handles it.
    school_veld = "school_id"
    gemeente_veld = "leerling__woongemeente_id"

    def _binnen_rol(self, user) -> Q | None:
        """The filter for the user's acting role; None = nothing."""
        if getattr(user, "is_api_client", False):
            return self._voor_api_client(user.api_client)
        lidmaatschap = lidmaatschap_van(user)
        if lidmaatschap is None:
            return None
        rol = lidmaatschap.rol
        if rol in SWV_ROLLEN:
            return Q()
        if rol in SCHOOL_ROLLEN:
            return Q(**{self.school_veld: lidmaatschap.organisatie_id})
        if rol == Rol.LEERPLICHTAMBTENAAR:
            gemeente_id = gemeente_van(lidmaatschap.organisatie)
            return Q(**{self.gemeente_veld: gemeente_id}) if gemeente_id else None
        return None

    def _voor_api_client(self, client) -> Q | None:
        """A partner system sees what a member of its organisation would (the same three kinds as people)."""
        from swv.core.api.scopes import Scope

        verzuim_scopes = {
            Scope.VERZUIM_LEZEN,
            Scope.VERZUIM_SCHRIJVEN,
            Scope.THUISZITTERS_LEZEN,
            Scope.THUISZITTERS_SCHRIJVEN,
        }
        if not verzuim_scopes & set(client.scopes):
            return None
        organisatie = client.organisatie
        if organisatie.soort == "swv":
            return Q()
        if organisatie.soort in ("school", "schoolbestuur"):
            from partners.models import Organisatie

            scholen = Organisatie.objects.filter(scholen_van_client(client)).values("pk")
            return Q(**{f"{self.school_veld}__in": scholen})
        if organisatie.soort in ("gemeente", "leerplicht"):
            gemeente_id = gemeente_van(organisatie)
            return Q(**{self.gemeente_veld: gemeente_id}) if gemeente_id else None
        return None

    def visible_to(self, user):
        filter_ = self._binnen_rol(user)
        if filter_ is None:
            return self.none()
        return super().visible_to(user).filter(filter_)


class AbsentieQuerySet(_VerzuimQuerySet):
    pass


class VerzuimmeldingQuerySet(_VerzuimQuerySet):
    pass


class ThuiszitterQuerySet(_VerzuimQuerySet):
    # A thuiszitter has the gemeente it was registered for (absoluut verzuim has no school).
    gemeente_veld = "gemeente_id"

    def open(self) -> "ThuiszitterQuerySet":
        return self.filter(einddatum__isnull=True)


class SignaalQuerySet(_VerzuimQuerySet):
    def _binnen_rol(self, user) -> Q | None:
        """As the other rows, and only the signals meant for the user's kind of role."""
        filter_ = super()._binnen_rol(user)
        if filter_ is None:
            return None
        if getattr(user, "is_api_client", False):
            soort = user.api_client.organisatie.soort
            if soort == "swv":
                return filter_ & Q(voor_swv=True)
            if soort in ("school", "schoolbestuur"):
                return filter_ & Q(voor_school=True)
            return filter_ & Q(voor_leerplicht=True)
        rol = lidmaatschap_van(user).rol  # type: ignore[union-attr]  # not None: _binnen_rol checked it
        if rol in SWV_ROLLEN:
            return filter_ & Q(voor_swv=True)
        if rol in SCHOOL_ROLLEN:
            return filter_ & Q(voor_school=True)
        return filter_ & Q(voor_leerplicht=True)


# --- issue 12, part paginas ---


class MeldingNotitieQuerySet(_VerzuimQuerySet):
    """Leerplicht's actions and notes on a melding: leerplicht (its gemeente) and the SWV roles (they review
    verzuim with leerplicht); not the school, whose part is the melding itself."""

    def _binnen_rol(self, user) -> Q | None:
        filter_ = super()._binnen_rol(user)
        if filter_ is None or lidmaatschap_van(user).rol in SCHOOL_ROLLEN:  # type: ignore[union-attr,operator]
            return None
        return filter_
