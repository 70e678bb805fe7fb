"""The privacy officer's timeline: reads/denials/exports (AuditEvent) and writes (pghistory events)
of one SWV, merged in time order by one SQL statement, so a page costs the same at 1 or 1,000,000 rows.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import dateformat, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from swv.core.models import Rol

from .models import AuditEvent
from .registry import pupils, tracked

# Values never shown on the page or in the export; a change is shown as "(gewijzigd)".
MASKED_FIELDS = frozenset({"bsn", "onderwijsnummer"})
HIDDEN_FIELDS = frozenset({"id", "swv"})
# Kinds of object that are no model (AuditEvent.object_type of a page).
OBJECT_KINDS = {"audit.timeline": gettext_lazy("privacy-log")}


@dataclass(frozen=True)
class TimelineFilter:
    swv_id: int
    leerling_id: int | None = None
    leerling_naam: str = ""
    # Part of the person's name or username (a privacy officer knows names, not ids).
    actor_naam: str = ""
    action: str = ""
    van: datetime.date | None = None
    tot: datetime.date | None = None


@dataclass
class TimelineRow:
    kind: str
    at: datetime.datetime
    actor_id: int | None
    actor_username: str
    actor_naam: str
    rol: str
    organisatie: str
    action: str
    object_type: str
    object_id: str
    leerling_id: int | None
    leerling_naam: str
    result: str
    ip_address: str
    request_id: str
    reason: str
    # (field label, old, new) as the officer reads them; filled by _enrich for a whole page at once.
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    # (column, old, new) as stored in the snapshot (JSON values), before _enrich.
    raw_changes: list[tuple[str, Any, Any]] = field(default_factory=list)
    object_kind: str = ""
    object_naam: str = ""
    rol_label: str = ""

    @property
    def action_label(self) -> str:
        return (
            str(AuditEvent.Action(self.action).label)
            if self.action in AuditEvent.Action.values
            else self.action
        )

    @property
    def result_label(self) -> str:
        return (
            str(AuditEvent.Result(self.result).label)
            if self.result in AuditEvent.Result.values
            else self.result
        )

    @property
    def changes_text(self) -> str:
        return "; ".join(f"{name}: {old} → {new}" for name, old, new in self.changes)


def _writes_sql(object_type: str, table: str, leerling_expr: str) -> str:
    # lag() over the object's own history gives the previous snapshot, so we can show old -> new.
    # Partitioning by swv_id first lets PostgreSQL push the tenant filter below the window.
    return f"""
        SELECT '{object_type}'::text AS object_type, e.pgh_created_at, e.pgh_label, e.pgh_obj_id::text AS object_id,
               e.pgh_context_id, e.swv_id, {leerling_expr} AS leerling_id,
               to_jsonb(e) AS data,
               lag(to_jsonb(e)) OVER (PARTITION BY e.swv_id, e.pgh_obj_id ORDER BY e.pgh_id) AS prev
        FROM {table} e"""


def _sql(f: TimelineFilter) -> tuple[str, list]:
    # Generated from what the apps registered (swv/audit/registry.py); the platform names no app table.
    writes = " UNION ALL ".join(
        _writes_sql(
            entry.object_type,
            entry.table,
            f"e.{entry.pupil_column}" if entry.pupil_column else "NULL::bigint",
        )
        for entry in tracked()
    )
    registered = pupils()
    if registered:
        pupil_join = f"LEFT JOIN {registered.table} l ON l.{registered.model._meta.pk.column} = {{key}}"
        pupil_name = f"({registered.name_sql('l')})"
    else:  # no app registered pupils: no names to show or search
        pupil_join, pupil_name = "LEFT JOIN (SELECT NULL::bigint AS id) l ON false", "NULL::text"
    # AuditEvent names the acting organisation with a lazy reference (docs/decisions.md 21).
    organisaties = AuditEvent._meta.get_field("organisatie").related_model
    w_where, a_where = ["w.swv_id = %s"], ["a.swv_id = %s"]
    w_params: list[object] = [f.swv_id]
    a_params: list[object] = [f.swv_id]
    if f.leerling_id:
        w_where.append("w.leerling_id = %s")
        w_params.append(f.leerling_id)
        a_where.append("a.leerling_id = %s")
        a_params.append(f.leerling_id)
    if f.leerling_naam:
        like = f"%{f.leerling_naam}%"
        w_where.append(f"{pupil_name} ILIKE %s")
        w_params.append(like)
        a_where.append(f"{pupil_name} ILIKE %s")
        a_params.append(like)
    if f.actor_naam:
        like = f"%{f.actor_naam}%"
        w_where.append(f"(u.username ILIKE %s OR {_full_name('u')} ILIKE %s)")
        w_params += [like, like]
        a_where.append(f"(a.actor_username ILIKE %s OR {_full_name('au')} ILIKE %s)")
        a_params += [like, like]
    if f.action:
        w_where.append("w.pgh_label = %s")
        w_params.append(f.action)
        a_where.append("a.action = %s")
        a_params.append(f.action)
    if f.van:
        start = timezone.make_aware(datetime.datetime.combine(f.van, datetime.time.min))
        w_where.append("w.pgh_created_at >= %s")
        w_params.append(start)
        a_where.append("a.at >= %s")
        a_params.append(start)
    if f.tot:
        end = timezone.make_aware(
            datetime.datetime.combine(f.tot + datetime.timedelta(days=1), datetime.time.min)
        )
        w_where.append("w.pgh_created_at < %s")
        w_params.append(end)
        a_where.append("a.at < %s")
        a_params.append(end)
    sql = f"""
        SELECT 'write' AS kind, w.pgh_created_at AS at,
               CASE WHEN (c.metadata->>'user') ~ '^[0-9]+$' THEN (c.metadata->>'user')::bigint END AS actor_id,
               COALESCE(u.username, 'API-client: ' || ac.naam, c.metadata->>'bron', '') AS actor_username,
               COALESCE(NULLIF({_full_name("u")}, ''), u.username, 'API-client: ' || ac.naam,
                        c.metadata->>'bron', '') AS actor_naam,
               '' AS rol, '' AS organisatie, w.pgh_label AS action, w.object_type, w.object_id,
               w.leerling_id, COALESCE({pupil_name}, '') AS leerling_naam,
               'ok' AS result, '' AS ip_address, COALESCE(c.metadata->>'request_id', '') AS request_id,
               '' AS reason, w.data, w.prev
        FROM ({writes}) w
        LEFT JOIN pghistory_context c ON c.id = w.pgh_context_id
        LEFT JOIN core_user u ON u.id::text = c.metadata->>'user'
        -- Writes by a partner system carry the client's id (partners.services); name it like reads do.
        LEFT JOIN core_apiclient ac ON ac.id::text = c.metadata->>'api_client'
        {pupil_join.format(key="w.leerling_id")}
        WHERE {" AND ".join(w_where)}
        UNION ALL
        SELECT 'log', a.at, a.actor_id, a.actor_username,
               COALESCE(NULLIF({_full_name("au")}, ''), a.actor_username), a.rol, COALESCE(o.naam, ''), a.action,
               a.object_type, a.object_id, a.leerling_id,
               COALESCE({pupil_name}, ''), a.result,
               COALESCE(host(a.ip_address), ''), a.request_id, a.reason, NULL::jsonb, NULL::jsonb
        FROM audit_auditevent a
        LEFT JOIN {organisaties._meta.db_table} o ON o.{organisaties._meta.pk.column} = a.organisatie_id
        LEFT JOIN core_user au ON au.id = a.actor_id
        {pupil_join.format(key="a.leerling_id")}
        WHERE {" AND ".join(a_where)}
    """
    return sql, w_params + a_params


def _full_name(alias: str) -> str:
    return f"btrim(concat_ws(' ', {alias}.first_name, {alias}.last_name))"


def _changes(data, prev) -> list[tuple[str, Any, Any]]:
    if data is None:
        return []
    new = json.loads(data) if isinstance(data, str) else data
    old = (json.loads(prev) if isinstance(prev, str) else prev) or {}
    result = []
    for name, value in new.items():
        if name.startswith("pgh_") or name in HIDDEN_FIELDS:
            continue
        before = old.get(name)
        if old and before == value:
            continue
        if name in MASKED_FIELDS:
            # Masked here already: the number never leaves this function.
            if value is None and before is None:
                continue
            result.append((name, "•••" if before else None, "(gewijzigd)" if value else None))
            continue
        result.append((name, before, value))
    return result


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _columns(model: type[models.Model]) -> dict[str, models.Field]:
    return {str(f.column): f for f in model._meta.concrete_fields}


def _pk_or_none(model: type[models.Model], key: Any) -> Any:
    # An id of another shape (e.g. text in an integer key) names no row of this model.
    try:
        return model._meta.pk.to_python(key)
    except (ValidationError, TypeError, ValueError):
        return None


def _names(model: type[models.Model], keys: set) -> dict[str, str]:
    """str() of the rows of `model` with these primary keys, in one query (their FKs joined)."""
    pks = {_pk_or_none(model, key) for key in keys} - {None}
    if not pks:
        return {}
    relations = [f.name for f in model._meta.concrete_fields if f.many_to_one]
    return {
        str(obj.pk): str(obj) for obj in model._default_manager.select_related(*relations).filter(pk__in=pks)
    }


def _display(f: models.Field | None, value: Any, names: dict) -> str:
    if value is None or value == "":
        return ""
    if f is None:
        return str(value)
    if f.many_to_one:
        return names.get(f.related_model, {}).get(str(value), f"#{value}")
    if f.flatchoices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("Ja") if value else _("Nee")
    if isinstance(f, models.DateTimeField) and (moment := parse_datetime(str(value))):
        return dateformat.format(
            timezone.localtime(moment) if timezone.is_aware(moment) else moment, "j-n-Y H:i"
        )
    if isinstance(f, models.DateField) and (day := parse_date(str(value))):
        return dateformat.format(day, "j-n-Y")
    return str(value)


def _enrich(rows: list[TimelineRow]) -> list[TimelineRow]:
    """Names instead of ids, labels instead of columns, for a whole page or batch at once.

    One query per kind of object (and per related model named in a change) on the page, never
    per row, so a page of 50 costs as much as a page of 1.
    """
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for row in rows:
        model = _model(row.object_type)
        if model is None:
            continue
        if row.object_id:
            wanted[model].add(row.object_id)
        columns = _columns(model)
        for column, old, new in row.raw_changes:
            f = columns.get(column)
            if f is not None and f.many_to_one and f.related_model is not None:
                wanted[f.related_model] |= {v for v in (old, new) if v is not None}
    names = {model: _names(model, keys) for model, keys in wanted.items()}
    rollen = dict(Rol.choices)
    for row in rows:
        model = _model(row.object_type)
        row.rol_label = str(rollen.get(row.rol, row.rol))
        if model is None:
            row.object_kind = str(OBJECT_KINDS.get(row.object_type, row.object_type))
            row.object_naam = row.object_id
        else:
            row.object_kind = str(model._meta.verbose_name)
            fallback = f"#{row.object_id}" if row.object_id else ""
            row.object_naam = names.get(model, {}).get(row.object_id, fallback)
        columns = _columns(model) if model is not None else {}
        changes = []
        for column, old, new in row.raw_changes:
            f = columns.get(column)
            if f is not None and f.name in HIDDEN_FIELDS:
                continue
            label = capfirst(str(f.verbose_name)) if f is not None else column
            if column in MASKED_FIELDS:  # masked by _changes already
                changes.append((label, old or "", new or ""))
                continue
            changes.append((label, _display(f, old, names), _display(f, new, names)))
        row.changes = changes
    return rows


def _row(values) -> TimelineRow:
    *base, data, prev = values
    row = TimelineRow(*base)
    row.raw_changes = _changes(data, prev)
    return row


def timeline_count(f: TimelineFilter) -> int:
    sql, params = _sql(f)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) t", params)
        return cursor.fetchone()[0]


def timeline_page(f: TimelineFilter, *, offset: int, limit: int) -> list[TimelineRow]:
    sql, params = _sql(f)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY at DESC LIMIT %s OFFSET %s", [*params, limit, offset])
        return _enrich([_row(values) for values in cursor.fetchall()])


def timeline_iter(f: TimelineFilter, *, batch: int = 2000):
    """Every row of the filtered timeline, oldest first, fetched in batches (for the CSV export)."""
    sql, params = _sql(f)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY at", params)
        while rows := cursor.fetchmany(batch):
            yield from _enrich([_row(values) for values in rows])
