"""The privacy officer's page: who saw or changed this pupil, when, and why."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from swv.core.acting import lidmaatschap_van
from swv.core.exports import csv_response

from .forms import BsnZoekForm, TimelineFilterForm
from .models import AuditEvent
from .registry import pupils
from .selectors import TimelineFilter, TimelineRow, timeline_count, timeline_iter, timeline_page
from .services import audit_log

PAGE_SIZE = 50


class _CountedTimeline:
    """Lets Django's Paginator slice the SQL timeline: one count query, one page query."""

    def __init__(self, f: TimelineFilter):
        self.f = f

    def count(self) -> int:
        return timeline_count(self.f)

    def __getitem__(self, item: slice):
        return timeline_page(self.f, offset=item.start, limit=item.stop - item.start)


def _swv_id(request: HttpRequest) -> int:
    """The SWV whose log the officer reads. A superuser holds audit.bekijken through Django's
    ModelBackend without acting for any SWV: no log to show, so 403 (was a 500)."""
    lidmaatschap = lidmaatschap_van(request.user)
    if lidmaatschap is None:
        raise PermissionDenied
    return lidmaatschap.swv_id


def _filter(request: HttpRequest, form: TimelineFilterForm) -> TimelineFilter:
    data = form.cleaned_data if form.is_valid() else {}
    return TimelineFilter(
        swv_id=_swv_id(request),
        leerling_id=data.get("leerling"),
        leerling_naam=(data.get("naam") or "").strip(),
        actor_naam=(data.get("gebruiker") or "").strip(),
        action=data.get("actie") or "",
        van=data.get("van"),
        tot=data.get("tot"),
    )


@login_required
@permission_required("audit.bekijken", raise_exception=True)
@require_http_methods(["GET", "POST"])
def timeline(request: HttpRequest) -> HttpResponse:
    bsn_form = BsnZoekForm(request.POST or None)
    bsn_niet_gevonden = False
    if request.method == "POST" and bsn_form.is_valid():
        swv_id = _swv_id(request)
        leerlingen = pupils()
        assert leerlingen is not None  # the form found where to search: an app registered its pupils
        leerling = (
            leerlingen.model._default_manager.filter(
                swv_id=swv_id, **{leerlingen.bsn_field: bsn_form.cleaned_data["bsn"]}
            )
            .only("pk", "swv_id")
            .first()
        )
        audit_log(
            request=request,
            action=AuditEvent.Action.READ,
            obj=leerling,
            leerling=leerling,
            object_type=leerlingen.object_type,
            result=AuditEvent.Result.OK if leerling else AuditEvent.Result.NOT_FOUND,
            reason="privacy-log: zoeken op BSN",
        )
        if leerling:
            # The id, never the BSN, goes into the URL.
            return redirect(f"{reverse('audit:timeline')}?leerling={leerling.pk}")
        bsn_niet_gevonden = True

    form = TimelineFilterForm(request.GET or None)
    f = _filter(request, form)
    # Every view of the log is a read: unfiltered it shows pupils' names and who saw them (issue 7, point 8).
    leerlingen = pupils()
    leerling = (
        leerlingen.model._default_manager.filter(pk=f.leerling_id, swv_id=f.swv_id)
        .only("pk", "swv_id")
        .first()
        if f.leerling_id and leerlingen is not None
        else None
    )
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="audit.timeline",
        leerling=leerling,
        reason="privacy-log geraadpleegd" + ("" if (f.leerling_id or f.leerling_naam) else " (ongefilterd)"),
    )
    # Django's Paginator needs only count() and slicing (as documented); the stubs ask for a sequence.
    paginator: Paginator[TimelineRow] = Paginator(_CountedTimeline(f), PAGE_SIZE)  # type: ignore[arg-type]
    page = paginator.get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "audit/timeline.html",
        {
            "form": form,
            "bsn_form": bsn_form,
            "bsn_niet_gevonden": bsn_niet_gevonden,
            "page": page,
            "querystring": query.urlencode(),
        },
    )


CSV_HEADER = [
    "tijdstip",
    "soort",
    "gebruiker_id",
    "gebruikersnaam",
    "naam",
    "rol",
    "organisatie",
    "actie",
    "object",
    "object_id",
    "objectsoort",
    "objectnaam",
    "leerling_id",
    "leerling",
    "resultaat",
    "ip_adres",
    "request_id",
    "reden",
    "wijzigingen",
]


@login_required
@permission_required("audit.bekijken", raise_exception=True)
@require_http_methods(["GET"])
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    form = TimelineFilterForm(request.GET or None)
    f = _filter(request, form)
    leerlingen = pupils()
    leerling = (
        leerlingen.model._default_manager.filter(pk=f.leerling_id, swv_id=f.swv_id)
        .only("pk", "swv_id")
        .first()
        if f.leerling_id and leerlingen is not None
        else None
    )
    # The export is itself an access to personal data: logged before a single row leaves.
    audit_log(
        request=request,
        action=AuditEvent.Action.EXPORT,
        object_type="audit.timeline",
        leerling=leerling,
        reason="privacy-log als CSV",
    )

    def rows():
        # The shared writer neutralises cells a spreadsheet would run as a formula (names, reasons).
        for row in timeline_iter(f):
            yield (
                [
                    timezone.localtime(row.at).isoformat(timespec="seconds"),
                    row.kind,
                    row.actor_id or "",
                    row.actor_username,
                    row.actor_naam,
                    row.rol_label,
                    row.organisatie,
                    row.action,
                    row.object_type,
                    row.object_id,
                    row.object_kind,
                    row.object_naam,
                    row.leerling_id or "",
                    row.leerling_naam,
                    row.result,
                    row.ip_address,
                    row.request_id,
                    row.reason,
                    row.changes_text,
                ]
            )

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return csv_response(f"privacy-log-{stamp}.csv", CSV_HEADER, rows())
