"""The one visibility rule for the partner registry: every list, detail, export and API queryset starts here.

The registry holds no pupil data, so every role with an active membership may READ its own SWV's rows
(`visible_to`); writing is a separate rule (`partners.wijzigen` in rules.py). Nobody sees another SWV's rows.
"""

import datetime

from django.db import models
from django.utils import timezone

from swv.core.acting import lidmaatschap_van


def swv_id_van(user) -> int | None:
    """The tenant a user (or API client) acts for; None = sees nothing."""
    # An API client (partner system) belongs to one SWV; its scopes are checked by the API layer.
    client = getattr(user, "api_client", None)
    if getattr(user, "is_api_client", False) and client is not None:
        return client.swv_id if client.actief else None
    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap.swv_id if lidmaatschap is not None else None


class _TenantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rows of the SWV the user acts for (deny by default: no membership, nothing)."""
        swv_id = swv_id_van(user)
        if swv_id is None:
            return self.none()
        return self.filter(swv_id=swv_id)


class JeugdzorgregioQuerySet(_TenantQuerySet):
    pass


class OrganisatieQuerySet(_TenantQuerySet):
    def gemeenten(self):
        return self.filter(soort="gemeente")

    def in_werkgebied(self):
        """The gemeenten of the SWV's own werkgebied."""
        return self.filter(soort="gemeente", in_werkgebied=True)

    def actief(self):
        return self.filter(actief=True)


class SchoolSwvQuerySet(_TenantQuerySet):
    pass


class PersoonQuerySet(_TenantQuerySet):
    pass


class SleutelfiguurQuerySet(_TenantQuerySet):
    def huidig(self, op: datetime.date | None = None):
        """Roles held on `op` (default today): started, and not ended (tot empty or after that day)."""
        op = op or timezone.localdate()
        return self.filter(van__lte=op).filter(models.Q(tot__isnull=True) | models.Q(tot__gt=op))


class AfspraakQuerySet(_TenantQuerySet):
    pass


class AfspraakHerinneringQuerySet(_TenantQuerySet):
    pass


class VoorzieningQuerySet(_TenantQuerySet):
    def lopend(self, op: datetime.date | None = None):
        """Provisions that run on `op` (default today)."""
        op = op or timezone.localdate()
        return self.filter(
            models.Q(ingangsdatum__isnull=True) | models.Q(ingangsdatum__lte=op),
            models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=op),
        )
