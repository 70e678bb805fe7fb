"""The overdracht dossier as PDF for a receiver outside this installation (issue 11).

Same WeasyPrint set-up and stylesheet as the plan PDF (cases/pdf.py). Only the parts the sender chose
(`Overdracht.delen`) are in it, and never a BSN: the template gets the fields it prints, not the pupil."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Evaluatie, OtLid, Overdracht, Plan
from .pdf import PdfNietBeschikbaar
from .services_overdracht import AANMELDING_VELDEN


def dossier_html(overdracht: Overdracht) -> str:
    from .services_team import naam_lid

    casus = overdracht.casus
    leerling = casus.leerling
    delen = set(overdracht.delen)
    context = {
        "overdracht": overdracht,
        "leerling_naam": f"{leerling.voornaam} {leerling.achternaam}".strip(),
        "geboortedatum": leerling.geboortedatum,
        "gemaakt_op": timezone.localdate(),
        "delen": [Overdracht.Deel(d).label for d in overdracht.delen],
    }
    if Overdracht.Deel.AANMELDING in delen:
        context["aanmelding"] = [
            (getattr(casus._meta.get_field(naam), "verbose_name", naam), getattr(casus, naam))
            for naam in AANMELDING_VELDEN
        ]
    if Overdracht.Deel.PLAN in delen:
        context["plan"] = Plan.objects.filter(casus=casus, status=Plan.Status.VASTGESTELD).first()
    if Overdracht.Deel.EVALUATIES in delen:
        context["evaluaties"] = list(Evaluatie.objects.filter(casus=casus).order_by("datum"))
    if Overdracht.Deel.TEAM in delen:
        context["team"] = [
            (naam_lid(lid), lid.get_rol_display(), getattr(lid.organisatie, "naam", ""))
            for lid in OtLid.objects.actief()
            .filter(casus=casus)
            .select_related("organisatie", "persoon", "gebruiker", "ouder")
        ]
    return render_to_string("cases/overdracht/dossier_pdf.html", context)


def dossier_als_pdf(overdracht: Overdracht) -> bytes:
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except OSError as fout:  # no Pango on this machine (see cases/pdf.py)
        raise PdfNietBeschikbaar(str(fout)) from fout
    from weasyprint import CSS

    stylesheet = finders.find("css/plan-pdf.css")
    return HTML(string=dossier_html(overdracht)).write_pdf(stylesheets=[CSS(filename=stylesheet)])
