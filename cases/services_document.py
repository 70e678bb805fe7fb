"""Writes of a case's documents (issue 11): upload (checked by content), replace, remove.

Who may call these is the caller's check (`get_casus_for_user` and `cases.rules`). These keep the rules:
the file's kind is recognised from its content (magic bytes and, for ZIP formats, the table of contents,
swv/core/uploads.py `herken`), never from its name or the browser's type; only the kinds in
CASUS_DOCUMENT_SOORTEN and up to CASUS_DOCUMENT_MAX_BYTES are stored. The storage path holds no name from
the upload (models/document.py). Every write is tracked (pghistory, `by`) and put on the tijdlijn.

Replace keeps the old version as history (`vervangen_door`); remove deletes the file after the commit and
keeps the row (who, when, why) so the tijdlijn and the audit still say a document existed. Documents of a
pupil whose data the retention job anonymises are deleted with their files (cases/retention.py).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.core import uploads
from swv.core.services import tracked_write
from swv.core.uploads import Soort

from .models import Casus, CasusDocument
from .tijdlijn import tijdlijn_toevoegen

logger = logging.getLogger(__name__)

_NAMEN = uploads.NAMEN


def toegestane_soorten() -> list[Soort]:
    return uploads.soorten(settings.CASUS_DOCUMENT_SOORTEN)


def toegestaan_tekst() -> str:
    return uploads.toegestaan_tekst(settings.CASUS_DOCUMENT_SOORTEN)


def controleer_bestand(upload) -> Soort:
    """The upload's kind by content, or a Dutch ValidationError (size, empty, kind; a name that lies).
    The check is the platform's (swv/core/uploads.py) with this app's settings."""
    return uploads.controleer_upload(
        upload, toegestaan=settings.CASUS_DOCUMENT_SOORTEN, max_bytes=settings.CASUS_DOCUMENT_MAX_BYTES
    )


def _door(by) -> dict:
    if getattr(by, "is_api_client", False):
        return {"api_client": by.api_client}
    if getattr(by, "is_authenticated", False):
        return {"geupload_door": by}
    return {}


def document_toevoegen(
    *, casus: Casus, soort: str, titel: str, bestand, by, vervangt: CasusDocument | None = None
) -> CasusDocument:
    """Store `bestand` on the case after checking its content; with `vervangt`, as its new version.
    Bad input raises a Dutch ValidationError and stores nothing (no file is left behind either)."""
    if soort not in CasusDocument.Soort.values:
        raise ValidationError({"soort": _("Kies het soort document.")})
    titel = (titel or "").strip()
    if not titel:
        raise ValidationError({"titel": _("Geef het document een titel.")})
    try:
        gecontroleerd = controleer_bestand(bestand)
    except ValidationError as fout:
        raise ValidationError({"bestand": fout.messages}) from fout
    if vervangt is not None and (vervangt.casus_id != casus.pk or not vervangt.is_actueel):
        raise ValidationError(
            _("Alleen de actuele versie van een document van deze casus kan worden vervangen.")
        )
    document = CasusDocument(
        swv_id=casus.swv_id,
        casus=casus,
        soort=soort,
        titel=titel,
        extensie=gecontroleerd.extensie,
        content_type=gecontroleerd.content_type,
        grootte=bestand.size,
        oorspronkelijke_naam=(getattr(bestand, "name", "") or "")[:200],
        **_door(by),
    )
    document.full_clean(exclude=["bestand"])
    with tracked_write(by):
        if vervangt is not None:
            # Lock the old version: two replacements at once would both point at it otherwise.
            oud = CasusDocument.objects.select_for_update().get(pk=vervangt.pk)
            if not oud.is_actueel:
                raise ValidationError(_("Dit document is intussen al vervangen of verwijderd."))
        bestand.seek(0)
        document.bestand.save("upload", bestand, save=False)
        # A write that fails after the file was stored must not leave the file behind in the storage.
        try:
            document.save()
            if vervangt is not None:
                CasusDocument.objects.filter(pk=vervangt.pk).update(vervangen_door=document)
            tijdlijn_toevoegen(
                casus=casus,
                soort="document",
                titel=(
                    _("Nieuwe versie van document: %(titel)s")
                    if vervangt is not None
                    else _("Document toegevoegd: %(titel)s")
                )
                % {"titel": titel},
                toelichting=document.get_soort_display(),
                by=by,
                obj=document,
            )
        except Exception:
            if document.bestand.name:
                document.bestand.storage.delete(document.bestand.name)
            raise
    logger.info("document toegevoegd", extra={"casus_id": casus.pk, "document_id": document.pk})
    return document


def document_verwijderen(*, document: CasusDocument, by, reden: str) -> CasusDocument:
    """Remove the document: the file goes (after the commit), the row stays with who/when/why."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden_verwijderen": _("Geef de reden waarom het document wordt verwijderd.")})
    with tracked_write(by):
        document = CasusDocument.objects.select_for_update().select_related("casus").get(pk=document.pk)
        if document.verwijderd_op is not None:
            raise ValidationError(_("Dit document is al verwijderd."))
        naam = document.bestand.name
        storage = document.bestand.storage
        document.verwijderd_op = timezone.now()
        document.reden_verwijderen = reden[:250]
        document.bestand = ""
        document.save(update_fields=["verwijderd_op", "reden_verwijderen", "bestand"])
        tijdlijn_toevoegen(
            casus=document.casus,
            soort="document",
            titel=_("Document verwijderd: %(titel)s") % {"titel": document.titel},
            toelichting=reden,
            by=by,
            obj=document,
        )
        uploads.verwijderen_na_commit(storage, naam)
    logger.info("document verwijderd", extra={"document_id": document.pk})
    return document
