"""The DUO import pages (functioneel beheerder only): upload with dry-run, progress and result."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from swv.core.http import HtmxHttpRequest
from swv.core.rules import is_beheerder
from swv.core.tenancy import acting_swv, acting_swv_id

from . import duo
from . import rules as _rules  # noqa: F401 - registers the partners.* permissions the templates use
from .forms_import import MAX_BYTES, DuoImportForm
from .importing import ImportResultaat, duo_import_starten, voortgang_van
from .models.duo_import import DuoImport

RECENT = 10


def _swv_van_beheerder(user):
    # Reference data is the beheerder's task (docs/access.md); coordinators edit partners by hand.
    # The tenant itself is the one rule of swv.core.tenancy (a beheerder acts through a membership).
    swv = acting_swv(user) if is_beheerder(user) else None
    if swv is None:
        raise PermissionDenied
    return swv


def get_duo_import_for_user(user, pk: int) -> DuoImport:
    """404 for a missing run, one of another SWV, and for everyone who is not its SWV's beheerder."""
    swv_id = acting_swv_id(user)
    if swv_id is None or not is_beheerder(user):
        raise Http404
    run = DuoImport.objects.filter(pk=pk, swv_id=swv_id).select_related("door").first()
    if run is None:
        raise Http404
    return run


def _te_groot(request: HttpRequest) -> bool:
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    # Room for the multipart envelope and the other fields around the file.
    return lengte > MAX_BYTES + 64 * 1024


def _te_groot_melding() -> str:
    return _("Het bestand is groter dan %(mb)d MB; dat is geen bestand van DUO.") % {
        "mb": MAX_BYTES // 1024 // 1024
    }


@login_required
@require_http_methods(["GET", "POST"])
@csrf_exempt  # checked by _duo_import below, after the size check (see there)
def duo_import(request: HttpRequest) -> HttpResponse:
    """The upload page. An oversize upload is refused from its Content-Length before any byte of the body
    is read: CsrfViewMiddleware would otherwise parse (and spool to disk) the whole body to find the token,
    so this view is csrf_exempt and the CSRF check runs in _duo_import once the size is known to be fine.
    Django never reads more than Content-Length, so a smaller header cannot smuggle in a larger body.
    """
    swv = _swv_van_beheerder(request.user)
    if request.method == "POST" and _te_groot(request):
        # The body is not read, so the form is bound to nothing and shows only this error.
        form = DuoImportForm(data={}, files=MultiValueDict())
        form.full_clean()
        form.errors["bestand"] = form.error_class([_te_groot_melding()])
        return _pagina(request, swv, form, status=413)
    return _duo_import(request, swv)


@csrf_protect
def _duo_import(request: HttpRequest, swv) -> HttpResponse:
    form = DuoImportForm(request.POST, request.FILES) if request.method == "POST" else DuoImportForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        ingedeeld: frozenset[str] = frozenset()
        if leden := form.cleaned_data.get("swv_leden"):
            try:
                # Small (LEDEN_MAX_BYTES): read now; only the rows for this SWV's code are kept.
                ingedeeld = duo.ingedeeld_bij(leden, swv.code)
            except duo.OnbekendeIndeling as e:
                form.add_error("swv_leden", str(e))
                return _pagina(request, swv, form)
        try:
            # The upload is handed over as a file (on disk when large), never read into memory here.
            run = duo_import_starten(
                swv=swv,
                inhoud=upload,
                bestandsnaam=upload.name,
                dry_run=form.cleaned_data["dry_run"],
                by=request.user,
                ook_gemeenten=form.cleaned_data["ook_gemeenten"],
                ingedeeld=sorted(ingedeeld),
            )
        except duo.OnbekendeIndeling as e:
            form.add_error("bestand", str(e))
        else:
            return redirect("partners:import_status", run.pk)
    return _pagina(request, swv, form)


def _pagina(request: HttpRequest, swv, form, *, status: int = 200) -> HttpResponse:
    eerder = DuoImport.objects.filter(swv=swv).select_related("door")[:RECENT]
    return render(
        request, "partners/duo_import.html", {"form": form, "eerder": eerder, "swv": swv}, status=status
    )


@login_required
@require_GET
def duo_import_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    run = get_duo_import_for_user(request.user, pk)
    verwerkt = voortgang_van(run)
    context = {
        "run": run,
        "verwerkt": verwerkt,
        "procent": round(100 * verwerkt / run.totaal) if run.totaal else 0,
        "resultaat": ImportResultaat.uit_dict(run.resultaat) if run.resultaat else None,
    }
    # htmx polls this same address while the import runs and swaps in only the status block.
    template = "partners/_duo_import_status.html" if request.htmx else "partners/duo_import_status.html"
    return render(request, template, context)
