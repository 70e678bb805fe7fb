"""The audit trail (BIO 8.15.01).

Two kinds of record, both append-only in PostgreSQL (migration 0002_append_only: a trigger rejects UPDATE,
DELETE and TRUNCATE; only the retention job may delete, see `retention.py`):

- writes: django-pghistory triggers copy every insert/update/delete of a tracked table, with the row's
  values, into an event table (`LeerlingEvent`, ...). Triggers also catch bulk and raw SQL writes.
  Each app declares its event models and registers them (swv/audit/registry.py); the platform applies
  the append-only triggers and grants to every registered table and builds the privacy log from them.
- reads, denials and exports: `AuditEvent`, written by `services.audit_log`.

Neither ever holds a BSN in a free-text field; pghistory's Leerling snapshots hold the row (incl. BSN)
under the same database protection as the row itself, and the privacy page masks it.
"""

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.core.models import Lidmaatschap

from .registry import history_base, tracked

# --- writes (pghistory) ---
# The platform's own tracked model. The apps declare theirs in their own models module and register
# them (registry.register_tracked, from AppConfig.ready()). The event models that existed before the
# registry keep app_label "audit": their tables (audit_*event), triggers and migrations stay as they are
# (docs/decisions.md 21); a new app's event models carry its own label.


class TrackedLidmaatschap(Lidmaatschap):
    class Meta:
        proxy = True
        app_label = "audit"


class LidmaatschapEvent(history_base(TrackedLidmaatschap, "LidmaatschapEvent", app_label="audit")):  # type: ignore[misc]
    pass


def __getattr__(name: str):
    # `from swv.audit.models import LeerlingEvent` keeps working without the platform importing the
    # app that declares it: looked up in the app registry at first use.
    if name == "EVENT_MODELS":
        return {entry.object_type: entry.event_model for entry in tracked()}
    if name.endswith("Event") and apps.ready:
        try:
            return apps.get_model("audit", name)
        except LookupError:
            pass
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- reads, denials, exports ---


class AuditEvent(models.Model):
    """One access to personal data: who (actor or API client, role, organisation), what, which pupil,
    result, where."""

    class Action(models.TextChoices):
        READ = "read", _("ingezien")
        CREATE = "create", _("aangemaakt")
        UPDATE = "update", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        DENIED = "denied", _("geweigerd")
        EXPORT = "export", _("geëxporteerd")
        DOWNLOAD = "download", _("gedownload")

    class Result(models.TextChoices):
        OK = "ok", _("toegestaan")
        DENIED = "denied", _("geweigerd")
        NOT_FOUND = "not_found", _("niet gevonden")

    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    # Unconstrained keys (db_constraint=False, DO_NOTHING): the log must outlive users, organisations
    # and pupils, and an append-only table cannot have its keys set to NULL on delete.
    actor = models.ForeignKey(
        "core.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    # A partner system (API client) is not a User: its rows have actor=None and name the client here.
    api_client = models.ForeignKey(
        "core.ApiClient",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("API-client"),
    )
    # As it was at the time; for an API client "API-client: <naam>", which no username can be.
    actor_username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    rol = models.CharField(_("rol"), max_length=32, blank=True)
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    swv = models.ForeignKey(
        "core.Samenwerkingsverband",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("SWV"),
        help_text=_("Het SWV van de leerling als het om een leerling gaat, anders dat van de gebruiker."),
    )
    action = models.CharField(_("actie"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("soort object"), max_length=64, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    leerling = models.ForeignKey(
        "cases.Leerling",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leerling"),
    )
    result = models.CharField(_("resultaat"), max_length=16, choices=Result.choices, default=Result.OK)
    ip_address = models.GenericIPAddressField(_("herkomst (IP-adres)"), null=True, blank=True)
    # The server's own id of the request (the key to its log lines); never the caller's.
    request_id = models.CharField(_("request-id"), max_length=64, blank=True)
    # The caller's X-Request-ID, cleaned (swv.core.logging.correlation_id), to match its own logs.
    correlatie_id = models.CharField(_("correlatie-id"), max_length=64, blank=True)
    reason = models.CharField(_("reden / doel"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["swv", "at"], name="auditevent_swv_at"),
            models.Index(fields=["swv", "leerling", "at"], name="auditevent_swv_leerling_at"),
            models.Index(fields=["swv", "actor", "at"], name="auditevent_swv_actor_at"),
            models.Index(fields=["at"], name="auditevent_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}#{self.object_id}"
