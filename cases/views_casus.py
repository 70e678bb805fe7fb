"""Pages of cases (issue 10, part casussen): the module's start page per role, a school's new aanmelding and
its edit page, the coordinator's queue and overview, the case page with its transitions and casusregisseur.

Every page works without JavaScript. Reads go through `get_casus_for_user` (404 for missing and invisible,
audited with `gelezen`) and `cases.selectors_casus`; writes through `cases.services_casus`.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core import optimistic
from swv.core.http import AuthenticatedHttpRequest
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN
from swv.core.optimistic import VELD, controleer_versie, waarden
from swv.core.pages import errors_to_form, submit_form
from swv.core.tenancy import acting_swv

from . import selectors_casus as sel
from . import services_casus as services
from .forms_casus import (
    AANMELDING_VELDEN,
    AanmeldingForm,
    NieuweAanmeldingForm,
    OvergangForm,
    OverzichtFilterForm,
    RegisseurForm,
)
from .models import Casus
from .rules import mag_casus_regisseren
from .selectors import get_casus_for_user
from .workflow import BIJ_SCHOOL, Status

PAGE_SIZE = 50
TAB_LABELS = {
    "nieuw": _("Nieuw"),
    "zonder_regisseur": _("Zonder casusregisseur"),
    "te_laat": _("Te lang niet opgepakt"),
    "mijn": _("Mijn casussen"),
}


def _rol(request) -> str | None:
    lidmaatschap = getattr(request, "lidmaatschap", None)
    return lidmaatschap.rol if lidmaatschap else None


def _lijst_gelezen(request, page, wat: str) -> None:
    # A list of cases shows pupils' names: one read row per request (who, which list, how many).
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="cases.casus",
        object_id="lijst",
        reason=f"{wat}: pagina {page.number}, {len(page.object_list)} casus(sen)",
    )


def _querystring(request, *weg: str) -> str:
    query = request.GET.copy()
    for naam in ("pagina", *weg):
        query.pop(naam, None)
    return query.urlencode()


@login_required
@permission_required("cases.module", raise_exception=True)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The role's own list: the SWV's queue, a school's cases (concepts included), a partner's cases."""
    rol = _rol(request)
    if rol in SWV_ROLLEN:
        tab = request.GET.get("tab", "nieuw")
        if tab not in sel.WACHTRIJ_TABS:
            tab = "nieuw"
        qs = sel.wachtrij(request.user, tab)
        wat = _("wachtrij %(tab)s") % {"tab": TAB_LABELS[tab]}
    else:
        tab = ""
        qs = sel.casussen_lijst(request.user).order_by("-gewijzigd_op", "-pk")
        wat = _("casussen")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    _lijst_gelezen(request, page, wat)
    regisseurs = services.regisseurs(acting_swv(request.user)) if rol in SWV_ROLLEN else []
    return render(
        request,
        "cases/casus_index.html",
        {
            "page": page,
            "tab": tab,
            "tabs": [(naam, TAB_LABELS[naam]) for naam in sel.WACHTRIJ_TABS] if rol in SWV_ROLLEN else [],
            "is_swv": rol in SWV_ROLLEN,
            "is_school": rol in SCHOOL_ROLLEN,
            "regisseurs": regisseurs,
            "oppakken_dagen": sel.oppakken_binnen_dagen(),
            "querystring": _querystring(request),
        },
    )


@login_required
@permission_required("cases.regisseren", raise_exception=True)
def casus_overzicht(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every case the SWV sees, with filters (status, school, regisseur) and full-text search."""
    swv = acting_swv(request.user)
    regisseurs = services.regisseurs(swv)
    form = OverzichtFilterForm(request.GET or None, swv=swv, regisseurs=regisseurs)
    qs = sel.casussen_lijst(request.user).order_by("-aangemeld_op", "-pk")
    if form.is_valid():
        qs = sel.filter_casussen(
            qs,
            status=form.cleaned_data["status"],
            school=form.cleaned_data["school"],
            regisseur=form.cleaned_data["regisseur"],
            q=form.cleaned_data["q"],
        )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    _lijst_gelezen(request, page, _("overzicht"))
    return render(
        request,
        "cases/casus_overzicht.html",
        {"page": page, "form": form, "querystring": _querystring(request)},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("cases.aanmelden", raise_exception=True)
@require_http_methods(["GET", "POST"])
def aanmelding_nieuw(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A school's new aanmelding: save as concept, or submit at once. A submission that lacks something is
    kept as a concept and the edit page lists what is missing: nothing typed is lost."""
    school = request.lidmaatschap.organisatie  # type: ignore[attr-defined]
    form = NieuweAanmeldingForm(request.POST or None, swv=school.swv)
    if request.method == "POST" and form.is_valid():
        try:
            casus = services.aanmelding_opslaan(
                school=school,
                by=request.user,
                leerling_gegevens=form.leerling_gegevens(),
                **form.aanmelding(),
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            if "indienen" in request.POST:
                # The concept is stored; now the submission, with its own refusal: then one message and the
                # edit page's list of what is missing (not a green "opgeslagen" next to an orange "nog niet").
                return _indienen_of_lijst(request, casus) or redirect("cases:casus_wijzigen", casus.pk)
            messages.success(request, _("De aanmelding is als concept opgeslagen."))
            return redirect("cases:casus_detail", casus.pk)
    return render(
        request,
        "cases/casus_aanmelding.html",
        {"form": form, "nieuw": True},
        status=400 if form.errors else 200,
    )


def _indienen_of_lijst(request, casus: Casus) -> HttpResponse | None:
    """Submit `casus`; on success the redirect to its page, on refusal None (the messages say what is missing)."""
    try:
        services.aanmelding_indienen(casus=casus, by=request.user)
    except ValidationError:
        # The edit page lists what is missing (with links to the fields); the message need not repeat it.
        messages.warning(
            request,
            _(
                "De aanmelding is opgeslagen als concept, maar nog niet ingediend. Hieronder staat wat nog nodig is."
            ),
        )
        return None
    messages.success(request, _("De aanmelding is ingediend bij het samenwerkingsverband."))
    return redirect("cases:casus_detail", casus.pk)


@login_required
@require_http_methods(["GET", "POST"])
def casus_wijzigen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The school edits its aanmelding while it is at the school (concept, teruggestuurd), with the optimistic
    check: a save over someone else's change meanwhile is refused and shows what changed, input kept."""
    casus = get_casus_for_user(request.user, pk, write=True, request=request, gelezen="aanmelding wijzigen")
    if not services.is_school_van(request.user, casus):
        raise PermissionDenied(_("Alleen de school die aanmeldt, wijzigt de aanmelding."))
    if casus.status not in BIJ_SCHOOL:
        messages.info(request, _("Deze aanmelding is ingediend; de school kan de tekst niet meer wijzigen."))
        return redirect("cases:casus_detail", casus.pk)
    form = AanmeldingForm(request.POST or None, instance=copy.copy(casus))
    if request.method == "POST" and form.is_valid():
        indienen = "indienen" in request.POST
        try:
            with transaction.atomic():
                huidig = controleer_versie(form, casus)
                casus = services.aanmelding_opslaan(
                    school=casus.school,
                    casus=huidig,
                    by=request.user,
                    **{naam: form.cleaned_data[naam] for naam in AANMELDING_VELDEN},
                )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            if not indienen:
                messages.success(request, _("De aanmelding is opgeslagen."))
                return redirect("cases:casus_detail", casus.pk)
            try:
                services.aanmelding_indienen(casus=casus, by=request.user)
            except ValidationError as exc:
                # The texts are saved (a concept); the form shows what is still missing, on each field.
                errors_to_form(form, exc)
                _versie_vernieuwen(form, casus)
                messages.info(request, _("Uw tekst is opgeslagen als concept, maar nog niet ingediend."))
            else:
                messages.success(request, _("De aanmelding is ingediend bij het samenwerkingsverband."))
                return redirect("cases:casus_detail", casus.pk)
    return render(
        request,
        "cases/casus_aanmelding.html",
        {"form": form, "casus": casus, "ontbrekend": services.ontbrekend(casus)},
        status=400 if form.errors else 200,
    )


def _versie_vernieuwen(form, casus: Casus) -> None:
    # Our own save just changed the row: the next save from this form must not see it as someone else's.
    data = form.data.copy()
    data[VELD] = signing.dumps(waarden(casus, form._meta.fields or ()), salt=optimistic._SALT, compress=True)
    form.data = data


def _detail(request, casus: Casus, *, overgang_form=None, regisseur_form=None, status: int = 200):
    regisseren = (
        mag_casus_regisseren(request.user) and casus.status != Status.CONCEPT and not casus.is_gesloten
    )
    regisseurs = services.regisseurs(casus.swv) if regisseren else []
    return render(
        request,
        "cases/casus_detail.html",
        {
            "casus": casus,
            "overgangen": casus.overgangen.select_related("door", "api_client"),
            "toegestaan": [
                (naar, Status(naar).label) for naar in services.toegestane_overgangen(casus, request.user)
            ],
            "overgang_form": overgang_form or OvergangForm(initial={"van": casus.status}),
            "regisseur_form": regisseur_form
            or (
                RegisseurForm(initial={"casusregisseur": casus.casusregisseur_id}, regisseurs=regisseurs)
                if regisseren
                else None
            ),
            "mag_wijzigen": casus.status in BIJ_SCHOOL and services.is_school_van(request.user, casus),
            "ontbrekend": services.ontbrekend(casus) if casus.status in BIJ_SCHOOL else {},
            "casus_teksten": [
                (Casus._meta.get_field(naam).verbose_name, getattr(casus, naam))  # type: ignore[union-attr]
                for naam in services.VERPLICHT_BIJ_INDIENEN
            ]
            + [(_("Ouders geïnformeerd"), _("ja") if casus.ouders_geinformeerd else _("nee"))],
        },
        status=status,
    )


@login_required
def casus_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # No module gate: the access helper answers 404 to every role that cannot see this case.
    casus = get_casus_for_user(request.user, pk, request=request, gelezen="casuspagina")
    return _detail(request, casus)


@login_required
@require_POST
def casus_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One transition (a button of the case page), with its reason; refused transitions show the Dutch error."""
    casus = get_casus_for_user(request.user, pk, write=True, request=request, gelezen="casuspagina")
    form = OvergangForm(request.POST)
    if done := submit_form(
        request,
        form,
        lambda: services.casus_overgang(
            casus=casus,
            naar=form.cleaned_data["naar"],
            van=form.cleaned_data["van"],
            reden=form.cleaned_data["reden"],
            by=request.user,
        ),
        message=lambda c: _("De status is nu „%(status)s”.") % {"status": c.get_status_display()},
        redirect_to=("cases:casus_detail", casus.pk),
    ):
        return done
    return _detail(request, casus, overgang_form=form, status=400)


@login_required
@require_POST
def casus_regisseur(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Assign the casusregisseur in one step (from the queue's row or the case page)."""
    casus = get_casus_for_user(request.user, pk, write=True, request=request, gelezen="casuspagina")
    if not mag_casus_regisseren(request.user):
        raise PermissionDenied(_("Alleen het samenwerkingsverband wijst een casusregisseur toe."))
    form = RegisseurForm(request.POST, regisseurs=services.regisseurs(casus.swv))
    terug = request.POST.get("terug", "")
    if done := submit_form(
        request,
        form,
        lambda: services.casusregisseur_toewijzen(
            casus=casus, regisseur=form.cleaned_data["casusregisseur"], by=request.user
        ),
        message=lambda c: (
            _("Casusregisseur van %(leerling)s: %(naam)s.")
            % {
                "leerling": c.leerling,
                "naam": (c.casusregisseur.get_full_name() or c.casusregisseur.get_username())
                if c.casusregisseur
                else _("niemand"),
            }
        ),
        # Back to the queue's tab the form came from (only our own list's addresses), else the case.
        redirect_to=terug
        if terug.startswith("/casussen/") and "//" not in terug
        else ("cases:casus_detail", casus.pk),
    ):
        return done
    return _detail(request, casus, regisseur_form=form, status=400)
