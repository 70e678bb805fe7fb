from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OogoConfig(AppConfig):
    name = "oogo"
    verbose_name = _("OOGO")

    def ready(self) -> None:
        from swv.audit.registry import register_tracked
        from swv.core.plugins import register_menu_item

        from .models import (
            ActiepuntEvent,
            AgendapuntEvent,
            BesluitEvent,
            GeschilEvent,
            OndersteuningsplanEvent,
            OntwikkeldoelEvent,
            OverlegEvent,
            VoortgangEvent,
        )

        # The write history of the OOGO (no pupil data: aggregates and agreements between parties).
        register_tracked(OverlegEvent, label=_("OOGO-overleg"))
        register_tracked(AgendapuntEvent, label=_("OOGO-agendapunt"))
        register_tracked(BesluitEvent, label=_("OOGO-besluit"))
        register_tracked(ActiepuntEvent, label=_("OOGO-actiepunt"))
        register_tracked(OntwikkeldoelEvent, label=_("ontwikkelagenda"))
        register_tracked(VoortgangEvent, label=_("ontwikkelagenda-voortgang"))
        register_tracked(OndersteuningsplanEvent, label=_("ondersteuningsplan"))
        register_tracked(GeschilEvent, label=_("OOGO-geschil"))

        register_menu_item(_("OOGO"), "oogo:index", permission="oogo.module", order=400)

        # --- part oogo-cijfers: the data pack frozen when the agenda is sent ---
        from .models import DatapakketEvent

        register_tracked(DatapakketEvent, label=_("OOGO-datapakket"))
        # --- part oogo-paginas: the demo OOGO, after the other demos (registry people, coordinators) ---
        from swv.core.plugins import register_demo

        from . import demo

        register_demo("oogo", demo.load_demo_oogo, order=310)
        # --- part oogo-documenten: documents with an agenda item ---
        from .models import AgendapuntDocumentEvent

        register_tracked(AgendapuntDocumentEvent, label=_("OOGO-document"))
