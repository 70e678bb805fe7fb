"""The partner registry's part of `manage.py genereer_testdata` (swv/core/testdata.py): per SWV its
gemeenten in jeugdzorgregio's, schoolbesturen and schools with vestigingscodes, the other partners with
their werkgebied, people with key roles on the three levels (current, ended by a move, a few starting
later), agreements with parties and provisions. Registered in apps.py with the totals per scale.

Written with `bulk_create` (the services' rules hold by construction: every link stays within the SWV,
codes are valid and unique per SWV, dates are in order); the history triggers record every row, as they
would for a DUO import. Names come from Faker nl_NL; organisation names are made up from word lists,
e-mail addresses are under testdata.ketenregie.example; nobody real is in here.
"""

from __future__ import annotations

import datetime
import random
import re
import string
import unicodedata
from decimal import Decimal
from itertools import product

from django.utils import timezone

from swv.core.plugins import TestdataContext

from .models import (
    Afspraak,
    Jeugdzorgregio,
    Organisatie,
    Persoon,
    SchoolSwv,
    Sleutelfiguur,
    Voorziening,
)

# Totals over all generated SWVs per scale: gehost is the hosted measurement of issue 9, groot is one
# SWV at a tenth of it (the same as one SWV of gehost), klein a few rows per kind for the tests.
AANTALLEN = {
    "klein": {
        "organisaties": 120,
        "personen": 160,
        "sleutelfiguren": 200,
        "afspraken": 20,
        "voorzieningen": 16,
    },
    "groot": {
        "organisaties": 1_500,
        "personen": 4_000,
        "sleutelfiguren": 5_000,
        "afspraken": 300,
        "voorzieningen": 150,
    },
    "gehost": {
        "organisaties": 15_000,
        "personen": 40_000,
        "sleutelfiguren": 50_000,
        "afspraken": 3_000,
        "voorzieningen": 1_500,
    },
}
BATCH = 2_000
EMAIL_DOMEIN = "testdata.ketenregie.example"

# The other partners, with a weight (how common) and how their names are made.
PARTNERSOORTEN = [
    ("wijkteam", 15, ["Wijkteam {plaats}", "Sociaal team {plaats}", "CJG {plaats}"]),
    ("jeugdhulp", 20, ["Jeugdhulp {woord}", "Jeugdzorg {woord}", "Zorgboerderij {woord}"]),
    ("bedrijf", 14, ["{achternaam} Installatietechniek", "Bakkerij {achternaam}", "Garage {achternaam}"]),
    ("voorschool", 9, ["Kinderopvang {woord}", "Peuterspeelzaal {woord}"]),
    ("ggz", 7, ["GGZ Jeugd {woord}", "Praktijk {woord}"]),
    ("leerplicht", 5, ["Leerplicht {plaats}", "Regionaal Bureau Leerplicht {woord}"]),
    ("smw", 5, ["Schoolmaatschappelijk werk {woord}"]),
    ("jongerenwerk", 4, ["Jongerenwerk {plaats}"]),
    ("ggd", 3, ["GGD {woord}"]),
    ("mbo", 3, ["{woord} College", "MBO {woord}"]),
    ("overig", 3, ["Stichting {woord}"]),
    ("nieuwkomers", 2, ["Internationale schakelklas {plaats}"]),
    ("mee", 2, ["MEE {woord}"]),
    ("cluster1", 1, ["Visio {plaats}", "Bartiméus {plaats}"]),
    ("cluster2", 1, ["Kentalis {plaats}", "Auris {plaats}"]),
    ("halt", 1, ["HALT {woord}"]),
    ("verslavingszorg", 1, ["Verslavingszorg {woord}"]),
    ("collega_swv", 1, ["Collega-samenwerkingsverband {woord}"]),
    ("sectorraad", 1, ["Sectorraad {woord}"]),
]
WOORDEN = [
    "Regenboog", "Kompas", "Wilg", "Vlinder", "Zonnebloem", "Horizon", "Linde", "Eik", "Duinroos",
    "Klimop", "Sterrenwacht", "Toermalijn", "Kameleon", "Boomgaard", "Fontein", "Wadden", "Meander",
    "Polder", "Molenwiek", "Vuurtoren", "Windroos", "Kastanje", "Esdoorn", "Berkenhof", "Startbaan",
    "Rivierenland", "Heuvelland", "Kempen", "Veluwezoom", "Waterlinie", "Dijkstede", "Akker", "Spectrum",
]  # fmt: skip
SCHOOLSOORTEN = {
    "PO": [("BAO", 85, ["Basisschool {woord}", "Openbare basisschool {woord}", "Kindcentrum {woord}"]),
           ("SBAO", 8, ["SBO {woord}"]),
           ("SO", 7, ["School voor speciaal onderwijs {woord}"])],
    "VO": [("VO", 80, ["{woord} College", "{woord} Lyceum", "Scholengemeenschap {woord}"]),
           ("PRO", 10, ["Praktijkschool {woord}"]),
           ("VSO", 10, ["VSO {woord}"])],
}  # fmt: skip
DENOMINATIES = ["Openbaar", "Rooms-Katholiek", "Protestants-Christelijk", "Algemeen bijzonder"]
TUSSENVOEGSELS = ("van der ", "van den ", "van de ", "van ", "de ", "den ", "ter ", "ten ", "in 't ", "'t ")

# soort -> (functie, niveau) a key person holds there; the first is the most common.
FUNCTIES = {
    "swv": [("Orthopedagoog", "uitvoering"), ("Coördinator thuiszitters", "organisatie"),
            ("Directeur-bestuurder", "bestuur_beleid"), ("Trajectbegeleider", "uitvoering")],
    "school": [("Intern begeleider", "uitvoering"), ("Zorgcoördinator", "uitvoering"),
               ("Schooldirecteur", "organisatie")],
    "schoolbestuur": [("Beleidsmedewerker passend onderwijs", "organisatie"),
                      ("Voorzitter college van bestuur", "bestuur_beleid")],
    "gemeente": [("Beleidsadviseur onderwijs", "bestuur_beleid"), ("Contractmanager jeugdhulp", "organisatie"),
                 ("Wethouder onderwijs en jeugd", "bestuur_beleid")],
    "leerplicht": [("Leerplichtambtenaar", "uitvoering"), ("Teamleider leerplicht", "organisatie")],
    "wijkteam": [("Jeugdconsulent", "uitvoering"), ("Jeugd- en gezinscoach", "uitvoering"),
                 ("Teamleider", "organisatie")],
    "ggd": [("Jeugdarts", "uitvoering"), ("Jeugdverpleegkundige", "uitvoering")],
    "smw": [("Schoolmaatschappelijk werker", "uitvoering")],
}  # fmt: skip
ANDERE_FUNCTIES = [("Contactpersoon onderwijs", "uitvoering"), ("Teamleider", "organisatie"), ("Directeur", "bestuur_beleid")]  # fmt: skip
ONDERWERPEN = [
    "thuiszitters", "verzuim", "jeugdhulp in school", "OOGO", "leerlingenvervoer", "dekkend netwerk",
    "medische advisering", "jonge kind", "overgang PO-VO", "onderwijs-zorgarrangementen",
]  # fmt: skip
VOORZIENINGSNAMEN = [
    ("thuiszitters", "Herstart {woord}"), ("gedrag", "Rebound {woord}"), ("gedrag", "Time-out {woord}"),
    ("hoogbegaafd", "Plusklas {woord}"), ("nieuwkomers", "Schakelklas {woord}"),
    ("psychisch", "Onderwijs-zorgarrangement {woord}"), ("leren", "Leesarrangement {woord}"),
    ("lichamelijk_zintuiglijk", "Ambulante begeleiding {woord}"), ("jonge_kind", "Peuterplusgroep {woord}"),
    ("overig", "Maatwerkarrangement {woord}"),
]  # fmt: skip
AFSPRAAKTITELS = {
    "samenwerkingsovereenkomst": "Samenwerkingsovereenkomst {partij}",
    "convenant": "Convenant {onderwerp} {plaats}",
    "privacyconvenant": "Privacyconvenant {partij}",
    "verwerkersovereenkomst": "Verwerkersovereenkomst {partij}",
    "overig": "Afspraken {onderwerp} met {partij}",
}


def _gewogen(rng: random.Random, keuzes: list, gewicht_index: int = 1):
    return rng.choices(keuzes, weights=[k[gewicht_index] for k in keuzes])[0]


def _ascii(tekst: str) -> str:
    """A name as it may stand in an e-mail address: Daniëlle -> danielle, 'T Hart -> thart."""
    return re.sub(
        r"[^a-z0-9]", "", unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode().lower()
    )


def _splits_achternaam(achternaam: str) -> tuple[str, str]:
    """Faker writes "van der Berg"; the registry keeps the tussenvoegsel apart (sorting on "Berg")."""
    for voegsel in TUSSENVOEGSELS:
        if achternaam.startswith(voegsel) and len(achternaam) > len(voegsel):
            return voegsel.strip(), achternaam[len(voegsel) :]
    return "", achternaam


def _datum(rng: random.Random, van: datetime.date, tot: datetime.date) -> datetime.date:
    return van + datetime.timedelta(days=rng.randrange(max(1, (tot - van).days)))


def _brin(volgnummer: int) -> str:
    """A BRIN number (2 digits, 2 letters) per number: 10AA, 10AB, ... (fictional, not DUO's list)."""
    letters = ["".join(p) for p in product(string.ascii_uppercase, repeat=2)]
    return f"{10 + volgnummer // len(letters) % 90:02d}{letters[volgnummer % len(letters)]}"


def genereer_partners(context: TestdataContext, aantallen: dict[str, int]) -> dict[str, int]:
    """One SWV's registry in the sizes of `aantallen` (see AANTALLEN); fills `context.organisaties` with
    the SWV's own organisation and `context.objecten` with rows the generated read log names."""
    swv = context.swv
    rng = context.rng("partners")
    fake = context.faker("partners")
    vandaag = timezone.localdate()
    n_org = max(aantallen.get("organisaties", 0), 8)

    # --- organisations ---
    n_gemeenten = max(3, round(n_org * 0.01))
    n_besturen = max(1, round(n_org * 0.05))
    n_scholen = max(2, round(n_org * 0.6))
    n_overig = max(0, n_org - 1 - n_gemeenten - n_besturen - n_scholen)

    plaatsen: list[str] = []
    while len(plaatsen) < n_gemeenten:
        plaats = fake.city()
        if plaats not in plaatsen:
            plaatsen.append(plaats)
    n_regios = max(1, n_gemeenten // 6)
    regios = Jeugdzorgregio.objects.bulk_create(
        Jeugdzorgregio(swv=swv, naam=f"Jeugdzorgregio {plaatsen[i]} e.o.", code=f"JZR-{i + 1:02d}")
        for i in range(n_regios)
    )
    eigen = Organisatie(swv=swv, soort="swv", code=swv.code, naam=swv.naam)
    # About one in five gemeenten lies outside the werkgebied (a neighbour the SWV works with).
    gemeenten = [
        Organisatie(
            swv=swv,
            soort="gemeente",
            code=f"{9100 + i:04d}",
            naam=f"Gemeente {plaats}",
            plaats=plaats,
            in_werkgebied=i % 5 != 4 or n_gemeenten <= 3,
            jeugdzorgregio=regios[i % n_regios] if i % 5 != 4 or n_gemeenten <= 3 else None,
        )
        for i, plaats in enumerate(plaatsen)
    ]
    Organisatie.objects.bulk_create([eigen, *gemeenten])
    werkgebied = [g for g in gemeenten if g.in_werkgebied]

    def adres(org: Organisatie, gemeente: Organisatie) -> Organisatie:
        org.straat, org.huisnummer = fake.street_name(), str(rng.randrange(1, 250))
        org.postcode = f"{rng.randrange(1000, 10000)} {rng.choice('BCEFGHJKLMNPRTVWXZ')}{rng.choice('ABCEGHJKLMNPRTVWXZ')}"
        org.plaats = gemeente.plaats
        return org

    besturen = []
    for i in range(n_besturen):
        gemeente = rng.choice(werkgebied)
        nummer = f"{40000 + context.index * 1000 + i:05d}"
        besturen.append(
            adres(
                Organisatie(
                    swv=swv,
                    soort="schoolbestuur",
                    code=nummer,
                    bevoegd_gezag_nummer=nummer,
                    naam=f"Stichting {rng.choice(DENOMINATIES).split('-')[0]} Onderwijs {rng.choice(WOORDEN)} {i + 1}",
                    gemeente=gemeente,
                ),
                gemeente,
            )
        )
    Organisatie.objects.bulk_create(besturen, batch_size=BATCH)

    scholen = []
    for i in range(n_scholen):
        soort_onderwijs, _gewicht, namen = _gewogen(rng, SCHOOLSOORTEN[swv.sector])
        gemeente = rng.choice(werkgebied)
        bestuur = rng.choice(besturen)
        scholen.append(
            adres(
                Organisatie(
                    swv=swv,
                    soort="school",
                    code=f"{_brin(context.index * 2000 + i)}{'01' if i % 10 == 9 else '00'}",
                    naam=rng.choice(namen).format(woord=rng.choice(WOORDEN)) + f" {gemeente.plaats}",
                    gemeente=gemeente,
                    schoolbestuur=bestuur,
                    bevoegd_gezag_nummer=bestuur.code,
                    soort_onderwijs=soort_onderwijs,
                    denominatie=rng.choice(DENOMINATIES),
                ),
                gemeente,
            )
        )
    Organisatie.objects.bulk_create(scholen, batch_size=BATCH)
    SchoolSwv.objects.bulk_create(
        (SchoolSwv(swv=swv, school=s, swv_code=swv.code, sector=swv.sector) for s in scholen),
        batch_size=BATCH,
    )

    overig = []
    for i in range(n_overig):
        soort, _gewicht, namen = _gewogen(rng, PARTNERSOORTEN)
        gemeente = rng.choice(werkgebied)
        naam = rng.choice(namen).format(
            plaats=gemeente.plaats, woord=rng.choice(WOORDEN), achternaam=fake.last_name()
        )
        org = adres(Organisatie(swv=swv, soort=soort, naam=naam, gemeente=gemeente), gemeente)
        if i % 33 == 32:  # a few partners stopped, some time ago
            org.actief, org.einddatum = False, _datum(rng, vandaag - datetime.timedelta(days=1500), vandaag)
        overig.append(org)
    Organisatie.objects.bulk_create(overig, batch_size=BATCH)
    Werkgebied = Organisatie.werkgebied.through  # noqa: N806 - a model class
    Werkgebied.objects.bulk_create(
        (
            Werkgebied(from_organisatie_id=org.pk, to_organisatie_id=g.pk)
            for org in overig
            for g in rng.sample(werkgebied, rng.choice([1, 1, 2, 3, len(werkgebied)]))
        ),
        batch_size=BATCH,
    )
    alle = [eigen, *gemeenten, *besturen, *scholen, *overig]
    context.organisaties[("swv", swv.code)] = eigen

    # --- people and their roles ---
    n_personen = aantallen.get("personen", 0)
    personen = []
    for i in range(n_personen):
        voornaam = fake.first_name()
        tussenvoegsel, achternaam = _splits_achternaam(fake.last_name())
        email = f"{_ascii(voornaam)}.{_ascii(achternaam)}.{i}@{EMAIL_DOMEIN}"
        personen.append(
            Persoon(
                swv=swv, voornaam=voornaam, tussenvoegsel=tussenvoegsel, achternaam=achternaam, email=email
            )
        )
    Persoon.objects.bulk_create(personen, batch_size=BATCH)

    # Roles go to working organisations; schools and the care partners hold most of them.
    actieve = [o for o in alle if o.actief]
    gewichten = [4 if o.soort in ("school", "wijkteam", "gemeente", "swv") else 1 for o in actieve]
    n_rollen = aantallen.get("sleutelfiguren", 0)
    # Every person holds one role; the rest are people who moved: an ended role, then the current one.
    n_verhuisd = max(0, min(n_rollen - n_personen, n_personen))
    rollen: list[Sleutelfiguur] = []
    gemeenten_van_rol: list[list[Organisatie]] = []
    tot: datetime.date | None
    einde: list[datetime.date] = []  # when each mover's first role ended
    for i in range(min(n_rollen, n_personen + n_verhuisd)):
        persoon = personen[i % n_personen]
        org = rng.choices(actieve, weights=gewichten)[0]
        functie, niveau = rng.choice(FUNCTIES.get(org.soort, ANDERE_FUNCTIES))
        eerste_van_verhuizer = i < n_verhuisd  # indices 0..n_verhuisd-1 get a second role below
        if i >= n_personen:  # the second role of a person who moved: starts where the first ended
            van, tot = einde[i - n_personen], None
        elif eerste_van_verhuizer:
            van = _datum(rng, datetime.date(2012, 1, 1), vandaag - datetime.timedelta(days=800))
            tot = _datum(rng, van + datetime.timedelta(days=30), vandaag - datetime.timedelta(days=1))
            einde.append(tot)
        else:
            van = _datum(rng, datetime.date(2014, 1, 1), vandaag - datetime.timedelta(days=1))
            tot = None
            if i % 50 == 49:  # entered ahead of time: starts next month
                van = vandaag + datetime.timedelta(days=rng.randrange(1, 60))
        rollen.append(
            Sleutelfiguur(
                swv=swv,
                persoon=persoon,
                organisatie=org,
                functie=functie,
                niveau=niveau,
                onderwerpen=rng.sample(ONDERWERPEN, rng.choice([0, 1, 1, 2])),
                email=persoon.email,
                van=van,
                tot=tot,
            )
        )
        # One in ten roles at a partner working in several gemeenten is the contact for some of them.
        gemeenten_van_rol.append(
            rng.sample(werkgebied, 1) if org.soort not in ("school", "gemeente") and i % 10 == 0 else []
        )
    Sleutelfiguur.objects.bulk_create(rollen, batch_size=BATCH)
    RolGemeente = Sleutelfiguur.gemeenten.through  # noqa: N806 - a model class
    RolGemeente.objects.bulk_create(
        (
            RolGemeente(sleutelfiguur_id=r.pk, organisatie_id=g.pk)
            for r, gs in zip(rollen, gemeenten_van_rol, strict=True)
            for g in gs
        ),
        batch_size=BATCH,
    )

    # --- agreements ---
    coordinator = context.users.get("coordinator")
    partners_voor_afspraak = [o for o in alle if o.soort not in ("school", "swv")]
    afspraken = []
    partijen_van = []
    for i in range(aantallen.get("afspraken", 0)):
        soort = rng.choice(list(AFSPRAAKTITELS))
        partijen = rng.sample(partners_voor_afspraak, min(len(partners_voor_afspraak), rng.randrange(1, 6)))
        ingang = _datum(rng, datetime.date(2018, 1, 1), vandaag)
        eind = ingang + datetime.timedelta(days=365 * rng.randrange(1, 5)) if rng.random() < 0.6 else None
        evaluatie = vandaag + datetime.timedelta(days=rng.randrange(-60, 365)) if rng.random() < 0.5 else None
        titel = AFSPRAAKTITELS[soort].format(
            partij=partijen[0].naam, onderwerp=rng.choice(ONDERWERPEN), plaats=rng.choice(werkgebied).plaats
        )
        afspraken.append(
            Afspraak(
                swv=swv,
                soort=soort,
                titel=f"{titel} ({i + 1})",
                ingangsdatum=ingang,
                einddatum=eind,
                evaluatiedatum=evaluatie,
                eigenaar=coordinator,
            )
        )
        partijen_van.append([eigen, *partijen])
    Afspraak.objects.bulk_create(afspraken, batch_size=BATCH)
    Partij = Afspraak.partijen.through  # noqa: N806 - a model class
    Partij.objects.bulk_create(
        (
            Partij(afspraak_id=a.pk, organisatie_id=o.pk)
            for a, ps in zip(afspraken, partijen_van, strict=True)
            for o in ps
        ),
        batch_size=BATCH,
    )

    # --- provisions ---
    aanbieders = [
        o
        for o in alle
        if o.soort in ("school", "schoolbestuur", "jeugdhulp", "ggz", "cluster1", "cluster2", "swv")
    ]
    sector = swv.sector
    voorzieningen = []
    gemeenten_van_voorziening = []
    for i in range(aantallen.get("voorzieningen", 0)):
        doelgroep, patroon = rng.choice(VOORZIENINGSNAMEN)
        capaciteit = rng.randrange(5, 41)
        # About one in ten is full; the rest has room.
        bezetting = capaciteit if i % 10 == 3 else rng.randrange(0, capaciteit)
        ingang = _datum(rng, datetime.date(2016, 8, 1), vandaag)
        voorzieningen.append(
            Voorziening(
                swv=swv,
                naam=f"{patroon.format(woord=rng.choice(WOORDEN))} {i + 1}",
                aanbieder=rng.choice(aanbieders),
                doelgroep=doelgroep,
                sector=rng.choice([sector, sector, "beide"]),
                capaciteit=capaciteit,
                bezetting=bezetting,
                wachttijd_weken=rng.choice([0, 0, 1, 2, 3, 4, 6, 8, 12, 16]),
                kosten_per_plek=Decimal(rng.randrange(50000, 2000000)) / 100 if rng.random() < 0.8 else None,
                ingangsdatum=ingang,
                einddatum=_datum(rng, ingang, vandaag) if i % 20 == 7 else None,
            )
        )
        gemeenten_van_voorziening.append(rng.sample(werkgebied, rng.choice([0, 0, 1, 2, 3])))
    Voorziening.objects.bulk_create(voorzieningen, batch_size=BATCH)
    VoorzieningGemeente = Voorziening.gemeenten.through  # noqa: N806 - a model class
    VoorzieningGemeente.objects.bulk_create(
        (
            VoorzieningGemeente(voorziening_id=v.pk, organisatie_id=g.pk)
            for v, gs in zip(voorzieningen, gemeenten_van_voorziening, strict=True)
            for g in gs
        ),
        batch_size=BATCH,
    )

    context.objecten += [("partners.organisatie", o.pk) for o in alle]
    context.objecten += [("partners.persoon", p.pk) for p in personen]
    context.objecten += [("partners.afspraak", a.pk) for a in afspraken]
    return {
        "organisaties": len(alle),
        "personen": len(personen),
        "sleutelfiguren": len(rollen),
        "afspraken": len(afspraken),
        "voorzieningen": len(voorzieningen),
        "jeugdzorgregio's": len(regios),
    }
