"""Routes of the verzuim and thuiszitters API, mounted under /api/v1/ by swv/api_urls.py. No trailing slash."""

from . import absenties

urlpatterns = absenties.urlpatterns
