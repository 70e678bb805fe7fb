"""Documents with an OOGO agenda item (nota's, voorstellen, rapportages, presentaties).

The file lives in the platform's shared `documenten` storage (swv/core/uploads.py, settings.STORAGES) under
`oogo/` with a random name; it has no URL and reaches a user only through the access-checked, audited
download view (`oogo:document`). Its kind is what the content was checked to be, never the uploaded name.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.audit.registry import history_base
from swv.core.uploads import documenten_storage, willekeurig_pad

from ..querysets import AgendapuntDocumentQuerySet


def document_pad(document: "AgendapuntDocument", filename: str) -> str:
    # Never the uploaded name in the path: the app, the SWV and a random part.
    return willekeurig_pad(f"oogo/{document.swv_id}", document.extensie)


class AgendapuntDocument(models.Model):
    class Soort(models.TextChoices):
        NOTA = "nota", _("Nota")
        VOORSTEL = "voorstel", _("Voorstel")
        RAPPORTAGE = "rapportage", _("Rapportage")
        PRESENTATIE = "presentatie", _("Presentatie")
        OVERIG = "overig", _("Overig")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    agendapunt = models.ForeignKey("oogo.Agendapunt", on_delete=models.CASCADE, related_name="documenten")
    titel = models.CharField(_("titel"), max_length=200)
    soort = models.CharField(_("soort document"), max_length=16, choices=Soort.choices)
    bestand = models.FileField(
        _("bestand"), upload_to=document_pad, storage=documenten_storage, max_length=300
    )
    # What the content was checked to be, the size in bytes and the SHA-256 of the stored bytes.
    extensie = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    sha256 = models.CharField(max_length=64)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    geupload_op = models.DateTimeField(_("geüpload op"), default=timezone.now, editable=False)

    objects = AgendapuntDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document bij een agendapunt")
        verbose_name_plural = _("documenten bij agendapunten")
        ordering = ["agendapunt", "geupload_op", "pk"]

    def __str__(self) -> str:
        return self.titel

    @property
    def download_naam(self) -> str:
        """A safe filename for Content-Disposition: the title's letters and digits, the checked extension."""
        import re

        basis = re.sub(r"[^A-Za-z0-9 _-]+", "", self.titel).strip().replace(" ", "-")[:80] or "document"
        return f"{basis}.{self.extensie}"


class AgendapuntDocumentEvent(history_base(AgendapuntDocument, "AgendapuntDocumentEvent", app_label="oogo")):  # type: ignore[misc]
    pass
