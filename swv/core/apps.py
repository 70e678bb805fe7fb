from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "swv.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from .sessions import bij_lockout

        user_locked_out.connect(bij_lockout, dispatch_uid="swv.core.sessions.bij_lockout")
