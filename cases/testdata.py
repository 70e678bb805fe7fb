"""The cases part of `manage.py genereer_testdata` (swv/core/testdata.py): per SWV its pupils at a set of
the registry's schools (an enrolment each), ouders for the pupils with a case, and cases in every workflow
state with their status transitions, ondersteuningsteam, consents, plan versions, actions, evaluations and
tijdlijn. Registered in apps.py after the partner registry, whose schools, gemeenten, partners and people
it uses.

Fast: the rows are written with COPY (ids drawn from the tables' own sequences first, so rows can point at
each other without a round trip per row). COPY fires the same row triggers as an INSERT, so pghistory
records every tracked row, as for a DUO import; the writes run in a history context with `bron=testdata`,
so the privacy log says where they came from.

Valid by construction: every row satisfies the model constraints (one open case per pupil and school, one
concept and one vastgesteld plan per case, an action has an owner, a consent has one giver) and the
visibility rules (cases/querysets.py): a partner in an OT has a valid `deelname_ot` consent of an ouder
with gezag while the membership runs; a withdrawn consent ends the membership at the same moment.

Fictional: names from Faker nl_NL (a pool drawn once per SWV, then chosen by the seeded stream), BSNs
generated with a valid check digit (11-proef), e-mail addresses under testdata.ketenregie.example. No
text holds a BSN. Deterministic: the same seed gives the same rows (apart from the ids).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Sequence
from itertools import accumulate

import pghistory
from django.db import connection, models
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import onderwijsnummer as stdnum_onderwijsnummer

from partners.models import Organisatie, Persoon
from swv.core.plugins import TestdataContext

from .models import (
    Actie,
    Casus,
    Evaluatie,
    Inschrijving,
    Leerling,
    OtLid,
    Ouder,
    Plan,
    Statusovergang,
    TijdlijnGebeurtenis,
    Toestemming,
)
from .workflow import GESLOTEN, Status

# Totals over all generated SWVs per scale (split over the SWVs by the platform): groot is one SWV of
# 40,000 pupils at 120 schools with 8,000 cases (issue 10); gehost is ten of those in one database.
AANTALLEN = {
    "klein": {"leerlingen": 400, "scholen": 12, "casussen": 180},
    "groot": {"leerlingen": 40_000, "scholen": 120, "casussen": 8_000},
    "gehost": {"leerlingen": 400_000, "scholen": 1_200, "casussen": 80_000},
}
EMAIL_DOMEIN = "testdata.ketenregie.example"

# How the cases spread over the states (weights): the bulk runs or is closed, a steady inflow waits.
STATUS_GEWICHTEN = [
    (Status.CONCEPT, 5),
    (Status.AANGEMELD, 8),
    (Status.TERUGGESTUURD, 3),
    (Status.IN_BEHANDELING, 15),
    (Status.PLAN_VASTGESTELD, 10),
    (Status.LOPEND, 25),
    (Status.GEEVALUEERD, 8),
    (Status.AFGESLOTEN, 22),
    (Status.INGETROKKEN, 4),
]
# The path through the workflow (cases/workflow.py OVERGANGEN) that ends in each state.
PADEN: dict[str, list[str]] = {
    Status.CONCEPT: [Status.CONCEPT],
    Status.AANGEMELD: [Status.CONCEPT, Status.AANGEMELD],
    Status.TERUGGESTUURD: [Status.CONCEPT, Status.AANGEMELD, Status.TERUGGESTUURD],
    Status.IN_BEHANDELING: [Status.CONCEPT, Status.AANGEMELD, Status.IN_BEHANDELING],
    Status.PLAN_VASTGESTELD: [Status.CONCEPT, Status.AANGEMELD, Status.IN_BEHANDELING, Status.PLAN_VASTGESTELD],
    Status.LOPEND: [Status.CONCEPT, Status.AANGEMELD, Status.IN_BEHANDELING, Status.PLAN_VASTGESTELD, Status.LOPEND],
    Status.GEEVALUEERD: [
        Status.CONCEPT, Status.AANGEMELD, Status.IN_BEHANDELING, Status.PLAN_VASTGESTELD, Status.LOPEND,
        Status.GEEVALUEERD,
    ],
    Status.AFGESLOTEN: [
        Status.CONCEPT, Status.AANGEMELD, Status.IN_BEHANDELING, Status.PLAN_VASTGESTELD, Status.LOPEND,
        Status.GEEVALUEERD, Status.AFGESLOTEN,
    ],
    Status.INGETROKKEN: [Status.CONCEPT, Status.AANGEMELD, Status.INGETROKKEN],
}  # fmt: skip
# States past the SWV's intake: the case has a team; from plan_vastgesteld on, a vastgesteld plan.
MET_TEAM = {
    Status.IN_BEHANDELING,
    Status.PLAN_VASTGESTELD,
    Status.LOPEND,
    Status.GEEVALUEERD,
    Status.AFGESLOTEN,
}
MET_PLAN = {Status.PLAN_VASTGESTELD, Status.LOPEND, Status.GEEVALUEERD, Status.AFGESLOTEN}
MET_EVALUATIE = {Status.GEEVALUEERD, Status.AFGESLOTEN}
REDEN: dict[str, str] = {
    Status.TERUGGESTUURD: "De aanmelding mist de resultaten van de geboden ondersteuning.",
    Status.INGETROKKEN: "De school heeft de ondersteuning zelf kunnen organiseren.",
    Status.AFGESLOTEN: "De doelen zijn bereikt; de school zet de ondersteuning zelf voort.",
}
PARTNERSOORTEN = ("wijkteam", "jeugdhulp", "ggz", "smw", "ggd")

VRAGEN = [
    "Hoe kunnen wij {naam} helpen om weer tot leren te komen?",
    "Welke ondersteuning heeft {naam} nodig bij het lezen en spellen?",
    "Hoe begeleiden wij {naam} bij de sociaal-emotionele ontwikkeling?",
    "Wat is een passende plek voor {naam} na een langdurig verzuim?",
    "Hoe ondersteunen wij {naam} bij rekenen en concentratie?",
    "Welke aanpak helpt {naam} bij gedrag in de groep?",
]
BEHOEFTEN = [
    "Een vaste begeleider en duidelijke structuur door de dag.",
    "Extra instructie in een kleine groep, drie keer per week.",
    "Een rustige werkplek en korte opdrachten met directe feedback.",
    "Afstemming tussen school, ouders en jeugdhulp over één aanpak.",
    "Een aangepast rooster met opbouw naar volledige aanwezigheid.",
]
FACTOREN_PLUS = ["Gemotiveerd en creatief.", "Goede band met de mentor.", "Ouders zijn betrokken.", "Sportief en sociaal."]  # fmt: skip
FACTOREN_MIN = ["Snel afgeleid.", "Faalangst bij toetsen.", "Wisselende aanwezigheid.", "Moeite met overgangen."]  # fmt: skip
AL_GEDAAN = [
    "Twee handelingsplannen van zes weken met extra instructie.",
    "Observatie door de intern begeleider en gesprekken met ouders.",
    "Inzet van schoolmaatschappelijk werk gedurende een half jaar.",
]
DOELEN = [
    "Leest aan het eind van het schooljaar op AVI-niveau E5.",
    "Is elke dag de volledige schooldag aanwezig.",
    "Vraagt zelf om hulp als een opdracht niet lukt.",
    "Werkt twintig minuten zelfstandig aan een taak.",
]
ACTIES = [
    "Wekelijks gesprek met de mentor over de voortgang",
    "Intake bij het wijkteam plannen",
    "Observatie in de klas door de orthopedagoog",
    "Aangepast rooster met de ouders bespreken",
    "Dyslexieonderzoek aanvragen",
    "Overleg met de jeugdhulpaanbieder over de aanpak thuis",
    "Evaluatiegesprek met ouders inplannen",
]
VERSLAGEN = [
    "De doelen zijn met ouders en leerling besproken; de aanpak werkt en wordt voortgezet.",
    "Een deel van de doelen is bereikt; het rooster wordt verder opgebouwd.",
    "De aanpak sloot onvoldoende aan; het team stelt nieuwe doelen op.",
]


# --- writing with COPY ----------------------------------------------------------------------------------


def _ids(model: type[models.Model], aantal: int) -> list[int]:
    """`aantal` new primary keys from the table's own sequence (so later rows can point at these)."""
    if aantal <= 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, aantal],
        )
        return [rij[0] for rij in cursor.fetchall()]


def _copy(model: type[models.Model], velden: Sequence[str], rijen: Iterable[Sequence]) -> int:
    """COPY `rijen` (values of `velden`, attnames, "id" first) into the model's table. Every other
    concrete field gets its Python default (evaluated once; `auto_now` fields the moment of writing), as
    `bulk_create` would give it; the database checks every constraint and the history triggers fire."""
    nu = timezone.now()
    vast: dict[str, object] = {}
    kolom_van: dict[str, str] = {}
    for veld in model._meta.concrete_fields:
        kolom_van[veld.attname] = str(veld.column)
        if veld.attname in velden or veld.primary_key:  # without "id", the table's sequence gives it
            continue
        if getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
            vast[str(veld.column)] = nu
        else:
            vast[str(veld.column)] = veld.get_default()
    kolommen = [kolom_van[v] for v in velden]
    kolommen += list(vast)
    extra = tuple(vast.values())
    tabel = connection.ops.quote_name(model._meta.db_table)
    aantal = 0
    with connection.cursor() as cursor:
        # COPY does not pass Django's execute wrappers, so pghistory cannot put its context on it; a no-op
        # statement that does pass them sets the context for the rest of the transaction (SET LOCAL).
        cursor.execute("DO $$ BEGIN END $$")
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN") as copy,
    ):
        for rij in rijen:
            copy.write_row((*rij, *extra))
            aantal += 1
    return aantal


# --- fictional values -------------------------------------------------------------------------------------


def testdata_bsn(rng: random.Random) -> str:
    """A fictional BSN with a valid check digit (11-proef), as cases.demo.demo_bsn but drawn in one call:
    the generator needs hundreds of thousands."""
    while True:
        basis = rng.randrange(10_000_000, 100_000_000)
        cijfers = f"{basis:08d}"
        check = sum(int(d) * w for d, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return f"{cijfers}{check}"


def _volgend_onderwijsnummer(na: int) -> int:
    """The next valid onderwijsnummer after `na` (10xxxxxxx with the check python-stdnum applies)."""
    nummer = na + 1
    while not stdnum_onderwijsnummer.is_valid(f"{nummer:09d}"):
        nummer += 1
    return nummer


def _pool(fake, methode: str, aantal: int) -> list[str]:
    return [getattr(fake, methode)() for _ in range(aantal)]


def _op(basis: datetime.datetime, rng: random.Random, dagen: int) -> datetime.datetime:
    """A moment 1..`dagen` days after `basis`, during office hours."""
    dag = basis + datetime.timedelta(days=rng.randint(1, max(1, dagen)))
    return dag.replace(hour=rng.randint(8, 16), minute=rng.randrange(60), second=0, microsecond=0)


# --- the generator ----------------------------------------------------------------------------------------


def genereer_casussen(context: TestdataContext, aantallen: dict[str, int]) -> dict[str, int]:
    """One SWV's pupils and cases in the sizes of `aantallen` (see AANTALLEN)."""
    with pghistory.context(bron="testdata"):
        return _genereer(context, aantallen)


def _genereer(context: TestdataContext, aantallen: dict[str, int]) -> dict[str, int]:  # noqa: C901, PLR0912, PLR0915 - one pass over the cases
    swv = context.swv
    rng = context.rng("cases")
    fake = context.faker("cases")
    coordinator = context.users["coordinator"]
    vandaag = timezone.localdate()
    # Everything happened before today: the start of today is "now", so the same seed gives the same
    # moments whenever on the day it runs.
    nu = timezone.make_aware(datetime.datetime.combine(vandaag, datetime.time())) - datetime.timedelta(
        minutes=1
    )

    orgs = list(
        Organisatie.objects.filter(swv=swv, actief=True)
        .order_by("pk")
        .values_list("pk", "soort", "gemeente_id", "naam")
    )
    alle_scholen = [o for o in orgs if o[1] == "school"]
    gemeenten = [o for o in orgs if o[1] == "gemeente"]
    if not alle_scholen or not gemeenten:
        return {}
    scholen = rng.sample(alle_scholen, min(len(alle_scholen), max(1, aantallen.get("scholen", 1))))
    partners = [o for o in orgs if o[1] in PARTNERSOORTEN] or [
        o for o in orgs if o[1] not in ("school", "swv")
    ]
    leerplicht = [o for o in orgs if o[1] == "leerplicht"]
    eigen = next((o for o in orgs if o[1] == "swv"), None)
    personen = list(Persoon.objects.filter(swv=swv).order_by("pk").values_list("pk", flat=True)[:2000])
    gemeente_ids = {g[0] for g in gemeenten}

    # --- pupils, one enrolment each ---
    n_leerlingen = aantallen.get("leerlingen", 0)
    voornamen = _pool(fake, "first_name", 600)
    achternamen = _pool(fake, "last_name", 1200)
    bsns: set[str] = set()
    leerling_ids = _ids(Leerling, n_leerlingen)
    leerlingen = []  # (id, school_id, voornaam, achternaam, geboortedatum)
    rijen = []
    onderwijsnummer = 100_000_000 + context.index * 100_000
    for lid in leerling_ids:
        school = rng.choice(scholen)
        # Most live in the school's gemeente; one in eight in another one of the werkgebied.
        woongemeente = (
            school[2] if school[2] in gemeente_ids and rng.random() > 0.125 else rng.choice(gemeenten)[0]
        )
        leeftijd = rng.randint(4, 11) if swv.sector == "PO" else rng.randint(12, 18)
        geboren = vandaag - datetime.timedelta(days=leeftijd * 365 + rng.randrange(365))
        voornaam, achternaam = rng.choice(voornamen), rng.choice(achternamen)
        if rng.random() < 0.01:  # a newcomer without a BSN yet: an onderwijsnummer (10xxxxxxx)
            onderwijsnummer = _volgend_onderwijsnummer(onderwijsnummer)
            bsn: str | None = None
            nummer: str | None = f"{onderwijsnummer:09d}"
        else:
            bsn, nummer = testdata_bsn(rng), None
            while bsn in bsns:
                bsn = testdata_bsn(rng)
            bsns.add(bsn)
        leerlingen.append((lid, school[0], voornaam, achternaam, geboren))
        rijen.append((lid, swv.pk, bsn, nummer, voornaam, achternaam, geboren, school[0], woongemeente))
    _copy(
        Leerling,
        [
            "id",
            "swv_id",
            "bsn",
            "onderwijsnummer",
            "voornaam",
            "achternaam",
            "geboortedatum",
            "school_id",
            "woongemeente_id",
        ],
        rijen,
    )
    _copy(
        Inschrijving,
        ["swv_id", "leerling_id", "school_id", "ingeschreven_op"],
        ((swv.pk, lid, school_id, min(vandaag, max(geboren + datetime.timedelta(days=4 * 365 + 1), vandaag - datetime.timedelta(days=rng.randrange(3000)))))
         for lid, school_id, _v, _a, geboren in leerlingen),
    )  # fmt: skip

    # --- cases: distinct pupils (one open case per pupil and school holds by construction) ---
    n_casussen = min(aantallen.get("casussen", 0), len(leerlingen))
    statussen = [s for s, _g in STATUS_GEWICHTEN]
    cumulatief = list(accumulate(g for _s, g in STATUS_GEWICHTEN))
    gekozen = rng.sample(leerlingen, n_casussen)
    casus_ids = _ids(Casus, n_casussen)
    ouder_ids = _ids(Ouder, n_casussen * 2)
    plan_id_bron = iter(_ids(Plan, n_casussen * 2))

    # Rows per table, as COPY takes them (tuples in the order of each table's column list below).
    casussen: list[tuple] = []
    overgangen: list[tuple] = []
    tijdlijn: list[tuple] = []
    ouders: list[tuple] = []
    ot: list[tuple] = []
    toestemmingen: list[tuple] = []
    plannen: list[tuple] = []
    acties: list[tuple] = []
    evaluaties: list[tuple] = []
    totaal_statussen: dict[str, int] = {}
    for i, (cid, leerling) in enumerate(zip(casus_ids, gekozen, strict=True)):
        lid, school_id, voornaam, achternaam, _geboren = leerling
        # The first cases go round every state once, so even a tiny run has each; then by weight.
        status = statussen[i] if i < len(statussen) else rng.choices(statussen, cum_weights=cumulatief)[0]
        totaal_statussen[status] = totaal_statussen.get(status, 0) + 1
        pad = PADEN[status]
        # Days the case has been going: new aanmeldingen are recent (some past the pick-up term),
        # running and closed ones up to two years back.
        begonnen = nu - datetime.timedelta(days=rng.randint(1, 30) if len(pad) <= 3 else rng.randint(60, 700))
        momenten = [begonnen]
        for _stap in pad[1:]:
            momenten.append(min(_op(momenten[-1], rng, 20 if len(pad) <= 3 else 40), nu))
        aangemeld_op = momenten[1] if len(pad) > 1 else None
        gesloten = status in GESLOTEN
        regisseur = coordinator.pk if status in MET_TEAM and rng.random() < 0.8 else None
        naam = voornaam
        volledig = status != Status.CONCEPT or rng.random() < 0.5
        casussen.append(
            (
                cid, swv.pk, lid, school_id, status, regisseur,
                rng.choice(VRAGEN).format(naam=naam), rng.choice(BEHOEFTEN) if volledig else "",
                rng.choice(FACTOREN_PLUS) if volledig else "", rng.choice(FACTOREN_MIN) if volledig else "",
                rng.choice(AL_GEDAAN) if volledig else "", "Beperkt: de achterstand blijft groeien." if volledig else "",
                "Ouders herkennen het beeld en willen meedenken." if volledig else "",
                True if status != Status.CONCEPT else None,
                begonnen.date() if status != Status.CONCEPT else None,
                momenten[2].date() if status in MET_TEAM else None,
                begonnen, aangemeld_op, momenten[-1] if gesloten else None,
            )
        )  # fmt: skip
        # The transitions and their tijdlijn events.
        van = ""
        for stap, op in zip(pad, momenten, strict=True):
            reden = REDEN.get(stap, "")
            overgangen.append(
                (
                    swv.pk,
                    cid,
                    van,
                    stap,
                    op,
                    coordinator.pk if stap not in (Status.CONCEPT, Status.AANGEMELD) else None,
                    reden,
                )
            )
            titel = (
                "Aanmelding als concept opgeslagen"
                if stap == Status.CONCEPT
                else f"Status: {Status(van).label} → {Status(stap).label}"
            )
            tijdlijn.append(
                (
                    swv.pk,
                    cid,
                    op,
                    "aanmelding" if stap == Status.CONCEPT else "status",
                    titel,
                    reden,
                    None,
                    "",
                    "",
                )
            )
            van = stap
        # Ouders: one or two, the first always with gezag.
        n_ouders = 1 if rng.random() < 0.35 else 2
        mijn_ouders = []
        for n in range(n_ouders):
            oid = ouder_ids[2 * i + n]
            relatie = (
                (Ouder.Relatie.VERZORGER,) if n_ouders == 1 else (Ouder.Relatie.MOEDER, Ouder.Relatie.VADER)
            )
            ouder_voornaam = rng.choice(voornamen)
            ouders.append(
                (oid, swv.pk, lid, ouder_voornaam, achternaam, relatie[n], n == 0 or rng.random() < 0.9,
                 f"06-{rng.randrange(10_000_000, 100_000_000)}", f"ouder.{cid}.{n}@{EMAIL_DOMEIN}")
            )  # fmt: skip
            mijn_ouders.append(oid)
        if status not in MET_TEAM:
            continue
        # The team: school, SWV (the coordinator), an ouder, one or two partners with consent, and for one
        # in ten leerplicht (legal basis, no consent).
        start = momenten[2]
        ot.append((swv.pk, cid, OtLid.Rol.SCHOOL, school_id, rng.choice(personen) if personen else None, None, None, "Intern begeleider", OtLid.Grondslag.WETTELIJKE_TAAK, start.date(), None, ""))  # fmt: skip
        if eigen is not None:
            ot.append((swv.pk, cid, OtLid.Rol.SWV, eigen[0], None, coordinator.pk, None, "Orthopedagoog", OtLid.Grondslag.WETTELIJKE_TAAK, start.date(), None, ""))  # fmt: skip
        ot.append((swv.pk, cid, OtLid.Rol.OUDERS, None, None, None, mijn_ouders[0], "", OtLid.Grondslag.TOESTEMMING, start.date(), None, ""))  # fmt: skip
        tijdlijn.append((swv.pk, cid, start, "ot", "School, samenwerkingsverband en ouders toegevoegd aan het ondersteuningsteam", "", coordinator.pk, "", ""))  # fmt: skip
        for _p in range(1 if rng.random() < 0.7 else 2):
            if not partners:
                break
            partner = rng.choice(partners)
            gegeven = _op(start, rng, 10)
            gegeven = min(gegeven, nu)
            ingetrokken = rng.random() < 0.05 and not gesloten
            ingetrokken_op = min(_op(gegeven, rng, 60), nu) if ingetrokken else None
            einde = ingetrokken_op or (momenten[-1] if gesloten else None)
            toestemmingen.append(
                (swv.pk, lid, cid, Toestemming.Doel.DEELNAME_OT, partner[0], mijn_ouders[0], False, gegeven.date(),
                 rng.choice(list(Toestemming.Wijze.values)),
                 # No expiry, or three years: longer than any generated case runs, so consent holds.
                 None if rng.random() < 0.7 else gegeven.date() + datetime.timedelta(days=1095),
                 ingetrokken_op, "Ouders willen de hulp thuis zelf regelen." if ingetrokken else "", coordinator.pk)
            )  # fmt: skip
            ot.append(
                (swv.pk, cid, OtLid.Rol.PARTNER, partner[0], rng.choice(personen) if personen else None, None, None,
                 "Jeugdconsulent", OtLid.Grondslag.TOESTEMMING, gegeven.date(), einde,
                 "Toestemming ingetrokken" if ingetrokken else ("Casus afgesloten" if einde else ""))
            )  # fmt: skip
            tijdlijn.append((swv.pk, cid, gegeven, "toestemming", f"Toestemming vastgelegd: deelname aan het ondersteuningsteam, {partner[3]}"[:250], "", coordinator.pk, "", ""))  # fmt: skip
            if ingetrokken_op:
                tijdlijn.append((swv.pk, cid, ingetrokken_op, "toestemming", f"Toestemming ingetrokken: deelname aan het ondersteuningsteam, {partner[3]}"[:250], "", coordinator.pk, "", ""))  # fmt: skip
        if leerplicht and rng.random() < 0.1:
            ot.append((swv.pk, cid, OtLid.Rol.LEERPLICHT, rng.choice(leerplicht)[0], rng.choice(personen) if personen else None, None, None, "Leerplichtambtenaar", OtLid.Grondslag.WETTELIJKE_TAAK, start.date(), momenten[-1] if gesloten else None, "Casus afgesloten" if gesloten else ""))  # fmt: skip
        # The plan: a concept while in behandeling; from plan_vastgesteld a vastgesteld version (sometimes a
        # replaced version 1 before it), and for a running case now and then a new concept.
        versies: list[tuple[int, str]] = []
        if status == Status.IN_BEHANDELING:
            versies = [(1, Plan.Status.CONCEPT)] if rng.random() < 0.6 else []
        elif status in MET_PLAN:
            versies = (
                [(1, Plan.Status.VERVANGEN), (2, Plan.Status.VASTGESTELD)]
                if rng.random() < 0.2
                else [(1, Plan.Status.VASTGESTELD)]
            )
            if status == Status.LOPEND and rng.random() < 0.15:
                versies.append((versies[-1][0] + 1, Plan.Status.CONCEPT))
        vastgesteld_plan = None
        for versie, plan_status in versies:
            pid = next(plan_id_bron)
            vastgesteld_op = (momenten[3] if len(momenten) > 3 else start) - datetime.timedelta(
                days=(2 - versie) * 30 if plan_status == Plan.Status.VERVANGEN else 0
            )
            concept = plan_status == Plan.Status.CONCEPT
            plannen.append(
                (pid, swv.pk, cid, versie, plan_status, rng.choice(list(Plan.Uitstroomprofiel.values)) if swv.sector == "VO" else "",
                 rng.choice(BEHOEFTEN), rng.choice(FACTOREN_PLUS), rng.choice(FACTOREN_MIN), rng.choice(DOELEN), rng.choice(BEHOEFTEN),
                 None if concept else vastgesteld_op.date(), None if concept else coordinator.pk,
                 Plan.Instemming.NOG_NIET if concept else Plan.Instemming.INGESTEMD,
                 None if concept else vastgesteld_op.date(), None if concept else mijn_ouders[0])
            )  # fmt: skip
            soort, titel = (
                ("plan_concept", f"Plan versie {versie} (concept) aangemaakt")
                if concept
                else ("plan_vastgesteld", f"Plan versie {versie} vastgesteld")
            )
            tijdlijn.append((swv.pk, cid, min(vastgesteld_op, nu), soort, titel, "", coordinator.pk, "cases.plan", str(pid)))  # fmt: skip
            if plan_status == Plan.Status.VASTGESTELD:
                vastgesteld_plan = (pid, vastgesteld_op)
        if vastgesteld_plan is None:
            continue
        pid, vastgesteld_op = vastgesteld_plan
        # Actions of the plan: some done, some open with a deadline (past ones make deadline tasks).
        for _a in range(rng.randint(2, 4)):
            deadline = vastgesteld_op.date() + datetime.timedelta(days=rng.randint(14, 180))
            actie_status = (
                Actie.Status.AFGEROND
                if gesloten or (deadline < vandaag and rng.random() < 0.7)
                else rng.choice([Actie.Status.OPEN, Actie.Status.BEZIG])
            )
            persoon = rng.choice(personen) if personen and rng.random() < 0.3 else None
            organisatie = None if persoon else rng.choice([school_id, *(p[0] for p in partners[:1])])
            omschrijving = rng.choice(ACTIES)
            acties.append(
                (swv.pk, cid, pid, omschrijving, organisatie, persoon, deadline, actie_status,
                 min(deadline, vandaag) if actie_status == Actie.Status.AFGEROND else None)
            )  # fmt: skip
            tijdlijn.append((swv.pk, cid, vastgesteld_op, "actie_toegevoegd", f"Actie toegevoegd: {omschrijving}", "", coordinator.pk, "", ""))  # fmt: skip
        if status in MET_EVALUATIE or (status == Status.LOPEND and rng.random() < 0.4):
            datum = min(_op(vastgesteld_op, rng, 150), nu)
            conclusie = rng.choice(list(Evaluatie.Conclusie.values))
            evaluaties.append(
                (swv.pk, cid, pid, datum.date(), True, conclusie, rng.choice(VERSLAGEN), "", coordinator.pk)
            )
            tijdlijn.append((swv.pk, cid, datum, "evaluatie", f"Evaluatie vastgelegd ({Evaluatie.Conclusie(conclusie).label})", "", coordinator.pk, "", ""))  # fmt: skip

    _copy(
        Casus,
        ["id", "swv_id", "leerling_id", "school_id", "status", "casusregisseur_id", "vraagstelling",
         "ondersteuningsbehoefte", "bevorderende_factoren", "belemmerende_factoren", "al_gedaan",
         "resultaat_al_gedaan", "visie_ouders", "ouders_geinformeerd", "ouders_geinformeerd_op",
         "opp_vereist_vanaf", "aangemaakt_op", "aangemeld_op", "afgesloten_op"],
        casussen,
    )  # fmt: skip
    _copy(Statusovergang, ["swv_id", "casus_id", "van", "naar", "op", "door_id", "reden"], overgangen)
    _copy(
        Ouder,
        ["id", "swv_id", "leerling_id", "voornaam", "achternaam", "relatie", "gezag", "telefoon", "email"],
        ouders,
    )
    _copy(
        OtLid,
        ["swv_id", "casus_id", "rol", "organisatie_id", "persoon_id", "gebruiker_id", "ouder_id", "functie",
         "grondslag", "van", "beeindigd_op", "reden_einde"],
        ot,
    )  # fmt: skip
    _copy(
        Toestemming,
        ["swv_id", "leerling_id", "casus_id", "doel", "organisatie_id", "gegeven_door_ouder_id",
         "gegeven_door_leerling", "gegeven_op", "wijze", "geldig_tot", "ingetrokken_op", "reden_intrekking",
         "vastgelegd_door_id"],
        toestemmingen,
    )  # fmt: skip
    _copy(
        Plan,
        ["id", "swv_id", "casus_id", "versie", "status", "uitstroomprofiel", "onderbouwing", "bevorderende_factoren",
         "belemmerende_factoren", "doelen", "begeleiding", "vastgesteld_op", "vastgesteld_door_id", "instemming",
         "instemming_op", "instemming_door_id"],
        plannen,
    )  # fmt: skip
    _copy(
        Actie,
        ["swv_id", "casus_id", "plan_id", "omschrijving", "eigenaar_organisatie_id", "eigenaar_persoon_id",
         "deadline", "status", "afgerond_op"],
        acties,
    )  # fmt: skip
    _copy(
        Evaluatie,
        [
            "swv_id",
            "casus_id",
            "plan_id",
            "datum",
            "met_ouders",
            "conclusie",
            "verslag",
            "vervolg",
            "vastgelegd_door_id",
        ],
        evaluaties,
    )
    _copy(
        TijdlijnGebeurtenis,
        ["swv_id", "casus_id", "op", "soort", "titel", "toelichting", "door_id", "object_type", "object_id"],
        tijdlijn,
    )
    assert all(stdnum_bsn.is_valid(b) for b in list(bsns)[:100])  # noqa: S101 - a cheap self-check
    context.objecten += [("cases.casus", c) for c in casus_ids[:1000]]
    return {
        "leerlingen": len(leerlingen),
        "casussen": len(casussen),
        **{f"casussen {s}": n for s, n in sorted(totaal_statussen.items())},
        "statusovergangen": len(overgangen),
        "ouders": len(ouders),
        "ot-leden": len(ot),
        "toestemmingen": len(toestemmingen),
        "plannen": len(plannen),
        "acties": len(acties),
        "evaluaties": len(evaluaties),
        "tijdlijngebeurtenissen": len(tijdlijn),
    }
