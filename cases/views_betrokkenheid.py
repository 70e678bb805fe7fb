"""Pages of betrokkenheid (issue 11): the own organisation's list with its signals, record, renew, end,
and the privacy officer's overview.

The BSN is typed into a POST form only; after success the views redirect to the list (no number in any
URL), and no audit reason or log line carries it. One involvement: `get_betrokkenheid_for_user` answers
404 to everyone outside the organisation that recorded it.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.acting import lidmaatschap_van
from swv.core.http import AuthenticatedHttpRequest
from swv.core.pages import submit_form

from . import services_betrokkenheid as services
from .forms_betrokkenheid import BetrokkenheidForm, BevestigForm, BsnZoekForm
from .selectors_betrokkenheid import get_betrokkenheid_for_user, mijn_betrokkenheden, privacy_overzicht

PAGINA = 50


def _mag(request) -> None:
    if not request.user.has_perm("cases.betrokkenheid"):
        raise PermissionDenied


@login_required
def betrokkenheden(request: HttpRequest) -> HttpResponse:
    _mag(request)
    page = Paginator(mijn_betrokkenheden(request.user), PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "cases/betrokkenheid/lijst.html",
        {"page": page, "duur_dagen": services.duur().days},
    )


@login_required
def betrokkenheid_nieuw(request: AuthenticatedHttpRequest) -> HttpResponse:
    _mag(request)
    initial = {}
    if request.method != "POST":
        # The professional's own contact details as a start; they may give a team number instead.
        user = request.user
        initial = {"contact_naam": user.get_full_name(), "contact_email": user.email}
    form = BetrokkenheidForm(request.POST or None, initial=initial)
    if done := submit_form(
        request,
        form,
        lambda: services.betrokkenheid_vastleggen(
            by=request.user,
            bsn=form.cleaned_data["bsn"],
            contact_naam=form.cleaned_data["contact_naam"],
            contact_telefoon=form.cleaned_data["contact_telefoon"],
            contact_email=form.cleaned_data["contact_email"],
            eigen_kenmerk=form.cleaned_data["eigen_kenmerk"],
            van=form.cleaned_data["van"],
        ),
        message=_("De betrokkenheid is vastgelegd."),
        redirect_to="cases:betrokkenheden",
    ):
        return done
    lidmaatschap = lidmaatschap_van(request.user)
    return render(
        request,
        "cases/betrokkenheid/formulier.html",
        {
            "form": form,
            "organisatie": lidmaatschap.organisatie if lidmaatschap else None,
            "duur_dagen": services.duur().days,
        },
        status=400 if form.errors else 200,
    )


def _bevestig(request, pk: int, *, actie, titel: str, uitleg: str, knop: str, melding: str) -> HttpResponse:
    # No role gate first: whoever is not of the recording organisation gets 404 (the row's rule includes
    # the role), so nobody learns which ids exist.
    betrokkenheid = get_betrokkenheid_for_user(request.user, pk)
    form = BevestigForm(request.POST if request.method == "POST" else None)
    if done := submit_form(
        request,
        form,
        lambda: actie(betrokkenheid=betrokkenheid, by=request.user),
        message=melding,
        redirect_to="cases:betrokkenheden",
    ):
        return done
    return render(
        request,
        "cases/betrokkenheid/bevestig.html",
        {"betrokkenheid": betrokkenheid, "form": form, "titel": titel, "uitleg": uitleg, "knop": knop},
        status=400 if form.errors else 200,
    )


@login_required
def betrokkenheid_verlengen(request: HttpRequest, pk: int) -> HttpResponse:
    return _bevestig(
        request,
        pk,
        actie=services.betrokkenheid_verlengen,
        titel=_("Betrokkenheid verlengen"),
        uitleg=_("De betrokkenheid loopt dan tot %(dagen)s dagen na vandaag.")
        % {"dagen": services.duur().days},
        knop=_("Verlengen"),
        melding=_("De betrokkenheid is verlengd."),
    )


@login_required
def betrokkenheid_beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    return _bevestig(
        request,
        pk,
        actie=services.betrokkenheid_beeindigen,
        titel=_("Betrokkenheid beëindigen"),
        uitleg=_(
            "Uw organisatie is dan niet meer zichtbaar als betrokken; open signalen hierover vervallen. "
            "De historie blijft bewaard."
        ),
        knop=_("Beëindigen"),
        melding=_("De betrokkenheid is beëindigd."),
    )


@login_required
def betrokkenheden_privacy(request: HttpRequest) -> HttpResponse:
    """The privacy officer's overview: every involvement in the SWV, or those of one pupil found by BSN
    (POST). Each view is audited; the reason never holds the number."""
    if not request.user.has_perm("audit.bekijken"):
        raise PermissionDenied
    form = BsnZoekForm(request.POST or None)
    sleutel = None
    if request.method == "POST" and form.is_valid() and form.cleaned_data["bsn"]:
        try:
            bsn = services.schoon_bsn(form.cleaned_data["bsn"])
        except ValidationError as exc:
            form.add_error("bsn", exc.message_dict["bsn"])
        else:
            lidmaatschap = lidmaatschap_van(request.user)
            assert lidmaatschap is not None  # audit.bekijken needs a role
            sleutel = services.bsn_sleutel(lidmaatschap.swv_id, bsn)
    gezocht = sleutel is not None
    qs = privacy_overzicht(request.user, sleutel=sleutel)
    page = Paginator(qs, PAGINA).get_page(request.GET.get("pagina"))
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="cases.betrokkenheid",
        reason="betrokkenheden (privacy): " + ("gezocht op BSN" if gezocht else "overzicht"),
    )
    return render(
        request,
        "cases/betrokkenheid/privacy.html",
        {"page": page, "form": form, "gezocht": gezocht},
        status=400 if form.errors else 200,
    )
