"""The one visibility rule for the partner registry: every list, detail, export and API queryset starts here.

The registry holds no pupil data, so every role with an active membership may READ its own SWV's rows
(`visible_to`); writing is a separate rule (`partners.wijzigen` in rules.py). Nobody sees another SWV's rows.
"""

import datetime

from django.db import models
from django.utils import timezone

from swv.core.tenancy import TenantQuerySet, acting_swv_id

# Kept as a name for the partners rules; the rule itself lives in swv.core.tenancy.
swv_id_van = acting_swv_id
_TenantQuerySet = TenantQuerySet


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
