"""Pages of a case's arrangementen (issue 11).

Like every page of one case: `get_casus_for_user` answers 404 to whoever cannot see the case; the change
rights (cases.rules: the school and the SWV request, the SWV assigns/starts/ends) give 403 to who only reads.
Assigning a full voorziening shows the warning and asks for confirmation (services_arrangement).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from swv.core.pages import errors_to_form, submit_form

from . import services_arrangement
from .forms_arrangement import ArrangementAanvraagForm, ArrangementStatusForm
from .rules import mag_arrangement_aanvragen, mag_arrangement_beheren
from .selectors import get_casus_for_user
from .selectors_arrangement import arrangementen_van_casus, get_arrangement_for_user


def _post(request):
    # A POST is always a bound form: an empty POST is invalid input (400), not a page view.
    return request.POST if request.method == "POST" else None


@login_required
def arrangementen(request: HttpRequest, pk: int) -> HttpResponse:
    casus = get_casus_for_user(
        request.user, pk, request=request, gelezen="arrangementen", reason="arrangementen"
    )
    return render(
        request,
        "cases/arrangementen/lijst.html",
        {
            "casus": casus,
            "arrangementen": arrangementen_van_casus(casus),
            "mag_aanvragen": mag_arrangement_aanvragen(request.user) and not casus.is_gesloten,
            "mag_beheren": mag_arrangement_beheren(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def arrangement_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    casus = get_casus_for_user(
        request.user, pk, request=request, gelezen="arrangement aanvragen", reason="arrangement aanvragen"
    )
    if not mag_arrangement_aanvragen(request.user):
        raise PermissionDenied
    form = ArrangementAanvraagForm(_post(request), casus=casus)
    if done := submit_form(
        request,
        form,
        lambda: services_arrangement.arrangement_aanvragen(casus=casus, by=request.user, **form.cleaned_data),
        message=_("Het arrangement is aangevraagd."),
        redirect_to=("cases:arrangementen", casus.pk),
    ):
        return done
    return render(
        request,
        "cases/arrangementen/formulier.html",
        {"casus": casus, "form": form, "titel": _("Arrangement aanvragen"), "knop": _("Aanvragen")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def arrangement_status(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = get_arrangement_for_user(request.user, pk)
    casus = get_casus_for_user(
        request.user,
        arrangement.casus_id,
        request=request,
        gelezen="arrangement status",
        reason="arrangement status",
    )
    if not mag_arrangement_beheren(request.user):
        raise PermissionDenied
    form = ArrangementStatusForm(_post(request), arrangement=arrangement)
    waarschuwing = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_arrangement.arrangement_status_wijzigen(
                arrangement=arrangement,
                naar=data["naar"],
                van=data["van"],
                reden=data["reden"],
                einddatum=data["einddatum"],
                bevestigd=data["bevestigd"],
                by=request.user,
            )
        except services_arrangement.VoorzieningVol as vol:
            # Not an error of the input: a warning the user confirms with the checkbox (input kept).
            waarschuwing = vol.messages[0]
        except ValidationError as fout:
            errors_to_form(form, fout)
        else:
            messages.success(request, _("De status van het arrangement is gewijzigd."))
            return redirect("cases:arrangementen", casus.pk)
    return render(
        request,
        "cases/arrangementen/formulier.html",
        {
            "casus": casus,
            "arrangement": arrangement,
            "form": form,
            "waarschuwing": waarschuwing,
            "titel": _("Status van het arrangement wijzigen"),
            "knop": _("Opslaan"),
        },
        status=400 if form.errors or waarschuwing else 200,
    )
