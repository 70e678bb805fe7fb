"""The plan as a PDF for the ouders (WeasyPrint, docs/architecture.md; decision in docs/decisions.md).

Rendered from an HTML template with a simple NL Design System look. The BSN is never printed: the
template gets only the fields it shows (names, school, date of birth), not the pupil object."""

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Actie, Plan


def plan_html(plan: Plan) -> str:
    casus = plan.casus
    leerling = casus.leerling
    return render_to_string(
        "cases/plan_pdf.html",
        {
            "plan": plan,
            # Only what the ouders read; the pupil object (with its BSN) is not handed to the template.
            "leerling_naam": f"{leerling.voornaam} {leerling.achternaam}".strip(),
            "geboortedatum": leerling.geboortedatum,
            "school": casus.school.naam,
            "acties": Actie.objects.filter(casus=casus, plan=plan).select_related(
                "eigenaar_organisatie", "eigenaar_persoon"
            ),
            "ouders": list(leerling.ouders.filter(gezag=True).values_list("voornaam", "achternaam")),
            "gemaakt_op": timezone.localdate(),
        },
    )


class PdfNietBeschikbaar(Exception):
    """WeasyPrint cannot load the Pango library of the operating system (a machine without it)."""


def plan_als_pdf(plan: Plan) -> bytes:
    # Imported here: WeasyPrint loads Pango through cffi, which only the PDF download needs. Without the
    # system library (apt: libpango-1.0-0 libpangoft2-1.0-0; .ci/run installs it) the import raises
    # OSError: the page then says so in Dutch instead of a 500 (docs/operations.md).
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except OSError as fout:
        raise PdfNietBeschikbaar(str(fout)) from fout

    from django.contrib.staticfiles import finders
    from weasyprint import CSS

    # The look is a static stylesheet, not a <style> in the template: templates hold no inline CSS (CSP
    # test in tests/core/test_headers.py), and the same file is reviewable beside the site's CSS.
    stylesheet = finders.find("css/plan-pdf.css")
    return HTML(string=plan_html(plan)).write_pdf(stylesheets=[CSS(filename=stylesheet)])
