"""Occupancy of voorzieningen as the apps that place pupils count it (issue 11, part arrangementen).

The registry keeps `Voorziening.bezetting`, the number typed in: placements the system does not know
(pupils of elsewhere, placements from before the system). The places taken by arrangementen of cases come
from the cases app, which depends on partners, not the other way round (docs/architecture.md): it registers
a counting function here from its AppConfig.ready(), and the dekkend netwerk asks this module. Without a
registered source (partners on its own) the typed number is all there is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Telling:
    # Places taken (toegekend or gestart) and requests waiting for a place (the waiting list).
    bezet: int = 0
    wachtend: int = 0


Bron = Callable[[list[int]], dict[int, Telling]]

_bronnen: dict[str, Bron] = {}


def register_bron(naam: str, bron: Bron) -> None:
    """`bron(voorziening_ids)` returns {id: Telling} in one query; registering a name again replaces it."""
    _bronnen[naam] = bron


def tellingen(voorziening_ids: Iterable[int]) -> dict[int, Telling]:
    ids = sorted(set(voorziening_ids))
    totaal: dict[int, Telling] = {}
    if not ids:
        return totaal
    for bron in _bronnen.values():
        for pk, telling in bron(ids).items():
            eerder = totaal.get(pk, Telling())
            totaal[pk] = Telling(eerder.bezet + telling.bezet, eerder.wachtend + telling.wachtend)
    return totaal


def verrijk(voorzieningen: list) -> list:
    """Set `arrangementen_bezet` and `wachtlijst` on each voorziening (in memory), so `bezetting_totaal`,
    `is_vol` and `knelpunt` count the arrangementen. One query per registered source."""
    per_id = tellingen(v.pk for v in voorzieningen)
    for v in voorzieningen:
        telling = per_id.get(v.pk, Telling())
        v.arrangementen_bezet = telling.bezet
        v.wachtlijst = telling.wachtend
    return voorzieningen
