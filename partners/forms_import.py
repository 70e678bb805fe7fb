from django import forms
from django.utils.translation import gettext_lazy as _

# DUO's national schools file is a few MB; anything far larger is not a DUO file.
MAX_BYTES = 50 * 1024 * 1024


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
