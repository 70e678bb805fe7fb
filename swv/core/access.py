"""One look-up of one object for a user: 404 when missing or invisible, 403 when read-only, audited reads.

Every page (and every app) that opens one object by id goes through `get_for_user`, so the three rules
cannot drift per app:

- the object is looked up in `queryset.visible_to(user)` (the model's one read rule, swv.core.tenancy);
  a missing id and another tenant's id both answer 404, so nobody learns which ids exist;
- a write (`write=True`) is checked only after the object was found: a read-only role gets 403 on its
  own SWV's objects, never on another's (that stays 404);
- a read of personal data is written to the audit log here, once (`audit=AuditRead(...)`), instead of
  each view remembering it; for pupil data the refusals of existing objects are logged too.

This module knows no domain app: the queryset, the write rule and the audit text come from the caller.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log


@dataclass(frozen=True)
class AuditRead:
    """The audit row a successful look-up writes (a read of personal data).

    `reason`: the text of the row, or a function of the object that returns it, or None when this
    object shows no personal data after all (e.g. an organisation without key people: no row).
    `pupil`: a function of the object giving the pupil concerned (`AuditEvent.leerling`); with it the
    row belongs to the pupil's SWV, so that SWV's privacy officer sees it.
    `log_denials`: also log a refused look-up of an existing object (invisible or read-only) as
    `denied`; for pupil data, where who tried matters as much as who saw.
    `denied_reason`: the reason of those denial rows instead of the default texts.
    """

    reason: str | Callable[[Any], str | None]
    pupil: Callable[[Any], Any] | None = None
    log_denials: bool = False
    denied_reason: str = ""


def _queryset(model_or_queryset) -> models.QuerySet:
    if isinstance(model_or_queryset, models.QuerySet):
        return model_or_queryset
    return model_or_queryset._default_manager.all()


def get_for_user(
    model_or_queryset,
    user,
    pk,
    *,
    write: bool = False,
    may_write: Callable[[Any], bool] | None = None,
    audit: AuditRead | None = None,
    request=None,
):
    """The object `pk` from `model_or_queryset.visible_to(user)`, or Http404; with write=True, PermissionDenied
    unless `may_write(user)`. Pass a queryset to choose select_related/prefetch_related.

    With `audit`, a successful look-up (also with write=True: an edit form shows the data too) writes one
    read row: through `request` when given, so the row has the request's origin; else from the request
    context, for callers outside a view.
    """
    qs = _queryset(model_or_queryset)
    if not hasattr(qs, "visible_to"):
        # Deny by default: a model without a read rule cannot be looked up for a user.
        raise TypeError(f"{qs.model._meta.label} has no visible_to(user); give its queryset one.")
    if write and may_write is None:
        raise TypeError("write=True needs may_write, the rule that decides who may change this object.")
    obj = qs.visible_to(user).filter(pk=pk).first()
    if obj is None:
        if audit is not None and audit.log_denials:
            _log_denied_if_exists(qs.model, user, pk, write=write, audit=audit)
        raise Http404
    if write and (may_write is None or not may_write(user)):
        if audit is not None and audit.log_denials:
            _log_denied(
                user, obj, AuditEvent.Action.UPDATE, audit, audit.denied_reason or "rol mag alleen lezen"
            )
        raise PermissionDenied
    if audit is not None:
        reason = audit.reason(obj) if callable(audit.reason) else audit.reason
        if reason is not None:
            audit_log(
                request=request,
                actor=None if request is not None else user,
                action=AuditEvent.Action.READ,
                obj=obj,
                leerling=audit.pupil(obj) if audit.pupil else None,
                reason=reason,
            )
    return obj


def _log_denied_if_exists(model, user, pk, *, write: bool, audit: AuditRead) -> None:
    # Unscoped on purpose: an attempt on another SWV's (or another school's) existing object is what
    # its privacy officer must see. A missing id is not logged: there is nothing to protect.
    velden = ["pk"] + (["swv_id"] if any(f.name == "swv" for f in model._meta.fields) else [])
    bestaand = model._base_manager.filter(pk=pk).only(*velden).first() if _is_pk(model, pk) else None
    if bestaand is not None:
        _log_denied(
            user,
            bestaand,
            AuditEvent.Action.UPDATE if write else AuditEvent.Action.READ,
            audit,
            audit.denied_reason or "niet zichtbaar voor deze rol",
        )


def _is_pk(model, pk) -> bool:
    try:
        model._meta.pk.to_python(pk)
    except (ValidationError, TypeError, ValueError):
        return False  # an unparsable id is simply not an existing object
    return True


def _log_denied(user, obj, action: str, audit: AuditRead, reason: str) -> None:
    audit_log(
        actor=user,
        action=action,
        obj=obj,
        leerling=audit.pupil(obj) if audit.pupil else None,
        result=AuditEvent.Result.DENIED,
        reason=reason,
    )
