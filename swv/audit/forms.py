from django import forms
from django.utils.translation import gettext_lazy as _

from cases.validators import normaliseer_nummer, validate_bsn

from .models import AuditEvent


class TimelineFilterForm(forms.Form):
    leerling = forms.IntegerField(label=_("Leerling-id"), required=False, min_value=1)
    naam = forms.CharField(label=_("Naam leerling (deel van)"), required=False, max_length=100)
    gebruiker = forms.IntegerField(label=_("Gebruiker-id"), required=False, min_value=1)
    actie = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle acties")), *AuditEvent.Action.choices]
    )
    van = forms.DateField(
        label=_("Van (datum)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met (datum)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data


class BsnZoekForm(forms.Form):
    """Search by BSN: only ever POSTed, so the number never appears in a URL or access log."""

    bsn = forms.CharField(label=_("BSN"), max_length=20)

    def clean_bsn(self):
        value = normaliseer_nummer(self.cleaned_data["bsn"])
        validate_bsn(value)
        return value
