from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Ouder
from .validators import normaliseer_nummer, validate_bsn


class LeerlingZoekForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)


class LeerlingBsnForm(forms.Form):
    """BSN search is POST only: a BSN never appears in a URL, a browser history or an access log."""

    bsn = forms.CharField(label=_("Zoek op BSN"), max_length=20)

    def clean_bsn(self):
        value = normaliseer_nummer(self.cleaned_data["bsn"])
        validate_bsn(value)
        return value


# --- issue 10, part leerlingen: the pupil's enrolments, ouders and BSN -------------------------------------

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InschrijvingForm(forms.Form):
    school: forms.ModelChoiceField = forms.ModelChoiceField(label=_("School"), queryset=None)
    ingeschreven_op = forms.DateField(label=_("Ingeschreven op"), widget=_DATUM)

    def __init__(self, *args, swv, **kwargs):
        super().__init__(*args, **kwargs)
        from partners.models import Organisatie

        # Schools of the registry of this SWV (the service checks it again, for the API and imports).
        self.fields["school"].queryset = Organisatie.objects.filter(  # type: ignore[attr-defined]
            swv=swv, soort="school", actief=True
        ).order_by("naam")


class InschrijvingBeeindigenForm(forms.Form):
    uitgeschreven_op = forms.DateField(
        label=_("Laatste dag van de inschrijving"), widget=_DATUM, help_text=_("Bijvoorbeeld 31-07-2027.")
    )
    reden = forms.CharField(label=_("Reden van uitschrijving"), max_length=200, required=False)


class OuderForm(forms.ModelForm):
    class Meta:
        model = Ouder
        fields = ["voornaam", "achternaam", "relatie", "gezag", "telefoon", "email", "adres"]
        widgets = {
            "telefoon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }


class BsnVastleggenForm(forms.Form):
    """POST only: the number travels in the body, never in a URL."""

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=20,
        help_text=_("Het BSN vervangt het onderwijsnummer; het onderwijsnummer blijft in de historie."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
