"""Access predicates of the oogo module (`rules`); its object rules come with the issue that builds it."""

import rules

from swv.core.rules import is_bestuurder, is_swv

# The module (menu item, landing page).
rules.add_perm("oogo.module", is_swv | is_bestuurder)
