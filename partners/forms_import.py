from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .duo import gemeente_codes

# DUO's national schools file is a few MB; anything far larger is not a DUO file.
MAX_BYTES = 50 * 1024 * 1024
# DUO's membership file has a row per school and SWV (about 1 MB); the request reads it (only the rows of
# this SWV are kept, on the DuoImport), so it is held to a size that reads in well under a second.
LEDEN_MAX_BYTES = 5 * 1024 * 1024


class DuoImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("DUO-bestand (CSV)"),
        help_text=_(
            "Het scholenbestand (vestigingen) of het bestand met de indeling in samenwerkingsverbanden, "
            "zoals DUO het aanbiedt: puntkomma-gescheiden, UTF-8 of Windows-1252."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv", "class": "utrecht-textbox"}),
    )
    dry_run = forms.BooleanField(
        label=_("Alleen controleren (dry-run)"),
        help_text=_("Laat zien wat er zou veranderen en welke rijen fouten hebben, zonder iets op te slaan."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    )

    ook_gemeenten = forms.CharField(
        label=_("Ook scholen uit deze gemeenten (buiten het werkgebied)"),
        help_text=_(
            "Alleen nieuwe scholen van uw sector in de gemeenten van het werkgebied worden toegevoegd. Werkt "
            "het SWV ook met scholen in andere gemeenten, noem dan hun CBS-codes, gescheiden door komma's, "
            "bijvoorbeeld 0599, 0606."
        ),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )

    swv_leden = forms.FileField(
        label=_("Indeling in samenwerkingsverbanden (optioneel)"),
        help_text=_(
            "Het bestand van DUO met de scholen per samenwerkingsverband (kolommen ADMINISTRATIENUMMER en "
            "BRIN NUMMER). Scholen die DUO bij dit SWV indeelt, worden ook ingelezen als ze buiten het "
            "werkgebied of de sector liggen."
        ),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv", "class": "utrecht-textbox"}),
    )

    def clean_swv_leden(self):
        bestand = self.cleaned_data.get("swv_leden")
        if bestand and bestand.size > LEDEN_MAX_BYTES:
            raise forms.ValidationError(
                _("Het indelingsbestand is groter dan %(mb)d MB; dat is geen bestand van DUO.")
                % {"mb": LEDEN_MAX_BYTES // 1024 // 1024}
            )
        return bestand

    def clean_ook_gemeenten(self) -> list[str]:
        try:
            return gemeente_codes(self.cleaned_data["ook_gemeenten"])
        except ValidationError as e:
            raise forms.ValidationError(e.messages) from None

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)d MB; dat is geen bestand van DUO.")
                % {"mb": MAX_BYTES // 1024 // 1024}
            )
        if bestand.size == 0:
            raise forms.ValidationError(_("Het bestand is leeg."))
        return bestand
