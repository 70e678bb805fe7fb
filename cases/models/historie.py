"""Write history (pghistory) of cases, registered with the audit in CasesConfig.ready()."""

from swv.audit.registry import history_base

from .casus import Casus
from .leerling import Inschrijving, Ouder
from .plan import Actie, Evaluatie, Plan
from .team import OtLid, Toestemming


class CasusEvent(history_base(Casus, "CasusEvent", app_label="cases")):  # type: ignore[misc]
    pass


class OtLidEvent(history_base(OtLid, "OtLidEvent", app_label="cases")):  # type: ignore[misc]
    pass


class ToestemmingEvent(history_base(Toestemming, "ToestemmingEvent", app_label="cases")):  # type: ignore[misc]
    pass


class PlanEvent(history_base(Plan, "PlanEvent", app_label="cases")):  # type: ignore[misc]
    pass


class ActieEvent(history_base(Actie, "ActieEvent", app_label="cases")):  # type: ignore[misc]
    pass


class EvaluatieEvent(history_base(Evaluatie, "EvaluatieEvent", app_label="cases")):  # type: ignore[misc]
    pass


class OuderEvent(history_base(Ouder, "OuderEvent", app_label="cases")):  # type: ignore[misc]
    pass


class InschrijvingEvent(history_base(Inschrijving, "InschrijvingEvent", app_label="cases")):  # type: ignore[misc]
    pass


# --- issue 11, part TLV ---
from .tlv import Tlv, TlvAdvies, TlvBezwaar  # noqa: E402 - the append-only block of this part


class TlvEvent(history_base(Tlv, "TlvEvent", app_label="cases")):  # type: ignore[misc]
    pass


class TlvAdviesEvent(history_base(TlvAdvies, "TlvAdviesEvent", app_label="cases")):  # type: ignore[misc]
    pass


class TlvBezwaarEvent(history_base(TlvBezwaar, "TlvBezwaarEvent", app_label="cases")):  # type: ignore[misc]
    pass
