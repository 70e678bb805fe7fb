"""School holidays (national data): read a holiday file, load it idempotently, save one holiday in the admin.

The file is a CSV (thuiszitters/data/schoolvakanties.csv is the shipped one): lines starting with `#` are
comments (the source, what was verified), then a header with at least `schooljaar,regio,naam,begin,eind`
(more columns, such as `controle`, are allowed and ignored). A holiday is known by regio + schooljaar + naam:
loading again changes nothing, a changed date updates that row, and holidays not in the file stay as they
are (a file of one school year does not erase the others).

Who: a platform superuser or a functioneel beheerder (`thuiszitters.schoolvakanties_beheren`), on the admin
page; the management command is an operator's (it runs with shell access, `by=None`).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Regio, Schoolvakantie

VERPLICHTE_KOLOMMEN = ("schooljaar", "regio", "naam", "begin", "eind")
GEDEELDE_BESTAND = Path(__file__).resolve().parent / "data" / "schoolvakanties.csv"
_SCHOOLJAAR = re.compile(r"^(\d{4})-(\d{4})$")
_DATUM_NL = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


class VakantiebestandFout(ValueError):
    """The file has errors; `fouten` are Dutch messages, each naming its line. Nothing was written."""

    def __init__(self, fouten: list[str]) -> None:
        super().__init__("\n".join(fouten))
        self.fouten = fouten


@dataclass(frozen=True)
class Vakantieregel:
    regel: int  # line number in the file (1 = the first line), for messages
    schooljaar: str
    regio: str
    naam: str
    begin: datetime.date
    eind: datetime.date

    @property
    def sleutel(self) -> tuple[str, str, str]:
        return (self.regio, self.schooljaar, self.naam)


@dataclass
class Wijzigingen:
    aangemaakt: list[Schoolvakantie] = field(default_factory=list)
    # (the holiday after the change, its begin and eind before)
    bijgewerkt: list[tuple[Schoolvakantie, datetime.date, datetime.date]] = field(default_factory=list)
    ongewijzigd: int = 0


def _datum(tekst: str) -> datetime.date | None:
    """ISO (2026-10-17) or Dutch (17-10-2026); None when neither."""
    tekst = tekst.strip()
    try:
        return datetime.date.fromisoformat(tekst)
    except ValueError:
        pass
    m = _DATUM_NL.match(tekst)
    if m:
        try:
            return datetime.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None
    return None


def schooljaar_grenzen(schooljaar: str) -> tuple[datetime.date, datetime.date] | None:
    """(1 August, 31 July) of a school year written as 2026-2027; None when it is not one."""
    m = _SCHOOLJAAR.match(schooljaar)
    if not m or int(m[2]) != int(m[1]) + 1:
        return None
    return datetime.date(int(m[1]), 8, 1), datetime.date(int(m[2]), 7, 31)


def _controleer(
    regel: int, schooljaar: str, regio: str, naam: str, begin_t: str, eind_t: str
) -> tuple[Vakantieregel | None, list[str]]:
    """One line's values checked; (the holiday or None, Dutch errors naming the line)."""
    fouten: list[str] = []
    voor = _("Regel %(n)s: ") % {"n": regel}
    grenzen = schooljaar_grenzen(schooljaar)
    if grenzen is None:
        fouten.append(voor + _("schooljaar „%(s)s” is geen schooljaar zoals 2026-2027.") % {"s": schooljaar})
    if regio not in Regio.values:
        fouten.append(voor + _("regio „%(r)s” bestaat niet (kies noord, midden of zuid).") % {"r": regio})
    if not naam:
        fouten.append(voor + _("de naam van de vakantie ontbreekt."))
    elif len(naam) > (Schoolvakantie._meta.get_field("naam").max_length or 60):
        fouten.append(voor + _("de naam is langer dan 60 tekens."))
    begin, eind = _datum(begin_t), _datum(eind_t)
    if begin is None:
        fouten.append(voor + _("begin „%(d)s” is geen datum (jjjj-mm-dd).") % {"d": begin_t})
    if eind is None:
        fouten.append(voor + _("eind „%(d)s” is geen datum (jjjj-mm-dd).") % {"d": eind_t})
    if begin and eind:
        if eind < begin:
            fouten.append(voor + _("de laatste vakantiedag ligt voor de eerste."))
        elif (eind - begin).days > 70:
            fouten.append(voor + _("de vakantie duurt langer dan tien weken; klopt de datum?"))
        if grenzen and not grenzen[0] <= begin <= grenzen[1]:
            fouten.append(
                voor
                + _("de vakantie begint niet in schooljaar %(s)s (1 augustus tot en met 31 juli).")
                % {"s": schooljaar}
            )
    if fouten or begin is None or eind is None:
        return None, fouten
    return Vakantieregel(regel, schooljaar, regio, naam, begin, eind), []


def lees_vakantiebestand(tekst: str) -> list[Vakantieregel]:
    """The holidays of a holiday file's text, all lines checked. Raises VakantiebestandFout with every
    error (Dutch, with line numbers): a wrong line is never skipped silently."""
    fouten: list[str] = []
    regels: list[Vakantieregel] = []
    # Comments and blank lines are dropped, but each kept line remembers its number in the file.
    inhoud = [
        (nummer, lijn)
        for nummer, lijn in enumerate(tekst.lstrip("\ufeff").splitlines(), start=1)
        if lijn.strip() and not lijn.lstrip().startswith("#")
    ]
    if not inhoud:
        raise VakantiebestandFout([_("Het bestand bevat geen kopregel en geen vakanties.")])
    scheiding = ";" if inhoud[0][1].count(";") > inhoud[0][1].count(",") else ","
    kop_nummer, kop = inhoud[0]
    kolommen = [k.strip().lower() for k in next(csv.reader([kop], delimiter=scheiding))]
    ontbrekend = [k for k in VERPLICHTE_KOLOMMEN if k not in kolommen]
    if ontbrekend:
        raise VakantiebestandFout(
            [
                _("Regel %(n)s: de kopregel mist de kolom(men) %(k)s.")
                % {"n": kop_nummer, "k": ", ".join(ontbrekend)}
            ]
        )
    index = {k: kolommen.index(k) for k in VERPLICHTE_KOLOMMEN}
    gezien: dict[tuple[str, str, str], int] = {}
    for nummer, lijn in inhoud[1:]:
        waarden = next(csv.reader(io.StringIO(lijn), delimiter=scheiding))
        if len(waarden) < len(kolommen):
            fouten.append(
                _("Regel %(n)s: %(a)s kolommen, de kopregel heeft er %(k)s.")
                % {"n": nummer, "a": len(waarden), "k": len(kolommen)}
            )
            continue
        veld = {k: waarden[i].strip() for k, i in index.items()}
        vakantie, regelfouten = _controleer(
            nummer, veld["schooljaar"], veld["regio"].lower(), veld["naam"], veld["begin"], veld["eind"]
        )
        fouten += regelfouten
        if vakantie is None:
            continue
        if vakantie.sleutel in gezien:
            fouten.append(
                _("Regel %(n)s: %(naam)s %(s)s regio %(r)s staat ook op regel %(eerder)s.")
                % {
                    "n": nummer,
                    "naam": vakantie.naam,
                    "s": vakantie.schooljaar,
                    "r": vakantie.regio,
                    "eerder": gezien[vakantie.sleutel],
                }
            )
            continue
        gezien[vakantie.sleutel] = nummer
        regels.append(vakantie)
    fouten += _overlappingen(regels)
    if fouten:
        raise VakantiebestandFout(fouten)
    return regels


def _overlappingen(regels: list[Vakantieregel]) -> list[str]:
    """Two holidays of one region that overlap are a typing error (each day is in one holiday at most)."""
    fouten = []
    per_regio: dict[str, list[Vakantieregel]] = {}
    for r in regels:
        per_regio.setdefault(r.regio, []).append(r)
    for lijst in per_regio.values():
        lijst.sort(key=lambda r: r.begin)
        for vorige, volgende in zip(lijst, lijst[1:], strict=False):
            if volgende.begin <= vorige.eind:
                fouten.append(
                    _("Regel %(n)s: %(naam)s overlapt met %(andere)s op regel %(m)s (regio %(r)s).")
                    % {
                        "n": volgende.regel,
                        "naam": volgende.naam,
                        "andere": vorige.naam,
                        "m": vorige.regel,
                        "r": volgende.regio,
                    }
                )
    return fouten


def mag_vakanties_beheren(user) -> bool:
    return bool(user is not None and user.has_perm("thuiszitters.schoolvakanties_beheren"))


def vakanties_laden(regels: list[Vakantieregel], *, by=None) -> Wijzigingen:
    """Create or update the holidays of `regels` (checked by `lees_vakantiebestand`), in one transaction.
    `by=None` is the operator's management command; a person must be allowed to manage holidays."""
    if by is not None and not mag_vakanties_beheren(by):
        raise PermissionDenied(_("Alleen een beheerder onderhoudt de schoolvakanties."))
    wijzigingen = Wijzigingen()
    with transaction.atomic():
        bestaand = {
            (v.regio, v.schooljaar, v.naam): v
            for v in Schoolvakantie.objects.select_for_update().filter(
                schooljaar__in={r.schooljaar for r in regels}
            )
        }
        for r in regels:
            vakantie = bestaand.get(r.sleutel)
            if vakantie is None:
                vakantie = Schoolvakantie(
                    schooljaar=r.schooljaar, regio=r.regio, naam=r.naam, begin=r.begin, eind=r.eind
                )
                vakantie.full_clean()
                vakantie.save()
                wijzigingen.aangemaakt.append(vakantie)
            elif (vakantie.begin, vakantie.eind) != (r.begin, r.eind):
                oud = (vakantie.begin, vakantie.eind)
                vakantie.begin, vakantie.eind = r.begin, r.eind
                vakantie.full_clean()
                vakantie.save(update_fields=["begin", "eind"])
                wijzigingen.bijgewerkt.append((vakantie, *oud))
            else:
                wijzigingen.ongewijzigd += 1
    return wijzigingen


def vakantiebestand_laden(pad: Path | str, *, by=None) -> Wijzigingen:
    """Read, check and load a holiday file. Raises VakantiebestandFout (nothing written) on any error."""
    try:
        tekst = Path(pad).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VakantiebestandFout([_("Bestand %(p)s bestaat niet.") % {"p": pad}]) from None
    except UnicodeDecodeError:
        raise VakantiebestandFout([_("Bestand %(p)s is geen UTF-8-tekst.") % {"p": pad}]) from None
    return vakanties_laden(lees_vakantiebestand(tekst), by=by)


def schoolvakantie_opslaan(*, by, velden: dict, vakantie: Schoolvakantie | None = None) -> Schoolvakantie:
    """One holiday added or changed by a beheerder (the admin). Raises PermissionDenied or ValidationError
    (Dutch, per field): the same checks as a line of the file."""
    if not mag_vakanties_beheren(by):
        raise PermissionDenied(_("Alleen een beheerder onderhoudt de schoolvakanties."))
    vakantie = vakantie or Schoolvakantie()
    for naam in VERPLICHTE_KOLOMMEN:
        if naam in velden:
            setattr(vakantie, naam, velden[naam])
    vakantie.full_clean()
    grenzen = schooljaar_grenzen(vakantie.schooljaar)
    if grenzen is None:
        raise ValidationError({"schooljaar": _("Schrijf het schooljaar als 2026-2027.")})
    if not grenzen[0] <= vakantie.begin <= grenzen[1]:
        raise ValidationError(
            {"begin": _("De vakantie begint niet in schooljaar %(s)s.") % {"s": vakantie.schooljaar}}
        )
    overlap = (
        Schoolvakantie.objects.filter(
            regio=vakantie.regio, begin__lte=vakantie.eind, eind__gte=vakantie.begin
        )
        .exclude(pk=vakantie.pk)
        .first()
    )
    if overlap is not None:
        raise ValidationError(
            {"begin": _("Deze vakantie overlapt met %(v)s.") % {"v": overlap}},
        )
    vakantie.save()
    return vakantie
