"""Writing the read/denial/export log. Views and selectors call `audit_log` (or, for
a bulk write touching many pupils, `audit_log_many`); nothing else writes it."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.request import Request

from swv.core.acting import Caller, lidmaatschap_van
from swv.core.api.authentication import is_api_client
from swv.core.models import User

from .context import client_ip, current_correlation_id, current_ip, current_request_id
from .models import AuditEvent

logger = logging.getLogger("swv.audit")


def audit_log(
    *,
    action: str,
    result: str = AuditEvent.Result.OK,
    request: HttpRequest | Request | None = None,
    actor: Caller | None = None,
    obj: models.Model | None = None,
    leerling: models.Model | None = None,
    reason: str = "",
    object_type: str = "",
    object_id: str = "",
) -> AuditEvent:
    """Record one access in the audit log and the application log.

    Pass `request` from a view, or `actor` from code without one (origin and request id then come
    from the request context). The actor may be a person or a partner system (API client); a client
    is recorded with actor=None, `api_client` set and "API-client: <naam>" as the name.
    `obj` names the object touched; `leerling` the pupil concerned.
    Never pass a BSN in `reason`: the log must not hold one (BIO, AVG data minimisation).
    """
    if request is not None:
        actor = actor or request.user
        ip = client_ip(request)
        request_id = getattr(request, "request_id", "") or current_request_id()
        correlatie_id = getattr(request, "correlatie_id", "") or current_correlation_id()
    else:
        ip = current_ip()
        request_id = current_request_id()
        correlatie_id = current_correlation_id()
    actor, wie = _wie(actor)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # The pupil's SWV owns the record (its privacy officer must see who tried); else the actor's.
    actor_swv_id = wie.pop("actor_swv_id")
    swv_id = getattr(leerling, "swv_id", None) or actor_swv_id
    event = AuditEvent.objects.create(
        **wie,
        swv_id=swv_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        leerling_id=getattr(leerling, "pk", None),
        result=result,
        ip_address=ip,
        request_id=request_id[:64],
        correlatie_id=correlatie_id[:64],
        reason=reason[:255],
    )
    # Ids and codes only: no names, no BSN.
    logger.info(
        "audit %s %s %s#%s",
        action,
        result,
        object_type,
        object_id,
        extra={
            "audit_id": event.pk,
            "actor_id": getattr(actor, "pk", None),
            "api_client_id": event.api_client_id,
            "rol": event.rol,
            "leerling_id": event.leerling_id,
            "result": result,
        },
    )
    return event


def _wie(actor: Caller | None) -> tuple[Caller | None, dict[str, Any]]:
    """The audit row's fields naming the actor (a person through the acting membership, or a partner
    system through its client), plus `actor_swv_id`; and the actor as a person or None."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    # A partner system (swv.core.api.authentication.ApiClientUser) is not a User: the row names the
    # client, and its organisation and SWV stand where a person's acting membership would.
    api_client = getattr(actor, "api_client", None) if is_api_client(actor) else None
    if api_client is not None:
        return None, {
            "actor": None,
            "api_client": api_client,
            "actor_username": f"API-client: {api_client.naam}"[:150],
            "rol": "",
            "organisatie_id": api_client.organisatie_id,
            "actor_swv_id": api_client.swv_id,
        }
    lidmaatschap = lidmaatschap_van(actor) if actor is not None else None
    return actor, {
        "actor": actor if isinstance(actor, User) else None,
        "api_client": None,
        "actor_username": getattr(actor, "username", "") or "",
        "rol": lidmaatschap.rol if lidmaatschap else "",
        "organisatie_id": lidmaatschap.organisatie_id if lidmaatschap else None,
        "actor_swv_id": lidmaatschap.swv_id if lidmaatschap else None,
    }


def audit_log_many(
    *,
    action: str,
    actor: Caller | None,
    swv_id: int,
    leerling_ids: Iterable[int],
    object_type: str,
    reason: str = "",
) -> int:
    """One audit row per pupil for a bulk write or read (e.g. a batch of absence rows): the same who/when/
    what as `audit_log`, written with one INSERT and one application-log line. Returns the rows written.
    Never pass a BSN in `reason`."""
    actor, wie = _wie(actor)
    wie.pop("actor_swv_id")
    gedeeld = {
        "ip_address": current_ip(),
        "request_id": current_request_id()[:64],
        "correlatie_id": current_correlation_id()[:64],
        "at": timezone.now(),
    }
    rijen = [
        AuditEvent(
            **wie,
            **gedeeld,
            swv_id=swv_id,
            action=action,
            object_type=object_type,
            leerling_id=leerling_id,
            result=AuditEvent.Result.OK,
            reason=reason[:255],
        )
        for leerling_id in sorted(set(leerling_ids))
    ]
    AuditEvent.objects.bulk_create(rijen, batch_size=2000)
    logger.info(
        "audit %s %s %s x%d",
        action,
        AuditEvent.Result.OK,
        object_type,
        len(rijen),
        extra={"actor_id": getattr(actor, "pk", None), "rol": wie["rol"], "aantal": len(rijen)},
    )
    return len(rijen)
