"""Pages of the plan part (issue 10): the plan per case with its versions, actions, evaluations, the PDF
for the ouders and "mijn taken". Without JavaScript; every write through cases.services_plan."""

import copy
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from swv.core.http import AuthenticatedHttpRequest
from swv.core.pages import submit_form

from . import selectors_plan, services_plan
from .forms_plan import ActieForm, ActieStatusForm, EvaluatieForm, InstemmingForm, PlanForm
from .models import Actie, Casus, Plan
from .rules import mag_casus_wijzigen
from .selectors import get_casus_for_user
from .selectors_plan import alle_taken_voor

logger = logging.getLogger(__name__)


def _casus(request, pk: int, *, write: bool = False, gelezen: str = "") -> Casus:
    casus = get_casus_for_user(request.user, pk, write=write, request=request, gelezen=gelezen, reason="plan")
    # Issue 11, overdracht: a school that handed the case over only reads it (no actions or evaluations).
    from .services_overdracht import alleen_leestoegang

    if request.method == "POST" and alleen_leestoegang(request.user, casus):
        raise PermissionDenied
    return casus


def _versie(request, casus: Casus) -> Plan:
    """The version `?versie=N`, else the concept, else the vastgesteld one (404 when there is none)."""
    qs = Plan.objects.filter(casus=casus)
    if "versie" in request.GET:
        try:
            return get_object_or_404(qs, versie=int(request.GET["versie"]))
        except ValueError:
            raise Http404 from None
    plan = qs.exclude(status=Plan.Status.VERVANGEN).order_by("-versie").first()
    if plan is None:
        raise Http404
    return plan


def _plan_context(request, casus: Casus, **extra) -> dict:
    versies = list(Plan.objects.filter(casus=casus).select_related("vastgesteld_door", "instemming_door"))
    vastgesteld = next((p for p in versies if p.status == Plan.Status.VASTGESTELD), None)
    concept = next((p for p in versies if p.status == Plan.Status.CONCEPT), None)
    mag_wijzigen = mag_casus_wijzigen(request.user) and not casus.is_gesloten
    return {
        "casus": casus,
        "versies": versies,
        "vastgesteld": vastgesteld,
        "concept": concept,
        "mag_wijzigen": mag_wijzigen,
        "form": extra.pop("form", None) or (PlanForm(instance=concept) if concept and mag_wijzigen else None),
        **extra,
    }


@login_required
@require_http_methods(["GET"])
def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The plan of a case: the vastgesteld version, the concept (edit form), versions and instemming."""
    casus = _casus(request, pk, gelezen="planpagina")
    return render(request, "cases/plan_detail.html", _plan_context(request, casus))


@login_required
@require_POST
def plan_concept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Save the concept (optimistic check: someone else's save meanwhile is refused and listed)."""
    casus = _casus(request, pk, write=True)
    concept = Plan.objects.filter(casus=casus, status=Plan.Status.CONCEPT).first()
    if concept is None:
        messages.error(request, _("Er is geen conceptversie; maak eerst een nieuwe versie."))
        return redirect("cases:plan", casus.pk)
    form = PlanForm(request.POST, instance=copy.copy(concept))
    if done := submit_form(
        request,
        form,
        lambda huidig: services_plan.plan_bijwerken(
            plan=huidig, by=request.user, **{k: form.cleaned_data[k] for k in services_plan.PLAN_INHOUD}
        ),
        locked=concept,
        message=_("De conceptversie is opgeslagen."),
        redirect_to=("cases:plan", casus.pk),
    ):
        return done
    return render(request, "cases/plan_detail.html", _plan_context(request, casus, form=form), status=400)


def _post_service(request, casus: Casus, doe, message: str) -> HttpResponse:
    try:
        doe()
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, message)
    return redirect("cases:plan", casus.pk)


@login_required
@require_POST
def plan_nieuw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    casus = _casus(request, pk, write=True)
    return _post_service(
        request,
        casus,
        lambda: services_plan.plan_concept_maken(casus=casus, by=request.user),
        _("Er is een nieuwe conceptversie van het plan gemaakt."),
    )


@login_required
@require_POST
def plan_vaststellen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Vaststellen of the (one) concept of the case."""
    casus = _casus(request, pk, write=True)
    concept = Plan.objects.filter(casus=casus, status=Plan.Status.CONCEPT).first()
    if concept is None:
        messages.error(request, _("Er is geen conceptversie om vast te stellen."))
        return redirect("cases:plan", casus.pk)
    return _post_service(
        request,
        casus,
        lambda: services_plan.plan_vaststellen(plan=concept, by=request.user),
        _("Het plan is vastgesteld."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_instemming(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    casus = _casus(request, pk, write=True)
    plan = _versie(request, casus)
    form = InstemmingForm(request.POST if request.method == "POST" else None, leerling=casus.leerling)
    if done := submit_form(
        request,
        form,
        lambda: services_plan.instemming_vastleggen(plan=plan, by=request.user, **form.cleaned_data),
        message=_("De instemming van de ouders is vastgelegd."),
        redirect_to=("cases:plan", casus.pk),
    ):
        return done
    return render(
        request,
        "cases/plan_formulier.html",
        {
            "casus": casus,
            "form": form,
            "titel": _("Instemming ouders met plan versie %(versie)s") % {"versie": plan.versie},
            "knop": _("Instemming vastleggen"),
            "terug_url": reverse("cases:plan", args=[casus.pk]),
        },
        status=400 if form.errors else 200,
    )


@login_required
def plan_vergelijken(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side, field by field (?a=<versie>&b=<versie>; default: the last two)."""
    casus = _casus(request, pk, gelezen="plan vergelijken")
    versies = list(Plan.objects.filter(casus=casus).order_by("versie"))
    per_nummer = {p.versie: p for p in versies}
    try:
        a = (
            per_nummer[int(request.GET["a"])]
            if "a" in request.GET
            else (versies[-2] if len(versies) > 1 else None)
        )
        b = per_nummer[int(request.GET["b"])] if "b" in request.GET else (versies[-1] if versies else None)
    except (KeyError, ValueError):
        a = b = None
    rijen = selectors_plan.plan_vergelijken(a, b) if a is not None and b is not None else []
    return render(
        request,
        "cases/plan_vergelijken.html",
        {"casus": casus, "versies": versies, "a": a, "b": b, "rijen": rijen},
    )


@login_required
@require_http_methods(["GET", "POST"])
def acties(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The actions of a case; everyone who sees the case (partners in the OT too) may add one."""
    casus = _casus(request, pk, gelezen="acties")
    form = ActieForm(request.POST if request.method == "POST" else None, swv_id=casus.swv_id)
    if done := submit_form(
        request,
        form,
        lambda: services_plan.actie_toevoegen(casus=casus, by=request.user, **form.cleaned_data),
        message=_("De actie is toegevoegd."),
        redirect_to=("cases:acties", casus.pk),
    ):
        return done
    lijst = Actie.objects.filter(casus=casus).select_related(
        "eigenaar_organisatie", "eigenaar_persoon", "plan"
    )
    return render(
        request,
        "cases/plan_acties.html",
        {"casus": casus, "acties": lijst, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def actie_wijzigen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Update an action's status: the SWV and the school on any action of a case they see, a partner only on
    an action of their own organisation (`cases.rules.mag_actie_bijwerken`, the API's rule too)."""
    actie = get_object_or_404(Actie.objects.only("pk", "casus_id"), pk=pk)
    casus = _casus(request, actie.casus_id)
    actie = get_object_or_404(Actie, casus=casus, pk=pk)
    if not request.user.has_perm("cases.actie_bijwerken", actie):
        raise PermissionDenied(_("U mag alleen de status bijwerken van acties van uw eigen organisatie."))
    form = ActieStatusForm(request.POST if request.method == "POST" else None, instance=copy.copy(actie))
    if done := submit_form(
        request,
        form,
        lambda: services_plan.actie_bijwerken(actie=actie, by=request.user, **form.cleaned_data),
        message=_("De actie is bijgewerkt."),
        redirect_to=("cases:acties", casus.pk),
    ):
        return done
    return render(
        request,
        "cases/plan_formulier.html",
        {
            "casus": casus,
            "form": form,
            "titel": _("Actie bijwerken: %(actie)s") % {"actie": actie.omschrijving[:80]},
            "terug_url": reverse("cases:acties", args=[casus.pk]),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluaties(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    casus = _casus(request, pk, gelezen="evaluaties")
    form = EvaluatieForm(request.POST if request.method == "POST" else None)
    if done := submit_form(
        request,
        form,
        lambda: services_plan.evaluatie_vastleggen(casus=casus, by=request.user, **form.cleaned_data),
        message=_("De evaluatie is vastgelegd."),
        redirect_to=("cases:evaluaties", casus.pk),
    ):
        return done
    return render(
        request,
        "cases/plan_evaluaties.html",
        {
            "casus": casus,
            "evaluaties": casus.evaluaties.select_related("plan", "vastgelegd_door"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def plan_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The plan version (`?versie=N`, default the current one) as PDF for the ouders (no BSN printed)."""
    from .pdf import PdfNietBeschikbaar, plan_als_pdf

    casus = _casus(request, pk, gelezen="plan als pdf")
    plan = _versie(request, casus)
    try:
        inhoud = plan_als_pdf(plan)
    except PdfNietBeschikbaar:
        logger.exception("pdf niet beschikbaar", extra={"casus_id": casus.pk})
        return HttpResponse(
            _(
                "De PDF kan op deze server niet worden gemaakt: de opmaakbibliotheek (Pango) ontbreekt. "
                "Meld dit aan de beheerder; de plangegevens staan op de planpagina."
            ),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-casus-{casus.pk}-versie-{plan.versie}.pdf"'
    return response


@login_required
def mijn_taken(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("cases.casussen"):
        raise PermissionDenied
    return render(
        request,
        "cases/plan_taken.html",
        {"taken": alle_taken_voor(request.user), "vandaag": timezone.localdate()},
    )
