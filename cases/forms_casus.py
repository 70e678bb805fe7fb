"""Forms of the case pages (issue 10, part casussen). They only collect input; the services decide."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Organisatie
from swv.core.models import User
from swv.core.optimistic import VersieFormMixin

from .models import Casus
from .services_casus import LeerlingGegevens
from .validators import normaliseer_nummer, validate_bsn, validate_onderwijsnummer
from .workflow import Status

AANMELDING_VELDEN = [
    "vraagstelling",
    "ondersteuningsbehoefte",
    "bevorderende_factoren",
    "belemmerende_factoren",
    "al_gedaan",
    "resultaat_al_gedaan",
    "visie_ouders",
    "ouders_geinformeerd",
    "ouders_geinformeerd_op",
]


class AanmeldingForm(VersieFormMixin, forms.ModelForm):
    """The texts of an aanmelding. Nothing is required here: a concept may be incomplete; submitting checks."""

    ouders_geinformeerd = forms.BooleanField(
        label=_("De ouders zijn geïnformeerd over deze aanmelding"), required=False
    )

    class Meta:
        model = Casus
        fields = AANMELDING_VELDEN
        widgets = {
            naam: forms.Textarea(attrs={"rows": 4})
            for naam in AANMELDING_VELDEN
            if naam not in ("ouders_geinformeerd", "ouders_geinformeerd_op")
        } | {"ouders_geinformeerd_op": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_ouders_geinformeerd(self) -> bool | None:
        # A checkbox only says "ticked" or "not ticked". Not ticked leaves "unknown" (None) unknown: a save of
        # other texts must not turn it into "nee", which a second tab would then be shown as someone else's
        # change (optimistic check). Unticking a stored "ja" is a real "nee".
        if self.cleaned_data.get("ouders_geinformeerd"):
            return True
        return None if self.instance.ouders_geinformeerd is None else False


class NieuweAanmeldingForm(AanmeldingForm):
    """A new aanmelding: who the pupil is (found by number, or new), then the texts."""

    bsn = forms.CharField(label=_("BSN"), required=False, max_length=20)
    onderwijsnummer = forms.CharField(
        label=_("Onderwijsnummer"),
        required=False,
        max_length=20,
        help_text=_("Alleen als de leerling (nog) geen BSN heeft."),
    )
    voornaam = forms.CharField(label=_("Voornaam"), max_length=100)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=forms.DateInput(attrs={"type": "date"}))
    woongemeente = forms.ModelChoiceField(label=_("Woongemeente"), queryset=Organisatie.objects.none())
    ingeschreven_op = forms.DateField(
        label=_("Op school sinds"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Alleen voor een leerling die het SWV nog niet kent; leeg is vandaag."),
    )

    LEERLING_VELDEN = (
        "bsn",
        "onderwijsnummer",
        "voornaam",
        "achternaam",
        "geboortedatum",
        "woongemeente",
        "ingeschreven_op",
    )

    def __init__(self, *args, swv=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["woongemeente"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = Organisatie.objects.filter(swv=swv, soort="gemeente").order_by("naam")
        # The pupil first, then the texts of the aanmelding.
        self.order_fields([*self.LEERLING_VELDEN, *AANMELDING_VELDEN])

    def clean_bsn(self) -> str | None:
        waarde = normaliseer_nummer(self.cleaned_data.get("bsn") or "")
        if waarde:
            validate_bsn(waarde)
        return waarde or None

    def clean_onderwijsnummer(self) -> str | None:
        waarde = normaliseer_nummer(self.cleaned_data.get("onderwijsnummer") or "")
        if waarde:
            validate_onderwijsnummer(waarde)
        return waarde or None

    def clean_ingeschreven_op(self):
        waarde = self.cleaned_data.get("ingeschreven_op")
        if waarde and waarde > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return waarde

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        fout = self.has_error("bsn") or self.has_error("onderwijsnummer")
        if not cleaned.get("bsn") and not cleaned.get("onderwijsnummer") and not fout:
            self.add_error("bsn", _("Vul een BSN of een onderwijsnummer in."))
        return cleaned

    def leerling_gegevens(self) -> LeerlingGegevens:
        return LeerlingGegevens(**{naam: self.cleaned_data[naam] for naam in self.LEERLING_VELDEN})  # type: ignore[typeddict-item]

    def aanmelding(self) -> dict:
        return {naam: self.cleaned_data[naam] for naam in AANMELDING_VELDEN}


class OvergangForm(forms.Form):
    """One of the transition buttons of the case page (`naar`), with the reason and the status the page showed."""

    naar = forms.ChoiceField(choices=Status.choices)
    van = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    reden = forms.CharField(
        label=_("Reden of toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij terugsturen, intrekken en afsluiten."),
    )


class RegisseurVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class RegisseurForm(forms.Form):
    casusregisseur = RegisseurVeld(label=_("Casusregisseur"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, regisseurs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["casusregisseur"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = User.objects.filter(pk__in=[u.pk for u in regisseurs])


class OverzichtFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken in aanmelding en naam"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + list(Status.choices)
    )
    school = forms.ModelChoiceField(label=_("School"), required=False, queryset=Organisatie.objects.none())
    regisseur = RegisseurVeld(label=_("Casusregisseur"), required=False, queryset=User.objects.none())

    def __init__(self, *args, swv=None, regisseurs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        school = self.fields["school"]
        assert isinstance(school, forms.ModelChoiceField)
        # Only schools with a case (issue 10, part cscale): an SWV's registry can hold hundreds of schools,
        # and rendering every one as an option made the overview 0.7 s on `gehost` data (docs/benchmarks.md).
        school.queryset = (
            Organisatie.objects.filter(swv=swv, soort="school")
            .filter(Exists(Casus.objects.filter(swv=swv, school=OuterRef("pk"))))
            .order_by("naam")
        )
        regisseur = self.fields["regisseur"]
        assert isinstance(regisseur, forms.ModelChoiceField)
        regisseur.queryset = User.objects.filter(pk__in=[u.pk for u in regisseurs])
