"""Tenancy, accounts and roles.

The tenant is a samenwerkingsverband (SWV) that uses this deployment. People act through a
membership (user x organisation x role); every pupil- or case-row later carries its SWV.
"""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .api.scopes import ALLE_SCOPES, Scope


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships, not from this row."""

    # Raised by `swv.core.sessions.sessies_beeindigen` (e.g. on a lockout): it is part of the session
    # auth hash, so every session this account already has stops working at its next request.
    sessie_versie = models.PositiveIntegerField(_("sessieversie"), default=0, editable=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    if TYPE_CHECKING:
        # Set on the request's user by django_otp's OTPMiddleware: did this session pass the second step?
        def is_verified(self) -> bool: ...

    def _get_session_auth_hash(self, secret=None):
        base = super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]  # private, not in the stubs
        if not self.sessie_versie:
            # Version 0 keeps Django's own hash, so sessions from before this field stay valid.
            return base
        return salted_hmac(
            "swv.core.models.User.sessie_versie",
            f"{base}:{self.sessie_versie}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


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

    def clean(self) -> None:
        super().clean()
        # Tenancy: the organisation a member acts for is one of this SWV (also for a beheerder of two).
        if self.organisatie_id and self.swv_id and self.organisatie.swv_id != self.swv_id:
            raise ValidationError(
                {"organisatie": _("Deze organisatie hoort bij een ander samenwerkingsverband.")}
            )


class ApiClient(models.Model):
    """A partner system that calls the API with a token, on behalf of one organisation within one SWV.

    A client has no role; what it may do is listed in `scopes` (`swv.core.api.scopes`). The token is
    `kr_<token_prefix>_<secret>`: only the prefix (to find the row) and a hash of the secret are stored,
    so the plaintext is shown once and cannot be recovered from the database. Create, rotate and revoke
    through `swv.core.api.services`.
    """

    swv = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="api_clients", verbose_name=_("SWV")
    )
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("organisatie"),
        help_text=_("De organisatie namens wie het partnersysteem gegevens leest en schrijft."),
    )
    naam = models.CharField(
        _("naam"), max_length=200, help_text=_("Bijvoorbeeld het leerlingvolgsysteem of de applicatie.")
    )
    scopes = ArrayField(
        models.CharField(max_length=32, choices=Scope.choices),
        verbose_name=_("scopes"),
        default=list,
        blank=True,
        help_text=_("Wat het partnersysteem mag; zonder scopes kan het alleen /api/v1/ik opvragen."),
    )
    actief = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Uitzetten blokkeert het token tijdelijk; intrekken is definitief."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    aangemaakt_door = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    verloopt_op = models.DateTimeField(
        _("verloopt op"), null=True, blank=True, help_text=_("Leeg: het token verloopt niet vanzelf.")
    )
    token_vernieuwd_op = models.DateTimeField(_("token vernieuwd op"), null=True, blank=True, editable=False)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    ingetrokken_door = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True, editable=False)
    # The public part of the token, to find the row; unique, so it is indexed.
    token_prefix = models.CharField(_("tokenprefix"), max_length=16, unique=True, editable=False)
    # SHA-256 (hex) of the secret part; never the secret itself. See `swv.core.api.tokens`.
    token_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("API-client")
        verbose_name_plural = _("API-clients")
        ordering = ["swv", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scopes__contained_by=sorted(ALLE_SCOPES)), name="apiclient_bekende_scopes"
            ),
            models.CheckConstraint(condition=~models.Q(token_hash=""), name="apiclient_token_hash_gevuld"),
        ]
        indexes = [models.Index(fields=["swv", "organisatie"])]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})" if self.organisatie_id else self.naam

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    def is_verlopen(self, now=None) -> bool:
        return self.verloopt_op is not None and self.verloopt_op <= (now or timezone.now())

    def is_bruikbaar(self, now=None) -> bool:
        """Whether the token may be used right now: active, not revoked and not expired."""
        return self.actief and not self.is_ingetrokken and not self.is_verlopen(now)

    def heeft_scope(self, *scopes: str) -> bool:
        return set(scopes) <= set(self.scopes)


class TweestapsKoppeling(models.Model):
    """A one-time link to enrol an authenticator app on an account that has none (new, or after a reset).

    Without it a password alone would be enough to attach an attacker's app. The link carries a random
    token; only its SHA-256 is stored. It expires, works once, and a newer link replaces an older one.
    Issue and check through `swv.core.twofactor`.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="tweestaps_koppelingen", verbose_name=_("gebruiker")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    aangemaakt_door = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    verloopt_op = models.DateTimeField(_("verloopt op"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppellink tweestapsverificatie")
        verbose_name_plural = _("koppellinks tweestapsverificatie")
        indexes = [models.Index(fields=["user", "gebruikt_op"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.aangemaakt_op:%Y-%m-%d %H:%M}"

    def is_bruikbaar(self, now=None) -> bool:
        return self.gebruikt_op is None and self.verloopt_op > (now or timezone.now())


class Uitnodiging(models.Model):
    """A beheerder's invitation to an existing account to join their SWV in a role.

    A beheerder cannot link an account of another SWV directly: that would let them take it over. The
    membership exists only after the account's owner accepts while logged in as themselves. Create and
    answer through `swv.core.uitnodigingen`.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        GEACCEPTEERD = "geaccepteerd", _("geaccepteerd")
        GEWEIGERD = "geweigerd", _("geweigerd")

    swv = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="uitnodigingen", verbose_name=_("SWV")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="uitnodigingen", verbose_name=_("gebruiker")
    )
    organisatie = models.ForeignKey(
        "partners.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    rol = models.CharField(_("rol"), max_length=32, choices=Rol.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    uitgenodigd_door = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            # One open invitation per account for the same membership.
            models.UniqueConstraint(
                fields=["swv", "user", "organisatie", "rol"],
                condition=models.Q(status="open"),
                name="uitnodiging_een_open_per_lidmaatschap",
            ),
        ]
        indexes = [models.Index(fields=["swv", "user"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_rol_display()} · {self.organisatie}"

    def is_open(self, now=None) -> bool:
        return self.status == self.Status.OPEN and self.verloopt_op > (now or timezone.now())
