"""Reads of pupils. One access helper per object (404 for missing and invisible, 403 for read-only)."""

from swv.core.access import AuditRead, get_for_user

from .models import Leerling
from .rules import mag_leerlingen_wijzigen


def get_leerling_for_user(
    user, pk: int, *, write: bool = False, reason: str = "", request=None, gelezen: str = ""
) -> Leerling:
    """The pupil `pk` if `user` may see it (and, with write=True, change it).

    Raises Http404 when the pupil does not exist *or* is not visible, so an outsider cannot learn
    which ids exist; PermissionDenied when the pupil is visible but the role may only read.
    Every refusal of an existing pupil is written to the audit log as `denied` (`reason` names it);
    the request id and origin come from the request context (swv.audit.context), so callers outside a
    request work too. With `gelezen` (the page or endpoint, e.g. "leerlingpagina"), a successful
    look-up is written as a read of the pupil's data too (through `request` when given).
    """
    return get_for_user(
        Leerling.objects.select_related("swv", "school", "woongemeente"),
        user,
        pk,
        write=write,
        may_write=mag_leerlingen_wijzigen,
        request=request,
        audit=AuditRead(
            # No read row without `gelezen`: the caller shows nothing of the pupil (yet).
            reason=gelezen or (lambda _leerling: None),
            pupil=lambda leerling: leerling,
            log_denials=True,
            denied_reason=reason,
        ),
    )


def get_casus_for_user(
    user, pk: int, *, write: bool = False, reason: str = "", request=None, gelezen: str = ""
):
    """The case `pk` if `user` may see it (`Casus.objects.visible_to`), else Http404 (missing and invisible
    alike); with write=True, PermissionDenied unless the role may change cases (`cases.rules.mag_casus_wijzigen`).
    A case is a pupil's personal data: with `gelezen` a successful look-up is written as a read, and every
    refusal of an existing case as `denied`, both with the case's pupil."""
    from .models import Casus
    from .rules import mag_casus_wijzigen

    return get_for_user(
        Casus.objects.select_related("swv", "leerling", "school", "casusregisseur"),
        user,
        pk,
        write=write,
        may_write=mag_casus_wijzigen,
        request=request,
        audit=AuditRead(
            reason=gelezen or (lambda _casus: None),
            pupil=lambda casus: casus.leerling,
            log_denials=True,
            denied_reason=reason,
        ),
    )
