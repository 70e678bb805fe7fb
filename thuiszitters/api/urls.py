"""Routes of the verzuim and thuiszitters API, mounted under /api/v1/ by swv/api_urls.py. No trailing slash."""

from . import absenties

urlpatterns = absenties.urlpatterns

# --- issue 12, part signalen ---
from . import signalen  # noqa: E402 - the append-only block of this part

urlpatterns = [*urlpatterns, *signalen.urlpatterns]  # type: ignore[list-item]  # a router's mixed list
# --- issue 12, part thuiszitter: registrations ---
from . import thuiszitters  # noqa: E402

urlpatterns = urlpatterns + thuiszitters.urlpatterns
# --- issue 12, part meldingapi: verzuimmeldingen (thuiszitters/api/meldingen.py) ---
from rest_framework.routers import SimpleRouter  # noqa: E402 - the append-only block of this part

from . import meldingen  # noqa: E402

_router_meldingen = SimpleRouter(trailing_slash=False, use_regex_path=False)
meldingen.register(_router_meldingen)
# (A router adds URLPattern objects only; its stubs type them with URLResolver, this list as URLPattern.)
urlpatterns = [*urlpatterns, *_router_meldingen.urls]  # type: ignore[list-item]
