"""Partner organisations. Minimal for now: the ketenpartners issue enriches this model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        SWV = "swv", _("Samenwerkingsverband")
        GEMEENTE = "gemeente", _("Gemeente")
        LEERPLICHT = "leerplicht", _("Leerplicht / RBL")
        GGD = "ggd", _("GGD")
        WIJKTEAM = "wijkteam", _("CJG / wijkteam / toegang jeugdhulp")
        SCHOOL = "school", _("School (vestiging)")
        SCHOOLBESTUUR = "schoolbestuur", _("Schoolbestuur")
        JEUGDHULP = "jeugdhulp", _("Jeugdhulpaanbieder")
        OVERIG = "overig", _("Overig")

    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="organisaties",
        verbose_name=_("werkt met SWV"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=32, choices=Soort.choices)
    # BRIN + vestigingsnummer for a school (05KO00), CBS code for a gemeente (0363); empty otherwise.
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

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["swv", "soort", "code"],
                condition=~models.Q(code=""),
                name="organisatie_code_uniek_per_swv",
            ),
        ]

    def __str__(self) -> str:
        return self.naam
