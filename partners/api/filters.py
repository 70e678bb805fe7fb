"""Filters of the partner registry endpoints (django-filter). They only narrow what the caller may see.

Query parameters follow the JSON field names (camelCase). A filter on a related object takes its id.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from swv.core.api.filters import StrictFilterSet

from .. import bezetting
from ..models import (
    Afspraak,
    Doelgroep,
    Domein,
    Niveau,
    Organisatie,
    Sleutelfiguur,
    Voorziening,
    soorten_in_domein,
)
from ..querysets import code_q, huidig_q
from ..selectors import (
    AFSPRAAK_STATUS,
    afspraak_eigenaar_naam_q,
    filter_afspraken,
    voor_gemeente_q,
    zoek_sleutelfiguren,
)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An object id: a whole number (NumberFilter alone would accept 1.5), an integer in the schema."""

    field_class = forms.IntegerField  # type: ignore[assignment]  # any form field class works; stubs say Decimal


def _in_werkgebied(organisatie_ref: str, gemeente_id: int) -> Exists:
    """The organisation `organisatie_ref` points at has gemeente `gemeente_id` in its werkgebied."""
    through = Organisatie.werkgebied.through
    return Exists(
        through.objects.filter(from_organisatie_id=OuterRef(organisatie_ref), to_organisatie_id=gemeente_id)
    )


class OrganisatieFilter(StrictFilterSet):
    soort = django_filters.MultipleChoiceFilter(
        choices=Organisatie.Soort.choices,
        help_text=_("Alleen organisaties van deze soort; herhaal de parameter voor meer soorten."),
    )
    domein = django_filters.ChoiceFilter(
        choices=Domein.choices,
        method="filter_domein",
        help_text=_("Onderwijs, zorg, gemeente, werk of overig."),
    )
    gemeente = IdFilter(
        method="filter_gemeente",
        help_text=_(
            "Id van een gemeente: organisaties die in die gemeente werken (werkgebied) of er staan, "
            "en de gemeente zelf."
        ),
    )
    actief = django_filters.BooleanFilter(help_text=_("true: lopende samenwerking; false: beëindigd."))
    q = django_filters.CharFilter(
        method="filter_q",
        help_text=_(
            "Zoek op (een deel van) de naam, op de exacte code, of op een BRIN-nummer (4 tekens): de "
            "vestigingen ervan."
        ),
    )
    code = django_filters.CharFilter(
        field_name="code",
        lookup_expr="iexact",
        help_text=_("Vestigingscode, CBS-code of bevoegd-gezagnummer."),
    )

    class Meta:
        model = Organisatie
        fields = ["soort", "domein", "gemeente", "actief", "q", "code"]

    def filter_domein(self, queryset, name, value):
        return queryset.filter(soort__in=soorten_in_domein(value))

    def filter_gemeente(self, queryset, name, value):
        gemeente_id = int(value)
        return queryset.filter(
            _in_werkgebied("pk", gemeente_id) | Q(gemeente_id=gemeente_id) | Q(pk=gemeente_id)
        )

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(naam__icontains=value) | code_q(value)) if value else queryset


class SleutelfiguurFilter(StrictFilterSet):
    organisatie = IdFilter(field_name="organisatie_id", help_text=_("Id van de organisatie."))
    niveau = django_filters.ChoiceFilter(
        choices=Niveau.choices, help_text=_("Uitvoering, organisatie of bestuur & beleid.")
    )
    gemeente = IdFilter(
        method="filter_gemeente",
        help_text=_(
            "Id van een gemeente: sleutelfiguren die voor die gemeente aanspreekpunt zijn, ook wie geen "
            "gemeenten heeft opgegeven en werkt bij een organisatie met die gemeente in het werkgebied."
        ),
    )
    q = django_filters.CharFilter(
        method="filter_q",
        help_text=_(
            "Zoek op naam, functie, onderwerp of naam van de organisatie; elk woord moet ergens voorkomen "
            '("jeugdconsulent heuvelrijk").'
        ),
    )
    actueel = django_filters.BooleanFilter(
        method="filter_actueel",
        help_text=_(
            "true: rollen die nu lopen (begonnen en niet beëindigd); false: alle andere, dus beëindigde "
            "rollen en rollen die nog moeten beginnen."
        ),
    )

    class Meta:
        model = Sleutelfiguur
        fields = ["organisatie", "niveau", "gemeente", "q", "actueel"]

    def filter_gemeente(self, queryset, name, value):
        # The routekaart's rule, in SQL; the people page uses the same.
        return queryset.filter(voor_gemeente_q(int(value)))

    def filter_q(self, queryset, name, value):
        return zoek_sleutelfiguren(queryset, value)

    def filter_actueel(self, queryset, name, value):
        lopend = huidig_q()
        return queryset.filter(lopend) if value else queryset.exclude(lopend)


class AfspraakFilter(StrictFilterSet):
    soort = django_filters.ChoiceFilter(choices=Afspraak.Soort.choices, help_text=_("Soort afspraak."))
    partij = IdFilter(
        method="filter_partij", help_text=_("Id van een organisatie: afspraken waarin zij partij is.")
    )
    evaluatieVoor = django_filters.DateFilter(  # noqa: N815 - query parameters follow the JSON names
        field_name="evaluatiedatum",
        lookup_expr="lte",
        help_text=_("Afspraken met een evaluatiedatum op of vóór deze datum (ISO 8601)."),
    )
    verlooptVoor = django_filters.DateFilter(  # noqa: N815
        field_name="einddatum",
        lookup_expr="lte",
        help_text=_("Afspraken met een einddatum op of vóór deze datum (ISO 8601)."),
    )
    status = django_filters.ChoiceFilter(
        choices=[(waarde, waarde) for waarde in AFSPRAAK_STATUS],
        method="filter_status",
        help_text=_(
            "lopend: zonder einddatum of met een einddatum vandaag of later; verlopen: de einddatum is "
            "voorbij (zoals het veld `verlopen`)."
        ),
    )
    # By name: the API shows an owner by name and has no user ids (the page offers a list of people).
    eigenaar = django_filters.CharFilter(
        method="filter_eigenaar",
        help_text=_(
            "Naam van de eigenaar zoals in het veld `eigenaar`, of een deel ervan; elk woord moet in de "
            'voor- of achternaam voorkomen ("de vries").'
        ),
    )

    class Meta:
        model = Afspraak
        fields = ["soort", "partij", "eigenaar", "status", "evaluatieVoor", "verlooptVoor"]

    # The register page's filters (partners.selectors.filter_afspraken): one definition of each.

    def filter_partij(self, queryset, name, value):
        return filter_afspraken(queryset, partij=int(value))

    def filter_status(self, queryset, name, value):
        return filter_afspraken(queryset, status=value)

    def filter_eigenaar(self, queryset, name, value):
        return queryset.filter(afspraak_eigenaar_naam_q(value)) if value.strip() else queryset


class VoorzieningFilter(StrictFilterSet):
    doelgroep = django_filters.ChoiceFilter(choices=Doelgroep.choices, help_text=_("Doelgroep."))
    sector = django_filters.ChoiceFilter(
        choices=Voorziening.Sector.choices,
        method="filter_sector",
        help_text=_(
            "PO of VO: voorzieningen voor die sector, ook die voor beide; beide: alleen die voor beide."
        ),
    )
    gemeente = IdFilter(
        method="filter_gemeente", help_text=_("Id van een gemeente: voorzieningen voor die gemeente.")
    )
    knelpunt = django_filters.BooleanFilter(
        method="filter_knelpunt",
        help_text=_("true: vol of een te lange wachttijd; false: plek binnen aanvaardbare tijd."),
    )

    class Meta:
        model = Voorziening
        fields = ["doelgroep", "sector", "gemeente", "knelpunt"]

    def filter_sector(self, queryset, name, value):
        if value == Voorziening.Sector.BEIDE:
            return queryset.filter(sector=value)
        return queryset.filter(sector__in=[value, Voorziening.Sector.BEIDE])

    def filter_gemeente(self, queryset, name, value):
        through = Voorziening.gemeenten.through
        return queryset.filter(
            Exists(through.objects.filter(voorziening_id=OuterRef("pk"), organisatie_id=int(value)))
        )

    def filter_knelpunt(self, queryset, name, value):
        # The same rule as Voorziening.knelpunt, which counts the arrangementen of cases too
        # (partners.bezetting): those come from another app through a registered source, not from SQL here,
        # so the rule is applied to the SWV's voorzieningen in memory (a registry holds hundreds, not
        # millions: two queries) and the list is filtered on the ids.
        kandidaten = list(
            queryset.select_related(None)
            .prefetch_related(None)
            .only("pk", "capaciteit", "bezetting", "wachttijd_weken")
        )
        bezetting.verrijk(kandidaten)
        ids = [v.pk for v in kandidaten if v.knelpunt]
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)
