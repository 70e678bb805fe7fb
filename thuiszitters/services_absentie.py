"""Writing absence rows (issue 12): by hand on a page or in batches from a school administration system.

`absenties_verwerken` is the one write path. Each row is checked on its own; a bad row is reported by its
index (and the sender's id) with a Dutch reason and the good rows are still stored. The sender's id per row
(`externId`, unique per school) makes it idempotent: a resent batch changes nothing, a corrected row (same
id, other values) replaces the earlier one. The rows go to PostgreSQL by COPY and one
`INSERT ... ON CONFLICT DO UPDATE ... WHERE something differs` (`swv.core.bulk.upsert`), so a batch of
10,000 rows is a handful of statements (docs/benchmarks.md "Absenties").

A pupil is found by BSN or onderwijsnummer and must be enrolled at the sending school on the row's date;
an unknown number and a pupil of another school get the same answer, so a school cannot probe which BSNs
are known in the SWV. The numbers are never logged or audited; the audit gets one row per pupil touched.
"""

from __future__ import annotations

import datetime
import functools
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import onderwijsnummer as stdnum_onderwijsnummer

from cases.models import Inschrijving, Leerling
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log_many
from swv.core.bulk import upsert

from .models import Absentie
from .models.absentie import MAX_UREN_PER_DAG, Reden

# The most rows one call takes (a body of at most 4 MB, swv/settings/base.py); a school sends a school year of
# absence in several calls. Measured: 10,000 rows in about a second (docs/benchmarks.md "Absenties").
MAX_RIJEN = 10_000
# How far back a row may go: the retention of the leerlingadministratie is longer, but a school system
# that sends absence of years ago is sending the wrong file.
MAX_DAGEN_TERUG = 400
_REDENEN = frozenset(Reden.values)
_CONFLICT = '("school_id", "extern_id")'
_VELDEN = [
    "leerling_id",
    "extern_id",
    "datum",
    "uren",
    "geoorloofd",
    "reden",
    "toelichting",
]
_BIJWERKEN = {
    "leerling_id": "EXCLUDED.leerling_id",
    "datum": "EXCLUDED.datum",
    "uren": "EXCLUDED.uren",
    "geoorloofd": "EXCLUDED.geoorloofd",
    "reden": "EXCLUDED.reden",
    "toelichting": "EXCLUDED.toelichting",
    "gewijzigd_op": "EXCLUDED.gewijzigd_op",
    "api_client_id": "EXCLUDED.api_client_id",
    "ingevoerd_door_id": "EXCLUDED.ingevoerd_door_id",
}
# A resent row with the same values is left alone (its gewijzigd_op stays): "a resent batch changes nothing".
_ALLEEN_ALS_ANDERS = (
    '("thuiszitters_absentie"."leerling_id", "thuiszitters_absentie"."datum", "thuiszitters_absentie"."uren", '
    '"thuiszitters_absentie"."geoorloofd", "thuiszitters_absentie"."reden", "thuiszitters_absentie"."toelichting")'
    " IS DISTINCT FROM (EXCLUDED.leerling_id, EXCLUDED.datum, EXCLUDED.uren, EXCLUDED.geoorloofd, "
    "EXCLUDED.reden, EXCLUDED.toelichting)"
)


@dataclass
class RijFout:
    index: int
    extern_id: str
    reden: str


@dataclass
class AbsentieResultaat:
    ontvangen: int = 0
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    fouten: list[RijFout] = field(default_factory=list)

    def fout(self, index: int, extern_id: Any, reden: str) -> None:
        self.fouten.append(RijFout(index=index, extern_id=str(extern_id or "")[:64], reden=reden))


@dataclass
class _Rij:
    index: int
    extern_id: str
    nummer: str
    is_bsn: bool
    datum: datetime.date
    uren: Decimal
    geoorloofd: bool
    reden: str
    toelichting: str


# A batch names each pupil on many rows (a row per day): check each number once. stdnum's check costs ~50 µs,
# which alone would cap a batch at 20,000 rows/s.
@functools.lru_cache(maxsize=65_536)
def _geldig(nummer: str, is_bsn: bool) -> bool:
    return bool(stdnum_bsn.is_valid(nummer) if is_bsn else stdnum_onderwijsnummer.is_valid(nummer))


class TeVeelRijen(ValueError):
    """More rows than one call takes (the API answers 413 problem+json)."""


def _controleer(index: int, rij: Any, vandaag: datetime.date, resultaat: AbsentieResultaat) -> _Rij | None:
    """The row as values, or None after reporting why not. Checks everything that needs no database."""
    if not isinstance(rij, Mapping):
        resultaat.fout(index, "", _("Een rij is een object met velden."))
        return None
    extern_id = rij.get("externId")
    if not isinstance(extern_id, str) or not extern_id.strip() or len(extern_id) > 64:
        resultaat.fout(
            index, extern_id, _("externId is verplicht: uw eigen id van deze rij (tot 64 tekens).")
        )
        return None
    extern_id = extern_id.strip()
    bsn, onderwijsnummer = rij.get("bsn"), rij.get("onderwijsnummer")
    if bool(bsn) == bool(onderwijsnummer):
        resultaat.fout(index, extern_id, _("Geef een BSN of een onderwijsnummer (precies één van beide)."))
        return None
    nummer = str(bsn or onderwijsnummer).strip()
    if bsn and not _geldig(nummer, True):
        resultaat.fout(index, extern_id, _("Het BSN is ongeldig (9 cijfers met de elfproef)."))
        return None
    if onderwijsnummer and not _geldig(nummer, False):
        resultaat.fout(index, extern_id, _("Het onderwijsnummer is ongeldig."))
        return None
    try:
        datum = datetime.date.fromisoformat(str(rij.get("datum", "")))
    except ValueError:
        resultaat.fout(index, extern_id, _("De datum ontbreekt of is geen datum (JJJJ-MM-DD)."))
        return None
    if datum > vandaag:
        resultaat.fout(index, extern_id, _("De datum ligt in de toekomst."))
        return None
    if (vandaag - datum).days > MAX_DAGEN_TERUG:
        resultaat.fout(
            index, extern_id, _("De datum ligt meer dan %(d)s dagen terug.") % {"d": MAX_DAGEN_TERUG}
        )
        return None
    ruwe_uren = rij.get("uren")
    try:
        if isinstance(ruwe_uren, bool) or ruwe_uren is None:
            raise InvalidOperation
        uren = Decimal(str(ruwe_uren))
    except (InvalidOperation, ValueError):
        resultaat.fout(index, extern_id, _("uren is verplicht: een getal van lesuren."))
        return None
    if not uren.is_finite() or uren <= 0 or uren > MAX_UREN_PER_DAG or uren != uren.quantize(Decimal("0.01")):
        resultaat.fout(
            index,
            extern_id,
            _("uren ligt tussen 0 en %(max)s, met ten hoogste twee decimalen.") % {"max": MAX_UREN_PER_DAG},
        )
        return None
    geoorloofd = rij.get("geoorloofd")
    if not isinstance(geoorloofd, bool):
        resultaat.fout(index, extern_id, _("geoorloofd is verplicht: true of false."))
        return None
    reden = rij.get("reden") or Reden.ONBEKEND
    if reden not in _REDENEN:
        resultaat.fout(
            index, extern_id, _("Onbekende reden; kies uit: %(r)s.") % {"r": ", ".join(sorted(_REDENEN))}
        )
        return None
    toelichting = rij.get("toelichting") or ""
    if not isinstance(toelichting, str) or len(toelichting) > 200:
        resultaat.fout(index, extern_id, _("De toelichting is tekst van ten hoogste 200 tekens."))
        return None
    return _Rij(index, extern_id, nummer, bool(bsn), datum, uren, geoorloofd, reden, toelichting)


def _leerlingen(
    school, nummers: Iterable[tuple[bool, str]]
) -> tuple[dict[tuple[bool, str], int], dict[int, list[tuple]]]:
    """(is_bsn, number) -> pupil id for the batch's numbers in the school's SWV, and per pupil the periods
    of enrolment at this school. Two queries for the whole batch."""
    nummers = list(nummers)
    bsns = {nummer for is_bsn, nummer in nummers if is_bsn}
    onderwijsnummers = {nummer for is_bsn, nummer in nummers if not is_bsn}
    gevonden: dict[tuple[bool, str], int] = {}
    for pk, bsn, onderwijsnummer in Leerling.objects.filter(
        Q(bsn__in=bsns) | Q(onderwijsnummer__in=onderwijsnummers),
        swv_id=school.swv_id,
        geanonimiseerd_op__isnull=True,
    ).values_list("pk", "bsn", "onderwijsnummer"):
        if bsn in bsns:
            gevonden[(True, bsn)] = pk
        if onderwijsnummer in onderwijsnummers:
            gevonden[(False, onderwijsnummer)] = pk
    perioden: dict[int, list[tuple]] = defaultdict(list)
    for leerling_id, van, tot in Inschrijving.objects.filter(
        leerling_id__in=set(gevonden.values()), school=school
    ).values_list("leerling_id", "ingeschreven_op", "uitgeschreven_op"):
        perioden[leerling_id].append((van, tot))
    return gevonden, perioden


def _ingeschreven(perioden: dict[int, list[tuple]], leerling_id: int | None, datum: datetime.date) -> bool:
    return leerling_id is not None and any(
        van <= datum and (tot is None or datum <= tot) for van, tot in perioden.get(leerling_id, ())
    )


def ingeschreven_leerling(
    school, *, bsn: str = "", onderwijsnummer: str = "", op: datetime.date
) -> Leerling | None:
    """The pupil with this (valid, checked by the caller) BSN or onderwijsnummer who is enrolled at `school`
    on `op`, found as a batch row's pupil is; else None. An unknown number and a pupil of another school give
    the same None, so a caller cannot probe which numbers the SWV knows (the verzuimmelding API uses it)."""
    sleutel = (True, bsn) if bsn else (False, onderwijsnummer)
    gevonden, perioden = _leerlingen(school, [sleutel])
    leerling_id = gevonden.get(sleutel)
    if leerling_id is None or not _ingeschreven(perioden, leerling_id, op):
        return None
    return Leerling.objects.get(pk=leerling_id)


def absenties_verwerken(*, by, school, rijen: Sequence[Any]) -> AbsentieResultaat:
    """Store `rijen` (dicts with externId, bsn or onderwijsnummer, datum, uren, geoorloofd, reden,
    toelichting) as absence at `school`, sent by `by` (a school user or the school's API client; the
    caller has checked that it may send for this school). Returns counts and the refused rows."""
    if len(rijen) > MAX_RIJEN:
        raise TeVeelRijen(_("Ten hoogste %(max)s rijen per keer.") % {"max": MAX_RIJEN})
    resultaat = AbsentieResultaat(ontvangen=len(rijen))
    vandaag = timezone.localdate()
    goed: list[_Rij] = []
    gezien: set[str] = set()
    for index, ruw in enumerate(rijen):
        rij = _controleer(index, ruw, vandaag, resultaat)
        if rij is None:
            continue
        if rij.extern_id in gezien:
            resultaat.fout(index, rij.extern_id, _("Deze externId staat meer dan eens in de zending."))
            continue
        gezien.add(rij.extern_id)
        goed.append(rij)
    if not goed:
        return resultaat
    gevonden, perioden = _leerlingen(school, ((r.is_bsn, r.nummer) for r in goed))
    waarden: list[tuple] = []
    for rij in goed:
        leerling_id = gevonden.get((rij.is_bsn, rij.nummer))
        if not _ingeschreven(perioden, leerling_id, rij.datum):
            # The same answer for an unknown number and another school's pupil (no probing of BSNs).
            resultaat.fout(
                rij.index,
                rij.extern_id,
                _("Geen leerling met dit nummer ingeschreven op deze school op deze datum."),
            )
            continue
        waarden.append(
            (leerling_id, rij.extern_id, rij.datum, rij.uren, rij.geoorloofd, rij.reden, rij.toelichting)
        )
    resultaat.fouten.sort(key=lambda f: f.index)
    if not waarden:
        return resultaat
    is_client = getattr(by, "is_api_client", False)
    nu = timezone.now()
    with transaction.atomic():
        geschreven = upsert(
            Absentie,
            {
                "swv_id": school.swv_id,
                "school_id": school.pk,
                "aangemaakt_op": nu,
                "gewijzigd_op": nu,
                "api_client_id": by.api_client.pk if is_client else None,
                "ingevoerd_door_id": None if is_client else by.pk,
            },
            _VELDEN,
            waarden,
            conflict=_CONFLICT,
            bijwerken=_BIJWERKEN,
            alleen_als=_ALLEEN_ALS_ANDERS,
            terug=("leerling_id", "(xmax = 0)"),
            via_copy=len(waarden) > 200,
        )
        resultaat.aangemaakt = sum(1 for _leerling, nieuw in geschreven if nieuw)
        resultaat.bijgewerkt = len(geschreven) - resultaat.aangemaakt
        resultaat.ongewijzigd = len(waarden) - len(geschreven)
        if geschreven:
            audit_log_many(
                action=AuditEvent.Action.UPDATE,
                actor=by,
                swv_id=school.swv_id,
                leerling_ids=(leerling for leerling, _nieuw in geschreven),
                object_type="thuiszitters.absentie",
                reason=_("Absentie vastgelegd (%(n)s rijen in deze zending)") % {"n": len(geschreven)},
            )
    return resultaat


def absentie_invoeren(
    *, by, school, leerling, datum, uren, geoorloofd, reden="", toelichting=""
) -> AbsentieResultaat:
    """One row entered on a page: the same path as a batch, with a generated id."""
    nummer = {"bsn": leerling.bsn} if leerling.bsn else {"onderwijsnummer": leerling.onderwijsnummer}
    rij = {
        "externId": f"hand-{uuid.uuid4()}",
        **nummer,
        "datum": datum.isoformat(),
        "uren": str(uren),
        "geoorloofd": geoorloofd,
        "reden": reden,
        "toelichting": toelichting,
    }
    return absenties_verwerken(by=by, school=school, rijen=[rij])


# --- issue 12, part paginas: the dry run of an upload ("proefverwerking") ---


@dataclass
class ProefRij:
    index: int
    extern_id: str
    uitkomst: str  # "nieuw" | "bijgewerkt" | "ongewijzigd" | "fout"
    reden: str = ""


def absenties_proef(*, school, rijen: Sequence[Any]) -> tuple[AbsentieResultaat, list[ProefRij]]:
    """What `absenties_verwerken(school=school, rijen=rijen)` would do, row by row, without writing anything
    (no row, no audit): the same checks (`_controleer`, `_leerlingen`), then the stored rows with the same ids
    compared as the upsert's `IS DISTINCT FROM` compares them. Reads only; three queries."""
    if len(rijen) > MAX_RIJEN:
        raise TeVeelRijen(_("Ten hoogste %(max)s rijen per keer.") % {"max": MAX_RIJEN})
    resultaat = AbsentieResultaat(ontvangen=len(rijen))
    vandaag = timezone.localdate()
    goed: list[_Rij] = []
    gezien: set[str] = set()
    for index, ruw in enumerate(rijen):
        rij = _controleer(index, ruw, vandaag, resultaat)
        if rij is None:
            continue
        if rij.extern_id in gezien:
            resultaat.fout(index, rij.extern_id, _("Deze externId staat meer dan eens in de zending."))
            continue
        gezien.add(rij.extern_id)
        goed.append(rij)
    uitkomsten: list[ProefRij] = []
    if goed:
        gevonden, perioden = _leerlingen(school, ((r.is_bsn, r.nummer) for r in goed))
        bestaand = {
            extern_id: rest
            for extern_id, *rest in Absentie.objects.filter(
                school=school, extern_id__in=[r.extern_id for r in goed]
            ).values_list("extern_id", "leerling_id", "datum", "uren", "geoorloofd", "reden", "toelichting")
        }
        for rij in goed:
            leerling_id = gevonden.get((rij.is_bsn, rij.nummer))
            ingeschreven = leerling_id is not None and any(
                van <= rij.datum and (tot is None or rij.datum <= tot)
                for van, tot in perioden.get(leerling_id, ())
            )
            if not ingeschreven:
                resultaat.fout(
                    rij.index,
                    rij.extern_id,
                    _("Geen leerling met dit nummer ingeschreven op deze school op deze datum."),
                )
                continue
            nieuw = [leerling_id, rij.datum, rij.uren, rij.geoorloofd, rij.reden, rij.toelichting]
            oud = bestaand.get(rij.extern_id)
            if oud is None:
                uitkomst = "nieuw"
                resultaat.aangemaakt += 1
            elif oud == nieuw:
                uitkomst = "ongewijzigd"
                resultaat.ongewijzigd += 1
            else:
                uitkomst = "bijgewerkt"
                resultaat.bijgewerkt += 1
            uitkomsten.append(ProefRij(rij.index, rij.extern_id, uitkomst))
    resultaat.fouten.sort(key=lambda f: f.index)
    uitkomsten.extend(ProefRij(f.index, f.extern_id, "fout", f.reden) for f in resultaat.fouten)
    uitkomsten.sort(key=lambda u: u.index)
    return resultaat, uitkomsten
