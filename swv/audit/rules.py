"""Who may read the audit trail.

The privacy officer of an SWV is, for now, anyone acting as its SWV-coördinator or functioneel
beheerder (docs/access.md). They see the records of their own SWV only.
"""

import rules

from swv.core.rules import is_beheerder, is_swv_coordinator

is_privacy_officer = is_swv_coordinator | is_beheerder

rules.add_perm("audit.bekijken", is_privacy_officer)
