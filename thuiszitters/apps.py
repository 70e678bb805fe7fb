from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThuiszittersConfig(AppConfig):
    name = "thuiszitters"
    verbose_name = _("Verzuim en thuiszitters")

    def ready(self) -> None:
        from swv.core.plugins import register_menu_item

        # A stub for now: its pages come with the issue that builds the module.
        register_menu_item(
            _("Verzuim en thuiszitters"), "thuiszitters:index", permission="thuiszitters.module", order=300
        )
