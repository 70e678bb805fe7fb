"""The one visibility rule for the partner registry: every list, detail, export and API queryset starts here.

The registry holds no pupil data, so every role with an active membership may READ its own SWV's rows
(`visible_to`); writing is a separate rule (`partners.wijzigen` in rules.py). Nobody sees another SWV's rows.
"""

import datetime
import re

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from swv.core.tenancy import TenantQuerySet, acting_swv_id

# Kept as a name for the partners rules; the rule itself lives in swv.core.tenancy.
swv_id_van = acting_swv_id


def code_q(woord: str) -> models.Q:
    """Search on a code: the exact code, and for a BRIN number (4 characters, as people know a school
    board's school) every vestiging of it, whose vestigingscode is that BRIN plus 2 digits."""
    woord = woord.strip().upper()
    q = models.Q(code__iexact=woord)
    if len(woord) == 4 and woord[:2].isdigit() and woord[2:].isalnum():
        # Vestigingscodes are stored upper case (Organisatie.clean), so a plain prefix match uses the index.
        q |= models.Q(soort="school", code__startswith=woord)
    return q


class JeugdzorgregioQuerySet(TenantQuerySet):
    pass


class OrganisatieQuerySet(TenantQuerySet):
    def gemeenten(self):
        return self.filter(soort="gemeente")

    def in_werkgebied(self):
        """The gemeenten of the SWV's own werkgebied."""
        return self.filter(soort="gemeente", in_werkgebied=True)

    def actief(self):
        return self.filter(actief=True)


class SchoolSwvQuerySet(TenantQuerySet):
    pass


# --- the one rule for sorting people: by achternaam, as a Dutch phone book does ---

# Tussenvoegsels that someone may have typed into the achternaam field ("van Haarlem"): they do not count
# for sorting, so "van Haarlem" sorts under H. Lower case first, so "de Boer" and "De Boer" sort alike (the
# database collation is C: byte order would put every lower-case name after "Z").
_TUSSENVOEGSELS = r"^((van|von|de|der|den|het|ten|ter|te|in|op|uit|aan|bij|la|le|du|des|'t)\s+)+"


def sorteernaam(achternaam: str) -> str:
    """The sort key of an achternaam in Python (for lists sorted in memory); same rule as `achternaam_sortering`."""
    return re.sub(_TUSSENVOEGSELS, "", (achternaam or "").strip().lower())


def achternaam_sortering(pad: str = "") -> list:
    """`order_by(*achternaam_sortering("persoon__"))`: achternaam without tussenvoegsel, case-insensitive,
    then the whole achternaam and the voornaam (so the order is stable)."""
    achternaam = Lower(models.F(f"{pad}achternaam"))
    return [
        models.Func(
            achternaam,
            models.Value(_TUSSENVOEGSELS),
            models.Value(""),
            function="regexp_replace",
            output_field=models.CharField(),
        ).asc(),
        achternaam.asc(),
        Lower(models.F(f"{pad}voornaam")).asc(),
    ]


class PersoonQuerySet(TenantQuerySet):
    def op_achternaam(self):
        return self.order_by(*achternaam_sortering(), "pk")


# --- the one rule for "a key-person role is current" ---
# A role is current on a day when it has started (van on or before that day) and has not ended (tot empty,
# or after that day: a role with tot = today ended today, as `sleutelfiguur_beeindigen` writes it).
# The database form (`huidig_q`, for querysets and annotations) and the Python form (`rol_is_huidig`,
# for an object already loaded) say the same; tests/partners/test_huidige_rol.py holds them to it.
# Pages, API filter and serializer, routekaart and forms all use these two.


def huidig_q(op: datetime.date | None = None, *, prefix: str = "") -> models.Q:
    """The current-role condition on `op` (today); `prefix` for a relation, e.g. "sleutelfiguren__"."""
    op = op or timezone.localdate()
    return models.Q(**{f"{prefix}van__lte": op}) & (
        models.Q(**{f"{prefix}tot__isnull": True}) | models.Q(**{f"{prefix}tot__gt": op})
    )


def rol_is_huidig(van: datetime.date, tot: datetime.date | None, op: datetime.date | None = None) -> bool:
    """`huidig_q` for a loaded role: started on or before `op` (today) and not ended by then."""
    op = op or timezone.localdate()
    return van <= op and (tot is None or tot > op)


class SleutelfiguurQuerySet(TenantQuerySet):
    def op_achternaam(self):
        """By the person's achternaam (`achternaam_sortering`), then the newest role first."""
        return self.order_by(*achternaam_sortering("persoon__"), "-van", "pk")

    def huidig(self, op: datetime.date | None = None):
        """Roles held on `op` (default today): `huidig_q`."""
        return self.filter(huidig_q(op))


class AfspraakQuerySet(TenantQuerySet):
    pass


class AfspraakHerinneringQuerySet(TenantQuerySet):
    pass


class VoorzieningQuerySet(TenantQuerySet):
    def lopend(self, op: datetime.date | None = None):
        """Provisions that run on `op` (default today), by a provider that still works with the SWV then.

        An end date is the first day without (as a key person's `tot`, `huidig_q`): a provision or
        provider ended on `op` no longer counts on `op` (`voorziening_beeindigen`, `organisatie_beeindigen`
        write today). A provider made inactive without an end date does not count either.
        """
        op = op or timezone.localdate()
        return self.filter(
            models.Q(ingangsdatum__isnull=True) | models.Q(ingangsdatum__lte=op),
            models.Q(einddatum__isnull=True) | models.Q(einddatum__gt=op),
            models.Q(aanbieder__einddatum__gt=op)
            | models.Q(aanbieder__einddatum__isnull=True, aanbieder__actief=True),
        )
