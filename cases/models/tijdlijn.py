"""The case's tijdlijn: one chronological list of everything that happened on it.

Written only through `cases.services.tijdlijn_toevoegen` (this app's transitions, OT, consent, plan,
evaluations, actions, and other apps' events such as verzuim and thuiszitters). Append-only. The text
never holds a BSN.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TijdlijnGebeurtenis(models.Model):
    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="tijdlijn")
    op = models.DateTimeField(_("op"), default=timezone.now)
    # What kind of event ("status", "ot", "toestemming", "plan", "evaluatie", "actie", or another app's
    # kind such as "verzuim"); the app that wrote it.
    soort = models.CharField(_("soort"), max_length=32)
    bron = models.CharField(_("bron"), max_length=32, default="cases")
    titel = models.CharField(_("titel"), max_length=250)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_client = models.ForeignKey(
        "core.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The object the event is about ("cases.plan", "42"), to link to it.
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["op", "pk"]
        indexes = [models.Index(fields=["swv", "casus", "op"], name="tijdlijn_swv_casus_op")]

    def __str__(self) -> str:
        return self.titel
