"""Writing the read/denial/export log. Views and selectors call `audit_log`; nothing else writes it."""

from __future__ import annotations

import logging

from django.db import models
from django.http import HttpRequest
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
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    # A partner system (swv.core.api.authentication.ApiClientUser) is not a User: the row names the
    # client, and its organisation and SWV stand where a person's acting membership would.
    api_client = getattr(actor, "api_client", None) if is_api_client(actor) else None
    if api_client is not None:
        actor = None
        actor_username = f"API-client: {api_client.naam}"[:150]
        rol = ""
        organisatie_id = api_client.organisatie_id
        actor_swv_id = api_client.swv_id
    else:
        lidmaatschap = lidmaatschap_van(actor) if actor is not None else None
        actor_username = getattr(actor, "username", "") or ""
        rol = lidmaatschap.rol if lidmaatschap else ""
        organisatie_id = lidmaatschap.organisatie_id if lidmaatschap else None
        actor_swv_id = lidmaatschap.swv_id if lidmaatschap else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # The pupil's SWV owns the record (its privacy officer must see who tried); else the actor's.
    swv_id = getattr(leerling, "swv_id", None) or actor_swv_id
    event = AuditEvent.objects.create(
        actor=actor if isinstance(actor, User) else None,  # a person; anyone else was set to None above
        api_client=api_client,
        actor_username=actor_username,
        rol=rol,
        organisatie_id=organisatie_id,
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
            "api_client_id": getattr(api_client, "pk", None),
            "rol": event.rol,
            "leerling_id": event.leerling_id,
            "result": result,
        },
    )
    return event
