"""Writing the read/denial/export log. Views and selectors call `audit_log`; nothing else writes it."""

import logging

from django.db import models

from swv.core.acting import lidmaatschap_van

from .context import client_ip, current_ip, current_request_id
from .models import AuditEvent

logger = logging.getLogger("swv.audit")


def audit_log(
    *,
    action: str,
    result: str = AuditEvent.Result.OK,
    request=None,
    actor=None,
    obj: models.Model | None = None,
    leerling=None,
    reason: str = "",
    object_type: str = "",
    object_id: str = "",
) -> AuditEvent:
    """Record one access in the audit log and the application log.

    Pass `request` from a view, or `actor` from code without one (origin and request id then come
    from the request context). `obj` names the object touched; `leerling` the pupil concerned.
    Never pass a BSN in `reason`: the log must not hold one (BIO, AVG data minimisation).
    """
    if request is not None:
        actor = actor or request.user
        ip = client_ip(request)
        request_id = getattr(request, "request_id", "") or current_request_id()
    else:
        ip = current_ip()
        request_id = current_request_id()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    lidmaatschap = lidmaatschap_van(actor) if actor is not None else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # The pupil's SWV owns the record (its privacy officer must see who tried); else the actor's.
    swv_id = getattr(leerling, "swv_id", None) or (lidmaatschap.swv_id if lidmaatschap else None)
    event = AuditEvent.objects.create(
        actor=actor,
        actor_username=getattr(actor, "username", "") or "",
        rol=lidmaatschap.rol if lidmaatschap else "",
        organisatie_id=lidmaatschap.organisatie_id if lidmaatschap else None,
        swv_id=swv_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        leerling_id=getattr(leerling, "pk", None),
        result=result,
        ip_address=ip,
        request_id=request_id[:64],
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
            "rol": event.rol,
            "leerling_id": event.leerling_id,
            "result": result,
        },
    )
    return event
