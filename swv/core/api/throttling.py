"""Throttles: one bucket per API client, one per logged-in person, one per anonymous IP.

Each partner system has its own bucket (rate `API_THROTTLE_CLIENT`, scope "client"), so one busy or
broken system cannot use up the capacity the others need.

Counting is one atomic Redis operation per request: INCR on a key per bucket and per fixed window
(`<bucket>:<window number>`), with EXPIRE, in one MULTI/EXEC pipeline. DRF's own throttle reads a list
of timestamps, appends in Python and writes it back; parallel requests of one client overwrote each
other's entries, so 1,500 requests in 22 s on 6 connections never saw a 429 at 1,200/minute. INCR is
counted by Redis itself, across threads, processes and hosts.

A fixed window lets a client spend its budget at the end of one window and again at the start of the
next (at most twice the rate over a short stretch); that is the accepted price for one round trip and
no scripts. Retry-After says when the current window ends.

When the cache is unreachable the request proceeds unthrottled and a warning is logged (at most once a
minute per process): an outage of Redis must not turn into an outage of the API (it answered 500 on
every call), and /health already reports Redis as down. After a failure the process does not ask Redis
again for `PAUSE_AFTER_FAILURE` seconds, so an outage does not add a connection attempt (with redis-py's
retries) to every request.
"""

import logging
import math
import time

from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings

from .authentication import is_api_client

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
# Seconds between two "cache unreachable" warnings of one process: one line, not one per request.
WARN_EVERY = 60.0
_last_warning = 0.0
# Seconds a process skips throttling after the cache failed, before it tries Redis again.
PAUSE_AFTER_FAILURE = 5.0
_paused_until = 0.0


def _cache_failed(exc: Exception) -> None:
    global _last_warning, _paused_until
    now = time.monotonic()
    _paused_until = now + PAUSE_AFTER_FAILURE
    if now - _last_warning >= WARN_EVERY:
        _last_warning = now
        logger.warning(
            "API-throttling overgeslagen: de cache (Redis) is niet bereikbaar (%s)", type(exc).__name__
        )


class RedisRateThrottle(throttling.SimpleRateThrottle):
    """A fixed-window counter in the cache, incremented atomically (see the module docstring)."""

    # Set by SimpleRateThrottle.__init__ from the rate (allow_request returns early without one).
    num_requests: int
    duration: int

    def get_rate(self) -> str | None:
        # DRF copies the rates onto the class at import; fall back to the live settings so that a rate
        # table without this scope (an older settings file, a test patching the class) still works.
        scope = self.scope or ""
        rate = self.THROTTLE_RATES.get(scope) or api_settings.DEFAULT_THROTTLE_RATES.get(scope)
        if not rate:
            raise ImproperlyConfigured(f"Geen throttle-rate ingesteld voor '{self.scope}'.")
        return str(rate)

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        if time.monotonic() < _paused_until:
            return True
        now = time.time()
        window = int(now // self.duration)
        try:
            count = self._count(f"{self.key}:{window}")
        except Exception as exc:  # noqa: BLE001 - any cache failure: see the module docstring
            _cache_failed(exc)
            return True
        self._wait = (window + 1) * self.duration - now
        return count <= self.num_requests

    def _count(self, key: str) -> int:
        """Add one to the counter `key` and return it; the key expires shortly after its window."""
        cache = caches[CACHE_ALIAS]
        timeout = self.duration + 1
        get_client = getattr(getattr(cache, "_cache", None), "get_client", None)
        if get_client is None:
            # Not Redis (a local cache in a test or a one-process setup): add + incr are atomic there too.
            cache.add(key, 0, timeout=timeout)
            return cache.incr(key)
        full_key = cache.make_and_validate_key(key)
        pipe = get_client(full_key, write=True).pipeline(transaction=True)
        pipe.incr(full_key)
        pipe.expire(full_key, timeout)
        count, _ = pipe.execute()
        return int(count)

    def wait(self) -> float | None:
        return max(1, math.ceil(getattr(self, "_wait", self.duration)))


class AnonRateThrottle(RedisRateThrottle, throttling.AnonRateThrottle):
    """Anonymous callers, per IP address."""


class GebruikerRateThrottle(RedisRateThrottle, throttling.UserRateThrottle):
    """Per person (or per IP before login), minus API clients: they have their own bucket (and no user pk)."""

    def get_cache_key(self, request, view) -> str | None:
        if is_api_client(request.user):
            return None
        return super().get_cache_key(request, view)


class ApiClientRateThrottle(RedisRateThrottle):
    scope = "client"

    def get_cache_key(self, request, view) -> str | None:
        if not is_api_client(request.user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
