"""The people page of the partner registry: where does someone work now, and who is the contact for a
gemeente, a function or a topic. Every member of the SWV may read it, like the routekaart; it shows
names and contact details, so each page view writes one read row in the audit log."""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.formfields import keuzeveld

from . import selectors
from .models import Niveau, Organisatie

PAGE_SIZE = 50


class PersonenFilterForm(forms.Form):
    """Search and filters of the people page, all in the address (GET): a result can be shared."""

    q = forms.CharField(
        label=_("Zoek op naam, functie, onderwerp of organisatie"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Aanspreekpunt voor gemeente"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
    )
    niveau = forms.ChoiceField(
        label=_("Niveau"), choices=[("", _("Alle niveaus")), *Niveau.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("In functie"),
        choices=[
            ("huidig", _("Nu in functie")),
            ("eerder", _("Eerder (beëindigd)")),
            ("komend", _("Nog niet begonnen")),
            ("alle", _("Nu, eerder en komend")),
        ],
        required=False,
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        keuzeveld(self, "gemeente").queryset = (
            Organisatie.objects.visible_to(request.user).gemeenten().order_by("naam")
        )


def personen_filters(request: HttpRequest) -> tuple[PersonenFilterForm, dict]:
    """The people page's form and the `selectors.personen` arguments it asks for (current roles when
    nothing is chosen). The page and its export (`views_export.personen_export`) both use this."""
    form = PersonenFilterForm(request.GET or None, request=request)
    filters: dict = {"status": "huidig"}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "zoekterm": data["q"],
            "gemeente": data["gemeente"],
            "niveau": data["niveau"],
            "status": data["status"] or "huidig",
        }
    return form, filters


@login_required
@permission_required("partners.module", raise_exception=True)
@require_GET
def personen(request: HttpRequest) -> HttpResponse:
    form, filters = personen_filters(request)
    page = Paginator(selectors.personen(request.user, **filters), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    if page.object_list:
        # Names, phone numbers and e-mail addresses: one read row per page view that shows any.
        audit_log(
            request=request,
            action=AuditEvent.Action.READ,
            object_type="partners.sleutelfiguur",
            object_id="personen",
            reason=f"personen: {len(page.object_list)} rol(len), pagina {page.number}",
        )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "partners/personen.html",
        {"form": form, "page": page, "querystring": query.urlencode(), "status": filters["status"]},
    )


# A search on the partner list also looks for people: "Bakker" or "jeugdconsulent" names a person or a
# function, not an organisation. The list shows the first few current roles above the organisations and
# links to this page for the rest.
PERSONEN_IN_ZOEKEN = 10


def personen_in_zoeken(request: HttpRequest) -> dict:
    """Context for the "Personen" block of the partner list: the current roles matching its search term
    (`personen`, at most PERSONEN_IN_ZOEKEN, and `personen_aantal`). Two queries, and one read row in the
    audit log when names are shown."""
    zoekterm = request.GET.get("q", "").strip()
    if not zoekterm:
        return {}
    qs = selectors.personen(request.user, zoekterm=zoekterm, status="huidig")
    rollen = list(qs[:PERSONEN_IN_ZOEKEN])
    if not rollen:
        return {"personen": [], "personen_aantal": 0, "personen_zoekterm": zoekterm}
    # Always counted (not only when the block is full), so the page's query count does not depend on the data.
    aantal = qs.count()
    audit_log(
        request=request,
        action=AuditEvent.Action.READ,
        object_type="partners.sleutelfiguur",
        object_id="zoeken",
        reason=f"partnerlijst zoeken: {len(rollen)} rol(len)",
    )
    return {"personen": rollen, "personen_aantal": aantal, "personen_zoekterm": zoekterm}
