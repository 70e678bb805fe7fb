"""Writes of betrokkenheid (issue 11): record, renew, end, and let expire; the signals when organisations meet.

A professional of an organisation in the SWV's network records that their organisation is involved with a
pupil, by BSN. The BSN is checked, turned into a keyed hash (`bsn_sleutel`) and dropped: it is not stored,
logged, audited or put in a URL. When another organisation is actively involved with the same pupil, both
get a signal (a `Betrokkenheidssignaal` and a task in "Mijn taken") with the *other's* organisation and
contact details only, so they can coordinate. Nobody sees anything about the pupil: not whether the SWV
knows them, not their name, not a case.

An involvement ends by itself `BETROKKENHEID_DUUR_DAGEN` after it was recorded or last renewed
(`betrokkenheden_laten_verlopen`, daily by Celery beat and `manage.py betrokkenheden_verlopen`).
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN, Rol
from swv.core.services import tracked_write

from .models import Betrokkenheid, Betrokkenheidssignaal, Leerling, Taak
from .validators import normaliseer_nummer, validate_bsn

# Every professional role in the network may record involvement; the bestuurder (aggregates only) and
# the functioneel beheerder (no pupil work) may not.
MAG_BETROKKENHEID_MELDEN = SWV_ROLLEN | SCHOOL_ROLLEN | {Rol.LEERPLICHTAMBTENAAR, Rol.KETENPARTNER}
REGEL_SIGNAAL = "betrokkenheid_signaal"
# A signal asks for contact; the task says "within two weeks" (a working agreement, not a legal term).
SIGNAAL_TERMIJN_DAGEN = 14
_NEGEN_CIJFERS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def duur() -> datetime.timedelta:
    return datetime.timedelta(days=settings.BETROKKENHEID_DUUR_DAGEN)


def bsn_sleutel(swv_id: int, bsn: str) -> str:
    """The keyed hash of a BSN within an SWV (HMAC-SHA256). The secret is BETROKKENHEID_SLEUTEL_GEHEIM,
    else SECRET_KEY; changing it makes existing rows unmatchable (docs/decisions.md)."""
    geheim = settings.BETROKKENHEID_SLEUTEL_GEHEIM or settings.SECRET_KEY
    return salted_hmac(
        "cases.betrokkenheid.bsn", f"{swv_id}:{bsn}", secret=geheim, algorithm="sha256"
    ).hexdigest()


def schoon_bsn(waarde: str) -> str:
    """The typed BSN without spaces/dots/dashes, checked (11-proef); a Dutch error on `bsn` otherwise.
    The error never repeats the number."""
    bsn = normaliseer_nummer(waarde or "")
    if not bsn:
        raise ValidationError({"bsn": _("Vul het BSN van de leerling in.")})
    try:
        validate_bsn(bsn)
    except ValidationError as exc:
        raise ValidationError({"bsn": exc.messages}) from exc
    return bsn


def _controleer_kenmerk(kenmerk: str) -> None:
    if _NEGEN_CIJFERS.search(kenmerk or ""):
        raise ValidationError(
            {"eigen_kenmerk": _("Een eigen kenmerk mag geen BSN of ander nummer van negen cijfers bevatten.")}
        )


def _lidmaatschap(by):
    lidmaatschap = None if getattr(by, "is_api_client", False) else lidmaatschap_van(by)
    if lidmaatschap is None or lidmaatschap.rol not in MAG_BETROKKENHEID_MELDEN:
        raise PermissionDenied(
            _("Alleen een professional van een organisatie in het netwerk legt betrokkenheid vast.")
        )
    return lidmaatschap


def _signaaltekst(ontvanger: Betrokkenheid, andere: Betrokkenheid) -> str:
    contact = ", ".join(d for d in (andere.contact_naam, andere.contact_telefoon, andere.contact_email) if d)
    kenmerk = ontvanger.eigen_kenmerk or _("vastgelegd op %(datum)s") % {
        "datum": ontvanger.van.strftime("%d-%m-%Y")
    }
    tekst = _(
        "Betrokkenheid %(kenmerk)s: ook %(organisatie)s is betrokken bij deze leerling. "
        "Neem contact op om af te stemmen: %(contact)s."
    ) % {"kenmerk": kenmerk, "organisatie": andere.organisatie.naam, "contact": contact}
    return tekst[:250]


def _signaleer(betrokkenheid: Betrokkenheid) -> list[Betrokkenheidssignaal]:
    """Signals both ways between `betrokkenheid` and every other organisation actively involved with the
    same pupil. Called inside the recording transaction, after the advisory lock on the pupil's key."""
    vandaag = timezone.localdate()
    anderen = (
        Betrokkenheid.objects.actief()
        .filter(swv_id=betrokkenheid.swv_id, sleutel=betrokkenheid.sleutel)
        .exclude(organisatie_id=betrokkenheid.organisatie_id)
        .select_related("organisatie")
    )
    gemaakt = []
    for andere in anderen:
        for ontvanger, over in ((betrokkenheid, andere), (andere, betrokkenheid)):
            signaal, nieuw = Betrokkenheidssignaal.objects.get_or_create(
                betrokkenheid=ontvanger, andere=over, defaults={"swv_id": ontvanger.swv_id}
            )
            if not nieuw:
                continue
            signaal.taak = Taak.objects.create(
                swv_id=ontvanger.swv_id,
                casus=None,
                regel=REGEL_SIGNAAL,
                periode=f"betrokkenheid-{ontvanger.pk}-{over.pk}",
                omschrijving=_signaaltekst(ontvanger, over),
                vervalt_op=vandaag + datetime.timedelta(days=SIGNAAL_TERMIJN_DAGEN),
                gebruiker_id=ontvanger.gebruiker_id,
            )
            signaal.save(update_fields=["taak"])
            gemaakt.append(signaal)
    return gemaakt


def betrokkenheid_vastleggen(
    *,
    by,
    bsn: str,
    contact_naam: str,
    contact_telefoon: str = "",
    contact_email: str = "",
    eigen_kenmerk: str = "",
    van: datetime.date | None = None,
) -> Betrokkenheid:
    """Record that the organisation `by` acts for is involved with the pupil with this BSN, from `van`
    (default today) for BETROKKENHEID_DUUR_DAGEN. Raises a Dutch ValidationError and stores nothing on bad
    input (a second active involvement of the same organisation with the same pupil included); a
    PermissionDenied for a role that may not record. Signals go out in the same transaction."""
    lidmaatschap = _lidmaatschap(by)
    nummer = schoon_bsn(bsn)
    _controleer_kenmerk(eigen_kenmerk)
    vandaag = timezone.localdate()
    van = van or vandaag
    if van > vandaag:
        raise ValidationError({"van": _("Een betrokkenheid begint vandaag of eerder, niet in de toekomst.")})
    tot = van + duur()
    if tot < vandaag:
        raise ValidationError({"van": _("Deze periode is al voorbij; kies een recentere datum.")})
    sleutel = bsn_sleutel(lidmaatschap.swv_id, nummer)
    with tracked_write(by):
        # Two organisations recording the same pupil at the same moment must still meet: one waits here.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"betrokkenheid:{sleutel}"])
        if (
            Betrokkenheid.objects.actief()
            .filter(swv_id=lidmaatschap.swv_id, sleutel=sleutel, organisatie_id=lidmaatschap.organisatie_id)
            .exists()
        ):
            raise ValidationError(
                {"bsn": _("Uw organisatie is al betrokken bij deze leerling. Verleng die betrokkenheid.")}
            )
        betrokkenheid = Betrokkenheid(
            swv_id=lidmaatschap.swv_id,
            sleutel=sleutel,
            leerling=Leerling.objects.filter(swv_id=lidmaatschap.swv_id, bsn=nummer).first(),
            organisatie_id=lidmaatschap.organisatie_id,
            gebruiker=by,
            contact_naam=contact_naam,
            contact_telefoon=contact_telefoon,
            contact_email=contact_email,
            eigen_kenmerk=eigen_kenmerk,
            van=van,
            tot=tot,
        )
        betrokkenheid.full_clean()
        betrokkenheid.save()
        _signaleer(betrokkenheid)
        audit_log(
            actor=by,
            action=AuditEvent.Action.CREATE,
            obj=betrokkenheid,
            leerling=betrokkenheid.leerling,
            reason="betrokkenheid vastgelegd",
        )
    return betrokkenheid


def _sluit_signaaltaken(ids: list[int]) -> None:
    """Close the open tasks of the signals to and about these involvements (the contact is moot)."""
    Taak.objects.filter(
        pk__in=Betrokkenheidssignaal.objects.filter(
            Q(betrokkenheid_id__in=ids) | Q(andere_id__in=ids), taak__isnull=False
        ).values("taak_id"),
        afgehandeld_op__isnull=True,
    ).update(afgehandeld_op=timezone.now())


def betrokkenheid_verlengen(*, betrokkenheid: Betrokkenheid, by) -> Betrokkenheid:
    """Renew: the involvement now runs until BETROKKENHEID_DUUR_DAGEN from today."""
    _lidmaatschap(by)
    with tracked_write(by):
        rij = Betrokkenheid.objects.select_for_update().get(pk=betrokkenheid.pk)
        if rij.beeindigd_op is not None:
            raise ValidationError(_("Deze betrokkenheid is beëindigd; leg zo nodig een nieuwe vast."))
        rij.tot = max(rij.tot, timezone.localdate() + duur())
        rij.verlengd_op = timezone.now()
        rij.full_clean()
        rij.save(update_fields=["tot", "verlengd_op"])
        audit_log(
            actor=by,
            action=AuditEvent.Action.UPDATE,
            obj=rij,
            leerling=rij.leerling,
            reason="betrokkenheid verlengd",
        )
    return rij


def betrokkenheid_beeindigen(*, betrokkenheid: Betrokkenheid, by) -> Betrokkenheid:
    """End the involvement now; the other organisations' open signal tasks about it close too."""
    _lidmaatschap(by)
    with tracked_write(by):
        rij = Betrokkenheid.objects.select_for_update().get(pk=betrokkenheid.pk)
        if rij.beeindigd_op is not None:
            raise ValidationError(_("Deze betrokkenheid is al beëindigd."))
        rij.beeindigd_op = timezone.now()
        rij.reden_einde = Betrokkenheid.Einde.BEEINDIGD
        rij.save(update_fields=["beeindigd_op", "reden_einde"])
        _sluit_signaaltaken([rij.pk])
        audit_log(
            actor=by,
            action=AuditEvent.Action.UPDATE,
            obj=rij,
            leerling=rij.leerling,
            reason="betrokkenheid beëindigd",
        )
    return rij


def betrokkenheden_laten_verlopen(peildatum: datetime.date | None = None) -> int:
    """End every involvement whose period is over on `peildatum` (default today): set-based, idempotent
    (an ended row is not touched again). Returns how many ended."""
    peildatum = peildatum or timezone.localdate()
    with tracked_write(None):
        ids = list(
            Betrokkenheid.objects.actief()
            .filter(tot__lt=peildatum)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Betrokkenheid.objects.filter(pk__in=ids).update(
            beeindigd_op=timezone.now(), reden_einde=Betrokkenheid.Einde.VERLOPEN
        )
        _sluit_signaaltaken(ids)
    return len(ids)
