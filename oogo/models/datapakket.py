"""The data pack of a meeting for one gemeente, frozen when the agenda is sent (issue 13, decision 67)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.audit.registry import history_base

from ..querysets import DatapakketQuerySet


class Datapakket(models.Model):
    """What `oogo.datapakket.samenstellen` gave for this meeting and gemeente when the agenda was sent:
    aggregates only, small counts already hidden. Never recomputed: the minutes show these figures."""

    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    overleg = models.ForeignKey("oogo.Overleg", on_delete=models.CASCADE, related_name="datapakketten")
    gemeente = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"soort": "gemeente"},
        verbose_name=_("gemeente"),
    )
    peildatum = models.DateField(_("peildatum"))
    inhoud = models.JSONField(_("inhoud"), encoder=DjangoJSONEncoder)
    bevroren_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    bevroren_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DatapakketQuerySet.as_manager()

    class Meta:
        verbose_name = _("datapakket")
        verbose_name_plural = _("datapakketten")
        ordering = ["overleg", "gemeente__naam", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["overleg", "gemeente"], name="oogo_datapakket_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.overleg_id} / {self.gemeente_id} ({self.peildatum:%d-%m-%Y})"


class DatapakketEvent(history_base(Datapakket, "DatapakketEvent", app_label="oogo")):  # type: ignore[misc]
    pass
