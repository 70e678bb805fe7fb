"""Signals raised by the periodic checks (thuiszitters/controles.py).

One row per pupil + rule + period: the unique key makes a rerun of a check a no-op, also when a worker died
halfway (the insert is one statement). Who sees a signal: the school, leerplicht and/or the SWV, per rule.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets import SignaalQuerySet


class SignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEZIEN = "gezien", _("Gezien")
    GESLOTEN = "gesloten", _("Gesloten")


class Signaal(models.Model):
    Status = SignaalStatus

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(
        "cases.Leerling", on_delete=models.PROTECT, related_name="verzuimsignalen", verbose_name=_("leerling")
    )
    school = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verzuimsignalen",
        verbose_name=_("school"),
    )
    # The rule's name in thuiszitters/controles.py and the period it is for (e.g. the window's first day).
    regel = models.CharField(_("regel"), max_length=40)
    periode = models.CharField(_("periode"), max_length=40)
    omschrijving = models.CharField(_("omschrijving"), max_length=250)
    vervalt_op = models.DateField(_("uiterlijk op"), null=True, blank=True)
    voor_school = models.BooleanField(_("voor de school"), default=False)
    voor_leerplicht = models.BooleanField(_("voor leerplicht"), default=False)
    voor_swv = models.BooleanField(_("voor het SWV"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=SignaalStatus.choices, default=SignaalStatus.OPEN
    )
    notitie = models.TextField(_("notitie"), blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    # Set when the daily digest included it, so each signal is mailed once.
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    objects = SignaalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["vervalt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "regel", "periode"], name="signaal_uniek_per_regel_periode"
            ),
            models.CheckConstraint(
                condition=models.Q(voor_school=True)
                | models.Q(voor_leerplicht=True)
                | models.Q(voor_swv=True),
                name="signaal_heeft_ontvanger",
            ),
        ]
        indexes = [
            models.Index(
                fields=["swv", "regel", "aangemaakt_op"],
                condition=models.Q(status="open"),
                name="signaal_open",
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving

    def get_regel_display(self) -> str:
        """The rule's Dutch label (thuiszitters/controles.py `Regel.titel`), like a choices field's display."""
        from ..controles import regel_titel  # controles imports the models: import on use

        return regel_titel(self.regel)
