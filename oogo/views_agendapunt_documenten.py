"""Documents with an agenda item: upload and removal (the coordinator), download (whoever sees the item).

Visibility is the item's (oogo/querysets.py): a bestuurder of a gemeente of the meeting sees its documents,
of another gemeente 404, like the item itself. A file is never at a URL of its own: the download checks
access, writes an audit event (action download) and answers an attachment typed by the checked content,
with nosniff and no-store (swv.core.uploads.bestand_response).
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from swv.core.access import get_for_user
from swv.core.http import AuthenticatedHttpRequest
from swv.core.pages import submit_form
from swv.core.uploads import bestand_response

from . import selectors, services_documenten
from .forms_documenten import AgendapuntDocumentForm
from .models import AgendapuntDocument


def _mag_wijzigen(user) -> bool:
    return user.has_perm("oogo.wijzigen")


def documenten_context(request, punt, document_form=None) -> dict:
    """What the item's page shows of its documents (oogo/views.py `_agendapunt_pagina`)."""
    eigen, eerder = selectors.documenten_van(request.user, punt)
    context: dict = {"documenten": eigen, "eerdere_documenten": eerder}
    if _mag_wijzigen(request.user):
        context["document_form"] = document_form or AgendapuntDocumentForm()
    return context


@login_required
@require_POST
def document_toevoegen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from .forms import AgendapuntStatusForm
    from .views import _AGENDAPUNTEN, _agendapunt_pagina

    punt = get_for_user(_AGENDAPUNTEN, request.user, pk, write=True, may_write=_mag_wijzigen)
    form = AgendapuntDocumentForm(request.POST, request.FILES)
    if done := submit_form(
        request,
        form,
        lambda: services_documenten.document_toevoegen(agendapunt=punt, by=request.user, **form.cleaned_data),
        message=_("Het document is opgeslagen."),
        redirect_to=("oogo:agendapunt", punt.pk),
    ):
        return done
    status_form = AgendapuntStatusForm(initial={"status": punt.status, "uitkomst": punt.uitkomst})
    return _agendapunt_pagina(request, punt, status_form, status=400, document_form=form)


_DOCUMENTEN = AgendapuntDocument.objects.select_related("agendapunt")


@login_required
@require_GET
def document(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    doc = get_for_user(_DOCUMENTEN, request.user, pk)
    return bestand_response(
        request,
        doc.bestand,
        filename=doc.download_naam,
        content_type=doc.content_type,
        obj=doc,
        reason="oogo-document",
    )


@login_required
@require_POST
def document_verwijderen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from django.contrib import messages

    doc = get_for_user(_DOCUMENTEN, request.user, pk, write=True, may_write=_mag_wijzigen)
    services_documenten.document_verwijderen(document=doc, by=request.user)
    messages.success(request, _("Het document is verwijderd."))
    return redirect("oogo:agendapunt", doc.agendapunt_id)
