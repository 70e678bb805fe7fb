"""How an app plugs into the audit: which of its models are tracked, who its pupils are, and what it
does for retention. The platform (swv.audit) knows the apps only through these calls, made from each
app's `AppConfig.ready()` (docs/architecture.md "Audit: how an app plugs in").

- `register_tracked(EventModel, label=..., pupil_field=..., purge=...)`: a pghistory event model
  (declared in the owning app's models module) joins the privacy log (its SQL is generated from this
  list), gets the append-only triggers and the app role's INSERT/SELECT-only grants after every
  `migrate` (swv/audit/privileges.py), and is kept to the audit retention period.
- `register_pupils(Model, name_fields=..., bsn_field=..., normalise=...)`: the model whose rows are the
  pupils the log is about (AuditEvent.leerling and `pupil_field` point at it); the privacy page shows
  and searches its names, and finds a pupil by BSN in `bsn_field` (typed input cleaned by `normalise`,
  then checked by that field's own validators).
- `register_retention(hook)`: called by the retention job in its transaction; the app anonymises or
  deletes its own rows and returns {rule: number of rows}.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pghistory
from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class HistoryPurge:
    """Delete the snapshots from before anonymisation of rows anonymised after their period.

    The deletes run in the owner's SECURITY DEFINER function with the database clock: a row's
    history goes only when `anonymised_field` is set on the row, `ended_field` lies more than
    settings.<years_setting> years back, and the snapshot still has `anonymised_field` empty.
    """

    anonymised_field: str
    ended_field: str
    years_setting: str


@dataclass(frozen=True)
class Tracked:
    event_model: type[models.Model]
    object_type: str  # "app_label.model" of the tracked table, as in AuditEvent.object_type
    label: str
    pupil_field: str | None
    purge: HistoryPurge | None

    @property
    def table(self) -> str:
        return self.event_model._meta.db_table

    @property
    def tracked_model(self) -> type[models.Model]:
        return _tracked_model(self.event_model)

    @property
    def pupil_column(self) -> str | None:
        return column_of(self.event_model, self.pupil_field) if self.pupil_field else None


@dataclass(frozen=True)
class Pupils:
    model: type[models.Model]
    name_fields: tuple[str, ...]
    bsn_field: str = "bsn"
    normalise: Callable[[str], str] = str.strip

    @property
    def object_type(self) -> str:
        return self.model._meta.label_lower

    def clean_bsn(self, value: str) -> str:
        """The typed BSN, normalised and checked as the app checks it (its field's validators)."""
        value = self.normalise(value)
        for validator in concrete_field(self.model, self.bsn_field).validators:
            validator(value)
        return value

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def name_sql(self, alias: str) -> str:
        columns = [column_of(self.model, name) for name in self.name_fields]
        return " || ' ' || ".join(f"{alias}.{column}" for column in columns)


def _tracked_model(event_model: type[models.Model]) -> type[models.Model]:
    # pghistory sets pgh_tracked_model on each generated event model; its base class declares it None.
    tracked: type[models.Model] = event_model.pgh_tracked_model  # type: ignore[attr-defined]
    return tracked._meta.concrete_model or tracked


def concrete_field(model: type[models.Model], name: str) -> models.Field:
    """The field `name` of `model` (get_field may also return a reverse relation, which has no column)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise ValueError(f"{model._meta.label}.{name} is not a field with a column")
    return field


def column_of(model: type[models.Model], name: str) -> str:
    """The database column of a concrete field."""
    column = concrete_field(model, name).column
    if not column:
        raise ValueError(f"{model._meta.label}.{name} is not a field with a column")
    return column


def history_base(tracked: type[models.Model], name: str, *, app_label: str) -> Any:
    # Any, not type[Model]: the result is subclassed, and mypy accepts only an Any as a computed base.
    """The abstract pghistory event model for `tracked` (insert, update and delete snapshots).

    Subclass it in the owning app's models module: `class FooEvent(history_base(TrackedFoo, "FooEvent",
    app_label="foo")): pass`. The history keeps an unconstrained key to the row (it may be deleted or
    anonymised; its history stays).
    """
    return pghistory.create_event_model(
        tracked,
        # New instances per model: pghistory stores the tracked fields on the tracker object.
        pghistory.InsertEvent("create"),
        pghistory.UpdateEvent("update"),
        pghistory.DeleteEvent("delete"),
        model_name=name,
        app_label=app_label,
        obj_field=pghistory.ObjForeignKey(related_name="+", db_index=True),
    )


RetentionHook = Callable[[datetime.datetime], dict[str, int]]

_tracked: dict[str, Tracked] = {}
_pupils: list[Pupils] = []
_retention_hooks: list[RetentionHook] = []


def register_tracked(
    event_model: type[models.Model],
    *,
    label: str | Promise,
    pupil_field: str | None = None,
    purge: HistoryPurge | None = None,
) -> Tracked:
    """Register a pghistory event model (idempotent per tracked table)."""
    tracked_model = _tracked_model(event_model)
    entry = Tracked(event_model, tracked_model._meta.label_lower, str(label), pupil_field, purge)
    if pupil_field:
        entry.pupil_column  # noqa: B018 - fails at start-up on a misspelt field, not on the privacy page
    _tracked[entry.object_type] = entry
    return entry


def register_pupils(
    model: type[models.Model],
    *,
    name_fields: tuple[str, ...],
    bsn_field: str = "bsn",
    normalise: Callable[[str], str] = str.strip,
) -> None:
    pupils = Pupils(model, tuple(name_fields), bsn_field, normalise)
    model._meta.get_field(bsn_field)  # fails at start-up on a misspelt field
    if pupils not in _pupils:
        _pupils[:] = [pupils]


def register_retention(hook: RetentionHook) -> None:
    if hook not in _retention_hooks:
        _retention_hooks.append(hook)


def tracked() -> list[Tracked]:
    return list(_tracked.values())


def pupils() -> Pupils | None:
    return _pupils[0] if _pupils else None


def retention_hooks() -> list[RetentionHook]:
    return list(_retention_hooks)
