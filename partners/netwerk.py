"""Layout of the netwerk picture: partners around "leerling en ouders", one sector per domain.

Pure geometry, no database: the view hands in the groups, the template draws the SVG. Labels run
along the ray from the centre (flipped on the left half so they never read upside down): neighbours
are then separated by the angle between them, not by the label width, so ~60 partners still fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Drawing size (SVG user units); the SVG scales to the page width.
BREEDTE = 1000
HOOGTE = 1000
MIDDEN = 500
STRAAL_KERN = 78  # the centre circle
STRAAL_DOMEIN = 150  # domain names
STRAAL_PARTNER = 235  # the partner dots
STRAAL_PARTNER_BINNEN = 205  # every other dot when there are many, so labels keep apart
STRAAL_SECTOR = 490
MAX_LABEL = 28  # characters of a name shown in the picture; the full name is in the accessible name
VEEL = 48  # from this many partners on, the dots alternate between two rings


@dataclass
class Knoop:
    naam: str
    label: str
    url: str
    omschrijving: str
    x: float
    y: float
    label_x: float
    label_y: float
    rotatie: float
    anker: str
    lijn_x: float
    lijn_y: float


@dataclass
class Sector:
    sleutel: str
    naam: str
    pad: str
    label_x: float
    label_y: float
    scheiding_x: float
    scheiding_y: float
    knopen: list[Knoop] = field(default_factory=list)


def _punt(straal: float, hoek: float) -> tuple[float, float]:
    return (round(MIDDEN + straal * math.cos(hoek), 1), round(MIDDEN + straal * math.sin(hoek), 1))


def _kort(naam: str) -> str:
    return naam if len(naam) <= MAX_LABEL else naam[: MAX_LABEL - 1].rstrip() + "…"


def _sectorpad(start: float, eind: float) -> str:
    """A ring segment from the centre circle to the outer radius between two angles."""
    x1, y1 = _punt(STRAAL_KERN + 8, start)
    x2, y2 = _punt(STRAAL_SECTOR, start)
    x3, y3 = _punt(STRAAL_SECTOR, eind)
    x4, y4 = _punt(STRAAL_KERN + 8, eind)
    groot = 1 if eind - start > math.pi else 0
    return (
        f"M {x1} {y1} L {x2} {y2} A {STRAAL_SECTOR} {STRAAL_SECTOR} 0 {groot} 1 {x3} {y3} "
        f"L {x4} {y4} A {STRAAL_KERN + 8} {STRAAL_KERN + 8} 0 {groot} 0 {x1} {y1} Z"
    )


def indeling(groepen: list[dict]) -> list[Sector]:
    """Place every partner. `groepen`: [{"sleutel", "naam", "partners": [{"naam", "url", "omschrijving"}]}].

    Empty groups get no sector. A sector's angle grows with its number of partners (at least the
    room of three, so a domain with one partner still has space for its name).
    """
    gevuld = [g for g in groepen if g["partners"]]
    if not gevuld:
        return []
    gewichten = [max(len(g["partners"]), 3) for g in gevuld]
    totaal_gewicht = sum(gewichten)
    totaal_partners = sum(len(g["partners"]) for g in gevuld)
    # Start at the top (-90 degrees) and go clockwise.
    hoek = -math.pi / 2
    sectoren = []
    for groep, gewicht in zip(gevuld, gewichten, strict=True):
        span = 2 * math.pi * gewicht / totaal_gewicht
        start, eind = hoek, hoek + span
        midden = (start + eind) / 2
        label_x, label_y = _punt(STRAAL_DOMEIN, midden)
        scheiding_x, scheiding_y = _punt(STRAAL_SECTOR, start)
        sector = Sector(
            sleutel=groep["sleutel"],
            naam=groep["naam"],
            pad=_sectorpad(start, eind) if len(gevuld) > 1 else "",
            label_x=label_x,
            label_y=label_y,
            scheiding_x=scheiding_x,
            scheiding_y=scheiding_y,
        )
        aantal = len(groep["partners"])
        for i, partner in enumerate(groep["partners"]):
            h = start + span * (i + 0.5) / aantal
            straal = STRAAL_PARTNER_BINNEN if totaal_partners >= VEEL and i % 2 else STRAAL_PARTNER
            x, y = _punt(straal, h)
            lijn_x, lijn_y = _punt(STRAAL_KERN, h)
            label_x, label_y = _punt(straal + 14, h)
            graden = math.degrees(h)
            rechts = math.cos(h) >= 0
            sector.knopen.append(
                Knoop(
                    naam=partner["naam"],
                    label=_kort(partner["naam"]),
                    url=partner["url"],
                    omschrijving=partner.get("omschrijving", ""),
                    x=x,
                    y=y,
                    label_x=label_x,
                    label_y=label_y,
                    rotatie=round(graden if rechts else graden + 180, 1),
                    anker="start" if rechts else "end",
                    lijn_x=lijn_x,
                    lijn_y=lijn_y,
                )
            )
        sectoren.append(sector)
        hoek = eind
    return sectoren
