"""Routes of the partner registry API, mounted under /api/v1/ by swv/api_urls.py.

No trailing slash (NL API Design Rules API-48) and `<int:pk>` path converters, so the routes read the
same here, in the OpenAPI document and in the access matrix (docs/access.md).
"""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=False, use_regex_path=False)
router.register("organisaties", views.OrganisatieViewSet, basename="api-organisatie")
router.register("sleutelfiguren", views.SleutelfiguurViewSet, basename="api-sleutelfiguur")
router.register("afspraken", views.AfspraakViewSet, basename="api-afspraak")
router.register("voorzieningen", views.VoorzieningViewSet, basename="api-voorziening")

urlpatterns = router.urls
