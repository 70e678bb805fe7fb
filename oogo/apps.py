from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OogoConfig(AppConfig):
    name = "oogo"
    verbose_name = _("OOGO")

    def ready(self) -> None:
        from swv.core.plugins import register_menu_item

        # A stub for now: its pages come with the issue that builds the module.
        register_menu_item(_("OOGO"), "oogo:index", permission="oogo.module", order=400)
