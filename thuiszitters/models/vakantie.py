"""School holidays per region (domain.md: holiday weeks are not lesweken).

National data, not a tenant's: the Rijksoverheid publishes the holidays per region (noord, midden,
zuid) and a beheerder keeps them here (`manage.py schoolvakanties_laden FILE`). A school's region is
`partners.Organisatie.vakantieregio`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Regio(models.TextChoices):
    NOORD = "noord", _("Noord")
    MIDDEN = "midden", _("Midden")
    ZUID = "zuid", _("Zuid")


class Schoolvakantie(models.Model):
    schooljaar = models.CharField(
        _("schooljaar"), max_length=9, help_text=_("Bijvoorbeeld 2026-2027 (1 augustus tot en met 31 juli).")
    )
    regio = models.CharField(_("regio"), max_length=8, choices=Regio.choices)
    naam = models.CharField(_("naam"), max_length=60)
    begin = models.DateField(_("eerste vakantiedag"))
    eind = models.DateField(_("laatste vakantiedag"))

    class Meta:
        verbose_name = _("schoolvakantie")
        verbose_name_plural = _("schoolvakanties")
        ordering = ["regio", "begin"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "schooljaar", "naam"], name="schoolvakantie_uniek"),
            models.CheckConstraint(
                condition=models.Q(eind__gte=models.F("begin")),
                name="schoolvakantie_eind_na_begin",
                violation_error_message=_("De laatste vakantiedag ligt voor de eerste."),
            ),
            models.CheckConstraint(
                condition=models.Q(schooljaar__regex=r"^[0-9]{4}-[0-9]{4}$"), name="schoolvakantie_schooljaar"
            ),
        ]
        indexes = [models.Index(fields=["regio", "begin", "eind"], name="schoolvakantie_regio_periode")]

    def __str__(self) -> str:
        return f"{self.naam} {self.schooljaar} ({self.get_regio_display()})"
