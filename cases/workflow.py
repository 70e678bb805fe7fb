"""The case workflow: the statuses and the transitions allowed between them, in one place.

A transition not in OVERGANGEN is refused by the service (`cases.services.casus_overgang`) with a Dutch
error, never a 500. Every transition is stored as a `Statusovergang` (who, when, why) and on the tijdlijn.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    AANGEMELD = "aangemeld", _("Aangemeld")
    TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd naar school")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    PLAN_VASTGESTELD = "plan_vastgesteld", _("Plan vastgesteld")
    LOPEND = "lopend", _("Lopend")
    GEEVALUEERD = "geevalueerd", _("Geëvalueerd")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


# van -> allowed naar. Teruggestuurd goes back to the school, which resubmits (aangemeld) or withdraws.
# A geëvalueerd case either goes on (lopend, with a new plan version) or is closed.
OVERGANGEN: dict[str, frozenset[str]] = {
    Status.CONCEPT: frozenset({Status.AANGEMELD, Status.INGETROKKEN}),
    Status.AANGEMELD: frozenset({Status.IN_BEHANDELING, Status.TERUGGESTUURD, Status.INGETROKKEN}),
    Status.TERUGGESTUURD: frozenset({Status.AANGEMELD, Status.INGETROKKEN}),
    Status.IN_BEHANDELING: frozenset({Status.PLAN_VASTGESTELD, Status.AFGESLOTEN, Status.INGETROKKEN}),
    Status.PLAN_VASTGESTELD: frozenset({Status.LOPEND, Status.AFGESLOTEN}),
    Status.LOPEND: frozenset({Status.GEEVALUEERD, Status.AFGESLOTEN}),
    Status.GEEVALUEERD: frozenset({Status.LOPEND, Status.IN_BEHANDELING, Status.AFGESLOTEN}),
    Status.AFGESLOTEN: frozenset(),
    Status.INGETROKKEN: frozenset(),
}

# Statuses in which the school still owns the text of the aanmelding (it may edit it).
BIJ_SCHOOL = frozenset({Status.CONCEPT, Status.TERUGGESTUURD})
# Statuses the SWV sees (a concept is the school's draft).
ZICHTBAAR_VOOR_SWV = frozenset(Status.values) - {Status.CONCEPT}
# Statuses of a case that is over.
GESLOTEN = frozenset({Status.AFGESLOTEN, Status.INGETROKKEN})


def mag_overgaan(van: str, naar: str) -> bool:
    return naar in OVERGANGEN.get(van, frozenset())
