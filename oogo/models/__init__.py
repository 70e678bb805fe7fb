from .agenda import Geschil, Ondersteuningsplan, Ontwikkeldoel, Voortgang, inspectie_uiterlijk
from .historie import (
    ActiepuntEvent,
    AgendapuntEvent,
    BesluitEvent,
    GeschilEvent,
    OndersteuningsplanEvent,
    OntwikkeldoelEvent,
    OverlegEvent,
    VoortgangEvent,
)
from .kalender import KalenderToken
from .overleg import Actiepunt, Agendapunt, Besluit, Deelname, Overleg

__all__ = [
    "Actiepunt",
    "ActiepuntEvent",
    "Agendapunt",
    "AgendapuntEvent",
    "Besluit",
    "BesluitEvent",
    "Deelname",
    "Geschil",
    "GeschilEvent",
    "KalenderToken",
    "Ondersteuningsplan",
    "OndersteuningsplanEvent",
    "Ontwikkeldoel",
    "OntwikkeldoelEvent",
    "Overleg",
    "OverlegEvent",
    "Voortgang",
    "VoortgangEvent",
    "inspectie_uiterlijk",
]

# --- part oogo-pdf: who was sent the agenda / minutes ---
from .verzending import Verzending  # noqa: E402

__all__ += ["Verzending"]
# --- part oogo-cijfers: the data pack per meeting and gemeente ---
from .datapakket import Datapakket, DatapakketEvent  # noqa: E402

__all__ += ["Datapakket", "DatapakketEvent"]
# --- part oogo-documenten: documents with an agenda item ---
from .document import AgendapuntDocument, AgendapuntDocumentEvent  # noqa: E402

__all__ += ["AgendapuntDocument", "AgendapuntDocumentEvent"]
