"""Which agreement documents are accepted: checked by content (magic bytes), not by name or browser type.

A signed agreement is a PDF, a Word/Excel/OpenDocument file or a scan (PNG/JPEG). Anything else — HTML,
SVG, scripts, executables, macro-enabled Office files — is refused, whatever its name says, because the
file is later opened by colleagues. The check reads the first bytes and, for ZIP-based formats, the ZIP's
table of contents (no extraction): `swv.core.uploads.herken`, the platform's recogniser.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The recogniser is the platform's (swv/core/uploads.py, decision 72); these names stay for the callers.
from swv.core.uploads import (  # noqa: F401
    DOCX,
    JPEG,
    ODS,
    ODT,
    PDF,
    PER_EXTENSIE,
    PNG,
    XLSX,
    Soort,
    _zip_soort,
    herken,
)


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
