"""Access predicates of the thuiszitters module (`rules`); its object rules come with the issue that builds it."""

import rules

from swv.core.rules import is_leerplicht, is_school, is_swv

# The module (menu item, landing page).
rules.add_perm("thuiszitters.module", is_swv | is_school | is_leerplicht)

# --- issue 12, part signalen ---
# The "Signalen" list: the roles signals are meant for. Which signals, and who may handle one, is the
# visibility rule (`Signaal.objects.visible_to`): whoever sees a signal may acknowledge and close it.
rules.add_perm("thuiszitters.signalen", is_swv | is_school | is_leerplicht)
# --- issue 12, part thuiszitter: registrations (docs/decisions.md 53). Which rows follows from visible_to. ---
# Every module role reads the registrations it sees (SWV all, school its own school's, leerplicht its gemeente's).
rules.add_perm("thuiszitters.thuiszitters", is_swv | is_school | is_leerplicht)
# The SWV and leerplicht register, update and end (leerplicht only for its own gemeente: the service checks it
# and the read rule hides the others); a school reports verzuim instead and reads.
rules.add_perm("thuiszitters.thuiszitter_registreren", is_swv | is_leerplicht)
# --- issue 12, part paginas: verzuimmeldingen and absence pages. Which rows follows from visible_to. ---
# Every module role reads the meldingen it sees (SWV all, school its own, leerplicht its woongemeente).
rules.add_perm("thuiszitters.meldingen", is_swv | is_school | is_leerplicht)
# A school reports verzuim, withdraws its melding and enters or uploads absence (services check the school).
rules.add_perm("thuiszitters.melden", is_school)
rules.add_perm("thuiszitters.absentie_invoeren", is_school)
# The leerplichtambtenaar of the pupil's woongemeente handles a melding (Leerplichtwet art. 22).
rules.add_perm("thuiszitters.melding_behandelen", is_leerplicht)
# --- issue 12, part verzuimdata: the school holidays are national data; a platform superuser or a functioneel
# beheerder maintains them (admin, thuiszitters/admin.py), no tenant role. ---
from swv.core.rules import is_beheerder  # noqa: E402 - own block, so the import line above stays as it was

rules.add_perm("thuiszitters.schoolvakanties_beheren", rules.is_superuser | is_beheerder)
# --- Verzuimmonitor (issue 12 "Monitor"): aggregates only, so also the bestuurder/wethouder. Which figures
# each of them gets (their gemeente, with or without schools) is `selectors_monitor.monitor_bereik`.
from swv.core.rules import is_bestuurder  # noqa: E402

rules.add_perm("thuiszitters.monitor", is_swv | is_leerplicht | is_bestuurder)
