"""Documents on a case (issue 11): aanmelding, plan, advies, besluit, overig.

The file lives in the `casusdocumenten` storage (settings.STORAGES; the filesystem outside the web root by
default, an S3-compatible store by setting) and has no URL: it reaches a user only through the access-checked
download view, which writes an audit event (cases/views_document.py, cases/api/documenten.py). The kind is
what the content was checked to be (magic bytes, cases/services_document.py), never the uploaded name.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import CasusDocumentQuerySet


def casusdocumenten_storage():
    """The storage named in settings (callable, so a test or a deployment can swap it without a migration)."""
    return storages["casusdocumenten"]


def document_pad(document: "CasusDocument", filename: str) -> str:
    # Never the uploaded name in the path (it may hold a pupil's name): SWV, case and a random part.
    import uuid

    return f"casussen/{document.swv_id}/{document.casus_id}/{uuid.uuid4().hex}.{document.extensie}"


class DocumentSoort(models.TextChoices):
    AANMELDING = "aanmelding", _("Aanmelding")
    PLAN = "plan", _("Plan (OPP)")
    ADVIES = "advies", _("Advies")
    BESLUIT = "besluit", _("Besluit")
    OVERIG = "overig", _("Overig")


class CasusDocument(VeldConstraints, models.Model):
    Soort = DocumentSoort

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="documenten")
    soort = models.CharField(_("soort document"), max_length=16, choices=DocumentSoort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    bestand = models.FileField(
        _("bestand"), upload_to=document_pad, storage=casusdocumenten_storage, max_length=300, blank=True
    )
    # What the content was checked to be (extension and MIME type of that kind), and the size in bytes.
    extensie = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    # The name as uploaded, shown and used for the download's filename only (never in the storage path).
    oorspronkelijke_naam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=200, blank=True)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    geupload_op = models.DateTimeField(_("geüpload op"), default=timezone.now, editable=False)
    # A newer version replaces this one (kept as history); a removal keeps the row without the file.
    vervangen_door = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verwijderd_op = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    reden_verwijderen = models.CharField(_("reden verwijderen"), max_length=250, blank=True)

    objects = CasusDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-geupload_op", "-pk"]
        constraints = [
            op_veld(
                "grootte",
                models.CheckConstraint(
                    condition=models.Q(grootte__gte=0),
                    name="casusdocument_grootte_niet_negatief",
                    violation_error_message=_("De grootte kan niet negatief zijn."),
                ),
            ),
        ]
        indexes = [models.Index(fields=["swv", "casus", "geupload_op"], name="casusdocument_swv_casus")]

    def __str__(self) -> str:
        return self.titel

    @property
    def is_actueel(self) -> bool:
        return self.vervangen_door_id is None and self.verwijderd_op is None

    @property
    def download_naam(self) -> str:
        """A safe filename for Content-Disposition: the title's letters and digits, the checked extension."""
        import re

        basis = re.sub(r"[^A-Za-z0-9 _-]+", "", self.titel).strip().replace(" ", "-")[:80] or "document"
        return f"{basis}.{self.extensie}"
