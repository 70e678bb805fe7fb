"""The upload form of an agenda item's documents. The content check is the service's (services_documenten)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from swv.core.uploads import toegestaan_tekst

from .models import AgendapuntDocument


class AgendapuntDocumentForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    soort = forms.ChoiceField(label=_("Soort document"), choices=AgendapuntDocument.Soort.choices)
    bestand = forms.FileField(label=_("Bestand"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = _(
            "Toegestaan: %(soorten)s, tot %(mb)d MB; het bestand wordt op de inhoud gecontroleerd, niet op de naam."
        ) % {
            "soorten": toegestaan_tekst(settings.OOGO_DOCUMENT_SOORTEN),
            "mb": settings.OOGO_DOCUMENT_MAX_BYTES // 1024 // 1024,
        }
