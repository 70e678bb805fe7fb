"""The toelaatbaarheidsverklaring (TLV) and the SWV's other admission decisions (PrO, LWOO) on a case.

A TLV is requested from a case (`aangevraagd`), gets the advice of two deskundigen (`TlvAdvies`), and is
decided (`toegekend` or `afgewezen`) with a beschikkingsnummer `<SWV-code>-<year>-<5 digits>` counted per SWV
per year in `TlvNummering` (one row per SWV and year, locked by the decision's transaction, so the numbers
have no gaps and no duplicates). The rules live in cases/services_tlv.py; domain.md "Cases: TLV".
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld
from swv.core.tenancy import TenantQuerySet


class TlvSoort(models.TextChoices):
    # WPO 18a lid 6 (SBaO, SO), WVO 2020 art. 2.51 lid 6 (VSO), WVO 2020 art. 2.51 lid 7 (PrO) and lid 9
    # (LWOO): the kinds of decision the SWV takes. Cluster 1/2 is admitted by the institution, not here.
    SBAO = "sbao", _("Speciaal basisonderwijs (SBaO)")
    SO = "so", _("Speciaal onderwijs (SO)")
    VSO = "vso", _("Voortgezet speciaal onderwijs (VSO)")
    PRO = "pro", _("Praktijkonderwijs (PrO)")
    LWOO = "lwoo", _("Leerwegondersteunend onderwijs (LWOO)")


# Which SWV sector decides which kind: a PO-SWV on SBaO and SO, a VO-SWV on VSO, PrO and LWOO.
SOORTEN_PER_SECTOR = {
    "PO": frozenset({TlvSoort.SBAO, TlvSoort.SO}),
    "VO": frozenset({TlvSoort.VSO, TlvSoort.PRO, TlvSoort.LWOO}),
}
# The kinds with a cluster (3/4) and a bekostigingscategorie (laag/midden/hoog): the (V)SO.
MET_CATEGORIE = frozenset({TlvSoort.SO, TlvSoort.VSO})


class Bekostigingscategorie(models.TextChoices):
    LAAG = "laag", _("Laag (categorie 1)")
    MIDDEN = "midden", _("Midden (categorie 2)")
    HOOG = "hoog", _("Hoog (categorie 3)")


class Cluster(models.IntegerChoices):
    CLUSTER_3 = 3, _("Cluster 3 (lichamelijk of verstandelijk beperkt, langdurig ziek)")
    CLUSTER_4 = 4, _("Cluster 4 (psychiatrische of gedragsproblemen)")


class TlvStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Discipline(models.TextChoices):
    # The deskundigen the law names (WPO 18a lid 7, WVO 2020 art. 2.51 lid 8; Besluit deskundigen TLV).
    ORTHOPEDAGOOG = "orthopedagoog", _("Orthopedagoog")
    PSYCHOLOOG = "psycholoog", _("Psycholoog")
    KINDER_JEUGDPSYCHOLOOG = "kinder_jeugdpsycholoog", _("Kinder- of jeugdpsycholoog")
    PEDAGOOG = "pedagoog", _("Pedagoog")
    KINDERPSYCHIATER = "kinderpsychiater", _("Kinderpsychiater")
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", _("Maatschappelijk werker")
    ARTS = "arts", _("Arts")


# The first advice comes from an orthopedagoog or psycholoog, the second from one of the other professions.
EERSTE_DESKUNDIGE = frozenset({Discipline.ORTHOPEDAGOOG, Discipline.PSYCHOLOOG})
TWEEDE_DESKUNDIGE = frozenset(
    {
        Discipline.KINDER_JEUGDPSYCHOLOOG,
        Discipline.PEDAGOOG,
        Discipline.KINDERPSYCHIATER,
        Discipline.MAATSCHAPPELIJK_WERKER,
        Discipline.ARTS,
    }
)


class TlvQuerySet(TenantQuerySet):
    def visible_to(self, user) -> "TlvQuerySet":
        """TLVs the user may see (deny by default): SWV roles every TLV of their SWV, school roles the TLVs
        of their own school's cases (`Casus.objects.visible_to`, the one case rule). Ketenpartners and
        leerplicht see none: a TLV rests on health data, which only the SWV, its deskundigen and the
        pupil's school may reach (domain.md "Privacy"). A school of another SWV checks a TLV through
        `tlv_controleren` (cases/selectors_tlv.py), which shows validity only. Partner systems: none here
        (the API has its own scope rule)."""
        from swv.core.acting import lidmaatschap_van
        from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN

        from .casus import Casus

        lidmaatschap = lidmaatschap_van(user)
        if lidmaatschap is None or (
            lidmaatschap.rol not in SWV_ROLLEN and lidmaatschap.rol not in SCHOOL_ROLLEN
        ):
            return self.none()
        return super().visible_to(user).filter(casus__in=Casus.objects.visible_to(user).values("pk"))


class Tlv(VeldConstraints, models.Model):
    Soort = TlvSoort
    Status = TlvStatus
    Categorie = Bekostigingscategorie
    Cluster = Cluster

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.PROTECT, related_name="tlvs")
    leerling = models.ForeignKey(
        "cases.Leerling", on_delete=models.PROTECT, related_name="tlvs", verbose_name=_("leerling")
    )
    soort = models.CharField(_("soort besluit"), max_length=8, choices=TlvSoort.choices)
    cluster = models.PositiveSmallIntegerField(_("cluster"), choices=Cluster.choices, null=True, blank=True)
    bekostigingscategorie = models.CharField(
        _("bekostigingscategorie"), max_length=8, choices=Bekostigingscategorie.choices, blank=True
    )
    onderbouwing = models.TextField(
        _("onderbouwing van de aanvraag"),
        help_text=_("Waarom deze leerling deze vorm van onderwijs nodig heeft."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TlvStatus.choices, default=TlvStatus.AANGEVRAAGD
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # --- the besluit ---
    besluitdatum = models.DateField(_("besluitdatum"), null=True, blank=True)
    ingangsdatum = models.DateField(_("ingangsdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    motivering = models.TextField(_("motivering van het besluit"), blank=True)
    beschikkingsnummer = models.CharField(_("beschikkingsnummer"), max_length=20, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    besloten_api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = TlvQuerySet.as_manager()

    class Meta:
        verbose_name = _("toelaatbaarheidsverklaring")
        verbose_name_plural = _("toelaatbaarheidsverklaringen")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            op_veld(
                "beschikkingsnummer",
                models.UniqueConstraint(
                    fields=["swv", "beschikkingsnummer"],
                    condition=~models.Q(beschikkingsnummer=""),
                    name="tlv_beschikkingsnummer_uniek",
                    violation_error_message=_("Dit beschikkingsnummer is al gebruikt."),
                ),
            ),
            op_veld(
                "einddatum",
                models.CheckConstraint(
                    condition=~models.Q(status=TlvStatus.TOEGEKEND)
                    | models.Q(
                        besluitdatum__isnull=False,
                        ingangsdatum__isnull=False,
                        einddatum__gt=models.F("ingangsdatum"),
                        einddatum__month=7,
                        einddatum__day=31,
                    ),
                    name="tlv_toegekend_heeft_periode",
                    violation_error_message=_(
                        "Een toegekende TLV heeft een besluitdatum, een ingangsdatum en een einddatum op 31 juli "
                        "na de ingangsdatum."
                    ),
                ),
            ),
            op_veld(
                "beschikkingsnummer",
                models.CheckConstraint(
                    condition=models.Q(status=TlvStatus.AANGEVRAAGD)
                    | (~models.Q(beschikkingsnummer="") & models.Q(besluitdatum__isnull=False)),
                    name="tlv_besluit_heeft_nummer",
                    violation_error_message=_(
                        "Een besluit heeft een besluitdatum en een beschikkingsnummer."
                    ),
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "status", "einddatum"], name="tlv_swv_status_eind"),
            models.Index(fields=["swv", "leerling"], name="tlv_swv_leerling"),
            models.Index(fields=["swv", "casus"], name="tlv_swv_casus"),
        ]

    def __str__(self) -> str:
        return self.beschikkingsnummer or str(_("TLV-aanvraag %(nr)s") % {"nr": self.pk})

    @property
    def is_besloten(self) -> bool:
        return self.status != TlvStatus.AANGEVRAAGD

    def is_geldig_op(self, dag) -> bool:
        """A granted TLV whose period covers `dag` (a single-row fact)."""
        return (
            self.status == TlvStatus.TOEGEKEND
            and self.ingangsdatum is not None
            and self.einddatum is not None
            and self.ingangsdatum <= dag <= self.einddatum
        )


class TlvAdvies(VeldConstraints, models.Model):
    """One deskundigenadvies on a TLV request: who (an SWV user with the deskundige role, or a person from
    the registry), in which discipline, on which date, and what they advise."""

    class Uitkomst(models.TextChoices):
        POSITIEF = "positief", _("Positief: toelaatbaar")
        NEGATIEF = "negatief", _("Negatief: niet toelaatbaar")

    Discipline = Discipline

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    tlv = models.ForeignKey(Tlv, on_delete=models.CASCADE, related_name="adviezen")
    discipline = models.CharField(_("discipline"), max_length=24, choices=Discipline.choices)
    datum = models.DateField(_("datum van het advies"))
    uitkomst = models.CharField(_("uitkomst"), max_length=10, choices=Uitkomst.choices)
    advies = models.TextField(_("advies"))
    deskundige_gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deskundige (gebruiker)"),
    )
    deskundige_persoon = models.ForeignKey(
        "partners.Persoon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deskundige (uit het register)"),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vastgelegd_api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("deskundigenadvies")
        verbose_name_plural = _("deskundigenadviezen")
        ordering = ["datum", "pk"]
        constraints = [
            op_veld(
                "deskundige_gebruiker",
                models.CheckConstraint(
                    condition=models.Q(deskundige_gebruiker__isnull=True, deskundige_persoon__isnull=False)
                    | models.Q(deskundige_gebruiker__isnull=False, deskundige_persoon__isnull=True),
                    name="tlvadvies_een_deskundige",
                    violation_error_message=_(
                        "Kies de deskundige: een gebruiker van het SWV of een persoon uit het register (één van "
                        "beide)."
                    ),
                ),
            ),
        ]
        indexes = [models.Index(fields=["swv", "tlv"], name="tlvadvies_swv_tlv")]

    def __str__(self) -> str:
        return f"{self.get_discipline_display()} ({self.datum:%d-%m-%Y})"

    @property
    def deskundige_naam(self) -> str:
        if self.deskundige_gebruiker_id:
            gebruiker = self.deskundige_gebruiker
            return (gebruiker.get_full_name() or gebruiker.username) if gebruiker else ""
        return self.deskundige_persoon.naam if self.deskundige_persoon else ""


class TlvNummering(models.Model):
    """The last beschikkingsnummer handed out per SWV and year. The decision increments its row with
    INSERT ... ON CONFLICT DO UPDATE inside its own transaction: the row stays locked until that commit,
    a rolled-back decision rolls its number back too, so the numbers have no gaps and no duplicates."""

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["swv", "jaar"], name="tlvnummering_swv_jaar")]

    def __str__(self) -> str:
        return f"{self.swv_id}-{self.jaar}: {self.laatste}"


class TlvBezwaar(VeldConstraints, models.Model):
    """An objection (bezwaar) of the ouders against a TLV decision, and its handling by the SWV.

    Awb: the bezwaartermijn is six weeks from the day after the decision was made known (art. 6:7, 6:8);
    the SWV decides within six weeks after that term, twelve when an adviescommissie advises (art. 7:10 lid
    1, 7:13), and may postpone once by six weeks (art. 7:10 lid 3). The deadline engine
    (cases/deadlines.py, rule `tlv_bezwaar_beslissen`) counts from the besluitdatum as the day of bekendmaking.
    """

    class Uitkomst(models.TextChoices):
        OPEN = "", _("Nog niet beslist")
        GEGROND = "gegrond", _("Gegrond: het besluit wordt herzien")
        ONGEGROND = "ongegrond", _("Ongegrond: het besluit blijft")
        NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
        INGETROKKEN = "ingetrokken", _("Ingetrokken door de indiener")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    tlv = models.ForeignKey(Tlv, on_delete=models.PROTECT, related_name="bezwaren")
    ontvangen_op = models.DateField(_("bezwaar ontvangen op"))
    ingediend_door = models.CharField(
        _("ingediend door"), max_length=200, help_text=_("Naam van de indiener.")
    )
    gronden = models.TextField(_("gronden van het bezwaar"), blank=True)
    adviescommissie = models.BooleanField(
        _("advies van de adviescommissie bezwaarschriften"),
        default=True,
        help_text=_(
            "Awb art. 7:13: met een adviescommissie is de beslistermijn twaalf weken in plaats van zes."
        ),
    )
    verdaagd = models.BooleanField(
        _("beslissing verdaagd"),
        default=False,
        help_text=_("Awb art. 7:10 lid 3: eenmaal zes weken verdagen."),
    )
    hoorzitting_op = models.DateField(_("hoorzitting op"), null=True, blank=True)
    uitkomst = models.CharField(
        _("uitkomst"), max_length=20, choices=Uitkomst.choices, blank=True, default=""
    )
    beslist_op = models.DateField(_("beslist op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting op de beslissing"), blank=True)
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bezwaar tegen een TLV-besluit")
        verbose_name_plural = _("bezwaren tegen TLV-besluiten")
        ordering = ["ontvangen_op", "pk"]
        constraints = [
            op_veld(
                "beslist_op",
                models.CheckConstraint(
                    condition=models.Q(uitkomst="", beslist_op__isnull=True)
                    | (~models.Q(uitkomst="") & models.Q(beslist_op__isnull=False)),
                    name="tlvbezwaar_uitkomst_met_datum",
                    violation_error_message=_(
                        "Een uitkomst heeft een beslisdatum, en een beslisdatum een uitkomst."
                    ),
                ),
            ),
        ]
        indexes = [models.Index(fields=["swv", "tlv"], name="tlvbezwaar_swv_tlv")]

    def __str__(self) -> str:
        return str(_("Bezwaar van %(datum)s") % {"datum": f"{self.ontvangen_op:%d-%m-%Y}"})
