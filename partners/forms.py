"""Forms and filters of the partner pages. Choice lists always come from the acting user's SWV (tenancy)."""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Case, IntegerField, Q, Value, When
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from swv.core.formfields import keuzeveld
from swv.core.optimistic import VersieFormMixin
from swv.core.tenancy import acting_swv_id

from . import documenten
from .models import Afspraak, Doelgroep, Jeugdzorgregio, Niveau, Organisatie, Sleutelfiguur, Voorziening
from .querysets import code_q


def _gemeenten(request):
    if request is None:
        return Organisatie.objects.none()
    return Organisatie.objects.visible_to(request.user).gemeenten().order_by("naam")


def _jeugdzorgregios(request):
    if request is None:
        return Jeugdzorgregio.objects.none()
    return Jeugdzorgregio.objects.visible_to(request.user).order_by("naam")


def zoek_organisaties(queryset, tekst: str):
    """Organisations matching a search text: every word must match the name, the place or the code
    ("basisschool oss" finds schools in Oss). The partner list and the parties of an agreement use it."""
    for woord in tekst.split():
        queryset = queryset.filter(Q(naam__icontains=woord) | Q(plaats__icontains=woord) | code_q(woord))
    return queryset


class OrganisatieFilter(django_filters.FilterSet):
    """Search and filters of the partner list, all in the address (GET), so a result can be shared."""

    q = django_filters.CharFilter(
        label=_("Zoek op naam, plaats, code of BRIN, of op een persoon of functie"),
        method="zoek",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Organisatie.Soort.choices, empty_label=_("Alle soorten")
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente (werkgebied)"),
        queryset=_gemeenten,  # type: ignore[arg-type]  # a callable of the request: documented, not in the stubs
        method="in_gemeente",
        empty_label=_("Alle gemeenten"),
    )
    niveau = django_filters.ChoiceFilter(
        label=_("Niveau van sleutelfiguren"),
        choices=Niveau.choices,
        method="met_niveau",
        empty_label=_("Alle niveaus"),
    )
    actief = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("ja", _("Actief")), ("nee", _("Niet actief"))],
        method="op_status",
        empty_label=_("Actief en niet actief"),
    )

    class Meta:
        model = Organisatie
        fields = ["q", "soort", "gemeente", "niveau", "actief"]

    def zoek(self, queryset, name, value):
        return zoek_organisaties(queryset, value)

    def in_gemeente(self, queryset, name, gemeente):
        # The gemeente itself, organisations located in it, and those that serve it (werkgebied).
        bediend = Organisatie.werkgebied.through.objects.filter(to_organisatie=gemeente).values(
            "from_organisatie"
        )
        return queryset.filter(Q(pk=gemeente.pk) | Q(gemeente=gemeente) | Q(pk__in=bediend))

    def met_niveau(self, queryset, name, value):
        huidig = Sleutelfiguur.objects.huidig().filter(niveau=value).values("organisatie")
        return queryset.filter(pk__in=huidig)

    def op_status(self, queryset, name, value):
        return queryset.filter(actief=value == "ja")


class RoutekaartFilterForm(forms.Form):
    """The routekaart shows one gemeente or one jeugdzorgregio at a time (two GET forms on the page)."""

    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Kies een gemeente"),
    )
    jeugdzorgregio = forms.ModelChoiceField(
        label=_("Jeugdzorgregio"),
        queryset=Jeugdzorgregio.objects.none(),
        required=False,
        empty_label=_("Kies een regio"),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        keuzeveld(self, "gemeente").queryset = _gemeenten(request).filter(in_werkgebied=True)
        keuzeveld(self, "jeugdzorgregio").queryset = _jeugdzorgregios(request)


class NetwerkFilterForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Alleen partners voor gemeente"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        keuzeveld(self, "gemeente").queryset = _gemeenten(request).filter(in_werkgebied=True)


class DekkendNetwerkFilterForm(forms.Form):
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"), choices=[("", _("Alle doelgroepen")), *Doelgroep.choices], required=False
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        keuzeveld(self, "gemeente").queryset = _gemeenten(request).filter(in_werkgebied=True)


class AfsprakenFilterForm(forms.Form):
    binnen_dagen = forms.TypedChoiceField(
        label=_("Evaluatie of einddatum binnen"),
        choices=[
            (30, _("30 dagen")),
            (60, _("60 dagen")),
            (90, _("90 dagen")),
            (180, _("half jaar")),
            (365, _("een jaar")),
        ],
        coerce=int,
        initial=60,
        required=False,
        empty_value=60,  # type: ignore[arg-type]  # any value is allowed; the stubs say str
    )


# --- Edit forms. Validation of the model itself (codes, tenancy) runs again in the services. ---


class OrganisatieForm(VersieFormMixin, forms.ModelForm):
    # Shown only after the service warned about a probable duplicate (adding, or a rename into one).
    dubbel_toegestaan = forms.BooleanField(
        required=False,
        label=_("Toch toevoegen: dit is een andere organisatie met dezelfde naam, soort en gemeente"),
    )

    class Meta:
        model = Organisatie
        fields = [
            "naam",
            "soort",
            "soort_onderwijs",
            "code",
            "schoolbestuur",
            "bevoegd_gezag_nummer",
            "denominatie",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "gemeente",
            "werkgebied",
            "jeugdzorgregio",
            "in_werkgebied",
            "telefoon",
            "email",
            "website",
            "actief",
            "einddatum",
        ]
        widgets = {
            "einddatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "werkgebied": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "code": _(
                "Voor een school de vestigingscode (BRIN en twee cijfers, bijvoorbeeld 05KO00), voor een "
                "gemeente de CBS-code van vier cijfers, voor een schoolbestuur het bevoegd-gezagnummer."
            ),
        }

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        eigen = Organisatie.objects.visible_to(request.user)
        gemeenten = eigen.gemeenten().order_by("naam")
        keuzeveld(self, "gemeente").queryset = gemeenten
        keuzeveld(self, "werkgebied").queryset = gemeenten
        keuzeveld(self, "schoolbestuur").queryset = eigen.filter(
            soort=Organisatie.Soort.SCHOOLBESTUUR
        ).order_by("naam")
        keuzeveld(self, "jeugdzorgregio").queryset = _jeugdzorgregios(request)
        if self.instance.pk:
            keuzeveld(self, "werkgebied").queryset = gemeenten.exclude(pk=self.instance.pk)
            # A rename into a probable duplicate asks for the same confirmation as adding one.
            self.fields["dubbel_toegestaan"].label = _(
                "Toch opslaan: dit is een andere organisatie met dezelfde naam, soort en gemeente"
            )


_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GebruikerKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class _OpgeslagenDocument:
    """What the file widget shows for a stored document: its name, linked to the audited download."""

    def __init__(self, naam: str, url: str):
        self.name = naam
        self.url = url

    def __str__(self) -> str:
        return self.name.rsplit("/", 1)[-1]


class DocumentInput(forms.ClearableFileInput):
    """ClearableFileInput for private files: they have no storage URL (swv.core.storage), so the current
    file links to the access-checked download view instead."""

    def __init__(self, *args, download_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.download_url = download_url

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def format_value(self, value):
        if self.is_initial(value):
            return _OpgeslagenDocument(value.name, self.download_url)
        return None


# The name of the "Zoeken" button next to the parties of an agreement.
PARTIJEN_ZOEKEN = "partijen_zoeken"


class AfspraakForm(VersieFormMixin, forms.ModelForm):
    """An agreement. Parties and owner come from the acting user's SWV only (tenancy)."""

    eigenaar = GebruikerKeuze(
        label=_("Eigenaar"),
        queryset=None,
        required=False,
        empty_label=_("— ik zelf —"),
        help_text=_("Krijgt de herinneringen voor evaluatie en einddatum."),
    )

    class Meta:
        model = Afspraak
        fields = [
            "soort",
            "titel",
            "partijen",
            "ingangsdatum",
            "einddatum",
            "evaluatiedatum",
            "eigenaar",
            "document",
            "toelichting",
        ]
        widgets = {
            "partijen": forms.CheckboxSelectMultiple,
            "ingangsdatum": _DATUM,
            "einddatum": _DATUM,
            "evaluatiedatum": _DATUM,
            "document": DocumentInput,
        }

    # Finding parties among 50+ checkboxes (issue 9). Without JavaScript: type in this box and press
    # "Zoeken" (a second submit button, PARTIJEN_ZOEKEN): the page comes back with everything typed still
    # there, no errors, and the list narrowed to the matching organisations; checked parties are always
    # listed, first. With JavaScript (static/js/partijen-zoeken.js) the list narrows while typing.
    partijen_zoek = forms.CharField(
        label=_("Partijen zoeken"),
        required=False,
        max_length=100,
        help_text=_(
            "Typ een deel van de naam, plaats of code en kies ‘Zoeken’. Aangevinkte partijen blijven staan."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, request, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        self.order_fields([*self.Meta.fields[:2], "partijen_zoek"])
        # "Zoeken" pressed: a search, not a save (the view shows the form again, submit_form is not called).
        self.zoekt_partijen = self.is_bound and PARTIJEN_ZOEKEN in self.data
        alle = Organisatie.objects.visible_to(request.user)
        gekozen = self._gekozen_partijen()
        partijen = alle.annotate(
            # Checked parties first, so what is chosen stays in view above a long list.
            niet_gekozen=Case(
                When(pk__in=gekozen, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        ).order_by("niet_gekozen", "naam", "pk")
        zoekterm = (self.data.get("partijen_zoek", "") if self.is_bound else "").strip()[:100]
        if self.zoekt_partijen and zoekterm:
            partijen = partijen.filter(
                Q(pk__in=gekozen) | Q(pk__in=zoek_organisaties(alle, zoekterm).values("pk"))
            )
        keuzeveld(self, "partijen").queryset = partijen
        self.partijen_totaal = alle.count() if self.zoekt_partijen else None
        swv_id = acting_swv_id(request.user)
        keuzeveld(self, "eigenaar").queryset = (
            get_user_model()
            .objects.filter(lidmaatschappen__swv_id=swv_id, lidmaatschappen__actief=True, is_active=True)
            .distinct()
            .order_by("last_name", "first_name", "username")
            if swv_id is not None
            else get_user_model().objects.none()
        )
        if self.instance.pk:
            keuzeveld(self, "eigenaar").empty_label = _("— geen eigenaar —")
        self.fields["document"].help_text = _(
            "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods), PNG of JPEG; hoogstens %(mb)d MB."
        ) % {"mb": settings.AFSPRAAK_DOCUMENT_MAX_BYTES // 1024 // 1024}
        if self.instance.pk:
            self.fields["document"].widget.download_url = reverse(
                "partners:afspraak_document", args=[self.instance.pk]
            )
        self.fields["document"].widget.attrs["accept"] = ",".join(f".{e}" for e in documenten.PER_EXTENSIE)

    def _gekozen_partijen(self) -> list[int]:
        """The ids of the checked parties: as posted, else the initial ones (preselected, or the agreement's)."""
        if self.is_bound:
            waarden = (
                self.data.getlist("partijen")
                if hasattr(self.data, "getlist")
                else self.data.get("partijen", [])
            )
        else:
            waarden = self.initial.get("partijen") or []
        return [int(getattr(w, "pk", w)) for w in waarden if str(getattr(w, "pk", w)).isdigit()]

    def full_clean(self):
        if getattr(self, "zoekt_partijen", False):
            # A search is no save: nothing is validated, so no field shows an error yet; the page shows
            # the posted values as typed.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if isinstance(document, UploadedFile):
            soort = documenten.controleer(document)
            # The stored name ends in what the content is, so the download view's type cannot be fooled
            # by a name like "convenant.pdf.html".
            stam = get_valid_filename((document.name or "").rsplit(".", 1)[0])[:80] or "document"
            document.name = f"{stam}.{soort.extensie}"
        return document


class VoorzieningForm(VersieFormMixin, forms.ModelForm):
    """A provision. Provider and gemeenten come from the acting user's SWV only (tenancy)."""

    class Meta:
        model = Voorziening
        fields = [
            "naam",
            "aanbieder",
            "doelgroep",
            "sector",
            "capaciteit",
            "bezetting",
            "wachttijd_weken",
            "kosten_per_plek",
            "gemeenten",
            "ingangsdatum",
            "einddatum",
            "beschrijving",
        ]
        widgets = {
            "gemeenten": forms.CheckboxSelectMultiple,
            "ingangsdatum": _DATUM,
            "einddatum": _DATUM,
        }

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        keuzeveld(self, "aanbieder").queryset = Organisatie.objects.visible_to(request.user).order_by("naam")
        keuzeveld(self, "gemeenten").queryset = _gemeenten(request)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        ingang, einde = cleaned.get("ingangsdatum"), cleaned.get("einddatum")
        # The database refuses this too (check constraint); say it in words before it gets there.
        if ingang and einde and einde < ingang:
            self.add_error("einddatum", _("De einddatum ligt vóór de ingangsdatum."))
        return cleaned


class PersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.naam


class SleutelfiguurForm(forms.Form):
    """A key person at an organisation: an existing person, or a new one typed in."""

    persoon = PersoonKeuze(
        label=_("Bestaande persoon"),
        queryset=None,
        required=False,
        empty_label=_("— nieuwe persoon —"),
        help_text=_("Kies een persoon die al in het register staat, of vul hieronder een nieuwe in."),
    )
    voornaam = forms.CharField(label=_("Voornaam"), max_length=100, required=False)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=100, required=False)
    functie = forms.CharField(label=_("Functie"), max_length=200)
    niveau = forms.ChoiceField(label=_("Niveau"), choices=[("", _("— kies —")), *Niveau.choices])
    onderwerpen = forms.CharField(
        label=_("Onderwerpen"),
        required=False,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: thuiszitters, verzuim."),
    )
    gemeenten: "forms.ModelMultipleChoiceField[Organisatie]" = forms.ModelMultipleChoiceField(
        label=_("Aanspreekpunt voor gemeenten"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leeg laten als deze persoon het aanspreekpunt is voor het hele werkgebied."),
    )
    telefoon = forms.CharField(label=_("Telefoon (werk)"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mailadres (werk)"), required=False)
    van = forms.DateField(label=_("Sinds"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, request, **kwargs):
        from .models import Persoon

        kwargs.setdefault("initial", {}).setdefault("van", timezone.localdate())
        super().__init__(*args, **kwargs)
        keuzeveld(self, "persoon").queryset = Persoon.objects.visible_to(request.user).op_achternaam()
        keuzeveld(self, "gemeenten").queryset = _gemeenten(request).filter(in_werkgebied=True)

    def clean_onderwerpen(self) -> list[str]:
        return [o.strip() for o in self.cleaned_data["onderwerpen"].split(",") if o.strip()]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("persoon") and not (cleaned.get("voornaam") and cleaned.get("achternaam")):
            self.add_error(
                "achternaam",
                _("Kies een bestaande persoon of vul de voornaam en achternaam van een nieuwe persoon in."),
            )
        return cleaned


class SleutelfiguurWijzigenForm(VersieFormMixin, forms.ModelForm):
    """Correct a role (a typo in the function, the wrong level or start date), also on the day it started.

    Person and organisation are not changed here: another organisation is a move (`VerhuizenForm`), so
    the history shows where the person worked; ending is `BeeindigenForm`. pghistory records the change.
    """

    onderwerpen = forms.CharField(
        label=_("Onderwerpen"),
        required=False,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: thuiszitters, verzuim."),
    )

    class Meta:
        model = Sleutelfiguur
        fields = ["functie", "niveau", "onderwerpen", "gemeenten", "telefoon", "email", "van"]
        labels = {
            "functie": _("Functie"),
            "niveau": _("Niveau"),
            "gemeenten": _("Aanspreekpunt voor gemeenten"),
            "telefoon": _("Telefoon (werk)"),
            "email": _("E-mailadres (werk)"),
            "van": _("Sinds"),
        }
        help_texts = {
            "gemeenten": _("Leeg laten als deze persoon het aanspreekpunt is voor het hele werkgebied."),
        }
        widgets = {"gemeenten": forms.CheckboxSelectMultiple, "van": _DATUM}

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["onderwerpen"] = ", ".join(self.instance.onderwerpen or [])
        # The werkgebied's gemeenten, and any other this role already names (set through the API), so
        # saving the form does not silently drop one.
        keuzeveld(self, "gemeenten").queryset = _gemeenten(request).filter(
            Q(in_werkgebied=True) | Q(pk__in=self.instance.gemeenten.values("pk"))
        )

    def clean_onderwerpen(self) -> list[str]:
        return [o.strip() for o in self.cleaned_data["onderwerpen"].split(",") if o.strip()]


class VerhuizenForm(forms.Form):
    """A person moves to another organisation: the current role ends, a new one starts (history kept)."""

    naar_organisatie: "forms.ModelChoiceField[Organisatie]" = forms.ModelChoiceField(
        label=_("Nieuwe organisatie"), queryset=None
    )
    functie = forms.CharField(label=_("Nieuwe functie"), max_length=200)
    per = forms.DateField(
        label=_("Per datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De eerste dag bij de nieuwe organisatie; de oude rol eindigt op deze dag."),
    )

    def __init__(self, *args, request, sleutelfiguur, **kwargs):
        kwargs.setdefault("initial", {}).update(
            {"functie": sleutelfiguur.functie, "per": max(timezone.localdate(), sleutelfiguur.van)}
        )
        super().__init__(*args, **kwargs)
        self.sleutelfiguur = sleutelfiguur
        keuzeveld(self, "naar_organisatie").queryset = (
            Organisatie.objects.visible_to(request.user).actief().exclude(pk=sleutelfiguur.organisatie_id)
        )

    def clean_per(self) -> datetime.date:
        per = self.cleaned_data["per"]
        # On the first day itself is allowed: a role entered today at the wrong organisation is corrected
        # today (the old row then spans no day, and stays in the history as the correction).
        if per < self.sleutelfiguur.van:
            raise forms.ValidationError(
                _("Kies een datum op of na het begin van de huidige rol (%(van)s).")
                % {"van": self.sleutelfiguur.van.strftime("%d-%m-%Y")}
            )
        return per


class BeeindigenForm(forms.Form):
    """A key person leaves without a successor here: the role ends and stays visible as history."""

    per = forms.DateField(
        # The first day without the role (as `tot` everywhere, `huidig_q`): "laatste dag" would be a day off.
        label=_("Einddatum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Vanaf deze dag staat de persoon niet meer op de routekaart."),
    )

    def __init__(self, *args, sleutelfiguur, **kwargs):
        # A coming role entered by mistake ends on its first day (it was never current).
        kwargs.setdefault("initial", {}).update({"per": max(timezone.localdate(), sleutelfiguur.van)})
        super().__init__(*args, **kwargs)
        self.sleutelfiguur = sleutelfiguur

    def clean_per(self) -> datetime.date:
        per = self.cleaned_data["per"]
        if per < self.sleutelfiguur.van:
            raise forms.ValidationError(
                _("Kies een datum op of na het begin van deze rol (%(van)s).")
                % {"van": self.sleutelfiguur.van.strftime("%d-%m-%Y")}
            )
        return per


TE_EVALUEREN_OVER_TIJD = "over_tijd"


class AfsprakenRegisterForm(forms.Form):
    """Filters of the register of all agreements (a GET form, works without JavaScript).

    The party and owner choices are only those that occur on the SWV's own agreements: short lists, and
    another SWV's organisations or people are never a valid choice (a Dutch form error, not a 500).
    """

    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten")), *Afspraak.Soort.choices], required=False
    )
    partij = forms.ModelChoiceField(
        label=_("Partij"), queryset=Organisatie.objects.none(), required=False, empty_label=_("Alle partijen")
    )
    eigenaar = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Iedereen"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Lopend en verlopen")), ("lopend", _("Lopend")), ("verlopen", _("Verlopen"))],
        required=False,
    )
    te_evalueren = forms.ChoiceField(
        label=_("Evaluatie"),
        choices=[
            ("", _("Alle")),
            (TE_EVALUEREN_OVER_TIJD, _("Over tijd")),
            ("30", _("Binnen 30 dagen of over tijd")),
            ("90", _("Binnen 90 dagen of over tijd")),
            ("365", _("Binnen een jaar of over tijd")),
        ],
        required=False,
    )

    def __init__(self, *args, swv, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        eigen = Afspraak.objects.filter(swv=swv)
        self.fields["partij"].queryset = (  # type: ignore[attr-defined]
            Organisatie.objects.filter(swv=swv, pk__in=eigen.values("partijen"))
            .only("pk", "naam")
            .order_by("naam")
        )
        self.fields["eigenaar"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(pk__in=eigen.values("eigenaar"))
            .order_by("last_name", "first_name", "username")
        )
