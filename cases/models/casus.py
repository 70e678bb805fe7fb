"""A case: a school's aanmelding of a pupil and what the SWV and the ondersteuningsteam do with it.

The aanmelding is the first part of the case (its texts and status `concept`/`aangemeld`); from then on
the same row is the case. One pupil can have several cases over time, one open at a time per school.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import CasusQuerySet
from ..workflow import GESLOTEN, Status

# The full-text search of the coordinator's overview (cases.selectors_casus.zoek_casussen) over the texts of
# the aanmelding, in Dutch. The GIN index below is on exactly this expression, so the search uses it.
ZOEKVECTOR = SearchVector(
    "vraagstelling",
    "ondersteuningsbehoefte",
    "bevorderende_factoren",
    "belemmerende_factoren",
    "al_gedaan",
    "resultaat_al_gedaan",
    "visie_ouders",
    config="dutch",
)


class Casus(VeldConstraints, models.Model):
    Status = Status

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(
        "cases.Leerling", on_delete=models.PROTECT, related_name="casussen", verbose_name=_("leerling")
    )
    school = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="casussen",
        limit_choices_to={"soort": "school"},
        verbose_name=_("school"),
        help_text=_("De school die aanmeldt; haar medewerkers volgen de casus."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    casusregisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("casusregisseur"),
    )

    # --- the aanmelding (required to submit; a concept may be incomplete) ---
    vraagstelling = models.TextField(_("vraagstelling"), blank=True)
    ondersteuningsbehoefte = models.TextField(_("ondersteuningsbehoefte"), blank=True)
    bevorderende_factoren = models.TextField(_("bevorderende factoren"), blank=True)
    belemmerende_factoren = models.TextField(_("belemmerende factoren"), blank=True)
    al_gedaan = models.TextField(_("wat de school al deed"), blank=True)
    resultaat_al_gedaan = models.TextField(_("met welk resultaat"), blank=True)
    visie_ouders = models.TextField(_("visie van de ouders"), blank=True)
    # None = not answered yet (a concept); submitting requires True (domain.md: ouders are partners).
    ouders_geinformeerd = models.BooleanField(_("ouders zijn geïnformeerd"), null=True, blank=True)
    ouders_geinformeerd_op = models.DateField(_("ouders geïnformeerd op"), null=True, blank=True)

    # Start of the 6-week OPP term: the enrolment or the decision that requires an OPP (WPO 40a).
    opp_vereist_vanaf = models.DateField(
        _("OPP vereist vanaf"),
        null=True,
        blank=True,
        help_text=_("Datum van inschrijving of van het besluit waardoor een OPP nodig is."),
    )

    # --- who submitted it, and the partner system's own reference (idempotent submission) ---
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    client_referentie = models.CharField(_("referentie van het bronsysteem"), max_length=100, blank=True)

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    aangemeld_op = models.DateTimeField(_("aangemeld op"), null=True, blank=True)
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    objects = CasusQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-aangemeld_op", "-pk"]
        constraints = [
            op_veld(
                "client_referentie",
                models.UniqueConstraint(
                    fields=["swv", "api_client", "client_referentie"],
                    condition=~models.Q(client_referentie=""),
                    name="casus_client_referentie_uniek",
                    violation_error_message=_(
                        "Er is al een aanmelding met deze referentie van het bronsysteem."
                    ),
                ),
            ),
            op_veld(
                "leerling",
                models.UniqueConstraint(
                    fields=["swv", "leerling", "school"],
                    condition=~models.Q(status__in=sorted(GESLOTEN)),
                    name="casus_een_open_per_leerling_school",
                    violation_error_message=_(
                        "Voor deze leerling loopt al een casus van deze school; vul die aan in plaats van een nieuwe."
                    ),
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "status", "aangemeld_op"], name="casus_swv_status"),
            models.Index(fields=["swv", "school", "status"], name="casus_swv_school"),
            models.Index(fields=["swv", "casusregisseur", "status"], name="casus_swv_regisseur"),
            models.Index(fields=["swv", "leerling"], name="casus_swv_leerling"),
            GinIndex(ZOEKVECTOR, name="casus_zoeken"),
        ]

    def __str__(self) -> str:
        return str(_("Casus %(nr)s") % {"nr": self.pk})

    @property
    def is_gesloten(self) -> bool:
        return self.status in GESLOTEN


class Statusovergang(models.Model):
    """One transition of a case (append-only log: who, when, from, to, why)."""

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="overgangen")
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)
    op = models.DateTimeField(_("op"), default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("statusovergang")
        verbose_name_plural = _("statusovergangen")
        ordering = ["op", "pk"]
        indexes = [models.Index(fields=["swv", "casus", "op"], name="overgang_swv_casus")]

    def __str__(self) -> str:
        return f"{self.get_van_display()} → {self.get_naar_display()}"
