"""Export and print of the partner list, the people list, the routekaart and the dekkend netwerk (issue 9).

Each export takes the same GET parameters as its page and asks the same selector (or the page's own
`partnerlijst` / `personen_filters`), so a download holds what the page shows for those filters, with
every matching row rather than the page of 50. `?formaat=` chooses the output:

- `csv` and `xlsx`: a download through the platform's one writer (`swv.core.exports`: formula cells
  neutralised, streamed CSV, write-only XLSX), named after the list and the date;
- `afdruk` (the default): a printable page with the whole table and no navigation, filters or buttons
  (templates/partners/afdrukken.html, `@media print` in static/css/app.css). It needs no JavaScript:
  the browser's print command prints it; a small static script adds an "Afdrukken" button.

Key people's names and contact details are personal data: the people list and the routekaart write one
audit row per export ("export") or print page ("read") before any row is produced, as the pages do.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.exports import EXPORT_FORMATEN, export_response
from swv.core.tenancy import acting_swv

from . import selectors
from .forms import DekkendNetwerkFilterForm, RoutekaartFilterForm
from .models import Sleutelfiguur
from .views import partnerlijst
from .views_personen import personen_filters

AFDRUK = "afdruk"
FORMATEN = (*EXPORT_FORMATEN, AFDRUK)
# Rows fetched per round trip for the list exports: memory stays flat whatever the number of rows.
CHUNK = 2000


@dataclass
class Tabel:
    """One export: what the file and the print page hold."""

    titel: str  # the print page's heading and the XLSX sheet's name
    stam: str  # the file name's stem ("personen" -> personen-2026-11-30.csv)
    pagina: str  # the list page's URL name, for "terug" with the same filters
    kolommen: list[str]
    rijen: Iterable[Sequence[Any]]
    filters: list[tuple[str, str]] = field(default_factory=list)


def _swv(request: HttpRequest):
    swv = acting_swv(request.user)
    if swv is None:  # pragma: no cover - partners.module requires a membership
        raise PermissionDenied
    return swv


def _filterbeschrijving(form: forms.Form) -> list[tuple[str, str]]:
    """The chosen filters in words ("Gemeente: Gemeente Heuvelrijk") for the print page's heading."""
    if not form.is_bound or not form.is_valid():
        return []
    beschrijving = []
    for naam, waarde in form.cleaned_data.items():
        if waarde in (None, "", [], ()):
            continue
        veld = form.fields[naam]
        if isinstance(veld, forms.ChoiceField) and not isinstance(veld, forms.ModelChoiceField):
            tekst = str(dict(veld.choices).get(waarde, waarde))  # type: ignore[arg-type]
        else:
            tekst = str(waarde)
        beschrijving.append((str(veld.label), tekst))
    return beschrijving


def _ja_nee(waarde: bool) -> str:
    return _("ja") if waarde else _("nee")


def _antwoord(request: HttpRequest, tabel: Tabel, formaat: str) -> HttpResponseBase:
    if formaat == AFDRUK:
        query = request.GET.copy()
        query.pop("formaat", None)
        return render(
            request,
            "partners/afdrukken.html",
            {
                "tabel": tabel,
                "rijen": list(tabel.rijen),
                "terug_url": reverse(tabel.pagina) + (f"?{query.urlencode()}" if query else ""),
                "gemaakt_op": timezone.localtime(),
            },
        )
    return export_response(formaat, tabel.stam, tabel.kolommen, tabel.rijen, sheet=tabel.titel)


def _formaat(request: HttpRequest) -> str | None:
    formaat = request.GET.get("formaat") or AFDRUK
    return formaat if formaat in FORMATEN else None


def _onbekend_formaat() -> HttpResponseBadRequest:
    return HttpResponseBadRequest(
        _("Onbekend formaat. Kies csv, xlsx of afdruk."), content_type="text/plain; charset=utf-8"
    )


def _log_personen(request: HttpRequest, object_id: str, formaat: str, filters: list[tuple[str, str]]) -> None:
    """Names and contact details leave the page: one row, written before the first row is produced."""
    audit_log(
        request=request,
        action=AuditEvent.Action.READ if formaat == AFDRUK else AuditEvent.Action.EXPORT,
        object_type="partners.sleutelfiguur",
        object_id=object_id,
        reason=f"{object_id} als {formaat}" + "".join(f"; {label}: {waarde}" for label, waarde in filters),
    )


# --- the partner list ---


def _organisatie_rijen(qs) -> Iterator[list[Any]]:
    # Per chunk: the key people are counted for the chunk's rows in one query (as the page does for its 50).
    rijen = qs.iterator(chunk_size=CHUNK)
    while chunk := list(itertools.islice(rijen, CHUNK)):
        yield from _organisatie_chunk(selectors.met_aantal_sleutelfiguren(chunk))


def _organisatie_chunk(organisaties) -> Iterator[list[Any]]:
    for o in organisaties:
        yield [
            o.naam,
            o.get_soort_display(),
            o.code,
            " ".join(p for p in (o.straat, o.huisnummer) if p),
            o.postcode,
            o.plaats,
            o.gemeente.naam if o.gemeente_id else "",
            o.telefoon,
            o.email,
            o.website,
            _ja_nee(o.actief),
            o.einddatum,
            o.aantal_sleutelfiguren,
        ]


@login_required
@permission_required("partners.module", raise_exception=True)
@require_GET
def organisaties_export(request: HttpRequest) -> HttpResponseBase:
    formaat = _formaat(request)
    if formaat is None:
        return _onbekend_formaat()
    filterset, qs = partnerlijst(request)
    tabel = Tabel(
        titel=_("Ketenpartners"),
        stam=_("ketenpartners"),
        pagina="partners:index",
        kolommen=[
            _("Naam"),
            _("Soort"),
            _("Code"),
            _("Adres"),
            _("Postcode"),
            _("Plaats"),
            _("Gemeente"),
            _("Telefoon"),
            _("E-mailadres"),
            _("Website"),
            _("Actief"),
            _("Einddatum"),
            _("Huidige sleutelfiguren"),
        ],
        rijen=_organisatie_rijen(qs),
        filters=_filterbeschrijving(filterset.form),
    )
    return _antwoord(request, tabel, formaat)


# --- the people list ---


def _periode_status(sf: Sleutelfiguur) -> str:
    if sf.is_komend:
        return _("nog niet begonnen")
    return _("nu in functie") if sf.is_huidig else _("beëindigd")


def _personen_rijen(qs) -> Iterator[list[Any]]:
    # chunk_size keeps the prefetch of the named gemeenten per chunk (Django >= 4.1).
    for sf in qs.iterator(chunk_size=CHUNK):
        yield [
            sf.persoon.naam,
            sf.functie,
            ", ".join(sf.onderwerpen or []),
            sf.organisatie.naam,
            sf.get_niveau_display(),
            ", ".join(g.naam for g in sf.gemeenten.all()) or _("werkgebied van de organisatie"),
            sf.telefoon or sf.persoon.telefoon,
            sf.email or sf.persoon.email,
            sf.van,
            sf.tot,
            _periode_status(sf),
        ]


@login_required
@permission_required("partners.module", raise_exception=True)
@require_GET
def personen_export(request: HttpRequest) -> HttpResponseBase:
    formaat = _formaat(request)
    if formaat is None:
        return _onbekend_formaat()
    form, filters = personen_filters(request)
    beschrijving = _filterbeschrijving(form)
    _log_personen(request, "personen", formaat, beschrijving)
    tabel = Tabel(
        titel=_("Personen en sleutelfiguren"),
        stam=_("personen"),
        pagina="partners:personen",
        kolommen=[
            _("Naam"),
            _("Functie"),
            _("Onderwerpen"),
            _("Organisatie"),
            _("Niveau"),
            _("Aanspreekpunt voor"),
            _("Telefoon"),
            _("E-mailadres"),
            _("Van"),
            _("Tot"),
            _("Status"),
        ],
        rijen=_personen_rijen(selectors.personen(request.user, **filters)),
        filters=beschrijving,
    )
    return _antwoord(request, tabel, formaat)


# --- the routekaart ---


def _routekaart_rijen(kaart: selectors.Routekaart) -> Iterator[list[Any]]:
    """One row per key person per gemeente and level; a level without anyone is a row that says so."""

    def persoon(sf: Sleutelfiguur) -> list[Any]:
        return [
            sf.persoon.naam,
            sf.functie,
            sf.organisatie.naam,
            sf.telefoon or sf.persoon.telefoon,
            sf.email or sf.persoon.email,
        ]

    for rij in kaart.gemeenten:
        regio = rij.gemeente.jeugdzorgregio.naam if rij.gemeente.jeugdzorgregio else ""
        for niveau in rij.niveaus:
            if not niveau.sleutelfiguren:
                yield [rij.gemeente.naam, regio, niveau.label, _("Geen contact bekend"), "", "", "", ""]
            for sf in niveau.sleutelfiguren:
                yield [rij.gemeente.naam, regio, niveau.label, *persoon(sf)]
    for niveau in kaart.regionaal:
        for sf in niveau.sleutelfiguren:
            yield [_("Hele regio"), "", niveau.label, *persoon(sf)]


@login_required
@permission_required("partners.module", raise_exception=True)
@require_GET
def routekaart_export(request: HttpRequest) -> HttpResponseBase:
    formaat = _formaat(request)
    if formaat is None:
        return _onbekend_formaat()
    # The routekaart page's filter form and selector: the export holds what the page shows for them
    # (a chosen gemeente or jeugdzorgregio, otherwise the whole werkgebied).
    form = RoutekaartFilterForm(request.GET or None, request=request)
    gemeente = jeugdzorgregio = None
    if form.is_bound and form.is_valid():
        gemeente = form.cleaned_data["gemeente"]
        jeugdzorgregio = form.cleaned_data["jeugdzorgregio"]
    beschrijving = _filterbeschrijving(form)
    _log_personen(request, "routekaart", formaat, beschrijving)
    kaart = selectors.routekaart(swv=_swv(request), gemeente=gemeente, jeugdzorgregio=jeugdzorgregio)
    tabel = Tabel(
        titel=_("Routekaart sleutelfiguren"),
        stam=_("routekaart"),
        pagina="partners:routekaart",
        kolommen=[
            _("Gemeente"),
            _("Jeugdzorgregio"),
            _("Niveau"),
            _("Naam"),
            _("Functie"),
            _("Organisatie"),
            _("Telefoon"),
            _("E-mailadres"),
        ],
        rijen=_routekaart_rijen(kaart),
        filters=beschrijving,
    )
    return _antwoord(request, tabel, formaat)


# --- the dekkend netwerk ---


def _dekkend_netwerk_rijen(overzicht: selectors.DekkendNetwerk) -> Iterator[list[Any]]:
    """One row per doelgroep and gemeente (a cell of the page's table), with its verdict in words."""
    for rij in overzicht.rijen:
        for cel in rij.cellen:
            if cel.geen_voorziening:
                oordeel = _("Gat: geen voorziening")
            elif cel.alleen_knelpunten:
                oordeel = _("Gat: alle voorzieningen vol of wachttijd te lang")
            else:
                oordeel = _("Gedekt")
            yield [
                rij.label,
                cel.gemeente.naam,
                "; ".join(f"{v.naam} ({v.aanbieder.naam})" for v in cel.voorzieningen),
                len(cel.voorzieningen),
                cel.capaciteit,
                cel.bezetting,
                cel.vrije_plekken,
                cel.kortste_wachttijd_weken,
                oordeel,
            ]


@login_required
@permission_required("partners.module", raise_exception=True)
@require_GET
def dekkend_netwerk_export(request: HttpRequest) -> HttpResponseBase:
    formaat = _formaat(request)
    if formaat is None:
        return _onbekend_formaat()
    form = DekkendNetwerkFilterForm(request.GET or None, request=request)
    doelgroep = gemeente = None
    if form.is_bound and form.is_valid():
        doelgroep = form.cleaned_data["doelgroep"] or None
        gemeente = form.cleaned_data["gemeente"]
    overzicht = selectors.dekkend_netwerk(swv=_swv(request), doelgroep=doelgroep, gemeente=gemeente)
    tabel = Tabel(
        titel=_("Dekkend netwerk"),
        stam=_("dekkend-netwerk"),
        pagina="partners:dekkend_netwerk",
        kolommen=[
            _("Doelgroep"),
            _("Gemeente"),
            _("Voorzieningen (aanbieder)"),
            _("Aantal voorzieningen"),
            _("Capaciteit"),
            _("Bezetting"),
            _("Vrije plekken"),
            _("Kortste wachttijd (weken)"),
            _("Oordeel"),
        ],
        rijen=_dekkend_netwerk_rijen(overzicht),
        filters=_filterbeschrijving(form),
    )
    return _antwoord(request, tabel, formaat)
