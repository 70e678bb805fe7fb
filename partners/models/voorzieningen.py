"""Provisions (arrangementen, voorzieningen) of the network, for the dekkend netwerk overview."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import VoorzieningQuerySet


class Doelgroep(models.TextChoices):
    GEDRAG = "gedrag", _("Gedrag")
    LEREN = "leren", _("Leren")
    HOOGBEGAAFD = "hoogbegaafd", _("Hoogbegaafdheid")
    PSYCHISCH = "psychisch", _("Psychische problematiek")
    LICHAMELIJK_ZINTUIGLIJK = "lichamelijk_zintuiglijk", _("Lichamelijk / zintuiglijk (cluster 1 en 2)")
    THUISZITTERS = "thuiszitters", _("Thuiszitters")
    NIEUWKOMERS = "nieuwkomers", _("Nieuwkomers")
    JONGE_KIND = "jonge_kind", _("Jonge kind")
    OVERIG = "overig", _("Overig")


class Voorziening(VeldConstraints, models.Model):
    Doelgroep = Doelgroep

    class Sector(models.TextChoices):
        PO = "PO", _("primair onderwijs")
        VO = "VO", _("voortgezet onderwijs")
        BEIDE = "beide", _("PO en VO")

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SWV"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    aanbieder = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="voorzieningen",
        verbose_name=_("aanbieder"),
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=32, choices=Doelgroep.choices)
    sector = models.CharField(_("sector"), max_length=8, choices=Sector.choices, default=Sector.BEIDE)
    capaciteit = models.PositiveIntegerField(_("capaciteit (plekken)"), default=0)
    bezetting = models.PositiveIntegerField(_("bezetting"), default=0)
    wachttijd_weken = models.PositiveIntegerField(_("wachttijd (weken)"), default=0)
    kosten_per_plek = models.DecimalField(
        _("kosten per plek (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    gemeenten = models.ManyToManyField(
        "partners.Organisatie",
        blank=True,
        related_name="+",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("gemeenten"),
        help_text=_("De gemeenten waarvoor deze voorziening beschikbaar is."),
    )
    ingangsdatum = models.DateField(_("ingangsdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    beschrijving = models.TextField(_("beschrijving"), blank=True)

    objects = VoorzieningQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        ordering = ["naam"]
        # PositiveIntegerField already adds ">= 0" checks; these name the rule in one place too.
        constraints = [
            op_veld(
                "capaciteit",
                models.CheckConstraint(
                    condition=models.Q(capaciteit__gte=0),
                    name="voorziening_capaciteit_niet_negatief",
                    violation_error_message=_("De capaciteit kan niet negatief zijn."),
                ),
            ),
            op_veld(
                "bezetting",
                models.CheckConstraint(
                    condition=models.Q(bezetting__gte=0),
                    name="voorziening_bezetting_niet_negatief",
                    violation_error_message=_("De bezetting kan niet negatief zijn."),
                ),
            ),
            op_veld(
                "wachttijd_weken",
                models.CheckConstraint(
                    condition=models.Q(wachttijd_weken__gte=0),
                    name="voorziening_wachttijd_niet_negatief",
                    violation_error_message=_("De wachttijd kan niet negatief zijn."),
                ),
            ),
            op_veld(
                "kosten_per_plek",
                models.CheckConstraint(
                    condition=models.Q(kosten_per_plek__isnull=True) | models.Q(kosten_per_plek__gte=0),
                    name="voorziening_kosten_niet_negatief",
                    violation_error_message=_("De kosten per plek kunnen niet negatief zijn."),
                ),
            ),
            op_veld(
                "einddatum",
                models.CheckConstraint(
                    condition=models.Q(einddatum__isnull=True)
                    | models.Q(ingangsdatum__isnull=True)
                    | models.Q(einddatum__gte=models.F("ingangsdatum")),
                    name="voorziening_einddatum_na_ingang",
                    violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
                ),
            ),
        ]
        indexes = [models.Index(fields=["swv", "doelgroep"], name="voorziening_swv_doelgroep")]

    def __str__(self) -> str:
        return self.naam

    # --- issue 11, part arrangementen: places taken by cases' arrangementen and their waiting list, set in
    # memory by partners.bezetting.verrijk (0 until then); `bezetting` is the number typed into the registry.
    arrangementen_bezet: int = 0
    wachtlijst: int = 0

    @property
    def bezetting_totaal(self) -> int:
        return self.bezetting + self.arrangementen_bezet

    @property
    def vrije_plekken(self) -> int:
        return max(self.capaciteit - self.bezetting_totaal, 0)

    @property
    def is_vol(self) -> bool:
        return self.bezetting_totaal >= self.capaciteit

    @property
    def knelpunt(self) -> bool:
        """Full, or a waiting time longer than the SWV accepts (DEKKEND_NETWERK_MAX_WACHTTIJD_WEKEN)."""
        return self.is_vol or self.wachttijd_weken > settings.DEKKEND_NETWERK_MAX_WACHTTIJD_WEKEN

    def clean(self) -> None:
        super().clean()
        if self.aanbieder_id and self.aanbieder.swv_id != self.swv_id:
            raise ValidationError(
                {"aanbieder": _("Deze organisatie hoort bij een ander samenwerkingsverband.")}
            )
        if self.einddatum and self.ingangsdatum and self.einddatum < self.ingangsdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de ingangsdatum.")})
