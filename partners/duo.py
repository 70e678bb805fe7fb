"""Reading DUO open-data files (no database): which layout, which rows are good, why the others are not.

DUO publishes the registers at https://duo.nl/open_onderwijsdata/ as semicolon-separated text in
windows-1252 (newer files: UTF-8). Two layouts are understood:

- the schools file ("adressen vestigingen"): one row per vestiging, with old headers (`BRIN NUMMER`,
  `VESTIGINGSNUMMER`) or new ones (`INSTELLINGSCODE`, `VESTIGINGSCODE`);
- the SWV membership file ("scholen en samenwerkingsverbanden"): `ADMINISTRATIENUMMER` (the SWV code,
  PO2707) and `BRIN NUMMER` / `INSTELLINGSCODE`, optionally a vestiging.

Row numbers are what a person sees in a spreadsheet: the header is row 1, the first data row row 2.
Every bad row gets a Dutch reason; good rows are returned even when others are bad.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import operator
import re
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import brin as stdnum_brin

from .validators import normaliseer_postcode, valideer_cbs_code, valideer_swv_code, valideer_vestigingscode

SCHOLEN = "scholen"
SWV_LEDEN = "swv_leden"


class OnbekendeIndeling(ValueError):
    """The file is not one of the DUO layouts we read; the message says what was expected (Dutch)."""


# Column -> the header names it may have (old DUO name first). Headers are compared after
# _kop(): upper case, underscores as spaces, single spaces.
KOLOMMEN_SCHOLEN: dict[str, tuple[str, ...]] = {
    "brin": ("BRIN NUMMER", "INSTELLINGSCODE"),
    "vestigingscode": ("VESTIGINGSNUMMER", "VESTIGINGSCODE"),
    "naam": ("VESTIGINGSNAAM",),
    "straat": ("STRAATNAAM",),
    "huisnummer": ("HUISNUMMER-TOEVOEGING", "HUISNUMMER TOEVOEGING", "HUISNUMMER"),
    "postcode": ("POSTCODE",),
    "plaats": ("PLAATSNAAM",),
    "gemeente_code": ("GEMEENTENUMMER", "GEMEENTECODE"),
    "gemeente_naam": ("GEMEENTENAAM",),
    "denominatie": ("DENOMINATIE",),
    "bevoegd_gezag": ("BEVOEGD GEZAG NUMMER", "BEVOEGD GEZAG CODE", "BEVOEGDGEZAGCODE"),
    "soort": ("SOORT PRIMAIR ONDERWIJS", "ONDERWIJSSTRUCTUUR"),
    "telefoon": ("TELEFOONNUMMER",),
    "website": ("INTERNETADRES",),
}
VERPLICHT_SCHOLEN = ("brin", "vestigingscode", "naam")

KOLOMMEN_SWV_LEDEN: dict[str, tuple[str, ...]] = {
    "swv_code": ("ADMINISTRATIENUMMER",),
    "brin": ("BRIN NUMMER", "INSTELLINGSCODE"),
    "vestigingscode": ("VESTIGINGSNUMMER", "VESTIGINGSCODE"),
}
VERPLICHT_SWV_LEDEN = ("swv_code", "brin")

# DUO's "soort primair onderwijs" / "onderwijsstructuur" -> Organisatie.SoortOnderwijs. Keys are
# compared in upper case. "(V)SO" schools serve both; the importing SWV's sector decides (see soort_onderwijs).
SOORT_ONDERWIJS: dict[str, str] = {
    **dict.fromkeys(["BAO", "BAS", "BO", "BASISSCHOOL", "BASISONDERWIJS"], "BAO"),
    **dict.fromkeys(
        ["SBAO", "SBAS", "SBO", "SPECIALE SCHOOL VOOR BASISONDERWIJS", "SPECIAAL BASISONDERWIJS"], "SBAO"
    ),
    **dict.fromkeys(["SO", "SPECIAAL ONDERWIJS"], "SO"),
    **dict.fromkeys(["VSO", "VOORTGEZET SPECIAAL ONDERWIJS"], "VSO"),
    **dict.fromkeys(["PRO", "PRAKTIJKONDERWIJS"], "PRO"),
    **dict.fromkeys(["MBO", "BVE"], "MBO"),
}
SO_EN_VSO = {"(V)SO", "SO/VSO", "SO VSO", "(VOORTGEZET) SPECIAAL ONDERWIJS", "WEC", "EXPERTISECENTRUM"}
# Any structure naming one of these is regular secondary education (VMBO/HAVO/VWO and combinations).
# DUO writes the VMBO leerwegen in many forms ("VMBO-TL", "VMBO-B/K", "VBO/MAVO", "BB/KB/GL/TL"): each is a
# VMBO vestiging and so regular secondary education (issue 9).
VO_STRUCTUREN = (
    "VMBO",
    "VBO",
    "HAVO",
    "VWO",
    "MAVO",
    "GYMNASIUM",
    "ATHENEUM",
    "LYCEUM",
    "VO",
    "BB",
    "KB",
    "GL",
    "TL",
    "GT",
    "(G)T",
)


@dataclass(frozen=True)
class Fout:
    rij: int
    reden: str


# slots: a national file is 50,000+ rows held until they are written; a slotted row is a third the size.
@dataclass(slots=True)
class SchoolRij:
    rij: int
    code: str
    brin: str
    naam: str
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    plaats: str = ""
    gemeente_code: str = ""
    gemeente_naam: str = ""
    denominatie: str = ""
    bevoegd_gezag: str = ""
    # None: the file has no such column or an unknown value: leave what is stored.
    soort_onderwijs: str | None = None
    telefoon: str = ""
    website: str = ""


@dataclass(slots=True)
class LidmaatschapRij:
    rij: int
    swv_code: str
    sector: str
    brin: str
    # Empty: every vestiging of the BRIN.
    vestigingscode: str = ""


@dataclass
class DuoBestand:
    layout: str
    # "oud" (BRIN NUMMER/VESTIGINGSNUMMER) or "nieuw" (INSTELLINGSCODE/VESTIGINGSCODE).
    kopversie: str
    encoding: str
    # Which fields the file has a column for: fields without one are left as they are when importing.
    velden: frozenset[str]
    rijen: list = field(default_factory=list)
    fouten: list[Fout] = field(default_factory=list)
    # Data rows in the file (not counting the header or empty lines).
    aantal_rijen: int = 0
    # All bad rows; `fouten` keeps only the first `max_fouten` (a broken 50 MB file has 800,000).
    aantal_fouten: int = 0
    max_fouten: int = 1000

    def fout(self, rij: int, reden: str) -> None:
        self.aantal_fouten += 1
        if len(self.fouten) < self.max_fouten:
            self.fouten.append(Fout(rij, reden))


# Read in pieces of this size: a 50 MB file never sits in memory whole (issue 7, point 11).
STUK = 1024 * 1024
# The header must fit in this much of the file; the upload page checks it without reading further.
KOP_MAX_BYTES = 64 * 1024
# Five byte values are undefined in windows-1252; a file with them is neither encoding.
_GEEN_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _controleer_begin(begin: bytes) -> None:
    """Refuse what is plainly no CSV text from its first bytes (Excel, binary)."""
    if begin[:4] == b"PK\x03\x04" or begin[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise OnbekendeIndeling(
            _(
                "Dit is een Excel-bestand. Sla het op als CSV (puntkomma-gescheiden) of gebruik het "
                "CSV-bestand zoals DUO het aanbiedt."
            )
        )
    if b"\x00" in begin[:4096]:
        raise OnbekendeIndeling(_("Dit is geen tekstbestand. Verwacht: een CSV-bestand van DUO."))


def _bron(data: bytes | IO[bytes]) -> IO[bytes]:
    return io.BytesIO(data) if isinstance(data, bytes | bytearray) else data


def herken_encoding(data: bytes | IO[bytes]) -> str:
    """ "utf-8" when the whole file decodes as UTF-8 (with or without BOM), else "windows-1252".

    Reads the file in pieces (constant memory) and leaves a file object at its start.
    """
    f = _bron(data)
    f.seek(0)
    _controleer_begin(f.read(4096))
    f.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while stuk := f.read(STUK):
            decoder.decode(stuk)
        decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    f.seek(0)
    while stuk := f.read(STUK):
        if _GEEN_CP1252.search(stuk):
            f.seek(0)
            raise OnbekendeIndeling(
                _(
                    "Het bestand is niet te lezen als UTF-8 of Windows-1252. Verwacht: een CSV-bestand van DUO."
                )
            )
    f.seek(0)
    return "windows-1252"


def decodeer(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a small file held in memory (tests, the command's callers)."""
    encoding = herken_encoding(data)
    return data.decode("utf-8-sig" if encoding == "utf-8" else "cp1252"), encoding


def _kop(naam: str) -> str:
    return " ".join(naam.replace("_", " ").replace('"', "").strip().upper().split())


def _kolommen(kop: list[str], kolommen: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """field -> column index, for the fields whose header occurs (first matching name wins)."""
    index: dict[str, int] = {}
    for positie, naam in enumerate(kop):
        index.setdefault(_kop(naam), positie)
    gevonden = {}
    for veld, namen in kolommen.items():
        for naam in namen:
            if naam in index:
                gevonden[veld] = index[naam]
                break
    return gevonden


def _verwacht() -> str:
    return _(
        "Verwacht een DUO-bestand met puntkomma's tussen de kolommen en op de eerste regel de kolomnamen: "
        "voor scholen (vestigingen) BRIN NUMMER of INSTELLINGSCODE, VESTIGINGSNUMMER of VESTIGINGSCODE "
        "en VESTIGINGSNAAM; voor de indeling in samenwerkingsverbanden ADMINISTRATIENUMMER en "
        "BRIN NUMMER of INSTELLINGSCODE."
    )


def herken_indeling(kop: list[str]) -> tuple[str, dict[str, int]]:
    """(layout, field -> column) from the header row; OnbekendeIndeling when it is neither layout."""
    swv = _kolommen(kop, KOLOMMEN_SWV_LEDEN)
    # The membership file is recognised first: it may also carry vestiging columns and a name.
    if all(veld in swv for veld in VERPLICHT_SWV_LEDEN):
        return SWV_LEDEN, swv
    scholen = _kolommen(kop, KOLOMMEN_SCHOLEN)
    if all(veld in scholen for veld in VERPLICHT_SCHOLEN):
        return SCHOLEN, scholen
    gevonden = ", ".join(_kop(k) for k in kop if k.strip())[:300] or _("(lege regel)")
    if len(kop) == 1 and ("," in kop[0] or "\t" in kop[0]):
        raise OnbekendeIndeling(
            _("De kolommen zijn niet gescheiden door puntkomma's. %(verwacht)s Gevonden: %(gevonden)s")
            % {"verwacht": _verwacht(), "gevonden": gevonden}
        )
    raise OnbekendeIndeling(
        _(
            "Onbekende indeling: dit is geen DUO-bestand dat wij kunnen lezen. %(verwacht)s Gevonden: %(gevonden)s"
        )
        % {"verwacht": _verwacht(), "gevonden": gevonden}
    )


def _records(f: IO[bytes], encoding: str) -> Generator[tuple[int, list[str]]]:
    """(row number, cells) for each record, read in pieces; a CSV error is a Dutch OnbekendeIndeling.

    Row numbers count records (the header is row 1), as a spreadsheet shows them.
    """
    f.seek(0)
    tekst = io.TextIOWrapper(f, encoding="utf-8-sig" if encoding == "utf-8" else "cp1252", newline="")
    try:
        records = csv.reader(tekst, delimiter=";", quotechar='"')
        rij = 0
        while True:
            try:
                cellen = next(records)
            except StopIteration:
                return
            except csv.Error:
                # The only error the lenient reader raises: a cell over csv.field_size_limit() (131,072
                # characters), almost always a quote that is never closed.
                raise OnbekendeIndeling(
                    _(
                        "Rij %(rij)d is niet te lezen: een cel is langer dan %(max)s tekens. Meestal staat er "
                        'een aanhalingsteken (") dat niet wordt afgesloten. Er is niets ingelezen.'
                    )
                    % {"rij": rij + 1, "max": f"{csv.field_size_limit():,}".replace(",", ".")}
                ) from None
            rij += 1
            yield rij, cellen
    finally:
        # The caller owns the file: do not let the wrapper close it.
        if not f.closed:
            tekst.detach()


def controleer_kop(data: bytes | IO[bytes]) -> str:
    """The layout, from the first KOP_MAX_BYTES only (the upload page: cheap, before storing a file).

    Raises OnbekendeIndeling for Excel, binary files and unknown headers. The rows are checked later, by
    `lees` in the worker.
    """
    f = _bron(data)
    f.seek(0)
    begin = f.read(KOP_MAX_BYTES)
    f.seek(0)
    _controleer_begin(begin)
    try:
        tekst = codecs.getincrementaldecoder("utf-8-sig")().decode(begin)
    except UnicodeDecodeError:
        tekst = begin.decode("cp1252", errors="replace")
    regels = tekst.splitlines()
    if not regels or not regels[0].strip():
        raise OnbekendeIndeling(_("Het bestand is leeg. %(verwacht)s") % {"verwacht": _verwacht()})
    if len(regels) == 1 and len(begin) == KOP_MAX_BYTES:
        raise OnbekendeIndeling(
            _("De eerste regel is langer dan %(kb)d kB: dat is geen kopregel van DUO. %(verwacht)s")
            % {"kb": KOP_MAX_BYTES // 1024, "verwacht": _verwacht()}
        )
    kop = next(csv.reader([regels[0]], delimiter=";", quotechar='"'), [])
    layout, _kolommen_ = herken_indeling(kop)
    return layout


def lees(data: bytes | IO[bytes], *, sector: str = "PO", max_fouten: int = 1000) -> DuoBestand:
    """Parse and validate a DUO file in one streaming pass. `sector` (of the importing SWV) decides what
    a (V)SO school is; at most `max_fouten` bad rows are kept (all are counted).

    Raises OnbekendeIndeling (a Dutch message about the file) when it cannot be read at all.
    """
    f = _bron(data)
    encoding = herken_encoding(f)
    records = _records(f, encoding)
    try:
        return _lees_records(records, encoding=encoding, sector=sector, max_fouten=max_fouten)
    finally:
        records.close()


def _lees_records(records, *, encoding: str, sector: str, max_fouten: int) -> DuoBestand:
    eerste = next(records, None)
    kop = eerste[1] if eerste else None
    if not kop or not any(cel.strip() for cel in kop):
        raise OnbekendeIndeling(_("Het bestand is leeg. %(verwacht)s") % {"verwacht": _verwacht()})
    layout, kolommen = herken_indeling(kop)
    nieuwe_namen = {"INSTELLINGSCODE", "VESTIGINGSCODE"}
    kopversie = "nieuw" if nieuwe_namen & {_kop(k) for k in kop} else "oud"
    bestand = DuoBestand(
        layout=layout,
        kopversie=kopversie,
        encoding=encoding,
        velden=frozenset(kolommen),
        max_fouten=max_fouten,
    )
    gezien: dict[tuple, int] = {}
    vorige_regeleinde = 0
    kolom_items = list(kolommen.items())
    namen = list(kolommen)
    cellen_van = operator.itemgetter(*kolommen.values())
    for rij, cellen in records:
        # One joined string answers the three questions below in C (per cell, it was a third of the parse).
        regel = "".join(cellen)
        if not regel.strip():
            continue  # empty lines (often at the end) are not rows
        bestand.aantal_rijen += 1
        if vorige_regeleinde:
            # The earlier row's line break was inside quotes, and more rows followed: a real row error.
            bestand.fout(vorige_regeleinde, _regeleinde_fout())
            vorige_regeleinde = 0
        if "\x00" in regel:
            # PostgreSQL stores no NUL in text (DataError): report the row instead.
            bestand.fout(rij, _("Deze regel bevat een NUL-teken (\\0): dit is geen gewone tekst."))
            continue
        if "\n" in regel or "\r" in regel:
            vorige_regeleinde = rij
            continue
        if len(cellen) > len(kop):
            bestand.fout(
                rij,
                _(
                    "Deze regel heeft %(aantal)d kolommen, de kopregel %(kop)d. Staat er een puntkomma "
                    "in een naam zonder aanhalingstekens eromheen?"
                )
                % {"aantal": len(cellen), "kop": len(kop)},
            )
            continue
        if len(cellen) == len(kop):
            waarden = dict(zip(namen, map(str.strip, cellen_van(cellen)), strict=True))
        else:
            waarden = {veld: (cellen[i].strip() if i < len(cellen) else "") for veld, i in kolom_items}
        gelezen: SchoolRij | LidmaatschapRij
        try:
            if layout == SCHOLEN:
                gelezen = _school(rij, waarden, sector)
                sleutel: tuple = (gelezen.code,)
            else:
                gelezen = _lidmaatschap(rij, waarden)
                sleutel = (gelezen.sector, gelezen.brin, gelezen.vestigingscode)
        except ValidationError as e:
            bestand.fout(rij, " ".join(e.messages))
            continue
        if sleutel in gezien:
            bestand.fout(
                rij,
                _("Deze %(wat)s staat al op rij %(eerder)d; alleen die rij telt.")
                % {
                    "wat": _("vestiging") if layout == SCHOLEN else _("school"),
                    "eerder": gezien[sleutel],
                },
            )
            continue
        gezien[sleutel] = rij
        bestand.rijen.append(gelezen)
    if vorige_regeleinde:
        # The last record runs to the end of the file: a quote opened there was never closed, and every
        # line after it was swallowed into one cell. Nothing after it can be trusted.
        raise OnbekendeIndeling(
            _(
                'Op rij %(rij)d begint een aanhalingsteken (") dat niet wordt afgesloten: de rest van het '
                "bestand staat daardoor in één cel. Er is niets ingelezen."
            )
            % {"rij": vorige_regeleinde}
        )
    return bestand


def _regeleinde_fout() -> str:
    return _(
        "Deze regel bevat een regeleinde binnen aanhalingstekens; een DUO-regel staat op één regel. "
        'Staat er een aanhalingsteken (") dat niet wordt afgesloten?'
    )


# What python-stdnum's compact + validate accept unchanged, bar the case: such a value needs neither (their
# character-by-character cleaning was 40% of reading a file). Anything else goes through stdnum.
_BRIN_KORT = re.compile(r"[0-9]{2}[A-Za-z]{2}(?:[0-9]{2})?")
_VESTIGING_KORT = re.compile(r"[0-9]{2}[A-Za-z]{2}[0-9]{2}")


def _brin(waarde: str) -> str:
    if _BRIN_KORT.fullmatch(waarde):
        return waarde[:4].upper()
    code = stdnum_brin.compact(waarde)
    if not code:
        raise ValidationError(_("Het BRIN-nummer ontbreekt."))
    try:
        code = stdnum_brin.validate(code)
    except StdnumValidationError:
        raise ValidationError(
            _("BRIN-nummer “%(brin)s” is ongeldig: verwacht 2 cijfers en 2 letters, bijvoorbeeld 05KO.")
            % {"brin": waarde}
        ) from None
    if len(code) == 6:
        # Some files put the whole vestigingscode in the BRIN column.
        code = code[:4]
    return code


def _vestigingscode(waarde: str, brin: str) -> str:
    if _VESTIGING_KORT.fullmatch(waarde):
        code = waarde.upper()
        if code[:4] != brin:
            raise ValidationError(
                _("Vestigingscode %(code)s hoort niet bij BRIN-nummer %(brin)s.")
                % {"code": code, "brin": brin}
            )
        return code
    code = stdnum_brin.compact(waarde)
    if not code:
        raise ValidationError(_("De vestigingscode ontbreekt."))
    if code.isdigit() and len(code) <= 2:
        # Older files (and spreadsheets that dropped the zero) hold only the vestiging's number.
        code = brin + code.zfill(2)
    try:
        valideer_vestigingscode(code)
    except ValidationError as e:
        raise ValidationError(
            _("Vestigingscode “%(code)s” is ongeldig: %(reden)s")
            % {"code": waarde, "reden": " ".join(e.messages)}
        ) from None
    if code[:4] != brin:
        raise ValidationError(
            _("Vestigingscode %(code)s hoort niet bij BRIN-nummer %(brin)s.") % {"code": code, "brin": brin}
        )
    return code


def _gemeente_code(waarde: str) -> str:
    code = waarde.strip()
    if len(code) == 4 and code.isdigit() and code.isascii():
        return code
    if code.isdigit() and len(code) < 4:
        # A spreadsheet drops leading zeros (0363 -> 363); the CBS code keeps them.
        code = code.zfill(4)
    try:
        valideer_cbs_code(code)
    except ValidationError:
        raise ValidationError(
            _(
                "Gemeentenummer “%(code)s” is ongeldig: een CBS-gemeentecode heeft 4 cijfers, bijvoorbeeld 0363."
            )
            % {"code": waarde}
        ) from None
    return code


def ingedeeld_bij(data: bytes | IO[bytes], swv_code: str) -> frozenset[str]:
    """The BRIN numbers (every vestiging) and vestigingscodes DUO's membership file lists for `swv_code`.

    A schools import includes these even outside the werkgebied or sector (issue 9). Raises
    OnbekendeIndeling when the file is not the membership layout (ADMINISTRATIENUMMER, BRIN NUMMER); bad
    rows of it are skipped (importing the file on its own reports them).
    """
    gelezen = lees(data)
    if gelezen.layout != SWV_LEDEN:
        raise OnbekendeIndeling(
            _(
                "Dit is geen bestand met de indeling in samenwerkingsverbanden. Verwacht de kolommen "
                "ADMINISTRATIENUMMER en BRIN NUMMER of INSTELLINGSCODE."
            )
        )
    code = swv_code.upper()
    return frozenset(r.vestigingscode or r.brin for r in gelezen.rijen if r.swv_code == code)


def gemeente_codes(tekst: str) -> list[str]:
    """ "599, 0606 0363" -> ["0363", "0599", "0606"] (the upload form, the command); ValidationError
    naming every code that is no CBS code."""
    codes: set[str] = set()
    fouten: list[str] = []
    for deel in re.split(r"[\s,;]+", tekst.strip()):
        if not deel:
            continue
        try:
            # "GM0363" is how CBS writes the same code.
            codes.add(_gemeente_code(deel[2:] if deel[:2].upper() == "GM" else deel))
        except ValidationError as e:
            fouten.extend(e.messages)
    if fouten:
        raise ValidationError(fouten)
    return sorted(codes)


def _postcode(waarde: str) -> str:
    """ "1234ab" -> "1234 AB"; an empty cell stays empty; anything else is a row error. The rule is the
    registry's own (validators.normaliseer_postcode), so a school imported and one typed in agree."""
    try:
        return normaliseer_postcode(waarde)
    except ValidationError as e:
        raise ValidationError(
            _("Postcode “%(postcode)s” is ongeldig: %(reden)s")
            % {"postcode": waarde, "reden": " ".join(e.messages)}
        ) from None


# A strict subset of what Django's URLValidator accepts (host names of letters, digits and hyphens, a
# letter TLD, any path): most DUO addresses match it, and only the others pay for the full validator
# (30 µs a row, a quarter of reading a file). tests/partners/test_duo_schaal.py compares the two.
_WEBSITE_KORT = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?:[/?#]\S*)?", re.IGNORECASE
)
_url_validator = URLValidator()


_SCHEMA = re.compile(r"https?://", re.IGNORECASE)


def _website(waarde: str) -> str:
    adres = waarde.strip()
    if adres and not _SCHEMA.match(adres):
        # DUO writes "www.school.nl"; the registry stores a link that works.
        adres = "https://" + adres
    if adres and not _WEBSITE_KORT.fullmatch(adres):
        try:
            _url_validator(adres)
        except ValidationError:
            raise ValidationError(
                _("Internetadres “%(adres)s” is ongeldig: verwacht een adres als www.school.nl.")
                % {"adres": waarde}
            ) from None
    return adres


# School fields -> the name of their DUO column in a message.
_KOLOMNAMEN = {
    "naam": gettext_lazy("vestigingsnaam"),
    "straat": gettext_lazy("straatnaam"),
    "huisnummer": gettext_lazy("huisnummer"),
    "plaats": gettext_lazy("plaatsnaam"),
    "denominatie": gettext_lazy("denominatie"),
    "telefoon": gettext_lazy("telefoonnummer"),
    "website": gettext_lazy("internetadres"),
}


@functools.cache
def _maxima() -> dict[str, int]:
    """Field -> max_length of Organisatie, read from the model (one definition), once."""
    from .models import Organisatie

    velden = {f.name: f for f in Organisatie._meta.concrete_fields}
    return {veld: int(velden[veld].max_length or 0) for veld in _KOLOMNAMEN}


# A file has a handful of distinct types: each is worked out once.
@functools.lru_cache(maxsize=1024)
def soort_onderwijs(waarde: str, sector: str) -> str | None:
    """DUO's school type -> Organisatie.SoortOnderwijs code; None when empty or not recognised."""
    kern = " ".join(waarde.upper().split())
    if not kern:
        return None
    if kern in SOORT_ONDERWIJS:
        return SOORT_ONDERWIJS[kern]
    if kern in SO_EN_VSO:
        return "VSO" if sector == "VO" else "SO"
    delen = {deel.strip("() ") for deel in re.split(r"[/,+ \-]+", kern) if deel.strip("() ")}
    if delen and delen <= {"PRO", "PRAKTIJKONDERWIJS"}:
        return "PRO"
    if any(deel in VO_STRUCTUREN for deel in delen):
        return "VO"
    return None


def _school(rij: int, waarden: dict[str, str], sector: str) -> SchoolRij:
    """One schools row, checked completely: every problem of the row is reported (issue 9), and a row that
    passes fits the database (lengths, a valid postcode, code and link), so the import needs no model
    full_clean per row."""
    fouten: list[str] = []
    brin = code = ""
    try:
        brin = _brin(waarden["brin"])
        code = _vestigingscode(waarden["vestigingscode"], brin)
    except ValidationError as e:
        fouten.extend(e.messages)
    naam = waarden["naam"]
    if not naam:
        fouten.append(_("De vestigingsnaam ontbreekt."))
    gemeente_code = waarden.get("gemeente_code", "")
    if gemeente_code:
        try:
            gemeente_code = _gemeente_code(gemeente_code)
        except ValidationError as e:
            fouten.extend(e.messages)
    bevoegd_gezag = waarden.get("bevoegd_gezag", "")
    if bevoegd_gezag and not (bevoegd_gezag.isdigit() and len(bevoegd_gezag) <= 10):
        fouten.append(
            _("Bevoegd-gezagnummer “%(nummer)s” is ongeldig: verwacht alleen cijfers, bijvoorbeeld 41513.")
            % {"nummer": bevoegd_gezag}
        )
    postcode = website = ""
    try:
        postcode = _postcode(waarden.get("postcode", ""))
    except ValidationError as e:
        fouten.extend(e.messages)
    try:
        website = _website(waarden.get("website", ""))
    except ValidationError as e:
        fouten.extend(e.messages)
    gelezen = {
        "naam": naam,
        "straat": waarden.get("straat", ""),
        "huisnummer": waarden.get("huisnummer", ""),
        "plaats": waarden.get("plaats", ""),
        "denominatie": waarden.get("denominatie", ""),
        "telefoon": waarden.get("telefoon", ""),
        "website": website,
    }
    for veld, maximum in _maxima().items():
        if len(gelezen[veld]) > maximum:
            fouten.append(
                _("%(kolom)s is te lang: %(aantal)d tekens, ten hoogste %(max)d.")
                % {"kolom": str(_KOLOMNAMEN[veld]).capitalize(), "aantal": len(gelezen[veld]), "max": maximum}
            )
    if fouten:
        raise ValidationError(fouten)
    return SchoolRij(
        rij=rij,
        code=code,
        brin=brin,
        postcode=postcode,
        gemeente_code=gemeente_code,
        gemeente_naam=waarden.get("gemeente_naam", ""),
        bevoegd_gezag=bevoegd_gezag,
        soort_onderwijs=soort_onderwijs(waarden.get("soort", ""), sector),
        **gelezen,
    )


def _lidmaatschap(rij: int, waarden: dict[str, str]) -> LidmaatschapRij:
    fouten: list[str] = []
    swv_code = re.sub(r"[\s.\-]", "", waarden["swv_code"]).upper()
    if not swv_code:
        fouten.append(_("Het administratienummer (SWV-code) ontbreekt."))
    else:
        try:
            valideer_swv_code(swv_code)
        except ValidationError:
            fouten.append(
                _(
                    "Administratienummer “%(code)s” is ongeldig: verwacht PO of VO en 4 cijfers, bijvoorbeeld PO2707."
                )
                % {"code": waarden["swv_code"]}
            )
    brin = ""
    try:
        brin = _brin(waarden["brin"])
    except ValidationError as e:
        fouten.extend(e.messages)
    vestigingscode = ""
    if brin and waarden.get("vestigingscode"):
        try:
            vestigingscode = _vestigingscode(waarden["vestigingscode"], brin)
        except ValidationError as e:
            fouten.extend(e.messages)
    if fouten:
        raise ValidationError(fouten)
    return LidmaatschapRij(
        rij=rij, swv_code=swv_code, sector=swv_code[:2], brin=brin, vestigingscode=vestigingscode
    )
