"""The Verzuimmonitor page and its exports (issue 12, "Monitor"; docs/verzuim.md "Monitor").

Thin views: the figures come from `selectors_monitor.monitor` (already suppressed), the reach from
`selectors_monitor.monitor_bereik` (the one rule), the file writing from `swv.core.exports`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from partners.models import Organisatie
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.exports import EXPORT_FORMATEN, export_response

from .selectors_monitor import (
    KOLOMMEN,
    MATEN,
    MonitorBereik,
    MonitorCijfers,
    maandeinden,
    monitor,
    monitor_bereik,
    schooljaar_einde,
    schooljaar_label,
    schooljaar_van,
    vorig_schooljaar,
)

# How many school years back the page offers (the B&W report looks one back; trends a few more).
JAREN_TERUG = 5
EXPORT_SOORTEN = ("inspectie", "jaaroverzicht")


class MonitorFilterForm(forms.Form):
    schooljaar = forms.TypedChoiceField(label=gettext_lazy("Schooljaar"), coerce=int, required=False)
    peildatum = forms.TypedChoiceField(
        label=gettext_lazy("Peildatum"),
        coerce=datetime.date.fromisoformat,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Het einde van een maand; leeg: zo recent mogelijk."),
    )
    gemeente = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=gettext_lazy("Alle gemeenten"),
    )

    def __init__(self, *args, request: HttpRequest, bereik: MonitorBereik, vandaag: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.vandaag = vandaag
        huidig = schooljaar_van(vandaag)
        jaren = list(range(huidig, huidig - JAREN_TERUG, -1))
        schooljaar_veld = self.fields["schooljaar"]
        assert isinstance(schooljaar_veld, forms.TypedChoiceField)
        schooljaar_veld.choices = [(j, schooljaar_label(j)) for j in jaren]
        # The peildatums of the school year asked for (the month ends): not any day, so two neighbouring
        # days cannot be subtracted to single out one registration (docs/verzuim.md "Monitor").
        gekozen = huidig
        if self.is_bound:
            try:
                gekozen = int(self.data.get("schooljaar") or huidig)
            except ValueError:
                gekozen = huidig
        peil_veld = self.fields["peildatum"]
        assert isinstance(peil_veld, forms.TypedChoiceField)
        peil_veld.choices = [("", _("Zo recent mogelijk"))] + [
            (d.isoformat(), date_format(d, "j F Y")) for d in maandeinden(gekozen)
        ]
        gemeente_veld = self.fields["gemeente"]
        assert isinstance(gemeente_veld, forms.ModelChoiceField)
        gemeenten = Organisatie.objects.visible_to(request.user).filter(soort=Organisatie.Soort.GEMEENTE)
        if bereik.gemeente_id is not None:
            # Held to one gemeente: the only choice, and the figures are that gemeente's whatever is sent.
            gemeenten = gemeenten.filter(pk=bereik.gemeente_id)
            gemeente_veld.empty_label = None
        gemeente_veld.queryset = gemeenten.order_by("naam")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        schooljaar = cleaned.get("schooljaar") or schooljaar_van(self.vandaag)
        cleaned["schooljaar"] = schooljaar
        peildatum = cleaned.get("peildatum")
        if peildatum is None:
            peildatum = min(_maandeinde(self.vandaag), schooljaar_einde(schooljaar))
        elif schooljaar_van(peildatum) != schooljaar:
            self.add_error("peildatum", _("Deze peildatum valt niet in het gekozen schooljaar."))
        cleaned["peildatum"] = peildatum
        return cleaned


def _maandeinde(dag: datetime.date) -> datetime.date:
    volgende = datetime.date(dag.year + (dag.month == 12), dag.month % 12 + 1, 1)
    return volgende - datetime.timedelta(days=1)


def _cijfers(bereik: MonitorBereik, *, schooljaar: int, peildatum: datetime.date, gemeente) -> MonitorCijfers:
    """The figures within the reach: a held gemeente wins over the filter."""
    gemeente_id = bereik.gemeente_id if bereik.gemeente_id is not None else getattr(gemeente, "pk", None)
    return monitor(
        swv=bereik.swv_id,
        schooljaar=schooljaar,
        peildatum=peildatum,
        gemeente=gemeente_id,
        per_school=bereik.per_school,
    )


def _filter(request: HttpRequest, bereik: MonitorBereik) -> tuple[MonitorFilterForm, dict | None]:
    vandaag = timezone.localdate()
    form = MonitorFilterForm(request.GET or None, request=request, bereik=bereik, vandaag=vandaag)
    if not form.is_bound:
        huidig = schooljaar_van(vandaag)
        return form, {"schooljaar": huidig, "peildatum": _maandeinde(vandaag), "gemeente": None}
    if form.is_valid():
        return form, form.cleaned_data
    return form, None


@login_required
@permission_required("thuiszitters.monitor", raise_exception=True)
@require_GET
def monitor_pagina(request: HttpRequest) -> HttpResponse:
    bereik = monitor_bereik(request.user)
    context: dict[str, object] = {"bereik": bereik, "kolommen": KOLOMMEN}
    if bereik is not None:
        form, keuze = _filter(request, bereik)
        context["form"] = form
        if keuze is not None:
            cijfers = _cijfers(bereik, **keuze)
            context["cijfers"] = cijfers
            context["trend_data"] = {
                "labels": [date_format(t.maand, "F Y") for t in cijfers.trend],
                "reeksen": [
                    {"label": _("Nieuwe thuiszitters"), "waarden": [t.nieuw.waarde for t in cijfers.trend]},
                    {
                        "label": _("Beëindigd (opgelost)"),
                        "waarden": [t.beeindigd.waarde for t in cijfers.trend],
                    },
                ],
            }
            context["export_query"] = request.GET.urlencode()
    response = render(request, "thuiszitters/monitor.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _inspectie_rijen(cijfers: MonitorCijfers):
    """One row per gemeente and a total: the shape of the Inspectie's thuiszittersregistratie."""
    for rij in [*cijfers.per_gemeente, cijfers.totaal]:
        yield [
            cijfers.schooljaar_label,
            cijfers.peildatum,
            rij.code,
            rij.naam,
            *(_exportwaarde(rij.cellen[key]) for key in MATEN),
        ]


def _exportwaarde(cel):
    # A number stays a number in the sheet; a hidden one is the text "<5" or "x", never its value.
    return cel.waarde if cel.waarde is not None else cel.weergave


def _jaaroverzicht(cijfers: MonitorCijfers) -> tuple[list[str], list[list[Any]]]:
    """The B&W year overview: one row per figure, one column per gemeente and the total."""
    eenheden = [*cijfers.per_gemeente, cijfers.totaal]
    header = [_("Onderdeel"), *(r.naam for r in eenheden)]
    rijen: list[list[Any]] = [
        [_("Schooljaar"), *(cijfers.schooljaar_label for _r in eenheden)],
        [_("Peildatum"), *(cijfers.peildatum for _r in eenheden)],
    ]
    for key, label in KOLOMMEN:
        rijen.append([str(label), *(_exportwaarde(r.cellen[key]) for r in eenheden)])
    return header, rijen


@login_required
@permission_required("thuiszitters.monitor", raise_exception=True)
@require_GET
def monitor_export(request: HttpRequest) -> HttpResponseBase:
    formaat = request.GET.get("formaat", "")
    soort = request.GET.get("soort", "inspectie")
    if formaat not in EXPORT_FORMATEN or soort not in EXPORT_SOORTEN:
        return HttpResponseBadRequest(_("Onbekend exportformaat."))
    bereik = monitor_bereik(request.user)
    if bereik is None:
        return HttpResponseBadRequest(_("Uw organisatie is niet aan een gemeente gekoppeld."))
    form, keuze = _filter(request, bereik)
    if keuze is None:
        return HttpResponseBadRequest(_("Controleer de filters van de monitor."))
    if soort == "jaaroverzicht":
        # The B&W report to the gemeenteraad (before 1 October) is about the last school year that ended,
        # unless a school year is chosen; always the whole year.
        gevraagd = bool(request.GET.get("schooljaar"))
        schooljaar = keuze["schooljaar"] if gevraagd else vorig_schooljaar(timezone.localdate())
        keuze = {**keuze, "schooljaar": schooljaar, "peildatum": schooljaar_einde(schooljaar)}
    cijfers = _cijfers(bereik, **keuze)
    # Aggregates only, but an export leaves the system: recorded before a byte is written.
    audit_log(
        request=request,
        action=AuditEvent.Action.EXPORT,
        object_type="thuiszitters.monitor",
        object_id=str(cijfers.gemeente_id or ""),
        reason=f"verzuimmonitor {soort} {formaat} {cijfers.schooljaar_label} peildatum {cijfers.peildatum}",
    )
    if soort == "jaaroverzicht":
        header, rijen = _jaaroverzicht(cijfers)
        return export_response(
            formaat,
            f"verzuim-jaaroverzicht-{cijfers.schooljaar_label}",
            header,
            rijen,
            sheet=_("Jaaroverzicht"),
        )
    header = [
        _("Schooljaar"),
        _("Peildatum"),
        _("Gemeentecode"),
        _("Gemeente"),
        *(str(lbl) for _k, lbl in KOLOMMEN),
    ]
    return export_response(
        formaat,
        f"thuiszittersregistratie-{cijfers.schooljaar_label}",
        header,
        _inspectie_rijen(cijfers),
        sheet=_("Thuiszitters"),
    )
