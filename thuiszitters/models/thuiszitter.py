"""A thuiszitter registration (domain.md: OCW 2016 / Ingrado definition; Thuiszitterspact 2016).

Open while `einddatum` is empty; one open registration per pupil. Days at home count from `startdatum`
to the end date or today. Vrijgestelden are a separate third group (`soort=vrijstelling`) with the article.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import ThuiszitterQuerySet


class SoortThuiszitter(models.TextChoices):
    LANGDURIG_RELATIEF = "langdurig_relatief", _("Langdurig relatief verzuim")
    ABSOLUUT = "absoluut", _("Absoluut verzuim")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling")


class Vrijstellingsartikel(models.TextChoices):
    """Leerplichtwet 1969: art. 5 onder a, b, c; 5a; 15; 3a/3b."""

    ART_5A = "5a", _("Artikel 5 onder a (lichamelijk of psychisch ongeschikt)")
    ART_5B = "5b", _("Artikel 5 onder b (bedenkingen tegen de richting)")
    ART_5C = "5c", _("Artikel 5 onder c (school in het buitenland)")
    ART_5_A = "5_a", _("Artikel 5a (geen volledig dagprogramma)")
    ART_15 = "15", _("Artikel 15 (vervangende leerplicht)")
    ART_3A_3B = "3a_3b", _("Artikel 3a/3b (ontheffing kwalificatieplicht)")


class RedenCategorie(models.TextChoices):
    PSYCHISCH = "psychisch", _("Psychische problematiek")
    LICHAMELIJK = "lichamelijk", _("Lichamelijke klachten of ziekte")
    GEDRAG = "gedrag", _("Gedragsproblematiek")
    LEREN = "leren", _("Leer- of ontwikkelingsproblematiek")
    GEEN_PASSEND_AANBOD = "geen_passend_aanbod", _("Geen passend onderwijsaanbod")
    WACHTLIJST = "wachtlijst", _("Wachtlijst onderwijs of zorg")
    THUISSITUATIE = "thuissituatie", _("Thuissituatie")
    SCHORSING_VERWIJDERING = "schorsing_verwijdering", _("Schorsing of verwijdering")
    OVERIG = "overig", _("Overig")


class Doorzettingsmacht(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    SWV = "swv", _("Samenwerkingsverband")
    GEZAMENLIJK = "gezamenlijk", _("Gemeente en samenwerkingsverband samen")


class RedenEinde(models.TextChoices):
    TERUG_NAAR_SCHOOL = "terug_naar_school", _("Terug naar (de eigen) school")
    ANDERE_SCHOOL = "andere_school", _("Naar een andere school")
    ONDERWIJS_ZORG = "onderwijs_zorg", _("Combinatie van onderwijs en zorg")
    ZORG = "zorg", _("Zorg of dagbesteding")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling verleend")
    VERHUISD = "verhuisd", _("Verhuisd uit het werkgebied")
    EINDE_LEERPLICHT = "einde_leerplicht", _("Einde leer- of kwalificatieplicht")
    OVERIG = "overig", _("Overig")


class Thuiszitter(VeldConstraints, models.Model):
    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(
        "cases.Leerling", on_delete=models.PROTECT, related_name="thuiszitters", verbose_name=_("leerling")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=SoortThuiszitter.choices)
    vrijstelling_artikel = models.CharField(
        _("artikel vrijstelling"), max_length=8, choices=Vrijstellingsartikel.choices, blank=True
    )
    # Absoluut verzuim: enrolled nowhere, so no school.
    school = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thuiszitters",
        limit_choices_to={"soort": "school"},
        verbose_name=_("school"),
    )
    gemeente = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="thuiszitters_in_gemeente",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("gemeente"),
    )
    startdatum = models.DateField(_("thuis sinds"))
    redenen = ArrayField(
        models.CharField(max_length=24, choices=RedenCategorie.choices),
        default=list,
        blank=True,
        verbose_name=_("redenen"),
    )
    doorzettingsmacht = models.CharField(
        _("doorzettingsmacht bij"), max_length=12, choices=Doorzettingsmacht.choices, blank=True
    )
    doorzettingsmacht_persoon = models.CharField(_("houder doorzettingsmacht"), max_length=150, blank=True)
    perspectief = models.TextField(_("perspectief"), blank=True)
    aanbod = models.TextField(_("gevonden aanbod"), blank=True)
    aanbod_vanaf = models.DateField(_("aanbod vanaf"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    reden_einde = models.CharField(_("reden einde"), max_length=20, choices=RedenEinde.choices, blank=True)
    casus = models.ForeignKey(
        "cases.Casus",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="thuiszitters",
        verbose_name=_("casus"),
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), default=timezone.now, editable=False)

    objects = ThuiszitterQuerySet.as_manager()

    class Meta:
        verbose_name = _("thuiszitter")
        verbose_name_plural = _("thuiszitters")
        ordering = ["startdatum", "pk"]
        constraints = [
            op_veld(
                "leerling",
                models.UniqueConstraint(
                    fields=["leerling"],
                    condition=models.Q(einddatum__isnull=True),
                    name="thuiszitter_een_open_per_leerling",
                    violation_error_message=_("Deze leerling staat al als thuiszitter geregistreerd."),
                ),
            ),
            op_veld(
                "vrijstelling_artikel",
                models.CheckConstraint(
                    condition=(models.Q(soort="vrijstelling") & ~models.Q(vrijstelling_artikel=""))
                    | (~models.Q(soort="vrijstelling") & models.Q(vrijstelling_artikel="")),
                    name="thuiszitter_artikel_bij_vrijstelling",
                    violation_error_message=_("Kies het artikel bij een vrijstelling (en alleen dan)."),
                ),
            ),
            op_veld(
                "school",
                models.CheckConstraint(
                    condition=models.Q(soort="absoluut") | models.Q(school__isnull=False),
                    name="thuiszitter_school_tenzij_absoluut",
                    violation_error_message=_("Kies de school waar de leerling staat ingeschreven."),
                ),
            ),
            op_veld(
                "einddatum",
                models.CheckConstraint(
                    condition=models.Q(einddatum__isnull=True)
                    | models.Q(einddatum__gte=models.F("startdatum")),
                    name="thuiszitter_einddatum_na_start",
                    violation_error_message=_("De einddatum ligt voor de startdatum."),
                ),
            ),
            op_veld(
                "reden_einde",
                models.CheckConstraint(
                    condition=(models.Q(einddatum__isnull=True) & models.Q(reden_einde=""))
                    | (models.Q(einddatum__isnull=False) & ~models.Q(reden_einde="")),
                    name="thuiszitter_reden_bij_einde",
                    violation_error_message=_("Kies een reden bij een einddatum (en alleen dan)."),
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["swv", "startdatum"],
                condition=models.Q(einddatum__isnull=True),
                name="thuiszitter_open",
            ),
            models.Index(fields=["swv", "gemeente"], name="thuiszitter_swv_gemeente"),
        ]

    def __str__(self) -> str:
        return str(_("Thuiszitter %(nr)s") % {"nr": self.pk})

    def dagen_thuis(self, op: datetime.date | None = None) -> int:
        """Days at home from the start date up to the end date, or up to `op` (default today)."""
        tot = self.einddatum or op or timezone.localdate()
        return max((tot - self.startdatum).days, 0)
