"""The data pack page of a meeting (issue 13, "Figures on the table"): per gemeente the frozen figures, or
before the agenda is sent a live preview marked as provisional. Aggregates only; the charts are drawn by
static/js/datapakket.js from json_script data, the same figures are in the tables (screen readers)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from swv.core.access import get_for_user
from swv.core.http import AuthenticatedHttpRequest

from .datapakket import peildatum_voor, samenstellen
from .models import Datapakket, Overleg
from .workflow import OverlegStatus


def _met_grafiek_ids(inhoud: dict[str, Any], gemeente_id: int) -> dict[str, Any]:
    """A copy of the pack with an element id per chart (for json_script and the canvas)."""
    secties = [
        {
            **sectie,
            "grafiek_id": f"datapakket-{gemeente_id}-{sectie['sleutel']}",
            "grafiek_data_id": f"datapakket-{gemeente_id}-{sectie['sleutel']}-data",
        }
        for sectie in inhoud["secties"]
    ]
    return {**inhoud, "secties": secties}


@login_required
@require_http_methods(["GET"])
def datapakket(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    overleg = get_for_user(Overleg.objects.select_related("swv"), request.user, pk)
    # One rule (oogo/querysets.py, decision 62): SWV roles every gemeente, a bestuurder only their own.
    gemeenten = list(Datapakket.objects.gemeenten_zichtbaar(request.user, overleg))
    gekozen = request.GET.get("gemeente", "")
    if gekozen:
        gemeenten = [g for g in gemeenten if str(g.pk) == gekozen]
        if not gemeenten:
            raise Http404  # another gemeente's pack, or none of this meeting: as if it did not exist
    bevroren = {
        p.gemeente_id: p
        for p in Datapakket.objects.visible_to(request.user).filter(
            overleg=overleg, gemeente__in=[g.pk for g in gemeenten]
        )
    }
    peildatum = peildatum_voor(overleg)
    pakketten = []
    for gemeente in gemeenten:
        pakket = bevroren.get(gemeente.pk)
        inhoud = pakket.inhoud if pakket is not None else samenstellen(overleg, gemeente, peildatum)
        pakketten.append(
            {"gemeente": gemeente, "pakket": pakket, "inhoud": _met_grafiek_ids(inhoud, gemeente.pk)}
        )
    return render(
        request,
        "oogo/datapakket.html",
        {
            "overleg": overleg,
            "pakketten": pakketten,
            "alle_gemeenten": len(pakketten) > 1 or not gekozen,
            # --- part oogo-afwerking: the button "Cijfers opnieuw vastleggen" ---
            "mag_vastleggen": request.user.has_perm("oogo.wijzigen")
            and overleg.status not in (OverlegStatus.GEHOUDEN, OverlegStatus.GEANNULEERD),
        },
    )


# --- part oogo-afwerking ---
@login_required
@require_POST
def datapakket_vastleggen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Cijfers opnieuw vastleggen": freeze today's figures again before the meeting (the coordinator)."""
    from .services_datapakket import datapakketten_opnieuw_vastleggen

    overleg = get_for_user(
        Overleg.objects.all(),
        request.user,
        pk,
        write=True,
        may_write=lambda user: user.has_perm("oogo.wijzigen"),
    )
    try:
        pakketten = datapakketten_opnieuw_vastleggen(overleg=overleg, by=request.user)
    except ValidationError as fout:
        for tekst in fout.messages:
            messages.error(request, tekst)
    else:
        messages.success(
            request,
            _("De cijfers zijn opnieuw vastgelegd voor %(aantal)s gemeente(n).") % {"aantal": len(pakketten)},
        )
    return redirect("oogo:datapakket", overleg.pk)
