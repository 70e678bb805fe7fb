"""Pages of thuiszitter registrations (issue 12, part thuiszitter): the list (over 3 months first, with the
days-at-home counter and filters), register, detail with the history, update, end. Without JavaScript;
writes through thuiszitters.services_thuiszitter, reads through thuiszitters.selectors_thuiszitter.

The list and the register page carry the permission gate; the pages of one registration only the login:
`get_thuiszitter_for_user` answers 404 to whoever does not see it (another gemeente, another school) and 403
to a role that only reads (a school) on a write page.
"""

import copy
from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partners.models import Organisatie
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.http import AuthenticatedHttpRequest
from swv.core.pages import submit_form
from swv.core.tenancy import acting_swv

from . import services_thuiszitter as services
from .forms_thuiszitter import ThuiszitterBeeindigenForm, ThuiszitterBijwerkenForm, ThuiszitterRegistrerenForm
from .models import Thuiszitter
from .models.thuiszitter import RedenCategorie, SoortThuiszitter
from .selectors_thuiszitter import drie_maanden_voor, get_thuiszitter_for_user, historie, thuiszitters_lijst

PAGE_SIZE = 50


def _post(request):
    """The form data of a POST (also an empty one: that is an invalid form, not a GET), else None."""
    return request.POST if request.method == "POST" else None


def _getal(waarde: str | None) -> int | None:
    return int(waarde) if waarde and waarde.isdigit() else None


@login_required
@permission_required("thuiszitters.thuiszitters", raise_exception=True)
@require_http_methods(["GET"])
def thuiszitter_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    gekozen: dict[str, Any] = {
        "gemeente": _getal(request.GET.get("gemeente")),
        "school": _getal(request.GET.get("school")),
        "soort": request.GET.get("soort", "") if request.GET.get("soort") in SoortThuiszitter.values else "",
        "status": request.GET.get("status", "") if request.GET.get("status") in ("open", "beeindigd") else "",
    }
    qs = thuiszitters_lijst(request.user, **gekozen)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="thuiszitters.thuiszitter",
        object_id="lijst",
        reason=f"thuiszitters: pagina {page.number}, {len(page.object_list)} registratie(s)",
    )
    zichtbaar = Thuiszitter.objects.visible_to(request.user)
    query = request.GET.copy()
    query.pop("pagina", None)
    vandaag = timezone.localdate()
    return render(
        request,
        "thuiszitters/thuiszitter_lijst.html",
        {
            "page": page,
            "rijen": [(t, t.dagen_thuis(vandaag)) for t in page.object_list],
            "gemeenten": Organisatie.objects.filter(pk__in=zichtbaar.values("gemeente_id")).order_by("naam"),
            "scholen": Organisatie.objects.filter(pk__in=zichtbaar.values("school_id")).order_by("naam"),
            "soorten": SoortThuiszitter.choices,
            "gekozen": gekozen,
            "querystring": query.urlencode(),
            "grens": drie_maanden_voor(vandaag),
            "mag_registreren": request.user.has_perm("thuiszitters.thuiszitter_registreren"),
        },
    )


@login_required
@permission_required("thuiszitters.thuiszitter_registreren", raise_exception=True)
@require_http_methods(["GET", "POST"])
def thuiszitter_nieuw(request: AuthenticatedHttpRequest) -> HttpResponse:
    swv = acting_swv(request.user)
    initial: dict[str, Any] = {"startdatum": timezone.localdate()}
    if leerling := _getal(request.GET.get("leerling")):
        initial["leerling"] = leerling  # an id, never a BSN; the choices are the visible pupils only
    form = ThuiszitterRegistrerenForm(_post(request), user=request.user, swv=swv, initial=initial)
    if done := submit_form(
        request,
        form,
        lambda: services.thuiszitter_registreren(
            swv=swv,
            by=request.user,
            leerling=form.cleaned_data["leerling"],
            soort=form.cleaned_data["soort"],
            vrijstelling_artikel=form.cleaned_data["vrijstelling_artikel"],
            startdatum=form.cleaned_data["startdatum"],
            school=form.cleaned_data["school"],
            gemeente=form.cleaned_data["gemeente"],
            redenen=form.cleaned_data["redenen"],
            doorzettingsmacht=form.cleaned_data["doorzettingsmacht"],
            doorzettingsmacht_persoon=form.cleaned_data["doorzettingsmacht_persoon"],
            perspectief=form.cleaned_data["perspectief"],
            casus=form.cleaned_data["casus"],
        ),
        message=_("De thuiszitter is geregistreerd."),
        redirect_to=lambda t: ("thuiszitters:thuiszitter_detail", t.pk),
    ):
        return done
    return render(
        request,
        "thuiszitters/thuiszitter_formulier.html",
        {"form": form, "titel": _("Thuiszitter registreren")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def thuiszitter_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thuiszitter = get_thuiszitter_for_user(request.user, pk, request=request, gelezen="thuiszitter-pagina")
    vandaag = timezone.localdate()
    return render(
        request,
        "thuiszitters/thuiszitter_detail.html",
        {
            "t": thuiszitter,
            "dagen": thuiszitter.dagen_thuis(vandaag),
            "langer_dan_3_maanden": thuiszitter.einddatum is None
            and thuiszitter.startdatum <= drie_maanden_voor(vandaag),
            "redenen": [RedenCategorie(r).label for r in thuiszitter.redenen if r in RedenCategorie.values],
            "historie": historie(thuiszitter),
            "mag_wijzigen": thuiszitter.einddatum is None
            and services.mag_schrijven(request.user, thuiszitter),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thuiszitter_bijwerken(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Update; a save against someone else's change meanwhile is refused and listed (swv.core.optimistic)."""
    thuiszitter = get_thuiszitter_for_user(
        request.user, pk, write=True, request=request, gelezen="thuiszitter bijwerken"
    )
    form = ThuiszitterBijwerkenForm(request.POST or None, instance=copy.copy(thuiszitter))
    if thuiszitter.einddatum is not None:
        form.add_error(None, _("Deze registratie is beëindigd en kan niet meer worden gewijzigd."))
    elif done := submit_form(
        request,
        form,
        lambda huidig: services.thuiszitter_bijwerken(
            by=request.user,
            thuiszitter=huidig,
            **{naam: form.cleaned_data[naam] for naam in services.BIJWERKBAAR},
        ),
        locked=thuiszitter,
        message=_("De registratie is bijgewerkt."),
        redirect_to=("thuiszitters:thuiszitter_detail", thuiszitter.pk),
    ):
        return done
    return render(
        request,
        "thuiszitters/thuiszitter_formulier.html",
        {"form": form, "t": thuiszitter, "titel": _("Thuiszitter bijwerken")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def thuiszitter_beeindigen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thuiszitter = get_thuiszitter_for_user(
        request.user, pk, write=True, request=request, gelezen="thuiszitter beëindigen"
    )
    form = ThuiszitterBeeindigenForm(_post(request), initial={"einddatum": timezone.localdate()})
    if thuiszitter.einddatum is not None:
        form.add_error(None, _("Deze registratie is al beëindigd."))
    elif done := submit_form(
        request,
        form,
        lambda: services.thuiszitter_beeindigen(
            by=request.user,
            thuiszitter=thuiszitter,
            einddatum=form.cleaned_data["einddatum"],
            reden_einde=form.cleaned_data["reden_einde"],
        ),
        message=_("De registratie is beëindigd."),
        redirect_to=("thuiszitters:thuiszitter_detail", thuiszitter.pk),
    ):
        return done
    return render(
        request,
        "thuiszitters/thuiszitter_formulier.html",
        {"form": form, "t": thuiszitter, "titel": _("Thuiszitter beëindigen")},
        status=400 if form.errors else 200,
    )
