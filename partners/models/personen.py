"""People in the network and the roles they hold (sleutelfiguren), with history."""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import PersoonQuerySet, SleutelfiguurQuerySet, rol_is_huidig


class Persoon(models.Model):
    """A professional (never a pupil or parent). One person, many Sleutelfiguur rows over time."""

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SWV"),
    )
    voornaam = models.CharField(_("voornaam"), max_length=100)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=100)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)

    objects = PersoonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["achternaam", "voornaam"]
        indexes = [models.Index(fields=["swv", "achternaam"], name="persoon_swv_achternaam")]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornaam, self.tussenvoegsel, self.achternaam) if p)


class Niveau(models.TextChoices):
    """The three levels of the routekaart (seed 002): who to call for a pupil, for the organisation,
    for policy."""

    UITVOERING = "uitvoering", _("Uitvoering")
    ORGANISATIE = "organisatie", _("Organisatie")
    BESTUUR_BELEID = "bestuur_beleid", _("Bestuur & beleid")


class Sleutelfiguur(VeldConstraints, models.Model):
    """A person's role at an organisation during a period (van–tot). A move ends a row and starts a new
    one, so the routekaart shows who is the contact now and the history shows who was."""

    Niveau = Niveau

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SWV"),
    )
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="rollen", verbose_name=_("persoon")
    )
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="sleutelfiguren",
        verbose_name=_("organisatie"),
    )
    functie = models.CharField(_("functie"), max_length=200)
    niveau = models.CharField(_("niveau"), max_length=16, choices=Niveau.choices)
    onderwerpen = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        verbose_name=_("onderwerpen"),
        help_text=_("Bijvoorbeeld: thuiszitters, verzuim, jeugdhulp in school."),
    )
    gemeenten = models.ManyToManyField(
        "partners.Organisatie",
        blank=True,
        related_name="contactpersonen",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("gemeenten"),
        help_text=_(
            "De gemeenten waarvoor deze persoon het aanspreekpunt is; leeg = heel het werkgebied "
            "van de organisatie."
        ),
    )
    # Work contact details for this role; the person's own details are on Persoon.
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    van = models.DateField(_("van"), default=datetime.date.today)
    tot = models.DateField(_("tot"), null=True, blank=True)

    objects = SleutelfiguurQuerySet.as_manager()

    class Meta:
        verbose_name = _("sleutelfiguur")
        verbose_name_plural = _("sleutelfiguren")
        ordering = ["persoon__achternaam", "-van"]
        constraints = [
            op_veld(
                "tot",
                models.CheckConstraint(
                    condition=models.Q(tot__isnull=True) | models.Q(tot__gte=models.F("van")),
                    name="sleutelfiguur_tot_na_van",
                    violation_error_message=_("De einddatum ligt vóór de begindatum."),
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "organisatie", "niveau"], name="sleutelfiguur_swv_org_niveau"),
            models.Index(fields=["swv", "tot"], name="sleutelfiguur_swv_tot"),
        ]

    def __str__(self) -> str:
        return f"{self.persoon} — {self.functie} ({self.organisatie})"

    @property
    def is_huidig(self) -> bool:
        """Held today: the same rule as `Sleutelfiguur.objects.huidig()` (partners/querysets.py)."""
        return rol_is_huidig(self.van, self.tot)

    @property
    def is_komend(self) -> bool:
        """Starts after today (a role entered ahead of time): not current yet."""
        return self.van > timezone.localdate()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.tot and self.van and self.tot < self.van:
            errors["tot"] = [ValidationError(_("De einddatum ligt vóór de begindatum."))]
        if self.persoon_id and self.persoon.swv_id != self.swv_id:
            errors["persoon"] = [ValidationError(_("Deze persoon hoort bij een ander samenwerkingsverband."))]
        if self.organisatie_id and self.organisatie.swv_id != self.swv_id:
            errors["organisatie"] = [
                ValidationError(_("Deze organisatie hoort bij een ander samenwerkingsverband."))
            ]
        if errors:
            raise ValidationError(errors)
