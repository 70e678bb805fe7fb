"""Reads of the OOGO that more than one caller needs (pages, API)."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import Actiepunt, Agendapunt, Overleg
from .querysets import ActiepuntQuerySet


def overleggen_voor(user) -> QuerySet[Overleg]:
    return Overleg.objects.visible_to(user).prefetch_related("gemeenten").order_by("-begin", "pk")


def overleg_details(user) -> QuerySet[Overleg]:
    """The meeting page's queryset: the agenda (with where each item came from), decisions, people."""
    return Overleg.objects.prefetch_related(
        "gemeenten",
        "deelnames__persoon",
        Prefetch(
            "agendapunten",
            queryset=Agendapunt.objects.select_related("ambitie", "indiener", "overgenomen_van__overleg"),
        ),
        "besluiten__agendapunt",
        "verzendingen__persoon",  # part oogo-pdf: who was sent the agenda / minutes
    )


def opgevolgde_actiepunten(overleg: Overleg) -> QuerySet[Actiepunt]:
    """The actions followed in this meeting: agreed here, or carried here from an earlier one."""
    return (
        (Actiepunt.objects.filter(opgevolgd_in=overleg) | Actiepunt.objects.filter(overleg=overleg))
        .select_related("eigenaar", "overleg")
        .distinct()
        .order_by("deadline", "pk")
    )


def actiepunten_voor(user, *, alleen_te_laat: bool = False) -> ActiepuntQuerySet:
    qs = Actiepunt.objects.visible_to(user).open().select_related("eigenaar", "overleg", "opgevolgd_in")
    if alleen_te_laat:
        qs = qs.te_laat(timezone.localdate())
    return qs.order_by("deadline", "pk")


# --- part oogo-ics: the meetings of a calendar feed ---
# From a year back: the recent past stays in the calendar, older meetings are history, not agenda.
KALENDER_TERUG = datetime.timedelta(days=365)


def kalender_overleggen(user) -> QuerySet[Overleg]:
    """The meetings `user` (acting as one membership) sees, from a year back, with their agenda titles.

    Cancelled ones stay in: STATUS:CANCELLED is what makes a subscribed calendar drop the entry.
    """
    return (
        Overleg.objects.visible_to(user)
        .filter(begin__gte=timezone.now() - KALENDER_TERUG)
        .prefetch_related(Prefetch("agendapunten", queryset=Agendapunt.objects.order_by("volgorde", "pk")))
        .order_by("begin", "pk")
    )


# --- part oogo-documenten ---


def documenten_van(user, punt: Agendapunt) -> tuple[list, list]:
    """The item's own documents, and those of the same item in earlier meetings (carry-over) that the user
    may see, oldest meeting first: ([document], [document with .overleg_titel])."""
    from .models import AgendapuntDocument

    eigen = list(
        AgendapuntDocument.objects.visible_to(user).filter(agendapunt=punt).select_related("geupload_door")
    )
    eerder = [p.pk for p in punt.geschiedenis()]
    vorige = list(
        AgendapuntDocument.objects.visible_to(user)
        .filter(agendapunt_id__in=eerder)
        .select_related("agendapunt__overleg")
        .order_by("agendapunt__overleg__begin", "geupload_op", "pk")
    )
    return eigen, vorige
