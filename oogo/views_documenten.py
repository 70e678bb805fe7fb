"""The agenda and minutes as PDF, "Notulen versturen" and the action list as CSV/XLSX (issue 13, "Output").

Who may read them is who may see the meeting or the actions page (oogo/querysets.py): the same selectors
as those pages, so an export never shows more than the page."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.access import get_for_user
from swv.core.exports import export_response
from swv.core.http import AuthenticatedHttpRequest

from . import documenten, selectors, verzending
from .models import Overleg
from .workflow import OverlegStatus

logger = logging.getLogger(__name__)


def _pdf_antwoord(overleg, soort: str, maak) -> HttpResponse:
    try:
        inhoud = maak(overleg)
    except documenten.PdfNietBeschikbaar:
        logger.exception("pdf niet beschikbaar", extra={"overleg_id": overleg.pk})
        return HttpResponse(
            _(
                "De PDF kan op deze server niet worden gemaakt: de opmaakbibliotheek (Pango) ontbreekt. "
                "Meld dit aan de beheerder; de gegevens staan op de pagina van het overleg."
            ),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(inhoud, content_type="application/pdf")
    datum = timezone.localtime(overleg.begin).date().isoformat()
    naam = f"{soort}-{slugify(overleg.titel) or 'overleg'}-{datum}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@login_required
@require_GET
def agenda_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    overleg = get_for_user(Overleg.objects.all(), request.user, pk)
    return _pdf_antwoord(overleg, "agenda", documenten.agenda_pdf)


@login_required
@require_GET
def notulen_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    overleg = get_for_user(Overleg.objects.all(), request.user, pk)
    if overleg.status != OverlegStatus.GEHOUDEN:
        # The minutes do not exist yet: a clear answer instead of an empty document.
        return HttpResponse(
            _("Er zijn nog geen notulen: het overleg is nog niet gehouden."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    return _pdf_antwoord(overleg, "notulen", documenten.notulen_pdf)


@login_required
@require_POST
def notulen_versturen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    overleg = get_for_user(
        Overleg.objects.all(),
        request.user,
        pk,
        write=True,
        may_write=lambda user: user.has_perm("oogo.wijzigen"),
    )
    try:
        aantal = verzending.notulen_versturen(overleg=overleg, by=request.user)
    except ValidationError as fout:
        for tekst in fout.messages:
            messages.error(request, tekst)
    else:
        if aantal:
            messages.success(
                request,
                _("De notulen worden verstuurd naar %(aantal)s genodigde(n).") % {"aantal": aantal},
            )
        else:
            messages.info(request, _("Alle genodigden met een e-mailadres hebben de notulen al gekregen."))
    return redirect("oogo:overleg", overleg.pk)


def _ja_nee(waarde: bool) -> str:
    return _("ja") if waarde else _("nee")


def _actiepunten_export(request: AuthenticatedHttpRequest, formaat: str) -> HttpResponseBase:
    """The actions page as a file: the same selector and filter (`?te_laat=1`), so the same rows."""
    alleen_te_laat = request.GET.get("te_laat") == "1"
    acties = list(
        selectors.actiepunten_voor(request.user, alleen_te_laat=alleen_te_laat).select_related("agendapunt")
    )
    organisaties = documenten.organisaties_van(a.eigenaar_id for a in acties)
    audit_log(
        request=request,
        action=AuditEvent.Action.EXPORT,
        object_type="oogo.actiepunt",
        reason=f"actiepuntenlijst OOGO {formaat}{' te laat' if alleen_te_laat else ''} ({len(acties)} rijen)",
    )
    header = [
        _("Omschrijving"),
        _("Overleg"),
        _("Agendapunt"),
        _("Eigenaar"),
        _("Organisatie"),
        _("Deadline"),
        _("Status"),
        _("Te laat"),
        _("Gereed op"),
    ]
    rijen = (
        [
            a.omschrijving,
            str(a.overleg),
            a.agendapunt.titel if a.agendapunt else "",
            a.eigenaar.naam,
            organisaties.get(a.eigenaar_id, ""),
            a.deadline,
            a.get_status_display(),
            _ja_nee(a.te_laat),
            a.gereed_op,
        ]
        for a in acties
    )
    stam = "oogo-actiepunten-te-laat" if alleen_te_laat else "oogo-actiepunten"
    return export_response(formaat, stam, header, rijen, sheet=_("Actiepunten"))


@login_required
@permission_required("oogo.module", raise_exception=True)
@require_GET
def actiepunten_csv(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    return _actiepunten_export(request, "csv")


@login_required
@permission_required("oogo.module", raise_exception=True)
@require_GET
def actiepunten_xlsx(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    return _actiepunten_export(request, "xlsx")
