"""The coordinator's OOGO pages beyond the meeting itself (issue 13): editing a meeting, attendance, the
ontwikkelagenda, the ondersteuningsplan cycle and the geschillen. The other SWV roles and the bestuurder
read (oogo/querysets.py decides what); only `oogo.wijzigen` writes, always through oogo.services.
Without JavaScript; a refused form comes back with the Dutch error and everything that was typed."""

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

from . import selectors, selectors_beheer, services
from .forms_beheer import (
    AanwezigheidForm,
    GeschilBijwerkenForm,
    GeschilVoorleggenForm,
    OndersteuningsplanForm,
    OntwikkeldoelForm,
    OverlegBewerkenForm,
    PlanDatumForm,
    PlanOogoForm,
    VoortgangForm,
)
from .models import Agendapunt, Ondersteuningsplan, Overleg
from .workflow import AgendapuntStatus, OverlegStatus


def _mag_wijzigen(user) -> bool:
    return user.has_perm("oogo.wijzigen")


def _gegevens(request):
    """The form data on a POST, also an empty one (then the form says what is missing), else None."""
    return request.POST if request.method == "POST" else None


def _swv_id(request) -> int:
    swv_id = acting_swv_id(request.user)
    assert swv_id is not None  # oogo.wijzigen needs a membership
    return swv_id


# --- overleg bewerken en aanwezigheid ---


def _overleg_schrijven(request, pk: int) -> Overleg:
    return get_for_user(
        selectors.overleg_details(request.user), request.user, pk, write=True, may_write=_mag_wijzigen
    )


@login_required
@require_http_methods(["GET", "POST"])
def overleg_bewerken(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Title, kind, time, place, gemeenten and invited people of a meeting not yet held or cancelled."""
    obj = _overleg_schrijven(request, pk)
    form = OverlegBewerkenForm(_gegevens(request), overleg=obj)
    if done := submit_form(
        request,
        form,
        lambda: services.overleg_bijwerken(
            overleg=obj,
            by=request.user,
            gemeenten=form.cleaned_data["gemeenten"],
            genodigden=form.cleaned_data["genodigden"],
            **{k: form.cleaned_data[k] for k in ("soort", "titel", "begin", "einde", "locatie", "videolink")},
        ),
        message=_("Het overleg is bijgewerkt."),
        redirect_to=("oogo:overleg", obj.pk),
    ):
        return done
    return render(
        request,
        "oogo/beheer/overleg_bewerken.html",
        {
            "overleg": obj,
            "form": form,
            "afgesloten": obj.status in (OverlegStatus.GEHOUDEN, OverlegStatus.GEANNULEERD),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def aanwezigheid(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Per invited person: aanwezig, afwezig met bericht (afgemeld) or afwezig."""
    obj = _overleg_schrijven(request, pk)
    deelnames = obj.deelnames.select_related("persoon").order_by("persoon__achternaam", "persoon__voornaam")
    form = AanwezigheidForm(_gegevens(request), deelnames=deelnames)
    if done := submit_form(
        request,
        form,
        lambda: services.aanwezigheid_vastleggen(
            overleg=obj, by=request.user, aanwezigheid=form.aanwezigheid()
        ),
        message=_("De aanwezigheid is vastgelegd."),
        redirect_to=("oogo:overleg", obj.pk),
    ):
        return done
    return render(
        request,
        "oogo/beheer/aanwezigheid.html",
        {"overleg": obj, "form": form},
        status=400 if form.errors else 200,
    )


# --- ontwikkelagenda ---


@login_required
@permission_required("oogo.module", raise_exception=True)
@require_http_methods(["GET"])
def ontwikkelagenda(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The joint multi-year goals per theme, with their latest progress."""
    doelen = list(selectors_beheer.ontwikkeldoelen_voor(request.user))
    return render(
        request,
        "oogo/beheer/ontwikkelagenda.html",
        {"doelen": doelen, "mag_wijzigen": _mag_wijzigen(request.user)},
    )


@login_required
@permission_required("oogo.wijzigen", raise_exception=True)
@require_http_methods(["GET", "POST"])
def ontwikkeldoel_nieuw(request: AuthenticatedHttpRequest) -> HttpResponse:
    swv_id = _swv_id(request)
    form = OntwikkeldoelForm(_gegevens(request))
    if done := submit_form(
        request,
        form,
        lambda: services.ontwikkeldoel_maken(swv=swv_id, by=request.user, **form.cleaned_data),
        message=_("Het doel is aan de ontwikkelagenda toegevoegd."),
        redirect_to=lambda doel: ("oogo:ontwikkeldoel", doel.pk),
    ):
        return done
    return render(
        request,
        "oogo/formulier.html",
        {
            "form": form,
            "titel": _("Doel toevoegen aan de ontwikkelagenda"),
            "knop": _("Doel toevoegen"),
            "terug_url": "/oogo/ontwikkelagenda/",
        },
        status=400 if form.errors else 200,
    )


def _ontwikkeldoel_pagina(request, doel, form=None, status: int = 200) -> HttpResponse:
    mag = _mag_wijzigen(request.user)
    if mag and form is None:
        form = VoortgangForm(swv_id=doel.swv_id)
    return render(
        request,
        "oogo/beheer/ontwikkeldoel.html",
        {
            "doel": doel,
            "form": form if mag else None,
            "mag_wijzigen": mag,
            "agendapunten": Agendapunt.objects.visible_to(request.user)
            .filter(ambitie=doel)
            .select_related("overleg")
            .order_by("-overleg__begin"),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def ontwikkeldoel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    doel = get_for_user(selectors_beheer.ontwikkeldoelen_voor(request.user), request.user, pk)
    return _ontwikkeldoel_pagina(request, doel)


@login_required
@require_POST
def voortgang_toevoegen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    doel = get_for_user(
        selectors_beheer.ontwikkeldoelen_voor(request.user),
        request.user,
        pk,
        write=True,
        may_write=_mag_wijzigen,
    )
    form = VoortgangForm(request.POST, swv_id=doel.swv_id)
    if done := submit_form(
        request,
        form,
        lambda: services.voortgang_vastleggen(doel=doel, by=request.user, **form.cleaned_data),
        message=_("De voortgang is vastgelegd."),
        redirect_to=("oogo:ontwikkeldoel", doel.pk),
    ):
        return done
    return _ontwikkeldoel_pagina(request, doel, form, status=400)


# --- ondersteuningsplan ---


@login_required
@permission_required("oogo.module", raise_exception=True)
@require_http_methods(["GET"])
def ondersteuningsplannen(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "oogo/beheer/ondersteuningsplannen.html",
        {
            "plannen": selectors_beheer.ondersteuningsplannen_voor(request.user),
            "mag_wijzigen": _mag_wijzigen(request.user),
            "vandaag": timezone.localdate(),
        },
    )


@login_required
@permission_required("oogo.wijzigen", raise_exception=True)
@require_http_methods(["GET", "POST"])
def ondersteuningsplan_nieuw(request: AuthenticatedHttpRequest) -> HttpResponse:
    swv_id = _swv_id(request)
    form = OndersteuningsplanForm(_gegevens(request))
    if done := submit_form(
        request,
        form,
        lambda: services.ondersteuningsplan_maken(swv=swv_id, by=request.user, **form.cleaned_data),
        message=_("De planperiode is vastgelegd."),
        redirect_to=lambda plan: ("oogo:ondersteuningsplan", plan.pk),
    ):
        return done
    return render(
        request,
        "oogo/formulier.html",
        {
            "form": form,
            "titel": _("Nieuw ondersteuningsplan"),
            "knop": _("Planperiode vastleggen"),
            "terug_url": "/oogo/ondersteuningsplan/",
        },
        status=400 if form.errors else 200,
    )


def _plan_pagina(request, plan: Ondersteuningsplan, status: int = 200, **forms) -> HttpResponse:
    mag = _mag_wijzigen(request.user)
    context = {"plan": plan, "mag_wijzigen": mag, "vandaag": timezone.localdate()}
    if mag:
        context.update(
            oogo_form=forms.get("oogo_form")
            or PlanOogoForm(swv_id=plan.swv_id, initial={"overleg": plan.oogo_overleg_id}),
            vaststellen_form=forms.get("vaststellen_form") or PlanDatumForm(prefix="vaststellen"),
            inspectie_form=forms.get("inspectie_form") or PlanDatumForm(prefix="inspectie"),
        )
    return render(request, "oogo/beheer/ondersteuningsplan.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def ondersteuningsplan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = get_for_user(selectors_beheer.ondersteuningsplannen_voor(request.user), request.user, pk)
    return _plan_pagina(request, plan)


def _plan_schrijven(request, pk: int) -> Ondersteuningsplan:
    return get_for_user(
        selectors_beheer.ondersteuningsplannen_voor(request.user),
        request.user,
        pk,
        write=True,
        may_write=_mag_wijzigen,
    )


@login_required
@require_POST
def ondersteuningsplan_oogo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_schrijven(request, pk)
    form = PlanOogoForm(request.POST, swv_id=plan.swv_id)
    if done := submit_form(
        request,
        form,
        lambda: services.ondersteuningsplan_oogo_koppelen(
            plan=plan, by=request.user, overleg=form.cleaned_data["overleg"]
        ),
        message=_("Het OOGO over het plan is gekoppeld."),
        redirect_to=("oogo:ondersteuningsplan", plan.pk),
    ):
        return done
    return _plan_pagina(request, plan, status=400, oogo_form=form)


@login_required
@require_POST
def ondersteuningsplan_vaststellen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_schrijven(request, pk)
    form = PlanDatumForm(request.POST, prefix="vaststellen")
    if done := submit_form(
        request,
        form,
        lambda: services.ondersteuningsplan_vaststellen(
            plan=plan, by=request.user, op=form.cleaned_data["op"]
        ),
        message=_("Het ondersteuningsplan is vastgesteld."),
        redirect_to=("oogo:ondersteuningsplan", plan.pk),
    ):
        return done
    return _plan_pagina(request, plan, status=400, vaststellen_form=form)


@login_required
@require_POST
def ondersteuningsplan_inspectie(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_schrijven(request, pk)
    form = PlanDatumForm(request.POST, prefix="inspectie")
    if done := submit_form(
        request,
        form,
        lambda: services.ondersteuningsplan_naar_inspectie(
            plan=plan, by=request.user, op=form.cleaned_data["op"]
        ),
        message=_("Het ondersteuningsplan is naar de Inspectie gestuurd."),
        redirect_to=("oogo:ondersteuningsplan", plan.pk),
    ):
        return done
    return _plan_pagina(request, plan, status=400, inspectie_form=form)


# --- geschillen ---


@login_required
@permission_required("oogo.module", raise_exception=True)
@require_http_methods(["GET"])
def geschillen(request: AuthenticatedHttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    return render(
        request,
        "oogo/beheer/geschillen.html",
        {
            "geschillen": [
                (g, selectors_beheer.termijnen(g, vandaag))
                for g in selectors_beheer.geschillen_voor(request.user)
            ],
        },
    )


def _geschil_pagina(request, geschil, form=None, status: int = 200) -> HttpResponse:
    mag = _mag_wijzigen(request.user)
    if mag and form is None:
        form = GeschilBijwerkenForm(
            initial={
                "verweer_ontvangen_op": geschil.verweer_ontvangen_op,
                "advies_ontvangen_op": geschil.advies_ontvangen_op,
                "advies": geschil.advies,
            }
        )
    return render(
        request,
        "oogo/beheer/geschil.html",
        {
            "geschil": geschil,
            "termijnen": selectors_beheer.termijnen(geschil, timezone.localdate()),
            "form": form if mag else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def geschil(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = get_for_user(selectors_beheer.geschillen_voor(request.user), request.user, pk)
    return _geschil_pagina(request, obj)


@login_required
@require_POST
def geschil_bijwerken(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = get_for_user(
        selectors_beheer.geschillen_voor(request.user), request.user, pk, write=True, may_write=_mag_wijzigen
    )
    form = GeschilBijwerkenForm(request.POST)
    if done := submit_form(
        request,
        form,
        lambda: services.geschil_bijwerken(geschil=obj, by=request.user, **form.cleaned_data),
        message=_("Het geschil is bijgewerkt."),
        redirect_to=("oogo:geschil", obj.pk),
    ):
        return done
    return _geschil_pagina(request, obj, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def geschil_voorleggen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Submit an agenda item without agreement to the geschillencommissie (from the item's page)."""
    punt = get_for_user(
        Agendapunt.objects.select_related("overleg"), request.user, pk, write=True, may_write=_mag_wijzigen
    )
    form = GeschilVoorleggenForm(
        _gegevens(request), overleg=punt.overleg, initial={"ingediend_op": timezone.localdate()}
    )
    if done := submit_form(
        request,
        form,
        lambda: services.geschil_voorleggen(agendapunt=punt, by=request.user, **form.cleaned_data),
        message=_("Het agendapunt is aan de geschillencommissie voorgelegd."),
        redirect_to=lambda geschil: ("oogo:geschil", geschil.pk),
    ):
        return done
    return render(
        request,
        "oogo/beheer/geschil_voorleggen.html",
        {
            "punt": punt,
            "form": form,
            "zonder_overeenstemming": punt.status == AgendapuntStatus.GEEN_OVEREENSTEMMING,
        },
        status=400 if form.errors else 200,
    )
