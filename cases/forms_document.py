"""Forms of the document pages (issue 11). The content check is the service's (services_document)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import CasusDocument


class DocumentForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort document"), choices=CasusDocument.Soort.choices)
    titel = forms.CharField(label=_("Titel"), max_length=200)
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "PDF, Word (.docx), OpenDocument (.odt), PNG of JPEG; het bestand wordt op de inhoud gecontroleerd."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = _(
            "Toegestaan: %(soorten)s, tot %(mb)d MB; het bestand wordt op de inhoud gecontroleerd, niet op de naam."
        ) % {
            "soorten": ", ".join(settings.CASUS_DOCUMENT_SOORTEN),
            "mb": settings.CASUS_DOCUMENT_MAX_BYTES // 1024 // 1024,
        }


class DocumentVerwijderenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=250)
