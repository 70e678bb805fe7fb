"""Routes of the verzuim and thuiszitters API, mounted under /api/v1/ by swv/api_urls.py. No trailing slash."""

from . import absenties

urlpatterns = absenties.urlpatterns

# --- issue 12, part signalen ---
from . import signalen  # noqa: E402 - the append-only block of this part

urlpatterns = [*urlpatterns, *signalen.urlpatterns]  # type: ignore[list-item]  # a router's mixed list
# --- issue 12, part thuiszitter: registrations ---
from . import thuiszitters  # noqa: E402

urlpatterns = urlpatterns + thuiszitters.urlpatterns
