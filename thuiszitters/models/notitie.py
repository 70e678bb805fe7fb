"""Actions and notes of leerplicht on a verzuimmelding (issue 12, part paginas): what the gemeente did
(a call, a huisbezoek, a verzuimgesprek, a warning) and its notes, in the order they happened.

The pupil, school and SWV are copied from the melding so the one visibility rule (querysets.py) and the
privacy log (historie.py, by pupil) work on the row itself.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets import MeldingNotitieQuerySet


class NotitieSoort(models.TextChoices):
    NOTITIE = "notitie", _("Notitie")
    GESPREK = "gesprek", _("Gesprek (verzuimgesprek, telefoon)")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    WAARSCHUWING = "waarschuwing", _("Waarschuwing of Halt-verwijzing")
    PROCES_VERBAAL = "proces_verbaal", _("Proces-verbaal")
    DOORVERWIJZING = "doorverwijzing", _("Doorverwijzing (zorg, jeugdhulp)")
    OVERIG = "overig", _("Andere actie")


class MeldingNotitie(models.Model):
    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    melding = models.ForeignKey(
        "thuiszitters.Verzuimmelding",
        on_delete=models.CASCADE,
        related_name="notities",
        verbose_name=_("melding"),
    )
    leerling = models.ForeignKey("cases.Leerling", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("partners.Organisatie", on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(
        _("soort"), max_length=16, choices=NotitieSoort.choices, default=NotitieSoort.NOTITIE
    )
    datum = models.DateField(_("datum"), default=timezone.localdate)
    tekst = models.TextField(_("tekst"), max_length=4000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = MeldingNotitieQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie of notitie bij een verzuimmelding")
        verbose_name_plural = _("acties en notities bij verzuimmeldingen")
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["melding", "datum"], name="meldingnotitie_melding_datum")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"
