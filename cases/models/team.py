"""The ondersteuningsteam (OT) of a case and the ouders' toestemming that lets partners take part.

Access rule (cases/querysets.py): a partner professional sees a case only while they are an active OT
member *and* a valid toestemming covers their organisation for the purpose `deelname_ot`. Leerplicht takes
part on a legal basis (Leerplichtwet), recorded on the membership as `grondslag`, and needs no consent.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import OtLidQuerySet, ToestemmingQuerySet


class OtRol(models.TextChoices):
    SCHOOL = "school", _("School")
    SWV = "swv", _("Samenwerkingsverband")
    OUDERS = "ouders", _("Ouders/verzorgers")
    PARTNER = "partner", _("Ketenpartner")
    LEERPLICHT = "leerplicht", _("Leerplicht")


class Grondslag(models.TextChoices):
    TOESTEMMING = "toestemming", _("Toestemming van de ouders (AVG art. 6 lid 1a)")
    WETTELIJKE_TAAK = "wettelijke_taak", _("Wettelijke taak (Leerplichtwet, Wet passend onderwijs)")


class OtLid(VeldConstraints, models.Model):
    """A member of a case's ondersteuningsteam for a period (an ended membership is kept, with its end)."""

    Rol = OtRol
    Grondslag = Grondslag

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="ot_leden")
    rol = models.CharField(_("rol in het team"), max_length=16, choices=OtRol.choices)
    # The organisation of the registry the member takes part for (none for ouders).
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    # The person in the registry (contact details), and/or the account that gets access to the case.
    persoon = models.ForeignKey(
        "partners.Persoon", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ot_lidmaatschappen",
        verbose_name=_("gebruiker"),
    )
    ouder = models.ForeignKey(
        "cases.Ouder", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    functie = models.CharField(_("functie"), max_length=150, blank=True)
    grondslag = models.CharField(
        _("grondslag"), max_length=16, choices=Grondslag.choices, default=Grondslag.TOESTEMMING
    )
    van = models.DateField(_("lid vanaf"), default=timezone.localdate)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    reden_einde = models.CharField(_("reden einde"), max_length=250, blank=True)
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = OtLidQuerySet.as_manager()

    class Meta:
        verbose_name = _("lid van het ondersteuningsteam")
        verbose_name_plural = _("leden van het ondersteuningsteam")
        ordering = ["rol", "pk"]
        constraints = [
            op_veld(
                "gebruiker",
                models.UniqueConstraint(
                    fields=["casus", "gebruiker"],
                    condition=models.Q(beeindigd_op__isnull=True, gebruiker__isnull=False),
                    name="otlid_gebruiker_eenmaal_actief",
                    violation_error_message=_("Deze persoon is al lid van het ondersteuningsteam."),
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["swv", "gebruiker", "casus"],
                condition=models.Q(beeindigd_op__isnull=True),
                name="otlid_actief_gebruiker",
            ),
        ]

    def __str__(self) -> str:
        wie = self.gebruiker or self.persoon or self.ouder or self.organisatie
        return f"{wie} ({self.get_rol_display()})"

    @property
    def is_actief(self) -> bool:
        return self.beeindigd_op is None


class Toestemming(VeldConstraints, models.Model):
    """Consent of the ouders with parental authority (or the pupil from 16) for one purpose and one
    organisation, with how and when it was given, its expiry and its withdrawal. Never deleted: a
    withdrawal sets `ingetrokken_op`; the pghistory events keep every change."""

    class Doel(models.TextChoices):
        DEELNAME_OT = "deelname_ot", _("Deelname aan het ondersteuningsteam")
        GEGEVENS_DELEN = "gegevens_delen", _("Gegevens delen met deze organisatie")
        ONDERZOEK = "onderzoek", _("Onderzoek of observatie")
        OVERDRACHT = "overdracht", _("Overdracht naar een volgende school")

    class Wijze(models.TextChoices):
        SCHRIFTELIJK = "schriftelijk", _("Schriftelijk (ondertekend formulier)")
        DIGITAAL = "digitaal", _("Digitaal")
        MONDELING = "mondeling", _("Mondeling, vastgelegd in het verslag")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey("cases.Leerling", on_delete=models.CASCADE, related_name="toestemmingen")
    # The case it was asked for (consent is per pupil; the case gives the context on its tijdlijn).
    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.SET_NULL, null=True, blank=True, related_name="toestemmingen"
    )
    doel = models.CharField(_("doel"), max_length=20, choices=Doel.choices)
    organisatie = models.ForeignKey(
        "partners.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    # Exactly one of: an ouder with parental authority, or the pupil (16 or older).
    gegeven_door_ouder = models.ForeignKey(
        "cases.Ouder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gegeven door (ouder)"),
    )
    gegeven_door_leerling = models.BooleanField(_("gegeven door de leerling (16+)"), default=False)
    gegeven_op = models.DateField(_("gegeven op"))
    wijze = models.CharField(_("hoe gegeven"), max_length=16, choices=Wijze.choices)
    geldig_tot = models.DateField(_("geldig tot"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    reden_intrekking = models.TextField(_("reden van intrekking"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = ToestemmingQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-gegeven_op", "-pk"]
        constraints = [
            op_veld(
                "gegeven_door_ouder",
                models.CheckConstraint(
                    condition=models.Q(gegeven_door_ouder__isnull=False, gegeven_door_leerling=False)
                    | models.Q(gegeven_door_ouder__isnull=True, gegeven_door_leerling=True),
                    name="toestemming_een_gever",
                    violation_error_message=_(
                        "Kies wie de toestemming gaf: een ouder met gezag of de leerling."
                    ),
                ),
            ),
            op_veld(
                "geldig_tot",
                models.CheckConstraint(
                    condition=models.Q(geldig_tot__isnull=True)
                    | models.Q(geldig_tot__gte=models.F("gegeven_op")),
                    name="toestemming_geldig_na_gegeven",
                    violation_error_message=_(
                        "'Geldig tot' ligt voor de datum waarop de toestemming is gegeven."
                    ),
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["swv", "leerling", "organisatie", "doel"],
                condition=models.Q(ingetrokken_op__isnull=True),
                name="toestemming_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_doel_display()} · {self.organisatie}"
