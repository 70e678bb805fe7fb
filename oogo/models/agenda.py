"""The joint ontwikkelagenda, the ondersteuningsplan cycle and the geschillenregeling (issue 13)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets import GeschilQuerySet, OndersteuningsplanQuerySet, OntwikkeldoelQuerySet, VoortgangQuerySet
from ..workflow import Thema

# WPO art. 18a lid 9 / WVO 2020 art. 2.47 lid 9: the plan is set for at most four years.
MAX_PLANPERIODE_JAREN = 4
# Geschillenregeling OOGO (domain.md): verweer within two weeks of the submission, the commission's
# advice within four weeks after the verweer (or after the verweer term, when none came).
VERWEER_DAGEN = 14
ADVIES_DAGEN = 28


class Ontwikkeldoel(models.Model):
    """A multi-year goal of the joint ontwikkelagenda for one theme, with the ambitie it serves."""

    class Status(models.TextChoices):
        LOPEND = "lopend", _("Lopend")
        BEREIKT = "bereikt", _("Bereikt")
        GESTOPT = "gestopt", _("Gestopt")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    thema = models.CharField(_("thema"), max_length=32, choices=Thema.choices)
    ambitie = models.TextField(_("ambitie"))
    doel = models.CharField(_("doel"), max_length=250)
    van_jaar = models.PositiveIntegerField(_("van (jaar)"))
    tot_jaar = models.PositiveIntegerField(_("tot en met (jaar)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.LOPEND)

    objects = OntwikkeldoelQuerySet.as_manager()

    class Meta:
        verbose_name = _("ontwikkeldoel")
        verbose_name_plural = _("ontwikkelagenda")
        ordering = ["thema", "van_jaar", "pk"]

    def __str__(self) -> str:
        return f"{self.get_thema_display()}: {self.doel}"

    def clean(self) -> None:
        if self.van_jaar and self.tot_jaar and self.tot_jaar < self.van_jaar:
            raise ValidationError({"tot_jaar": _("Het eindjaar ligt voor het beginjaar.")})


class Voortgang(models.Model):
    """A progress note on a goal, made in (or for) a meeting."""

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    doel = models.ForeignKey(Ontwikkeldoel, on_delete=models.CASCADE, related_name="voortgang")
    overleg = models.ForeignKey(
        "oogo.Overleg", on_delete=models.SET_NULL, null=True, blank=True, related_name="voortgang"
    )
    datum = models.DateField(_("datum"), default=datetime.date.today)
    notitie = models.TextField(_("voortgang"))

    objects = VoortgangQuerySet.as_manager()

    class Meta:
        verbose_name = _("voortgangsnotitie")
        verbose_name_plural = _("voortgangsnotities")
        ordering = ["doel", "datum", "pk"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y}: {self.notitie[:60]}"


def inspectie_uiterlijk(periode_van: datetime.date) -> datetime.date:
    """The 1 May by which the plan goes to the Inspectie: the last 1 May on or before the period starts."""
    eerste_mei = datetime.date(periode_van.year, 5, 1)
    return eerste_mei if eerste_mei <= periode_van else datetime.date(periode_van.year - 1, 5, 1)


class Ondersteuningsplan(models.Model):
    """One cycle of the ondersteuningsplan: period, the OOGO before adoption, the Inspectie deadline."""

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    titel = models.CharField(_("titel"), max_length=200)
    periode_van = models.DateField(_("periode van"))
    periode_tot = models.DateField(_("periode tot en met"))
    oogo_overleg = models.ForeignKey(
        "oogo.Overleg",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OOGO over het plan"),
    )
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    naar_inspectie_op = models.DateField(_("naar de Inspectie op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = OndersteuningsplanQuerySet.as_manager()

    class Meta:
        verbose_name = _("ondersteuningsplan")
        verbose_name_plural = _("ondersteuningsplannen")
        ordering = ["-periode_van", "pk"]

    def __str__(self) -> str:
        return self.titel

    @property
    def inspectie_uiterlijk(self) -> datetime.date:
        return inspectie_uiterlijk(self.periode_van)

    def clean(self) -> None:
        if self.periode_van and self.periode_tot:
            if self.periode_tot <= self.periode_van:
                raise ValidationError({"periode_tot": _("Het einde van de periode ligt voor het begin.")})
            try:
                grens = self.periode_van.replace(year=self.periode_van.year + MAX_PLANPERIODE_JAREN)
            except ValueError:  # 29 February
                grens = self.periode_van.replace(year=self.periode_van.year + MAX_PLANPERIODE_JAREN, day=28)
            if self.periode_tot >= grens:
                raise ValidationError(
                    {"periode_tot": _("Een ondersteuningsplan geldt voor ten hoogste vier jaar.")}
                )


class Geschil(models.Model):
    """The route of the geschillenregeling for an agenda item without agreement."""

    class Partij(models.TextChoices):
        SWV = "swv", _("Samenwerkingsverband")
        GEMEENTE = "gemeente", _("Gemeente")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    agendapunt = models.OneToOneField(
        "oogo.Agendapunt", on_delete=models.PROTECT, related_name="geschil", verbose_name=_("agendapunt")
    )
    gemeente = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="oogo_geschillen",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("gemeente"),
    )
    ingediend_door = models.CharField(_("ingediend door"), max_length=10, choices=Partij.choices)
    ingediend_op = models.DateField(_("ingediend op"))
    verweer_ontvangen_op = models.DateField(_("verweer ontvangen op"), null=True, blank=True)
    advies_ontvangen_op = models.DateField(_("advies ontvangen op"), null=True, blank=True)
    advies = models.TextField(_("advies"), blank=True)

    objects = GeschilQuerySet.as_manager()

    class Meta:
        verbose_name = _("geschil")
        verbose_name_plural = _("geschillen")
        ordering = ["-ingediend_op", "pk"]

    def __str__(self) -> str:
        return str(self.agendapunt)

    @property
    def verweer_uiterlijk(self) -> datetime.date:
        return self.ingediend_op + datetime.timedelta(days=VERWEER_DAGEN)

    @property
    def advies_uiterlijk(self) -> datetime.date:
        # After the verweer when it came in time, else after the term: the commission does not wait longer.
        basis = min(self.verweer_ontvangen_op or self.verweer_uiterlijk, self.verweer_uiterlijk)
        return basis + datetime.timedelta(days=ADVIES_DAGEN)
