"""Verzuim and thuiszitters (issue 12; domain.md "Verzuim and thuiszitters").

Every tenant row carries its SWV; `Model.objects.visible_to(user)` (thuiszitters/querysets.py) is the one
read rule per model. Layout: vakantie.py (school holidays per region, national data), absentie.py (absence
per pupil per day), melding.py (verzuimmelding), thuiszitter.py (registration), signaal.py (what the
periodic checks raise), historie.py (pghistory events).
"""

from .absentie import Absentie
from .historie import MeldingNotitieEvent, SignaalEvent, ThuiszitterEvent, VerzuimmeldingEvent
from .melding import Verzuimmelding
from .notitie import MeldingNotitie
from .signaal import Signaal
from .thuiszitter import Thuiszitter
from .vakantie import Regio, Schoolvakantie

__all__ = [
    "Absentie",
    "MeldingNotitie",
    "MeldingNotitieEvent",
    "Regio",
    "Schoolvakantie",
    "Signaal",
    "SignaalEvent",
    "Thuiszitter",
    "ThuiszitterEvent",
    "Verzuimmelding",
    "VerzuimmeldingEvent",
]
