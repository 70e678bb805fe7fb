"""All API routes, under /api/v1/ and without trailing slashes (NL API Design Rules API-48).

Each app mounts its own router here once it has endpoints.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

from swv.core.api import views as core_api
from swv.core.api.docs import ApiDocsView

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("docs", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("ik", core_api.IkView.as_view(), name="api-ik"),
    path("identificatie/controle", core_api.IdentificatieControleView.as_view(), name="api-identificatie"),
    # The partner registry: organisaties, sleutelfiguren, afspraken, voorzieningen.
    path("", include("partners.api.urls")),
    # Pupils and cases: leerlingen, aanmeldingen, casussen, tijdlijn, acties, evaluaties, taken.
    path("", include("cases.api.urls")),
    # Verzuim and thuiszitters: absenties (more follow with issue 12).
    path("", include("thuiszitters.api.urls")),
    # --- issue 13: OOGO overleggen, agendapunten, actiepunten ---
    path("", include("oogo.api.urls")),
]
