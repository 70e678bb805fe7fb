"""The data pack of a meeting for one gemeente: "Figures on the table" (issue 13, docs/oogo.md "Data pack").

`samenstellen(overleg, gemeente, peildatum)` gathers aggregates only, from the other apps' selectors:
thuiszitters and verzuimmeldingen (thuiszitters.selectors_monitor, already suppressed there), cases, TLVs
and arrangementen (cases.selectors, raw counts suppressed here with the monitor's `onderdruk`), the
dekkend netwerk and the routekaart gaps (partners.selectors). No pupil, no name of a pupil, no raw count
of 1-4 leaves this module: such a count is "<5", a cell that would give one back is "x" (docs/verzuim.md
"Small counts"). The result is plain JSON (str, int, None, list, dict): `Datapakket.inhoud` stores it
when the agenda is sent, so the minutes show the figures that were discussed (decision 67).

A pupil belongs to a gemeente by `Leerling.woongemeente`; a thuiszitter registration by its own gemeente
(the pupil's woongemeente unless chosen otherwise; the monitor's definition). The number of queries does
not depend on the number of pupils (tests/oogo/test_datapakket.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cases import selectors as cases_selectors
from cases.models.arrangement import ArrangementStatus
from cases.models.tlv import SOORTEN_PER_SECTOR, TlvSoort, TlvStatus
from cases.workflow import GESLOTEN, Status
from partners import selectors as partners_selectors
from partners.models.voorzieningen import Doelgroep
from thuiszitters import selectors_monitor as monitor
from thuiszitters.models.melding import SoortVerzuim

# The version of the shape of `inhoud`: a template can still read an older frozen pack.
VERSIE = 1


def _cel(cel: monitor.Cel) -> dict[str, Any]:
    return {"waarde": cel.waarde, "weergave": cel.weergave}


def _onderdrukt(waarden: dict[Hashable, int], relaties: Iterable[tuple[Hashable, Sequence[Hashable]]]):
    """The monitor's suppression (one helper for the platform) on raw counts: key -> cell dict."""
    verborgen = monitor.onderdruk(waarden, relaties)
    return {
        key: {"waarde": None, "weergave": verborgen[key]}
        if key in verborgen
        else {"waarde": waarde, "weergave": str(waarde)}
        for key, waarde in waarden.items()
    }


def _sectie(
    sleutel: str,
    titel: str,
    toelichting: str,
    kolommen: list[str],
    rijen: list[dict[str, Any]],
    *,
    grafiek: bool = True,
    teksten: list[str] | None = None,
) -> dict[str, Any]:
    """One subject: a table (`kolommen`, `rijen` of cells), whether a cell was hidden, and a bar chart of
    the same figures (a hidden figure is null: a gap)."""
    onderdrukt = any(c["waarde"] is None for r in rijen for c in r["cellen"])
    sectie: dict[str, Any] = {
        "sleutel": sleutel,
        "titel": titel,
        "toelichting": toelichting,
        "kolommen": kolommen,
        "rijen": rijen,
        "onderdrukt": onderdrukt,
        "teksten": teksten or [],
        "grafiek": None,
    }
    if grafiek and rijen:
        sectie["grafiek"] = {
            "labels": [r["label"] for r in rijen],
            "reeksen": [
                {"label": kolom, "waarden": [r["cellen"][i]["waarde"] for r in rijen]}
                for i, kolom in enumerate(kolommen)
            ],
        }
    return sectie


def _periode(peildatum: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """From the start of the school year of `peildatum` up to and including that day, as local times."""
    tz = timezone.get_current_timezone()
    begin = monitor.schooljaar_begin(monitor.schooljaar_van(peildatum))
    return (
        datetime.datetime.combine(begin, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(peildatum + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz),
    )


def _thuiszitters(swv_id: int, gemeente, peildatum: datetime.date) -> dict[str, Any]:
    cellen = monitor.kerncijfers_gemeente(swv=swv_id, peildatum=peildatum, gemeente=gemeente)
    rijen = [{"label": str(label), "cellen": [_cel(cellen[key])]} for key, label in monitor.KERNCIJFERS]
    return _sectie(
        "thuiszitters",
        _("Thuiszitters"),
        _(
            "Langdurig relatief en absoluut verzuim, geregistreerd bij deze gemeente, in het schooljaar tot "
            "en met de peildatum (zoals de verzuimmonitor)."
        ),
        [_("Aantal")],
        rijen,
    )


def _verzuimmeldingen(swv_id: int, gemeente, peildatum: datetime.date) -> dict[str, Any]:
    cellen = monitor.verzuimmeldingen_gemeente(swv=swv_id, peildatum=peildatum, gemeente=gemeente)
    rijen = [{"label": str(label), "cellen": [_cel(cellen[soort])]} for soort, label in SoortVerzuim.choices]
    totaal_cel = _cel(cellen["totaal"])
    totaal: dict[str, Any] = {"label": _("Totaal"), "cellen": [totaal_cel]}
    sectie = _sectie(
        "verzuimmeldingen",
        _("Verzuimmeldingen"),
        _(
            "Meldingen over leerlingen die in deze gemeente wonen, gedaan in het schooljaar tot en met de "
            "peildatum, naar vermoedelijke soort verzuim (ingetrokken meldingen tellen niet)."
        ),
        [_("Aantal")],
        rijen,
    )
    sectie["rijen"].append(totaal)  # under the table, not in the chart (it would dwarf the soorten)
    sectie["onderdrukt"] = sectie["onderdrukt"] or totaal_cel["waarde"] is None
    return sectie


def _casussen(swv_id: int, gemeente, van, tot) -> dict[str, Any]:
    ruw = cases_selectors.casus_tellingen_gemeente(swv=swv_id, gemeente=gemeente, van=van, tot=tot)
    open_statussen = [s for s in Status.values if s not in GESLOTEN and s != Status.CONCEPT]
    # Keys of their own per status: "aangemeld" is a status and a count of the year too.
    waarden: dict[Hashable, int] = {("status", s): ruw[f"open_{s}"] for s in open_statussen}
    waarden["open"] = sum(waarden.values())
    waarden["in_jaar_aangemeld"] = ruw["aangemeld"]
    waarden["in_jaar_afgesloten"] = ruw["afgesloten"]
    cellen = _onderdrukt(waarden, [("open", [("status", s) for s in open_statussen])])
    labels = dict(Status.choices)
    rijen = [{"label": str(labels[s]), "cellen": [cellen[("status", s)]]} for s in open_statussen]
    rijen += [
        {"label": _("Lopende casussen totaal"), "cellen": [cellen["open"]]},
        {"label": _("Aangemeld dit schooljaar"), "cellen": [cellen["in_jaar_aangemeld"]]},
        {"label": _("Afgesloten dit schooljaar"), "cellen": [cellen["in_jaar_afgesloten"]]},
    ]
    return _sectie(
        "casussen",
        _("Casussen"),
        _(
            "Casussen van leerlingen die in deze gemeente wonen: de lopende per status nu, en de aangemelde "
            "en afgesloten in het schooljaar tot en met de peildatum."
        ),
        [_("Aantal")],
        rijen,
    )


def _kruistabel(
    ruw: dict[tuple[str, str], int], rijen_def: list[tuple[str, str]], kolommen_def: list[tuple[str, str]]
) -> tuple[list[str], list[dict[str, Any]]]:
    """A rows x columns table with row totals, column totals and the grand total, suppressed with every
    sum as a relation (so a hidden cell cannot be computed back from a total)."""
    waarden: dict[Hashable, int] = {}
    for r, _label in rijen_def:
        for k, _klabel in kolommen_def:
            waarden[(r, k)] = ruw.get((r, k), 0)
        waarden[(r, "totaal")] = sum(waarden[(r, k)] for k, _kl in kolommen_def)
    for k, _klabel in [*kolommen_def, ("totaal", "")]:
        waarden[("totaal", k)] = sum(waarden[(r, k)] for r, _l in rijen_def)
    relaties: list[tuple[Hashable, list[Hashable]]] = []
    for r, _label in [*rijen_def, ("totaal", "")]:
        relaties.append(((r, "totaal"), [(r, k) for k, _kl in kolommen_def]))
    for k, _klabel in [*kolommen_def, ("totaal", "")]:
        relaties.append((("totaal", k), [(r, k) for r, _l in rijen_def]))
    cellen = _onderdrukt(waarden, relaties)
    kolommen = [str(label) for _k, label in kolommen_def] + [_("Totaal")]
    rijen = [
        {"label": str(label), "cellen": [cellen[(r, k)] for k, _kl in [*kolommen_def, ("totaal", "")]]}
        for r, label in [*rijen_def, ("totaal", _("Totaal"))]
    ]
    return kolommen, rijen


def _met_grafiek_zonder_totalen(sectie: dict[str, Any]) -> dict[str, Any]:
    """The chart of a cross table: the rows and columns without their totals (stacked parts)."""
    rijen = sectie["rijen"][:-1]
    kolommen = sectie["kolommen"][:-1]
    sectie["grafiek"] = {
        "labels": [r["label"] for r in rijen],
        "reeksen": [
            {"label": kolom, "waarden": [r["cellen"][i]["waarde"] for r in rijen]}
            for i, kolom in enumerate(kolommen)
        ],
    }
    return sectie


def _tlvs(swv_id: int, sector: str, gemeente, van, tot) -> dict[str, Any]:
    ruw = cases_selectors.tlv_tellingen_gemeente(swv=swv_id, gemeente=gemeente, van=van, tot=tot)
    soorten = SOORTEN_PER_SECTOR.get(sector, frozenset(TlvSoort.values))
    rijen_def = [(s, str(label)) for s, label in TlvSoort.choices if s in soorten]
    kolommen_def = [(s, str(label)) for s, label in TlvStatus.choices]
    kolommen, rijen = _kruistabel(ruw, rijen_def, kolommen_def)
    sectie = _sectie(
        "tlvs",
        _("Toelaatbaarheidsverklaringen"),
        _(
            "TLV's voor leerlingen die in deze gemeente wonen, aangevraagd in het schooljaar tot en met de "
            "peildatum, naar soort en stand van het besluit."
        ),
        kolommen,
        rijen,
    )
    return _met_grafiek_zonder_totalen(sectie)


def _arrangementen(swv_id: int, gemeente) -> dict[str, Any]:
    ruw = cases_selectors.arrangement_tellingen_gemeente(swv=swv_id, gemeente=gemeente)
    # (doelgroep, status) rows x columns: the doelgroepen with an arrangement (a row of zeros says nothing).
    per_doelgroep = {(doelgroep, status): n for (status, doelgroep), n in ruw.items()}
    gebruikt = {doelgroep for doelgroep, _s in per_doelgroep}
    rijen_def = [(d, str(label)) for d, label in Doelgroep.choices if d in gebruikt]
    kolommen_def = [
        (s, str(label)) for s, label in ArrangementStatus.choices if s != ArrangementStatus.BEEINDIGD
    ]
    kolommen, rijen = _kruistabel(per_doelgroep, rijen_def, kolommen_def)
    sectie = _sectie(
        "arrangementen",
        _("Arrangementen"),
        _(
            "Lopende en aangevraagde arrangementen van leerlingen die in deze gemeente wonen, naar doelgroep "
            "van de voorziening (aangevraagd = op de wachtlijst)."
        ),
        kolommen,
        rijen,
    )
    return _met_grafiek_zonder_totalen(sectie)


def _dekkend_netwerk(swv_id: int, gemeente, peildatum: datetime.date) -> dict[str, Any]:
    netwerk = partners_selectors.dekkend_netwerk(swv=swv_id, gemeente=gemeente, op=peildatum)
    waarden: dict[tuple[str, str], int] = {}
    beoordeling: dict[str, str] = {}
    labels: dict[str, str] = {}
    for rij in netwerk.rijen:
        for cel in rij.cellen:  # one gemeente: one cell per doelgroep
            labels[rij.doelgroep] = rij.label
            # Occupancy and the waiting list count pupils: suppressed; capacity and provisions do not.
            waarden[(rij.doelgroep, "bezetting")] = cel.bezetting
            waarden[(rij.doelgroep, "wachtlijst")] = sum(v.wachtlijst for v in cel.voorzieningen)
            waarden[(rij.doelgroep, "capaciteit")] = cel.capaciteit
            waarden[(rij.doelgroep, "voorzieningen")] = len(cel.voorzieningen)
            beoordeling[rij.doelgroep] = (
                _("geen voorziening")
                if cel.geen_voorziening
                else _("alle voorzieningen vol of wachttijd te lang")
                if cel.alleen_knelpunten
                else _("voorziening met plek")
            )
    tellingen: dict[Hashable, int] = {k: v for k, v in waarden.items() if k[1] in ("bezetting", "wachtlijst")}
    cellen = _onderdrukt(tellingen, [])
    for k, v in waarden.items():
        if k not in cellen:
            cellen[k] = {"waarde": v, "weergave": str(v)}
    maten = ("voorzieningen", "capaciteit", "bezetting", "wachtlijst")
    rijen = [
        {
            "label": labels[d],
            "cellen": [cellen[(d, m)] for m in maten],
            "beoordeling": beoordeling[d],
        }
        for d in labels
    ]
    sectie = _sectie(
        "dekkend_netwerk",
        _("Dekkend netwerk"),
        _(
            "Voorzieningen die op de peildatum lopen en deze gemeente bedienen (regionale voorzieningen "
            "tellen voor elke gemeente), met capaciteit, bezetting (ingevoerd plus arrangementen) en "
            "wachtlijst, per doelgroep."
        ),
        [_("Voorzieningen"), _("Capaciteit"), _("Bezetting"), _("Wachtlijst")],
        rijen,
        teksten=[str(t) for t in netwerk.gaten],
    )
    sectie["kolom_beoordeling"] = _("Beoordeling")
    # The chart: capacity against occupancy (none for a gemeente outside the werkgebied: no rows).
    sectie["grafiek"] = (
        None
        if not rijen
        else {
            "labels": [r["label"] for r in rijen],
            "reeksen": [
                {"label": _("Capaciteit"), "waarden": [r["cellen"][1]["waarde"] for r in rijen]},
                {"label": _("Bezetting"), "waarden": [r["cellen"][2]["waarde"] for r in rijen]},
            ],
        }
    )
    return sectie


def _routekaart(swv_id: int, gemeente, peildatum: datetime.date) -> dict[str, Any]:
    overzicht = partners_selectors.routekaart_gaten(swv=swv_id, op=peildatum)
    teksten = [t for gat in overzicht.gaten if gat.gemeente_id == gemeente.pk for t in gat.teksten]
    return _sectie(
        "routekaart",
        _("Gaten in de routekaart"),
        _("Niveaus van de routekaart waarop voor deze gemeente niemand bekend is in de sociale kaart."),
        [],
        [],
        grafiek=False,
        teksten=[str(t) for t in teksten],
    )


def samenstellen(overleg, gemeente, peildatum: datetime.date) -> dict[str, Any]:
    """The data pack of `overleg` for `gemeente` (an Organisatie of soort gemeente) on `peildatum`.

    JSON-serialisable; one section per subject, each with its table, `onderdrukt` (a count was hidden),
    its chart data and texts. The caller checks who may see it (oogo/querysets.py, decision 62)."""
    swv_id = overleg.swv_id
    sector = overleg.swv.sector
    van, tot = _periode(peildatum)
    schooljaar = monitor.schooljaar_van(peildatum)
    secties = [
        _thuiszitters(swv_id, gemeente, peildatum),
        _verzuimmeldingen(swv_id, gemeente, peildatum),
        _casussen(swv_id, gemeente, van, tot),
        _tlvs(swv_id, sector, gemeente, van, tot),
        _arrangementen(swv_id, gemeente),
        _dekkend_netwerk(swv_id, gemeente, peildatum),
        _routekaart(swv_id, gemeente, peildatum),
    ]
    return {
        "versie": VERSIE,
        "overleg_id": overleg.pk,
        "gemeente": {"id": gemeente.pk, "naam": gemeente.naam, "code": gemeente.code},
        "peildatum": peildatum.isoformat(),
        "schooljaar": monitor.schooljaar_label(schooljaar),
        "drempel": monitor.DREMPEL,
        "onderdrukt": any(s["onderdrukt"] for s in secties),
        "secties": secties,
    }


def peildatum_voor(overleg, vandaag: datetime.date | None = None) -> datetime.date:
    """The day the figures are counted to: today (the day the agenda is sent or the preview is read), but
    never after the meeting itself."""
    vandaag = vandaag or timezone.localdate()
    return min(vandaag, timezone.localtime(overleg.begin).date())
