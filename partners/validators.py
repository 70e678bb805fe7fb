"""Validators for the identifiers in the partner registry (python-stdnum does the checking)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import brin


def valideer_vestigingscode(value: str) -> None:
    """A school's vestigingscode: a BRIN number (4 characters, `stdnum.nl.brin`) plus 2 digits (05KO00)."""
    code = (value or "").strip().upper()
    if len(code) != 6 or not code[4:].isdigit():
        raise ValidationError(
            _(
                "Een vestigingscode bestaat uit 6 tekens: het BRIN-nummer plus 2 cijfers, bijvoorbeeld 05KO00."
            ),
            code="vestigingscode",
        )
    try:
        brin.validate(code[:4])
    except StdnumValidationError:
        raise ValidationError(
            _("%(code)s begint niet met een geldig BRIN-nummer (2 cijfers en 2 letters of cijfers)."),
            code="brin",
            params={"code": code[:4]},
        ) from None


_CBS_CODE = re.compile(r"^\d{4}$")


def valideer_cbs_code(value: str) -> None:
    """A gemeente's CBS code: 4 digits, leading zeros kept (0363 = Amsterdam)."""
    if not _CBS_CODE.match(value or ""):
        raise ValidationError(
            _("Een CBS-gemeentecode bestaat uit 4 cijfers, bijvoorbeeld 0363."), code="cbs_code"
        )


_SWV_CODE = re.compile(r"^(PO|VO)\d{4}$")


def valideer_swv_code(value: str) -> None:
    """An SWV's administration number at DUO: PO or VO and 4 digits (PO2707)."""
    if not _SWV_CODE.match(value or ""):
        raise ValidationError(
            _("Een SWV-code bestaat uit PO of VO en 4 cijfers, bijvoorbeeld PO2707."), code="swv_code"
        )


# Four digits (the first not 0), two letters; PostNL never issues SA, SD and SS.
_POSTCODE = re.compile(r"^([1-9]\d{3})\s?([A-Z]{2})$")
# Already written as PostNL does: the common case of a DUO import (50,000 rows), answered by one match.
_POSTCODE_NETJES = re.compile(r"[1-9][0-9]{3} [A-RT-Z][A-Z]|[1-9][0-9]{3} S[B-CE-RT-Z]")


def normaliseer_postcode(value: str) -> str:
    """A Dutch postcode as PostNL writes it ("1234 AB"), from "1234AB", "1234 ab" or " 1234  AB ".

    Raises a Dutch ValidationError for anything else (`12AB 3`). Empty stays empty (the field is optional).
    """
    if value and _POSTCODE_NETJES.fullmatch(value):
        return value
    postcode = " ".join((value or "").upper().split())
    if not postcode:
        return ""
    match = _POSTCODE.match(postcode)
    if not match or match.group(2) in {"SA", "SD", "SS"}:
        raise ValidationError(
            _("Een postcode bestaat uit 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."), code="postcode"
        )
    return f"{match.group(1)} {match.group(2)}"
