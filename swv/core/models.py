"""Tenancy, accounts and roles.

The tenant is a samenwerkingsverband (SWV) that uses this deployment. People act through a
membership (user x organisation x role); every pupil- or case-row later carries its SWV.
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships, not from this row."""

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")


class Samenwerkingsverband(models.Model):
    """A tenant: one SWV passend onderwijs using this deployment (code like PO2707)."""

    class Sector(models.TextChoices):
        PO = "PO", _("primair onderwijs")
        VO = "VO", _("voortgezet onderwijs")

    code = models.CharField(
        _("code"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(
                r"^(PO|VO)\d{4}$",
                _("Een SWV-code is PO of VO gevolgd door vier cijfers, bijvoorbeeld PO2707."),
            )
        ],
    )
    naam = models.CharField(_("naam"), max_length=200)
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^(PO|VO)[0-9]{4}$"), name="swv_code_formaat"
            ),
            models.CheckConstraint(
                condition=models.Q(code__startswith=models.F("sector")), name="swv_code_past_bij_sector"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


class Rol(models.TextChoices):
    """The roles of the access model; `docs/access.md` says what each may do."""

    SWV_COORDINATOR = "swv_coordinator", _("SWV-coördinator")
    SWV_DESKUNDIGE = "swv_deskundige", _("SWV-deskundige")
    SWV_MEDEWERKER = "swv_medewerker", _("SWV-medewerker")
    ZORGCOORDINATOR = "zorgcoordinator", _("Zorgcoördinator school")
    INTERN_BEGELEIDER = "intern_begeleider", _("Intern begeleider")
    SCHOOLDIRECTEUR = "schooldirecteur", _("Schooldirecteur")
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar", _("Leerplichtambtenaar")
    KETENPARTNER = "ketenpartner", _("Ketenpartner-professional")
    BESTUURDER = "bestuurder", _("Bestuurder / wethouder")
    BEHEERDER = "beheerder", _("Functioneel beheerder")


SWV_ROLLEN = frozenset({Rol.SWV_COORDINATOR, Rol.SWV_DESKUNDIGE, Rol.SWV_MEDEWERKER})
SCHOOL_ROLLEN = frozenset({Rol.ZORGCOORDINATOR, Rol.INTERN_BEGELEIDER, Rol.SCHOOLDIRECTEUR})


class Lidmaatschap(models.Model):
    """A user acting for an organisation, in one role, within one SWV (the tenant)."""

    swv = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="lidmaatschappen", verbose_name=_("SWV")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="lidmaatschappen", verbose_name=_("gebruiker")
    )
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
        verbose_name=_("organisatie"),
    )
    rol = models.CharField(_("rol"), max_length=32, choices=Rol.choices)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["swv", "user", "organisatie", "rol"], name="uniek_lidmaatschap"),
        ]
        indexes = [models.Index(fields=["swv", "user"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_rol_display()} · {self.organisatie}"
