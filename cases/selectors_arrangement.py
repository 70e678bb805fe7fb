"""Reads of arrangementen (issue 11): a case's arrangementen and the occupancy of voorzieningen they cause."""

from django.db.models import Count, Q

from partners.bezetting import Telling

from .models import Arrangement
from .models.arrangement import BEZET, WACHTEND


def bezetting_per_voorziening(voorziening_ids: list[int]) -> dict[int, Telling]:
    """Places taken (toegekend, gestart) and waiting requests (aangevraagd) per voorziening, in one query.

    Registered with partners.bezetting in CasesConfig.ready(): the dekkend netwerk page counts these without
    importing the cases app. Not scoped to a user: it returns counts only, no case or pupil."""
    rijen = (
        Arrangement.objects.filter(voorziening_id__in=voorziening_ids)
        .values("voorziening_id")
        .annotate(
            bezet=Count("pk", filter=Q(status__in=sorted(BEZET))),
            wachtend=Count("pk", filter=Q(status__in=sorted(WACHTEND))),
        )
    )
    return {r["voorziening_id"]: Telling(bezet=r["bezet"], wachtend=r["wachtend"]) for r in rijen}


def arrangementen_van_casus(casus):
    return list(
        Arrangement.objects.filter(swv_id=casus.swv_id, casus=casus)
        .select_related("voorziening", "voorziening__aanbieder")
        .order_by("status", "-startdatum", "-pk")
    )


def get_arrangement_for_user(user, pk: int) -> Arrangement:
    """The arrangement if the user may see its case, else Http404 (missing and invisible alike)."""
    from django.http import Http404

    arrangement = (
        Arrangement.objects.visible_to(user).select_related("voorziening", "casus").filter(pk=pk).first()
    )
    if arrangement is None:
        raise Http404
    return arrangement
