"""Importing DUO open data into the partner registry (services; parsing and row checks are in duo.py).

`duo_import` is the one write path: the command, the upload page and the Celery task all call it.
It is idempotent (upsert on natural keys, rows that did not change are not written, so pghistory records
nothing for them), set-based (per batch one SELECT of the file's columns and one `INSERT ... ON CONFLICT
DO UPDATE` of the new and changed rows, see `_upsert`) and runs in one transaction; a dry-run is the same
code rolled back. Rows are checked completely by duo.py (every problem of a row, and everything the
database would refuse), so no model is built or full_clean'ed per school (issue 9: that was a third of
the time). Two imports at the same time are safe: a row the other one inserted first becomes an update.

Natural keys, all within the importing SWV (the tenant):
- school: (swv, soort school, code = vestigingscode)
- gemeente: (swv, soort gemeente, code = CBS code), created when missing, never renamed
- schoolbestuur: (swv, soort schoolbestuur, code = bevoegd-gezagnummer), created when missing
- SchoolSwv: (school, sector), from the membership file, for the schools of that BRIN in the tenant
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import IO, Any

import pghistory
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import connection, models, transaction
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from swv.core.bulk import upsert as _upsert
from swv.core.models import Samenwerkingsverband

from . import duo
from .models import Organisatie, SchoolSwv
from .models.duo_import import DuoImport

logger = logging.getLogger(__name__)

BATCH = 1000
# Files up to this size (a few hundred rows) are imported during the upload request; larger ones only by
# a Celery worker. The request never parses a large file: it checks the header and stores the file.
DIRECT_MAX_BYTES = 64 * 1024
# What a result keeps (the page and the stored JSON); the counts are always complete.
MAX_REGELS = 1000
# A run still "bezig" after this long crashed with its worker (the import is one transaction, so it
# wrote nothing): a re-delivered task may start it again. Matches the broker's visibility timeout.
VASTGELOPEN_NA = datetime.timedelta(hours=1)

SCHOOL_VELDEN = (
    "naam",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "denominatie",
    "telefoon",
    "website",
)

Voortgang = Callable[[int, int], None]

# Why a new school in the file was not imported (issue 9: the national file holds every school of the
# country). Schools already in the registry are always updated: someone put them there.
ANDERE_SECTOR = "andere_sector"
BUITEN_WERKGEBIED = "buiten_werkgebied"
WEGGELATEN = {
    ANDERE_SECTOR: ngettext_lazy(
        "%(n)d school van een andere sector", "%(n)d scholen van een andere sector", "n"
    ),
    BUITEN_WERKGEBIED: ngettext_lazy(
        "%(n)d school buiten het werkgebied", "%(n)d scholen buiten het werkgebied", "n"
    ),
}
# Organisatie.SoortOnderwijs codes a sector's SWV works with ((V)SO is read as SO or VSO by sector).
SOORTEN_PER_SECTOR = {
    "PO": {"BAO", "SBAO", "SO"},
    "VO": {"VO", "PRO", "VSO"},
}


@dataclass
class Wijziging:
    actie: str  # "nieuw" or "gewijzigd"
    soort: str  # Organisatie.Soort value, or "swv" for a school's SWV membership
    code: str
    naam: str
    velden: list[str] = field(default_factory=list)

    @property
    def omschrijving(self) -> str:
        """Result-page text: nieuw: school (vestiging), gewijzigd: SWV-indeling."""
        wat = _("SWV-indeling") if self.soort == "swv" else Organisatie.Soort(self.soort).label.lower()
        return f"{_('nieuw') if self.actie == 'nieuw' else _('gewijzigd')}: {wat}"


@dataclass
class ImportResultaat:
    layout: str
    kopversie: str = ""
    encoding: str = ""
    dry_run: bool = False
    totaal: int = 0
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    # Membership rows for schools that are not in this SWV's registry.
    overgeslagen: int = 0
    # New schools left out because they do not belong to this SWV: reason (WEGGELATEN) -> count.
    weggelaten: dict[str, int] = field(default_factory=dict)
    # The SWV has no gemeente in its werkgebied yet: every new school is left out (see samenvatting).
    geen_werkgebied: bool = False
    # New schools outside the werkgebied or sector, added because DUO's membership file lists them for
    # this SWV's code.
    ingedeeld: int = 0
    # Gemeenten and schoolbesturen created because a school refers to them: soort -> count.
    aangemaakt: dict[str, int] = field(default_factory=dict)
    fouten: list[duo.Fout] = field(default_factory=list)
    wijzigingen: list[Wijziging] = field(default_factory=list)
    aantal_fouten: int = 0
    aantal_wijzigingen: int = 0

    def fout(self, rij: int, reden: str) -> None:
        self.aantal_fouten += 1
        if len(self.fouten) < MAX_REGELS:
            self.fouten.append(duo.Fout(rij, reden))

    def wijziging(self, wijziging: Wijziging) -> None:
        self.aantal_wijzigingen += 1
        if len(self.wijzigingen) < MAX_REGELS:
            self.wijzigingen.append(wijziging)

    def als_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def uit_dict(cls, data: dict[str, Any]) -> ImportResultaat:
        return cls(
            **{
                **data,
                "fouten": [duo.Fout(**f) for f in data.get("fouten", [])],
                "wijzigingen": [Wijziging(**w) for w in data.get("wijzigingen", [])],
            }
        )

    def weggelaten_regels(self) -> list[str]:
        """ "12 scholen buiten het werkgebied", one text per reason with a count (page and command)."""
        return [
            str(WEGGELATEN[reden] % {"n": aantal})
            for reden, aantal in sorted(self.weggelaten.items())
            if aantal and reden in WEGGELATEN
        ]

    @property
    def layout_label(self) -> str:
        return (
            _("scholen (vestigingen)")
            if self.layout == duo.SCHOLEN
            else _("indeling in samenwerkingsverbanden")
        )

    def samenvatting(self) -> str:
        """One Dutch sentence with the counts; a dry-run says what *would* happen (nothing was written)."""
        if self.dry_run:
            delen = [
                ngettext("%(n)d zou nieuw zijn", "%(n)d zouden nieuw zijn", self.nieuw) % {"n": self.nieuw},
                ngettext("%(n)d zou worden gewijzigd", "%(n)d zouden worden gewijzigd", self.gewijzigd)
                % {"n": self.gewijzigd},
            ]
        else:
            delen = [
                ngettext("%(n)d nieuw", "%(n)d nieuw", self.nieuw) % {"n": self.nieuw},
                ngettext("%(n)d gewijzigd", "%(n)d gewijzigd", self.gewijzigd) % {"n": self.gewijzigd},
            ]
        delen += [
            ngettext("%(n)d ongewijzigd", "%(n)d ongewijzigd", self.ongewijzigd) % {"n": self.ongewijzigd},
            ngettext("%(n)d rij met een fout", "%(n)d rijen met een fout", self.aantal_fouten)
            % {"n": self.aantal_fouten},
        ]
        if self.overgeslagen:
            delen.append(
                ngettext(
                    "%(n)d rij overgeslagen (school niet in het register)",
                    "%(n)d rijen overgeslagen (school niet in het register)",
                    self.overgeslagen,
                )
                % {"n": self.overgeslagen}
            )
        tekst = ", ".join(delen) + "."
        if weggelaten := self.weggelaten_regels():
            tekst += " " + _("Niet ingelezen (hoort niet bij dit SWV): %(wat)s.") % {
                "wat": "; ".join(weggelaten)
            }
        if self.ingedeeld:
            tekst += " " + ngettext(
                "%(n)d school buiten het werkgebied of de sector is wel ingelezen, want DUO deelt haar in "
                "bij dit SWV.",
                "%(n)d scholen buiten het werkgebied of de sector zijn wel ingelezen, want DUO deelt ze in "
                "bij dit SWV.",
                self.ingedeeld,
            ) % {"n": self.ingedeeld}
        if self.geen_werkgebied:
            tekst += " " + _(
                "Er staan nog geen gemeenten in het werkgebied van dit SWV: leg die eerst vast bij de "
                "ketenpartners (gemeente, “in werkgebied”), of noem de gemeenten bij “Ook scholen uit deze gemeenten”."
            )
        aangemaakt = []
        if gemeenten := self.aangemaakt.get(Organisatie.Soort.GEMEENTE, 0):
            aangemaakt.append(ngettext("%(n)d gemeente", "%(n)d gemeenten", gemeenten) % {"n": gemeenten})
        if besturen := self.aangemaakt.get(Organisatie.Soort.SCHOOLBESTUUR, 0):
            aangemaakt.append(
                ngettext("%(n)d schoolbestuur", "%(n)d schoolbesturen", besturen) % {"n": besturen}
            )
        if aangemaakt:
            wat = _(" en ").join(aangemaakt)
            if self.dry_run:
                zin = ngettext(
                    "%(wat)s zou worden aangemaakt.",
                    "%(wat)s zouden worden aangemaakt.",
                    gemeenten + besturen,
                )
            else:
                zin = ngettext("%(wat)s aangemaakt.", "%(wat)s aangemaakt.", gemeenten + besturen)
            tekst += " " + _("Daarnaast:") + " " + zin % {"wat": wat}
        if self.dry_run:
            tekst = _("Alleen gecontroleerd, niets opgeslagen.") + " " + tekst
        return tekst


def duo_import(
    *,
    swv: Samenwerkingsverband,
    bestand: bytes | IO[bytes],
    by=None,
    dry_run: bool = False,
    voortgang: Voortgang | None = None,
    ook_gemeenten: frozenset[str] | set[str] = frozenset(),
    ingedeeld: frozenset[str] | set[str] = frozenset(),
) -> ImportResultaat:
    """Import a DUO schools file or SWV membership file into `swv`'s registry.

    Raises duo.OnbekendeIndeling (nothing written) for a file that is not a DUO layout. Bad rows are
    reported in the result with their row number; good rows are imported. With dry_run everything
    runs and is then rolled back: the result says what would change.

    A schools file adds only the new schools that belong to the SWV: of its sector (a school whose type
    the file does not give passes) and in a gemeente of its werkgebied, or in one of `ook_gemeenten`
    (CBS codes of gemeenten outside the werkgebied the SWV works with). Schools already in the registry
    are always updated. What was left out is counted per reason in `resultaat.weggelaten`. `ingedeeld`
    (duo.ingedeeld_bij: BRIN numbers and vestigingscodes DUO's membership file lists for this SWV) adds
    those schools wherever they are.
    """
    gelezen = duo.lees(bestand, sector=swv.sector, max_fouten=settings.DUO_IMPORT_MAX_FOUTEN)
    resultaat = ImportResultaat(
        layout=gelezen.layout,
        kopversie=gelezen.kopversie,
        encoding=gelezen.encoding,
        dry_run=dry_run,
        totaal=gelezen.aantal_rijen,
    )
    for fout in gelezen.fouten:
        resultaat.fout(fout.rij, fout.reden)
    # The parser kept only the first rows with an error; the count covers all of them.
    resultaat.aantal_fouten += gelezen.aantal_fouten - len(gelezen.fouten)
    melden = voortgang or (lambda verwerkt, totaal: None)
    melden(0, gelezen.aantal_rijen)
    # pghistory records who imported (the privacy log shows it) and that it was this import.
    context = {"bron": "duo-import", "user": by.pk if by is not None else None}
    with transaction.atomic(), pghistory.context(**context):
        if gelezen.layout == duo.SCHOLEN:
            _scholen(
                swv,
                gelezen,
                resultaat,
                melden,
                ook_gemeenten=frozenset(ook_gemeenten),
                ingedeeld=frozenset(ingedeeld),
            )
        else:
            _swv_leden(swv, gelezen, resultaat, melden)
        if dry_run:
            transaction.set_rollback(True)
    resultaat.fouten.sort(key=lambda f: f.rij)
    logger.info(
        "duo-import swv=%s layout=%s dry_run=%s totaal=%d nieuw=%d gewijzigd=%d ongewijzigd=%d fouten=%d",
        swv.code,
        gelezen.layout,
        dry_run,
        resultaat.totaal,
        resultaat.nieuw,
        resultaat.gewijzigd,
        resultaat.ongewijzigd,
        resultaat.aantal_fouten,
    )
    return resultaat


def _in_stukken(rijen: list, grootte: int | None = None) -> Iterator[list]:
    grootte = grootte or BATCH
    for start in range(0, len(rijen), grootte):
        yield rijen[start : start + grootte]


_KLEINE_WOORDEN = {"aan", "bij", "de", "den", "der", "en", "het", "in", "op", "te", "ten", "ter", "van"}


@functools.lru_cache(maxsize=4096)
def _netjes(naam: str) -> str:
    """Old DUO files write names in capitals (BERGEN OP ZOOM); the registry shows "Bergen op Zoom", with
    Dutch capitalisation: "Capelle aan den IJssel" (IJ is one letter), "'s-Hertogenbosch", "'t Zandt",
    "Bergen (NH)" (the province's abbreviation stays in capitals)."""
    if not naam.isupper():
        return naam

    def woord(match: re.Match) -> str:
        w = match.group(0).lower()
        voor = naam[: match.start()]
        if voor.endswith("(") and len(w) <= 2:
            return w.upper()
        if voor.endswith("'") and w in {"s", "t"}:
            return w
        if match.start() > 0 and w in _KLEINE_WOORDEN:
            return w
        if w.startswith("ij"):
            return "IJ" + w[2:]
        return w.capitalize()

    return re.sub(r"[^\W\d_]+", woord, naam)


def _gemeentenaam(naam: str, code: str) -> str:
    """The registry names a gemeente as the organisation it is: "Gemeente Capelle aan den IJssel"."""
    naam = _netjes(naam.strip())
    if not naam:
        return _("Gemeente %(code)s") % {"code": code}
    if naam.lower().startswith("gemeente "):
        return naam
    return _("Gemeente %(naam)s") % {"naam": naam}


def _geldig(obj, resultaat: ImportResultaat, rij: int) -> bool:
    """full_clean without per-row queries: the natural key was looked up set-based and the related rows
    (swv, gemeente, bestuur, school) were just read or created, so their existence checks are skipped."""
    zonder_query = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    try:
        obj.full_clean(exclude=zonder_query, validate_unique=False, validate_constraints=False)
    except ValidationError as e:
        redenen: list[str] = []
        for veld, berichten in e.message_dict.items():
            label = obj._meta.get_field(veld).verbose_name if veld != "__all__" else ""
            redenen.extend(f"{label}: {b}" if label else b for b in berichten)
        resultaat.fout(rij, " ".join(redenen))
        return False
    return True


# The conflict targets: the unique constraints' own columns and predicate, so PostgreSQL uses their index.
_CODE_UNIEK = '("swv_id", "soort", "code") WHERE NOT ("code" = \'\')'
_EEN_SWV_PER_SECTOR = '("school_id", "sector")'


def _zoek_of_maak(
    swv, soort: str, gewenst: dict[str, tuple[str, int]], resultaat: ImportResultaat
) -> dict[str, int]:
    """code -> pk of the organisation of `soort`; creates the missing ones (a handful per file: these
    are still full_clean'ed). One SELECT and one INSERT; an organisation another import created in the
    meantime is not an error but read again."""
    gevonden = dict(
        Organisatie.objects.filter(swv=swv, soort=soort, code__in=list(gewenst)).values_list("code", "pk")
    )
    nieuw = []
    for code, (naam, rij) in gewenst.items():
        if code in gevonden:
            continue
        org = Organisatie(swv=swv, soort=soort, code=code, naam=naam)
        if soort == Organisatie.Soort.SCHOOLBESTUUR:
            org.bevoegd_gezag_nummer = code
        if _geldig(org, resultaat, rij):
            nieuw.append(org)
    if not nieuw:
        return gevonden
    aangemaakt = dict(
        _upsert(
            Organisatie,
            {"swv": swv.pk, "soort": soort},
            ["code", "naam", "bevoegd_gezag_nummer"],
            [(o.code, o.naam, o.bevoegd_gezag_nummer) for o in nieuw],
            conflict=_CODE_UNIEK,
            terug=("code", "id"),
        )
    )
    gevonden.update(aangemaakt)
    if len(aangemaakt) < len(nieuw):
        # Created by an import running at the same time, after our SELECT.
        gevonden.update(
            Organisatie.objects.filter(
                swv=swv, soort=soort, code__in=[o.code for o in nieuw if o.code not in aangemaakt]
            ).values_list("code", "pk")
        )
    for org in nieuw:
        if org.code in aangemaakt:
            resultaat.wijziging(Wijziging("nieuw", soort, org.code, org.naam))
    if aangemaakt:
        resultaat.aangemaakt[soort] = len(aangemaakt)
    return gevonden


def _van_dit_swv(
    swv,
    rijen: list[duo.SchoolRij],
    velden: frozenset[str],
    resultaat: ImportResultaat,
    ook_gemeenten,
    ingedeeld: frozenset[str] = frozenset(),
) -> tuple[list[duo.SchoolRij], set[str]]:
    """The rows to import: schools already in the registry, and new ones of the SWV's sector in its
    werkgebied (or in `ook_gemeenten`), and the codes of the SWV's schools. Counts the others per
    reason. Two queries, whatever the file size."""
    bekend = set(
        Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.SCHOOL).values_list("code", flat=True)
    )
    werkgebied = set(
        Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.GEMEENTE, in_werkgebied=True).values_list(
            "code", flat=True
        )
    )
    toegestaan = werkgebied | set(ook_gemeenten)
    soorten = SOORTEN_PER_SECTOR.get(swv.sector, set())
    houden: list[duo.SchoolRij] = []
    weggelaten: dict[str, int] = defaultdict(int)
    for r in rijen:
        if r.code in bekend:
            houden.append(r)
            continue
        if r.soort_onderwijs is not None and r.soort_onderwijs not in soorten:
            reden: str | None = ANDERE_SECTOR
        elif "gemeente_code" in velden and r.gemeente_code not in toegestaan:
            # A file without a gemeente column (not DUO's own) cannot be checked against the werkgebied.
            reden = BUITEN_WERKGEBIED
        else:
            reden = None
        if reden is not None and (r.code in ingedeeld or r.brin in ingedeeld):
            # DUO's membership file lists it for this SWV: it belongs here wherever it is.
            resultaat.ingedeeld += 1
            reden = None
        if reden is None:
            houden.append(r)
        else:
            weggelaten[reden] += 1
    resultaat.weggelaten = dict(weggelaten)
    resultaat.geen_werkgebied = not toegestaan and bool(weggelaten.get(BUITEN_WERKGEBIED))
    return houden, bekend


def _scholen(
    swv,
    gelezen: duo.DuoBestand,
    resultaat: ImportResultaat,
    melden: Voortgang,
    *,
    ook_gemeenten=frozenset(),
    ingedeeld=frozenset(),
) -> None:
    velden = gelezen.velden
    rijen, bekend = _van_dit_swv(swv, gelezen.rijen, velden, resultaat, ook_gemeenten, ingedeeld)
    gemeenten: dict[str, int] = {}
    besturen: dict[str, int] = {}
    if "gemeente_code" in velden:
        gewenst = {}
        for r in rijen:
            if r.gemeente_code and r.gemeente_code not in gewenst:
                gewenst[r.gemeente_code] = (_gemeentenaam(r.gemeente_naam, r.gemeente_code), r.rij)
        gemeenten = _zoek_of_maak(swv, Organisatie.Soort.GEMEENTE, gewenst, resultaat)
    if "bevoegd_gezag" in velden:
        gewenst = {}
        for r in rijen:
            if r.bevoegd_gezag and r.bevoegd_gezag not in gewenst:
                # The schools file has the number only; the name can be filled in on the bestuur's page.
                gewenst[r.bevoegd_gezag] = (
                    _("Schoolbestuur %(nummer)s") % {"nummer": r.bevoegd_gezag},
                    r.rij,
                )
        besturen = _zoek_of_maak(swv, Organisatie.Soort.SCHOOLBESTUUR, gewenst, resultaat)

    # The fields this file sets, in one order for the file's values, the stored ones and the write:
    # plain text fields it has a column for ("naam" always), the links, and soort onderwijs, which a row
    # may leave unknown (None: keep what is stored).
    tekstvelden = [v for v in SCHOOL_VELDEN if v in velden or v == "naam"]
    koppelingen = [
        k
        for k, kolom in (("gemeente", "gemeente_code"), ("schoolbestuur", "bevoegd_gezag"))
        if kolom in velden
    ]
    vergelijk = [*tekstvelden, *(f"{k}_id" for k in koppelingen), "soort_onderwijs"]
    soort_index = len(vergelijk) - 1
    plaats_index = tekstvelden.index("plaats") if "plaats" in velden else None
    bijwerken = {v: f"EXCLUDED.{connection.ops.quote_name(v)}" for v in vergelijk[:-1]}
    tabel = connection.ops.quote_name(Organisatie._meta.db_table)
    bijwerken["soort_onderwijs"] = (
        f'CASE WHEN EXCLUDED."soort_onderwijs" = \'\' THEN {tabel}."soort_onderwijs" '
        'ELSE EXCLUDED."soort_onderwijs" END'
    )
    # The rows left out count as processed (the progress bar counts the file's rows).
    verwerkt = len(gelezen.rijen) - len(rijen)
    # In code order, so each batch is one range of the unique index (swv, soort, code): its SELECT reads
    # that range only, whatever the planner knows (without statistics, right after a first import, it
    # filtered `code IN (...)` over every school of the SWV, per batch).
    rijen = sorted(rijen, key=lambda r: r.code)
    for stuk in _in_stukken(rijen):
        # Only the file's columns of the stored schools, as tuples: no model instances (issue 9). A batch
        # of schools that are all new (a first import) needs no SELECT.
        codes = [r.code for r in stuk if r.code in bekend]
        bestaand = (
            {
                code: waarden
                # No ORDER BY (Meta.ordering walked the whole SWV by name), and the unique index's own
                # predicate (code <> ''), so PostgreSQL looks each code up in that index.
                for code, *waarden in Organisatie.objects.filter(
                    swv=swv,
                    soort=Organisatie.Soort.SCHOOL,
                    code__gte=codes[0],
                    code__lte=codes[-1],
                    code__in=codes,
                )
                .exclude(code="")
                .order_by()
                .values_list("code", *vergelijk)
            }
            if codes
            else {}
        )
        schrijven: list[list] = []
        for r in stuk:
            nieuwe = [getattr(r, v) for v in tekstvelden]
            if plaats_index is not None:
                nieuwe[plaats_index] = _netjes(r.plaats)
            if "gemeente" in koppelingen:
                nieuwe.append(gemeenten.get(r.gemeente_code))
            if "schoolbestuur" in koppelingen:
                nieuwe.append(besturen.get(r.bevoegd_gezag))
            nieuwe.append(r.soort_onderwijs)
            oude = bestaand.get(r.code)
            if oude is None:
                if nieuwe[soort_index] is None:
                    nieuwe[soort_index] = ""
                schrijven.append([r.code, *nieuwe])
                resultaat.nieuw += 1
                resultaat.wijziging(Wijziging("nieuw", Organisatie.Soort.SCHOOL, r.code, r.naam))
                continue
            if nieuwe[soort_index] is None:
                nieuwe[soort_index] = oude[soort_index]
            if nieuwe == oude:
                resultaat.ongewijzigd += 1
                continue
            schrijven.append([r.code, *nieuwe])
            resultaat.gewijzigd += 1
            anders = sorted(
                v.removesuffix("_id") for v, a, b in zip(vergelijk, oude, nieuwe, strict=True) if a != b
            )
            resultaat.wijziging(Wijziging("gewijzigd", Organisatie.Soort.SCHOOL, r.code, r.naam, anders))
        _upsert(
            Organisatie,
            {"swv": swv.pk, "soort": Organisatie.Soort.SCHOOL},
            ["code", *vergelijk],
            schrijven,
            conflict=_CODE_UNIEK,
            bijwerken=bijwerken,
            via_copy=True,
        )
        verwerkt += len(stuk)
        melden(verwerkt, resultaat.totaal)
    melden(resultaat.totaal, resultaat.totaal)


def _swv_leden(swv, gelezen: duo.DuoBestand, resultaat: ImportResultaat, melden: Voortgang) -> None:
    rijen: list[duo.LidmaatschapRij] = gelezen.rijen
    brins = {r.brin for r in rijen}
    per_brin: dict[str, list[Organisatie]] = defaultdict(list)
    scholen = (
        Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.SCHOOL)
        .annotate(brin=Substr("code", 1, 4))
        .filter(brin__in=brins)
        .only("pk", "code", "naam", "swv_id")
    )
    for vestiging in scholen:
        per_brin[vestiging.code[:4]].append(vestiging)
    bestaand = {
        (k.school_id, k.sector): k
        for k in SchoolSwv.objects.filter(
            swv=swv, school_id__in=[s.pk for lijst in per_brin.values() for s in lijst]
        )
    }
    gewenst: dict[tuple[int, str], tuple[str, int, Organisatie]] = {}
    for r in rijen:
        doel = [s for s in per_brin.get(r.brin, []) if not r.vestigingscode or s.code == r.vestigingscode]
        if not doel:
            resultaat.overgeslagen += 1
            continue
        eerder = [gewenst[(s.pk, r.sector)] for s in doel if (s.pk, r.sector) in gewenst]
        conflict = next((e for e in eerder if e[0] != r.swv_code), None)
        if conflict is not None:
            resultaat.fout(
                r.rij,
                _(
                    "BRIN-nummer %(brin)s staat op rij %(rij)d al bij %(code)s; een school hoort per sector bij één SWV."
                )
                % {"brin": r.brin, "rij": conflict[1], "code": conflict[0]},
            )
            continue
        for s in doel:
            gewenst[(s.pk, r.sector)] = (r.swv_code, r.rij, s)
    schrijven: list[tuple[int, str, str]] = []
    for (_school_id, sector), (swv_code, _rij, school) in gewenst.items():
        koppeling = bestaand.get((school.pk, sector))
        if koppeling is None:
            # swv_code and sector were checked by duo.py (valideer_swv_code); the pair is unique below.
            schrijven.append((school.pk, sector, swv_code))
            resultaat.nieuw += 1
            resultaat.wijziging(
                Wijziging("nieuw", "swv", school.code, school.naam, [f"{sector}: {swv_code}"])
            )
        elif koppeling.swv_code != swv_code:
            schrijven.append((school.pk, sector, swv_code))
            resultaat.gewijzigd += 1
            resultaat.wijziging(
                Wijziging("gewijzigd", "swv", school.code, school.naam, [f"{sector}: {swv_code}"])
            )
        else:
            resultaat.ongewijzigd += 1
    for stuk in _in_stukken(schrijven):
        _upsert(
            SchoolSwv,
            {"swv": swv.pk},
            ["school", "sector", "swv_code"],
            stuk,
            conflict=_EEN_SWV_PER_SECTOR,
            bijwerken={"swv_code": 'EXCLUDED."swv_code"'},
        )
    melden(resultaat.totaal, resultaat.totaal)


# --- runs through the upload page (DuoImport) ---


def _voortgang_sleutel(import_id: int) -> str:
    return f"partners:duo-import:{import_id}:verwerkt"


def voortgang_van(run: DuoImport) -> int:
    """Rows processed so far. Kept in the cache: the import's own transaction is not visible until it ends."""
    if run.status == DuoImport.Status.KLAAR:
        return run.totaal
    return int(cache.get(_voortgang_sleutel(run.pk)) or 0)


def _meld_voortgang(import_id: int, verwerkt: int, totaal: int) -> None:
    if verwerkt == 0:
        # The number of rows is known once the worker has read the file (the upload did not parse it).
        DuoImport.objects.filter(pk=import_id).update(totaal=totaal)
    cache.set(_voortgang_sleutel(import_id), verwerkt, timeout=24 * 3600)


def duo_import_starten(
    *,
    swv: Samenwerkingsverband,
    inhoud: bytes | File,
    bestandsnaam: str,
    dry_run: bool,
    by,
    ook_gemeenten: list[str] | None = None,
    ingedeeld: list[str] | None = None,
) -> DuoImport:
    """Store an uploaded file and import it: small files now, larger ones by a worker (queued on commit).

    The request reads only the header (duo.controleer_kop) and copies the upload to storage in pieces; the
    rows are parsed once, by `duo_import_verwerken`. Raises duo.OnbekendeIndeling before storing anything
    when the header is not a DUO layout.
    """
    bestand = ContentFile(inhoud) if isinstance(inhoud, bytes) else inhoud
    duo.controleer_kop(bestand)
    run = DuoImport(
        swv=swv,
        door=by,
        bestandsnaam=bestandsnaam[:255],
        dry_run=dry_run,
        ook_gemeenten=sorted(ook_gemeenten or []),
        ingedeeld=sorted(ingedeeld or []),
    )
    # FileField.save copies chunk by chunk: a large upload (already on disk) is never read whole.
    run.bestand.save(bestandsnaam, bestand, save=False)
    run.full_clean()
    run.save()
    if bestand.size is not None and bestand.size <= DIRECT_MAX_BYTES:
        duo_import_verwerken(run.pk)
        run.refresh_from_db()
    else:
        # The row is the record of the work: if the broker is down now, duo_imports_herstarten offers
        # it again later (issue 7, point 10).
        transaction.on_commit(partial(duo_import_aanbieden, run.pk))
    return run


def duo_import_aanbieden(import_id: int) -> bool:
    """Put a stored import on the Celery queue; False (and a log line) when the broker is unreachable.

    Never raises: the upload has been committed, and a run left "wacht" is offered again by the periodic
    `duo_imports_herstarten`.
    """
    from .tasks import verwerk_duo_import

    try:
        # No publish retries: a broker that is down must not hold the web request for seconds.
        verwerk_duo_import.apply_async((import_id,), retry=False)
    except Exception:
        logger.warning(
            "duo-import %s: broker onbereikbaar, wordt later opnieuw aangeboden", import_id, exc_info=True
        )
        return False
    DuoImport.objects.filter(pk=import_id).update(aangeboden_op=timezone.now())
    return True


def duo_imports_herstarten() -> int:
    """Offer again every import that waits longer than DUO_IMPORT_HERSTART_NA since it was last offered
    (broker down at upload, message lost), and every one "bezig" longer than VASTGELOPEN_NA (its worker
    died). The task is idempotent, so a run offered twice is still imported once. Returns the number offered.
    """
    nu = timezone.now()
    wacht = DuoImport.objects.filter(status=DuoImport.Status.WACHT).filter(
        models.Q(aangeboden_op__lt=nu - settings.DUO_IMPORT_HERSTART_NA)
        | models.Q(aangeboden_op__isnull=True, aangemaakt_op__lt=nu - settings.DUO_IMPORT_HERSTART_NA)
    )
    vastgelopen = DuoImport.objects.filter(status=DuoImport.Status.BEZIG, gestart_op__lt=nu - VASTGELOPEN_NA)
    aangeboden = 0
    for pk in list(wacht.values_list("pk", flat=True)) + list(vastgelopen.values_list("pk", flat=True)):
        if not duo_import_aanbieden(pk):
            break  # the broker is still down; the next run tries again
        aangeboden += 1
    if aangeboden:
        logger.info("duo-import: %d wachtende import(s) opnieuw aangeboden", aangeboden)
    return aangeboden


def duo_import_verwerken(import_id: int) -> None:
    """Run a stored import once (body of the Celery task; a re-delivered or re-offered task changes nothing).

    The row lock (skip_locked) and the status make it run once: a second worker finds the row locked or
    no longer waiting and stops.
    """
    with transaction.atomic():
        run = (
            DuoImport.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("swv", "door")
            .filter(pk=import_id)
            .first()
        )
        if run is None or run.afgerond:
            return
        if (
            run.status == DuoImport.Status.BEZIG
            and run.gestart_op
            and run.gestart_op > timezone.now() - VASTGELOPEN_NA
        ):
            return  # another worker has it
        run.status = DuoImport.Status.BEZIG
        run.gestart_op = timezone.now()
        run.save(update_fields=["status", "gestart_op"])
    try:
        # Streamed from storage by duo.lees: the file is read in pieces, once.
        with run.bestand.open("rb") as f:
            resultaat = duo_import(
                swv=run.swv,
                bestand=f,
                by=run.door,
                dry_run=run.dry_run,
                voortgang=partial(_meld_voortgang, run.pk),
                ook_gemeenten=frozenset(run.ook_gemeenten or []),
                ingedeeld=frozenset(run.ingedeeld or []),
            )
    except duo.OnbekendeIndeling as e:
        run.status = DuoImport.Status.MISLUKT
        run.foutmelding = str(e)
    except Exception:
        logger.exception("duo-import %s mislukt", run.pk)
        run.status = DuoImport.Status.MISLUKT
        run.foutmelding = _("De import is mislukt door een fout in het systeem; er is niets opgeslagen.")
    else:
        run.status = DuoImport.Status.KLAAR
        run.resultaat = resultaat.als_dict()
        run.totaal = resultaat.totaal
    # The file is needed only until it is processed (it may hold contact details).
    if run.bestand:
        run.bestand.delete(save=False)
    run.klaar_op = timezone.now()
    run.save(update_fields=["status", "foutmelding", "resultaat", "bestand", "klaar_op", "totaal"])
    cache.delete(_voortgang_sleutel(run.pk))
