"""The TLV decision letter (beschikking) for the ouders as PDF, in the style of the plan PDF (cases/pdf.py).

The BSN is never printed: the template gets the names, date of birth and school, not the pupil object."""

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Tlv
from .pdf import PdfNietBeschikbaar


def tlv_html(tlv: Tlv) -> str:
    leerling = tlv.leerling
    return render_to_string(
        "cases/tlv/pdf.html",
        {
            "tlv": tlv,
            "swv_naam": tlv.swv.naam,
            "leerling_naam": f"{leerling.voornaam} {leerling.achternaam}".strip(),
            "geboortedatum": leerling.geboortedatum,
            "school": tlv.casus.school.naam,
            # Discipline, date and outcome only; the advices themselves go to the ouders as copies.
            "adviezen": list(tlv.adviezen.all()),
            "ouders": list(leerling.ouders.filter(gezag=True).values_list("voornaam", "achternaam")),
            "gemaakt_op": timezone.localdate(),
        },
    )


def tlv_als_pdf(tlv: Tlv) -> bytes:
    try:
        from weasyprint import CSS, HTML  # type: ignore[import-untyped]
    except OSError as fout:
        raise PdfNietBeschikbaar(str(fout)) from fout
    from django.contrib.staticfiles import finders

    # The plan PDF's stylesheet: one look for every letter to the ouders.
    stylesheet = finders.find("css/plan-pdf.css")
    return HTML(string=tlv_html(tlv)).write_pdf(stylesheets=[CSS(filename=stylesheet)])
