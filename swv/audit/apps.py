from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "swv.audit"
    label = "audit"
    verbose_name = _("Audit en bewaartermijnen")

    def ready(self) -> None:
        from .models import LidmaatschapEvent
        from .privileges import on_post_migrate
        from .registry import register_tracked

        # The platform's own tracked model; the apps register theirs in their AppConfig.ready().
        register_tracked(LidmaatschapEvent, label=_("lidmaatschap"))

        # After every `migrate` (as the owner): triggers, retention function, the app role's grants.
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="swv.audit.secure_database")
