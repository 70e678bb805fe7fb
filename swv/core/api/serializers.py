"""Strict input: a body field the API does not take, or a value of the wrong JSON type, is a 400.

DRF drops keys it does not know (a typo such as `"nam"`, or a read-only field such as `"id"` or
`"domein"`) without a word, and coerces types: `"naam": 123` was stored as "123", `"actief": "ja"`
as true, `"capaciteit": "10"` as 10. A partner system then believes something was saved that was not,
or saves what it did not mean. `StrictSerializer` (the base of every API serializer) refuses both, each
key under `invalidParams` with a Dutch reason, before any field's own validation runs.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail


def _type_reason(field: serializers.Field, value) -> str:
    """Why `value` (as decoded from JSON) has the wrong type for `field`; "" when it is fine."""
    if value is None:
        return ""  # allow_null decides, with DRF's own message
    if isinstance(field, serializers.CharField | serializers.ChoiceField) and not isinstance(
        field, serializers.MultipleChoiceField
    ):
        if not isinstance(value, str):
            return _("Geef tekst (een JSON-string).")
    elif isinstance(field, serializers.BooleanField):
        if not isinstance(value, bool):
            return _("Geef true of false.")
    elif isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        if isinstance(value, bool) or not isinstance(value, int):
            return _("Geef een geheel getal (een JSON-getal zonder aanhalingstekens).")
    elif isinstance(field, serializers.DecimalField | serializers.FloatField):
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return _("Geef een getal (een JSON-getal zonder aanhalingstekens).")
    elif isinstance(field, serializers.ListField | serializers.ManyRelatedField):
        if not isinstance(value, list):
            return _("Geef een lijst (een JSON-array).")
        child = field.child if isinstance(field, serializers.ListField) else field.child_relation
        for item in value:
            if item is None:
                return _("Een lijst mag geen lege waarden (null) bevatten.")
            reason = _type_reason(child, item)
            if reason:
                return reason
    return ""


if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker
    _SerializerBase = serializers.Serializer
else:
    _SerializerBase = object


class StrictSerializerMixin(_SerializerBase):
    """Refuse unknown and read-only keys and values of the wrong JSON type (see the module docstring).

    A view may put the output serializer's field names in the context as `alleen_lezen` (read-only
    names), so a client that echoes a read-only field (`id`, `domein`) is told so rather than "unknown".
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = self._strict_errors(data)
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def _strict_errors(self, data: Mapping) -> dict[str, list[str]]:
        writable = {name: field for name, field in self.fields.items() if not field.read_only}
        read_only = {name for name, field in self.fields.items() if field.read_only}
        read_only |= set(self.context.get("alleen_lezen", ())) if self.parent is None else set()
        errors: dict[str, list[str]] = {}
        for key, value in data.items():
            field = writable.get(key)
            if field is None:
                if key in read_only:
                    errors[key] = [_("Dit veld is alleen-lezen en kan niet worden meegestuurd.")]
                else:
                    errors[key] = [_("Onbekend veld.")]
                continue
            reason = _type_reason(field, value)
            if reason:
                errors[key] = [reason]
        return errors


class StrictSerializer(StrictSerializerMixin, serializers.Serializer):
    pass


def als_api_fout(
    exc: DjangoValidationError, serializer: serializers.Serializer
) -> serializers.ValidationError:
    """A model's ValidationError (from a service's full_clean) with the API's camelCase field names.

    The problem+json handler then lists each under `invalidParams`, as for the serializer's own checks.
    """
    naar_api = {field.source: name for name, field in serializer.fields.items()}
    if not hasattr(exc, "error_dict"):
        return serializers.ValidationError({"nonFieldErrors": exc.messages})
    fouten: dict[str, list[ErrorDetail]] = {}
    for veld, errors in exc.error_dict.items():
        naam = "nonFieldErrors" if veld == NON_FIELD_ERRORS else naar_api.get(veld, veld)
        for error in errors:
            # Keep the model's error code (`code_bestaat_al`, `mogelijk_dubbel`): clients act on it.
            fouten.setdefault(naam, []).extend(
                ErrorDetail(message, code=error.code or "invalid") for message in error.messages
            )
    return serializers.ValidationError(fouten)
