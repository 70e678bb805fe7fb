"""The agenda and the minutes by e-mail to the invited (issue 13, "Output"; decision 68).

Two steps, so that a status change that rolls back sends nothing and a retried task mails nobody twice:

1. `verzending_aanvragen` (inside the caller's transaction: the agenda's status change in
   `services.overleg_status_zetten`, or `notulen_versturen`) writes one `Verzending` row per invited person
   with an e-mail address who did not get this kind yet, and queues the Celery task with
   `transaction.on_commit`: a rolled-back change leaves no row and queues nothing.
2. `verzendingen_uitvoeren` (the task `oogo.tasks.oogo_documenten_versturen`) renders the PDF once and
   mails each row still without `verstuurd_op`, one row at a time under a row lock, setting `verstuurd_op`
   in the same transaction. A retry, a second worker (SKIP LOCKED) or a repeated request finds those rows
   done. A mail server that fails leaves the row waiting; the next run (a retry or "Notulen versturen"
   again) sends it.

The mail body names the meeting and links to it (SITE_URL, docs/operations.md); the PDF is attached. No
pupil data is in these documents (agreements between the SWV and the gemeenten).

Part oogo-afwerking: the agenda mail also carries the meeting as an .ics file (oogo/kalender.py, the same
UID as the download and the feed, so a calendar that has it replaces the entry instead of adding one).
A meeting cancelled after its agenda went out gets the kind "annulering": a short mail with the .ics in
STATUS:CANCELLED, only to the people the agenda reached (their agenda row has `verstuurd_op`), to the
address it went to. Same two steps, so it is sent once.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from swv.core.services import is_person, tracked_write

from .kalender import kalender
from .models import Deelname, Overleg, Verzending
from .workflow import OverlegStatus

logger = logging.getLogger(__name__)

Soort = Verzending.Soort


def verzending_aanvragen(*, overleg: Overleg, soort: str, by) -> int:
    """Record who gets `soort` of this meeting and queue the task after commit; returns the new rows.

    Call inside the transaction of the change that asks for it. Persons already sent (or waiting for)
    this kind get no second row (unique per meeting, kind, person)."""
    al = set(Verzending.objects.filter(overleg=overleg, soort=soort).values_list("persoon_id", flat=True))
    nieuw = [
        Verzending(
            swv_id=overleg.swv_id,
            overleg=overleg,
            soort=soort,
            persoon=d.persoon,
            email=d.persoon.email,
            aangevraagd_door=by if is_person(by) else None,
        )
        for d in Deelname.objects.filter(overleg=overleg)
        .exclude(persoon__email="")
        .select_related("persoon")
        .order_by("pk")
        if d.persoon_id not in al
    ]
    Verzending.objects.bulk_create(nieuw)
    if nieuw or Verzending.objects.filter(overleg=overleg, soort=soort, verstuurd_op__isnull=True).exists():
        transaction.on_commit(partial(verzending_aanbieden, overleg.pk, soort))
    return len(nieuw)


def annulering_aanvragen(*, overleg: Overleg, by) -> int:
    """The cancellation mail to everyone who got the agenda of this (now cancelled) meeting; returns the new
    rows. Call inside the transaction that cancels it. A person whose agenda mail never left gets none:
    for them nothing is in a calendar to take out (and their waiting agenda is not sent any more)."""
    al = set(
        Verzending.objects.filter(overleg=overleg, soort=Soort.ANNULERING).values_list(
            "persoon_id", flat=True
        )
    )
    nieuw = [
        Verzending(
            swv_id=overleg.swv_id,
            overleg=overleg,
            soort=Soort.ANNULERING,
            persoon_id=agenda.persoon_id,
            email=agenda.email,
            aangevraagd_door=by if is_person(by) else None,
        )
        for agenda in Verzending.objects.filter(
            overleg=overleg, soort=Soort.AGENDA, verstuurd_op__isnull=False
        ).order_by("pk")
        if agenda.persoon_id not in al
    ]
    Verzending.objects.bulk_create(nieuw)
    if nieuw:
        transaction.on_commit(partial(verzending_aanbieden, overleg.pk, Soort.ANNULERING))
    return len(nieuw)


def notulen_versturen(*, overleg: Overleg, by) -> int:
    """ "Notulen versturen": the minutes of a held meeting to every invited person not sent them yet."""
    with tracked_write(by):
        Overleg.objects.select_for_update().filter(pk=overleg.pk).first()
        overleg.refresh_from_db(fields=["status"])
        if overleg.status != OverlegStatus.GEHOUDEN:
            raise ValidationError(_("De notulen kunnen pas worden verstuurd als het overleg is gehouden."))
        if not Deelname.objects.filter(overleg=overleg).exclude(persoon__email="").exists():
            raise ValidationError(_("Geen van de genodigden heeft een e-mailadres in het partnerregister."))
        return verzending_aanvragen(overleg=overleg, soort=Soort.NOTULEN, by=by)


def verzending_aanbieden(overleg_id: int, soort: str) -> bool:
    """Put the sending on the Celery queue. Never raises: the request is committed, and the waiting rows
    are sent by the next run ("Notulen versturen" again, or a retry)."""
    from .tasks import oogo_documenten_versturen

    try:
        # No publish retries: a broker that is down must not hold the web request for seconds.
        oogo_documenten_versturen.apply_async((overleg_id, soort), retry=False)
    except Exception:
        logger.warning("oogo-verzending %s/%s: broker onbereikbaar", overleg_id, soort, exc_info=True)
        return False
    return True


def _link(overleg: Overleg) -> str:
    pad = reverse("oogo:overleg", args=[overleg.pk])
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{pad}"


def overleg_ics(overleg: Overleg) -> bytes:
    """The meeting as an .ics file for a mail: the same VEVENT (UID, SEQUENCE, STATUS) as the download
    and the feed, so a calendar replaces its entry; a cancelled meeting is in it as STATUS:CANCELLED."""
    return kalender([overleg], url_voor=_link)


def _bestandsnaam(overleg: Overleg, soort: str, extensie: str) -> str:
    datum = timezone.localtime(overleg.begin).date().isoformat()
    return f"{soort}-{slugify(overleg.titel) or 'overleg'}-{datum}.{extensie}"


def _bericht(
    overleg: Overleg, soort: str, verzending: Verzending, pdf: bytes | None, ics: bytes | None = None
) -> EmailMessage:
    context = {
        "overleg": overleg,
        "soort": soort,
        "naam": verzending.persoon.naam,
        "link": _link(overleg),
        "gemeenten": [g.naam for g in overleg.gemeenten.all()],
    }
    sjabloon = "oogo_annulering" if soort == Soort.ANNULERING else "oogo_document"
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = " ".join(render_to_string(f"emails/{sjabloon}_onderwerp.txt", context).split())
        tekst = render_to_string(f"emails/{sjabloon}.txt", context)
    bericht = EmailMessage(onderwerp, tekst, None, [verzending.email])
    if pdf is not None:
        bericht.attach(_bestandsnaam(overleg, soort, "pdf"), pdf, "application/pdf")
    if ics is not None:
        # method=PUBLISH as in the file itself (decision 64): the calendar imports or replaces the entry;
        # no ORGANIZER/ATTENDEE, so no client offers to answer an invitation nobody reads.
        bericht.attach(
            _bestandsnaam(overleg, soort, "ics"), ics, "text/calendar; method=PUBLISH; charset=utf-8"
        )
    return bericht


def verzendingen_uitvoeren(overleg_id: int, soort: str) -> int:
    """Mail every waiting row of this meeting and kind; returns the number mailed. Idempotent."""
    from .documenten import agenda_pdf, notulen_pdf

    overleg = Overleg.objects.prefetch_related("gemeenten", "agendapunten").filter(pk=overleg_id).first()
    if (
        overleg is None
        or not Verzending.objects.filter(
            overleg_id=overleg_id, soort=soort, verstuurd_op__isnull=True
        ).exists()
    ):
        return 0
    if soort == Soort.AGENDA and overleg.status == OverlegStatus.GEANNULEERD:
        # Cancelled before this agenda left: the invitation would announce a meeting that will not be
        # held. The rows stay waiting (never sent), so these people get no cancellation either.
        return 0
    pdf: bytes | None = None
    ics: bytes | None = None
    with translation.override(settings.LANGUAGE_CODE):
        if soort == Soort.AGENDA:
            pdf = agenda_pdf(overleg)
        elif soort == Soort.NOTULEN:
            pdf = notulen_pdf(overleg)
        if soort in (Soort.AGENDA, Soort.ANNULERING):
            ics = overleg_ics(overleg)
    verstuurd = 0
    for pk in Verzending.objects.filter(
        overleg_id=overleg_id, soort=soort, verstuurd_op__isnull=True
    ).values_list("pk", flat=True):
        with transaction.atomic():
            verzending = (
                Verzending.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("persoon")
                .filter(pk=pk, verstuurd_op__isnull=True)
                .first()
            )
            if verzending is None:  # sent meanwhile, or another worker holds it
                continue
            try:
                _bericht(overleg, soort, verzending, pdf, ics).send(fail_silently=False)
            except OSError:
                # The row stays waiting; the next run sends it. No address in the log (personal data).
                logger.exception("oogo-verzending mislukt", extra={"verzending_id": verzending.pk})
                continue
            verzending.verstuurd_op = timezone.now()
            verzending.save(update_fields=["verstuurd_op"])
            verstuurd += 1
    return verstuurd
