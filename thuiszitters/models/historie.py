"""Write history (pghistory) of verzuim and thuiszitters, registered with the audit in ThuiszittersConfig.ready().

Absence rows are not tracked one by one: a batch of thousands per school per day would double the table;
the batch itself is audited (who sent how many rows, when) by the service that writes it.
"""

from swv.audit.registry import history_base

from .melding import Verzuimmelding
from .notitie import MeldingNotitie
from .signaal import Signaal
from .thuiszitter import Thuiszitter


class VerzuimmeldingEvent(history_base(Verzuimmelding, "VerzuimmeldingEvent", app_label="thuiszitters")):  # type: ignore[misc]
    pass


class ThuiszitterEvent(history_base(Thuiszitter, "ThuiszitterEvent", app_label="thuiszitters")):  # type: ignore[misc]
    pass


class SignaalEvent(history_base(Signaal, "SignaalEvent", app_label="thuiszitters")):  # type: ignore[misc]
    pass


# issue 12, part paginas: leerplicht's actions and notes on a melding.
class MeldingNotitieEvent(history_base(MeldingNotitie, "MeldingNotitieEvent", app_label="thuiszitters")):  # type: ignore[misc]
    pass
