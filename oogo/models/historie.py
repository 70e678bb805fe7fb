"""Write history (pghistory) of the OOGO, registered with the audit in OogoConfig.ready()."""

from swv.audit.registry import history_base

from .agenda import Geschil, Ondersteuningsplan, Ontwikkeldoel, Voortgang
from .overleg import Actiepunt, Agendapunt, Besluit, Overleg


class OverlegEvent(history_base(Overleg, "OverlegEvent", app_label="oogo")):  # type: ignore[misc]
    pass


class AgendapuntEvent(history_base(Agendapunt, "AgendapuntEvent", app_label="oogo")):  # type: ignore[misc]
    pass


class BesluitEvent(history_base(Besluit, "BesluitEvent", app_label="oogo")):  # type: ignore[misc]
    pass


class ActiepuntEvent(history_base(Actiepunt, "ActiepuntEvent", app_label="oogo")):  # type: ignore[misc]
    pass


class OntwikkeldoelEvent(history_base(Ontwikkeldoel, "OntwikkeldoelEvent", app_label="oogo")):  # type: ignore[misc]
    pass


class VoortgangEvent(history_base(Voortgang, "VoortgangEvent", app_label="oogo")):  # type: ignore[misc]
    pass


class OndersteuningsplanEvent(history_base(Ondersteuningsplan, "OndersteuningsplanEvent", app_label="oogo")):  # type: ignore[misc]
    pass


class GeschilEvent(history_base(Geschil, "GeschilEvent", app_label="oogo")):  # type: ignore[misc]
    pass
