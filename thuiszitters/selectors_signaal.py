"""Reads of the signals (issue 12): the user's list, one signal, the items for "Mijn taken".

Everything starts at `Signaal.objects.visible_to(user)` (thuiszitters/querysets.py), which already limits a
person to the signals meant for their kind of role and their school or gemeente.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from swv.core.access import AuditRead, get_for_user
from swv.core.plugins import TaakItem

from .models import Signaal
from .models.signaal import SignaalStatus

# Open first, then seen, then closed; within each by deadline (none last).
VOLGORDE = Case(
    When(status=SignaalStatus.OPEN, then=Value(0)),
    When(status=SignaalStatus.GEZIEN, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def signalen_voor(user, *, regel: str = "", status: str = "") -> QuerySet[Signaal]:
    """The signals `user` sees, open first, by `vervalt_op`; optionally of one rule and/or one status."""
    qs = Signaal.objects.visible_to(user)
    if regel:
        qs = qs.filter(regel=regel)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("leerling", "school").order_by(
        VOLGORDE, "vervalt_op", "pk"
    )  # NULLs sort last in PostgreSQL


def regels_voor(user) -> list[str]:
    """The rules of the signals `user` sees (the filter's choices)."""
    return sorted(set(Signaal.objects.visible_to(user).values_list("regel", flat=True).distinct()))


def get_signaal_for_user(user, pk: int, *, request=None) -> Signaal:
    """One signal the user sees, or 404. The page shows the pupil's name: a read of pupil data (audited)."""
    return get_for_user(
        Signaal.objects.select_related("leerling", "school", "afgehandeld_door"),
        user,
        pk,
        request=request,
        audit=AuditRead(
            reason="verzuimsignaal",
            pupil=lambda signaal: signaal.leerling,
            log_denials=True,
            denied_reason="verzuimsignaal",
        ),
    )


def signalen_als_taken(user) -> list[TaakItem]:
    """The user's signals that are not closed, as items of "Mijn taken" (registered in ThuiszittersConfig).
    The text is the signal's number, its rule's label and description, like "Casus 12: …" of the case tasks
    (no pupil name)."""
    if getattr(user, "is_api_client", False) or not getattr(user, "is_authenticated", False):
        return []
    qs = (
        Signaal.objects.visible_to(user)
        .exclude(status=SignaalStatus.GESLOTEN)
        .only("pk", "regel", "omschrijving", "vervalt_op")
        .order_by("vervalt_op", "pk")
    )
    return [
        TaakItem(
            omschrijving=_("Signaal %(nr)s (%(regel)s): %(omschrijving)s")
            % {"nr": s.pk, "regel": s.get_regel_display(), "omschrijving": s.omschrijving},
            vervalt_op=s.vervalt_op,
            url=reverse("thuiszitters:signaal_detail", args=[s.pk]),
            bron="signalen",
        )
        for s in qs
    ]


# --- issue 12, verzuim-robuust: the start block's bounded read (swv.core.plugins.register_taken_eerste) ---
def signalen_als_taken_eerste(user, n: int) -> tuple[int, list[TaakItem]]:
    """(how many signals `user` has open, the first `n` of them as items): two queries, whatever the count."""
    if getattr(user, "is_api_client", False) or not getattr(user, "is_authenticated", False):
        return 0, []
    qs = Signaal.objects.visible_to(user).exclude(status=SignaalStatus.GESLOTEN)
    eerste = qs.only("pk", "omschrijving", "vervalt_op").order_by("vervalt_op", "pk")[:n]
    return qs.count(), [
        TaakItem(
            omschrijving=_("Signaal %(nr)s: %(omschrijving)s") % {"nr": s.pk, "omschrijving": s.omschrijving},
            vervalt_op=s.vervalt_op,
            url=reverse("thuiszitters:signaal_detail", args=[s.pk]),
            bron="signalen",
        )
        for s in eerste
    ]
