"""Write history (pghistory) of arrangementen and documents (issue 11), registered in CasesConfig.ready()."""

from swv.audit.registry import history_base

from .arrangement import Arrangement
from .document import CasusDocument


class ArrangementEvent(history_base(Arrangement, "ArrangementEvent", app_label="cases")):  # type: ignore[misc]
    pass


class CasusDocumentEvent(history_base(CasusDocument, "CasusDocumentEvent", app_label="cases")):  # type: ignore[misc]
    pass
