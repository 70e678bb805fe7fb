"""Pages of the ondersteuningsteam, the toestemming, the betrokkenen and the tijdlijn (issue 10, part team).

Pages of one case have no module gate: `get_casus_for_user` answers 404 to everyone who cannot see the
case (`Casus.objects.visible_to`: a partner only as member with valid consent), so nobody learns which
ids exist, and a partner whose consent was withdrawn gets a 404 on the very next request. Changes are
for the roles of `cases.rules.mag_team_wijzigen` (403 for the others who see the case).
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partners.selectors import routekaart
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.pages import submit_form

from . import services_overdracht, services_team
from .forms_team import BeeindigenForm, IntrekkenForm, OtLidForm, ToestemmingForm, toestemming_status
from .models import Casus, OtLid, Ouder, TijdlijnGebeurtenis, Toestemming
from .rules import mag_team_wijzigen
from .selectors import get_casus_for_user

TIJDLIJN_PAGINA = 100
MIJN_PAGINA = 50


def _casus(request, pk: int, *, gelezen: str, write: bool = False) -> Casus:
    casus = get_casus_for_user(request.user, pk, request=request, gelezen=gelezen, reason=gelezen)
    # Change rights after visibility: 404 for who cannot see, 403 for who may only read.
    if write and not mag_team_wijzigen(request.user):
        raise PermissionDenied
    # Issue 11, overdracht: the sending school's access after a handover is read only.
    if write and services_overdracht.alleen_leestoegang(request.user, casus):
        raise PermissionDenied
    return casus


def _leden(casus: Casus):
    return list(
        OtLid.objects.filter(casus=casus)
        .select_related("organisatie", "persoon", "gebruiker", "ouder")
        .order_by("beeindigd_op", "rol", "pk")
    )


@login_required
def team(request: HttpRequest, pk: int) -> HttpResponse:
    """Members (current and ended) and every consent of the pupil, with its status (history kept)."""
    casus = _casus(request, pk, gelezen="ondersteuningsteam")
    vandaag = timezone.localdate()
    toestemmingen = list(
        Toestemming.objects.filter(swv_id=casus.swv_id, leerling_id=casus.leerling_id)
        .select_related("organisatie", "gegeven_door_ouder", "vastgelegd_door")
        .order_by("-gegeven_op", "-pk")
    )
    for t in toestemmingen:
        t.status = toestemming_status(t, vandaag)  # type: ignore[attr-defined]
    leden = _leden(casus)
    return render(
        request,
        "cases/team_detail.html",
        {
            "casus": casus,
            "leden": [lid for lid in leden if lid.beeindigd_op is None],
            "oud_leden": [lid for lid in leden if lid.beeindigd_op is not None],
            "toestemmingen": toestemmingen,
            "mag_wijzigen": mag_team_wijzigen(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lid_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    casus = _casus(request, pk, gelezen="ondersteuningsteam: lid toevoegen", write=True)
    form = OtLidForm(request.POST or None, casus=casus)
    if done := submit_form(
        request,
        form,
        lambda: services_team.ot_lid_toevoegen(casus=casus, by=request.user, **form.service_velden()),
        message=_("Het lid is toegevoegd aan het ondersteuningsteam."),
        redirect_to=("cases:team", casus.pk),
    ):
        return done
    return _formulier(request, casus, form, _("Lid toevoegen aan het ondersteuningsteam"), _("Toevoegen"))


def _formulier(request, casus, form, titel, knop, uitleg="") -> HttpResponse:
    return render(
        request,
        "cases/team_formulier.html",
        {"casus": casus, "form": form, "titel": titel, "knop": knop, "uitleg": uitleg},
        status=400 if form.errors else 200,
    )


def _lid_voor(request, pk: int) -> OtLid:
    lid = (
        OtLid.objects.visible_to(request.user)
        .select_related("casus", "gebruiker", "persoon", "ouder", "organisatie")
        .filter(pk=pk)
        .first()
    )
    if lid is None:
        raise Http404
    return lid


@login_required
@require_http_methods(["GET", "POST"])
def lid_beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    lid = _lid_voor(request, pk)
    casus = _casus(request, lid.casus_id, gelezen="ondersteuningsteam: lid beëindigen", write=True)
    form = BeeindigenForm(request.POST or None)
    if lid.beeindigd_op is not None:
        form.add_error(None, _("Dit lidmaatschap is al beëindigd."))
    if done := submit_form(
        request,
        form,
        lambda: services_team.ot_lid_beeindigen(lid=lid, by=request.user, reden=form.cleaned_data["reden"]),
        message=_("Het lidmaatschap is beëindigd."),
        redirect_to=("cases:team", casus.pk),
    ):
        return done
    uitleg = _(
        "%(wie)s is daarna geen lid meer van het ondersteuningsteam. Een ketenpartner of leerplichtambtenaar ziet de casus dan niet meer."
    ) % {"wie": services_team.naam_lid(lid)}
    return _formulier(request, casus, form, _("Lidmaatschap beëindigen"), _("Beëindigen"), uitleg)


@login_required
@require_http_methods(["GET", "POST"])
def toestemming_vastleggen(request: HttpRequest, pk: int) -> HttpResponse:
    casus = _casus(request, pk, gelezen="toestemming vastleggen", write=True)
    form = ToestemmingForm(request.POST or None, casus=casus)
    if done := submit_form(
        request,
        form,
        lambda: services_team.toestemming_vastleggen(casus=casus, by=request.user, **form.service_velden()),
        message=_("De toestemming is vastgelegd."),
        redirect_to=("cases:team", casus.pk),
    ):
        return done
    uitleg = _(
        "Toestemming geven de ouders met ouderlijk gezag, of de leerling vanaf 16 jaar; per doel en per organisatie."
    )
    return _formulier(request, casus, form, _("Toestemming vastleggen"), _("Vastleggen"), uitleg)


@login_required
@require_http_methods(["GET", "POST"])
def toestemming_intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    toestemming = (
        Toestemming.objects.visible_to(request.user)
        .select_related("organisatie", "casus")
        .filter(pk=pk)
        .first()
    )
    if toestemming is None or toestemming.casus_id is None:
        raise Http404
    casus = _casus(request, toestemming.casus_id, gelezen="toestemming intrekken", write=True)
    form = IntrekkenForm(request.POST or None)
    if toestemming.ingetrokken_op is not None:
        form.add_error(None, _("Deze toestemming is al ingetrokken."))
    if done := submit_form(
        request,
        form,
        lambda: services_team.toestemming_intrekken(
            toestemming=toestemming, by=request.user, reden=form.cleaned_data["reden"]
        ),
        message=_("De toestemming is ingetrokken."),
        redirect_to=("cases:team", casus.pk),
    ):
        return done
    uitleg = _("Toestemming voor “%(doel)s” van %(organisatie)s. Ze blijft zichtbaar in de historie.") % {
        "doel": toestemming.get_doel_display(),
        "organisatie": toestemming.organisatie.naam,
    }
    return _formulier(request, casus, form, _("Toestemming intrekken"), _("Intrekken"), uitleg)


@login_required
def betrokkenen(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is involved, with contact details from the registry, and the routekaart of the pupil's gemeente."""
    casus = _casus(request, pk, gelezen="betrokkenen")
    leden = [lid for lid in _leden(casus) if lid.beeindigd_op is None]
    for lid in leden:
        # The registry's person first (work contact details), then the account, then the ouder's own.
        bronnen = [b for b in (lid.persoon, lid.gebruiker, lid.ouder) if b is not None]
        lid.contact_email = next((b.email for b in bronnen if getattr(b, "email", "")), "")
        lid.contact_telefoon = next((b.telefoon for b in bronnen if getattr(b, "telefoon", "")), "")
    kaart = routekaart(swv=casus.swv, gemeente=casus.leerling.woongemeente)
    return render(
        request,
        "cases/team_betrokkenen.html",
        {
            "casus": casus,
            "school": casus.school,
            "leden": leden,
            "ouders": list(Ouder.objects.filter(leerling_id=casus.leerling_id).order_by("pk")),
            "routekaart": kaart.gemeenten[0] if kaart.gemeenten else None,
            "regionaal": kaart.regionaal,
        },
    )


@login_required
def tijdlijn(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything on the case, oldest first, in pages of 100."""
    casus = _casus(request, pk, gelezen="tijdlijn")
    qs = (
        TijdlijnGebeurtenis.objects.filter(swv_id=casus.swv_id, casus=casus)
        .select_related("door", "api_client")
        .order_by("op", "pk")
    )
    page = Paginator(qs, TIJDLIJN_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "cases/team_tijdlijn.html", {"casus": casus, "page": page})


@login_required
@permission_required("cases.module", raise_exception=True)
def mijn_casussen(request: HttpRequest) -> HttpResponse:
    """The cases the user takes part in as an active member of the team (and may see: a partner only with
    valid consent). For a partner professional and leerplicht this is every case they see."""
    lid = OtLid.objects.actief().filter(casus=OuterRef("pk"), gebruiker=request.user).order_by("pk")
    qs = (
        Casus.objects.visible_to(request.user)
        .filter(ot_leden__gebruiker=request.user, ot_leden__beeindigd_op__isnull=True)
        .distinct()
        .annotate(mijn_rol=Subquery(lid.values("rol")[:1]), lid_sinds=Subquery(lid.values("van")[:1]))
        .select_related("leerling", "school")
        .order_by("-aangemeld_op", "-pk")
    )
    page = Paginator(qs, MIJN_PAGINA).get_page(request.GET.get("pagina"))
    rollen = dict(OtLid.Rol.choices)
    for casus in page.object_list:
        casus.mijn_rol_label = rollen.get(casus.mijn_rol, "")
    # Names of pupils are shown: one read row per request, not per case.
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="cases.casus",
        object_id="lijst",
        reason=f"mijn casussen: pagina {page.number}, {len(page.object_list)} casus(sen)",
    )
    return render(request, "cases/team_mijn_casussen.html", {"page": page})
