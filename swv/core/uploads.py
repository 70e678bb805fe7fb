"""Uploaded documents, for every app (decision 72): check by content, store privately, serve audited.

Moved here from the cases and partners apps so an app builds on the platform instead of copying another
app's helper (docs/how-to-add-an-app.md):

- `herken(f)`: the kind of a file from its content (magic bytes and, for ZIP formats, the table of
  contents; no extraction), never from its name or the browser's type. No library: the few signatures are
  stable and python-magic needs libmagic (docs/decisions.md).
- `controleer_upload(upload, toegestaan=..., max_bytes=...)`: size, empty, kind; a Dutch ValidationError
  that says when the name promises an allowed kind the content is not (a program renamed to .pdf).
- `MapStorage` / `documenten_storage()`: a private storage (no URLs, swv/core/storage.py) in a directory
  of its own under MEDIA_ROOT, or any backend by setting (an S3-compatible store, decision 63); the
  shared `documenten` storage (settings.STORAGES) where apps keep their files under their own prefix.
- `willekeurig_pad(prefix, extensie)`: a storage name without anything from the upload's name.
- `bestand_response(...)`: the one way a stored file reaches a user: an attachment typed by the checked
  content, nosniff, no-store, with an audit event (action download) per download. The caller has checked
  who may see the object.
- `verwijderen_na_commit(fieldfile)`: a removed document's file goes only once the removal is committed.
"""

from __future__ import annotations

import logging
import os
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .storage import PrivateStorage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Soort:
    extensie: str
    content_type: str


PDF = Soort("pdf", "application/pdf")
DOCX = Soort("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = Soort("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
ODT = Soort("odt", "application/vnd.oasis.opendocument.text")
ODS = Soort("ods", "application/vnd.oasis.opendocument.spreadsheet")
PNG = Soort("png", "image/png")
JPEG = Soort("jpg", "image/jpeg")
PER_EXTENSIE = {s.extensie: s for s in (PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG)}

# How a kind is named to a person in an error or a help text.
NAMEN = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "odt": "OpenDocument (.odt)",
    "ods": "OpenDocument (.ods)",
    "xlsx": "Excel (.xlsx)",
    "png": "PNG",
    "jpg": "JPEG",
}

_ODF = {"application/vnd.oasis.opendocument.text": ODT, "application/vnd.oasis.opendocument.spreadsheet": ODS}


def _zip_soort(f: IO[bytes]) -> Soort | None:
    try:
        with zipfile.ZipFile(f) as z:
            namen = set(z.namelist())
            if "mimetype" in namen:
                return _ODF.get(z.read("mimetype")[:100].decode("ascii", "replace").strip())
            if "[Content_Types].xml" not in namen or any(n.lower().endswith("vbaproject.bin") for n in namen):
                return None  # not OOXML, or it carries macros
            if "word/document.xml" in namen:
                return DOCX
            if "xl/workbook.xml" in namen:
                return XLSX
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def herken(f: IO[bytes]) -> Soort | None:
    """The document's kind from its content, or None when it is not one we know."""
    f.seek(0)
    begin = f.read(16)
    f.seek(0)
    try:
        if begin.startswith(b"%PDF-"):
            return PDF
        if begin.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if begin.startswith(b"\xff\xd8\xff"):
            return JPEG
        if begin.startswith(b"PK\x03\x04"):
            return _zip_soort(f)
        return None
    finally:
        f.seek(0)


def soorten(extensies: Iterable[str]) -> list[Soort]:
    """The known kinds among `extensies` (a setting's list), in its order."""
    return [PER_EXTENSIE[e] for e in extensies if e in PER_EXTENSIE]


def toegestaan_tekst(extensies: Iterable[str]) -> str:
    return ", ".join(NAMEN.get(s.extensie, s.extensie) for s in soorten(extensies))


def controleer_upload(upload, *, toegestaan: Iterable[str], max_bytes: int) -> Soort:
    """The upload's kind by content, or a Dutch ValidationError (size, empty, kind; a name that lies).

    `toegestaan`: the extensions of the kinds this app accepts (its setting); `max_bytes`: its size limit."""
    toegestaan = list(toegestaan)
    if upload is None:
        raise ValidationError(_("Kies een bestand."), code="verplicht")
    if upload.size > max_bytes:
        raise ValidationError(
            _("Het bestand is %(mb).1f MB; de grens is %(max)d MB.")
            % {"mb": upload.size / 1024 / 1024, "max": max_bytes // 1024 // 1024},
            code="te_groot",
        )
    if upload.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")
    toegestane = soorten(toegestaan)
    soort = herken(upload)
    if soort is None or soort not in toegestane:
        naam = (getattr(upload, "name", "") or "").lower()
        extensie = naam.rsplit(".", 1)[-1] if "." in naam else ""
        extensie = "jpg" if extensie == "jpeg" else extensie
        if extensie in {s.extensie for s in toegestane}:
            # The name promises an allowed kind the content is not (e.g. a program renamed to .pdf).
            raise ValidationError(
                _(
                    "Dit bestand heet .%(ext)s, maar de inhoud is geen %(soort)s. Het is niet opgeslagen. "
                    "Toegestaan: %(toegestaan)s."
                )
                % {
                    "ext": extensie,
                    "soort": NAMEN.get(extensie, extensie),
                    "toegestaan": toegestaan_tekst(toegestaan),
                },
                code="inhoud",
            )
        raise ValidationError(
            _(
                "Dit soort bestand kan niet worden opgeslagen. Toegestaan: %(toegestaan)s; bestanden met macro's niet."
            )
            % {"toegestaan": toegestaan_tekst(toegestaan)},
            code="soort",
        )
    return soort


# --- storage ---


@deconstructible
class MapStorage(PrivateStorage):
    """A private storage in the directory `map` under MEDIA_ROOT, looked up when used (so it follows the
    setting, also in tests); the `location` option sets another place."""

    map = "documenten"

    @cached_property
    def base_location(self):
        eigen = getattr(self, "_location", None)  # the `location` option, when one was given
        return self._value_or_setting(eigen, os.path.join(settings.MEDIA_ROOT, self.map))


@deconstructible
class DocumentenStorage(MapStorage):
    """The shared `documenten` storage: MEDIA_ROOT/documenten unless DOCUMENTEN_ROOT/DOCUMENTEN_STORAGE say
    otherwise (settings/base.py). Each app keeps its files under its own prefix (`oogo/...`)."""

    map = "documenten"


def documenten_storage():
    """The shared document storage named in settings (callable, so a deployment or test can swap it
    without a migration)."""
    return storages["documenten"]


def willekeurig_pad(prefix: str, extensie: str) -> str:
    # Never the uploaded name in the path (it may hold a person's name): the prefix and a random part.
    return f"{prefix.strip('/')}/{uuid.uuid4().hex}.{extensie}"


def _verwijder(storage, naam: str) -> None:
    try:
        storage.delete(naam)
    except OSError:
        logger.exception("documentbestand niet verwijderd", extra={"bestand": naam})


def verwijderen_na_commit(storage, naam: str | None) -> None:
    """Delete the stored file once the surrounding transaction commits (a rollback keeps it)."""
    if naam:
        transaction.on_commit(partial(_verwijder, storage, naam))


def bestand_response(
    request, bestand, *, filename: str, content_type: str, obj, reason: str, leerling=None
) -> FileResponse:
    """The stored file `bestand` (a FieldFile) as an attachment, with one audit event (download) for `obj`.
    Http404 when the file is gone. Who may see `obj` is the caller's check."""
    from swv.audit.models import AuditEvent
    from swv.audit.services import audit_log

    if not bestand.name:
        raise Http404
    try:
        geopend = bestand.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit_log(request=request, action=AuditEvent.Action.DOWNLOAD, obj=obj, leerling=leerling, reason=reason)
    response = FileResponse(geopend, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
