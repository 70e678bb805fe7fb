"""Pages of a case's documents (issue 11): list, upload, replace, remove, and the one way to a file.

Visibility is the case's rule (`get_casus_for_user` / `CasusDocument.objects.visible_to`): 404 for whoever
cannot see the case (another school, a partner without consent), so nobody learns which ids exist. A file
is never at a URL of its own: the download view checks access, writes an audit event (action download,
with the pupil) and answers an attachment typed by the checked content, with nosniff and no-store.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from swv.core.pages import submit_form
from swv.core.uploads import bestand_response

from . import services_document
from .forms_document import DocumentForm, DocumentVerwijderenForm
from .models import CasusDocument
from .rules import mag_document_toevoegen
from .selectors import get_casus_for_user


def _post(request):
    # A POST is always a bound form: an empty POST is invalid input (400), not a page view.
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def get_document_for_user(user, pk: int) -> CasusDocument:
    """The document if the user may see its case, else Http404 (missing and invisible alike)."""
    document = (
        CasusDocument.objects.visible_to(user)
        .select_related("casus", "casus__leerling", "geupload_door")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    return document


@login_required
def documenten(request: HttpRequest, pk: int) -> HttpResponse:
    casus = get_casus_for_user(request.user, pk, request=request, gelezen="documenten", reason="documenten")
    alle = list(
        # visible_to: the case is visible (above); advices only for the SWV and the school (the rule).
        CasusDocument.objects.visible_to(request.user)
        .filter(casus=casus)
        .select_related("geupload_door", "api_client")
        .order_by("-geupload_op", "-pk")
    )
    for d in alle:
        # Per document: the SWV manages every document, others only their own upload (cases.rules).
        d.mag_beheren = request.user.has_perm("cases.document_beheren", d)
    return render(
        request,
        "cases/documenten/lijst.html",
        {
            "casus": casus,
            "actueel": [d for d in alle if d.is_actueel],
            "eerder": [d for d in alle if not d.is_actueel],
            "mag_toevoegen": mag_document_toevoegen(request.user),
        },
    )


def _formulier(request, casus, form, titel, knop, document=None) -> HttpResponse:
    return render(
        request,
        "cases/documenten/formulier.html",
        {"casus": casus, "form": form, "titel": titel, "knop": knop, "document": document},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    casus = get_casus_for_user(
        request.user, pk, request=request, gelezen="document toevoegen", reason="document toevoegen"
    )
    if not mag_document_toevoegen(request.user):
        raise PermissionDenied
    form = DocumentForm(_post(request), _files(request))
    if done := submit_form(
        request,
        form,
        lambda: services_document.document_toevoegen(casus=casus, by=request.user, **form.cleaned_data),
        message=_("Het document is opgeslagen."),
        redirect_to=("cases:documenten", casus.pk),
    ):
        return done
    return _formulier(request, casus, form, _("Document toevoegen"), _("Opslaan"))


@login_required
@require_http_methods(["GET", "POST"])
def document_vervangen(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    casus = get_casus_for_user(
        request.user,
        document.casus_id,
        request=request,
        gelezen="document vervangen",
        reason="document vervangen",
    )
    if not request.user.has_perm("cases.document_beheren", document):
        raise PermissionDenied
    form = DocumentForm(
        _post(request), _files(request), initial={"soort": document.soort, "titel": document.titel}
    )
    if done := submit_form(
        request,
        form,
        lambda: services_document.document_toevoegen(
            casus=casus, by=request.user, vervangt=document, **form.cleaned_data
        ),
        message=_("De nieuwe versie is opgeslagen; de vorige staat bij de eerdere versies."),
        redirect_to=("cases:documenten", casus.pk),
    ):
        return done
    return _formulier(request, casus, form, _("Nieuwe versie van een document"), _("Opslaan"), document)


@login_required
@require_http_methods(["GET", "POST"])
def document_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    casus = get_casus_for_user(
        request.user,
        document.casus_id,
        request=request,
        gelezen="document verwijderen",
        reason="document verwijderen",
    )
    if not request.user.has_perm("cases.document_beheren", document):
        raise PermissionDenied
    form = DocumentVerwijderenForm(_post(request))
    if done := submit_form(
        request,
        form,
        lambda: services_document.document_verwijderen(
            document=document, by=request.user, reden=form.cleaned_data["reden"]
        ),
        message=_("Het document is verwijderd."),
        redirect_to=("cases:documenten", casus.pk),
    ):
        return done
    return _formulier(request, casus, form, _("Document verwijderen"), _("Verwijderen"), document)


def document_response(request, document: CasusDocument) -> FileResponse:
    """The file as an attachment, audited; shared by the page and the API (cases/api/documenten.py).
    The response itself is the platform's (swv.core.uploads.bestand_response)."""
    return bestand_response(
        request,
        document.bestand,
        filename=document.download_naam,
        content_type=document.content_type,
        obj=document,
        leerling=document.casus.leerling,
        reason="casusdocument",
    )


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    return document_response(request, get_document_for_user(request.user, pk))
