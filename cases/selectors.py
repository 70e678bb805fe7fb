"""Reads of pupils. One access helper per object (404 for missing and invisible, 403 for read-only)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log

from .models import Leerling
from .rules import mag_leerlingen_wijzigen


def get_leerling_for_user(user, pk: int, *, write: bool = False, reason: str = "") -> Leerling:
    """The pupil `pk` if `user` may see it (and, with write=True, change it).

    Raises Http404 when the pupil does not exist *or* is not visible, so an outsider cannot learn
    which ids exist; PermissionDenied when the pupil is visible but the role may only read.
    Every refusal of an existing pupil is written to the audit log as `denied`; the request id and
    origin come from the request context (swv.audit.context), so callers outside a request work too.
    """
    leerling = (
        Leerling.objects.visible_to(user)
        .select_related("swv", "school", "woongemeente")
        .filter(pk=pk)
        .first()
    )
    if leerling is None:
        bestaand = Leerling.objects.filter(pk=pk).only("pk", "swv_id").first()
        if bestaand is not None:
            audit_log(
                actor=user,
                action=AuditEvent.Action.UPDATE if write else AuditEvent.Action.READ,
                obj=bestaand,
                leerling=bestaand,
                result=AuditEvent.Result.DENIED,
                reason=reason or "niet zichtbaar voor deze rol",
            )
        raise Http404
    if write and not mag_leerlingen_wijzigen(user):
        audit_log(
            actor=user,
            action=AuditEvent.Action.UPDATE,
            obj=leerling,
            leerling=leerling,
            result=AuditEvent.Result.DENIED,
            reason=reason or "rol mag alleen lezen",
        )
        raise PermissionDenied
    return leerling
