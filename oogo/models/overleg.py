"""Meetings of the OOGO, their agenda items, decisions and action points (issue 13)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets import ActiepuntQuerySet, AgendapuntQuerySet, BesluitQuerySet, OverlegQuerySet
from ..workflow import ActiepuntStatus, AgendapuntStatus, OverlegSoort, OverlegStatus, Thema


class Overleg(models.Model):
    Soort = OverlegSoort
    Status = OverlegStatus

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(_("soort overleg"), max_length=32, choices=OverlegSoort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    begin = models.DateTimeField(_("begin"))
    einde = models.DateTimeField(_("einde"))
    locatie = models.CharField(_("plaats"), max_length=200, blank=True)
    videolink = models.URLField(_("videolink"), blank=True)
    gemeenten = models.ManyToManyField(
        "partners.Organisatie",
        related_name="oogo_overleggen",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("deelnemende gemeenten"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OverlegStatus.choices, default=OverlegStatus.GEPLAND
    )
    # The ICS entry's UID: fixed at creation, so an update replaces the entry in every calendar.
    uid = models.CharField(_("agenda-UID"), max_length=100, unique=True, editable=False)
    ics_volgnummer = models.PositiveIntegerField(_("ICS-volgnummer"), default=0, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = OverlegQuerySet.as_manager()

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-begin", "pk"]
        indexes = [models.Index(fields=["swv", "soort", "begin"], name="oogo_overleg_swv_soort_begin")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einde__gt=models.F("begin")), name="oogo_overleg_einde_na_begin"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({timezone.localtime(self.begin):%d-%m-%Y})"


class Deelname(models.Model):
    """An invited person from the partner registry and whether they attended."""

    class Aanwezigheid(models.TextChoices):
        ONBEKEND = "onbekend", _("Onbekend")
        AANWEZIG = "aanwezig", _("Aanwezig")
        AFGEMELD = "afgemeld", _("Afgemeld")
        AFWEZIG = "afwezig", _("Afwezig")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="deelnames")
    persoon = models.ForeignKey(
        "partners.Persoon", on_delete=models.PROTECT, related_name="oogo_deelnames", verbose_name=_("persoon")
    )
    aanwezigheid = models.CharField(
        _("aanwezigheid"), max_length=10, choices=Aanwezigheid.choices, default=Aanwezigheid.ONBEKEND
    )

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [models.UniqueConstraint(fields=["overleg", "persoon"], name="oogo_deelname_uniek")]

    def __str__(self) -> str:
        return f"{self.persoon} ({self.get_aanwezigheid_display()})"


class Agendapunt(models.Model):
    Status = AgendapuntStatus
    Thema = Thema

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="agendapunten")
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)
    titel = models.CharField(_("titel"), max_length=200)
    thema = models.CharField(_("thema"), max_length=32, choices=Thema.choices)
    ambitie = models.ForeignKey(
        "oogo.Ontwikkeldoel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agendapunten",
        verbose_name=_("ambitie"),
        help_text=_("Het doel van de ontwikkelagenda waaraan dit punt bijdraagt."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    indiener = models.ForeignKey(
        "partners.Persoon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    status = models.CharField(
        _("status"), max_length=24, choices=AgendapuntStatus.choices, default=AgendapuntStatus.VOORGESTELD
    )
    uitkomst = models.TextField(_("uitkomst"), blank=True)
    # The same item in the previous meeting: following this link backwards is the item's history.
    overgenomen_van = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overgenomen_naar",
        verbose_name=_("overgenomen van"),
    )

    objects = AgendapuntQuerySet.as_manager()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["overleg", "volgorde", "pk"]

    def __str__(self) -> str:
        return self.titel

    def geschiedenis(self) -> list["Agendapunt"]:
        """This item in the earlier meetings, oldest first (one query per step; chains are short)."""
        rij, punt = [], self.overgenomen_van
        while punt is not None:
            rij.append(punt)
            punt = punt.overgenomen_van
        return rij[::-1]


class Besluit(models.Model):
    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="besluiten")
    agendapunt = models.ForeignKey(
        Agendapunt, on_delete=models.SET_NULL, null=True, blank=True, related_name="besluiten"
    )
    tekst = models.TextField(_("besluit"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = BesluitQuerySet.as_manager()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["overleg", "pk"]

    def __str__(self) -> str:
        return self.tekst[:80]


class Actiepunt(models.Model):
    Status = ActiepuntStatus

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    # The meeting where the action was agreed (fixed) and the one where it is followed now: carry-over
    # moves `opgevolgd_in` to the next meeting until it is done; the history keeps every step.
    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="actiepunten")
    opgevolgd_in = models.ForeignKey(
        Overleg,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opgevolgde_actiepunten",
        verbose_name=_("opgevolgd in"),
    )
    agendapunt = models.ForeignKey(
        Agendapunt, on_delete=models.SET_NULL, null=True, blank=True, related_name="actiepunten"
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=250)
    eigenaar = models.ForeignKey(
        "partners.Persoon",
        on_delete=models.PROTECT,
        related_name="oogo_actiepunten",
        verbose_name=_("eigenaar"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActiepuntStatus.choices, default=ActiepuntStatus.OPEN
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    gereed_op = models.DateField(_("gereed op"), null=True, blank=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ActiepuntQuerySet.as_manager()

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["swv", "status", "deadline"], name="oogo_actiepunt_open")]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def te_laat(self) -> bool:
        """Open and past its deadline (the overdue list: ActiepuntQuerySet.te_laat)."""
        from ..workflow import ACTIEPUNT_OPEN

        return self.status in ACTIEPUNT_OPEN and self.deadline < timezone.localdate()
