"""Access predicates of the thuiszitters module (`rules`); its object rules come with the issue that builds it."""

import rules

from swv.core.rules import is_leerplicht, is_school, is_swv

# The module (menu item, landing page).
rules.add_perm("thuiszitters.module", is_swv | is_school | is_leerplicht)

# --- issue 12, part verzuimdata: the school holidays are national data; a platform superuser or a functioneel
# beheerder maintains them (admin, thuiszitters/admin.py), no tenant role. ---
from swv.core.rules import is_beheerder  # noqa: E402 - own block, so the import line above stays as it was

rules.add_perm("thuiszitters.schoolvakanties_beheren", rules.is_superuser | is_beheerder)
