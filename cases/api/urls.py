"""Routes of the cases API, mounted under /api/v1/ by swv/api_urls.py. No trailing slash (API-48).

Each part (leerlingen; casussen and aanmeldingen; team and toestemming; plan, acties, evaluaties and taken) registers
its own routes in its own module, so the parts can grow side by side.
"""

from rest_framework.routers import SimpleRouter

from . import casussen, leerlingen, plan, team

router = SimpleRouter(trailing_slash=False, use_regex_path=False)
for deel in (leerlingen, casussen, team, plan):
    deel.register(router)

urlpatterns = (
    leerlingen.urlpatterns + casussen.urlpatterns + team.urlpatterns + plan.urlpatterns + router.urls
)

# --- issue 10, part capi: actions and evaluations (cases/api/acties.py) ---
from . import acties  # noqa: E402 - appended block, so the parts above stay as they are

urlpatterns = urlpatterns + acties.urlpatterns
# --- issue 11, part arrangementen en documenten ---
from . import arrangementen_documenten  # noqa: E402

urlpatterns = [*arrangementen_documenten.urlpatterns, *urlpatterns]
# --- issue 11, part TLV ---
from . import tlv  # noqa: E402 - the append-only block of this part

urlpatterns += tlv.urlpatterns
# --- issue 11, part betrokkenheid ---
from . import betrokkenheid  # noqa: E402

urlpatterns += betrokkenheid.urlpatterns
