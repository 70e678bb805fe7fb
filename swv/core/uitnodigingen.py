"""Invitations: how an existing account of another SWV joins a beheerder's SWV, with the owner's consent.

A beheerder may link accounts that are already in their SWV directly (the admin limits the choice); an
account that is not can only be invited, and the membership is created when its owner accepts while
logged in. Every step is written to the audit log; the membership itself also to the write history.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .lidmaatschappen import lidmaatschap_create, lidmaatschap_update
from .models import Lidmaatschap, Uitnodiging

GELDIG_DAGEN = 14


def _audit(*, uitnodiging: Uitnodiging, actor, action: str, reden: str) -> None:
    from swv.audit.models import AuditEvent
    from swv.audit.services import audit_log

    audit_log(
        action=getattr(AuditEvent.Action, action),
        actor=actor,
        obj=uitnodiging,
        reason=f"{reden} ({uitnodiging.swv.code}, {uitnodiging.get_rol_display()})",
    )


def uitnodiging_controleren(*, swv, user, organisatie, rol: str) -> None:
    """Raise a Dutch ValidationError when this invitation cannot be made."""
    if organisatie.swv_id != swv.pk:
        raise ValidationError({"organisatie": _("Kies een organisatie van dit samenwerkingsverband.")})
    if Lidmaatschap.objects.filter(swv=swv, user=user, organisatie=organisatie, rol=rol).exists():
        raise ValidationError(_("Dit account heeft dit lidmaatschap al."))
    if Uitnodiging.objects.filter(
        swv=swv, user=user, organisatie=organisatie, rol=rol, status=Uitnodiging.Status.OPEN
    ).exists():
        raise ValidationError(
            _("Er staat al een uitnodiging open voor dit account met deze rol en organisatie.")
        )


@transaction.atomic
def uitnodiging_maken(*, swv, user, organisatie, rol: str, by) -> Uitnodiging:
    """Invite `user` to `swv` as `rol` for `organisatie`. Nothing is linked until the owner accepts."""
    uitnodiging_controleren(swv=swv, user=user, organisatie=organisatie, rol=rol)
    uitnodiging = Uitnodiging(
        swv=swv,
        user=user,
        organisatie=organisatie,
        rol=rol,
        uitgenodigd_door=by,
        verloopt_op=timezone.now() + timedelta(days=GELDIG_DAGEN),
    )
    uitnodiging.full_clean()
    uitnodiging.save()
    _audit(uitnodiging=uitnodiging, actor=by, action="CREATE", reden="uitnodiging verstuurd")
    return uitnodiging


def open_uitnodigingen(user):
    """The invitations this account can still answer, newest first."""
    return Uitnodiging.objects.filter(
        user=user, status=Uitnodiging.Status.OPEN, verloopt_op__gt=timezone.now()
    ).select_related("swv", "organisatie", "uitgenodigd_door")


@transaction.atomic
def uitnodiging_beantwoorden(*, uitnodiging_id: int, user, accepteren: bool) -> Uitnodiging:
    """The owner accepts (a membership is created) or declines. Only their own, open invitation."""
    uitnodiging = (
        Uitnodiging.objects.select_for_update()
        .filter(pk=uitnodiging_id, user=user)
        .select_related("swv")
        .first()
    )
    if uitnodiging is None or not uitnodiging.is_open():
        raise ValidationError(_("Deze uitnodiging bestaat niet (meer) of is al beantwoord."))
    uitnodiging.status = Uitnodiging.Status.GEACCEPTEERD if accepteren else Uitnodiging.Status.GEWEIGERD
    uitnodiging.beantwoord_op = timezone.now()
    uitnodiging.save(update_fields=["status", "beantwoord_op"])
    if accepteren:
        # Through the membership services, so the history records the owner as the one who wrote.
        lidmaatschap = Lidmaatschap.objects.filter(
            swv=uitnodiging.swv, user=user, organisatie=uitnodiging.organisatie, rol=uitnodiging.rol
        ).first()
        if lidmaatschap is None:
            lidmaatschap_create(
                swv=uitnodiging.swv,
                user=user,
                organisatie=uitnodiging.organisatie,
                rol=uitnodiging.rol,
                by=user,
            )
        elif not lidmaatschap.actief:
            lidmaatschap_update(lidmaatschap=lidmaatschap, by=user, actief=True)
    _audit(
        uitnodiging=uitnodiging,
        actor=user,
        action="UPDATE",
        reden="uitnodiging geaccepteerd" if accepteren else "uitnodiging geweigerd",
    )
    return uitnodiging
