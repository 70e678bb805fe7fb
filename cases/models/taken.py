"""Tasks raised by the deadline engine (cases/deadlines.py) and shown in "mijn taken".

One row per case + rule + period: the unique key makes a rerun of the daily check a no-op
(architecture.md: idempotent tasks). A task is for a person (`gebruiker`) or, without one, for the role
the rule names within the case's SWV (e.g. the coordinators when no casusregisseur is assigned), or for
the school roles of one organisation (`organisatie`: the case's school).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Taak(models.Model):
    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, null=True, blank=True, related_name="taken"
    )
    # The rule's name in cases/deadlines.py (e.g. "opp_6_weken") and the period it is for (e.g. "2026-2027").
    regel = models.CharField(_("regel"), max_length=40)
    periode = models.CharField(_("periode"), max_length=40)
    omschrijving = models.CharField(_("omschrijving"), max_length=250)
    vervalt_op = models.DateField(_("uiterlijk op"))
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="taken"
    )
    rol = models.CharField(_("voor rol"), max_length=32, blank=True)
    # Issue 11: a task for the school team of an organisation (the case's school): without a person and a
    # role, every member of that school in a school role sees it (e.g. the TLV that ends soon).
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voor organisatie"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    # Set when the e-mail digest included it, so each task is mailed once.
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["vervalt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "regel", "periode"], name="taak_uniek_per_regel_periode"
            ),
        ]
        indexes = [
            models.Index(
                fields=["swv", "gebruiker", "vervalt_op"],
                condition=models.Q(afgehandeld_op__isnull=True),
                name="taak_open_gebruiker",
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving
