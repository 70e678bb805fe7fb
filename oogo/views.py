"""Pages of the OOGO (issue 13): the coordinator plans meetings, builds the agenda, records outcomes,
decisions and actions and follows the actions; the other SWV roles and the bestuurder (own gemeente) read.
Without JavaScript; every write through oogo.services."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from swv.core.access import get_for_user
from swv.core.http import AuthenticatedHttpRequest
from swv.core.pages import submit_form
from swv.core.tenancy import acting_swv_id

from . import selectors, services
from .forms import (
    ActiepuntForm,
    ActiepuntStatusForm,
    AgendapuntForm,
    AgendapuntStatusForm,
    BesluitForm,
    OverlegForm,
    OverlegStatusForm,
)
from .models import Actiepunt, Agendapunt, Geschil, Overleg
from .workflow import OVERLEG_OVERGANGEN


def _mag_wijzigen(user) -> bool:
    return user.has_perm("oogo.wijzigen")


@login_required
@permission_required("oogo.module", raise_exception=True)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The meetings the user may see, coming first, then the ones held."""
    vandaag = timezone.localdate()
    overleggen = list(selectors.overleggen_voor(request.user))
    nu = timezone.now()
    return render(
        request,
        "oogo/index.html",
        {
            "komend": [o for o in reversed(overleggen) if o.einde >= nu],
            "eerder": [o for o in overleggen if o.einde < nu],
            "te_laat": selectors.actiepunten_voor(request.user).te_laat(vandaag).count(),
            "mag_wijzigen": _mag_wijzigen(request.user),
        },
    )


@login_required
@permission_required("oogo.wijzigen", raise_exception=True)
@require_http_methods(["GET", "POST"])
def overleg_nieuw(request: AuthenticatedHttpRequest) -> HttpResponse:
    swv_id = acting_swv_id(request.user)
    assert swv_id is not None  # the permission needs a membership
    form = OverlegForm(request.POST or None, swv_id=swv_id)
    if done := submit_form(
        request,
        form,
        lambda: services.overleg_plannen(
            swv=swv_id,
            by=request.user,
            gemeenten=form.cleaned_data["gemeenten"],
            genodigden=form.cleaned_data["genodigden"],
            **{k: form.cleaned_data[k] for k in ("soort", "titel", "begin", "einde", "locatie", "videolink")},
        ),
        message=_("Het overleg is gepland."),
        redirect_to=lambda overleg: ("oogo:overleg", overleg.pk),
    ):
        return done
    return render(
        request,
        "oogo/formulier.html",
        {"form": form, "titel": _("Overleg plannen"), "knop": _("Overleg plannen"), "terug_url": "/oogo/"},
        status=400 if form.errors else 200,
    )


def _overleg_context(request, overleg: Overleg, **forms) -> dict:
    mag = _mag_wijzigen(request.user)
    context = {
        "overleg": overleg,
        "actiepunten": selectors.opgevolgde_actiepunten(overleg),
        "mag_wijzigen": mag,
        "vandaag": timezone.localdate(),
        # Held or cancelled: no new items and no next status, so their forms are not shown.
        "overleg_open": bool(OVERLEG_OVERGANGEN.get(overleg.status)),
    }
    if mag:
        context.update(
            agendapunt_form=forms.get("agendapunt_form") or AgendapuntForm(swv_id=overleg.swv_id),
            besluit_form=forms.get("besluit_form") or BesluitForm(overleg=overleg),
            actiepunt_form=forms.get("actiepunt_form") or ActiepuntForm(overleg=overleg),
            status_form=forms.get("status_form") or OverlegStatusForm(huidige=overleg.status),
        )
    return context


@login_required
@require_http_methods(["GET"])
def overleg(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = get_for_user(selectors.overleg_details(request.user), request.user, pk)
    return render(request, "oogo/overleg.html", _overleg_context(request, obj))


def _overleg_schrijven(request, pk: int) -> Overleg:
    return get_for_user(
        selectors.overleg_details(request.user), request.user, pk, write=True, may_write=_mag_wijzigen
    )


@login_required
@require_POST
def agendapunt_toevoegen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _overleg_schrijven(request, pk)
    form = AgendapuntForm(request.POST, swv_id=obj.swv_id)
    if done := submit_form(
        request,
        form,
        lambda: services.agendapunt_toevoegen(overleg=obj, by=request.user, **form.cleaned_data),
        message=_("Het agendapunt is toegevoegd."),
        redirect_to=("oogo:overleg", obj.pk),
    ):
        return done
    return render(
        request, "oogo/overleg.html", _overleg_context(request, obj, agendapunt_form=form), status=400
    )


@login_required
@require_POST
def besluit_toevoegen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _overleg_schrijven(request, pk)
    form = BesluitForm(request.POST, overleg=obj)
    if done := submit_form(
        request,
        form,
        lambda: services.besluit_vastleggen(overleg=obj, by=request.user, **form.cleaned_data),
        message=_("Het besluit is vastgelegd."),
        redirect_to=("oogo:overleg", obj.pk),
    ):
        return done
    return render(request, "oogo/overleg.html", _overleg_context(request, obj, besluit_form=form), status=400)


@login_required
@require_POST
def actiepunt_toevoegen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _overleg_schrijven(request, pk)
    form = ActiepuntForm(request.POST, overleg=obj)
    if done := submit_form(
        request,
        form,
        lambda: services.actiepunt_toevoegen(overleg=obj, by=request.user, **form.cleaned_data),
        message=_("Het actiepunt is toegevoegd."),
        redirect_to=("oogo:overleg", obj.pk),
    ):
        return done
    return render(
        request, "oogo/overleg.html", _overleg_context(request, obj, actiepunt_form=form), status=400
    )


@login_required
@require_POST
def overleg_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _overleg_schrijven(request, pk)
    form = OverlegStatusForm(request.POST)
    if done := submit_form(
        request,
        form,
        lambda: services.overleg_status_zetten(
            overleg=obj, by=request.user, status=form.cleaned_data["status"]
        ),
        message=_("De status van het overleg is bijgewerkt."),
        redirect_to=("oogo:overleg", obj.pk),
    ):
        return done
    return render(request, "oogo/overleg.html", _overleg_context(request, obj, status_form=form), status=400)


def _agendapunt_pagina(
    request, punt: Agendapunt, form, status: int = 200, document_form=None
) -> HttpResponse:
    from .views_agendapunt_documenten import documenten_context  # part oogo-documenten

    return render(
        request,
        "oogo/agendapunt.html",
        {
            "punt": punt,
            "form": form,
            "mag_wijzigen": _mag_wijzigen(request.user),
            **documenten_context(request, punt, document_form),
            # Only a geschil this user may open (a wethouder: their own gemeente's), else the link 404s.
            "geschil": Geschil.objects.visible_to(request.user).filter(agendapunt=punt).first(),
        },
        status=status,
    )


_AGENDAPUNTEN = Agendapunt.objects.select_related(
    "overleg", "ambitie", "indiener", "overgenomen_van__overleg"
)


@login_required
@require_http_methods(["GET"])
def agendapunt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One agenda item with its history in earlier meetings; the coordinator records its outcome."""
    punt = get_for_user(_AGENDAPUNTEN, request.user, pk)
    return _agendapunt_pagina(
        request, punt, AgendapuntStatusForm(initial={"status": punt.status, "uitkomst": punt.uitkomst})
    )


@login_required
@require_POST
def agendapunt_uitkomst(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    punt = get_for_user(_AGENDAPUNTEN, request.user, pk, write=True, may_write=_mag_wijzigen)
    form = AgendapuntStatusForm(request.POST)
    if done := submit_form(
        request,
        form,
        lambda: services.agendapunt_status_zetten(agendapunt=punt, by=request.user, **form.cleaned_data),
        message=_("Het agendapunt is bijgewerkt."),
        redirect_to=("oogo:overleg", punt.overleg_id),
    ):
        return done
    return _agendapunt_pagina(request, punt, form, status=400)


@login_required
@permission_required("oogo.module", raise_exception=True)
def actiepunten(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The open actions, the overdue ones marked; `?te_laat=1` shows only those."""
    alleen_te_laat = request.GET.get("te_laat") == "1"
    return render(
        request,
        "oogo/actiepunten.html",
        {
            "actiepunten": selectors.actiepunten_voor(request.user, alleen_te_laat=alleen_te_laat),
            "alleen_te_laat": alleen_te_laat,
            "vandaag": timezone.localdate(),
        },
    )


_ACTIEPUNTEN = Actiepunt.objects.select_related("overleg", "eigenaar", "opgevolgd_in")


def _actiepunt_pagina(request, actie: Actiepunt, form, status: int = 200) -> HttpResponse:
    return render(
        request,
        "oogo/actiepunt.html",
        {"actie": actie, "form": form, "mag_wijzigen": _mag_wijzigen(request.user)},
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def actiepunt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    actie = get_for_user(_ACTIEPUNTEN, request.user, pk)
    return _actiepunt_pagina(
        request,
        actie,
        ActiepuntStatusForm(initial={"status": actie.status, "toelichting": actie.toelichting}),
    )


@login_required
@require_POST
def actiepunt_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    actie = get_for_user(_ACTIEPUNTEN, request.user, pk, write=True, may_write=_mag_wijzigen)
    form = ActiepuntStatusForm(request.POST)
    if done := submit_form(
        request,
        form,
        lambda: services.actiepunt_status_zetten(actiepunt=actie, by=request.user, **form.cleaned_data),
        message=_("Het actiepunt is bijgewerkt."),
        redirect_to="oogo:actiepunten",
    ):
        return done
    return _actiepunt_pagina(request, actie, form, status=400)
