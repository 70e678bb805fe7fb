import logging
import sys

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .acting import SESSION_KEY, actieve_lidmaatschappen, eerst_kiezen, lidmaatschap_van
from .api.exceptions import problem_response
from .health import run_checks
from .protection import DATABASE_ERRORS, database_unavailable

logger = logging.getLogger(__name__)


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    healthy, checks = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": checks},
        status=200 if healthy else 503,
    )


@login_required
def start(request: HttpRequest) -> HttpResponse:
    from .plugins import start_blocks
    from .uitnodigingen import open_uitnodigingen

    context = {"uitnodigingen_open": open_uitnodigingen(request.user).count(), "start_blokken": []}
    lidmaatschap = lidmaatschap_van(request.user)
    if lidmaatschap is not None:
        # The apps' blocks (registered in their AppConfig.ready), for the roles that may see them.
        context["start_blokken"] = [
            {"template": blok.template, "context": blok.context(request, lidmaatschap)}
            for blok in start_blocks()
            if not blok.permission or request.user.has_perm(blok.permission)
        ]
    return render(request, "core/start.html", context)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 404)
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 403)
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception: a database that is down (found while a
    # middleware loaded the session or the user) is a 503, not a fault of ours.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    if _is_api(request):
        return problem_response(request, 500)
    # No context processors: whatever broke may be what they depend on.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 400)
    return render(request, "400.html", status=400)


@never_cache
@login_required
def uitnodigingen(request: HttpRequest) -> HttpResponse:
    """Invitations to join another SWV: the owner of the account accepts or declines them here."""
    from django.core.exceptions import ValidationError

    from .uitnodigingen import open_uitnodigingen, uitnodiging_beantwoorden

    if request.method == "POST":
        besluit = request.POST.get("besluit")
        gekozen = request.POST.get("uitnodiging", "")
        try:
            if besluit not in {"accepteren", "weigeren"} or not gekozen.isdigit():
                raise ValidationError(_("Kies een uitnodiging en accepteer of weiger die."))
            uitnodiging = uitnodiging_beantwoorden(
                uitnodiging_id=int(gekozen), user=request.user, accepteren=besluit == "accepteren"
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            context = {"uitnodigingen": list(open_uitnodigingen(request.user))}
            return render(request, "core/uitnodigingen.html", context, status=400)
        tekst = (
            _("U bent nu %(rol)s voor %(organisatie)s. Kies bij 'Rol kiezen' voor wie u werkt.")
            if uitnodiging.status == uitnodiging.Status.GEACCEPTEERD
            else _("U heeft de uitnodiging als %(rol)s voor %(organisatie)s geweigerd.")
        )
        messages.success(
            request,
            tekst % {"rol": uitnodiging.get_rol_display(), "organisatie": uitnodiging.organisatie.naam},
        )
        return redirect("uitnodigingen")
    return render(
        request, "core/uitnodigingen.html", {"uitnodigingen": list(open_uitnodigingen(request.user))}
    )


class InloggenView(auth_views.LoginView):
    """The login page; someone with more than one membership first chooses whom they act for.

    Silently taking the first membership would let an intern begeleider who is also a ketenpartner
    start working in the wrong role. With two-step verification on, the 2FA middleware sends the
    choice page through the second step first (it keeps the whole address, `next` included).
    """

    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        return eerst_kiezen(self.request, super().get_success_url())


def _veilige_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("start")


@login_required
def kies_lidmaatschap(request: HttpRequest) -> HttpResponse:
    """Choose which membership (organisation + role) the user acts through from now on."""
    lidmaatschappen = actieve_lidmaatschappen(request.user)
    next_url = _veilige_next(request)
    context = {
        "lidmaatschappen": lidmaatschappen,
        "next": next_url,
        # Right after login nothing is chosen yet: no radio button is pre-selected.
        "gekozen_id": request.session.get(SESSION_KEY),
    }
    if request.method == "POST":
        gekozen = request.POST.get("lidmaatschap")
        match = next((lm for lm in lidmaatschappen if str(lm.pk) == gekozen), None)
        if match is None:
            messages.error(request, _("Kies een van uw eigen lidmaatschappen."))
            return render(request, "core/kies_lidmaatschap.html", context, status=400)
        request.session[SESSION_KEY] = match.pk
        logger.info("lidmaatschap gewisseld", extra={"lidmaatschap_id": match.pk, "rol": match.rol})
        messages.success(
            request,
            _("U werkt nu als %(rol)s voor %(organisatie)s.")
            % {"rol": match.get_rol_display(), "organisatie": match.organisatie.naam},
        )
        return redirect(next_url)
    return render(request, "core/kies_lidmaatschap.html", context)
