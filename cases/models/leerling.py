"""Pupils (and, in the cases issue, their cases).

`Leerling` is minimal for now: enough identity to protect with the visibility rules and the audit
trail. Every row carries its SWV (the tenant); the tenant is the first column of every index.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from swv.audit.registry import history_base
from swv.core.constraints import VeldConstraints, op_veld

from ..leerplicht import leerplicht_eindigt, leerplichtig_vanaf
from ..querysets import LeerlingQuerySet
from ..validators import validate_bsn, validate_onderwijsnummer


class Leerling(VeldConstraints, models.Model):
    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="leerlingen",
        verbose_name=_("SWV"),
    )
    # Never put these two in a URL, a log line or an audit event (see docs/access.md).
    # NULL, not "", for "unknown": the unique constraints below only apply to known numbers.
    bsn = models.CharField(  # noqa: DJ001
        _("BSN"), max_length=9, null=True, blank=True, validators=[validate_bsn]
    )
    onderwijsnummer = models.CharField(  # noqa: DJ001
        _("onderwijsnummer"),
        max_length=9,
        null=True,
        blank=True,
        validators=[validate_onderwijsnummer],
        help_text=_("Voor een leerling zonder BSN; wordt vervangen door het BSN zodra dat bekend is."),
    )
    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    geboortedatum = models.DateField(_("geboortedatum"))
    school = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="leerlingen",
        limit_choices_to={"soort": "school"},
        verbose_name=_("school"),
    )
    woongemeente = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="inwonende_leerlingen",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("woongemeente"),
    )
    uitgeschreven_op = models.DateField(_("uitgeschreven op"), null=True, blank=True)
    # Set by the retention job (swv.audit.retention); an anonymised row keeps only what aggregates need.
    geanonimiseerd_op = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True, editable=False)

    objects = LeerlingQuerySet.as_manager()

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        ordering = ["achternaam", "voornaam", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bsn__isnull=False)
                | models.Q(onderwijsnummer__isnull=False)
                | models.Q(geanonimiseerd_op__isnull=False),
                name="leerling_bsn_of_onderwijsnummer",
                violation_error_message=_("Vul een BSN of een onderwijsnummer in."),
            ),
            models.CheckConstraint(
                condition=models.Q(bsn__regex=r"^[0-9]{9}$") | models.Q(bsn__isnull=True),
                name="leerling_bsn_negen_cijfers",
            ),
            models.CheckConstraint(
                condition=models.Q(onderwijsnummer__regex=r"^10[0-9]{7}$")
                | models.Q(onderwijsnummer__isnull=True),
                name="leerling_onderwijsnummer_formaat",
            ),
            # One pupil is one record per SWV (issue 10). op_veld: the error sits on the number's field, also
            # when two writes race and the database decides (swv.core.constraints).
            op_veld(
                "bsn",
                models.UniqueConstraint(
                    fields=["swv", "bsn"],
                    condition=models.Q(bsn__isnull=False),
                    name="leerling_bsn_uniek_per_swv",
                    violation_error_message=_(
                        "Er is in dit samenwerkingsverband al een leerling met dit BSN."
                    ),
                ),
            ),
            op_veld(
                "onderwijsnummer",
                models.UniqueConstraint(
                    fields=["swv", "onderwijsnummer"],
                    condition=models.Q(onderwijsnummer__isnull=False),
                    name="leerling_onderwijsnummer_uniek_per_swv",
                    violation_error_message=_(
                        "Er is in dit samenwerkingsverband al een leerling met dit onderwijsnummer."
                    ),
                ),
            ),
        ]
        indexes = [
            # One index per filter a page or rule uses; tenant first (see architecture.md).
            models.Index(fields=["swv", "school"], name="leerling_swv_school"),
            models.Index(fields=["swv", "woongemeente"], name="leerling_swv_woongemeente"),
            models.Index(fields=["swv", "achternaam", "voornaam"], name="leerling_swv_naam"),
            models.Index(
                fields=["swv", "uitgeschreven_op"],
                condition=models.Q(uitgeschreven_op__isnull=False, geanonimiseerd_op__isnull=True),
                name="leerling_swv_uitgeschreven",
            ),
        ]

    def __str__(self) -> str:
        if self.is_geanonimiseerd:
            return str(_("Geanonimiseerde leerling %(id)s") % {"id": self.pk})
        return f"{self.voornaam} {self.achternaam}"

    @property
    def is_geanonimiseerd(self) -> bool:
        return self.geanonimiseerd_op is not None

    @property
    def is_uitgeschreven(self) -> bool:
        return self.uitgeschreven_op is not None

    def clean(self) -> None:
        # A form sends "" for an empty field; store unknown numbers as NULL (see the constraints).
        self.bsn = self.bsn or None
        self.onderwijsnummer = self.onderwijsnummer or None
        errors: dict[str, list] = {}
        if not self.bsn and not self.onderwijsnummer and not self.is_geanonimiseerd:
            errors.setdefault("bsn", []).append(_("Vul een BSN of een onderwijsnummer in."))
        # Compare ids, not objects: clean() must not cost a query per related row.
        school = self.school if self.school_id else None
        if school is not None:
            if school.soort != "school":
                errors.setdefault("school", []).append(_("Kies een school (vestiging)."))
            if school.swv_id != self.swv_id:
                errors.setdefault("school", []).append(
                    _("Deze school werkt niet met dit samenwerkingsverband.")
                )
        gemeente = self.woongemeente if self.woongemeente_id else None
        if gemeente is not None:
            if gemeente.soort != "gemeente":
                errors.setdefault("woongemeente", []).append(_("Kies een gemeente."))
            if gemeente.swv_id != self.swv_id:
                errors.setdefault("woongemeente", []).append(
                    _("Deze gemeente werkt niet met dit samenwerkingsverband.")
                )
        if self.uitgeschreven_op and self.geboortedatum and self.uitgeschreven_op < self.geboortedatum:
            errors.setdefault("uitgeschreven_op", []).append(
                _("De datum van uitschrijving ligt voor de geboortedatum.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def leerplichtig_vanaf(self) -> datetime.date:
        return leerplichtig_vanaf(self.geboortedatum)

    @property
    def leerplicht_eindigt(self) -> datetime.date:
        return leerplicht_eindigt(self.geboortedatum)


class Inschrijving(VeldConstraints, models.Model):
    """A pupil's enrolment at a school (a registry organisation) for a period. `Leerling.school` is the
    current one; the services keep both in step."""

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="inschrijvingen", verbose_name=_("leerling")
    )
    school = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="inschrijvingen",
        limit_choices_to={"soort": "school"},
        verbose_name=_("school"),
    )
    ingeschreven_op = models.DateField(_("ingeschreven op"))
    uitgeschreven_op = models.DateField(_("uitgeschreven op"), null=True, blank=True)
    reden_uitschrijving = models.CharField(_("reden uitschrijving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["-ingeschreven_op", "-pk"]
        constraints = [
            op_veld(
                "uitgeschreven_op",
                models.CheckConstraint(
                    condition=models.Q(uitgeschreven_op__isnull=True)
                    | models.Q(uitgeschreven_op__gte=models.F("ingeschreven_op")),
                    name="inschrijving_uit_na_in",
                    violation_error_message=_(
                        "De datum van uitschrijving ligt voor de datum van inschrijving."
                    ),
                ),
            ),
            # A pupil is enrolled at one school at a time (one open enrolment); a move ends the old one
            # the day before (cases.services.inschrijving_toevoegen). The database closes the race.
            op_veld(
                "school",
                models.UniqueConstraint(
                    fields=["leerling"],
                    condition=models.Q(uitgeschreven_op__isnull=True),
                    name="inschrijving_een_lopende_per_leerling",
                    violation_error_message=_("Deze leerling heeft al een lopende inschrijving."),
                ),
            ),
        ]
        indexes = [models.Index(fields=["swv", "school", "ingeschreven_op"], name="inschrijving_swv_school")]

    def __str__(self) -> str:
        return f"{self.school} ({self.ingeschreven_op:%d-%m-%Y})"


class Ouder(models.Model):
    """An ouder/verzorger of a pupil. Not a user (yet): what they must receive can be printed."""

    class Relatie(models.TextChoices):
        MOEDER = "moeder", _("Moeder")
        VADER = "vader", _("Vader")
        VERZORGER = "verzorger", _("Verzorger")
        VOOGD = "voogd", _("Voogd")
        ANDERS = "anders", _("Anders")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="ouders", verbose_name=_("leerling")
    )
    voornaam = models.CharField(_("voornaam"), max_length=100, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    relatie = models.CharField(_("relatie"), max_length=16, choices=Relatie.choices)
    # Who may give consent and instemming: only an ouder with parental authority (BW 1:245).
    gezag = models.BooleanField(_("heeft ouderlijk gezag"), default=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    adres = models.CharField(_("adres"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("ouder/verzorger")
        verbose_name_plural = _("ouders/verzorgers")
        ordering = ["achternaam", "voornaam", "pk"]
        indexes = [models.Index(fields=["swv", "leerling"], name="ouder_swv_leerling")]

    def __str__(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()


# --- write history (pghistory), registered with the audit in CasesConfig.ready() ---
# app_label "audit": the table (audit_leerlingevent), its triggers and migrations predate the registry
# and stay where they are (docs/decisions.md 21).


class TrackedLeerling(Leerling):
    class Meta:
        proxy = True
        app_label = "audit"


class LeerlingEvent(history_base(TrackedLeerling, "LeerlingEvent", app_label="audit")):  # type: ignore[misc]
    pass
