"""The OOGO in a calendar (part oogo-ics): one meeting as an .ics download, the personal feed page and the
feed itself (docs/oogo.md "Agenda in your calendar", decision 66)."""

import copy
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from swv.core.access import get_for_user
from swv.core.api.throttling import RedisRateThrottle
from swv.core.http import AuthenticatedHttpRequest
from swv.core.logging import register_secret_path

from . import selectors, services_kalender
from .kalender import kalender
from .models import Overleg

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
# The feed's URL is its key: every log line shows it as /oogo/kalender/***.ics (swv.core.logging).
register_secret_path(r"(/oogo/kalender/)([^/\s\"?]+)(\.ics)")


def _ics_antwoord(inhoud: bytes, *, bestandsnaam: str | None = None) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=ICS_CONTENT_TYPE)
    if bestandsnaam:
        response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def _url_voor(request):
    return lambda overleg: request.build_absolute_uri(reverse("oogo:overleg", args=[overleg.pk]))


@login_required
@require_GET
def overleg_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One meeting as an .ics file, for whoever may open the meeting page (same queryset)."""
    overleg = get_for_user(selectors.overleg_details(request.user), request.user, pk)
    return _ics_antwoord(
        kalender([overleg], url_voor=_url_voor(request)), bestandsnaam=f"overleg-{overleg.pk}.ics"
    )


@login_required
@permission_required("oogo.module", raise_exception=True)
@require_http_methods(["GET", "POST"])
def kalender_pagina(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Whether a feed exists for the acting role; make a new URL (shown once) or revoke it."""
    lidmaatschap = request.lidmaatschap  # type: ignore[attr-defined]  # set by ActingMembershipMiddleware
    nieuwe_url = fout = ""
    ingetrokken = False
    status = 200
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "nieuw":
            nieuw = services_kalender.feed_maken(lidmaatschap=lidmaatschap, by=request.user)
            # Shown in this answer only: not in the session, not in a redirect's URL.
            nieuwe_url = request.build_absolute_uri(
                reverse("oogo:kalender_feed", kwargs={"token": nieuw.plaintext})
            )
        elif actie == "intrekken":
            ingetrokken = services_kalender.feed_intrekken(lidmaatschap=lidmaatschap, by=request.user) > 0
            if not ingetrokken:
                fout, status = _("Er is geen agenda-feed om in te trekken."), 400
        else:
            fout, status = _("Kies 'Nieuwe feed-URL maken' of 'Intrekken'."), 400
    return render(
        request,
        "oogo/kalender.html",
        {
            "feed": services_kalender.actieve_feed(lidmaatschap),
            "nieuwe_url": nieuwe_url,
            "fout": fout,
            "ingetrokken": ingetrokken,
        },
        status=status,
    )


class _FeedThrottle(RedisRateThrottle):
    """The platform's atomic Redis counter (swv.core.api.throttling), one bucket per feed: a calendar
    service (Google, Microsoft) fetches every user's feed from the same few addresses, so a bucket per
    address would let one busy feed block everybody's."""

    scope = "oogo_kalender"

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def get_rate(self) -> str:
        # A calendar fetches every few minutes at most; 120 an hour leaves room for several devices.
        return str(getattr(settings, "OOGO_KALENDER_FEED_RATE", "120/hour"))

    def get_cache_key(self, request, view) -> str:
        return f"throttle_{self.scope}_{self.prefix}"


@require_GET
def kalender_feed(request, token: str) -> HttpResponse:
    """The personal feed: no session (a calendar app cannot log in), the token is the key.

    Unknown, revoked, of an inactive user, of an ended membership or of a role without the OOGO: 404,
    the same answer for each, so a URL says nothing about whose it was or why it stopped.
    """
    prefix = token.partition("-")[0]
    # The bucket's name comes from the URL: only a well-formed prefix names one, the rest share one.
    throttle = _FeedThrottle(prefix if re.fullmatch(r"[0-9a-f]{12}", prefix) else "ongeldig")
    if not throttle.allow_request(request, None):
        response = HttpResponse(_("Te veel verzoeken; probeer het later opnieuw."), status=429)
        response["Retry-After"] = str(int(throttle.wait() or 60))
        return response
    gevonden = services_kalender.token_zoeken(token)
    if gevonden is None:
        raise Http404
    # The feed acts as the token's membership, exactly as a request in that role would: the same rule
    # (oogo/querysets.py) decides which meetings it holds. A copy, so nothing leaks into another request.
    user = copy.copy(gevonden.user)
    user.lidmaatschap = gevonden.lidmaatschap  # type: ignore[attr-defined]  # read by lidmaatschap_van
    if not user.has_perm("oogo.module"):
        raise Http404
    overleggen: list[Overleg] = list(selectors.kalender_overleggen(user))
    services_kalender.gebruik_vastleggen(gevonden)
    naam = _("OOGO – %(swv)s") % {"swv": gevonden.lidmaatschap.swv.naam}
    response = _ics_antwoord(kalender(overleggen, url_voor=_url_voor(request), naam=naam))
    # A calendar service may keep it for a few minutes; no shared cache may (the URL is personal).
    response["Cache-Control"] = "private, max-age=300"
    return response
