"""Pages of the signals (issue 12): "Signalen" (the user's list) and one signal with the forms to
acknowledge, close with a note and reopen. Without JavaScript; every write through services_signaal.

Who: the list needs `thuiszitters.signalen`; one signal is looked up with `get_for_user` in the visibility
rule, so a signal meant for someone else answers 404 like a missing one. Whoever sees it may handle it.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.http import AuthenticatedHttpRequest
from swv.core.pages import submit_form

from . import selectors_signaal, services_signaal
from .controles import regel_titel
from .models.signaal import SignaalStatus

PAGE_SIZE = 50


class SignaalSluitenForm(forms.Form):
    notitie = forms.CharField(
        label=gettext_lazy("Notitie"),
        help_text=gettext_lazy("Wat is er met dit signaal gedaan? Verplicht om het signaal te sluiten."),
        max_length=services_signaal.NOTITIE_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
        error_messages={
            "required": gettext_lazy(
                "Schrijf in een notitie wat er met dit signaal is gedaan; zonder notitie sluit u het niet."
            )
        },
    )


@login_required
@permission_required("thuiszitters.signalen", raise_exception=True)
@require_http_methods(["GET"])
def signaal_lijst(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signals meant for the user: open first, by deadline; filters rule and status."""
    regels = selectors_signaal.regels_voor(request.user)
    regel = request.GET.get("regel", "")
    regel = regel if regel in regels else ""
    status = request.GET.get("status", "")
    status = status if status in SignaalStatus.values else ""
    qs = selectors_signaal.signalen_voor(request.user, regel=regel, status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    # The list names pupils: one read row per page shown.
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="thuiszitters.signaal",
        object_id="lijst",
        reason=f"Signalen: pagina {page.number}, {len(page.object_list)} signaal/signalen",
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "thuiszitters/signaal_lijst.html",
        {
            "page": page,
            # (name, Dutch label) for the filter: the user picks a rule by its label.
            "regels": [(naam, regel_titel(naam)) for naam in regels],
            "statussen": SignaalStatus.choices,
            "gekozen_regel": regel,
            "gekozen_status": status,
            "querystring": query.urlencode(),
            "vandaag": timezone.localdate(),
        },
    )


# The next step of the chain a signal asks for (docs/verzuim.md "De keten"): rule -> (URL name, permission,
# link text). The form opens with the pupil chosen (by id, never a BSN); the user still decides.
VOLGENDE_STAP = {
    "meldplicht_16_uur": (
        "thuiszitters:melding_nieuw",
        "thuiszitters.melden",
        gettext_lazy("Verzuimmelding doen"),
    ),
    "vier_weken_afwezig": (
        "thuiszitters:thuiszitter_nieuw",
        "thuiszitters.thuiszitter_registreren",
        gettext_lazy("Thuiszitter registreren"),
    ),
}


def _volgende_stap(request, signaal) -> tuple[str, str] | None:
    """(URL with the pupil, link text) of the step the signal asks for, when the user may take it."""
    stap = VOLGENDE_STAP.get(signaal.regel)
    if stap is None or signaal.status == SignaalStatus.GESLOTEN or not request.user.has_perm(stap[1]):
        return None
    return f"{reverse(stap[0])}?leerling={signaal.leerling_id}", str(stap[2])


def _detail(request, signaal, *, form=None, status: int = 200) -> HttpResponse:
    return render(
        request,
        "thuiszitters/signaal_detail.html",
        {
            "signaal": signaal,
            "form": form or SignaalSluitenForm(),
            "vandaag": timezone.localdate(),
            "volgende_stap": _volgende_stap(request, signaal),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def signaal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One signal with its pupil; POST `actie` = gezien | sluiten (with `notitie`) | heropenen."""
    signaal = selectors_signaal.get_signaal_for_user(request.user, pk, request=request)
    if request.method == "GET":
        return _detail(request, signaal)
    actie = request.POST.get("actie", "")
    if actie == "sluiten":
        form = SignaalSluitenForm(request.POST)
        if done := submit_form(
            request,
            form,
            lambda: services_signaal.signaal_sluiten(
                signaal=signaal, by=request.user, notitie=form.cleaned_data["notitie"]
            ),
            message=_("Het signaal is gesloten."),
            redirect_to=("thuiszitters:signaal_detail", signaal.pk),
        ):
            return done
        return _detail(request, signaal, form=form, status=400)
    diensten = {
        "gezien": (services_signaal.signaal_gezien, _("Het signaal staat op gezien.")),
        "heropenen": (services_signaal.signaal_heropenen, _("Het signaal is heropend.")),
    }
    if actie not in diensten:
        messages.error(request, _("Kies wat u met het signaal doet: gezien, sluiten of heropenen."))
        return _detail(request, signaal, status=400)
    doe, bericht = diensten[actie]
    try:
        doe(signaal=signaal, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, bericht)
    return redirect("thuiszitters:signaal_detail", signaal.pk)
