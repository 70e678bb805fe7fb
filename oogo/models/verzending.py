"""Which agenda or minutes went to whom (issue 13, "Output"; decision 68 in docs/decisions.md).

One row per meeting, kind and invited person, made in the transaction that asks for the mail (the agenda:
the status change to *agenda verstuurd*; the minutes: "Notulen versturen"). The Celery task mails only the
rows without `verstuurd_op` and sets it, so a retried or repeated task mails nobody twice, and a status
change that is rolled back leaves no row and sends nothing."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Verzending(models.Model):
    class Soort(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        NOTULEN = "notulen", _("Notulen")
        # Part oogo-afwerking: the meeting is cancelled after the agenda went out (calendar STATUS:CANCELLED).
        ANNULERING = "annulering", _("Annulering")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    overleg = models.ForeignKey("oogo.Overleg", on_delete=models.CASCADE, related_name="verzendingen")
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    persoon = models.ForeignKey(
        "partners.Persoon", on_delete=models.PROTECT, related_name="+", verbose_name=_("ontvanger")
    )
    # The address at the time of the request: the page shows where it went, even if the registry changes.
    email = models.EmailField(_("e-mailadres"))
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now, editable=False)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Empty = waiting for the task; set in the task's transaction right after the mail left.
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        ordering = ["overleg", "soort", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["overleg", "soort", "persoon"], name="oogo_verzending_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} → {self.email}"
