"""TLVs and arrangementen for `manage.py genereer_testdata` (issue 11, "Tests, demo data and benchmark").

Registered in apps.py after the cases part (cases/testdata.py), whose cases it uses, and written the same
way: COPY with ids drawn from the tables' own sequences, in a history context with `bron=testdata`.

Per SWV: TLVs of every kind its sector decides on (PO: SBaO, SO; VO: VSO, PrO, LWOO), every (V)SO in each
cluster and bekostigingscategorie, on a share of the cases past the intake (one TLV per case, so one open
request per pupil and kind holds by construction). Most are granted, some refused, some still open. Every
decision has the two deskundigenadviezen the law asks (an orthopedagoog or psycholoog, and a second
deskundige of another discipline, two different people, both on or before the besluitdatum) and a
beschikkingsnummer `<code>-<year>-<5 digits>` counted per SWV per calendar year of the besluitdatum: gap-free
from 1 in the order of the decisions, with `TlvNummering` holding the last one (so the next real decision
goes on from there). Validity as cases.services_tlv.tlv_einddatum gives it (whole school years ending 31
July); about a third of the granted TLVs end this school year, so the `tlv_verloopt` rule has work.

Arrangementen: on the SWV's own voorzieningen (sector matching or both), one per case on another share of
the cases; closed cases only have ended ones, open requests only sit on open cases.

Deterministic with the seed (own streams "cases_tlv" and "cases_arrangementen"), fictional (no names, no
BSNs in any text)."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pghistory
from django.utils import timezone

from partners.models import Persoon, Voorziening
from swv.core.plugins import TestdataContext

from .deadlines import schooljaar
from .models import Arrangement, Casus, TijdlijnGebeurtenis, Tlv, TlvAdvies, TlvNummering
from .models.tlv import EERSTE_DESKUNDIGE, TWEEDE_DESKUNDIGE, TlvSoort, TlvStatus
from .services_tlv import tlv_einddatum
from .testdata import MET_TEAM, _copy, _ids
from .workflow import GESLOTEN

# Totals over all generated SWVs per scale: groot is one SWV with 1,500 TLVs and 1,200 arrangementen on
# its 8,000 cases; gehost ten of those.
AANTALLEN = {
    "klein": {"tlvs": 40, "arrangementen": 30},
    "groot": {"tlvs": 1_500, "arrangementen": 1_200},
    "gehost": {"tlvs": 15_000, "arrangementen": 12_000},
}

# (soort, cluster, bekostigingscategorie): every kind, and every (V)SO in each cluster and category.
VARIANTEN: dict[str, list[tuple[str, int | None, str]]] = {
    "PO": [
        (TlvSoort.SBAO, None, ""),
        (TlvSoort.SO, 3, "laag"),
        (TlvSoort.SO, 4, "midden"),
        (TlvSoort.SO, 3, "hoog"),
        (TlvSoort.SO, 4, "laag"),
    ],
    "VO": [
        (TlvSoort.VSO, 3, "laag"),
        (TlvSoort.VSO, 4, "midden"),
        (TlvSoort.VSO, 4, "hoog"),
        (TlvSoort.PRO, None, ""),
        (TlvSoort.LWOO, None, ""),
        (TlvSoort.VSO, 3, "midden"),
    ],
}
ONDERBOUWINGEN = [
    "Heeft een kleine groep, voorspelbaarheid en meer begeleiding nodig dan de school kan bieden.",
    "De ondersteuningsbehoefte overstijgt wat de school met extra ondersteuning kan bieden.",
    "Na twee jaar arrangementen blijft de ontwikkeling achter; een gespecialiseerde setting is nodig.",
]
ADVIEZEN = [
    "Na observatie en gesprekken met ouders en school: zie de onderbouwing.",
    "Sluit aan bij het onderzoek van de school en wat thuis nodig is.",
    "Dossieronderzoek en een gesprek met de leerling bevestigen het beeld.",
]
REDENEN = [
    "Extra begeleiding naast het onderwijs, zoals in het plan afgesproken.",
    "Tijdelijke plaatsing om weer tot leren te komen.",
    "Ondersteuning bij gedrag in de groep, afgestemd met ouders.",
]


def genereer_tlvs(context: TestdataContext, aantallen: dict[str, int]) -> dict[str, int]:
    """One SWV's TLVs (with advices, numbering, tijdlijn) and arrangementen in the sizes of `aantallen`."""
    with pghistory.context(bron="testdata"):
        return {
            **_tlvs(context, aantallen.get("tlvs", 0)),
            **_arrangementen(context, aantallen.get("arrangementen", 0)),
        }


def _casussen(swv_id: int) -> list[tuple]:
    """The SWV's cases past the intake: (id, leerling_id, status, team start, closed at)."""
    return list(
        Casus.objects.filter(swv_id=swv_id, status__in=MET_TEAM, opp_vereist_vanaf__isnull=False)
        .order_by("pk")
        .values_list("pk", "leerling_id", "status", "opp_vereist_vanaf", "afgesloten_op")
    )


def _moment(dag: datetime.date, uur: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


def _tlvs(context: TestdataContext, aantal: int) -> dict[str, int]:  # noqa: C901, PLR0912, PLR0915 - one pass
    swv = context.swv
    rng = context.rng("cases_tlv")
    coordinator = context.users["coordinator"]
    vandaag = timezone.localdate()
    # Everything happened before today, as in cases/testdata.py (the same seed, the same rows all day).
    gisteren = vandaag - datetime.timedelta(days=1)
    dit_jaar_begin, dit_jaar_eind, _naam = schooljaar(vandaag)
    varianten = VARIANTEN.get(swv.sector, [])
    casussen = _casussen(swv.pk)
    personen = list(Persoon.objects.filter(swv=swv).order_by("pk").values_list("pk", flat=True)[:500])
    if not varianten or not casussen or aantal <= 0:
        return {}
    # The first three rounds give every variant granted, refused and open, so even klein has each kind in
    # each state; the third round (open requests) needs open cases, drawn first.
    n = len(varianten)
    open_casussen = [c for c in casussen if c[2] not in GESLOTEN]
    voor_open = rng.sample(open_casussen, min(n, len(open_casussen), aantal))
    al = set(voor_open)
    rest = [c for c in casussen if c not in al]
    overig = rng.sample(rest, min(aantal - len(voor_open), len(rest)))
    volgorde = overig[: 2 * n] + voor_open + overig[2 * n :]

    tlv_ids = _ids(Tlv, len(volgorde))
    tlvs: list[dict] = []
    for i, (tid, (cid, lid, status, team_start, afgesloten_op)) in enumerate(
        zip(tlv_ids, volgorde, strict=True)
    ):
        soort, cluster, categorie = (
            varianten[i % len(varianten)] if i < 3 * len(varianten) else rng.choice(varianten)
        )
        gesloten = status in GESLOTEN
        if i < len(varianten):
            tlv_status = TlvStatus.TOEGEKEND
        elif i < 2 * len(varianten):
            tlv_status = TlvStatus.AFGEWEZEN
        elif i < 3 * len(varianten) and not gesloten:
            tlv_status = TlvStatus.AANGEVRAAGD
        else:
            r = rng.random()
            tlv_status = (
                TlvStatus.AANGEVRAAGD
                if r < 0.15 and not gesloten
                else (TlvStatus.AFGEWEZEN if r < 0.27 else TlvStatus.TOEGEKEND)
            )
        # Requested after the team started, before the case closed; decided 3..8 weeks later, not after today.
        laatste = min(afgesloten_op.date() if afgesloten_op else gisteren, gisteren)
        ruimte = max(0, (laatste - team_start).days)
        aangevraagd = team_start + datetime.timedelta(days=rng.randint(0, ruimte))
        rij = {
            "id": tid, "casus": cid, "leerling": lid, "soort": soort, "cluster": cluster, "categorie": categorie,
            "status": tlv_status, "aangevraagd": aangevraagd, "besluit": None, "ingang": None, "eind": None,
        }  # fmt: skip
        if tlv_status != TlvStatus.AANGEVRAAGD:
            besluit = min(aangevraagd + datetime.timedelta(days=rng.randint(21, 56)), gisteren)
            rij["besluit"] = besluit
            if tlv_status == TlvStatus.TOEGEKEND:
                # From the decision, or from the next school year (1 August) when decided in spring/summer.
                volgend_begin = schooljaar(besluit)[1] + datetime.timedelta(days=1)
                ingang = volgend_begin if besluit.month in (4, 5, 6, 7) and rng.random() < 0.6 else besluit
                kortste = tlv_einddatum(ingang, 1)
                if kortste <= dit_jaar_eind and rng.random() < 0.5:
                    # Ends this school year: the reminder (`tlv_verloopt`) shows for it.
                    jaren = 1 + dit_jaar_eind.year - kortste.year
                else:
                    jaren = rng.randint(1, 3)
                rij["ingang"], rij["eind"] = ingang, tlv_einddatum(ingang, jaren)
        tlvs.append(rij)

    # Beschikkingsnummers: per calendar year of the besluitdatum, from 1 in the order of the decisions.
    per_jaar: dict[int, int] = defaultdict(int)
    for rij in sorted((r for r in tlvs if r["besluit"]), key=lambda r: (r["besluit"], r["id"])):
        jaar = rij["besluit"].year
        per_jaar[jaar] += 1
        rij["nummer"] = f"{swv.code}-{jaar}-{per_jaar[jaar]:05d}"

    adviezen: list[tuple] = []
    tijdlijn: list[tuple] = []
    eerste, tweede = sorted(EERSTE_DESKUNDIGE), sorted(TWEEDE_DESKUNDIGE)
    for rij in tlvs:
        cid, tid = rij["casus"], rij["id"]
        aangevraagd_op = _moment(rij["aangevraagd"], 10)
        tijdlijn.append((swv.pk, cid, aangevraagd_op, "tlv", f"TLV aangevraagd: {TlvSoort(rij['soort']).label}", "", coordinator.pk, "cases.tlv", str(tid)))  # fmt: skip
        besluit = rij["besluit"]
        # A decision has both advices; an open request none, one or (ready to decide) both.
        n_adviezen = 2 if besluit else rng.choice([0, 1, 2])
        # Advices between the request and the decision (or today), never after the besluitdatum.
        tot = besluit or gisteren
        dagen = max(0, (tot - rij["aangevraagd"]).days)
        deskundigen = rng.sample(personen, 2) if len(personen) >= 2 else []
        negatief = rij["status"] == TlvStatus.AFGEWEZEN
        for n in range(n_adviezen):
            datum = rij["aangevraagd"] + datetime.timedelta(days=rng.randint(0, dagen))
            discipline = rng.choice(eerste if n == 0 else tweede)
            # Registry people when there are two; else the SWV's coordinator records as the deskundige user.
            persoon = deskundigen[n] if deskundigen else None
            adviezen.append(
                (swv.pk, tid, discipline, datum, "negatief" if negatief else "positief", rng.choice(ADVIEZEN),
                 None if persoon else coordinator.pk, persoon, coordinator.pk)
            )  # fmt: skip
            tijdlijn.append((swv.pk, cid, _moment(datum, 14), "tlv", f"Deskundigenadvies voor de TLV vastgelegd ({discipline.replace('_', ' ')})", "", coordinator.pk, "cases.tlv", str(tid)))  # fmt: skip
        if besluit:
            if rij["status"] == TlvStatus.TOEGEKEND:
                titel = f"TLV toegekend ({rij['nummer']}), geldig van {rij['ingang']:%d-%m-%Y} tot en met {rij['eind']:%d-%m-%Y}"
            else:
                titel = f"TLV afgewezen ({rij['nummer']})"
            tijdlijn.append((swv.pk, cid, _moment(besluit, 16), "tlv", titel, "", coordinator.pk, "cases.tlv", str(tid)))  # fmt: skip

    _copy(
        Tlv,
        ["id", "swv_id", "casus_id", "leerling_id", "soort", "cluster", "bekostigingscategorie", "onderbouwing",
         "status", "aangevraagd_op", "aangevraagd_door_id", "besluitdatum", "ingangsdatum", "einddatum",
         "motivering", "beschikkingsnummer", "besloten_door_id"],
        ((r["id"], swv.pk, r["casus"], r["leerling"], r["soort"], r["cluster"], r["categorie"],
          rng.choice(ONDERBOUWINGEN), r["status"], _moment(r["aangevraagd"], 10), coordinator.pk, r["besluit"],
          r["ingang"], r["eind"], "Beide deskundigen adviseren eensluidend." if r["besluit"] else "",
          r.get("nummer", ""), coordinator.pk if r["besluit"] else None) for r in tlvs),
    )  # fmt: skip
    _copy(
        TlvAdvies,
        ["swv_id", "tlv_id", "discipline", "datum", "uitkomst", "advies", "deskundige_gebruiker_id",
         "deskundige_persoon_id", "vastgelegd_door_id"],
        adviezen,
    )  # fmt: skip
    _copy(TlvNummering, ["swv_id", "jaar", "laatste"], ((swv.pk, j, n) for j, n in sorted(per_jaar.items())))
    _copy(
        TijdlijnGebeurtenis,
        ["swv_id", "casus_id", "op", "soort", "titel", "toelichting", "door_id", "object_type", "object_id"],
        tijdlijn,
    )
    context.objecten += [("cases.tlv", t["id"]) for t in tlvs[:200]]
    per_status: dict[str, int] = defaultdict(int)
    for t in tlvs:
        per_status[t["status"]] += 1
    return {
        "tlvs": len(tlvs),
        **{f"tlvs {s}": n for s, n in sorted(per_status.items())},
        "tlv-adviezen": len(adviezen),
        "tlv-tijdlijngebeurtenissen": len(tijdlijn),
    }


def _arrangementen(context: TestdataContext, aantal: int) -> dict[str, int]:
    swv = context.swv
    rng = context.rng("cases_arrangementen")
    coordinator = context.users["coordinator"]
    vandaag = timezone.localdate()
    # Everything happened before today, as in cases/testdata.py (the same seed, the same rows all day).
    gisteren = vandaag - datetime.timedelta(days=1)
    voorzieningen = list(
        Voorziening.objects.filter(swv=swv, sector__in=[swv.sector, Voorziening.Sector.BEIDE])
        .order_by("pk")
        .values_list("pk", "naam")
    )
    casussen = _casussen(swv.pk)
    if not voorzieningen or not casussen or aantal <= 0:
        return {}
    rijen: list[tuple] = []
    tijdlijn: list[tuple] = []
    statussen = list(Arrangement.Status.values)
    gekozen = rng.sample(casussen, min(aantal, len(casussen)))
    ids = _ids(Arrangement, len(gekozen))
    open_gehad = 0
    for aid, (cid, _lid, status, team_start, afgesloten_op) in zip(ids, gekozen, strict=True):
        voorziening_id, naam = rng.choice(voorzieningen)
        gesloten = status in GESLOTEN
        # The first open cases go round every status once; a closed case only has an ended arrangement.
        arr_status: str
        if gesloten:
            arr_status = Arrangement.Status.BEEINDIGD
        elif open_gehad < len(statussen):
            arr_status = statussen[open_gehad]
        else:
            arr_status = rng.choices(statussen, weights=[2, 2, 5, 2])[0]
        open_gehad += 0 if gesloten else 1
        laatste = min(afgesloten_op.date() if afgesloten_op else gisteren, gisteren)
        start = team_start + datetime.timedelta(days=rng.randint(0, max(0, (laatste - team_start).days)))
        if arr_status == Arrangement.Status.AANGEVRAAGD:
            start = vandaag + datetime.timedelta(days=rng.randint(7, 60))  # waits for a place
        einde = None
        if arr_status == Arrangement.Status.BEEINDIGD:
            einde = start + datetime.timedelta(days=rng.randint(0, max(0, (laatste - start).days)))
        elif rng.random() < 0.5:
            einde = max(start, vandaag) + datetime.timedelta(days=rng.randint(60, 300))
        rijen.append(
            (aid, swv.pk, cid, voorziening_id, arr_status, rng.choice(REDENEN), start, einde,
             "De doelen van het arrangement zijn bereikt." if arr_status == Arrangement.Status.BEEINDIGD else "",
             False, coordinator.pk)
        )  # fmt: skip
        tijdlijn.append((swv.pk, cid, _moment(min(start, gisteren), 9), "arrangement", f"Arrangement aangevraagd: {naam}"[:250], "", coordinator.pk, "cases.arrangement", str(aid)))  # fmt: skip
    _copy(
        Arrangement,
        ["id", "swv_id", "casus_id", "voorziening_id", "status", "reden", "startdatum", "einddatum", "reden_einde",
         "boven_capaciteit", "aangevraagd_door_id"],
        rijen,
    )  # fmt: skip
    _copy(
        TijdlijnGebeurtenis,
        ["swv_id", "casus_id", "op", "soort", "titel", "toelichting", "door_id", "object_type", "object_id"],
        tijdlijn,
    )
    per_status: dict[str, int] = defaultdict(int)
    for r in rijen:
        per_status[r[4]] += 1
    return {"arrangementen": len(rijen), **{f"arrangementen {s}": n for s, n in sorted(per_status.items())}}
