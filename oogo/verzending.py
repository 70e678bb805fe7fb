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


def _bericht(overleg: Overleg, soort: str, verzending: Verzending, pdf: bytes) -> EmailMessage:
    context = {
        "overleg": overleg,
        "soort": soort,
        "naam": verzending.persoon.naam,
        "link": _link(overleg),
        "gemeenten": [g.naam for g in overleg.gemeenten.all()],
    }
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = " ".join(render_to_string("emails/oogo_document_onderwerp.txt", context).split())
        tekst = render_to_string("emails/oogo_document.txt", context)
    bericht = EmailMessage(onderwerp, tekst, None, [verzending.email])
    datum = timezone.localtime(overleg.begin).date().isoformat()
    bericht.attach(f"{soort}-{slugify(overleg.titel) or 'overleg'}-{datum}.pdf", pdf, "application/pdf")
    # Hook: the calendar part may attach the meeting's ICS here (agenda mails only), e.g.
    # `bericht.attach("overleg.ics", ics_bytes, "text/calendar")`.
    return bericht


def verzendingen_uitvoeren(overleg_id: int, soort: str) -> int:
    """Mail every waiting row of this meeting and kind; returns the number mailed. Idempotent."""
    from .documenten import agenda_pdf, notulen_pdf

    overleg = Overleg.objects.prefetch_related("gemeenten").filter(pk=overleg_id).first()
    if (
        overleg is None
        or not Verzending.objects.filter(
            overleg_id=overleg_id, soort=soort, verstuurd_op__isnull=True
        ).exists()
    ):
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        pdf = agenda_pdf(overleg) if soort == Soort.AGENDA else notulen_pdf(overleg)
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
                _bericht(overleg, soort, verzending, pdf).send(fail_silently=False)
            except OSError:
                # The row stays waiting; the next run sends it. No address in the log (personal data).
                logger.exception("oogo-verzending mislukt", extra={"verzending_id": verzending.pk})
                continue
            verzending.verstuurd_op = timezone.now()
            verzending.save(update_fields=["verstuurd_op"])
            verstuurd += 1
    return verstuurd
