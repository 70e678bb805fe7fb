"""Documents with an agenda item (nota's, voorstellen, rapportages, presentaties): upload and removal.

Who may call these is the caller's check (the coordinator, `oogo.wijzigen`, on an item they see). The
platform keeps the rules (swv/core/uploads.py, decision 72): the kind comes from the content, only
OOGO_DOCUMENT_SOORTEN up to OOGO_DOCUMENT_MAX_BYTES are stored, the storage name holds nothing of the
upload's name. Every write is in the write history (pghistory, `by`).

When: documents may be added to an item of a meeting that is planned, whose agenda was sent, or that was
held (a presentation shown in the meeting, a report promised there, are added afterwards); not to an item of
a cancelled meeting, which was never discussed (its documents belong with the item where it is taken up).
Removal is always possible for the coordinator; the row goes, its history stays, the file goes after the
commit (a rollback keeps it).
"""

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from swv.core import uploads
from swv.core.services import is_person, tracked_write

from .models import Agendapunt, AgendapuntDocument, Overleg
from .workflow import OverlegStatus

logger = logging.getLogger(__name__)


def controleer_bestand(upload) -> uploads.Soort:
    """The upload's kind by content with the OOGO's settings, or a Dutch ValidationError."""
    return uploads.controleer_upload(
        upload, toegestaan=settings.OOGO_DOCUMENT_SOORTEN, max_bytes=settings.OOGO_DOCUMENT_MAX_BYTES
    )


def _sha256(bestand) -> str:
    digest = hashlib.sha256()
    bestand.seek(0)
    for stuk in bestand.chunks():
        digest.update(stuk)
    bestand.seek(0)
    return digest.hexdigest()


def document_toevoegen(*, agendapunt: Agendapunt, by, titel: str, soort: str, bestand) -> AgendapuntDocument:
    """Store `bestand` with the item after checking its content. Bad input raises a Dutch ValidationError
    (per field) and stores nothing, no file either."""
    fouten: dict[str, list[str]] = {}
    titel = (titel or "").strip()
    if not titel:
        fouten["titel"] = [_("Geef het document een titel.")]
    if soort not in AgendapuntDocument.Soort.values:
        fouten["soort"] = [_("Kies het soort document.")]
    gecontroleerd: uploads.Soort | None = None
    try:
        gecontroleerd = controleer_bestand(bestand)
    except ValidationError as fout:
        fouten["bestand"] = fout.messages
    if fouten or gecontroleerd is None:
        raise ValidationError(fouten)
    document = AgendapuntDocument(
        swv_id=agendapunt.swv_id,
        agendapunt=agendapunt,
        titel=titel,
        soort=soort,
        extensie=gecontroleerd.extensie,
        content_type=gecontroleerd.content_type,
        grootte=bestand.size,
        sha256=_sha256(bestand),
        geupload_door=by if is_person(by) else None,
    )
    document.full_clean(exclude=["bestand"])
    with tracked_write(by):
        # Lock the meeting: a cancellation at the same moment either comes first (refused here) or after.
        status = (
            Overleg.objects.select_for_update().values_list("status", flat=True).get(pk=agendapunt.overleg_id)
        )
        if status == OverlegStatus.GEANNULEERD:
            raise ValidationError(
                _("Een agendapunt van een geannuleerd overleg krijgt geen documenten meer.")
            )
        bestand.seek(0)
        document.bestand.save("upload", bestand, save=False)
        # A write that fails after the file was stored must not leave the file behind in the storage.
        try:
            document.save()
        except Exception:
            if document.bestand.name:
                document.bestand.storage.delete(document.bestand.name)
            raise
    logger.info(
        "oogo-document toegevoegd", extra={"agendapunt_id": agendapunt.pk, "document_id": document.pk}
    )
    return document


def document_verwijderen(*, document: AgendapuntDocument, by) -> None:
    """Remove the document: the row goes (its history stays), the file after the commit."""
    with tracked_write(by):
        document = AgendapuntDocument.objects.select_for_update().get(pk=document.pk)
        storage, naam = document.bestand.storage, document.bestand.name
        document.delete()
        uploads.verwijderen_na_commit(storage, naam)
    logger.info("oogo-document verwijderd", extra={"document_id": document.pk})
