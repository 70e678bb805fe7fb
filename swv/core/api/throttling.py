"""Throttles: one bucket per API client, one per logged-in person, one per anonymous IP.

Each partner system has its own bucket (rate `API_THROTTLE_CLIENT`, scope "client"), so one busy or
broken system cannot use up the capacity the others need.
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from .authentication import is_api_client


class ApiClientRateThrottle(SimpleRateThrottle):
    scope = "client"

    def get_rate(self) -> str:
        # DRF copies the rates onto the class at import; fall back to the live settings so that a rate
        # table without "client" (an older settings file, a test patching the class) still works.
        rate = self.THROTTLE_RATES.get(self.scope) or api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if not rate:
            raise ImproperlyConfigured(f"Geen throttle-rate ingesteld voor '{self.scope}'.")
        return rate

    def get_cache_key(self, request, view) -> str | None:
        if not is_api_client(request.user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class GebruikerRateThrottle(UserRateThrottle):
    """DRF's per-user throttle, minus API clients: they have their own bucket (and no user pk)."""

    def get_cache_key(self, request, view) -> str | None:
        if is_api_client(request.user):
            return None
        return super().get_cache_key(request, view)
