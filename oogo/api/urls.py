"""Routes of the OOGO API, mounted under /api/v1/ by swv/api_urls.py. No trailing slash (API-48)."""

from .views import urlpatterns

__all__ = ["urlpatterns"]
