"""One import of a DUO open-data file: who uploaded what, how far it is, and what it did (audit and progress)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DuoImport(models.Model):
    class Status(models.TextChoices):
        WACHT = "wacht", _("wacht op verwerking")
        BEZIG = "bezig", _("wordt verwerkt")
        KLAAR = "klaar", _("klaar")
        MISLUKT = "mislukt", _("mislukt")

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SWV"),
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geüpload door"),
    )
    # Kept only until processed (MEDIA_ROOT); the name stays for the record.
    bestand = models.FileField(_("bestand"), upload_to="duo-import/%Y/%m/", blank=True)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    dry_run = models.BooleanField(_("alleen controleren"), default=False)
    # CBS codes of gemeenten outside the werkgebied whose schools are imported too (issue 9).
    ook_gemeenten = models.JSONField(_("ook scholen uit deze gemeenten"), default=list, blank=True)
    # BRIN numbers and vestigingscodes DUO's membership file lists for this SWV (read from the optional
    # second upload, duo.ingedeeld_bij): those schools are imported wherever they are (issue 9).
    ingedeeld = models.JSONField(_("scholen die DUO bij dit SWV indeelt"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.WACHT)
    totaal = models.PositiveIntegerField(_("rijen in het bestand"), default=0)
    # The result of duo_import (ImportResultaat.als_dict()): counts, bad rows, changes.
    resultaat = models.JSONField(_("resultaat"), null=True, blank=True)
    foutmelding = models.TextField(_("foutmelding"), blank=True)
    aangemaakt_op = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    # Last time the run was put on the Celery queue (None: the broker was down). The periodic
    # duo_imports_herstarten offers a run that still waits again, so no upload is lost.
    aangeboden_op = models.DateTimeField(_("aangeboden aan de verwerking op"), null=True, blank=True)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("DUO-import")
        verbose_name_plural = _("DUO-imports")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["swv", "aangemaakt_op"], name="duoimport_swv_aangemaakt")]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.get_status_display()})"

    @property
    def afgerond(self) -> bool:
        return self.status in {self.Status.KLAAR, self.Status.MISLUKT}
