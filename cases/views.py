from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log

from .forms import LeerlingBsnForm, LeerlingZoekForm
from .models import Casus, Leerling
from .rules import mag_leerlingen_wijzigen
from .selectors import get_leerling_for_user

PAGE_SIZE = 50


@login_required
@permission_required("cases.leerlingen", raise_exception=True)
@require_http_methods(["GET", "POST"])
def leerling_list(request: HttpRequest) -> HttpResponse:
    """Pupils the acting role may see; name search by GET, BSN search by POST only."""
    qs = Leerling.objects.visible_to(request.user).select_related("school", "woongemeente")
    zoek = LeerlingZoekForm(request.GET or None)
    bsn_form = LeerlingBsnForm(request.POST or None)
    bsn_gezocht = False
    if request.method == "POST":
        if bsn_form.is_valid():
            bsn_gezocht = True
            qs = qs.filter(bsn=bsn_form.cleaned_data["bsn"])
            gevonden = qs.first()
            # A lookup by BSN is an access to personal data; the log gets the pupil, never the number.
            audit_log(
                request=request,
                action=AuditEvent.Action.READ,
                obj=gevonden,
                object_type="cases.leerling",
                leerling=gevonden,
                result=AuditEvent.Result.OK if gevonden else AuditEvent.Result.NOT_FOUND,
                reason="zoeken op BSN",
            )
        else:
            qs = qs.none()
    elif zoek.is_valid() and zoek.cleaned_data["q"]:
        for woord in zoek.cleaned_data["q"].split():
            qs = qs.filter(Q(voornaam__icontains=woord) | Q(achternaam__icontains=woord))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    # The list shows names, birth dates, school and gemeente: a read of personal data (issue 7, point 8).
    # One row per request (not per pupil): who, which page, how many, whether a search narrowed it.
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="cases.leerling",
        object_id="lijst",
        reason=(
            f"leerlingenlijst: pagina {page.number}, {len(page.object_list)} leerling(en)"
            f"{', gezocht op naam' if request.method == 'GET' and zoek.is_valid() and zoek.cleaned_data['q'] else ''}"
            f"{', gezocht op BSN' if bsn_gezocht else ''}"
        ),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "cases/leerling_list.html",
        {
            "page": page,
            "zoek": zoek,
            "bsn_form": bsn_form,
            "bsn_gezocht": bsn_gezocht,
            "querystring": query.urlencode(),
        },
    )


@login_required
def leerling_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # No module gate here: the access helper answers 404 (and logs the attempt) for every role that
    # cannot see this pupil, so a role without pupil access cannot tell which ids exist either.
    # Every view of a pupil's data is a read in the audit trail (BIO 8.15.01): the look-up writes it.
    leerling = get_leerling_for_user(request.user, pk, request=request, gelezen="leerlingpagina")
    return render(
        request,
        "cases/leerling_detail.html",
        {
            "leerling": leerling,
            "inschrijvingen": leerling.inschrijvingen.select_related("school"),
            "ouders": leerling.ouders.all(),
            # Only the cases the user may see (OT membership and consent included): the one case rule.
            "casussen": Casus.objects.visible_to(request.user)
            .filter(leerling=leerling)
            .select_related("school")
            .order_by("-pk"),
            "mag_wijzigen": mag_leerlingen_wijzigen(request.user),
            "vandaag": timezone.localdate(),
            "mag_privacylog": request.user.has_perm("audit.bekijken"),
        },
    )
