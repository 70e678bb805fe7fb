"""Strict filtering: a query parameter the API cannot honour is a 400 problem, never silently ignored.

django-filter forgives a lot: `actief=misschien` and `knelpunt=soms` become "no filter", `verlooptVoor=`
is skipped, a repeated single-valued parameter takes its last value and an unknown parameter (a typo such
as `actif=true`) is ignored. Each of those answers a different collection than the client asked for,
with a 200. A partner system that synchronises from it would copy the wrong rows without noticing.

`StrictFilterSet` is the base of every FilterSet of the API; `StrictFilterBackend` (the default filter
backend) also refuses query parameters that no filter and no paginator of the endpoint knows. Errors
come back as `invalidParams`, each with the parameter's name and a Dutch reason.
"""

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from .pagination import query_param_names

_BOOLEANS = {"true", "false"}


class StrictFilterSet(django_filters.rest_framework.FilterSet):
    def is_valid(self) -> bool:
        if not self.is_bound:
            return False
        self.form.is_valid()  # fills cleaned_data, which add_error below needs
        # Bound by the backend to request.query_params: a QueryDict, whose lists() has every value of a key.
        assert isinstance(self.data, QueryDict)
        for name, values in self.data.lists():
            filter_ = self.filters.get(name)
            if filter_ is None:
                continue
            reason = self._strict_reason(filter_, values)
            if reason and name not in self.form.errors:
                self.form.add_error(name, reason)
        return not self.form.errors

    @staticmethod
    def _strict_reason(filter_, values: list[str]) -> str:
        many = isinstance(filter_, django_filters.MultipleChoiceFilter)
        if len(values) > 1 and not many:
            return _("Geef deze parameter maar één keer op.")
        # An empty free-text filter (`q=`, a search box sent empty) is an empty search, as the OpenAPI
        # document says (no minLength there: swv/core/api/schema.py). Every other kind (date, id,
        # boolean, choice) has no empty value that means anything, so `verlooptVoor=` is refused
        # rather than silently dropped.
        if not isinstance(filter_, django_filters.CharFilter) and any(value == "" for value in values):
            return _("Geef een waarde op, of laat de parameter weg.")
        if isinstance(filter_, django_filters.BooleanFilter) and values[0] not in _BOOLEANS:
            return _("Geef true of false op.")
        return ""


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, plus: a collection refuses query parameters it does not know."""

    def filter_queryset(self, request, queryset, view):
        # Only on a collection: on a single object the filters and pagination do not apply anyway.
        if getattr(view, "action", None) == "list":
            self._refuse_unknown(request, view, queryset)
        return super().filter_queryset(request, queryset, view)

    def _refuse_unknown(self, request, view, queryset) -> None:
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        known |= query_param_names(getattr(view, "paginator", None))
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise ValidationError({name: [_("Onbekende parameter.")] for name in unknown}, code="unknown")
