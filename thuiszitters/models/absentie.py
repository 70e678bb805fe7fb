"""Absence per pupil per day (issue 12): entered by hand or sent in batches by a school administration system.

Idempotency rests on the sender's own id per row (`extern_id`, unique per school): a resent batch changes
nothing and a corrected row (same id) replaces the earlier one. A row entered by hand gets a generated id.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets import AbsentieQuerySet

# The most lesuren a school day has; more is a typing error, not an absence (checked by the database too).
MAX_UREN_PER_DAG = 12


class Reden(models.TextChoices):
    ZIEKTE = "ziekte", _("Ziekte")
    SCHORSING = "schorsing", _("Schorsing")
    VERLOF = "verlof", _("Verlof (vakantieverlof of gewichtige omstandigheden)")
    LUXE_VERZUIM = "luxe_verzuim", _("Luxe verzuim (vakantie zonder verlof)")
    TE_LAAT = "te_laat", _("Te laat")
    SPIJBELEN = "spijbelen", _("Spijbelen")
    ONBEKEND = "onbekend", _("Onbekend")
    OVERIG = "overig", _("Overig")


class Absentie(models.Model):
    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(
        "cases.Leerling", on_delete=models.PROTECT, related_name="absenties", verbose_name=_("leerling")
    )
    school = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="absenties",
        limit_choices_to={"soort": "school"},
        verbose_name=_("school"),
    )
    datum = models.DateField(_("datum"))
    uren = models.DecimalField(_("lesuren"), max_digits=4, decimal_places=2)
    geoorloofd = models.BooleanField(_("geoorloofd"))
    reden = models.CharField(_("reden"), max_length=16, choices=Reden.choices, default=Reden.ONBEKEND)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)
    # The sender's own id of the row (or "hand-<uuid>" for a row entered on the page).
    extern_id = models.CharField(_("id bij de afzender"), max_length=64)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = AbsentieQuerySet.as_manager()

    class Meta:
        verbose_name = _("absentie")
        verbose_name_plural = _("absenties")
        ordering = ["-datum", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["school", "extern_id"], name="absentie_extern_id_per_school"),
            models.CheckConstraint(
                condition=models.Q(uren__gt=0) & models.Q(uren__lte=MAX_UREN_PER_DAG),
                name="absentie_uren_bereik",
                violation_error_message=_("Het aantal lesuren ligt tussen 0 en 12."),
            ),
        ]
        indexes = [
            # The periodic check (16 uur in 4 lesweken) reads only the ongeoorloofde hours per pupil by date.
            models.Index(
                fields=["swv", "leerling", "datum"],
                condition=models.Q(geoorloofd=False),
                name="absentie_ongeoorloofd",
            ),
            models.Index(fields=["swv", "school", "datum"], name="absentie_swv_school_datum"),
        ]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y}: {self.uren} uur"
