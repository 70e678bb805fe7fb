"""Reads of the OOGO that more than one caller needs (pages, API)."""

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
