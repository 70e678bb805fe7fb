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
        # issue 12, part paginas
        from .models import MeldingNotitieEvent

        register_tracked(MeldingNotitieEvent, label=_("actie bij verzuimmelding"), pupil_field="leerling")

        # A stub for now: its pages come with the issue that builds the module.
        register_menu_item(
            _("Verzuim en thuiszitters"), "thuiszitters:index", permission="thuiszitters.module", order=300
        )

        # --- issue 12, part signalen ---
        from swv.core.plugins import register_taken_bron

        from . import tasks_signaal  # noqa: F401 - registers the digest task with Celery (beat: settings)
        from .selectors_signaal import signalen_als_taken

        register_menu_item(
            _("Signalen"), "thuiszitters:signaal_lijst", permission="thuiszitters.signalen", order=320
        )
        # The user's signals that are not closed appear in "Mijn taken" (cases), which cannot import this app.
        register_taken_bron("signalen", signalen_als_taken, order=100)
        # issue 12, verzuim-robuust: the start block reads a count and the first few, not the whole list.
        from swv.core.plugins import register_taken_eerste

        from .selectors_signaal import signalen_als_taken_eerste

        register_taken_eerste("signalen", signalen_als_taken_eerste)
        # --- issue 12, part thuiszitter: the registrations, right after the module's landing page ---
        register_menu_item(
            _("Thuiszitters"),
            "thuiszitters:thuiszitter_list",
            permission="thuiszitters.thuiszitters",
            order=310,
        )
        # --- issue 12, part verzuimdata: the school holidays and demo verzuim, after the cases demos (pupils) ---
        from swv.core.plugins import register_demo

        from . import demo_verzuim

        register_demo("thuiszitters-verzuim", demo_verzuim.load_demo_verzuim, order=300)

        # --- issue 12, part verzuimdata: absence, meldingen and thuiszitters for genereer_testdata, after cases ---
        from swv.core.plugins import register_testdata

        from . import testdata

        register_testdata("verzuim", testdata.genereer_verzuim, aantallen=testdata.AANTALLEN, order=300)
        # Verzuimmonitor (issue 12 "Monitor"): aggregates for the SWV, leerplicht and bestuurders.
        register_menu_item(
            _("Verzuimmonitor"), "thuiszitters:monitor", permission="thuiszitters.monitor", order=350
        )
