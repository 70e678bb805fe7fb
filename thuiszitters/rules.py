"""Access predicates of the thuiszitters module (`rules`); its object rules come with the issue that builds it."""

import rules

from swv.core.rules import is_leerplicht, is_school, is_swv

# The module (menu item, landing page).
rules.add_perm("thuiszitters.module", is_swv | is_school | is_leerplicht)

# --- Verzuimmonitor (issue 12 "Monitor"): aggregates only, so also the bestuurder/wethouder. Which figures
# each of them gets (their gemeente, with or without schools) is `selectors_monitor.monitor_bereik`.
from swv.core.rules import is_bestuurder  # noqa: E402

rules.add_perm("thuiszitters.monitor", is_swv | is_leerplicht | is_bestuurder)
