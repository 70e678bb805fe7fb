"""Arrangementen: a voorziening of the registry's dekkend netwerk assigned to a case for a period (issue 11).

Status: aangevraagd -> toegekend -> gestart -> beëindigd (and aangevraagd/toegekend -> beëindigd when it
does not go ahead). An arrangement that is toegekend or gestart takes a place in its voorziening; one that is
aangevraagd is on the voorziening's waiting list. The dekkend netwerk page counts these rows through the
partners hook (partners/bezetting.py, registered in CasesConfig.ready), so its figures are real.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import ArrangementQuerySet


class ArrangementStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    TOEGEKEND = "toegekend", _("Toegekend")
    GESTART = "gestart", _("Gestart")
    BEEINDIGD = "beeindigd", _("Beëindigd")


# Statuses that take a place in the voorziening (its bezetting) and the one that waits for a place.
BEZET = frozenset({ArrangementStatus.TOEGEKEND, ArrangementStatus.GESTART})
WACHTEND = frozenset({ArrangementStatus.AANGEVRAAGD})

# The allowed transitions; everything else is refused with the reason (services_arrangement).
OVERGANGEN: dict[str, frozenset[str]] = {
    ArrangementStatus.AANGEVRAAGD: frozenset({ArrangementStatus.TOEGEKEND, ArrangementStatus.BEEINDIGD}),
    ArrangementStatus.TOEGEKEND: frozenset({ArrangementStatus.GESTART, ArrangementStatus.BEEINDIGD}),
    ArrangementStatus.GESTART: frozenset({ArrangementStatus.BEEINDIGD}),
    ArrangementStatus.BEEINDIGD: frozenset(),
}


class Arrangement(VeldConstraints, models.Model):
    Status = ArrangementStatus

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="arrangementen")
    voorziening = models.ForeignKey(
        "partners.Voorziening",
        on_delete=models.PROTECT,
        related_name="arrangementen",
        verbose_name=_("voorziening"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ArrangementStatus.choices, default=ArrangementStatus.AANGEVRAAGD
    )
    reden = models.TextField(_("reden"), help_text=_("Waarom deze voorziening voor deze leerling."))
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    # Why it ended (or did not go ahead); required when the status becomes beëindigd.
    reden_einde = models.TextField(_("reden einde"), blank=True)
    # Assigned although the voorziening was full: the user confirmed the warning (kept for the record).
    boven_capaciteit = models.BooleanField(_("toegekend boven de capaciteit"), default=False)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ArrangementQuerySet.as_manager()

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementen")
        ordering = ["-startdatum", "-pk"]
        constraints = [
            op_veld(
                "einddatum",
                models.CheckConstraint(
                    condition=models.Q(einddatum__isnull=True)
                    | models.Q(einddatum__gte=models.F("startdatum")),
                    name="arrangement_einddatum_na_start",
                    violation_error_message=_("De einddatum ligt vóór de startdatum."),
                ),
            ),
            op_veld(
                "voorziening",
                models.UniqueConstraint(
                    fields=["swv", "casus", "voorziening"],
                    condition=~models.Q(status=ArrangementStatus.BEEINDIGD),
                    name="arrangement_een_lopend_per_voorziening",
                    violation_error_message=_(
                        "Deze casus heeft al een lopend arrangement bij deze voorziening."
                    ),
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "casus"], name="arrangement_swv_casus"),
            # The occupancy count per voorziening (partners' dekkend netwerk, the capacity check).
            models.Index(fields=["swv", "voorziening", "status"], name="arrangement_swv_voorziening"),
        ]

    def __str__(self) -> str:
        return f"{self.voorziening} ({self.get_status_display()})"

    @property
    def neemt_plek(self) -> bool:
        return self.status in BEZET
