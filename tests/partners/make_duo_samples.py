"""Writes the DUO sample files in tests/partners/data/ (fictional schools only; never real rows).

Every BRIN starts with 97 (valid for python-stdnum, not in use by DUO; 99 is taken by the test
factories), gemeente codes are 89xx (CBS codes stop below 2000; the factories use 9xxx) and
bevoegd-gezagnummers start with 99. Names are made up from word lists, so
the output is the same on every machine (a test compares the stored files with a fresh run).

    python tests/partners/make_duo_samples.py            # (re)write tests/partners/data/
    python tests/partners/make_duo_samples.py --groot 5000 /tmp/duo_5000.csv   # a large file (benchmark)
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

KOP_OUD = [
    "PROVINCIE",
    "BEVOEGD GEZAG NUMMER",
    "BRIN NUMMER",
    "VESTIGINGSNUMMER",
    "VESTIGINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "DENOMINATIE",
    "TELEFOONNUMMER",
    "INTERNETADRES",
    "SOORT PRIMAIR ONDERWIJS",
]
KOP_NIEUW = [
    {"BRIN NUMMER": "INSTELLINGSCODE", "VESTIGINGSNUMMER": "VESTIGINGSCODE"}.get(k, k) for k in KOP_OUD
]
KOP_VO = [("ONDERWIJSSTRUCTUUR" if k == "SOORT PRIMAIR ONDERWIJS" else k) for k in KOP_NIEUW]

GEMEENTEN = [("8901", "Lindeveen"), ("8902", "Brugwoude"), ("8903", "Dalfsenhoven")]
BESTUREN = ["99001", "99002"]
NAMEN = [
    "De Regenboog",
    "Het Kompas",
    "De Brêgeflier",
    "’t Hofke",
    "De Zonnewijzer",
    "Het Palet",
    "De Vlinderhof",
    "Sint-Joris",
    "De Wâldsang",
    "Het Baken",
    "De Linde",
    "Octopus",
]
STRATEN = ["Schoolstraat", "Lindelaan", "Brugweg", "Kerkpad", "Molenhoek", "Wâldwei"]
DENOMINATIES = ["Openbaar", "Rooms-Katholiek", "Protestants-Christelijk", "Algemeen bijzonder"]
SOORTEN_PO = ["Bao", "Bao", "Bao", "Sbao", "(V)SO"]


def _brin(n: int) -> str:
    """97AA, 97AB, ... : valid BRIN numbers in a range DUO does not use."""
    return f"97{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"


# 676 BRINs (97AA-97ZZ) with vestigingen 00-09 for the first rows (the stored samples), then 10-99 of the
# same BRINs, then the prefixes 96, 95, ...: every row of a large file is a distinct vestiging.
_EERSTE = 676 * 10
_PER_BLOK = 676 * 90


def _vestiging(n: int) -> tuple[str, int]:
    """(BRIN, vestigingnummer) of row n; distinct for every n below 6,760 + 8 x 60,840."""
    if n < _EERSTE:
        return _brin(n // 10), n % 10
    blok, rest = divmod(n - _EERSTE, _PER_BLOK)
    if blok > 7:
        raise ValueError(f"at most {_EERSTE + 8 * _PER_BLOK} distinct fictional schools")
    return f"{97 - blok}{_brin(rest % 676)[2:]}", 10 + rest // 676


def school(n: int, *, soort: str | None = None) -> dict[str, str]:
    """Row n of the fictional register (a BRIN has up to 100 vestigingen: 00, 01, ...)."""
    brin, vestiging = _vestiging(n)
    gemeente_code, gemeente_naam = GEMEENTEN[n % len(GEMEENTEN)]
    soort_naam = soort if soort is not None else SOORTEN_PO[n % len(SOORTEN_PO)]
    prefix = {"Bao": "Basisschool", "Sbao": "SBO", "(V)SO": "School voor SO"}.get(soort_naam, "")
    naam = f"{prefix} {NAMEN[n % len(NAMEN)]}".strip()
    if n >= len(NAMEN):
        naam += f" {n // len(NAMEN) + 1}"
    return {
        "PROVINCIE": "Testland",
        "BEVOEGD GEZAG NUMMER": BESTUREN[n // 10 % len(BESTUREN)],
        "BRIN NUMMER": brin,
        "VESTIGINGSNUMMER": f"{brin}{vestiging:02d}",
        "VESTIGINGSNAAM": naam,
        "STRAATNAAM": STRATEN[n % len(STRATEN)],
        "HUISNUMMER-TOEVOEGING": f"{n % 90 + 1}{'a' if n % 7 == 0 else ''}",
        "POSTCODE": f"97{n % 100:02d} {chr(65 + n % 26)}{chr(90 - n % 26)}",
        "PLAATSNAAM": gemeente_naam.upper(),
        "GEMEENTENUMMER": gemeente_code,
        "GEMEENTENAAM": gemeente_naam.upper(),
        "DENOMINATIE": DENOMINATIES[n % len(DENOMINATIES)],
        "TELEFOONNUMMER": f"099-{5550000 + n:07d}",
        "INTERNETADRES": f"www.school-{brin.lower()}{vestiging:02d}.example" if n % 5 else "",
        "SOORT PRIMAIR ONDERWIJS": soort_naam,
    }


def regel(rij: dict[str, str], kop: list[str], *, oud_naar: list[str] = KOP_OUD) -> list[str]:
    # The new header names hold the same values as the old ones, column for column.
    return [rij.get(oud, "") for oud in oud_naar[: len(kop)]]


def csv_tekst(kop: list[str], regels: list[list[str]]) -> str:
    def cel(waarde: str) -> str:
        return f'"{waarde}"' if ";" in waarde or '"' in waarde else waarde

    return "".join(";".join(cel(c) for c in r) + "\r\n" for r in [kop, *regels])


def scholen(aantal: int, kop: list[str]) -> str:
    return csv_tekst(kop, [regel(school(n), kop) for n in range(aantal)])


def vo_scholen() -> str:
    structuren = ["VMBO/HAVO/VWO", "PRO", "VWO", "VMBO", "(V)SO"]
    regels = []
    for n, structuur in enumerate(structuren):
        rij = school(500 + n, soort=structuur)
        rij["VESTIGINGSNAAM"] = f"{structuur.replace('/', '-')} College {NAMEN[n]}"
        regels.append(regel(rij, KOP_VO))
    return csv_tekst(KOP_VO, regels)


def scholen_met_fouten() -> str:
    """Good rows 2, 4 and 9; every other row has one mistake a person can fix (see the test)."""
    goed = [school(n) for n in range(4)]
    regels = [
        regel(goed[0], KOP_OUD),  # row 2: good
        regel({**goed[1], "BRIN NUMMER": "9X1Y", "VESTIGINGSNUMMER": "9X1Y00"}, KOP_OUD),  # 3: bad BRIN
        regel(goed[2], KOP_OUD),  # row 4: good
        regel({**goed[3], "VESTIGINGSNUMMER": "97ZZ00"}, KOP_OUD),  # 5: vestiging of another BRIN
        regel({**school(20), "VESTIGINGSNAAM": ""}, KOP_OUD),  # 6: no name
        regel({**school(21), "GEMEENTENUMMER": "99011"}, KOP_OUD),  # 7: gemeentenummer of 5 digits
        [*regel(school(22), KOP_OUD), "extra"],  # 8: one column too many
        regel({**school(23), "VESTIGINGSNUMMER": "1"}, KOP_OUD),  # 9: good (only the number, old style)
        regel(goed[0], KOP_OUD),  # 10: the same vestiging as row 2
        regel({**school(24), "BEVOEGD GEZAG NUMMER": "B-12"}, KOP_OUD),  # 11: bad bevoegd gezag
    ]
    return csv_tekst(KOP_OUD, regels)


def swv_leden() -> str:
    kop = ["ADMINISTRATIENUMMER", "NAAM SAMENWERKINGSVERBAND", "BRIN NUMMER", "INSTELLINGSNAAM"]
    regels = [
        ["PO9901", "Samenwerkingsverband Testdal PO", _brin(0), "Stichting De Regenboog"],  # 2
        ["PO9901", "Samenwerkingsverband Testdal PO", _brin(1), "Stichting Het Kompas"],  # 3
        ["VO9902", "Samenwerkingsverband Testdal VO", _brin(50), "College Het Kompas"],  # 4: VO sector
        ["PO 99-03", "Samenwerkingsverband Elders", _brin(300), "Niet in dit SWV"],  # 5: unknown BRIN
        ["SWV12", "Onleesbaar", _brin(0), "Foute code"],  # 6: bad SWV code
        ["PO9901", "Samenwerkingsverband Testdal PO", "12", "Foute BRIN"],  # 7: bad BRIN
    ]
    return csv_tekst(kop, regels)


def onbekende_indeling() -> str:
    return csv_tekst(["NAAM", "ADRES", "WOONPLAATS"], [["Iets", "Schoolstraat 1", "Lindeveen"]])


def bestanden() -> dict[str, bytes]:
    """File name -> contents of every sample file."""
    return {
        "scholen_oud_cp1252.csv": scholen(12, KOP_OUD).encode("cp1252"),
        "scholen_oud_utf8.csv": scholen(12, KOP_OUD).encode("utf-8"),
        "scholen_nieuw_utf8.csv": scholen(12, KOP_NIEUW).encode("utf-8-sig"),
        "scholen_nieuw_cp1252.csv": scholen(12, KOP_NIEUW).encode("cp1252"),
        "vo_scholen_nieuw_utf8.csv": vo_scholen().encode("utf-8-sig"),
        "scholen_met_fouten.csv": scholen_met_fouten().encode("cp1252"),
        "swv_leden.csv": swv_leden().encode("cp1252"),
        "onbekende_indeling.csv": onbekende_indeling().encode("utf-8"),
    }


def schrijf(map_: Path = DATA) -> list[Path]:
    map_.mkdir(parents=True, exist_ok=True)
    paden = []
    for naam, inhoud in bestanden().items():
        pad = map_ / naam
        pad.write_bytes(inhoud)
        paden.append(pad)
    return paden


def groot(aantal: int) -> bytes:
    """A large schools file (old headers, windows-1252) for the benchmark."""
    regels = (regel(school(n), KOP_OUD) for n in itertools.islice(itertools.count(), aantal))
    return csv_tekst(KOP_OUD, list(regels)).encode("cp1252")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groot", type=int, help="schrijf één groot scholenbestand met zoveel rijen")
    parser.add_argument("pad", nargs="?", type=Path)
    args = parser.parse_args()
    if args.groot:
        doel = args.pad or Path(f"duo_{args.groot}.csv")
        doel.write_bytes(groot(args.groot))
        print(doel)
    else:
        for pad in schrijf(args.pad or DATA):
            print(pad)
