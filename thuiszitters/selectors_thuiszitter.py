"""Reading thuiszitter registrations (issue 12, part thuiszitter): the list with those over 3 months first,
one registration for a user, and its history.

"Longer than 3 months at home" (Thuiszitterspact 2016) is defined once here, `drie_maanden_voor(op)`: at
home since that date or earlier. Pages and API order by it; the list shows the days-at-home counter.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import dateformat, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from swv.core.access import AuditRead, get_for_user

from .models import Thuiszitter, ThuiszitterEvent
from .services_thuiszitter import mag_schrijven

# Thuiszitterspact: no child longer than three months at home without a fitting offer.
GRENS_MAANDEN = 3


def drie_maanden_voor(op: datetime.date) -> datetime.date:
    """The day three calendar months before `op` (the last day of that month when it is shorter)."""
    maand = op.month - GRENS_MAANDEN
    jaar = op.year
    if maand < 1:
        maand += 12
        jaar -= 1
    return datetime.date(jaar, maand, min(op.day, calendar.monthrange(jaar, maand)[1]))


def met_volgorde(qs: QuerySet, op: datetime.date | None = None) -> QuerySet:
    """Open registrations at home 3 months or longer first, then the other open ones, then the ended ones;
    within each group the longest at home first."""
    op = op or timezone.localdate()
    return qs.annotate(
        langer_dan_3_maanden=Case(
            When(Q(einddatum__isnull=True, startdatum__lte=drie_maanden_voor(op)), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        is_open=Case(
            When(einddatum__isnull=True, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    ).order_by("-langer_dan_3_maanden", "-is_open", "startdatum", "pk")


def thuiszitters_lijst(
    user,
    *,
    gemeente: int | None = None,
    school: int | None = None,
    soort: str = "",
    status: str = "",
) -> QuerySet:
    """The registrations the user sees (the one rule), filtered, in the list's order."""
    qs = Thuiszitter.objects.visible_to(user).select_related("leerling", "school", "gemeente")
    if gemeente:
        qs = qs.filter(gemeente_id=gemeente)
    if school:
        qs = qs.filter(school_id=school)
    if soort:
        qs = qs.filter(soort=soort)
    if status == "open":
        qs = qs.filter(einddatum__isnull=True)
    elif status == "beeindigd":
        qs = qs.filter(einddatum__isnull=False)
    return met_volgorde(qs)


def get_thuiszitter_for_user(user, pk: int, *, write: bool = False, request=None, gelezen: str = ""):
    """The registration `pk` if the user sees it (404 otherwise); with write=True, 403 for a role that only
    reads (a school). The read is audited with the pupil, refusals of existing rows too."""
    return get_for_user(
        Thuiszitter.objects.select_related("leerling", "school", "gemeente", "casus", "geregistreerd_door"),
        user,
        pk,
        write=write,
        may_write=lambda u: mag_schrijven(u),
        request=request,
        audit=AuditRead(reason=gelezen or "thuiszitter", pupil=lambda t: t.leerling, log_denials=True),
    )


@dataclass
class Wijziging:
    op: datetime.datetime
    wie: str
    soort: str  # create / update
    velden: list[tuple[str, str, str]]  # (label, before, after)


_VERBORGEN = {"id", "swv", "leerling", "geregistreerd_door", "geregistreerd_op"}


def _toon(thuiszitter_veld, waarde) -> str:
    if waarde in (None, "", []):
        return "–"
    if thuiszitter_veld.choices:
        return str(dict(thuiszitter_veld.flatchoices).get(waarde, waarde))
    if isinstance(waarde, list):
        keuzes = dict(thuiszitter_veld.base_field.flatchoices)
        return ", ".join(str(keuzes.get(w, w)) for w in waarde)
    if isinstance(waarde, datetime.date):
        return dateformat.format(waarde, "j-n-Y")  # as the pages show dates
    return str(waarde)


def historie(thuiszitter: Thuiszitter) -> list[Wijziging]:
    """The write history of one registration (pghistory), oldest first: who changed what. Two queries."""
    from swv.core.models import ApiClient, User

    events = list(
        ThuiszitterEvent.objects.filter(pgh_obj_id=thuiszitter.pk)
        .select_related("pgh_context")
        .order_by("pgh_created_at", "pgh_id")
    )
    users: dict[int, str] = {}
    clients: dict[int, str] = {}
    metadata = [(e.pgh_context.metadata if e.pgh_context else {}) for e in events]
    user_ids = {m.get("user") for m in metadata if m.get("user")}
    client_ids = {m.get("api_client") for m in metadata if m.get("api_client")}
    if user_ids:
        users = {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=user_ids)}
    if client_ids:
        clients = {
            c.pk: _("API-client %(naam)s") % {"naam": c.naam}
            for c in ApiClient.objects.filter(pk__in=client_ids)
        }
    velden = [f for f in Thuiszitter._meta.concrete_fields if f.name not in _VERBORGEN]
    resultaat: list[Wijziging] = []
    vorige: Any = None
    for event, meta in zip(events, metadata, strict=True):
        if meta.get("user"):
            wie = users.get(meta["user"], _("gebruiker #%(id)s") % {"id": meta["user"]})
        elif meta.get("api_client"):
            wie = clients.get(meta["api_client"], _("API-client"))
        else:
            wie = _("systeem")
        wijzigingen = []
        for veld in velden:
            nu = getattr(event, veld.attname)
            toen = getattr(vorige, veld.attname) if vorige is not None else None
            if vorige is not None and nu == toen:
                continue
            if vorige is None and nu in (None, "", []):
                continue
            if veld.is_relation:
                nu_tekst = str(getattr(event, veld.name) or "–") if nu else "–"
                toen_tekst = "–"
                if vorige is not None and toen:
                    toen_tekst = str(getattr(vorige, veld.name) or "–")
            else:
                nu_tekst = _toon(veld, nu)
                toen_tekst = _toon(veld, toen) if vorige is not None else "–"
            wijzigingen.append((capfirst(str(veld.verbose_name)), toen_tekst, nu_tekst))
        if wijzigingen or vorige is None:
            resultaat.append(Wijziging(event.pgh_created_at, wie, event.pgh_label, wijzigingen))
        vorige = event
    return resultaat
