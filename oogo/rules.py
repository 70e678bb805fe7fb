"""Access predicates of the oogo module (`rules`); its object rules come with the issue that builds it."""

import rules

from swv.core.rules import is_bestuurder, is_swv, is_swv_coordinator

# The module (menu item, landing page).
rules.add_perm("oogo.module", is_swv | is_bestuurder)

# --- issue 13: who changes the OOGO (plans meetings, builds the agenda, records outcomes and actions) ---
# The coordinator; the other SWV roles read, the bestuurder reads the meetings of their own gemeente
# (oogo/querysets.py). API clients change action statuses with the scope oogo:schrijven.
rules.add_perm("oogo.wijzigen", is_swv_coordinator)
