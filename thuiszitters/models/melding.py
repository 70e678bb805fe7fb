"""A verzuimmelding (Besluit verzuimmelding; domain.md "Verzuimmelding fields").

The school fills in its part and reports it; the leerplichtambtenaren of the pupil's woongemeente handle it
(their part: status, reden afgesloten, toelichting, contactpersoon). Leerplicht needs no consent for this
(Leerplichtwet 1969, art. 21 and 22: a legal basis).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import VerzuimmeldingQuerySet


class SoortVerzuim(models.TextChoices):
    """The vermoedelijke soort verzuim of the Besluit verzuimmelding."""

    LUXE = "luxe", _("Luxe verzuim")
    BEGINNEND = "beginnend", _("Beginnend verzuim")
    SIGNAAL = "signaal", _("Signaalverzuim")
    ZESTIEN_UUR = "zestien_uur", _("16 uur in 4 opeenvolgende lesweken")
    LANGDURIG = "langdurig", _("1 maand of langer")


class MeldingStatus(models.TextChoices):
    GEREGISTREERD = "geregistreerd", _("Geregistreerd")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    TER_KENNISNEMING = "ter_kennisneming", _("Ter kennisneming aangenomen")


class RedenAfgesloten(models.TextChoices):
    TERUG_NAAR_SCHOOL = "terug_naar_school", _("Terug naar school")
    ANDERE_OPLEIDING = "andere_opleiding", _("Inschrijving beëindigd: andere opleiding")
    WERK = "werk", _("Inschrijving beëindigd: werk")
    INSCHRIJVING_OVERIG = "inschrijving_overig", _("Inschrijving beëindigd: overig")
    OVERLEDEN = "overleden", _("Inschrijving beëindigd: overleden")
    LANGDURIG_ZIEK = "langdurig_ziek", _("Geen verzuim: langdurig ziek")
    LEGITIEM_AFWEZIG = "legitiem_afwezig", _("Geen verzuim: legitiem afwezig")


class Verzuimmelding(VeldConstraints, models.Model):
    Status = MeldingStatus

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(
        "cases.Leerling",
        on_delete=models.PROTECT,
        related_name="verzuimmeldingen",
        verbose_name=_("leerling"),
    )
    school = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="verzuimmeldingen",
        limit_choices_to={"soort": "school"},
        verbose_name=_("school"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeldingStatus.choices, default=MeldingStatus.GEREGISTREERD
    )

    # --- the school's part (Besluit verzuimmelding) ---
    begindatum = models.DateField(_("begindatum verzuim"))
    einddatum = models.DateField(_("einddatum verzuim"), null=True, blank=True)
    vermoedelijke_soort = models.CharField(
        _("vermoedelijke soort verzuim"), max_length=16, choices=SoortVerzuim.choices
    )
    vermoedelijke_reden = models.TextField(_("vermoedelijke reden"), blank=True)
    alle_lessen_gemist = models.BooleanField(_("alle lessen gemist"), default=False)
    actie_school = models.TextField(_("door de school ondernomen actie"), blank=True)
    actie_gemeente_gewenst = models.BooleanField(_("actie door de gemeente gewenst"), default=False)
    toelichting_actie_gewenst = models.TextField(_("toelichting gewenste actie"), blank=True)
    leslocatie = models.CharField(_("leslocatie"), max_length=200, blank=True)
    melder_naam = models.CharField(_("naam melder"), max_length=150)
    melder_functie = models.CharField(_("functie melder"), max_length=100, blank=True)
    melder_telefoon = models.CharField(_("telefoon melder"), max_length=30, blank=True)
    melder_email = models.EmailField(_("e-mail melder"), blank=True)
    telefoon_ouder_leerling = models.CharField(_("telefoon ouder of leerling"), max_length=30, blank=True)
    verblijfadres = models.CharField(
        _("verblijfadres"),
        max_length=250,
        blank=True,
        help_text=_("Alleen als dit afwijkt van het woonadres."),
    )
    verzuimdagen = models.PositiveSmallIntegerField(_("verzuimdagen"), null=True, blank=True)
    verzuimuren = models.DecimalField(_("verzuimuren"), max_digits=6, decimal_places=2, null=True, blank=True)
    duo_meldingnummer = models.CharField(
        _("meldingnummer DUO"), max_length=30, blank=True, help_text=_("Als de school ook bij DUO meldde.")
    )

    # --- the gemeente's part ---
    reden_afgesloten = models.CharField(
        _("reden afgesloten"), max_length=24, choices=RedenAfgesloten.choices, blank=True
    )
    toelichting_gemeente = models.TextField(_("toelichting gemeente"), blank=True)
    contactpersoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeentelijke contactpersoon"),
    )

    # --- who and when; the sender's reference makes a resent API submission one melding ---
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    extern_id = models.CharField(_("referentie van de afzender"), max_length=64, blank=True)
    ingediend_op = models.DateTimeField(_("gemeld op"), default=timezone.now)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    # For a partner system that keeps its copy up to date (`gewijzigdSinds` of GET /api/v1/verzuimmeldingen).
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = VerzuimmeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzuimmelding")
        verbose_name_plural = _("verzuimmeldingen")
        ordering = ["-ingediend_op", "-pk"]
        constraints = [
            op_veld(
                "einddatum",
                models.CheckConstraint(
                    condition=models.Q(einddatum__isnull=True)
                    | models.Q(einddatum__gte=models.F("begindatum")),
                    name="verzuimmelding_einddatum_na_begindatum",
                    violation_error_message=_("De einddatum ligt voor de begindatum."),
                ),
            ),
            # A closed melding says why; only a closed one has a reden afgesloten.
            op_veld(
                "reden_afgesloten",
                models.CheckConstraint(
                    condition=(models.Q(status="afgesloten") & ~models.Q(reden_afgesloten=""))
                    | (~models.Q(status="afgesloten") & models.Q(reden_afgesloten="")),
                    name="verzuimmelding_reden_bij_afgesloten",
                    violation_error_message=_(
                        "Kies een reden van afsluiten (alleen bij een afgesloten melding)."
                    ),
                ),
            ),
            models.UniqueConstraint(
                fields=["school", "extern_id"],
                condition=~models.Q(extern_id=""),
                name="verzuimmelding_extern_id_per_school",
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "status", "ingediend_op"], name="verzuimmelding_swv_status"),
            models.Index(fields=["swv", "leerling"], name="verzuimmelding_swv_leerling"),
            models.Index(fields=["swv", "school"], name="verzuimmelding_swv_school"),
            models.Index(fields=["swv", "gewijzigd_op"], name="verzuimmelding_swv_gewijzigd"),
        ]

    def __str__(self) -> str:
        return str(_("Verzuimmelding %(nr)s") % {"nr": self.pk})
