"""Fictional partner registry for the demo SWV: its gemeenten and schools, the organisations the demo
accounts work for, and the partner network (ketenpartners): the three demo gemeenten in one
jeugdzorgregio, their care, education and municipal partners, key people on the three levels of the
routekaart, agreements and provisions. Registered in apps.py (swv/core/plugins.py `register_demo`).

Deliberately imperfect, so the overviews have something to show: Heuvelrijk has nobody on
"bestuur & beleid" (a gap on the routekaart), one person moved from Waterveld to Heuvelrijk (history),
one agreement is due for evaluation and one expires within 30 days, one provision is full and one has
a long waiting list. Idempotent: every row is looked up by a natural key (codes, names, titles) first;
what is missing is written through the services (validation and history as for any other write).
People's names come from Faker nl_NL with a fixed seed; every organisation name ends in "(demo)".
"""

import datetime
import unicodedata
from decimal import Decimal

from django.utils import timezone
from faker import Faker

from swv.core.demo import beheerder_rechten
from swv.core.plugins import DemoContext

from . import services
from .models import Afspraak, Jeugdzorgregio, Organisatie, Persoon, Sleutelfiguur, Voorziening

GEMEENTEN = [("9901", "Gemeente Lindedal"), ("9902", "Gemeente Waterveld"), ("9903", "Gemeente Heuvelrijk")]
# BRIN + vestigingsnummer; fictional BRINs in the 99xx range, which DUO does not hand out.
SCHOLEN = [
    ("99AB00", "Basisschool De Regenboog", "9901"),
    ("99AC00", "Basisschool Het Kompas", "9902"),
    ("99AD00", "SBO De Brug", "9903"),
]
# What the functioneel beheerder manages of this app in /beheer/.
BEHEERDER_MODELLEN = [
    "organisatie",
    "jeugdzorgregio",
    "schoolswv",
    "persoon",
    "sleutelfiguur",
    "afspraak",
    "afspraakherinnering",
    "voorziening",
]

REGIO = "Jeugdzorgregio Rivierenland (demo)"
LINDEDAL, WATERVELD, HEUVELRIJK = "9901", "9902", "9903"
ALLE = (LINDEDAL, WATERVELD, HEUVELRIJK)

# key -> (soort, naam, gemeente it sits in or None, werkgebied gemeenten). Existing demo rows keep their codes.
ORGANISATIES = {
    "ggd": ("ggd", "GGD Rivierenland (demo)", None, ALLE),
    "wijkteam_lindedal": ("wijkteam", "Wijkteam Lindedal", LINDEDAL, (LINDEDAL,)),
    "sociaal_team_waterveld": ("wijkteam", "Sociaal team Waterveld (demo)", WATERVELD, (WATERVELD,)),
    "cjg_heuvelrijk": ("wijkteam", "CJG Heuvelrijk (demo)", HEUVELRIJK, (HEUVELRIJK,)),
    "leerplicht_lindedal": ("leerplicht", "Team Leerplicht Lindedal", LINDEDAL, (LINDEDAL,)),
    "rbl": ("leerplicht", "Regionaal Bureau Leerplicht Rivierenland (demo)", None, (WATERVELD, HEUVELRIJK)),
    "smw": ("smw", "Schoolmaatschappelijk werk Rivierenland (demo)", None, ALLE),
    "schoolbestuur": ("schoolbestuur", "Stichting Primair Onderwijs Rivierenland (demo)", LINDEDAL, ()),
    "visio": ("cluster1", "Visio (demo)", None, ALLE),
    "kentalis": ("cluster2", "Kentalis (demo)", None, ALLE),
    "mbo": ("mbo", "MBO College Rivierenland (demo)", WATERVELD, ALLE),
    "ggz": ("ggz", "GGZ Jeugd Rivierenland (demo)", None, ALLE),
    "jeugdhulp": ("jeugdhulp", "Jeugdhulp De Horizon (demo)", HEUVELRIJK, ALLE),
    "bedrijf": ("bedrijf", "Bakkerij Van Dam (demo)", WATERVELD, (WATERVELD,)),
    "collega_swv": ("collega_swv", "Samenwerkingsverband VO Rivierenland (demo)", None, ALLE),
    "halt": ("halt", "HALT Rivierenland (demo)", None, ALLE),
    "jongerenwerk": ("jongerenwerk", "Jongerenwerk Lindedal (demo)", LINDEDAL, (LINDEDAL,)),
}
SCHOOLBESTUUR_NUMMER = "99001"

# (organisation key, functie, niveau, gemeenten it is the contact for (empty: its werkgebied), onderwerpen)
SLEUTELFIGUREN = [
    ("swv", "Directeur-bestuurder", "bestuur_beleid", (), ["OOGO", "dekkend netwerk"]),
    ("swv", "Coördinator thuiszitters", "organisatie", (), ["thuiszitters", "verzuim"]),
    ("gemeente_lindedal", "Wethouder onderwijs en jeugd", "bestuur_beleid", (), ["OOGO"]),
    ("gemeente_lindedal", "Beleidsadviseur onderwijs", "bestuur_beleid", (), ["OOGO", "leerlingenvervoer"]),
    ("gemeente_waterveld", "Wethouder jeugd", "bestuur_beleid", (), ["OOGO"]),
    ("wijkteam_lindedal", "Jeugdconsulent", "uitvoering", (), ["jeugdhulp in school"]),
    ("wijkteam_lindedal", "Teamleider", "organisatie", (), ["jeugdhulp in school"]),
    ("sociaal_team_waterveld", "Jeugd- en gezinscoach", "uitvoering", (), ["jeugdhulp in school"]),
    ("sociaal_team_waterveld", "Teamleider", "organisatie", (), ["jeugdhulp in school"]),
    ("cjg_heuvelrijk", "Jeugdverpleegkundige", "uitvoering", (), ["jonge kind"]),
    ("ggd", "Jeugdarts", "uitvoering", (LINDEDAL, WATERVELD), ["verzuim", "medische advisering"]),
    ("ggd", "Jeugdarts", "uitvoering", (HEUVELRIJK,), ["verzuim", "medische advisering"]),
    ("leerplicht_lindedal", "Leerplichtambtenaar", "uitvoering", (), ["verzuim", "thuiszitters"]),
    ("rbl", "Teamleider leerplicht", "organisatie", (), ["verzuim", "thuiszitters"]),
    ("smw", "Schoolmaatschappelijk werker", "uitvoering", (LINDEDAL, HEUVELRIJK), ["gezin", "school"]),
    ("schoolbestuur", "Voorzitter college van bestuur", "bestuur_beleid", (), ["passend onderwijs"]),
    ("kentalis", "Ambulant begeleider cluster 2", "uitvoering", (), ["taal en spraak"]),
    ("jeugdhulp", "Zorgcoördinator onderwijs-zorg", "organisatie", (), ["onderwijs-zorgarrangementen"]),
]
# Someone who moved: teamleider in Waterveld until the move, since then coördinator in Heuvelrijk.
VERHUISD = {
    "van": ("sociaal_team_waterveld", "Teamleider (tot de overstap)", datetime.date(2022, 3, 1)),
    "naar": ("cjg_heuvelrijk", "Coördinator CJG", datetime.date(2026, 6, 1)),
}

# (titel, soort, partijen, ingangsdatum, einddatum in days from today, evaluatiedatum in days from today)
AFSPRAKEN = [
    (
        "Samenwerkingsovereenkomst SWV en GGD Rivierenland (demo)",
        "samenwerkingsovereenkomst",
        ("swv", "ggd"),
        datetime.date(2024, 1, 1),
        None,
        20,  # due for evaluation within 30 days
    ),
    (
        "Convenant thuiszitters Rivierenland (demo)",
        "convenant",
        (
            "swv",
            "gemeente_lindedal",
            "gemeente_waterveld",
            "gemeente_heuvelrijk",
            "leerplicht_lindedal",
            "rbl",
        ),
        datetime.date(2023, 1, 1),
        25,  # expires within 30 days
        None,
    ),
    (
        "Privacyconvenant zorg- en adviesteams (demo)",
        "privacyconvenant",
        ("swv", "ggd", "wijkteam_lindedal", "sociaal_team_waterveld", "cjg_heuvelrijk", "smw"),
        datetime.date(2025, 8, 1),
        None,
        250,
    ),
    (
        "Verwerkersovereenkomst Ketenregie (demo)",
        "verwerkersovereenkomst",
        ("swv",),
        datetime.date(2026, 1, 1),
        None,
        120,
    ),
    (
        "Afspraken onderwijs-zorgarrangementen De Horizon (demo)",
        "overig",
        ("swv", "jeugdhulp", "schoolbestuur"),
        datetime.date(2025, 8, 1),
        400,
        180,
    ),
]

# (naam, aanbieder, doelgroep, sector, capaciteit, bezetting, wachttijd_weken, kosten, gemeenten (empty: all))
VOORZIENINGEN = [
    ("Herstart (demo)", "jeugdhulp", "thuiszitters", "PO", 12, 12, 3, "9500.00", ()),  # full
    (
        "OCTA onderwijs-zorgarrangement (demo)",
        "ggz",
        "psychisch",
        "PO",
        10,
        7,
        14,
        "14000.00",
        (),
    ),  # long wait
    ("Zorg-onderwijscombinatie De Brug (demo)", "school_99AD00", "gedrag", "PO", 16, 11, 3, "12500.00", ()),
    (
        "Ambulante begeleiding cluster 1 (demo)",
        "visio",
        "lichamelijk_zintuiglijk",
        "beide",
        20,
        9,
        2,
        None,
        (),
    ),
    (
        "Ambulante begeleiding cluster 2 (demo)",
        "kentalis",
        "lichamelijk_zintuiglijk",
        "beide",
        25,
        18,
        4,
        None,
        (),
    ),
    (
        "Plusklas Rivierenland (demo)",
        "schoolbestuur",
        "hoogbegaafd",
        "PO",
        24,
        20,
        0,
        "1800.00",
        (LINDEDAL, WATERVELD),
    ),
    (
        "Schakelklas nieuwkomers (demo)",
        "schoolbestuur",
        "nieuwkomers",
        "PO",
        15,
        9,
        2,
        "6000.00",
        (WATERVELD,),
    ),
    (
        "Onderwijsarrangement lezen en rekenen (demo)",
        "schoolbestuur",
        "leren",
        "PO",
        30,
        22,
        1,
        "2500.00",
        (),
    ),
]


def _org(
    swv, soort: str, code: str, naam: str, gemeente: Organisatie | None = None
) -> tuple[Organisatie, bool]:
    org = Organisatie.objects.filter(swv=swv, soort=soort, code=code).first()
    if org is not None:
        return org, False
    return services.organisatie_create(
        swv=swv, by=None, soort=soort, code=code, naam=naam, gemeente=gemeente
    ), True


def _email(voornaam: str, achternaam: str) -> str:
    # Faker's Dutch names have accents (Daniëlle); an e-mail address's local part is ASCII.
    naam = unicodedata.normalize("NFKD", f"{voornaam}.{achternaam}").encode("ascii", "ignore").decode()
    return naam.lower().replace(" ", "") + "@demo.ketenregie.example"


def load_demo_partners(demo: DemoContext) -> dict[str, int]:
    """Add the demo registry to `demo.swv` where missing; returns how many rows were created.

    Fills `demo.organisaties` with the organisations the demo accounts and the other apps' demo data
    use: the SWV itself, its gemeenten and schools, the leerplicht team and the wijkteam.
    """
    swv = demo.swv
    fake = Faker("nl_NL")
    fake.seed_instance(4040)
    nieuwe_organisaties = aantal = 0
    beheerder_rechten(demo.users["beheerder"], "partners", BEHEERDER_MODELLEN)

    orgs = demo.organisaties

    def basis(key: tuple[str, str], naam: str, gemeente: Organisatie | None = None) -> Organisatie:
        nonlocal nieuwe_organisaties
        orgs[key], nieuw = _org(swv, *key, naam, gemeente)
        nieuwe_organisaties += nieuw
        return orgs[key]

    basis(("swv", swv.code), swv.naam)
    gemeenten = {code: basis(("gemeente", code), naam) for code, naam in GEMEENTEN}
    for code, naam, school_gemeente in SCHOLEN:
        basis(("school", code), naam, gemeenten[school_gemeente])
    basis(("leerplicht", "LP9901"), "Team Leerplicht Lindedal", gemeenten[LINDEDAL])
    basis(("wijkteam", "WT9901"), "Wijkteam Lindedal", gemeenten[LINDEDAL])

    regio = Jeugdzorgregio.objects.filter(swv=swv, naam=REGIO).first()
    if regio is None:
        regio = services.jeugdzorgregio_create(swv=swv, by=None, naam=REGIO, code="JZR-RL")
        aantal += 1
    for gemeente in gemeenten.values():
        if not gemeente.in_werkgebied or gemeente.jeugdzorgregio_id != regio.pk:
            services.organisatie_update(
                organisatie=gemeente, by=None, in_werkgebied=True, jeugdzorgregio=regio
            )

    partners = {
        "swv": orgs[("swv", swv.code)],
        "gemeente_lindedal": gemeenten[LINDEDAL],
        "gemeente_waterveld": gemeenten[WATERVELD],
        "gemeente_heuvelrijk": gemeenten[HEUVELRIJK],
        **{f"school_{code}": orgs[("school", code)] for code, _naam, _gemeente in SCHOLEN},
    }
    for key, (soort, naam, gemeente_code, werkgebied) in ORGANISATIES.items():
        org = Organisatie.objects.filter(swv=swv, soort=soort, naam=naam).first()
        if org is None:
            org = services.organisatie_create(
                swv=swv,
                by=None,
                werkgebied=[gemeenten[c] for c in werkgebied],
                soort=soort,
                naam=naam,
                code=SCHOOLBESTUUR_NUMMER if soort == "schoolbestuur" else "",
                bevoegd_gezag_nummer=SCHOOLBESTUUR_NUMMER if soort == "schoolbestuur" else "",
                gemeente=gemeenten[gemeente_code] if gemeente_code else None,
                plaats=gemeenten[gemeente_code].naam.removeprefix("Gemeente ") if gemeente_code else "",
            )
            nieuwe_organisaties += 1
        elif werkgebied and not org.werkgebied.exists():
            # The wijkteam and leerplicht team the demo accounts work for exist already; give them their area.
            services.organisatie_update(
                organisatie=org, by=None, werkgebied=[gemeenten[c] for c in werkgebied]
            )
        partners[key] = org
    for code, naam, _gemeente in SCHOLEN:
        school = orgs[("school", code)]
        if school.schoolbestuur_id is None:
            services.organisatie_update(
                organisatie=school,
                by=None,
                schoolbestuur=partners["schoolbestuur"],
                soort_onderwijs="SBAO" if naam.startswith("SBO") else "BAO",
            )

    def persoon() -> tuple[Persoon, bool]:
        voornaam, achternaam = fake.first_name(), fake.last_name()
        mens = Persoon.objects.filter(swv=swv, voornaam=voornaam, achternaam=achternaam).first()
        if mens is not None:
            return mens, False
        return services.persoon_create(
            swv=swv, by=None, voornaam=voornaam, achternaam=achternaam, email=_email(voornaam, achternaam)
        ), True

    def rol(mens: Persoon, key: str, functie: str, **velden) -> bool:
        """The role `functie` of `mens` at the organisation `key`, when not there yet."""
        organisatie = partners[key]
        if Sleutelfiguur.objects.filter(
            swv=swv, persoon=mens, organisatie=organisatie, functie=functie
        ).exists():
            return False
        services.sleutelfiguur_create(
            organisatie=organisatie, functie=functie, by=None, persoon=mens, **velden
        )
        return True

    for key, functie, niveau, voor, onderwerpen in SLEUTELFIGUREN:
        mens, nieuw = persoon()
        aantal += nieuw
        aantal += rol(
            mens,
            key,
            functie,
            niveau=niveau,
            onderwerpen=onderwerpen,
            gemeenten=[gemeenten[c] for c in voor],
            van=datetime.date(2024, 8, 1),
        )

    mens, nieuw = persoon()
    aantal += nieuw
    (van_key, van_functie, van_datum), (naar_key, naar_functie, per) = VERHUISD["van"], VERHUISD["naar"]
    for key, functie, begin, tot in (
        (van_key, van_functie, van_datum, per),
        (naar_key, naar_functie, per, None),
    ):
        aantal += rol(
            mens, key, functie, niveau="organisatie", onderwerpen=["jeugdhulp in school"], van=begin, tot=tot
        )

    # The agreements and provisions follow in `load_demo_afspraken`, once the platform has made the
    # demo accounts members (an agreement's owner must be a member of its SWV).
    demo.gedeeld["partners"] = partners
    demo.gedeeld["gemeenten"] = gemeenten
    return {"organisaties": nieuwe_organisaties, "partners": aantal}


def load_demo_afspraken(demo: DemoContext) -> dict[str, int]:
    """The demo agreements (owned by the demo coordinator, a member by now) and provisions."""
    swv = demo.swv
    vandaag = timezone.localdate()
    partners, gemeenten = demo.gedeeld["partners"], demo.gedeeld["gemeenten"]
    aantal = 0
    for titel, soort, partijen, ingang, eind, evaluatie in AFSPRAKEN:
        if Afspraak.objects.filter(swv=swv, titel=titel).exists():
            continue
        services.afspraak_create(
            swv=swv,
            by=None,
            partijen=[partners[p] for p in partijen],
            titel=titel,
            soort=soort,
            ingangsdatum=ingang,
            einddatum=vandaag + datetime.timedelta(days=eind) if eind is not None else None,
            evaluatiedatum=vandaag + datetime.timedelta(days=evaluatie) if evaluatie is not None else None,
            eigenaar=demo.users.get("coordinator"),
        )
        aantal += 1

    for naam, aanbieder, doelgroep, sector, capaciteit, bezetting, wacht, kosten, voor in VOORZIENINGEN:
        if Voorziening.objects.filter(swv=swv, naam=naam).exists():
            continue
        services.voorziening_create(
            swv=swv,
            by=None,
            gemeenten=[gemeenten[c] for c in voor],
            naam=naam,
            aanbieder=partners[aanbieder],
            doelgroep=doelgroep,
            sector=sector,
            capaciteit=capaciteit,
            bezetting=bezetting,
            wachttijd_weken=wacht,
            kosten_per_plek=Decimal(kosten) if kosten is not None else None,
            ingangsdatum=datetime.date(2024, 8, 1),
        )
        aantal += 1
    return {"partners": aantal}
