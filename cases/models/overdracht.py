"""Overdracht: a case handed over to another school or SWV (issue 11).

Kinds: warm overdracht PO -> VO, doorstroom VO -> MBO, to another school or SWV, and a temporary placement
at the school of a GGZ-instelling with return to the school of origin (`terug_naar`). The sender chooses
what is shared (`delen`) and on what basis (`grondslag`: the ouders' consent for purpose `overdracht` and
the receiving organisation, or a legal task such as the onderwijskundig rapport, WPO art. 42 / WVO 2020
art. 8.9); the receiver accepts or refuses with a reason. Rows are never deleted: the history of both
sides stays, on the tijdlijn of the case too.

Access (cases/querysets.py `CasusQuerySet.visible_to`): within the SWV an accepted overdracht moves the
case to the receiving school; the sending school keeps read access until `leestoegang_tot`
(OVERDRACHT_LEESTOEGANG_DAGEN after acceptance). A receiving school in another SWV of this installation
gets a new case in its SWV's queue with the shared parts copied; a receiver outside gets a PDF dossier.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.audit.registry import history_base
from swv.core.constraints import VeldConstraints, op_veld
from swv.core.tenancy import TenantQuerySet


class OverdrachtSoort(models.TextChoices):
    PO_VO = "po_vo", _("Warme overdracht PO naar VO")
    VO_MBO = "vo_mbo", _("Doorstroom VO naar MBO")
    ANDERE_SCHOOL = "andere_school", _("Naar een andere school")
    ANDER_SWV = "ander_swv", _("Naar een school van een ander samenwerkingsverband")
    GGZ_TIJDELIJK = "ggz_tijdelijk", _("Tijdelijke plaatsing op een school van een GGZ-instelling")
    TERUGKEER = "terugkeer", _("Terugkeer naar de school van herkomst na een GGZ-plaatsing")


class OverdrachtDeel(models.TextChoices):
    AANMELDING = "aanmelding", _("Aanmelding (vraagstelling, ondersteuningsbehoefte, factoren)")
    PLAN = "plan", _("Vastgesteld plan (OPP)")
    EVALUATIES = "evaluaties", _("Evaluaties")
    TEAM = "team", _("Ondersteuningsteam (namen en organisaties)")


class OverdrachtStatus(models.TextChoices):
    AANGEBODEN = "aangeboden", _("Aangeboden")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    GEWEIGERD = "geweigerd", _("Geweigerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    VERSTUURD = "verstuurd", _("Dossier verstuurd (buiten deze installatie)")


class OverdrachtGrondslag(models.TextChoices):
    TOESTEMMING = "toestemming", _("Toestemming van de ouders (doel: overdracht)")
    WETTELIJKE_TAAK = (
        "wettelijke_taak",
        _("Wettelijke taak (onderwijskundig rapport, WPO art. 42 / WVO 2020 art. 8.9)"),
    )


class OverdrachtQuerySet(TenantQuerySet):
    def visible_to(self, user) -> "OverdrachtQuerySet":
        """Handovers the person may see: those of the cases they see (sender side, the case rule decides),
        and, for a school role, those offered to their own school, also from another SWV (the receiver
        side: the one deliberate crossing of tenants, for the handover row only). Partner systems: none."""
        from swv.core.acting import lidmaatschap_van
        from swv.core.models import SCHOOL_ROLLEN

        from .casus import Casus

        if getattr(user, "is_api_client", False):
            return self.none()
        lidmaatschap = lidmaatschap_van(user)
        if lidmaatschap is None:
            return self.none()
        zender = models.Q(swv_id=lidmaatschap.swv_id, casus__in=Casus.objects.visible_to(user).values("pk"))
        if lidmaatschap.rol in SCHOOL_ROLLEN:
            return self.filter(zender | models.Q(naar_school_id=lidmaatschap.organisatie_id))
        return self.filter(zender)


class Overdracht(VeldConstraints, models.Model):
    Soort = OverdrachtSoort
    Deel = OverdrachtDeel
    Status = OverdrachtStatus
    Grondslag = OverdrachtGrondslag

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.PROTECT, related_name="overdrachten")
    soort = models.CharField(_("soort overdracht"), max_length=16, choices=OverdrachtSoort.choices)
    van_school = models.ForeignKey(
        "partners.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("van school")
    )
    # The receiving school in this installation (any SWV), or empty for a receiver outside it.
    naar_school = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("naar school"),
    )
    naar_extern = models.CharField(
        _("ontvanger buiten deze installatie"),
        max_length=250,
        blank=True,
        help_text=_("Naam van de school of het samenwerkingsverband dat het dossier als PDF krijgt."),
    )
    # GGZ placement: the school the pupil returns to (the school of origin).
    terug_naar = models.ForeignKey(
        "partners.Organisatie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The return after a GGZ placement: this handover brings the case back from `terugkeer_van` (the
    # placement); accepting it sets the placement's `teruggekeerd_op`. Until then the school of origin
    # keeps reading the case (CasusQuerySet.visible_to), however long the placement lasts.
    terugkeer_van = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terugkeren",
        verbose_name=_("terugkeer na plaatsing"),
    )
    teruggekeerd_op = models.DateTimeField(_("teruggekeerd op"), null=True, blank=True)
    delen = ArrayField(
        models.CharField(max_length=16, choices=OverdrachtDeel.choices), verbose_name=_("wat wordt gedeeld")
    )
    grondslag = models.CharField(_("grondslag"), max_length=16, choices=OverdrachtGrondslag.choices)
    toestemming = models.ForeignKey(
        "cases.Toestemming", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    toelichting = models.TextField(_("toelichting voor de ontvanger"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OverdrachtStatus.choices, default=OverdrachtStatus.AANGEBODEN
    )
    reden_weigering = models.TextField(_("reden van weigering"), blank=True)
    aangeboden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    aangeboden_op = models.DateTimeField(_("aangeboden op"), default=timezone.now)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    # Until this day the sending school still reads what it had (OVERDRACHT_LEESTOEGANG_DAGEN).
    leestoegang_tot = models.DateField(_("leestoegang zender tot en met"), null=True, blank=True)
    # The case the receiving SWV got in its queue (a receiver in another SWV of this installation).
    nieuwe_casus = models.ForeignKey(
        "cases.Casus", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OverdrachtQuerySet.as_manager()

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-aangeboden_op", "-pk"]
        constraints = [
            op_veld(
                "casus",
                models.UniqueConstraint(
                    fields=["casus"],
                    condition=models.Q(status="aangeboden"),
                    name="overdracht_een_open_per_casus",
                    violation_error_message=_("Deze casus heeft al een openstaande overdracht."),
                ),
            ),
            op_veld(
                "naar_school",
                models.CheckConstraint(
                    condition=models.Q(naar_school__isnull=False) | ~models.Q(naar_extern=""),
                    name="overdracht_heeft_ontvanger",
                    violation_error_message=_(
                        "Kies de ontvangende school, of noem de ontvanger buiten deze installatie."
                    ),
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "casus"], name="overdracht_casus"),
            models.Index(fields=["naar_school", "status"], name="overdracht_ontvanger"),
            models.Index(
                fields=["swv", "van_school", "leestoegang_tot"],
                condition=models.Q(status="geaccepteerd"),
                name="overdracht_leestoegang",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} · {self.naar_school or self.naar_extern}"


class OverdrachtEvent(history_base(Overdracht, "OverdrachtEvent", app_label="cases")):  # type: ignore[misc]
    """Write history of handovers (privacy log), registered in CasesConfig.ready()."""
