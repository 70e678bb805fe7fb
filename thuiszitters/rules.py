"""Access predicates of the thuiszitters module (`rules`); its object rules come with the issue that builds it."""

import rules

from swv.core.rules import is_leerplicht, is_school, is_swv

# The module (menu item, landing page).
rules.add_perm("thuiszitters.module", is_swv | is_school | is_leerplicht)
