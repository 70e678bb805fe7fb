"""Pupils and their cases (leerling-casussen).

Every row carries its SWV (the tenant); the tenant is the first column of every index.
`Model.objects.visible_to(user)` (cases/querysets.py) is the one read rule per model.
Layout: leerling.py (pupil, enrolments, ouders), casus.py (aanmelding/casus and its transitions),
team.py (ondersteuningsteam and toestemming), plan.py (OPP versions, actions, evaluations),
taken.py (deadlines and tasks), tijdlijn.py (the case's timeline), historie.py (pghistory events).
"""

from .casus import Casus, Statusovergang
from .historie import (
    ActieEvent,
    CasusEvent,
    EvaluatieEvent,
    InschrijvingEvent,
    OtLidEvent,
    OuderEvent,
    PlanEvent,
    ToestemmingEvent,
)
from .leerling import Inschrijving, Leerling, LeerlingEvent, Ouder, TrackedLeerling
from .plan import Actie, Evaluatie, Plan
from .taken import Taak
from .team import OtLid, Toestemming
from .tijdlijn import TijdlijnGebeurtenis

__all__ = [
    "Actie",
    "ActieEvent",
    "Casus",
    "CasusEvent",
    "Evaluatie",
    "EvaluatieEvent",
    "Inschrijving",
    "InschrijvingEvent",
    "Leerling",
    "LeerlingEvent",
    "OtLid",
    "OtLidEvent",
    "Ouder",
    "OuderEvent",
    "Plan",
    "PlanEvent",
    "Statusovergang",
    "Taak",
    "TijdlijnGebeurtenis",
    "Toestemming",
    "ToestemmingEvent",
    "TrackedLeerling",
]

# --- issue 11, part arrangementen en documenten ---
from .arrangement import Arrangement  # noqa: E402
from .document import CasusDocument  # noqa: E402
from .historie_arrdoc import ArrangementEvent, CasusDocumentEvent  # noqa: E402

__all__ += ["Arrangement", "ArrangementEvent", "CasusDocument", "CasusDocumentEvent"]
# --- issue 11, part TLV ---
from .historie import TlvAdviesEvent, TlvBezwaarEvent, TlvEvent  # noqa: E402
from .tlv import Tlv, TlvAdvies, TlvBezwaar, TlvNummering  # noqa: E402

__all__ += ["Tlv", "TlvAdvies", "TlvAdviesEvent", "TlvBezwaar", "TlvBezwaarEvent", "TlvEvent", "TlvNummering"]
# --- issue 11, part betrokkenheid ---
from .betrokkenheid import Betrokkenheid, BetrokkenheidEvent, Betrokkenheidssignaal  # noqa: E402

__all__ += ["Betrokkenheid", "BetrokkenheidEvent", "Betrokkenheidssignaal"]

# --- issue 11, part overdracht ---
from .overdracht import Overdracht, OverdrachtEvent  # noqa: E402

__all__ += ["Overdracht", "OverdrachtEvent"]
