"""Pages of the partner registry. Every member of the SWV may read them; the SWV staff and the
functioneel beheerder may change organisations and key people (through the services)."""

import copy
import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.pages import submit_form
from swv.core.tenancy import acting_swv

from . import bezetting, documenten, selectors, services
from . import netwerk as netwerk_layout
from .forms import (
    AfspraakForm,
    AfsprakenFilterForm,
    AfsprakenRegisterForm,
    BeeindigenForm,
    DekkendNetwerkFilterForm,
    NetwerkFilterForm,
    OrganisatieFilter,
    OrganisatieForm,
    RoutekaartFilterForm,
    SleutelfiguurForm,
    SleutelfiguurWijzigenForm,
    VerhuizenForm,
    VoorzieningForm,
)
from .models import Afspraak, Domein, Niveau, Organisatie, Voorziening, domein_van
from .rules import mag_partners_wijzigen
from .views_personen import personen_in_zoeken

PAGE_SIZE = 50
# A soort with more organisations than this is one node in the netwerk picture ("Scholen (42)").
NETWERK_SAMENVOEGEN_VANAF = 6
MEERVOUD = {
    "school": _lazy("Scholen"),
    "schoolbestuur": _lazy("Schoolbesturen"),
    "gemeente": _lazy("Gemeenten"),
    "bedrijf": _lazy("Bedrijven"),
    "jeugdhulp": _lazy("Jeugdhulpaanbieders"),
}


def _swv(request: HttpRequest):
    swv = acting_swv(request.user)
    if swv is None:  # pragma: no cover - partners.module requires a membership
        raise PermissionDenied
    return swv


def _mag_schrijven(request: HttpRequest) -> None:
    if not mag_partners_wijzigen(request.user):
        raise PermissionDenied


# --- Partner list and detail ---


def partnerlijst(request: HttpRequest):
    """The partner list for the request's search and filters (GET): (filterset, rows). The page and its
    export (`views_export.organisaties_export`) both call this, so they list the same organisations."""
    # The key people are counted afterwards for the rows shown (selectors.met_aantal_sleutelfiguren), not
    # here for the whole SWV before LIMIT (issue 9).
    qs = Organisatie.objects.visible_to(request.user).select_related("gemeente").order_by("naam", "pk")
    filterset = OrganisatieFilter(request.GET or None, queryset=qs, request=request)
    return filterset, (filterset.qs if filterset.is_bound and filterset.is_valid() else qs)


@login_required
@permission_required("partners.module", raise_exception=True)
@vary_on_headers("HX-Request")
def index(request: HttpRequest) -> HttpResponse:
    """The registry: search and filters in the address; htmx swaps only the results while typing."""
    filterset, resultaat = partnerlijst(request)
    page = Paginator(resultaat, PAGE_SIZE).get_page(request.GET.get("pagina"))
    # The key people are counted for the page's rows only, after LIMIT, not for the whole SWV (issue 9).
    page.object_list = selectors.met_aantal_sleutelfiguren(list(page.object_list))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filter": filterset,
        "page": page,
        "querystring": query.urlencode(),
        "mag_wijzigen": mag_partners_wijzigen(request.user),
        **personen_in_zoeken(request),
    }
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return render(request, "partners/_organisatie_resultaten.html", context)
    return render(request, "partners/organisatie_list.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    # No module gate: the selector answers 404 for a missing or invisible organisation (another SWV).
    # It also writes the audited read when the page shows key people (personal data).
    organisatie = selectors.organisatie_pagina(request, pk)
    sleutelfiguren = organisatie.sleutelfiguren_lijst  # type: ignore[attr-defined]  # Prefetch(to_attr=) in the selector
    # Current, ended and not yet started: the one rule (Sleutelfiguur.is_huidig = querysets.huidig_q).
    huidig = [sf for sf in sleutelfiguren if sf.is_huidig]
    komend = sorted((sf for sf in sleutelfiguren if sf.is_komend), key=lambda sf: sf.van)
    eerder = sorted(
        (sf for sf in sleutelfiguren if not sf.is_huidig and not sf.is_komend),
        key=lambda sf: sf.tot,
        reverse=True,
    )
    niveaus = [
        {"sleutel": waarde, "naam": naam, "sleutelfiguren": [sf for sf in huidig if sf.niveau == waarde]}
        for waarde, naam in Niveau.choices
    ]
    afspraken = (
        Afspraak.objects.visible_to(request.user)
        .filter(partijen=organisatie)
        .prefetch_related(Prefetch("partijen", queryset=Organisatie.objects.only("pk", "naam")))
        .order_by("-ingangsdatum", "titel")
    )
    # Issue 11: the occupancy includes the places arrangementen of cases take (partners/bezetting.py).
    voorzieningen = bezetting.verrijk(
        list(
            Voorziening.objects.visible_to(request.user)
            .filter(aanbieder=organisatie)
            .order_by("doelgroep", "naam")
        )
    )
    scholen = (
        Organisatie.objects.visible_to(request.user).filter(schoolbestuur=organisatie).order_by("naam")
        if organisatie.soort == Organisatie.Soort.SCHOOLBESTUUR
        else []
    )
    return render(
        request,
        "partners/organisatie_detail.html",
        {
            "organisatie": organisatie,
            "werkgebied": organisatie.werkgebied.order_by("naam"),
            "niveaus": niveaus,
            "komend": komend,
            "eerder": eerder,
            "afspraken": afspraken,
            "voorzieningen": voorzieningen,
            "scholen": scholen,
            "mag_wijzigen": mag_partners_wijzigen(request.user),
        },
    )


# --- Changing the registry (SWV staff and beheerder) ---


def _formulier(
    request,
    form,
    *,
    titel,
    terug_url,
    terug_tekst,
    uitleg="",
    knop="",
    status=200,
    huidig="index",
    dubbel=None,
    dubbel_vakje="",
):
    return render(
        request,
        "partners/formulier.html",
        {
            "form": form,
            "titel": titel,
            "terug_url": terug_url,
            "terug_tekst": terug_tekst,
            "uitleg": uitleg,
            "knop": knop,
            "huidig": huidig,
            "dubbel": dubbel,
            "dubbel_vakje": dubbel_vakje,
        },
        status=status,
    )


@login_required
@permission_required("partners.module", raise_exception=True)
@require_http_methods(["GET", "POST"])
def organisatie_toevoegen(request: HttpRequest) -> HttpResponse:
    _mag_schrijven(request)
    swv = _swv(request)
    form = OrganisatieForm(request.POST or None, instance=Organisatie(swv=swv), request=request)
    if done := submit_form(
        request,
        form,
        lambda: services.organisatie_create(
            swv=swv,
            by=request.user,
            dubbel_toegestaan=form.cleaned_data["dubbel_toegestaan"],
            **_organisatie_gegevens(form),
        ),
        message=lambda organisatie: _("%(naam)s is toegevoegd.") % {"naam": organisatie.naam},
        redirect_to=lambda organisatie: ("partners:detail", organisatie.pk),
    ):
        return done
    return _formulier(
        request,
        form,
        dubbel=_dubbel(form, swv),
        dubbel_vakje=_("Toch toevoegen"),
        titel=_("Organisatie toevoegen"),
        terug_url=reverse("partners:index"),
        terug_tekst=_("Terug naar ketenpartners"),
        status=400 if form.errors else 200,
    )


def _dubbel(form, swv) -> Organisatie | None:
    """After a `mogelijk_dubbel` refusal: the organisation already there (the refusal names it), for a
    link, and the form keeps its "toch ..." checkbox. Otherwise the checkbox is not shown."""
    if not form.has_error("naam", code=services.MOGELIJK_DUBBEL):
        del form.fields["dubbel_toegestaan"]
        return None
    fout = next(e for e in form.errors.as_data()["naam"] if e.code == services.MOGELIJK_DUBBEL)
    return Organisatie.objects.filter(swv=swv, pk=(fout.params or {}).get("id", 0)).first()


def _organisatie_gegevens(form) -> dict:
    return {veld: form.cleaned_data[veld] for veld in form.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def organisatie_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    organisatie = selectors.get_organisatie_for_user(request.user, pk, write=True)
    # The form validates a copy: the service compares against the stored values to save only changes.
    form = OrganisatieForm(request.POST or None, instance=copy.copy(organisatie), request=request)
    if done := submit_form(
        request,
        form,
        lambda huidig: services.organisatie_update(
            organisatie=huidig,
            by=request.user,
            dubbel_toegestaan=form.cleaned_data["dubbel_toegestaan"],
            **_organisatie_gegevens(form),
        ),
        locked=organisatie,
        message=lambda o: _("De gegevens van %(naam)s zijn opgeslagen.") % {"naam": o.naam},
        redirect_to=lambda o: ("partners:detail", o.pk),
    ):
        return done
    return _formulier(
        request,
        form,
        dubbel=_dubbel(form, organisatie.swv_id),
        dubbel_vakje=_("Toch opslaan"),
        titel=_("%(naam)s wijzigen") % {"naam": organisatie.naam},
        terug_url=reverse("partners:detail", args=[organisatie.pk]),
        terug_tekst=_("Terug naar %(naam)s") % {"naam": organisatie.naam},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sleutelfiguur_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    organisatie = selectors.get_organisatie_for_user(request.user, pk, write=True)
    form = SleutelfiguurForm(request.POST or None, request=request)

    def opslaan():
        data = form.cleaned_data
        return services.sleutelfiguur_create(
            organisatie=organisatie,
            persoon=data["persoon"],
            voornaam=data["voornaam"],
            tussenvoegsel=data["tussenvoegsel"],
            achternaam=data["achternaam"],
            functie=data["functie"],
            niveau=data["niveau"],
            onderwerpen=data["onderwerpen"],
            gemeenten=list(data["gemeenten"]),
            telefoon=data["telefoon"],
            email=data["email"],
            van=data["van"],
            by=request.user,
        )

    if done := submit_form(
        request,
        form,
        opslaan,
        message=lambda sleutelfiguur: (
            _("%(persoon)s is toegevoegd als sleutelfiguur van %(organisatie)s.")
            % {"persoon": sleutelfiguur.persoon, "organisatie": organisatie.naam}
        ),
        redirect_to=("partners:detail", organisatie.pk),
    ):
        return done
    return _formulier(
        request,
        form,
        titel=_("Sleutelfiguur toevoegen aan %(naam)s") % {"naam": organisatie.naam},
        terug_url=reverse("partners:detail", args=[organisatie.pk]),
        terug_tekst=_("Terug naar %(naam)s") % {"naam": organisatie.naam},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sleutelfiguur_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a role's details, also on the day it started (issue 9); the history keeps what it was."""
    sleutelfiguur = selectors.get_sleutelfiguur_for_user(request.user, pk, write=True)
    form = SleutelfiguurWijzigenForm(request.POST or None, instance=copy.copy(sleutelfiguur), request=request)

    def opslaan(huidig):
        gegevens = {veld: form.cleaned_data[veld] for veld in form.Meta.fields if veld != "gemeenten"}
        return services.sleutelfiguur_update(
            sleutelfiguur=huidig, by=request.user, gemeenten=list(form.cleaned_data["gemeenten"]), **gegevens
        )

    organisatie = sleutelfiguur.organisatie
    if done := submit_form(
        request,
        form,
        opslaan,
        locked=sleutelfiguur,
        message=_("De rol van %(persoon)s bij %(organisatie)s is opgeslagen.")
        % {"persoon": sleutelfiguur.persoon, "organisatie": organisatie.naam},
        redirect_to=("partners:detail", organisatie.pk),
    ):
        return done
    return _formulier(
        request,
        form,
        titel=_("Rol van %(persoon)s wijzigen") % {"persoon": sleutelfiguur.persoon},
        uitleg=_(
            "Bij %(organisatie)s. Gaat de persoon naar een andere organisatie, gebruik dan “verhuizen”; "
            "zo blijft zichtbaar waar hij of zij eerder werkte."
        )
        % {"organisatie": organisatie.naam},
        terug_url=reverse("partners:detail", args=[organisatie.pk]),
        terug_tekst=_("Terug naar %(naam)s") % {"naam": organisatie.naam},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sleutelfiguur_verhuizen(request: HttpRequest, pk: int) -> HttpResponse:
    sleutelfiguur = selectors.get_sleutelfiguur_for_user(request.user, pk, write=True)
    form = VerhuizenForm(request.POST or None, request=request, sleutelfiguur=sleutelfiguur)
    if done := submit_form(
        request,
        form,
        lambda: services.sleutelfiguur_verhuizen(
            sleutelfiguur=sleutelfiguur,
            naar_organisatie=form.cleaned_data["naar_organisatie"],
            functie=form.cleaned_data["functie"],
            per=form.cleaned_data["per"],
            by=request.user,
        ),
        message=lambda nieuw: (
            _(
                "%(persoon)s werkt vanaf %(datum)s bij %(organisatie)s; de vorige rol blijft zichtbaar als geschiedenis."
            )
            % {
                "persoon": nieuw.persoon,
                "datum": date_format(nieuw.van, "j F Y"),
                "organisatie": nieuw.organisatie.naam,
            }
        ),
        redirect_to=lambda nieuw: ("partners:detail", nieuw.organisatie_id),
    ):
        return done
    organisatie = sleutelfiguur.organisatie
    return _formulier(
        request,
        form,
        titel=_("%(persoon)s verhuizen naar een andere organisatie") % {"persoon": sleutelfiguur.persoon},
        uitleg=_(
            "Nu: %(functie)s bij %(organisatie)s. De huidige rol eindigt op de gekozen datum en blijft "
            "als eerdere sleutelfiguur zichtbaar."
        )
        % {"functie": sleutelfiguur.functie, "organisatie": organisatie.naam},
        knop=_("Verhuizen"),
        terug_url=reverse("partners:detail", args=[organisatie.pk]),
        terug_tekst=_("Terug naar %(naam)s") % {"naam": organisatie.naam},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sleutelfiguur_beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    sleutelfiguur = selectors.get_sleutelfiguur_for_user(request.user, pk, write=True)
    form = BeeindigenForm(request.POST or None, sleutelfiguur=sleutelfiguur)
    if done := submit_form(
        request,
        form,
        lambda: services.sleutelfiguur_beeindigen(
            sleutelfiguur=sleutelfiguur, per=form.cleaned_data["per"], by=request.user
        ),
        message=lambda _sf: (
            _(
                "De rol van %(persoon)s bij %(organisatie)s is beëindigd; hij blijft zichtbaar als geschiedenis."
            )
            % {"persoon": sleutelfiguur.persoon, "organisatie": sleutelfiguur.organisatie.naam}
        ),
        redirect_to=("partners:detail", sleutelfiguur.organisatie_id),
    ):
        return done
    organisatie = sleutelfiguur.organisatie
    return _formulier(
        request,
        form,
        titel=_("Rol van %(persoon)s beëindigen") % {"persoon": sleutelfiguur.persoon},
        uitleg=_(
            "Nu: %(functie)s bij %(organisatie)s. Gebruik “verhuizen” als de persoon naar een andere partner gaat."
        )
        % {"functie": sleutelfiguur.functie, "organisatie": organisatie.naam},
        knop=_("Beëindigen"),
        terug_url=reverse("partners:detail", args=[organisatie.pk]),
        terug_tekst=_("Terug naar %(naam)s") % {"naam": organisatie.naam},
        status=400 if form.errors else 200,
    )


# --- Overviews ---


def _eigen_gemeente(request: HttpRequest, gemeenten: Sequence[Mapping[str, Any]]) -> int | None:
    """The gemeente a routekaart opens on: the user's own organisation when it is a gemeente of the
    werkgebied, else the gemeente it sits in, else the first gemeente by name."""
    ids = {g["pk"] for g in gemeenten}
    lidmaatschap = getattr(request, "lidmaatschap", None)
    organisatie = getattr(lidmaatschap, "organisatie", None) if lidmaatschap else None
    for kandidaat in (getattr(organisatie, "pk", None), getattr(organisatie, "gemeente_id", None)):
        if kandidaat in ids:
            return kandidaat
    return gemeenten[0]["pk"] if gemeenten else None


@login_required
@permission_required("partners.module", raise_exception=True)
def routekaart(request: HttpRequest) -> HttpResponse:
    """One gemeente (or jeugdzorgregio) at a time, below the gaps of every gemeente.

    The whole routekaart of a large SWV was thousands of entries (2.4 MB, seconds to render; issue 9):
    the gaps overview answers "where is nobody" for all gemeenten in one aggregate query, and the people
    are read and shown only for the gemeente chosen (GET, so it works without JavaScript).
    """
    swv = _swv(request)
    overzicht = selectors.routekaart_gaten(swv=swv)
    form = RoutekaartFilterForm(request.GET or None, request=request)
    gemeente = jeugdzorgregio = None
    if form.is_bound and form.is_valid():
        gemeente = form.cleaned_data["gemeente"]
        jeugdzorgregio = form.cleaned_data["jeugdzorgregio"]
    if gemeente is None and jeugdzorgregio is None:
        standaard = _eigen_gemeente(request, overzicht.gemeenten)
        if standaard is not None:
            gemeente = Organisatie(pk=standaard)
            if not form.is_bound or form.is_valid():
                form = RoutekaartFilterForm(initial={"gemeente": standaard}, request=request)
    kaart = (
        selectors.routekaart(swv=swv, gemeente=gemeente, jeugdzorgregio=jeugdzorgregio)
        if gemeente is not None or jeugdzorgregio is not None
        else selectors.Routekaart(gemeenten=[], regionaal=[])
    )
    # The routekaart lists key people with their contact details: a read of personal data.
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="partners.sleutelfiguur",
        object_id="routekaart",
        reason="routekaart"
        + (f" gemeente {gemeente.pk}" if gemeente else "")
        + (f" jeugdzorgregio {jeugdzorgregio.pk}" if jeugdzorgregio else ""),
    )
    return render(
        request,
        "partners/routekaart.html",
        {
            "form": form,
            "kaart": kaart,
            "overzicht": overzicht,
            "niveaus": Niveau.choices,
            # The entries link to partners:detail as this prefix + id: a {% url %} per person costs.
            "partners_url": reverse("partners:index"),
        },
    )


def _groepen_voor_netwerk(organisaties: list[Organisatie]) -> list[dict]:
    per_soort: dict[str, list[Organisatie]] = defaultdict(list)
    for organisatie in organisaties:
        per_soort[organisatie.soort].append(organisatie)
    soort_namen = dict(Organisatie.Soort.choices)
    per_domein: dict[str, list[dict]] = defaultdict(list)
    for soort, leden in sorted(per_soort.items(), key=lambda item: str(soort_namen.get(item[0], item[0]))):
        domein = domein_van(soort)
        if len(leden) > NETWERK_SAMENVOEGEN_VANAF:
            # Dozens of schools would crowd out the care partners; one node leads to the filtered list.
            per_domein[domein].append(
                {
                    "naam": f"{MEERVOUD.get(soort, soort_namen.get(soort, soort))} ({len(leden)})",
                    "url": f"{reverse('partners:index')}?soort={soort}&actief=ja",
                    "omschrijving": ngettext("%(aantal)d organisatie", "%(aantal)d organisaties", len(leden))
                    % {"aantal": len(leden)},
                }
            )
            continue
        for organisatie in leden:
            per_domein[domein].append(
                {
                    "naam": organisatie.naam,
                    "url": reverse("partners:detail", args=[organisatie.pk]),
                    "omschrijving": str(soort_namen.get(soort, soort)),
                }
            )
    return [
        {"sleutel": waarde, "naam": naam, "partners": per_domein.get(waarde, [])}
        for waarde, naam in Domein.choices
        # "Overig" only when there is something in it; the four worlds always show, also when empty.
        if waarde != Domein.OVERIG or per_domein.get(waarde)
    ]


@login_required
@permission_required("partners.module", raise_exception=True)
def netwerk(request: HttpRequest) -> HttpResponse:
    form = NetwerkFilterForm(request.GET or None, request=request)
    qs = Organisatie.objects.visible_to(request.user).actief().only("pk", "naam", "soort").order_by("naam")
    if form.is_bound and form.is_valid() and form.cleaned_data["gemeente"]:
        gemeente = form.cleaned_data["gemeente"]
        bediend = Organisatie.werkgebied.through.objects.filter(to_organisatie=gemeente).values(
            "from_organisatie"
        )
        qs = qs.filter(Q(pk=gemeente.pk) | Q(gemeente=gemeente) | Q(pk__in=bediend))
    groepen = _groepen_voor_netwerk(list(qs))
    sectoren = netwerk_layout.indeling(groepen)
    return render(
        request,
        "partners/netwerk.html",
        {
            "form": form,
            "groepen": groepen,
            "sectoren": sectoren,
            "aantal": sum(len(g["partners"]) for g in groepen),
            "breedte": netwerk_layout.BREEDTE,
            "hoogte": netwerk_layout.HOOGTE,
            "midden": netwerk_layout.MIDDEN,
            "straal_kern": netwerk_layout.STRAAL_KERN,
        },
    )


@login_required
@permission_required("partners.module", raise_exception=True)
def dekkend_netwerk(request: HttpRequest) -> HttpResponse:
    form = DekkendNetwerkFilterForm(request.GET or None, request=request)
    doelgroep = gemeente = None
    if form.is_bound and form.is_valid():
        doelgroep = form.cleaned_data["doelgroep"] or None
        gemeente = form.cleaned_data["gemeente"]
    overzicht = selectors.dekkend_netwerk(swv=_swv(request), doelgroep=doelgroep, gemeente=gemeente)
    return render(
        request,
        "partners/dekkend_netwerk.html",
        {
            "form": form,
            "overzicht": overzicht,
            "max_wachttijd": settings.DEKKEND_NETWERK_MAX_WACHTTIJD_WEKEN,
            "mag_wijzigen": mag_partners_wijzigen(request.user),
            "partners_url": reverse("partners:index"),
        },
    )


def afspraak_signalen(afspraak: Afspraak, vandaag: datetime.date) -> list[dict]:
    """What needs doing for an agreement, in words (never colour only)."""
    signalen = []
    for datum, te_laat, binnenkort in (
        (
            afspraak.evaluatiedatum,
            _("Evaluatie te laat: gepland op %(datum)s"),
            _("Evaluatie gepland op %(datum)s (over %(dagen)s dagen)"),
        ),
        (
            afspraak.einddatum,
            _("Verlopen op %(datum)s"),
            _("Verloopt op %(datum)s (over %(dagen)s dagen)"),
        ),
    ):
        if datum is None:
            continue
        tekst = date_format(datum, "j F Y")
        if datum < vandaag:
            signalen.append({"ernst": "fout", "tekst": te_laat % {"datum": tekst}})
        else:
            signalen.append(
                {
                    "ernst": "waarschuwing",
                    "tekst": binnenkort % {"datum": tekst, "dagen": (datum - vandaag).days},
                }
            )
    return signalen


def afspraken_met_signalen(
    *, swv, binnen_dagen: int, limiet: int | None = None, met_partijen: bool = True
) -> list[Afspraak]:
    """The agreements due in the window, each with `signalen` (what needs doing, in words)."""
    qs = selectors.afspraken_te_evalueren(swv=swv, binnen_dagen=binnen_dagen).select_related("eigenaar")
    if met_partijen:
        qs = qs.prefetch_related(
            Prefetch("partijen", queryset=Organisatie.objects.only("pk", "naam").order_by("naam"))
        )
    afspraken = list(qs[:limiet] if limiet else qs)
    vandaag = timezone.localdate()
    for afspraak in afspraken:
        afspraak.signalen = afspraak_signalen(afspraak, vandaag)  # type: ignore[attr-defined]  # for the templates only
    return afspraken


@login_required
@permission_required("partners.module", raise_exception=True)
def afspraken(request: HttpRequest) -> HttpResponse:
    form = AfsprakenFilterForm(request.GET or None)
    binnen_dagen = 60
    if form.is_bound and form.is_valid():
        binnen_dagen = form.cleaned_data["binnen_dagen"] or 60
    # Below what needs attention: the register of ALL agreements, so one saved with only an
    # ingangsdatum (no evaluation or end date) is visible where "Afspraak toevoegen" lands.
    register_form = AfsprakenRegisterForm(request.GET or None, swv=_swv(request))
    filters = {}
    if register_form.is_bound and register_form.is_valid():
        filters = {k: v for k, v in register_form.cleaned_data.items() if v}
    register = (
        selectors.afspraken_register(swv=_swv(request), **filters)
        .select_related("eigenaar")
        .prefetch_related(
            Prefetch("partijen", queryset=Organisatie.objects.only("pk", "naam").order_by("naam"))
        )
    )
    register_page = Paginator(register, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "partners/afspraken.html",
        {
            "form": form,
            "binnen_dagen": binnen_dagen,
            "afspraken": afspraken_met_signalen(swv=_swv(request), binnen_dagen=binnen_dagen),
            "register_form": register_form,
            "register_page": register_page,
            "querystring": query.urlencode(),
            "mag_wijzigen": mag_partners_wijzigen(request.user),
        },
    )


# --- Agreements and provisions (SWV staff and beheerder) ---


def _afspraak_gegevens(form, *, nieuw: bool) -> dict:
    gegevens = {veld: form.cleaned_data[veld] for veld in form.Meta.fields}
    # ClearableFileInput answers False for "remove the file" and None for "no upload": both mean no file.
    if not gegevens["document"]:
        gegevens["document"] = ""
    if nieuw and gegevens["eigenaar"] is None:
        del gegevens["eigenaar"]  # the service makes the person recording it the owner
    return gegevens


@login_required
@permission_required("partners.module", raise_exception=True)
@require_http_methods(["GET", "POST"])
def afspraak_nieuw(request: HttpRequest) -> HttpResponse:
    _mag_schrijven(request)
    swv = _swv(request)
    # Coming from an organisation's page (`?partij=<id>`, kept on the POST by the form's empty action):
    # that organisation is preselected as a party, and back and after saving lead to its page, which
    # lists its agreements. An id that is not a visible organisation of the own SWV is ignored.
    partij = None
    if request.GET.get("partij", "").isdigit():
        partij = Organisatie.objects.visible_to(request.user).filter(pk=int(request.GET["partij"])).first()
    form = AfspraakForm(
        request.POST or None,
        request.FILES or None,
        instance=Afspraak(swv=swv),
        initial={"partijen": [partij.pk]} if partij else {},
        request=request,
    )
    # "Zoeken" among the parties (AfspraakForm.partijen_zoek) shows the form again instead of saving.
    if not form.zoekt_partijen and (
        done := submit_form(
            request,
            form,
            lambda: services.afspraak_create(
                swv=swv, by=request.user, **_afspraak_gegevens(form, nieuw=True)
            ),
            message=lambda afspraak: _("De afspraak %(titel)s is vastgelegd.") % {"titel": afspraak.titel},
            redirect_to=("partners:detail", partij.pk) if partij else "partners:afspraken",
        )
    ):
        return done
    return _formulier(
        request,
        form,
        titel=_("Afspraak toevoegen"),
        terug_url=reverse("partners:detail", args=[partij.pk]) if partij else reverse("partners:afspraken"),
        terug_tekst=_("Terug naar %(naam)s") % {"naam": partij.naam} if partij else _("Terug naar afspraken"),
        status=400 if form.errors else 200,
        huidig="afspraken",
    )


@login_required
@require_http_methods(["GET", "POST"])
def afspraak_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    afspraak = selectors.get_afspraak_for_user(request.user, pk, write=True)
    # The form validates a copy: the service compares against the stored values to save only changes.
    form = AfspraakForm(
        request.POST or None, request.FILES or None, instance=copy.copy(afspraak), request=request
    )
    # "Zoeken" among the parties (AfspraakForm.partijen_zoek) shows the form again instead of saving.
    if not form.zoekt_partijen and (
        done := submit_form(
            request,
            form,
            lambda huidig: services.afspraak_update(
                afspraak=huidig, by=request.user, **_afspraak_gegevens(form, nieuw=False)
            ),
            locked=afspraak,
            message=lambda a: _("De afspraak %(titel)s is opgeslagen.") % {"titel": a.titel},
            redirect_to="partners:afspraken",
        )
    ):
        return done
    return _formulier(
        request,
        form,
        titel=_("%(titel)s wijzigen") % {"titel": afspraak.titel},
        terug_url=reverse("partners:afspraken"),
        terug_tekst=_("Terug naar afspraken"),
        status=400 if form.errors else 200,
        huidig="afspraken",
    )


@login_required
@permission_required("partners.module", raise_exception=True)
@require_GET
def afspraak_document(request: HttpRequest, pk: int) -> FileResponse:
    """The agreement's document, for whoever may see the agreement (404 otherwise, also for another SWV).

    Always a download (never rendered in the browser), typed by what the content was checked to be when it
    was stored, not sniffed; every download is written to the audit log.
    """
    afspraak = selectors.get_afspraak_for_user(request.user, pk)
    if not afspraak.document.name:  # the same test as `not afspraak.document` (FieldFile.__bool__)
        raise Http404
    try:
        bestand = afspraak.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit_log(
        request=request,
        action=AuditEvent.Action.DOWNLOAD,
        obj=afspraak,
        reason="afspraakdocument",
    )
    extensie = afspraak.document.name.rsplit(".", 1)[-1].lower()
    soort = documenten.PER_EXTENSIE.get(extensie)
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=afspraak.document.name.rsplit("/", 1)[-1],
        content_type=soort.content_type if soort else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def _voorziening_gegevens(form) -> dict:
    return {veld: form.cleaned_data[veld] for veld in form.Meta.fields}


@login_required
@permission_required("partners.module", raise_exception=True)
@require_http_methods(["GET", "POST"])
def voorziening_nieuw(request: HttpRequest) -> HttpResponse:
    _mag_schrijven(request)
    swv = _swv(request)
    initial = {}
    # Coming from an organisation's page: that organisation is the likely provider (the choices stay
    # limited to the own SWV, so another SWV's id simply selects nothing).
    if request.GET.get("aanbieder", "").isdigit():
        initial["aanbieder"] = int(request.GET["aanbieder"])
    form = VoorzieningForm(
        request.POST or None, instance=Voorziening(swv=swv), initial=initial, request=request
    )
    if done := submit_form(
        request,
        form,
        lambda: services.voorziening_create(swv=swv, by=request.user, **_voorziening_gegevens(form)),
        message=lambda voorziening: _("%(naam)s is toegevoegd.") % {"naam": voorziening.naam},
        redirect_to="partners:dekkend_netwerk",
    ):
        return done
    return _formulier(
        request,
        form,
        titel=_("Voorziening toevoegen"),
        terug_url=reverse("partners:dekkend_netwerk"),
        terug_tekst=_("Terug naar dekkend netwerk"),
        status=400 if form.errors else 200,
        huidig="dekkend_netwerk",
    )


@login_required
@require_http_methods(["GET", "POST"])
def voorziening_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    voorziening = selectors.get_voorziening_for_user(request.user, pk, write=True)
    form = VoorzieningForm(request.POST or None, instance=copy.copy(voorziening), request=request)
    if done := submit_form(
        request,
        form,
        lambda huidig: services.voorziening_update(
            voorziening=huidig, by=request.user, **_voorziening_gegevens(form)
        ),
        locked=voorziening,
        message=lambda v: _("De gegevens van %(naam)s zijn opgeslagen.") % {"naam": v.naam},
        redirect_to="partners:dekkend_netwerk",
    ):
        return done
    return _formulier(
        request,
        form,
        titel=_("%(naam)s wijzigen") % {"naam": voorziening.naam},
        terug_url=reverse("partners:dekkend_netwerk"),
        terug_tekst=_("Terug naar dekkend netwerk"),
        status=400 if form.errors else 200,
        huidig="dekkend_netwerk",
    )
