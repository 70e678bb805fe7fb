"""The personal calendar feed of the OOGO: a revocable token per membership (docs/oogo.md "Agenda in your
calendar", decision 66).

A calendar app (Outlook, Google, Apple) cannot log in: it fetches `/oogo/kalender/<token>.ics` on its own
schedule. The token is `<prefix>-<secret>`; only the prefix (to find the row, and to show the user which
feed is active) and the SHA-256 of the secret are stored, so the database cannot give the URL back. The
token acts as the membership it was made in (`lidmaatschap`): the feed shows exactly what that person in
that role sees on the OOGO pages, and stops when the membership ends or changes role.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class KalenderToken(models.Model):
    swv = models.ForeignKey("core.Samenwerkingsverband", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oogo_kalendertokens",
        verbose_name=_("gebruiker"),
    )
    # The membership the feed acts as; its role and organisation decide what the feed shows.
    lidmaatschap = models.ForeignKey(
        "core.Lidmaatschap",
        on_delete=models.CASCADE,
        related_name="oogo_kalendertokens",
        verbose_name=_("lidmaatschap"),
    )
    # Public part of the token: finds the row with an indexed look-up, shown on the page.
    prefix = models.CharField(_("kenmerk"), max_length=16, unique=True, editable=False)
    # SHA-256 (hex) of the secret part (swv.core.api.tokens.hash_secret); never the secret itself.
    token_hash = models.CharField(max_length=64, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True, editable=False)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("agenda-feed")
        verbose_name_plural = _("agenda-feeds")
        ordering = ["-aangemaakt_op", "pk"]
        constraints = [
            # One working feed per membership: making a new one revokes the old one, and two requests at
            # once cannot leave two working URLs behind.
            models.UniqueConstraint(
                fields=["lidmaatschap"],
                condition=models.Q(ingetrokken_op__isnull=True),
                name="oogo_kalendertoken_een_actief",
            ),
            models.CheckConstraint(condition=~models.Q(token_hash=""), name="oogo_kalendertoken_hash_gevuld"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None
