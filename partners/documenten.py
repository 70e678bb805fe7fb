"""Which agreement documents are accepted: checked by content (magic bytes), not by name or browser type.

A signed agreement is a PDF, a Word/Excel/OpenDocument file or a scan (PNG/JPEG). Anything else — HTML,
SVG, scripts, executables, macro-enabled Office files — is refused, whatever its name says, because the
file is later opened by colleagues. The check reads the first bytes and, for ZIP-based formats, the ZIP's
table of contents (no extraction). No library: the few signatures are stable and a dependency such as
python-magic needs libmagic (docs/decisions.md).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


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
    """The document's kind from its content, or None when it is not one we accept."""
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


def controleer(upload) -> Soort:
    """Check an uploaded document's size (AFSPRAAK_DOCUMENT_MAX_BYTES) and kind; Dutch ValidationError."""
    maximum = settings.AFSPRAAK_DOCUMENT_MAX_BYTES
    if upload.size > maximum:
        raise ValidationError(
            _("Het document is %(mb).1f MB; de grens is %(max)d MB.")
            % {"mb": upload.size / 1024 / 1024, "max": maximum // 1024 // 1024},
            code="te_groot",
        )
    if upload.size == 0:
        raise ValidationError(_("Het document is leeg."), code="leeg")
    soort = herken(upload)
    if soort is None:
        raise ValidationError(
            _(
                "Dit soort bestand kan niet als document worden opgeslagen. Toegestaan: PDF, Word (.docx), "
                "Excel (.xlsx), OpenDocument (.odt, .ods), PNG en JPEG; bestanden met macro's niet."
            ),
            code="soort",
        )
    return soort
