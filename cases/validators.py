"""Check digits of Dutch pupil identifiers, via python-stdnum (never hand-written)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn, onderwijsnummer

NEGEN_CIJFERS = re.compile(r"^[0-9]{9}$")


def validate_bsn(value: str) -> None:
    # stdnum pads short numbers with zeros; a stored BSN must be typed as all nine digits.
    if not NEGEN_CIJFERS.match(value or "") or not bsn.is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: een BSN heeft negen cijfers en een kloppend controlecijfer."),
            code="bsn",
        )


def validate_onderwijsnummer(value: str) -> None:
    if not NEGEN_CIJFERS.match(value or "") or not onderwijsnummer.is_valid(value):
        raise ValidationError(
            _(
                "Dit is geen geldig onderwijsnummer: het heeft negen cijfers, begint met 10 "
                "en heeft een kloppend controlecijfer."
            ),
            code="onderwijsnummer",
        )


def normaliseer_nummer(value: str) -> str:
    """Strip spaces, dots and dashes a person may type (123 456 782 -> 123456782)."""
    return re.sub(r"[\s.\-]", "", value or "")
