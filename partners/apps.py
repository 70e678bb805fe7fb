from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Ketenpartners")

    def ready(self) -> None:
        from swv.audit.registry import register_tracked

        from .models import historie

        # Tracked by the audit (docs/architecture.md "Audit: how an app plugs in"); no pupil data.
        for event_model, label in [
            (historie.OrganisatieEvent, _("organisatie")),
            (historie.JeugdzorgregioEvent, _("jeugdzorgregio")),
            (historie.SchoolSwvEvent, _("school in SWV")),
            (historie.PersoonEvent, _("persoon")),
            (historie.SleutelfiguurEvent, _("sleutelfiguur")),
            (historie.AfspraakEvent, _("afspraak")),
            (historie.VoorzieningEvent, _("voorziening")),
        ]:
            register_tracked(event_model, label=label)
