"""The one plan around the pupil (OPP / groeidocument): versions, actions and evaluations.

A vastgesteld plan is never edited in place: a change makes a new version (concept), which replaces the
previous one when it is vastgesteld. Versions are kept so they can be compared.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld


class Uitstroomprofiel(models.TextChoices):
    # VO onderwijssoorten (WVO) and the VSO uitstroomprofielen (WEC art. 14c / Besluit uitstroomprofielen).
    PRO = "pro", _("Praktijkonderwijs")
    VMBO_BB = "vmbo_bb", _("vmbo basisberoepsgerichte leerweg")
    VMBO_KB = "vmbo_kb", _("vmbo kaderberoepsgerichte leerweg")
    VMBO_GT = "vmbo_gt", _("vmbo gemengde/theoretische leerweg")
    HAVO = "havo", _("havo")
    VWO = "vwo", _("vwo")
    VSO_VERVOLGONDERWIJS = "vso_vervolgonderwijs", _("VSO: vervolgonderwijs")
    VSO_ARBEIDSMARKT = "vso_arbeidsmarkt", _("VSO: arbeidsmarktgericht")
    VSO_DAGBESTEDING = "vso_dagbesteding", _("VSO: dagbesteding")


class Plan(VeldConstraints, models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")

    class Instemming(models.TextChoices):
        NOG_NIET = "nog_niet", _("Nog niet gevraagd of gegeven")
        INGESTEMD = "ingestemd", _("Ouders stemmen in met het handelingsdeel")
        NIET_INGESTEMD = "niet_ingestemd", _("Ouders stemmen niet in")

    Uitstroomprofiel = Uitstroomprofiel

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="plannen")
    versie = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.CONCEPT)

    uitstroomprofiel = models.CharField(
        _("verwacht uitstroomprofiel"), max_length=24, choices=Uitstroomprofiel.choices, blank=True
    )
    onderbouwing = models.TextField(_("onderbouwing"), blank=True)
    bevorderende_factoren = models.TextField(_("bevorderende factoren"), blank=True)
    belemmerende_factoren = models.TextField(_("belemmerende factoren"), blank=True)
    doelen = models.TextField(_("doelen"), blank=True)
    begeleiding = models.TextField(_("begeleiding en ondersteuning (handelingsdeel)"), blank=True)
    afwijking_programma = models.TextField(_("afwijking van het onderwijsprogramma"), blank=True)

    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Ouders have instemmingsrecht on the handelingsdeel (WPO 40a lid 3, WVO 26 lid 3, WEC 41a lid 3).
    instemming = models.CharField(
        _("instemming ouders"), max_length=16, choices=Instemming.choices, default=Instemming.NOG_NIET
    )
    instemming_op = models.DateField(_("instemming op"), null=True, blank=True)
    instemming_door = models.ForeignKey(
        "cases.Ouder", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    instemming_toelichting = models.TextField(_("toelichting ouders"), blank=True)

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("plan (OPP)")
        verbose_name_plural = _("plannen (OPP)")
        ordering = ["casus", "-versie"]
        constraints = [
            op_veld(
                "versie",
                models.UniqueConstraint(
                    fields=["casus", "versie"],
                    name="plan_versie_uniek",
                    violation_error_message=_("Deze versie van het plan bestaat al; laad de pagina opnieuw."),
                ),
            ),
            op_veld(
                "status",
                models.UniqueConstraint(
                    fields=["casus"],
                    condition=models.Q(status="concept"),
                    name="plan_een_concept",
                    violation_error_message=_("Er is al een conceptversie van dit plan."),
                ),
            ),
            # One vastgesteld version per case: two concurrent vaststellen cannot both win.
            op_veld(
                "status",
                models.UniqueConstraint(
                    fields=["casus"],
                    condition=models.Q(status="vastgesteld"),
                    name="plan_een_vastgesteld",
                    violation_error_message=_(
                        "Er is al een vastgestelde versie van dit plan; laad de pagina opnieuw."
                    ),
                ),
            ),
            op_veld(
                "vastgesteld_op",
                models.CheckConstraint(
                    condition=models.Q(status="concept") | models.Q(vastgesteld_op__isnull=False),
                    name="plan_vastgesteld_heeft_datum",
                    violation_error_message=_("Een vastgesteld plan heeft een datum van vaststelling."),
                ),
            ),
        ]
        indexes = [models.Index(fields=["swv", "casus", "status"], name="plan_swv_casus")]

    def __str__(self) -> str:
        return str(_("Plan versie %(versie)s") % {"versie": self.versie})


class Actie(VeldConstraints, models.Model):
    """An afspraak/actie of the plan with an owner (a person or organisation of the registry)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        BEZIG = "bezig", _("Bezig")
        AFGEROND = "afgerond", _("Afgerond")
        VERVALLEN = "vervallen", _("Vervallen")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="acties")
    # The plan version it was agreed in (actions carry over to the next version until done).
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="acties")
    omschrijving = models.TextField(_("omschrijving"))
    eigenaar_organisatie = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar (organisatie)"),
    )
    eigenaar_persoon = models.ForeignKey(
        "partners.Persoon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar (persoon)"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["deadline", "pk"]
        constraints = [
            op_veld(
                "eigenaar_organisatie",
                models.CheckConstraint(
                    condition=models.Q(eigenaar_organisatie__isnull=False)
                    | models.Q(eigenaar_persoon__isnull=False),
                    name="actie_heeft_eigenaar",
                    violation_error_message=_("Kies wie de actie uitvoert: een organisatie of een persoon."),
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["swv", "deadline"],
                condition=models.Q(status__in=["open", "bezig"]),
                name="actie_swv_open_deadline",
            ),
            models.Index(fields=["swv", "casus"], name="actie_swv_casus"),
        ]

    def __str__(self) -> str:
        return self.omschrijving[:80]


class Evaluatie(models.Model):
    """An evaluation of the plan, with the ouders (required at least once per school year, WPO 40a)."""

    class Conclusie(models.TextChoices):
        BEHAALD = "behaald", _("Doelen behaald")
        DEELS = "deels", _("Doelen deels behaald")
        NIET = "niet", _("Doelen niet behaald")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="evaluaties")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluaties")
    datum = models.DateField(_("datum"))
    met_ouders = models.BooleanField(_("met de ouders besproken"), default=True)
    conclusie = models.CharField(_("conclusie"), max_length=16, choices=Conclusie.choices)
    verslag = models.TextField(_("verslag"))
    vervolg = models.TextField(_("vervolg"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["swv", "casus", "datum"], name="evaluatie_swv_casus")]

    def __str__(self) -> str:
        return str(_("Evaluatie van %(datum)s") % {"datum": self.datum.strftime("%d-%m-%Y")})
