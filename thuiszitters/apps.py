from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThuiszittersConfig(AppConfig):
    name = "thuiszitters"
    verbose_name = _("Verzuim en thuiszitters")

    def ready(self) -> None:
        from swv.audit.registry import register_tracked
        from swv.core.plugins import register_menu_item

        from .models import SignaalEvent, ThuiszitterEvent, VerzuimmeldingEvent

        # The write history of meldingen, registrations and signals; the privacy log shows them by pupil.
        register_tracked(VerzuimmeldingEvent, label=_("verzuimmelding"), pupil_field="leerling")
        register_tracked(ThuiszitterEvent, label=_("thuiszitter"), pupil_field="leerling")
        register_tracked(SignaalEvent, label=_("verzuimsignaal"), pupil_field="leerling")

        # A stub for now: its pages come with the issue that builds the module.
        register_menu_item(
            _("Verzuim en thuiszitters"), "thuiszitters:index", permission="thuiszitters.module", order=300
        )

        # Verzuimmonitor (issue 12 "Monitor"): aggregates for the SWV, leerplicht and bestuurders.
        register_menu_item(
            _("Verzuimmonitor"), "thuiszitters:monitor", permission="thuiszitters.monitor", order=350
        )
