"""Betrokkenheid: a professional records that their organisation is involved with a pupil (issue 11).

Like the national Verwijsindex risicojongeren, but inside one SWV's network. The professional types the
pupil's BSN (in a POST body only); the row keeps no BSN but a keyed hash of it (`sleutel`: HMAC-SHA256
with a server secret, per SWV), enough to find other organisations involved with the same pupil and for
the privacy officer to look a pupil up by BSN, useless to anyone who reads the table without the secret
(BSNs are few enough to try them all against a plain hash). `leerling` links the pupil record when the
SWV knows the pupil, only so the privacy log can show the writes with the pupil; it is never shown to the
professional, who sees nothing about the pupil. Rows are ended (`beeindigd_op`), never deleted.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.audit.registry import history_base
from swv.core.constraints import VeldConstraints, op_veld

from ..querysets import BetrokkenheidQuerySet


class Betrokkenheid(VeldConstraints, models.Model):
    class Einde(models.TextChoices):
        BEEINDIGD = "beeindigd", _("Beëindigd door de organisatie")
        VERLOPEN = "verlopen", _("Vanzelf verlopen (niet verlengd)")

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    # HMAC of the BSN within this SWV (cases.services_betrokkenheid.bsn_sleutel); never the BSN itself.
    sleutel = models.CharField(_("sleutel"), max_length=64, editable=False)
    leerling = models.ForeignKey(
        "cases.Leerling", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisatie = models.ForeignKey(
        "partners.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    # What the other organisations see: who to call. Nothing about the pupil.
    contact_naam = models.CharField(_("contactpersoon"), max_length=150)
    contact_telefoon = models.CharField(_("telefoon"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    # The professional's own reference (their dossier number), so they know which pupil a signal is about.
    eigen_kenmerk = models.CharField(_("eigen kenmerk"), max_length=40, blank=True)
    van = models.DateField(_("betrokken vanaf"), default=timezone.localdate)
    tot = models.DateField(_("betrokken tot en met"))
    verlengd_op = models.DateTimeField(_("laatst verlengd op"), null=True, blank=True)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    reden_einde = models.CharField(_("reden einde"), max_length=16, choices=Einde.choices, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = BetrokkenheidQuerySet.as_manager()

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        ordering = ["-van", "-pk"]
        constraints = [
            op_veld(
                "bsn",
                models.UniqueConstraint(
                    fields=["swv", "sleutel", "organisatie"],
                    condition=models.Q(beeindigd_op__isnull=True),
                    name="betrokkenheid_eenmaal_actief_per_organisatie",
                    violation_error_message=_(
                        "Uw organisatie is al betrokken bij deze leerling. Verleng die betrokkenheid."
                    ),
                ),
            ),
            op_veld(
                "tot",
                models.CheckConstraint(
                    condition=models.Q(tot__gte=models.F("van")),
                    name="betrokkenheid_tot_na_van",
                    violation_error_message=_("'Tot en met' ligt voor 'vanaf'."),
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["swv", "sleutel"],
                condition=models.Q(beeindigd_op__isnull=True),
                name="betrokkenheid_actief_sleutel",
            ),
            models.Index(fields=["swv", "organisatie", "-van"], name="betrokkenheid_organisatie"),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} ({self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y})"

    @property
    def is_actief(self) -> bool:
        return self.beeindigd_op is None


class Betrokkenheidssignaal(models.Model):
    """`betrokkenheid`'s organisation is told that `andere`'s organisation is involved with the same pupil.

    One row per ordered pair (unique), so a rerun or two professionals recording at the same moment signal
    once. The recipient sees the other's organisation and contact details only."""

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    betrokkenheid = models.ForeignKey(Betrokkenheid, on_delete=models.CASCADE, related_name="signalen")
    andere = models.ForeignKey(Betrokkenheid, on_delete=models.CASCADE, related_name="+")
    taak = models.ForeignKey("cases.Taak", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("signaal van betrokkenheid")
        verbose_name_plural = _("signalen van betrokkenheid")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["betrokkenheid", "andere"], name="betrokkenheidssignaal_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.betrokkenheid_id} -> {self.andere_id}"


class BetrokkenheidEvent(history_base(Betrokkenheid, "BetrokkenheidEvent", app_label="cases")):  # type: ignore[misc]
    """Write history (pghistory) of betrokkenheden: the privacy log shows who recorded, renewed or ended
    one, with the pupil when the SWV knows them (registered in CasesConfig.ready())."""
