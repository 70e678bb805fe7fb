"""Reads of betrokkenheid (issue 11): the own organisation's list, one row, and the privacy officer's view."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from .models import Betrokkenheid, Betrokkenheidssignaal


def _met_signalen(qs: QuerySet[Betrokkenheid]) -> QuerySet[Betrokkenheid]:
    # The signals with the other organisation and its contact only (no field of the pupil is read).
    return qs.select_related("organisatie", "gebruiker").prefetch_related(
        Prefetch(
            "signalen",
            queryset=Betrokkenheidssignaal.objects.select_related("andere__organisatie").order_by("-pk"),
        )
    )


def mijn_betrokkenheden(user) -> QuerySet[Betrokkenheid]:
    """The involvements of the organisation the user acts for, active first, with their signals."""
    return _met_signalen(Betrokkenheid.objects.visible_to(user)).order_by("beeindigd_op", "-van", "-pk")


def get_betrokkenheid_for_user(user, pk: int) -> Betrokkenheid:
    """One involvement of the user's own organisation; 404 for missing and for anyone else's."""
    rij = Betrokkenheid.objects.visible_to(user).select_related("organisatie").filter(pk=pk).first()
    if rij is None:
        raise Http404
    return rij


def privacy_overzicht(user, *, sleutel: str | None = None) -> QuerySet[Betrokkenheid]:
    """The privacy officer's view of every involvement in the SWV (optionally of one pupil, by key)."""
    qs = Betrokkenheid.objects.voor_privacy_officer(user)
    if sleutel is not None:
        qs = qs.filter(sleutel=sleutel)
    return _met_signalen(qs).order_by("beeindigd_op", "-van", "-pk")
