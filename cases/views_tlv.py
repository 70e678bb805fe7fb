"""Pages of the TLV part (issue 11): request from a case, advices, decision, list, detail, the decision
letter (PDF) and the check by BSN for a school of any SWV. Without JavaScript; writes through
cases.services_tlv, reads through cases.selectors_tlv."""

import copy
import logging

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.http import AuthenticatedHttpRequest
from swv.core.pages import submit_form

from . import selectors_tlv, services_tlv
from .forms_tlv import TlvAanvraagForm, TlvAdviesForm, TlvBesluitForm, TlvControleForm
from .models import Tlv
from .selectors import get_casus_for_user
from .selectors_tlv import get_tlv_for_user

logger = logging.getLogger(__name__)

PAGE_SIZE = 50


def _post(request):
    """The form data of a POST (also an empty one: that is an invalid form, not a GET), else None."""
    return request.POST if request.method == "POST" else None


def _tlv_context(request, tlv: Tlv, **extra) -> dict:
    swv_rol = selectors_tlv.mag_tlv_wijzigen(request.user)
    return {
        "tlv": tlv,
        "casus": tlv.casus,
        # The advices' texts rest on health data: only the SWV and its deskundigen read them (domain.md).
        "adviezen": list(tlv.adviezen.select_related("deskundige_gebruiker", "deskundige_persoon")),
        "toon_adviestekst": swv_rol,
        "ontbrekend": services_tlv.ontbrekende_adviezen(tlv) if not tlv.is_besloten else [],
        "mag_wijzigen": not tlv.is_besloten and services_tlv.mag_aanvragen(request.user, tlv.casus),
        "mag_adviseren": not tlv.is_besloten and services_tlv.mag_advies_vastleggen(request.user, tlv),
        "mag_besluiten": not tlv.is_besloten and services_tlv.mag_besluiten(request.user, tlv),
        "bezwaren": [(b, services_tlv.beslistermijn_eind(b)) for b in tlv.bezwaren.all()]
        if tlv.is_besloten
        else [],
        "bezwaartermijn_eind": services_tlv.bezwaartermijn_eind(tlv) if tlv.is_besloten else None,
        "mag_bezwaar": tlv.is_besloten and _mag_bezwaar(request, tlv),
        **extra,
    }


@login_required
@permission_required("cases.tlv", raise_exception=True)
@require_http_methods(["GET"])
def tlv_lijst(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The TLVs the acting role may see: the SWV all of its SWV, a school its own pupils'."""
    qs = selectors_tlv.filter_tlvs(
        selectors_tlv.tlvs_lijst(request.user),
        status=request.GET.get("status", "") if request.GET.get("status") in Tlv.Status.values else "",
        soort=request.GET.get("soort", "") if request.GET.get("soort") in Tlv.Soort.values else "",
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="cases.tlv",
        object_id="lijst",
        reason=f"TLV-lijst: pagina {page.number}, {len(page.object_list)} TLV('s)",
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "cases/tlv/lijst.html",
        {
            "page": page,
            "statussen": Tlv.Status.choices,
            "soorten": Tlv.Soort.choices,
            "gekozen_status": request.GET.get("status", ""),
            "gekozen_soort": request.GET.get("soort", ""),
            "querystring": query.urlencode(),
            "vandaag": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET"])
def tlv_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    tlv = get_tlv_for_user(request.user, pk, request=request, gelezen="TLV-pagina")
    return render(request, "cases/tlv/detail.html", _tlv_context(request, tlv))


@login_required
@require_http_methods(["GET", "POST"])
def tlv_aanvragen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Request a TLV from the case `pk` (the SWV's coordinator or medewerker, or the case's school)."""
    casus = get_casus_for_user(
        request.user, pk, request=request, gelezen="TLV aanvragen", reason="TLV aanvragen"
    )
    if not services_tlv.mag_aanvragen(request.user, casus):
        raise PermissionDenied
    form = TlvAanvraagForm(_post(request), swv=casus.swv)
    if done := submit_form(
        request,
        form,
        lambda: services_tlv.tlv_aanvragen(
            casus=casus,
            by=request.user,
            soort=form.cleaned_data["soort"],
            cluster=form.cleaned_data["cluster"],
            bekostigingscategorie=form.cleaned_data["bekostigingscategorie"],
            onderbouwing=form.cleaned_data["onderbouwing"],
        ),
        message=_("De TLV is aangevraagd. Leg nu de twee deskundigenadviezen vast."),
        redirect_to=lambda tlv: ("cases:tlv_detail", tlv.pk),
    ):
        return done
    return render(
        request,
        "cases/tlv/aanvraag.html",
        {"casus": casus, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tlv_wijzigen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change an open request; a save against someone else's change meanwhile is refused and listed."""
    tlv = get_tlv_for_user(request.user, pk, request=request, gelezen="TLV-aanvraag wijzigen")
    if not services_tlv.mag_aanvragen(request.user, tlv.casus):
        raise PermissionDenied
    form = TlvAanvraagForm(_post(request), instance=copy.copy(tlv), swv=tlv.swv)
    if tlv.is_besloten:
        form.add_error(
            None, _("Over deze aanvraag is al besloten; de aanvraag kan niet meer worden gewijzigd.")
        )
    elif done := submit_form(
        request,
        form,
        lambda huidig: services_tlv.tlv_aanvraag_bijwerken(
            tlv=huidig,
            by=request.user,
            soort=form.cleaned_data["soort"],
            cluster=form.cleaned_data["cluster"],
            bekostigingscategorie=form.cleaned_data["bekostigingscategorie"],
            onderbouwing=form.cleaned_data["onderbouwing"],
        ),
        locked=tlv,
        message=_("De aanvraag is bijgewerkt."),
        redirect_to=("cases:tlv_detail", tlv.pk),
    ):
        return done
    return render(
        request,
        "cases/tlv/aanvraag.html",
        {"casus": tlv.casus, "tlv": tlv, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tlv_advies(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record a deskundigenadvies (an SWV deskundige their own; the coordinator one from the registry)."""
    tlv = get_tlv_for_user(request.user, pk, request=request, gelezen="TLV: advies vastleggen")
    if not services_tlv.mag_advies_vastleggen(request.user, tlv):
        raise PermissionDenied
    form = TlvAdviesForm(_post(request), swv=tlv.swv, initial={"datum": timezone.localdate()})
    if tlv.is_besloten:
        form.add_error(None, _("Over deze aanvraag is al besloten; er kan geen advies meer bij."))
    elif done := submit_form(
        request,
        form,
        lambda: services_tlv.advies_vastleggen(tlv=tlv, by=request.user, **form.cleaned_data),
        message=_("Het advies is vastgelegd."),
        redirect_to=("cases:tlv_detail", tlv.pk),
    ):
        return done
    return render(
        request,
        "cases/tlv/advies.html",
        _tlv_context(request, tlv, form=form),
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tlv_besluit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coordinator's decision; refused with the reasons while the two required advices are missing."""
    tlv = get_tlv_for_user(request.user, pk, request=request, gelezen="TLV: besluiten")
    if not services_tlv.mag_besluiten(request.user, tlv):
        raise PermissionDenied
    form = TlvBesluitForm(
        _post(request), initial={"bekostigingscategorie": tlv.bekostigingscategorie, "schooljaren": 1}
    )
    if tlv.is_besloten:
        form.add_error(
            None, _("Over deze aanvraag is al besloten (%(nummer)s).") % {"nummer": tlv.beschikkingsnummer}
        )
    elif done := submit_form(
        request,
        form,
        lambda: services_tlv.tlv_besluiten(
            tlv=tlv,
            by=request.user,
            toekennen=form.cleaned_data["toekennen"],
            motivering=form.cleaned_data["motivering"],
            besluitdatum=form.cleaned_data["besluitdatum"],
            ingangsdatum=form.cleaned_data["ingangsdatum"],
            schooljaren=form.cleaned_data["schooljaren"],
            bekostigingscategorie=form.cleaned_data["bekostigingscategorie"] or None,
        ),
        message=lambda t: (
            _("Het besluit is vastgelegd met beschikkingsnummer %(nummer)s.")
            % {"nummer": t.beschikkingsnummer}
        ),
        redirect_to=("cases:tlv_detail", tlv.pk),
    ):
        return done
    return render(
        request,
        "cases/tlv/besluit.html",
        _tlv_context(request, tlv, form=form),
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def tlv_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The decision letter for the ouders as PDF (no BSN on it)."""
    from .pdf import PdfNietBeschikbaar
    from .pdf_tlv import tlv_als_pdf

    tlv = get_tlv_for_user(request.user, pk, request=request, gelezen="TLV-beschikking (PDF)")
    if not tlv.is_besloten:
        return render(
            request,
            "cases/tlv/detail.html",
            _tlv_context(
                request, tlv, pdf_fout=_("Er is nog geen besluit; de beschikking bestaat nog niet.")
            ),
            status=409,
        )
    try:
        inhoud = tlv_als_pdf(tlv)
    except PdfNietBeschikbaar:
        logger.exception("pdf niet beschikbaar")
        return render(
            request,
            "cases/tlv/detail.html",
            _tlv_context(request, tlv, pdf_fout=_("De PDF kan op deze server nu niet worden gemaakt.")),
            status=503,
        )
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beschikking-{tlv.beschikkingsnummer}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def tlv_controleren(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A school (of any SWV in this installation) checks whether a pupil has a valid TLV, by BSN in a POST.

    The answer holds only kind, bekostigingscategorie, period and validity: no name, no case, no advice,
    no issuing SWV; an unknown number and a pupil without a TLV get the same answer."""
    if not selectors_tlv.mag_controleren(request.user):
        raise PermissionDenied
    form = TlvControleForm(_post(request))
    resultaat = None
    if request.method == "POST" and form.is_valid():
        from django.core.exceptions import ValidationError

        try:
            resultaat, leerlingen = selectors_tlv.tlv_controleren(form.cleaned_data["nummer"])
        except ValidationError as e:
            form.add_error("nummer", e.message_dict.get("nummer", e.messages))
        else:
            # The number is not echoed back into the page (an answer page may stay open on a shared screen).
            form = TlvControleForm()
            # A look-up by BSN is an access to personal data: one row per pupil found, never the number.
            for leerling in leerlingen or [None]:  # type: ignore[list-item]
                audit_log(
                    request=request,
                    action=AuditEvent.Action.READ,
                    object_type="cases.tlv",
                    object_id="controle",
                    leerling=leerling,
                    result=AuditEvent.Result.OK if leerling else AuditEvent.Result.NOT_FOUND,
                    reason=f"TLV controleren op BSN: {len(resultaat)} TLV('s)",
                )
    return render(
        request,
        "cases/tlv/controleren.html",
        {"form": form, "resultaat": resultaat},
        status=400 if form.errors else 200,
    )


# --- bezwaar ---------------------------------------------------------------------------------------------


def _mag_bezwaar(request, tlv: Tlv) -> bool:
    from swv.core.acting import lidmaatschap_van
    from swv.core.models import Rol

    lidmaatschap = lidmaatschap_van(request.user)
    return (
        lidmaatschap is not None
        and lidmaatschap.swv_id == tlv.swv_id
        and lidmaatschap.rol in (Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER)
    )


@login_required
@require_http_methods(["GET", "POST"])
def tlv_bezwaar(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record a bezwaar against a decided TLV (the SWV's coordinator or medewerker)."""
    from .forms_tlv import BezwaarForm

    tlv = get_tlv_for_user(request.user, pk, request=request, gelezen="TLV: bezwaar vastleggen")
    if not _mag_bezwaar(request, tlv):
        raise PermissionDenied
    form = BezwaarForm(
        _post(request), initial={"ontvangen_op": timezone.localdate(), "adviescommissie": True}
    )
    if not tlv.is_besloten:
        form.add_error(None, _("Er is nog geen besluit; bezwaar kan pas tegen een besluit."))
    elif done := submit_form(
        request,
        form,
        lambda: services_tlv.bezwaar_registreren(tlv=tlv, by=request.user, **form.cleaned_data),
        message=lambda b: (
            _("Het bezwaar is vastgelegd. Beslissen uiterlijk %(datum)s.")
            % {"datum": f"{services_tlv.beslistermijn_eind(b):%d-%m-%Y}"}
        ),
        redirect_to=("cases:tlv_detail", tlv.pk),
    ):
        return done
    return render(
        request,
        "cases/tlv/bezwaar.html",
        _tlv_context(request, tlv, form=form, titel=_("Bezwaar vastleggen")),
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tlv_bezwaar_afhandelen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Hearing, postponement and outcome of a bezwaar; someone else's save meanwhile is refused and listed."""
    from .forms_tlv import BezwaarAfhandelenForm
    from .models import TlvBezwaar

    bezwaar = (
        TlvBezwaar.objects.filter(tlv__in=Tlv.objects.visible_to(request.user), pk=pk)
        .select_related("tlv")
        .first()
    )
    if bezwaar is None:
        from django.http import Http404

        raise Http404
    tlv = get_tlv_for_user(request.user, bezwaar.tlv_id, request=request, gelezen="TLV: bezwaar afhandelen")
    if not _mag_bezwaar(request, tlv):
        raise PermissionDenied
    form = BezwaarAfhandelenForm(_post(request), instance=copy.copy(bezwaar))
    if done := submit_form(
        request,
        form,
        lambda huidig: services_tlv.bezwaar_bijwerken(
            bezwaar=huidig,
            by=request.user,
            **{
                k: form.cleaned_data[k]
                for k in ("hoorzitting_op", "verdaagd", "uitkomst", "beslist_op", "toelichting")
            },
        ),
        locked=bezwaar,
        message=_("Het bezwaar is bijgewerkt."),
        redirect_to=("cases:tlv_detail", tlv.pk),
    ):
        return done
    return render(
        request,
        "cases/tlv/bezwaar.html",
        _tlv_context(
            request,
            tlv,
            form=form,
            titel=_("Bezwaar afhandelen"),
            termijn=services_tlv.beslistermijn_eind(bezwaar),
        ),
        status=400 if form.errors else 200,
    )
