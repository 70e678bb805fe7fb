"""Pages of verzuim (issue 12, part paginas): the module's landing page per role, a school's verzuimmelding,
absence by hand and by CSV upload (with a dry run), leerplicht's "Mijn meldingen" and the handling of one.

Every page works without JavaScript. Reads go through thuiszitters.selectors_paginas (visible_to; one
melding through `get_for_user`, audited as a read of pupil data), writes through the services
(services_melding, services_absentie). A BSN travels only in an uploaded file or a POST body: never in a
URL, a log line, an audit row or the cache key of a dry run.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, Rol
from swv.core.pages import submit_form

from . import services_melding
from .absentie_csv import CsvFout, controleer_grootte, lees_absentie_csv
from .forms_paginas import AbsentieForm, BehandelForm, MeldingFilterForm, MeldingForm, NotitieForm, UploadForm
from .models import Absentie, MeldingNotitie
from .models.melding import MeldingStatus, SoortVerzuim
from .selectors_paginas import get_melding_for_user, meldingen_lijst
from .services_absentie import TeVeelRijen, absentie_invoeren, absenties_proef, absenties_verwerken
from .workflow import OVERGANGEN

logger = logging.getLogger(__name__)

PAGINA = 50
# How long a dry run's rows wait for "Verwerken" (the school checks the result, then processes).
PROEF_BEWAREN = 30 * 60
# The most outcomes a dry run shows row by row; the counts and every error are always shown.
PROEF_TONEN = 500


def _rol(request) -> str:
    lidmaatschap = lidmaatschap_van(request.user)
    return lidmaatschap.rol if lidmaatschap else ""


def _organisatie(request):
    lidmaatschap = lidmaatschap_van(request.user)
    return lidmaatschap.organisatie if lidmaatschap else None


def _querystring(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


def _lijst_gelezen(request, page, object_type: str, wat: str) -> None:
    # A list shows pupils' names: one read row per request (who, which list, how many), as cases does.
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type=object_type,
        object_id="lijst",
        reason=f"{wat}: pagina {page.number}, {len(page.object_list)} rij(en)",
    )


@login_required
@permission_required("thuiszitters.meldingen", raise_exception=True)
def meldingen(request: HttpRequest) -> HttpResponse:
    """The meldingen the role sees (school: its own; leerplicht: its gemeente's; SWV: all), open first."""
    form = MeldingFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(meldingen_lijst(request.user, status=status), PAGINA).get_page(request.GET.get("pagina"))
    _lijst_gelezen(request, page, "thuiszitters.verzuimmelding", "verzuimmeldingen")
    rol = _rol(request)
    return render(
        request,
        "thuiszitters/paginas_meldingen.html",
        {
            "page": page,
            "form": form,
            "querystring": _querystring(request),
            "titel": _("Mijn meldingen") if rol == Rol.LEERPLICHTAMBTENAAR else _("Verzuimmeldingen"),
            "mag_melden": request.user.has_perm("thuiszitters.melden"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("thuiszitters.melden", raise_exception=True)
@require_http_methods(["GET", "POST"])
def melding_nieuw(request: HttpRequest) -> HttpResponse:
    school = _organisatie(request)
    initial = {}
    # From a meldplicht signal (its "Verzuimmelding doen" link): the pupil by id, never a BSN; only the
    # school's own pupils are choices, so another id just leaves the choice empty.
    if (leerling := request.GET.get("leerling", "")).isdigit():
        initial = {"leerling": int(leerling), "vermoedelijke_soort": SoortVerzuim.ZESTIEN_UUR}
    form = MeldingForm(request.POST if request.method == "POST" else None, school=school, initial=initial)
    if done := submit_form(
        request,
        form,
        lambda: services_melding.melding_indienen(
            by=request.user, leerling=form.cleaned_data["leerling"], velden=form.velden()
        ),
        message=_("De verzuimmelding is gedaan. De leerplichtambtenaar van de woongemeente behandelt haar."),
        redirect_to=lambda melding: ("thuiszitters:melding_detail", melding.pk),
    ):
        return done
    return render(
        request,
        "thuiszitters/paginas_melding_formulier.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _afgerond(melding) -> str:
    """The Dutch reason a final melding no longer changes (services_melding.controleer_wijzigbaar, the one
    rule), or "" while it can."""
    try:
        services_melding.controleer_wijzigbaar(melding)
    except ValidationError as fout:
        return fout.messages[0]
    return ""


@login_required
def melding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    melding = get_melding_for_user(request.user, pk, request=request)
    mag_intrekken = (
        request.user.has_perm("thuiszitters.melden")
        and OVERGANGEN.get(melding.status, {}).get(MeldingStatus.INGETROKKEN) == "school"
    )
    return render(
        request,
        "thuiszitters/paginas_melding_detail.html",
        {
            "melding": melding,
            "mag_intrekken": mag_intrekken,
            "mag_behandelen": request.user.has_perm("thuiszitters.melding_behandelen"),
            "afgerond": _afgerond(melding),
            # Not for the school (MeldingNotitieQuerySet): leerplicht's notes are its own and the SWV's.
            "toon_notities": _rol(request) not in SCHOOL_ROLLEN,
            "notities": MeldingNotitie.objects.visible_to(request.user)
            .filter(melding=melding)
            .select_related("door"),
        },
    )


@login_required
@require_POST
def melding_intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    melding = get_melding_for_user(request.user, pk, request=request, gelezen="verzuimmelding intrekken")
    if not request.user.has_perm("thuiszitters.melden"):
        raise PermissionDenied
    try:
        services_melding.melding_status(
            by=request.user,
            melding=melding,
            naar=MeldingStatus.INGETROKKEN,
            van=request.POST.get("van") or None,
        )
    except ValidationError as fout:
        for tekst in fout.messages:
            messages.error(request, tekst)
    else:
        messages.success(request, _("De verzuimmelding is ingetrokken."))
    return redirect("thuiszitters:melding_detail", melding.pk)


@login_required
@require_http_methods(["GET", "POST"])
def melding_behandelen(request: HttpRequest, pk: int) -> HttpResponse:
    melding = get_melding_for_user(request.user, pk, request=request, gelezen="verzuimmelding behandelen")
    if not request.user.has_perm("thuiszitters.melding_behandelen"):
        raise PermissionDenied
    form = BehandelForm(
        request.POST if request.method == "POST" else None,
        initial={
            "van": melding.status,
            "toelichting": melding.toelichting_gemeente,
            "contactpersoon": melding.contactpersoon_id or request.user.pk,
        },
        contactpersonen=services_melding.contactpersonen(_organisatie(request)),
    )

    def opslaan():
        data = form.cleaned_data
        # A status step stores the gemeente's part with it (one write); without a step only that part. Both
        # refuse a final melding (services_melding.controleer_wijzigbaar) with a Dutch message.
        if data["status"]:
            return services_melding.melding_status(
                by=request.user,
                melding=melding,
                naar=data["status"],
                van=data["van"] or None,
                reden_afgesloten=data["reden_afgesloten"],
                toelichting=data["toelichting"],
                contactpersoon=data["contactpersoon"],  # the form's choice, also when left empty
            )
        return services_melding.melding_bijwerken(
            by=request.user,
            melding=melding,
            toelichting=data["toelichting"],
            contactpersoon=data["contactpersoon"],
            van=data["van"] or None,
        )

    if done := submit_form(
        request,
        form,
        opslaan,
        message=_("De melding is bijgewerkt."),
        redirect_to=lambda m: ("thuiszitters:melding_detail", m.pk),
    ):
        return done
    return render(
        request,
        "thuiszitters/paginas_melding_behandelen.html",
        # A final melding does not change (services_melding.controleer_wijzigbaar): the page says so, no form.
        {"melding": melding, "form": form, "afgerond": _afgerond(melding)},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("thuiszitters.absentie_invoeren", raise_exception=True)
@require_http_methods(["GET", "POST"])
def absentie(request: HttpRequest) -> HttpResponse:
    """Absence by hand, and the school's recent absence rows."""
    school = _organisatie(request)
    form = AbsentieForm(request.POST if request.method == "POST" else None, school=school)
    if request.method == "POST" and form.is_valid():
        resultaat = absentie_invoeren(by=request.user, school=school, **form.cleaned_data)
        if resultaat.fouten:
            form.add_error(None, [fout.reden for fout in resultaat.fouten])
        else:
            messages.success(request, _("De absentie is vastgelegd."))
            return redirect("thuiszitters:absentie")
    qs = Absentie.objects.visible_to(request.user).select_related("leerling").order_by("-datum", "-pk")
    page = Paginator(qs, PAGINA).get_page(request.GET.get("pagina"))
    _lijst_gelezen(request, page, "thuiszitters.absentie", "absentie")
    return render(
        request,
        "thuiszitters/paginas_absentie.html",
        {"form": form, "page": page, "querystring": _querystring(request)},
        status=400 if form.errors else 200,
    )


def _proef_sleutel(token: str) -> str:
    return f"thuiszitters:absentie-proef:{token}"


# --- issue 12, verzuim-robuust: the upload with the cache (Redis) down ---
# A dry run writes nothing and keeps its rows only in the cache. With Redis down the dry run is still shown
# (without "Nu verwerken", and saying why), and "Direct verwerken" of the file does not need the cache: the
# school loses nothing and can still store its absence. Only fetching a kept dry run fails: a Dutch 503.
CACHE_RETRY_AFTER = 60


def _cache_storing(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.warning("absentie-proef niet op te halen: de cache is niet bereikbaar (%s)", type(exc).__name__)
    response = render(
        request, "thuiszitters/paginas_upload.html", {"form": UploadForm(), "cache_storing": True}, status=503
    )
    response["Retry-After"] = str(CACHE_RETRY_AFTER)
    return response


def _uitkomsten_met_regels(uitkomsten, regels, csv_fouten) -> list[dict]:
    """The service's rows (by index) with the file's line numbers, and the lines the reader refused."""
    rijen = [
        {"regel": regels[u.index], "id": u.extern_id, "uitkomst": u.uitkomst, "reden": u.reden}
        for u in uitkomsten
    ]
    rijen += [
        {"regel": regel, "id": ident, "uitkomst": "fout", "reden": reden}
        for regel, ident, reden in csv_fouten
    ]
    return sorted(rijen, key=lambda rij: rij["regel"])


@login_required
@permission_required("thuiszitters.absentie_invoeren", raise_exception=True)
@require_http_methods(["GET", "POST"])
def absentie_uploaden(request: HttpRequest) -> HttpResponse:
    """Upload a CSV: "Proefverwerking" shows per line what would happen and writes nothing; "Verwerken" (of
    the file, or of the dry run just shown) stores the good rows through `absenties_verwerken`."""
    school = _organisatie(request)
    # A POST is always a bound form: an empty POST is invalid input (400), not a page view.
    form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    context: dict[str, Any] = {"form": form}
    actie = request.POST.get("actie", "")
    gelezen = None
    naam = ""
    if request.method == "POST" and request.POST.get("token"):
        # "Verwerken" after a dry run: the rows wait in the cache for this user and school only.
        try:
            bewaard = cache.get(_proef_sleutel(request.POST["token"]))
        except Exception as exc:  # noqa: BLE001 - any cache failure (Redis down): see _cache_storing
            return _cache_storing(request, exc)
        if not bewaard or bewaard["user"] != request.user.pk or bewaard["school"] != school.pk:
            return render(
                request,
                "thuiszitters/paginas_upload.html",
                {"form": UploadForm(), "verlopen": True},
                status=400,
            )
        gelezen, naam = bewaard["gelezen"], bewaard["naam"]
        form = context["form"] = UploadForm()  # no file in this request: the form starts empty again
        # A token left behind (Redis down) only processes the same rows again: all "ongewijzigd".
        with contextlib.suppress(Exception):
            cache.delete(_proef_sleutel(request.POST["token"]))
        actie = "verwerken"
    elif request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        naam = bestand.name
        try:
            controleer_grootte(bestand.size)  # before reading it
            gelezen = lees_absentie_csv(bestand.read())
        except CsvFout as fout:
            form.add_error("bestand", str(fout))
    if gelezen is not None:
        try:
            if actie == "verwerken":
                resultaat = absenties_verwerken(by=request.user, school=school, rijen=gelezen.rijen)
                uitkomsten = None
            else:
                resultaat, uitkomsten = absenties_proef(school=school, rijen=gelezen.rijen)
        except TeVeelRijen as fout:
            form.add_error(None, str(fout))
        else:
            fouten = [
                (gelezen.regels[f.index], f.extern_id, f.reden) for f in resultaat.fouten
            ] + gelezen.fouten
            context.update(
                {
                    "naam": naam,
                    "resultaat": resultaat,
                    "aantal_regels": len(gelezen.regels) + len(gelezen.fouten),
                    "fouten": sorted(fouten),
                    "proef": actie != "verwerken",
                }
            )
            if actie != "verwerken":
                nieuw = secrets.token_urlsafe(24)
                token: str | None = nieuw
                try:
                    cache.set(
                        _proef_sleutel(nieuw),
                        {"user": request.user.pk, "school": school.pk, "gelezen": gelezen, "naam": naam},
                        PROEF_BEWAREN,
                    )
                except Exception as exc:  # noqa: BLE001 - Redis down: the dry run is shown, not kept
                    logger.warning(
                        "absentie-proef niet bewaard: de cache is niet bereikbaar (%s)", type(exc).__name__
                    )
                    token = None
                rijen = _uitkomsten_met_regels(uitkomsten, gelezen.regels, gelezen.fouten)
                context.update(
                    {"token": token, "rijen": rijen[:PROEF_TONEN], "meer": max(0, len(rijen) - PROEF_TONEN)}
                )
            else:
                messages.success(
                    request,
                    _("Verwerkt: %(n)s nieuw, %(b)s bijgewerkt, %(o)s ongewijzigd, %(f)s met een fout.")
                    % {
                        "n": resultaat.aangemaakt,
                        "b": resultaat.bijgewerkt,
                        "o": resultaat.ongewijzigd,
                        "f": len(fouten),
                    },
                )
    status = 400 if form.errors else 200
    return render(request, "thuiszitters/paginas_upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def melding_acties(request: HttpRequest, pk: int) -> HttpResponse:
    """Leerplicht's actions and notes on a melding: the list, and a form to add one."""
    melding = get_melding_for_user(request.user, pk, request=request, gelezen="verzuimmelding acties")
    if not request.user.has_perm("thuiszitters.melding_behandelen"):
        raise PermissionDenied
    form = NotitieForm(
        request.POST if request.method == "POST" else None, initial={"datum": timezone.localdate()}
    )
    if done := submit_form(
        request,
        form,
        lambda: services_melding.notitie_toevoegen(by=request.user, melding=melding, **form.cleaned_data),
        message=_("De actie is vastgelegd."),
        redirect_to=("thuiszitters:melding_acties", melding.pk),
    ):
        return done
    notities = MeldingNotitie.objects.visible_to(request.user).filter(melding=melding).select_related("door")
    return render(
        request,
        "thuiszitters/paginas_melding_acties.html",
        {"melding": melding, "form": form, "notities": notities},
        status=400 if form.errors else 200,
    )
