"""Verzuim for `manage.py genereer_testdata` (swv/core/testdata.py; issue 12 "Benchmark"): a year of absence
per pupil, a few verzuimmeldingen and open thuiszitters. Registered in apps.py after the cases parts, whose
pupils it uses. Written as cases/testdata.py writes (decision 37): COPY, in a history context `bron=testdata`.

Per SWV, over the last 52 weeks up to yesterday (a school year of lesdagen, spanning the summer):
- the school holidays come from the shipped file (thuiszitters/data/schoolvakanties.csv), loaded only when
  the table is empty (an existing holiday is never changed); every generated school without a vakantieregio
  gets one (noord, midden, zuid in turn), so the 16-hours check has holiday weeks to skip. No absence falls
  on a weekend or in a holiday of the school's region;
- absence rows (`aantallen["absenties"]` in all, about 50 a pupil): most pupils a few days, a quarter some
  weeks' worth, one in twenty chronic (most lesdagen, often two rows a day: ochtend and middag). About one row
  in six is ongeoorloofd (half of a chronic pupil's); reasons as a school system sends them;
- verzuimmeldingen for pupils with much ongeoorloofd verzuim, in every status; open thuiszitters (langdurig
  relatief, some absoluut, some vrijstelling with an article) on chronic pupils, a few without an aanbod for
  more than three months. Ids from the sequences; each row valid against the model constraints.

Deterministic with the seed (own stream "verzuim"); fictional (no BSN in any id or text).
"""

from __future__ import annotations

import datetime
import random

import pghistory
from django.utils import timezone

from cases.models import Leerling
from cases.testdata import _copy
from partners.models import Organisatie
from swv.core.plugins import TestdataContext

from .models import Absentie, Schoolvakantie, Thuiszitter, Verzuimmelding
from .services_vakantie import GEDEELDE_BESTAND, vakantiebestand_laden

# Totals over all generated SWVs per scale: groot is one SWV of 40,000 pupils with ~2 million absence rows
# (issue 12), gehost ten of those; klein proportionally small.
AANTALLEN = {
    "klein": {"absenties": 20_000, "verzuimmeldingen": 20, "thuiszitters": 8},
    "groot": {"absenties": 2_000_000, "verzuimmeldingen": 400, "thuiszitters": 120},
    "gehost": {"absenties": 20_000_000, "verzuimmeldingen": 4_000, "thuiszitters": 1_200},
}
REGIO_S = ("noord", "midden", "zuid")
GEOORLOOFD = [("ziekte", 80), ("verlof", 12), ("schorsing", 2), ("overig", 6)]
ONGEOORLOOFD = [("onbekend", 35), ("spijbelen", 30), ("te_laat", 25), ("luxe_verzuim", 10)]
STATUSSEN = ["geregistreerd", "in_behandeling", "afgesloten", "ter_kennisneming", "ingetrokken"]


def genereer_verzuim(context: TestdataContext, aantallen: dict[str, int]) -> dict[str, int]:
    if not Schoolvakantie.objects.exists():
        vakantiebestand_laden(GEDEELDE_BESTAND)
    with pghistory.context(bron="testdata"):
        _regio_s_zetten(context)
        leerlingen = list(
            Leerling.objects.filter(swv=context.swv, school__isnull=False, woongemeente__isnull=False)
            .order_by("pk")
            .values_list("pk", "school_id", "woongemeente_id")
        )
        if not leerlingen:
            return {}
        rng = context.rng("verzuim")
        lesdagen = _lesdagen_per_school(context)
        absenties, zwaar = _absenties(context, rng, leerlingen, lesdagen, aantallen.get("absenties", 0))
        meldingen = _meldingen(context, rng, zwaar, aantallen.get("verzuimmeldingen", 0))
        thuiszitters = _thuiszitters(context, rng, zwaar, aantallen.get("thuiszitters", 0))
    return {"absenties": absenties, "verzuimmeldingen": meldingen, "thuiszitters": thuiszitters}


def _regio_s_zetten(context: TestdataContext) -> None:
    """A holiday region for each of this SWV's schools that has none (rows made in this same run)."""
    scholen = list(
        Organisatie.objects.filter(swv=context.swv, soort="school", vakantieregio="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for i, regio in enumerate(REGIO_S):
        Organisatie.objects.filter(pk__in=scholen[i :: len(REGIO_S)]).update(vakantieregio=regio)


def _lesdagen_per_school(context: TestdataContext) -> dict[int, list[datetime.date]]:
    """Per school: the weekdays of the last 52 weeks up to yesterday outside its region's holidays."""
    eind = timezone.localdate() - datetime.timedelta(days=1)
    begin = eind - datetime.timedelta(weeks=52)
    vakanties: dict[str, list[tuple[datetime.date, datetime.date]]] = {}
    for regio, van, tot in Schoolvakantie.objects.filter(eind__gte=begin, begin__lte=eind).values_list(
        "regio", "begin", "eind"
    ):
        vakanties.setdefault(regio, []).append((van, tot))
    weekdagen = [
        begin + datetime.timedelta(days=d)
        for d in range((eind - begin).days + 1)
        if (begin + datetime.timedelta(days=d)).weekday() < 5
    ]
    per_regio = {
        regio: [
            dag for dag in weekdagen if not any(van <= dag <= tot for van, tot in vakanties.get(regio, []))
        ]
        for regio in (*REGIO_S, "")
    }
    return {
        pk: per_regio[regio]
        for pk, regio in Organisatie.objects.filter(swv=context.swv, soort="school").values_list(
            "pk", "vakantieregio"
        )
    }


def _gewogen(paren: list[tuple[str, int]]) -> list[str]:
    return [waarde for waarde, gewicht in paren for _ in range(gewicht)]


def _absenties(
    context: TestdataContext,
    rng: random.Random,
    leerlingen: list[tuple[int, int, int]],
    lesdagen: dict[int, list[datetime.date]],
    totaal: int,
) -> tuple[int, list[tuple[int, int, int, datetime.date, float]]]:
    """COPY about `totaal` absence rows; returns (rows, the pupils with much ongeoorloofd verzuim:
    (pupil, school, woongemeente, first day of it, its hours))."""
    if totaal <= 0:
        return 0, []
    # Raw counts per pupil from the mix (most a few days, some weeks, a few chronic), scaled to the total.
    soort: list[str] = []
    ruw: list[float] = []
    for _ in leerlingen:
        r = rng.random()
        if r < 0.05:
            soort.append("chronisch")
            ruw.append(rng.uniform(150, 300))
        elif r < 0.30:
            soort.append("weken")
            ruw.append(rng.uniform(15, 60))
        else:
            soort.append("paar")
            ruw.append(rng.uniform(0, 10))
    factor = totaal / sum(ruw)
    geoorloofd_reden, ongeoorloofd_reden = _gewogen(GEOORLOOFD), _gewogen(ONGEOORLOOFD)
    zwaar: list[tuple[int, int, int, datetime.date, float]] = []

    def rijen():
        for (leerling_id, school_id, gemeente_id), aard, n in zip(leerlingen, soort, ruw, strict=True):
            dagen = lesdagen.get(school_id) or []
            aantal = min(round(n * factor), 2 * len(dagen))
            if aantal <= 0 or not dagen:
                continue
            kans_ongeoorloofd = 0.5 if aard == "chronisch" else 0.12
            if aantal <= len(dagen):
                if aard == "chronisch":
                    # A chronic pupil's absence is a run of days, not scattered ones.
                    start = rng.randrange(len(dagen) - aantal + 1)
                    gekozen = [(dag, 0) for dag in dagen[start : start + aantal]]
                else:
                    gekozen = [(dag, 0) for dag in rng.sample(dagen, aantal)]
            else:
                # More rows than lesdagen: every day, and ochtend + middag on some.
                gekozen = [(dag, 0) for dag in dagen] + [
                    (dag, 1) for dag in rng.sample(dagen, aantal - len(dagen))
                ]
            ongeoorloofde_uren = 0.0
            eerste: datetime.date | None = None
            for dag, deel in gekozen:
                geoorloofd = rng.random() >= kans_ongeoorloofd
                reden = rng.choice(geoorloofd_reden if geoorloofd else ongeoorloofd_reden)
                uren = 1 if reden == "te_laat" else (3 if aantal > len(dagen) else rng.randint(1, 6))
                if not geoorloofd:
                    ongeoorloofde_uren += uren
                    eerste = dag if eerste is None or dag < eerste else eerste
                yield (
                    context.swv.pk,
                    leerling_id,
                    school_id,
                    dag,
                    uren,
                    geoorloofd,
                    reden,
                    f"t{leerling_id}-{dag:%Y%m%d}-{deel}",
                )
            if ongeoorloofde_uren >= 16 and eerste is not None:
                zwaar.append((leerling_id, school_id, gemeente_id, eerste, ongeoorloofde_uren))

    velden = ("swv_id", "leerling_id", "school_id", "datum", "uren", "geoorloofd", "reden", "extern_id")
    aantal = _copy(Absentie, velden, rijen())
    return aantal, zwaar


def _meldingen(context: TestdataContext, rng: random.Random, zwaar: list[tuple], aantal: int) -> int:
    """Verzuimmeldingen for pupils with much ongeoorloofd verzuim, every status in turn."""
    gekozen = rng.sample(zwaar, min(aantal, len(zwaar)))
    if not gekozen:
        return 0
    fake = context.faker("verzuim")
    namen = [fake.name() for _ in range(20)]
    nu = timezone.now()

    def rijen():
        for i, (leerling_id, school_id, _gemeente, eerste, uren) in enumerate(gekozen):
            status = STATUSSEN[i % len(STATUSSEN)]
            gemeld = timezone.make_aware(
                datetime.datetime.combine(eerste, datetime.time(10))
            ) + datetime.timedelta(days=rng.randint(7, 28))
            gemeld = min(gemeld, nu)
            yield (
                context.swv.pk,
                leerling_id,
                school_id,
                status,
                eerste,
                "zestien_uur" if uren < 60 else "langdurig",
                rng.choice(namen),
                round(uren, 2),
                "terug_naar_school" if status == "afgesloten" else "",
                gemeld,
                gemeld + datetime.timedelta(days=rng.randint(3, 20))
                if status in ("afgesloten", "ter_kennisneming", "ingetrokken")
                else None,
            )

    velden = (
        "swv_id",
        "leerling_id",
        "school_id",
        "status",
        "begindatum",
        "vermoedelijke_soort",
        "melder_naam",
        "verzuimuren",
        "reden_afgesloten",
        "ingediend_op",
        "afgehandeld_op",
    )
    return _copy(Verzuimmelding, velden, rijen())


def _thuiszitters(context: TestdataContext, rng: random.Random, zwaar: list[tuple], aantal: int) -> int:
    """Open registrations on the pupils with the most ongeoorloofd hours (one open per pupil)."""
    kandidaten = sorted(zwaar, key=lambda z: -z[4])[: max(aantal * 2, aantal)]
    gekozen = rng.sample(kandidaten, min(aantal, len(kandidaten)))
    vandaag = timezone.localdate()

    def rijen():
        for i, (leerling_id, school_id, gemeente_id, eerste, _uren) in enumerate(gekozen):
            r = i % 10
            soort = "absoluut" if r == 0 else ("vrijstelling" if r == 1 else "langdurig_relatief")
            # A few start long ago: more than three months at home without an aanbod (the escalation rule).
            start = (
                vandaag - datetime.timedelta(days=rng.randint(100, 200))
                if r in (2, 3)
                else max(eerste, vandaag - datetime.timedelta(days=80))
            )
            yield (
                context.swv.pk,
                leerling_id,
                soort,
                "5a" if soort == "vrijstelling" else "",
                None if soort == "absoluut" else school_id,
                gemeente_id,
                start,
                ["overig"],
            )

    velden = (
        "swv_id",
        "leerling_id",
        "soort",
        "vrijstelling_artikel",
        "school_id",
        "gemeente_id",
        "startdatum",
        "redenen",
    )
    return _copy(Thuiszitter, velden, rijen())
