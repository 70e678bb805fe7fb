"""The partner registry (ketenpartners): organisations, people, agreements, provisions.

Every model carries `swv` (the tenant); `Model.objects.visible_to(user)` is the one read rule.
"""

from .afspraken import Afspraak, AfspraakHerinnering
from .duo_import import DuoImport
from .historie import (
    AfspraakEvent,
    JeugdzorgregioEvent,
    OrganisatieEvent,
    PersoonEvent,
    SchoolSwvEvent,
    SleutelfiguurEvent,
    VoorzieningEvent,
)
from .organisatie import (
    DOMEIN_PER_SOORT,
    Domein,
    Jeugdzorgregio,
    Organisatie,
    SchoolSwv,
    Sector,
    domein_van,
    soorten_in_domein,
)
from .personen import Niveau, Persoon, Sleutelfiguur
from .voorzieningen import Doelgroep, Voorziening

__all__ = [
    "AfspraakEvent",
    "JeugdzorgregioEvent",
    "OrganisatieEvent",
    "PersoonEvent",
    "SchoolSwvEvent",
    "SleutelfiguurEvent",
    "VoorzieningEvent",
    "DOMEIN_PER_SOORT",
    "Afspraak",
    "AfspraakHerinnering",
    "Doelgroep",
    "DuoImport",
    "Domein",
    "Jeugdzorgregio",
    "Niveau",
    "Organisatie",
    "Persoon",
    "SchoolSwv",
    "Sector",
    "Sleutelfiguur",
    "Voorziening",
    "domein_van",
    "soorten_in_domein",
]
