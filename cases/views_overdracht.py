"""Pages of overdracht (issue 11): offer a case, the list of handovers, accept or refuse.

Offering needs the right to change the case (`get_casus_for_user(write=True)`: a school that only reads
a case it handed over gets 403). A handover row is found through `Overdracht.objects.visible_to` (404
for everyone else); deciding is for the receiving school only (403 for the sender side that sees it).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN
from swv.core.pages import submit_form

from . import services_overdracht as services
from .forms_overdracht import AccepterenForm, OverdrachtForm, TerugkeerForm, WeigerenForm
from .models import Overdracht
from .selectors import get_casus_for_user


@login_required
def overdragen(request: HttpRequest, pk: int) -> HttpResponse:
    casus = get_casus_for_user(request.user, pk, write=True, request=request, gelezen="overdracht")
    form = OverdrachtForm(request.POST or None)
    if done := submit_form(
        request,
        form,
        lambda: services.overdracht_aanbieden(casus=casus, by=request.user, **form.cleaned_data),
        message=_("De overdracht is aangeboden."),
        redirect_to="cases:overdrachten",
    ):
        return done
    return render(
        request,
        "cases/overdracht/formulier.html",
        {"casus": casus, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def overdrachten(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("cases.casus_wijzigen"):
        raise PermissionDenied
    lidmaatschap = lidmaatschap_van(request.user)
    rijen = list(
        Overdracht.objects.visible_to(request.user)
        .select_related("casus__leerling", "van_school", "naar_school")
        .order_by("-aangeboden_op", "-pk")[:200]
    )
    eigen = lidmaatschap.organisatie_id if lidmaatschap else None
    return render(
        request,
        "cases/overdracht/lijst.html",
        {
            "ontvangen": [r for r in rijen if r.naar_school_id == eigen],
            "verzonden": [r for r in rijen if r.naar_school_id != eigen],
        },
    )


def _voor_ontvanger(request, pk: int) -> Overdracht:
    overdracht = (
        Overdracht.objects.visible_to(request.user)
        .select_related("casus__leerling", "van_school")
        .filter(pk=pk)
        .first()
    )
    if overdracht is None:
        raise Http404
    lidmaatschap = lidmaatschap_van(request.user)
    if (
        lidmaatschap is None
        or lidmaatschap.rol not in SCHOOL_ROLLEN
        or lidmaatschap.organisatie_id != overdracht.naar_school_id
    ):
        raise PermissionDenied
    return overdracht


@login_required
def accepteren(request: HttpRequest, pk: int) -> HttpResponse:
    overdracht = _voor_ontvanger(request, pk)
    form = AccepterenForm(request.POST if request.method == "POST" else None)
    if done := submit_form(
        request,
        form,
        lambda: services.overdracht_accepteren(overdracht=overdracht, by=request.user),
        message=_("De overdracht is geaccepteerd."),
        redirect_to="cases:overdrachten",
    ):
        return done
    return render(
        request,
        "cases/overdracht/beslissen.html",
        {
            "overdracht": overdracht,
            "form": form,
            "titel": _("Overdracht accepteren"),
            "knop": _("Accepteren"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def weigeren(request: HttpRequest, pk: int) -> HttpResponse:
    overdracht = _voor_ontvanger(request, pk)
    form = WeigerenForm(request.POST or None)
    if done := submit_form(
        request,
        form,
        lambda: services.overdracht_weigeren(
            overdracht=overdracht, by=request.user, reden=form.cleaned_data["reden_weigering"]
        ),
        message=_("De overdracht is geweigerd."),
        redirect_to="cases:overdrachten",
    ):
        return done
    return render(
        request,
        "cases/overdracht/beslissen.html",
        {"overdracht": overdracht, "form": form, "titel": _("Overdracht weigeren"), "knop": _("Weigeren")},
        status=400 if form.errors else 200,
    )


@login_required
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier of the chosen parts as PDF, for the sender side (the case's school or the SWV) only:
    404 for everyone else, the receiving school included (it gets the case itself on acceptance)."""
    import logging

    from swv.audit.models import AuditEvent
    from swv.audit.services import audit_log

    from .pdf import PdfNietBeschikbaar
    from .pdf_overdracht import dossier_als_pdf

    overdracht = (
        Overdracht.objects.visible_to(request.user)
        .select_related("casus__leerling", "van_school", "naar_school")
        .filter(pk=pk)
        .first()
    )
    lidmaatschap = lidmaatschap_van(request.user)
    if (
        overdracht is None
        or lidmaatschap is None
        or lidmaatschap.swv_id != overdracht.swv_id
        or not request.user.has_perm("cases.casus_wijzigen")
        or (lidmaatschap.rol in SCHOOL_ROLLEN and lidmaatschap.organisatie_id != overdracht.van_school_id)
    ):
        raise Http404
    try:
        inhoud = dossier_als_pdf(overdracht)
    except PdfNietBeschikbaar:
        logging.getLogger(__name__).exception("pdf niet beschikbaar", extra={"overdracht_id": overdracht.pk})
        return HttpResponse(
            _("De PDF kan op deze server niet worden gemaakt: de opmaakbibliotheek (Pango) ontbreekt."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    audit_log(
        request=request,
        action=AuditEvent.Action.EXPORT,
        obj=overdracht,
        leerling=overdracht.casus.leerling,
        reason="overdrachtsdossier als pdf",
    )
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="overdracht-{overdracht.pk}.pdf"'
    return response


@login_required
def terugkeer(request: HttpRequest, pk: int) -> HttpResponse:
    """Offer the return after a temporary GGZ placement to the school of origin. For whoever may offer the
    case (the GGZ school that has it now, or the SWV: the service decides, 403 otherwise); 404 for a
    placement the user does not see."""
    plaatsing = (
        Overdracht.objects.visible_to(request.user)
        .select_related("casus__leerling", "van_school", "terug_naar")
        .filter(pk=pk)
        .first()
    )
    if plaatsing is None:
        raise Http404
    form = TerugkeerForm(request.POST or None)
    if done := submit_form(
        request,
        form,
        lambda: services.ggz_terugkeer_aanbieden(
            plaatsing=plaatsing, by=request.user, toelichting=form.cleaned_data["toelichting"]
        ),
        message=_("De terugkeer naar de school van herkomst is aangeboden."),
        redirect_to="cases:overdrachten",
    ):
        return done
    return render(
        request,
        "cases/overdracht/beslissen.html",
        {
            "overdracht": plaatsing,
            "form": form,
            "titel": _("Terugkeer naar %(school)s aanbieden") % {"school": plaatsing.terug_naar.naam}
            if plaatsing.terug_naar
            else _("Terugkeer aanbieden"),
            "knop": _("Terugkeer aanbieden"),
        },
        status=400 if form.errors else 200,
    )
