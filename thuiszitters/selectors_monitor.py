"""The verzuimmonitor: aggregate figures of thuiszitters per school year and peildatum (issue 12, "Monitor").

Read by the monitor page and its exports (thuiszitters/views_monitor.py) and by the OOGO data pack (issue 13):
`monitor(swv=..., schooljaar=..., peildatum=..., gemeente=...)` gives a `MonitorCijfers` in which every
small count is already suppressed; nothing outside this module sees a raw count below 5. Who may ask for
which figures is `monitor_bereik(user)`, the one rule (docs/verzuim.md "Monitor", docs/decisions.md 57).

Definitions (domain.md "Reporting"; docs/verzuim.md has the full table). A school year runs from 1 August
(S) to 31 July; figures count over S .. peildatum (P). A thuiszitter is a registration of soort langdurig
relatief verzuim or absoluut verzuim (OCW 2016 / Ingrado); vrijstellingen are a separate third group.
`einddatum` is the day the registration ended, so a pupil whose registration ends on 1 August is at home
at the start of the year and resolved on its first day. With these definitions
begin + nieuw - beeindigd = thuiszitters op de peildatum, exactly.

The counts are one grouped query (gemeente x school, conditional COUNT ... FILTER) and one per trend
series; the number of queries does not depend on the number of registrations.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, DateField, F, Func, Q, Value
from django.db.models.functions import Coalesce, Least, TruncMonth
from django.utils.translation import gettext_lazy as _

from cases.querysets import gemeente_van
from swv.core.acting import lidmaatschap_van
from swv.core.models import SWV_ROLLEN, Rol

from .models import Thuiszitter
from .models.thuiszitter import RedenEinde, SoortThuiszitter, Vrijstellingsartikel

# Counts from 1 to this are shown as "<5" (primary suppression); 0 is shown.
DREMPEL = 5
ONDERDRUKT = "<5"
# A cell hidden only so that a small one cannot be computed back from a total (secondary suppression).
AFGELEID_ONDERDRUKT = "x"

THUISZITTER_SOORTEN = (SoortThuiszitter.LANGDURIG_RELATIEF, SoortThuiszitter.ABSOLUUT)
# "Teruggeleid": back in onderwijs (alone or combined with zorg); other ends only close the registration.
TERUGGELEID_REDENEN = (RedenEinde.TERUG_NAAR_SCHOOL, RedenEinde.ANDERE_SCHOOL, RedenEinde.ONDERWIJS_ZORG)

# The columns, in the order of the page and of the Inspectie export: (key, label).
VRIJSTELLING_KOLOMMEN: tuple[tuple[str, str], ...] = tuple(
    (f"vrijstelling_{artikel.value}", artikel.value) for artikel in Vrijstellingsartikel
)
VRIJSTELLING_LABELS = {
    "vrijstelling_5a": _("Vrijstelling art. 5 onder a"),
    "vrijstelling_5b": _("Vrijstelling art. 5 onder b"),
    "vrijstelling_5c": _("Vrijstelling art. 5 onder c"),
    "vrijstelling_5_a": _("Vrijstelling art. 5a"),
    "vrijstelling_15": _("Vrijstelling art. 15"),
    "vrijstelling_3a_3b": _("Vrijstelling art. 3a/3b"),
}
KOLOMMEN: tuple[tuple[str, object], ...] = (
    ("begin", _("Thuiszitters begin schooljaar")),
    ("nieuw", _("Nieuwe thuiszitters")),
    ("beeindigd", _("Beëindigd (opgelost)")),
    ("teruggeleid", _("waarvan teruggeleid naar onderwijs")),
    ("langer_dan_3_maanden", _("Langer dan 3 maanden thuis")),
    ("absoluut", _("Absoluut verzuim")),
    ("absoluut_teruggeleid", _("Absoluut verzuim teruggeleid")),
    *((key, VRIJSTELLING_LABELS[key]) for key, _artikel in VRIJSTELLING_KOLOMMEN),
    ("vrijstellingen", _("Vrijstellingen totaal")),
)
MATEN = tuple(key for key, _label in KOLOMMEN)


# --- school year ---


def schooljaar_van(datum: datetime.date) -> int:
    """The school year a day falls in, as its first calendar year (1 Aug 2025 - 31 Jul 2026 -> 2025)."""
    return datum.year if datum.month >= 8 else datum.year - 1


def schooljaar_begin(schooljaar: int) -> datetime.date:
    return datetime.date(schooljaar, 8, 1)


def schooljaar_einde(schooljaar: int) -> datetime.date:
    return datetime.date(schooljaar + 1, 7, 31)


def schooljaar_label(schooljaar: int) -> str:
    return f"{schooljaar}-{schooljaar + 1}"


def vorig_schooljaar(vandaag: datetime.date) -> int:
    """The school year the B&W report (due before 1 October) is about: the last one that has ended."""
    return schooljaar_van(vandaag) - 1


def maandeinden(schooljaar: int) -> list[datetime.date]:
    """The last day of each month of the school year: the peildatums the page offers."""
    result = []
    for i in range(12):
        jaar, maand = (schooljaar, 8 + i) if i < 5 else (schooljaar + 1, i - 4)
        volgende = datetime.date(jaar + (maand == 12), maand % 12 + 1, 1)
        result.append(volgende - datetime.timedelta(days=1))
    return result


# --- who may see which figures ---


@dataclass(frozen=True)
class MonitorBereik:
    """What the acting membership may see: one SWV, optionally held to one gemeente, with or without the
    per-school table."""

    swv_id: int
    gemeente_id: int | None  # set: only this gemeente, whatever the filter asks
    per_school: bool


def monitor_bereik(user) -> MonitorBereik | None:
    """The one rule for the monitor's reach (decision 57); None = nothing (the view answers 403).

    - SWV roles: the whole SWV, every gemeente, per school;
    - leerplichtambtenaar: the gemeente their organisation works for, per school (of that gemeente's pupils);
    - bestuurder of a gemeente (wethouder): their own gemeente, per school, like its leerplicht;
    - bestuurder of another organisation (schoolbestuur, SWV board): the whole SWV per gemeente, but no
      per-school table (a board member does not get other boards' school figures).
    Everything is aggregated and suppressed; nobody sees a pupil here.
    """
    if getattr(user, "is_api_client", False):
        return None
    lidmaatschap = lidmaatschap_van(user)
    if lidmaatschap is None:
        return None
    rol = lidmaatschap.rol
    if rol in SWV_ROLLEN:
        return MonitorBereik(swv_id=lidmaatschap.swv_id, gemeente_id=None, per_school=True)
    if rol == Rol.LEERPLICHTAMBTENAAR:
        gemeente_id = gemeente_van(lidmaatschap.organisatie)
        if gemeente_id is None:
            return None
        return MonitorBereik(swv_id=lidmaatschap.swv_id, gemeente_id=gemeente_id, per_school=True)
    if rol == Rol.BESTUURDER:
        if lidmaatschap.organisatie.soort == "gemeente":
            return MonitorBereik(
                swv_id=lidmaatschap.swv_id, gemeente_id=lidmaatschap.organisatie_id, per_school=True
            )
        return MonitorBereik(swv_id=lidmaatschap.swv_id, gemeente_id=None, per_school=False)
    return None


# --- raw counts (never shown: `monitor` suppresses them) ---


@dataclass
class RuweTellingen:
    """Raw counts for one selection. Internal: for `monitor` and the tests; never rendered."""

    totaal: dict[str, int]
    per_gemeente: dict[int, dict[str, int]]
    per_school: dict[int | None, dict[str, int]]  # None: without a school (absoluut verzuim)
    gemeente_namen: dict[int, tuple[str, str]]  # id -> (code, naam)
    school_namen: dict[int, tuple[str, str]]
    trend_nieuw: dict[datetime.date, int]  # first day of the month -> count
    trend_beeindigd: dict[datetime.date, int]


def _periode_check(schooljaar: int, peildatum: datetime.date) -> tuple[datetime.date, datetime.date]:
    begin, einde = schooljaar_begin(schooljaar), schooljaar_einde(schooljaar)
    if not begin <= peildatum <= einde:
        raise ValueError(f"peildatum {peildatum} ligt niet in schooljaar {schooljaar_label(schooljaar)}")
    return begin, peildatum


def _filters(begin: datetime.date, peil: datetime.date) -> dict[str, Q]:
    thuiszitter = Q(soort__in=THUISZITTER_SOORTEN)
    # At home at some moment of begin .. peil: started by peil, not ended before begin.
    in_periode = Q(startdatum__lte=peil) & (Q(einddatum__isnull=True) | Q(einddatum__gte=begin))
    beeindigd = Q(einddatum__gte=begin, einddatum__lte=peil)
    teruggeleid = beeindigd & Q(reden_einde__in=TERUGGELEID_REDENEN)
    absoluut = Q(soort=SoortThuiszitter.ABSOLUUT)
    vrijstelling = Q(soort=SoortThuiszitter.VRIJSTELLING) & in_periode
    filters = {
        "begin": thuiszitter
        & Q(startdatum__lt=begin)
        & (Q(einddatum__isnull=True) | Q(einddatum__gte=begin)),
        "nieuw": thuiszitter & Q(startdatum__gte=begin, startdatum__lte=peil),
        "beeindigd": thuiszitter & beeindigd,
        "teruggeleid": thuiszitter & teruggeleid,
        # Strictly longer than 3 months at home by the peildatum (or by the end, when that came first).
        "langer_dan_3_maanden": thuiszitter & in_periode & Q(_thuis_tot__gt=F("_drie_maanden_na_start")),
        "absoluut": absoluut & in_periode,
        "absoluut_teruggeleid": absoluut & teruggeleid,
        "vrijstellingen": vrijstelling,
    }
    for key, artikel in VRIJSTELLING_KOLOMMEN:
        filters[key] = vrijstelling & Q(vrijstelling_artikel=artikel)
    return filters


def tel(*, swv, schooljaar: int, peildatum: datetime.date, gemeente: Any = None) -> RuweTellingen:
    """The raw counts: one grouped query plus one per trend series. `gemeente`: an Organisatie or its id."""
    begin, peil = _periode_check(schooljaar, peildatum)
    gemeente_id = getattr(gemeente, "pk", gemeente)
    qs = Thuiszitter.objects.filter(swv=swv)
    if gemeente_id is not None:
        qs = qs.filter(gemeente_id=gemeente_id)
    qs = qs.annotate(
        _thuis_tot=Least(Coalesce(F("einddatum"), Value(peil)), Value(peil)),
        _drie_maanden_na_start=Func(
            F("startdatum"),
            template="(%(expressions)s + interval '3 months')::date",
            output_field=DateField(),
        ),
    )
    filters = _filters(begin, peil)
    rijen = qs.values(
        "gemeente_id", "gemeente__code", "gemeente__naam", "school_id", "school__code", "school__naam"
    )
    rijen = rijen.annotate(**{key: Count("pk", filter=filters[key]) for key in MATEN}).order_by()

    totaal = dict.fromkeys(MATEN, 0)
    per_gemeente: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(MATEN, 0))
    per_school: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(MATEN, 0))
    gemeente_namen: dict[int, tuple[str, str]] = {}
    school_namen: dict[int, tuple[str, str]] = {}
    for rij in cast(Iterable[dict[str, Any]], rijen):
        gemeente_namen[rij["gemeente_id"]] = (rij["gemeente__code"], rij["gemeente__naam"])
        if rij["school_id"] is not None:
            school_namen[rij["school_id"]] = (rij["school__code"], rij["school__naam"])
        for key in MATEN:
            totaal[key] += rij[key]
            per_gemeente[rij["gemeente_id"]][key] += rij[key]
            per_school[rij["school_id"]][key] += rij[key]

    thuiszitters = qs.filter(soort__in=THUISZITTER_SOORTEN)
    trend_nieuw = {
        r["maand"]: r["aantal"]
        for r in thuiszitters.filter(startdatum__gte=begin, startdatum__lte=peil)
        .annotate(maand=TruncMonth("startdatum"))
        .values("maand")
        .annotate(aantal=Count("pk"))
        .order_by()
    }
    trend_beeindigd = {
        r["maand"]: r["aantal"]
        for r in thuiszitters.filter(einddatum__gte=begin, einddatum__lte=peil)
        .annotate(maand=TruncMonth("einddatum"))
        .values("maand")
        .annotate(aantal=Count("pk"))
        .order_by()
    }
    return RuweTellingen(
        totaal=totaal,
        per_gemeente=dict(per_gemeente),
        per_school=dict(per_school),
        gemeente_namen=gemeente_namen,
        school_namen=school_namen,
        trend_nieuw={_als_datum(k): v for k, v in trend_nieuw.items()},
        trend_beeindigd={_als_datum(k): v for k, v in trend_beeindigd.items()},
    )


def _als_datum(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


# --- suppression ---


def onderdruk(
    waarden: dict[Hashable, int], relaties: Iterable[tuple[Hashable, Sequence[Hashable]]]
) -> dict[Hashable, str]:
    """Which cells to hide: key -> ONDERDRUKT (a count 1-4) or AFGELEID_ONDERDRUKT (hidden so that a small
    count cannot be computed back). Cells not in the result are shown.

    `relaties` are the sums a reader can do: (total, parts) with total == sum(parts). For each relation
    whose cells are partly hidden, the reader knows an interval per hidden cell: [1, 4] for "<5", [5, inf)
    for "x" (a hidden total or part that is not small; we only ever hide non-zero cells). From the sum, a
    hidden cell's interval narrows to [lo_T - sum(hi of the others), hi_T - sum(lo of the others)]; when
    that is a single value the cell could be computed, so one more cell of the relation is hidden: the
    smallest shown non-zero part, else the total. This repeats until no relation gives a cell away.
    Each relation is checked on its own (as the usual "hypercube" heuristics do); docs/verzuim.md says so.
    """
    relaties = [(totaal, list(delen)) for totaal, delen in relaties]
    verborgen: dict[Hashable, str] = {k: ONDERDRUKT for k, v in waarden.items() if 0 < v < DREMPEL}

    def interval(key: Hashable) -> tuple[float, float]:
        status = verborgen.get(key)
        if status is None:
            return waarden[key], waarden[key]
        if status == ONDERDRUKT:
            return 1, DREMPEL - 1
        return DREMPEL, math.inf

    def geeft_weg(totaal: Hashable, delen: Sequence[Hashable]) -> bool:
        cellen = [totaal, *delen]
        if not any(c in verborgen for c in cellen):
            return False
        lo_t, hi_t = interval(totaal)
        intervallen = [interval(d) for d in delen]
        som_lo = sum(lo for lo, _hi in intervallen)
        # The sum of the upper bounds, kept as finite part + number of unbounded ones (inf - inf is nan).
        eindig_hi = sum(hi for _lo, hi in intervallen if hi != math.inf)
        onbegrensd = sum(1 for _lo, hi in intervallen if hi == math.inf)
        som_hi = math.inf if onbegrensd else eindig_hi
        if totaal in verborgen and max(lo_t, som_lo) == min(hi_t, som_hi):
            return True
        for deel, (lo, hi) in zip(delen, intervallen, strict=True):
            if deel not in verborgen:
                continue
            if hi == math.inf:
                andere_hi = math.inf if onbegrensd > 1 else eindig_hi
            else:
                andere_hi = math.inf if onbegrensd else eindig_hi - hi
            onder = max(lo, lo_t - andere_hi)
            boven = min(hi, hi_t - (som_lo - lo))
            if onder == boven:
                return True
        return False

    for _ronde in range(len(waarden) + 1):
        veranderd = False
        for totaal, delen in relaties:
            if not geeft_weg(totaal, delen):
                continue
            kandidaten = sorted(
                (waarden[d], i) for i, d in enumerate(delen) if d not in verborgen and waarden[d] > 0
            )
            if kandidaten:
                verborgen[delen[kandidaten[0][1]]] = AFGELEID_ONDERDRUKT
            elif totaal not in verborgen and waarden[totaal] > 0:
                verborgen[totaal] = AFGELEID_ONDERDRUKT
            else:
                continue  # nothing left to hide in this relation
            veranderd = True
        if not veranderd:
            break
    return verborgen


# --- the figures as shown ---


@dataclass(frozen=True)
class Cel:
    """One figure as it may be shown: `waarde` is None when hidden; `weergave` is what the reader sees."""

    waarde: int | None
    weergave: str

    @property
    def onderdrukt(self) -> bool:
        return self.waarde is None

    def __str__(self) -> str:
        return self.weergave


@dataclass(frozen=True)
class Rij:
    code: str
    naam: str
    cellen: dict[str, Cel]

    def in_volgorde(self) -> list[Cel]:
        return [self.cellen[key] for key in MATEN]

    def met_labels(self) -> list[tuple[str, object, Cel]]:
        return [(key, label, self.cellen[key]) for key, label in KOLOMMEN]


@dataclass(frozen=True)
class TrendMaand:
    maand: datetime.date  # first day of the month
    nieuw: Cel
    beeindigd: Cel


@dataclass(frozen=True)
class MonitorCijfers:
    """The monitor for one selection, every small count already hidden (safe for any role with access)."""

    swv_id: int
    schooljaar: int
    begin: datetime.date
    peildatum: datetime.date
    gemeente_id: int | None
    totaal: Rij
    per_gemeente: list[Rij]
    per_school: list[Rij] | None  # None: this reader gets no per-school figures
    trend: list[TrendMaand]
    kolommen: tuple[tuple[str, object], ...] = field(default=KOLOMMEN)

    @property
    def schooljaar_label(self) -> str:
        return schooljaar_label(self.schooljaar)


def _maanden(begin: datetime.date, peil: datetime.date) -> list[datetime.date]:
    result, maand = [], begin
    while maand <= peil:
        result.append(maand)
        maand = datetime.date(maand.year + (maand.month == 12), maand.month % 12 + 1, 1)
    return result


def monitor(
    *,
    swv,
    schooljaar: int,
    peildatum: datetime.date,
    gemeente: Any = None,
    per_school: bool = True,
) -> MonitorCijfers:
    """The monitor figures of `swv` for school year `schooljaar` (its first calendar year) up to and
    including `peildatum` (a day in that year), optionally for one `gemeente` (an Organisatie or id).

    Every count of 1-4 is "<5"; cells that would let a reader compute one back from a total are "x".
    `per_school=False` leaves the per-school table out (and out of the suppression). The caller decides
    the reach with `monitor_bereik`; this function trusts the `swv` and `gemeente` it is given.
    """
    ruw = tel(swv=swv, schooljaar=schooljaar, peildatum=peildatum, gemeente=gemeente)
    begin = schooljaar_begin(schooljaar)
    maanden = _maanden(begin, peildatum)

    waarden: dict[Hashable, int] = {}
    for key in MATEN:
        waarden[("totaal", key)] = ruw.totaal[key]
        for g, cijfers in ruw.per_gemeente.items():
            waarden[("gemeente", g, key)] = cijfers[key]
        if per_school:
            for s, cijfers in ruw.per_school.items():
                waarden[("school", s, key)] = cijfers[key]
    for i, maand in enumerate(maanden):
        waarden[("maand", i, "nieuw")] = ruw.trend_nieuw.get(maand, 0)
        waarden[("maand", i, "beeindigd")] = ruw.trend_beeindigd.get(maand, 0)

    relaties: list[tuple[Hashable, list[Hashable]]] = []
    eenheden: list[tuple] = [("totaal",)]
    eenheden += [("gemeente", g) for g in ruw.per_gemeente]
    for key in MATEN:
        relaties.append((("totaal", key), [("gemeente", g, key) for g in ruw.per_gemeente]))
        if per_school:
            relaties.append((("totaal", key), [("school", s, key) for s in ruw.per_school]))
    if per_school:
        eenheden += [("school", s) for s in ruw.per_school]
    artikelen = [key for key, _artikel in VRIJSTELLING_KOLOMMEN]
    for eenheid in eenheden:
        relaties.append(((*eenheid, "vrijstellingen"), [(*eenheid, key) for key in artikelen]))
    for reeks in ("nieuw", "beeindigd"):
        relaties.append((("totaal", reeks), [("maand", i, reeks) for i in range(len(maanden))]))

    verborgen = onderdruk(waarden, relaties)

    def cel(key: Hashable) -> Cel:
        status = verborgen.get(key)
        if status is not None:
            return Cel(None, status)
        return Cel(waarden[key], str(waarden[key]))

    def rij(prefix: tuple, code: str, naam: str) -> Rij:
        return Rij(code=code, naam=naam, cellen={key: cel((*prefix, key)) for key in MATEN})

    per_gemeente = sorted(
        (rij(("gemeente", g), *ruw.gemeente_namen[g]) for g in ruw.per_gemeente), key=lambda r: r.naam
    )
    scholen = None
    if per_school:
        scholen = sorted(
            (rij(("school", s), *ruw.school_namen[s]) for s in ruw.per_school if s is not None),
            key=lambda r: r.naam,
        )
        if None in ruw.per_school:
            scholen.append(rij(("school", None), "", str(_("Zonder school (absoluut verzuim)"))))
    return MonitorCijfers(
        swv_id=getattr(swv, "pk", swv),
        schooljaar=schooljaar,
        begin=begin,
        peildatum=peildatum,
        gemeente_id=getattr(gemeente, "pk", gemeente),
        totaal=rij(("totaal",), "", str(_("Totaal"))),
        per_gemeente=per_gemeente,
        per_school=scholen,
        trend=[
            TrendMaand(maand=m, nieuw=cel(("maand", i, "nieuw")), beeindigd=cel(("maand", i, "beeindigd")))
            for i, m in enumerate(maanden)
        ],
    )


# --- part oogo-cijfers: the figures of one gemeente for the OOGO data pack (issue 13) ---
# Kept here so that, as the module promises, nothing outside it sees a raw count: the data pack gets `Cel`s.

# The thuiszitters figures of the pack, in its order: (key, label).
KERNCIJFERS: tuple[tuple[str, object], ...] = (
    ("op_peildatum", _("Thuiszitters op de peildatum")),
    ("langer_dan_3_maanden", _("Langer dan 3 maanden thuis")),
    ("begin", _("Thuiszitters begin schooljaar")),
    ("nieuw", _("Nieuwe thuiszitters")),
    ("in_periode", _("Thuiszitters in het schooljaar (begin + nieuw)")),
    ("beeindigd", _("Beëindigd (opgelost) dit schooljaar")),
    ("teruggeleid", _("waarvan teruggeleid naar onderwijs")),
)


def _cellen(waarden: dict[Hashable, int], relaties) -> dict[Hashable, Cel]:
    verborgen = onderdruk(waarden, relaties)
    return {
        key: Cel(None, verborgen[key]) if key in verborgen else Cel(waarde, str(waarde))
        for key, waarde in waarden.items()
    }


def kerncijfers_gemeente(*, swv, peildatum: datetime.date, gemeente: Any) -> dict[Hashable, Cel]:
    """Thuiszitters of one gemeente (the registration's gemeente, as in the monitor) in the school year of
    `peildatum`, suppressed: who is at home on the peildatum, longer than 3 months, and resolved this year.

    "Op de peildatum" = begin + nieuw - beëindigd, so both sums (in_periode = begin + nieuw =
    op_peildatum + beëindigd) are given to `onderdruk`: no hidden cell can be computed back. Three queries.
    """
    ruw = tel(swv=swv, schooljaar=schooljaar_van(peildatum), peildatum=peildatum, gemeente=gemeente).totaal
    in_periode = ruw["begin"] + ruw["nieuw"]
    waarden: dict[Hashable, int] = {
        "op_peildatum": in_periode - ruw["beeindigd"],
        "langer_dan_3_maanden": ruw["langer_dan_3_maanden"],
        "begin": ruw["begin"],
        "nieuw": ruw["nieuw"],
        "in_periode": in_periode,
        "beeindigd": ruw["beeindigd"],
        "teruggeleid": ruw["teruggeleid"],
    }
    return _cellen(
        waarden, [("in_periode", ["begin", "nieuw"]), ("in_periode", ["op_peildatum", "beeindigd"])]
    )


def verzuimmeldingen_gemeente(*, swv, peildatum: datetime.date, gemeente: Any) -> dict[Hashable, Cel]:
    """Verzuimmeldingen about pupils living in `gemeente` (woongemeente, as leerplicht sees them) made from
    the start of the school year of `peildatum` up to and including that day, per vermoedelijke soort and
    "totaal"; withdrawn meldingen do not count. Suppressed (totaal = the soorten). One query."""
    from django.utils import timezone

    from .models import Verzuimmelding
    from .models.melding import MeldingStatus, SoortVerzuim

    tz = timezone.get_current_timezone()
    van = datetime.datetime.combine(schooljaar_begin(schooljaar_van(peildatum)), datetime.time.min, tzinfo=tz)
    tot = datetime.datetime.combine(peildatum + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    rijen = (
        Verzuimmelding.objects.filter(
            swv=swv,
            leerling__woongemeente_id=getattr(gemeente, "pk", gemeente),
            ingediend_op__gte=van,
            ingediend_op__lt=tot,
        )
        .exclude(status=MeldingStatus.INGETROKKEN)
        .values("vermoedelijke_soort")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    per_soort = {r["vermoedelijke_soort"]: r["aantal"] for r in rijen}
    waarden: dict[Hashable, int] = {soort: per_soort.get(soort, 0) for soort in SoortVerzuim.values}
    waarden["totaal"] = sum(waarden.values())
    return _cellen(waarden, [("totaal", list(SoortVerzuim.values))])
