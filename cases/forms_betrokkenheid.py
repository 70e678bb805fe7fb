"""Forms of betrokkenheid (issue 11). The BSN travels in the POST body only (the forms are POST forms and
the views redirect after success, so it never reaches a URL); on an error it is shown again in the form
so nothing typed is lost, with autocomplete off so the browser does not keep it."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BetrokkenheidForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN van de leerling"),
        max_length=20,
        help_text=_(
            "Alleen om betrokkenheid te koppelen; u ziet niets over de leerling en het BSN wordt niet bewaard."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    eigen_kenmerk = forms.CharField(
        label=_("Eigen kenmerk"),
        max_length=40,
        required=False,
        help_text=_(
            "Uw dossiernummer of een andere verwijzing, zodat u weet over wie een signaal gaat. Geen BSN."
        ),
    )
    contact_naam = forms.CharField(label=_("Contactpersoon"), max_length=150)
    contact_telefoon = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    van = forms.DateField(
        label=_("Betrokken vanaf"),
        required=False,
        help_text=_("Leeg: vandaag."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class BevestigForm(forms.Form):
    """An empty form: renewing and ending need only the confirmation of the POST."""


class BsnZoekForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
