"""The agenda and the minutes of an OOGO meeting as PDF (issue 13, "Output").

Same WeasyPrint set-up and stylesheet as the plan PDF (cases/pdf.py): an HTML template, the static
`css/plan-pdf.css` (no inline CSS in templates). The renderer fetches nothing: the url_fetcher refuses
every URL except inline `data:` ones, so a videolink or a URL in an outcome text never makes the server
call out while a PDF is made (and a slow site cannot hold a worker).

Callers check who may see the meeting (oogo/querysets.py); these functions only render.
"""

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from cases.pdf import PdfNietBeschikbaar
from partners.models import Sleutelfiguur

from . import selectors
from .models import Agendapunt, Overleg
from .workflow import ACTIEPUNT_OPEN, OverlegStatus

__all__ = ["PdfNietBeschikbaar", "agenda_html", "agenda_pdf", "notulen_html", "notulen_pdf"]


class NotulenNogNiet(Exception):
    """The minutes exist only once the meeting has been held."""


def _overleg(overleg: Overleg) -> Overleg:
    """The meeting with everything both documents print, in a fixed number of queries."""
    return (
        Overleg.objects.prefetch_related(
            "gemeenten",
            "deelnames__persoon",
            Prefetch(
                "agendapunten",
                queryset=Agendapunt.objects.select_related(
                    "ambitie", "indiener", "overgenomen_van__overleg"
                ).prefetch_related("besluiten", "actiepunten__eigenaar", "documenten"),
            ),
            "besluiten__agendapunt",
        )
        .select_related("swv")
        .get(pk=overleg.pk)
    )


def _context(overleg: Overleg) -> dict:
    overleg = _overleg(overleg)
    acties = list(selectors.opgevolgde_actiepunten(overleg).select_related("agendapunt"))
    return {
        "overleg": overleg,
        "swv_naam": overleg.swv.naam,
        "gemeenten": [g.naam for g in overleg.gemeenten.all()],
        "deelnames": sorted(
            overleg.deelnames.all(), key=lambda d: (d.persoon.achternaam, d.persoon.voornaam)
        ),
        "agendapunten": list(overleg.agendapunten.all()),
        "besluiten": list(overleg.besluiten.all()),
        # Agreed in this meeting (new) and carried here from an earlier one (followed up).
        "nieuwe_acties": [a for a in acties if a.overleg_id == overleg.pk],
        "opgevolgde_acties": [a for a in acties if a.overleg_id != overleg.pk],
        "open_acties": [a for a in acties if a.status in ACTIEPUNT_OPEN],
        "gemaakt_op": timezone.localdate(),
    }


def agenda_html(overleg: Overleg) -> str:
    return render_to_string("oogo/pdf/agenda.html", _context(overleg))


def notulen_html(overleg: Overleg) -> str:
    if overleg.status != OverlegStatus.GEHOUDEN:
        raise NotulenNogNiet
    context = _context(overleg)
    # The items this meeting handed to the next one (carry-over): the copy points back to them.
    context["overgenomen_naar"] = {
        p.overgenomen_van_id: p.overleg
        for p in Agendapunt.objects.filter(overgenomen_van__overleg=overleg).select_related("overleg")
    }
    for punt in context["agendapunten"]:
        punt.naar_overleg = context["overgenomen_naar"].get(punt.pk)
    context["doorgeschoven"] = [p for p in context["agendapunten"] if p.naar_overleg is not None]
    return render_to_string("oogo/pdf/notulen.html", context)


def _render(html: str) -> bytes:
    try:
        from weasyprint import CSS, HTML  # type: ignore[import-untyped]
        from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]
    except OSError as fout:  # no Pango on this machine (see cases/pdf.py)
        raise PdfNietBeschikbaar(str(fout)) from fout

    # Only inline data: every other URL (http, file) fails and the PDF renders without it.
    fetcher = URLFetcher(allowed_protocols=("data",))
    stylesheet = finders.find("css/plan-pdf.css")
    assert isinstance(stylesheet, str)
    with open(stylesheet, encoding="utf-8") as f:
        css = CSS(string=f.read(), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(stylesheets=[css])


def agenda_pdf(overleg: Overleg) -> bytes:
    """Title, kind, date and time, place or video link, gemeenten, the invited, the numbered agenda (theme,
    ambitie, toelichting, carried-over mark) and the open actions followed in this meeting."""
    return _render(agenda_html(overleg))


def notulen_pdf(overleg: Overleg) -> bytes:
    """Attendance, per item status and outcome, decisions, new actions (owner, deadline), carried-over items.
    Raises NotulenNogNiet for a meeting not held."""
    return _render(notulen_html(overleg))


def organisaties_van(personen_ids) -> dict[int, str]:
    """persoon id -> the organisations of their current roles in the registry ("Gemeente X, SWV Y")."""
    namen: dict[int, list[str]] = {}
    for persoon_id, naam in (
        Sleutelfiguur.objects.huidig()
        .filter(persoon_id__in=set(personen_ids))
        .order_by("organisatie__naam")
        .values_list("persoon_id", "organisatie__naam")
        .distinct()
    ):
        namen.setdefault(persoon_id, []).append(naam)
    return {pk: ", ".join(n) for pk, n in namen.items()}
