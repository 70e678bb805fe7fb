"""Pagination that refuses what it cannot honour, with a 400 problem naming the parameter.

DRF silently falls back to its defaults for `pageSize=null`, `limit=abc` or `offset=null`, so a client
with a bug gets a different page than it asked for and never learns why; and a cursor whose position
does not fit the ordering field (`cursor=cD1hYmM%3D`, "p=abc") reached the database as a ValueError
(a 500). Both are now a 400 problem with `invalidParams`.
"""

import re
from typing import NoReturn

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

_DIGITS = re.compile(r"[0-9]+")
# OFFSET is a bigint in PostgreSQL; far beyond any collection of ours, well inside what it accepts.
MAX_OFFSET = 2_147_483_647


def _whole_number(request, name: str, *, minimum: int, maximum: int) -> int | None:
    """The query parameter `name` as an int in [minimum, maximum]; None when absent; else a 400."""
    if name not in request.query_params:
        return None
    values = request.query_params.getlist(name)
    raw = values[0]
    # Only ASCII digits: int() would also take "１２", " 12", "+12" and "1_2".
    if len(values) > 1 or not _DIGITS.fullmatch(raw) or not minimum <= int(raw) <= maximum:
        raise ValidationError(
            {
                name: [
                    _("Geef één geheel getal van %(min)d tot en met %(max)d.")
                    % {"min": minimum, "max": maximum}
                ]
            },
            code="invalid",
        )
    return int(raw)


def _integer(name: str, description: str, *, minimum: int, maximum: int, default: int | None = None) -> dict:
    schema: dict = {"type": "integer", "minimum": minimum, "maximum": maximum}
    if default is not None:
        schema["default"] = default
    return {"name": name, "required": False, "in": "query", "description": description, "schema": schema}


class CursorPagination(pagination.CursorPagination):
    """Cursor pages (stable while a partner system syncs) with a validated cursor and page size."""

    page_size_query_param = "pageSize"
    max_page_size = 200
    # DRF itself sets these to lazy translations; its stubs say str (hence the ignores).
    invalid_cursor_message = _l("Ongeldige cursor: gebruik de link uit `next` of `previous`.")  # type: ignore[assignment]
    cursor_query_description = _l(  # type: ignore[assignment]
        "De cursor van een volgende of vorige pagina; neem de link uit `next` over."
    )
    page_size_query_description = _l("Aantal resultaten per pagina.")  # type: ignore[assignment]

    def query_param_names(self) -> set[str]:
        return {self.cursor_query_param, self.page_size_query_param}

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request) -> int | None:
        size = _whole_number(request, self.page_size_query_param, minimum=1, maximum=self.max_page_size)
        return self.page_size if size is None else size

    def decode_cursor(self, request):
        if len(request.query_params.getlist(self.cursor_query_param)) > 1:
            self._invalid_cursor()
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            self._invalid_cursor()
        if cursor is not None and cursor.position is not None:
            self._check_position(cursor.position)
        return cursor

    def _check_position(self, position: str | int) -> None:
        # A string from the cursor at run time; the stubs declare Cursor.position an int.
        """The position must be a value of the ordering field, or the query fails in the database."""
        field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
        try:
            value = field.to_python(position)
        except DjangoValidationError:
            self._invalid_cursor()
        if isinstance(field, (models.IntegerField, models.AutoField)):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            if (low is not None and value < low) or (high is not None and value > high):
                self._invalid_cursor()

    def _invalid_cursor(self) -> NoReturn:
        raise ValidationError({self.cursor_query_param: [str(self.invalid_cursor_message)]}, code="invalid")

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(self.cursor_query_description),
                "schema": {"type": "string"},
            },
            _integer(
                self.page_size_query_param,
                str(self.page_size_query_description),
                minimum=1,
                maximum=self.max_page_size,
                default=self.page_size,
            ),
        ]


class IdCursorPagination(CursorPagination):
    """Cursor pages over the id: stable while a partner system syncs, whatever is added or renamed meanwhile.

    For the collections a partner system copies in full (every app's main register)."""

    ordering = "id"
    page_size = 50
    max_page_size = 200


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """`limit` and `offset`, both validated: a bad value is a 400, not a silent default."""

    default_limit = 50
    max_limit = 200
    # Lazy translations, as DRF's own; its stubs say str.
    limit_query_description = _l("Aantal resultaten per pagina.")  # type: ignore[assignment]
    offset_query_description = _l("Hoeveel resultaten over te slaan: de positie van het eerste resultaat.")  # type: ignore[assignment]

    def query_param_names(self) -> set[str]:
        return {self.limit_query_param, self.offset_query_param}

    def get_limit(self, request) -> int:
        limit = _whole_number(request, self.limit_query_param, minimum=1, maximum=self.max_limit)
        return self.default_limit if limit is None else limit

    def get_offset(self, request) -> int:
        return _whole_number(request, self.offset_query_param, minimum=0, maximum=MAX_OFFSET) or 0

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            _integer(
                self.limit_query_param,
                str(self.limit_query_description),
                minimum=1,
                maximum=self.max_limit,
                default=self.default_limit,
            ),
            _integer(
                self.offset_query_param, str(self.offset_query_description), minimum=0, maximum=MAX_OFFSET
            ),
        ]


def query_param_names(paginator) -> set[str]:
    """The query parameters a paginator reads (for refusing unknown ones); empty without a paginator."""
    if paginator is None:
        return set()
    if hasattr(paginator, "query_param_names"):
        return paginator.query_param_names()
    names = (
        "cursor_query_param",
        "page_size_query_param",
        "page_query_param",
        "limit_query_param",
        "offset_query_param",
    )
    return {value for name in names if (value := getattr(paginator, name, None))}
