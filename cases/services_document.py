"""Writes of a case's documents (issue 11): upload (checked by content), replace, remove.

Who may call these is the caller's check (`get_casus_for_user` and `cases.rules`). These keep the rules:
the file's kind is recognised from its content (magic bytes and, for ZIP formats, the table of contents,
partners/documenten.py `herken`), never from its name or the browser's type; only the kinds in
CASUS_DOCUMENT_SOORTEN and up to CASUS_DOCUMENT_MAX_BYTES are stored. The storage path holds no name from
the upload (models/document.py). Every write is tracked (pghistory, `by`) and put on the tijdlijn.

Replace keeps the old version as history (`vervangen_door`); remove deletes the file after the commit and
keeps the row (who, when, why) so the tijdlijn and the audit still say a document existed. Documents of a
pupil whose data the retention job anonymises are deleted with their files (cases/retention.py).
"""

import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.documenten import PER_EXTENSIE, Soort, herken
from swv.core.services import tracked_write

from .models import Casus, CasusDocument
from .tijdlijn import tijdlijn_toevoegen

logger = logging.getLogger(__name__)

_NAMEN = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "odt": "OpenDocument (.odt)",
    "ods": "OpenDocument (.ods)",
    "xlsx": "Excel (.xlsx)",
    "png": "PNG",
    "jpg": "JPEG",
}


def toegestane_soorten() -> list[Soort]:
    return [PER_EXTENSIE[e] for e in settings.CASUS_DOCUMENT_SOORTEN if e in PER_EXTENSIE]


def toegestaan_tekst() -> str:
    return ", ".join(_NAMEN.get(s.extensie, s.extensie) for s in toegestane_soorten())


def controleer_bestand(upload) -> Soort:
    """The upload's kind by content, or a Dutch ValidationError (size, empty, kind; a name that lies)."""
    maximum = settings.CASUS_DOCUMENT_MAX_BYTES
    if upload is None:
        raise ValidationError(_("Kies een bestand."), code="verplicht")
    if upload.size > maximum:
        raise ValidationError(
            _("Het bestand is %(mb).1f MB; de grens is %(max)d MB.")
            % {"mb": upload.size / 1024 / 1024, "max": maximum // 1024 // 1024},
            code="te_groot",
        )
    if upload.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")
    soort = herken(upload)
    if soort is None or soort not in toegestane_soorten():
        naam = (getattr(upload, "name", "") or "").lower()
        extensie = naam.rsplit(".", 1)[-1] if "." in naam else ""
        extensie = "jpg" if extensie == "jpeg" else extensie
        if extensie in {s.extensie for s in toegestane_soorten()}:
            # The name promises an allowed kind the content is not (e.g. a program renamed to .pdf).
            raise ValidationError(
                _(
                    "Dit bestand heet .%(ext)s, maar de inhoud is geen %(soort)s. Het is niet opgeslagen. "
                    "Toegestaan: %(toegestaan)s."
                )
                % {
                    "ext": extensie,
                    "soort": _NAMEN.get(extensie, extensie),
                    "toegestaan": toegestaan_tekst(),
                },
                code="inhoud",
            )
        raise ValidationError(
            _(
                "Dit soort bestand kan niet worden opgeslagen. Toegestaan: %(toegestaan)s; bestanden met macro's niet."
            )
            % {"toegestaan": toegestaan_tekst()},
            code="soort",
        )
    return soort


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


def _verwijder_bestand(storage, naam: str) -> None:
    try:
        storage.delete(naam)
    except OSError:
        logger.exception("documentbestand niet verwijderd", extra={"bestand": naam})


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
        if naam:
            transaction.on_commit(partial(_verwijder_bestand, storage, naam))
    logger.info("document verwijderd", extra={"document_id": document.pk})
    return document
