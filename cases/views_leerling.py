"""Pupil pages of issue 10 (part leerlingen): enrolments, ouders/verzorgers and the BSN on the pupil page.

Every page opens the pupil through `get_leerling_for_user` (404 invisible, 403 read-only, audited), writes
through `cases.services` and keeps the user's input on a Dutch error (`submit_form`). A BSN travels only in
a POST body: never in a URL, a log line or an audit row.
"""

import copy

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from swv.core.pages import submit_form

from . import services
from .forms import BsnVastleggenForm, InschrijvingBeeindigenForm, InschrijvingForm, OuderForm
from .models import Inschrijving, Ouder
from .selectors import get_leerling_for_user


def _formulier(request, form, *, leerling, titel, uitleg="", knop=None) -> HttpResponse:
    return render(
        request,
        "cases/leerling_formulier.html",
        {
            "form": form,
            "leerling": leerling,
            "titel": titel,
            "uitleg": uitleg,
            "knop": knop,
            "terug_url": reverse("cases:leerling_detail", args=[leerling.pk]),
        },
        status=400 if form.errors else 200,
    )


def _terug(leerling):
    return ("cases:leerling_detail", leerling.pk)


def _leerling_van(model, request, pk: int, *, gelezen: str = ""):
    """The child row (an ouder or enrolment) and its pupil, opened for writing by the pupil's rule."""
    leerling_id = model.objects.filter(pk=pk).values_list("leerling_id", flat=True).first()
    if leerling_id is None:
        raise Http404
    leerling = get_leerling_for_user(request.user, leerling_id, write=True, request=request, gelezen=gelezen)
    return model.objects.get(pk=pk, leerling=leerling), leerling


@login_required
@require_http_methods(["GET", "POST"])
def inschrijving_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    leerling = get_leerling_for_user(request.user, pk, write=True, request=request)
    form = InschrijvingForm(request.POST or None, swv=leerling.swv_id)
    if done := submit_form(
        request,
        form,
        lambda: services.inschrijving_toevoegen(leerling=leerling, by=request.user, **form.cleaned_data),
        message=_("De inschrijving is opgeslagen."),
        redirect_to=_terug(leerling),
    ):
        return done
    return _formulier(
        request,
        form,
        leerling=leerling,
        titel=_("Inschrijving toevoegen voor %(naam)s") % {"naam": leerling},
        uitleg=_(
            "Een leerling staat bij één school tegelijk ingeschreven: een lopende inschrijving bij een andere "
            "school eindigt op de dag voor de nieuwe."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def inschrijving_beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    inschrijving, leerling = _leerling_van(Inschrijving, request, pk)
    form = InschrijvingBeeindigenForm(request.POST or None)
    if done := submit_form(
        request,
        form,
        lambda: services.inschrijving_beeindigen(
            inschrijving=inschrijving,
            by=request.user,
            uitgeschreven_op=form.cleaned_data["uitgeschreven_op"],
            reden=form.cleaned_data["reden"],
        ),
        message=_("De inschrijving is beëindigd."),
        redirect_to=_terug(leerling),
    ):
        return done
    return _formulier(
        request,
        form,
        leerling=leerling,
        titel=_("Inschrijving bij %(school)s beëindigen") % {"school": inschrijving.school},
        knop=_("Beëindigen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ouder_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    leerling = get_leerling_for_user(request.user, pk, write=True, request=request)
    form = OuderForm(request.POST or None)
    if done := submit_form(
        request,
        form,
        lambda: services.ouder_toevoegen(leerling=leerling, by=request.user, **form.cleaned_data),
        message=_("De ouder/verzorger is toegevoegd."),
        redirect_to=_terug(leerling),
    ):
        return done
    return _formulier(
        request,
        form,
        leerling=leerling,
        titel=_("Ouder/verzorger toevoegen voor %(naam)s") % {"naam": leerling},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ouder_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    # The form shows the ouder's contact details: a read of the pupil's data.
    ouder, leerling = _leerling_van(Ouder, request, pk, gelezen="ouder/verzorger wijzigen")
    form = OuderForm(request.POST or None, instance=copy.copy(ouder))
    if done := submit_form(
        request,
        form,
        lambda: services.ouder_bijwerken(ouder=ouder, by=request.user, **form.cleaned_data),
        message=_("De gegevens van de ouder/verzorger zijn opgeslagen."),
        redirect_to=_terug(leerling),
    ):
        return done
    return _formulier(request, form, leerling=leerling, titel=_("%(naam)s wijzigen") % {"naam": ouder})


@login_required
@require_http_methods(["GET", "POST"])
def ouder_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    ouder, leerling = _leerling_van(Ouder, request, pk)
    form = _Bevestig(request.POST if request.method == "POST" else None)
    if done := submit_form(
        request,
        form,
        lambda: services.ouder_verwijderen(ouder=ouder, by=request.user),
        message=_("De ouder/verzorger is verwijderd."),
        redirect_to=_terug(leerling),
    ):
        return done
    return _formulier(
        request,
        form,
        leerling=leerling,
        titel=_("%(naam)s verwijderen") % {"naam": ouder},
        uitleg=_(
            "Verwijder alleen een ouder/verzorger die per vergissing is ingevoerd. De historie bewaart de "
            "gegevens; wie toestemming gaf of in een ondersteuningsteam zit, blijft staan."
        ),
        knop=_("Verwijderen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def bsn_vastleggen(request: HttpRequest, pk: int) -> HttpResponse:
    leerling = get_leerling_for_user(request.user, pk, write=True, request=request)
    form = BsnVastleggenForm(request.POST or None)
    if done := submit_form(
        request,
        form,
        lambda: services.bsn_vastleggen(leerling=leerling, by=request.user, bsn=form.cleaned_data["bsn"]),
        message=_("Het BSN is vastgelegd."),
        redirect_to=_terug(leerling),
    ):
        return done
    return _formulier(
        request,
        form,
        leerling=leerling,
        titel=_("BSN vastleggen voor %(naam)s") % {"naam": leerling},
        uitleg=_("Het BSN vervangt het onderwijsnummer zodra het bekend is."),
    )


class _Bevestig(forms.Form):
    """A form without fields: the POST itself is the confirmation (CSRF-protected)."""
