"""Write history (pghistory) of the partner registry, registered with the audit in PartnersConfig.ready().

No pupil data, but who changed a contact, an agreement or a provision's capacity matters to the SWV.
AfspraakHerinnering is a log itself and is not tracked. app_label "audit": these tables (audit_*event),
their triggers and migrations predate the registry and stay where they are (docs/decisions.md 21).
"""

from swv.audit.registry import history_base

from .afspraken import Afspraak
from .organisatie import Jeugdzorgregio, Organisatie, SchoolSwv
from .personen import Persoon, Sleutelfiguur
from .voorzieningen import Voorziening


class TrackedOrganisatie(Organisatie):
    class Meta:
        proxy = True
        app_label = "audit"


class TrackedJeugdzorgregio(Jeugdzorgregio):
    class Meta:
        proxy = True
        app_label = "audit"


class TrackedSchoolSwv(SchoolSwv):
    class Meta:
        proxy = True
        app_label = "audit"


class TrackedPersoon(Persoon):
    class Meta:
        proxy = True
        app_label = "audit"


class TrackedSleutelfiguur(Sleutelfiguur):
    class Meta:
        proxy = True
        app_label = "audit"


class TrackedAfspraak(Afspraak):
    class Meta:
        proxy = True
        app_label = "audit"


class TrackedVoorziening(Voorziening):
    class Meta:
        proxy = True
        app_label = "audit"


class OrganisatieEvent(history_base(TrackedOrganisatie, "OrganisatieEvent", app_label="audit")):  # type: ignore[misc]
    pass


class JeugdzorgregioEvent(history_base(TrackedJeugdzorgregio, "JeugdzorgregioEvent", app_label="audit")):  # type: ignore[misc]
    pass


class SchoolSwvEvent(history_base(TrackedSchoolSwv, "SchoolSwvEvent", app_label="audit")):  # type: ignore[misc]
    pass


class PersoonEvent(history_base(TrackedPersoon, "PersoonEvent", app_label="audit")):  # type: ignore[misc]
    pass


class SleutelfiguurEvent(history_base(TrackedSleutelfiguur, "SleutelfiguurEvent", app_label="audit")):  # type: ignore[misc]
    pass


class AfspraakEvent(history_base(TrackedAfspraak, "AfspraakEvent", app_label="audit")):  # type: ignore[misc]
    pass


class VoorzieningEvent(history_base(TrackedVoorziening, "VoorzieningEvent", app_label="audit")):  # type: ignore[misc]
    pass
