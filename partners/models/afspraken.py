"""Agreements with partners (covenants, data processing agreements) and their reminders."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import AfspraakHerinneringQuerySet, AfspraakQuerySet


class Afspraak(VeldConstraints, models.Model):
    class Soort(models.TextChoices):
        SAMENWERKINGSOVEREENKOMST = "samenwerkingsovereenkomst", _("Samenwerkingsovereenkomst")
        CONVENANT = "convenant", _("Convenant")
        PRIVACYCONVENANT = "privacyconvenant", _("Privacyconvenant")
        VERWERKERSOVEREENKOMST = "verwerkersovereenkomst", _("Verwerkersovereenkomst")
        OVERIG = "overig", _("Overig")

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SWV"),
    )
    soort = models.CharField(_("soort"), max_length=32, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    partijen = models.ManyToManyField(
        "partners.Organisatie", blank=True, related_name="afspraken", verbose_name=_("partijen")
    )
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    # Default storage is private (no URL, settings STORAGES): served only by partners:afspraak_document, which checks access and audits.
    # Kind and size are checked by content (partners/documenten.py) in the form.
    document = models.FileField(_("document"), upload_to="afspraken/%Y/", blank=True)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
        help_text=_("Krijgt de herinneringen voor evaluatie en verlopen."),
    )
    evaluatiedatum = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    objects = AfspraakQuerySet.as_manager()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["titel"]
        constraints = [
            op_veld(
                "einddatum",
                models.CheckConstraint(
                    condition=models.Q(einddatum__isnull=True)
                    | models.Q(einddatum__gte=models.F("ingangsdatum")),
                    name="afspraak_einddatum_na_ingang",
                    violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "einddatum"], name="afspraak_swv_einddatum"),
            models.Index(fields=["swv", "evaluatiedatum"], name="afspraak_swv_evaluatiedatum"),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def is_verlopen(self) -> bool:
        return self.einddatum is not None and self.einddatum < timezone.localdate()

    def clean(self) -> None:
        super().clean()
        if self.einddatum and self.ingangsdatum and self.einddatum < self.ingangsdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de ingangsdatum.")})
        # The owner gets the reminders (title, partners, dates): only an active member of this SWV, also
        # when a beheerder of two SWVs picks one in the admin, whose choice spans both.
        eigenaar = self.eigenaar if self.eigenaar_id else None
        if (
            eigenaar is not None
            and self.swv_id
            and not eigenaar.lidmaatschappen.filter(swv_id=self.swv_id, actief=True).exists()
        ):
            raise ValidationError({"eigenaar": _("Kies als eigenaar iemand van dit samenwerkingsverband.")})


class AfspraakHerinnering(VeldConstraints, models.Model):
    """One reminder sent for one date of one agreement; the unique key makes the daily task idempotent."""

    class Soort(models.TextChoices):
        VERLOOPT = "verloopt", _("Verloopt")
        EVALUATIE = "evaluatie", _("Evaluatie")

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SWV"),
    )
    afspraak = models.ForeignKey(
        Afspraak, on_delete=models.CASCADE, related_name="herinneringen", verbose_name=_("afspraak")
    )
    soort = models.CharField(_("soort"), max_length=16, choices=Soort.choices)
    # The expiry or evaluation date the reminder is about: a new date gets a new reminder.
    datum = models.DateField(_("datum"))
    verstuurd_op = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    objects = AfspraakHerinneringQuerySet.as_manager()

    class Meta:
        verbose_name = _("herinnering bij een afspraak")
        verbose_name_plural = _("herinneringen bij afspraken")
        ordering = ["-verstuurd_op"]
        constraints = [
            op_veld(
                "datum",
                models.UniqueConstraint(
                    fields=["afspraak", "soort", "datum"],
                    name="afspraakherinnering_een_per_datum",
                    violation_error_message=_(
                        "Voor deze afspraak is op deze datum al een herinnering gestuurd."
                    ),
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.afspraak} — {self.get_soort_display()} {self.datum:%d-%m-%Y}"
