"""Reading an absence CSV uploaded on the page (issue 12; format in docs/verzuim.md "Absentie uploaden").

The file becomes the rows `absenties_verwerken` takes (the same dicts the API sends), each with the line
number it came from, so every error can name its line. Everything that makes the whole file unusable (too
big, binary, not UTF-8, a missing column, too many rows) is a `CsvFout` with a Dutch text and nothing is
processed; a bad value on one line is that line's error and the other lines still count.

One documented column set, not a guess per vendor: the exports of ParnasSys, Magister and Somtoday differ
per version and per school's settings, so the school maps its export's column names onto ours (the docs say
how). Separators `;` and `,`, UTF-8 with or without BOM, dates dd-mm-jjjj and jjjj-mm-dd, a decimal comma.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .models.absentie import Reden
from .services_absentie import MAX_RIJEN

# Well under the page's request limit (MAX_REQUEST_BODY, 2 MB): 10,000 rows of ~80 bytes are 0.8 MB.
MAX_BESTAND = 1_500_000
KOLOMMEN_VERPLICHT = ("datum", "uren", "geoorloofd", "id")
KOLOMMEN_NUMMER = ("bsn", "onderwijsnummer")
KOLOMMEN_OPTIONEEL = ("reden", "toelichting")
KOLOMMEN = (*KOLOMMEN_NUMMER, *KOLOMMEN_VERPLICHT, *KOLOMMEN_OPTIONEEL)
_JA = {"ja", "j", "true", "1", "geoorloofd", "yes", "waar"}
_NEE = {"nee", "n", "false", "0", "ongeoorloofd", "no", "onwaar"}
_NL_DATUM = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
# The reason as code ("ziekte") or as its Dutch label ("Ziekte"), case-insensitive.
_REDENEN = {waarde: waarde for waarde in Reden.values} | {
    str(label).lower(): waarde for waarde, label in Reden.choices
}


class CsvFout(ValueError):
    """The file as a whole cannot be read; the message is Dutch and says what to do."""


@dataclass
class GelezenBestand:
    rijen: list[dict[str, Any]] = field(default_factory=list)
    regels: list[int] = field(default_factory=list)  # the line number of each row in `rijen`
    fouten: list[tuple[int, str, str]] = field(default_factory=list)  # (line, id, reason)
    scheidingsteken: str = ";"


def _tekst(inhoud: bytes) -> str:
    if b"\x00" in inhoud:
        raise CsvFout(_("Dit is geen tekstbestand (CSV). Kies het CSV-bestand uit uw leerlingadministratie."))
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFout(
            _(
                "Het bestand is geen UTF-8-tekst. Sla het op als „CSV UTF-8” (in Excel: Opslaan als, CSV UTF-8) "
                "en probeer het opnieuw."
            )
        ) from None


def _datum(waarde: str) -> str:
    """ISO text for the service, or '' when it is no date (the service then names the error)."""
    waarde = waarde.strip()
    if match := _NL_DATUM.fullmatch(waarde):
        dag, maand, jaar = (int(deel) for deel in match.groups())
        try:
            return datetime.date(jaar, maand, dag).isoformat()
        except ValueError:
            return ""
    try:
        return datetime.date.fromisoformat(waarde).isoformat()
    except ValueError:
        return ""


def controleer_grootte(grootte: int) -> None:
    """Raises CsvFout for a file over the limit (before it is read)."""
    if grootte > MAX_BESTAND:
        raise CsvFout(
            _("Het bestand is te groot (ten hoogste %(mb)s MB). Splits het, bijvoorbeeld per maand.")
            % {"mb": MAX_BESTAND / 1_000_000}
        )


def lees_absentie_csv(inhoud: bytes) -> GelezenBestand:
    """The rows of an uploaded absence CSV. Raises CsvFout when the file as a whole is unusable."""
    controleer_grootte(len(inhoud))
    tekst = _tekst(inhoud)
    if not tekst.strip():
        raise CsvFout(_("Het bestand is leeg."))
    eerste_regel = tekst.split("\n", 1)[0]
    scheidingsteken = ";" if eerste_regel.count(";") >= eerste_regel.count(",") else ","
    try:
        regels = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken))
    except csv.Error as fout:
        raise CsvFout(_("Het bestand is geen geldig CSV-bestand (%(fout)s).") % {"fout": fout}) from None
    kop = [naam.strip().lower() for naam in regels[0]]
    ontbreekt = [naam for naam in KOLOMMEN_VERPLICHT if naam not in kop]
    if ontbreekt or not any(naam in kop for naam in KOLOMMEN_NUMMER):
        raise CsvFout(
            _(
                "De kolommen kloppen niet. Verplicht: %(verplicht)s en bsn of onderwijsnummer; gevonden: %(kop)s. "
                "Zie de handleiding voor de kolomnamen."
            )
            % {
                "verplicht": ", ".join(KOLOMMEN_VERPLICHT),
                "kop": ", ".join(naam for naam in kop if naam)[:200] or _("geen"),
            }
        )
    if len(set(kop) & set(KOLOMMEN)) != len([n for n in kop if n in KOLOMMEN]):
        raise CsvFout(_("Een kolomnaam staat meer dan eens in de eerste regel."))
    plek = {naam: kop.index(naam) for naam in KOLOMMEN if naam in kop}
    data = [
        (nummer, regel) for nummer, regel in enumerate(regels[1:], start=2) if any(c.strip() for c in regel)
    ]
    if not data:
        raise CsvFout(_("Het bestand heeft geen rijen onder de kopregel."))
    if len(data) > MAX_RIJEN:
        raise CsvFout(
            _(
                "Het bestand heeft %(n)s rijen; ten hoogste %(max)s per keer. Splits het, bijvoorbeeld per maand."
            )
            % {"n": len(data), "max": MAX_RIJEN}
        )
    resultaat = GelezenBestand(scheidingsteken=scheidingsteken)
    for nummer, regel in data:
        if len(regel) != len(kop):
            resultaat.fouten.append(
                (
                    nummer,
                    "",
                    _("Deze regel heeft %(n)s kolommen, de kopregel %(k)s.")
                    % {"n": len(regel), "k": len(kop)},
                )
            )
            continue
        waarde = {naam: regel[index].strip() for naam, index in plek.items()}
        rij: dict[str, Any] = {"externId": waarde["id"], "datum": _datum(waarde["datum"])}
        for naam in KOLOMMEN_NUMMER:
            if waarde.get(naam):
                rij[naam] = waarde[naam]
        # A decimal comma ("2,5") is what a Dutch spreadsheet writes; the service takes a point.
        rij["uren"] = waarde["uren"].replace(",", ".") or None
        geoorloofd = waarde["geoorloofd"].lower()
        rij["geoorloofd"] = True if geoorloofd in _JA else False if geoorloofd in _NEE else None
        reden = waarde.get("reden", "").lower()
        rij["reden"] = _REDENEN.get(reden, reden)
        rij["toelichting"] = waarde.get("toelichting", "")
        if rij["geoorloofd"] is None:
            resultaat.fouten.append((nummer, waarde["id"], _("geoorloofd is ja of nee.")))
            continue
        if not rij["datum"]:
            resultaat.fouten.append(
                (nummer, waarde["id"], _("De datum is geen datum (dd-mm-jjjj of jjjj-mm-dd)."))
            )
            continue
        resultaat.rijen.append(rij)
        resultaat.regels.append(nummer)
    return resultaat
