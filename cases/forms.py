from django import forms
from django.utils.translation import gettext_lazy as _

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
