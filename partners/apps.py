from django.apps import AppConfig
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Ketenpartners")

    def ready(self) -> None:
        from swv.audit.registry import register_tracked
        from swv.core.plugins import (
            register_demo,
            register_menu_item,
            register_start_block,
            register_testdata,
        )

        from . import demo, start, testdata
        from .models import historie

        # The platform knows the app only through these (docs/how-to-add-an-app.md).
        register_menu_item(_("Ketenpartners"), "partners:index", permission="partners.module", order=100)
        register_start_block(
            "partners/start_afspraken.html",
            context=start.afspraken_blok,
            permission="partners.module",
            order=100,
        )
        # First: the other apps' demo data (pupils at schools) uses its organisations.
        register_demo("partners", demo.load_demo_partners, order=100)
        # After the platform's memberships (order 110): an agreement's owner must be a member.
        register_demo("partners-afspraken", demo.load_demo_afspraken, order=120)
        # Volume data for benchmarks (manage.py genereer_testdata); first, as the demo.
        register_testdata("partners", testdata.genereer_partners, aantallen=testdata.AANTALLEN, order=100)

        # Tracked by the audit (docs/architecture.md "Audit: how an app plugs in"); no pupil data.
        tracked: list[tuple[type[models.Model], str | Promise]] = [
            (historie.OrganisatieEvent, _("organisatie")),
            (historie.JeugdzorgregioEvent, _("jeugdzorgregio")),
            (historie.SchoolSwvEvent, _("school in SWV")),
            (historie.PersoonEvent, _("persoon")),
            (historie.SleutelfiguurEvent, _("sleutelfiguur")),
            (historie.AfspraakEvent, _("afspraak")),
            (historie.VoorzieningEvent, _("voorziening")),
        ]
        for event_model, label in tracked:
            register_tracked(event_model, label=label)
