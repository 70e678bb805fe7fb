"""The organisations of the network: schools, gemeenten, care and other partners, and their regions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import JeugdzorgregioQuerySet, OrganisatieQuerySet, SchoolSwvQuerySet
from ..validators import normaliseer_postcode, valideer_cbs_code, valideer_swv_code, valideer_vestigingscode


class Sector(models.TextChoices):
    PO = "PO", _("primair onderwijs")
    VO = "VO", _("voortgezet onderwijs")


class Domein(models.TextChoices):
    """The four worlds of the routekaart and netwerk pages; derived from the soort, never stored."""

    ONDERWIJS = "onderwijs", _("Onderwijs")
    ZORG = "zorg", _("Zorg en jeugdhulp")
    GEMEENTE = "gemeente", _("Gemeente")
    WERK = "werk", _("Werk")
    OVERIG = "overig", _("Overig")


class Jeugdzorgregio(VeldConstraints, models.Model):
    """A region of gemeenten that buy youth care together; the routekaart can be filtered on it."""

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="jeugdzorgregios",
        verbose_name=_("SWV"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    code = models.CharField(_("code"), max_length=20, blank=True)

    objects = JeugdzorgregioQuerySet.as_manager()

    class Meta:
        verbose_name = _("jeugdzorgregio")
        verbose_name_plural = _("jeugdzorgregio's")
        ordering = ["naam"]
        constraints = [
            op_veld(
                "naam",
                models.UniqueConstraint(
                    fields=["swv", "naam"],
                    name="jeugdzorgregio_naam_uniek_per_swv",
                    violation_error_message=_(
                        "Er is in dit samenwerkingsverband al een jeugdzorgregio met deze naam."
                    ),
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Organisatie(VeldConstraints, models.Model):
    class Soort(models.TextChoices):
        SWV = "swv", _("Samenwerkingsverband")
        GEMEENTE = "gemeente", _("Gemeente")
        LEERPLICHT = "leerplicht", _("Leerplicht / RBL")
        GGD = "ggd", _("GGD")
        WIJKTEAM = "wijkteam", _("CJG / wijkteam / sociaal team / toegang jeugdhulp")
        SMW = "smw", _("Schoolmaatschappelijk werk")
        SCHOOL = "school", _("School (vestiging)")
        SCHOOLBESTUUR = "schoolbestuur", _("Schoolbestuur")
        CLUSTER1 = "cluster1", _("Cluster 1 (visueel)")
        CLUSTER2 = "cluster2", _("Cluster 2 (auditief en communicatief)")
        MBO = "mbo", _("MBO")
        BEDRIJF = "bedrijf", _("Bedrijf (MKB)")
        GGZ = "ggz", _("GGZ-instelling")
        JEUGDHULP = "jeugdhulp", _("Jeugdhulpaanbieder")
        NIEUWKOMERS = "nieuwkomers", _("Nieuwkomersonderwijs")
        VOORSCHOOL = "voorschool", _("Voorschoolse voorziening")
        JONGERENWERK = "jongerenwerk", _("Jongerenwerk")
        HALT = "halt", _("HALT")
        VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
        MEE = "mee", _("MEE / cliëntondersteuning")
        COLLEGA_SWV = "collega_swv", _("Collega-samenwerkingsverband")
        SECTORRAAD = "sectorraad", _("VO-raad / PO-raad / sectorraad")
        OVERIG = "overig", _("Overig")

    class SoortOnderwijs(models.TextChoices):
        BAO = "BAO", _("basisonderwijs")
        SBAO = "SBAO", _("speciaal basisonderwijs")
        SO = "SO", _("speciaal onderwijs")
        VO = "VO", _("voortgezet onderwijs")
        PRO = "PRO", _("praktijkonderwijs")
        VSO = "VSO", _("voortgezet speciaal onderwijs")
        MBO = "MBO", _("middelbaar beroepsonderwijs")

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="organisaties",
        verbose_name=_("werkt met SWV"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=32, choices=Soort.choices)
    # Vestigingscode (BRIN + 2 digits, 05KO00) for a school, CBS code (0363) for a gemeente,
    # bevoegd-gezag number for a schoolbestuur; empty otherwise. Checked in clean().
    code = models.CharField(_("code"), max_length=10, blank=True)
    gemeente = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("gemeente"),
        help_text=_("De gemeente waar een school staat of waarvoor een leerplichtteam werkt."),
    )
    soort_onderwijs = models.CharField(
        _("soort onderwijs"), max_length=8, choices=SoortOnderwijs.choices, blank=True
    )
    schoolbestuur = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scholen",
        limit_choices_to={"soort": "schoolbestuur"},
        verbose_name=_("schoolbestuur"),
    )
    # Alleen voor een school: de regio van de schoolvakanties (thuiszitters.Schoolvakantie); vakantieweken
    # tellen niet als lesweken in de verzuimcontrole. Leeg = onbekend (die controle telt dan elke week mee).
    vakantieregio = models.CharField(
        _("vakantieregio"),
        max_length=8,
        choices=[("noord", _("Noord")), ("midden", _("Midden")), ("zuid", _("Zuid"))],
        blank=True,
        help_text=_("Alleen voor een school: regio noord, midden of zuid van de schoolvakanties."),
    )
    bevoegd_gezag_nummer = models.CharField(_("bevoegd-gezagnummer"), max_length=10, blank=True)
    denominatie = models.CharField(_("denominatie"), max_length=100, blank=True)
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    werkgebied = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="partners_in_werkgebied",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("werkgebied"),
        help_text=_("De gemeenten waar deze organisatie werkt."),
    )
    jeugdzorgregio = models.ForeignKey(
        Jeugdzorgregio,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gemeenten",
        verbose_name=_("jeugdzorgregio"),
        help_text=_("Alleen voor een gemeente: de regio waarin zij jeugdhulp inkoopt."),
    )
    in_werkgebied = models.BooleanField(
        _("in werkgebied van het SWV"),
        default=False,
        help_text=_("Alleen voor een gemeente: hoort bij het werkgebied van het samenwerkingsverband."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            op_veld(
                "code",
                models.UniqueConstraint(
                    fields=["swv", "soort", "code"],
                    condition=~models.Q(code=""),
                    name="organisatie_code_uniek_per_swv",
                    violation_error_code="code_bestaat_al",
                    violation_error_message=_(
                        "Er is in dit samenwerkingsverband al een organisatie van deze soort met deze code."
                    ),
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "soort", "naam"], name="organisatie_swv_soort_naam"),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def domein(self) -> str:
        return domein_van(self.soort)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.soort == self.Soort.SCHOOL:
            self.code = (self.code or "").strip().upper()
            if self.code:
                try:
                    valideer_vestigingscode(self.code)
                except ValidationError as e:
                    errors.setdefault("code", []).extend(e.error_list)
        elif self.soort == self.Soort.GEMEENTE:
            self.code = (self.code or "").strip()
            if self.code:
                try:
                    valideer_cbs_code(self.code)
                except ValidationError as e:
                    errors.setdefault("code", []).extend(e.error_list)
        elif self.soort == self.Soort.SCHOOLBESTUUR and self.code and not self.bevoegd_gezag_nummer:
            self.bevoegd_gezag_nummer = self.code
        try:
            self.postcode = normaliseer_postcode(self.postcode)
        except ValidationError as e:
            errors.setdefault("postcode", []).extend(e.error_list)
        if self.in_werkgebied and self.soort != self.Soort.GEMEENTE:
            errors.setdefault("in_werkgebied", []).append(
                ValidationError(_("Alleen een gemeente kan in het werkgebied van het SWV liggen."))
            )
        if self.jeugdzorgregio_id and self.soort != self.Soort.GEMEENTE:
            errors.setdefault("jeugdzorgregio", []).append(
                ValidationError(_("Alleen een gemeente hoort bij een jeugdzorgregio."))
            )
        regio = self.jeugdzorgregio if self.jeugdzorgregio_id else None
        if regio is not None and regio.swv_id != self.swv_id:
            errors.setdefault("jeugdzorgregio", []).append(
                ValidationError(_("Deze jeugdzorgregio hoort bij een ander samenwerkingsverband."))
            )
        for veld in ("gemeente", "schoolbestuur"):
            gekoppeld = getattr(self, veld) if getattr(self, f"{veld}_id") else None
            if gekoppeld is not None and gekoppeld.swv_id != self.swv_id:
                errors.setdefault(veld, []).append(
                    ValidationError(_("Deze organisatie hoort bij een ander samenwerkingsverband."))
                )
        if errors:
            raise ValidationError(errors)


# soort -> domein, in one place (routekaart/netwerk pages and filters read it).
DOMEIN_PER_SOORT: dict[str, str] = {
    **dict.fromkeys(
        [
            "school",
            "schoolbestuur",
            "swv",
            "collega_swv",
            "mbo",
            "cluster1",
            "cluster2",
            "nieuwkomers",
            "voorschool",
            "sectorraad",
        ],
        Domein.ONDERWIJS,
    ),
    **dict.fromkeys(["ggd", "wijkteam", "smw", "ggz", "jeugdhulp", "verslavingszorg", "mee"], Domein.ZORG),
    **dict.fromkeys(["gemeente", "leerplicht", "jongerenwerk", "halt"], Domein.GEMEENTE),
    "bedrijf": Domein.WERK,
    "overig": Domein.OVERIG,
}


def domein_van(soort: str) -> str:
    return DOMEIN_PER_SOORT.get(soort, Domein.OVERIG)


def soorten_in_domein(domein: str) -> list[str]:
    """The soorten of one domein, for `soort__in` filters."""
    return [soort for soort, d in DOMEIN_PER_SOORT.items() if d == domein]


class SchoolSwv(VeldConstraints, models.Model):
    """A school belongs to one SWV per sector (DUO's membership file); that SWV need not be the tenant."""

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SWV"),
    )
    school = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="swv_lidmaatschappen",
        limit_choices_to={"soort": "school"},
        verbose_name=_("school"),
    )
    swv_code = models.CharField(_("SWV-code"), max_length=6, validators=[valideer_swv_code])
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)

    objects = SchoolSwvQuerySet.as_manager()

    class Meta:
        verbose_name = _("SWV van een school")
        verbose_name_plural = _("SWV's van scholen")
        ordering = ["school__naam", "sector"]
        constraints = [
            op_veld(
                "sector",
                models.UniqueConstraint(
                    fields=["school", "sector"],
                    name="schoolswv_een_swv_per_sector",
                    violation_error_message=_(
                        "Deze school hoort voor deze sector al bij een samenwerkingsverband."
                    ),
                ),
            ),
        ]
        indexes = [models.Index(fields=["swv", "swv_code"], name="schoolswv_swv_code")]

    def __str__(self) -> str:
        return f"{self.school} — {self.swv_code} ({self.sector})"
