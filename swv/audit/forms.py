from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .registry import pupils


class TimelineFilterForm(forms.Form):
    leerling = forms.IntegerField(label=_("Leerling-id"), required=False, min_value=1)
    naam = forms.CharField(label=_("Naam leerling (deel van)"), required=False, max_length=100)
    gebruiker = forms.CharField(
        label=_("Gebruiker (naam of gebruikersnaam, deel van)"), required=False, max_length=100
    )
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
        super().clean()
        data = self.cleaned_data
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data


class BsnZoekForm(forms.Form):
    """Search by BSN: only ever POSTed, so the number never appears in a URL or access log."""

    bsn = forms.CharField(label=_("BSN"), max_length=20)

    def clean_bsn(self):
        # The pupils' app checks the number (registry.register_pupils); the platform has no rule of its own.
        leerlingen = pupils()
        if leerlingen is None:
            raise ValidationError(_("Er is geen leerlingadministratie om in te zoeken."))
        return leerlingen.clean_bsn(self.cleaned_data["bsn"])
