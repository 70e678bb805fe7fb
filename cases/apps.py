from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Leerling-casussen")

    def ready(self) -> None:
        from swv.audit.registry import HistoryPurge, register_pupils, register_retention, register_tracked
        from swv.core.plugins import register_demo, register_menu_item

        from . import demo
        from .models import (
            ActieEvent,
            CasusEvent,
            EvaluatieEvent,
            InschrijvingEvent,
            Leerling,
            LeerlingEvent,
            OtLidEvent,
            OuderEvent,
            PlanEvent,
            ToestemmingEvent,
        )

        register_menu_item(_("Casussen"), "cases:index", permission="cases.module", order=200)
        # The pupil list has its own rule (cases.leerlingen): leerplicht sees pupils but no cases.
        register_menu_item(_("Leerlingen"), "cases:leerling_list", permission="cases.leerlingen", order=250)
        # After partners: the pupils go to its demo schools and gemeenten.
        register_demo("cases", demo.load_demo_leerlingen, order=200)
        from .retention import anonymise_pupils
        from .validators import normaliseer_nummer

        # The audit knows the pupils only through this (docs/architecture.md "Audit: how an app plugs in").
        register_pupils(
            Leerling, name_fields=("voornaam", "achternaam"), bsn_field="bsn", normalise=normaliseer_nummer
        )
        register_tracked(
            LeerlingEvent,
            label=_("leerling"),
            pupil_field="pgh_obj",
            # Snapshots from before anonymisation still hold the removed names and numbers.
            purge=HistoryPurge(
                anonymised_field="geanonimiseerd_op",
                ended_field="uitgeschreven_op",
                years_setting="RETENTION_LEERLINGADMINISTRATIE_YEARS",
            ),
        )
        register_retention(anonymise_pupils)
        # The case tables' write history (pghistory); the privacy log shows them with these labels.
        register_tracked(CasusEvent, label=_("casus"), pupil_field="leerling")
        register_tracked(ToestemmingEvent, label=_("toestemming"), pupil_field="leerling")
        register_tracked(OuderEvent, label=_("ouder/verzorger"), pupil_field="leerling")
        register_tracked(InschrijvingEvent, label=_("inschrijving"), pupil_field="leerling")
        register_tracked(OtLidEvent, label=_("lid ondersteuningsteam"))
        register_tracked(PlanEvent, label=_("plan (OPP)"))
        register_tracked(ActieEvent, label=_("actie"))
        register_tracked(EvaluatieEvent, label=_("evaluatie"))
        # --- issue 10, part plan: the "Mijn taken" block on the start page ---
        from swv.core.plugins import register_start_block

        from .selectors_plan import taken_startblok

        register_start_block(
            "cases/plan_start_taken.html", context=taken_startblok, permission="cases.casussen", order=150
        )
        # --- issue 10, part cscale: volume data for benchmarks (manage.py genereer_testdata) ---
        # After partners (order 100): the pupils go to its schools and gemeenten, the OT to its partners.
        from swv.core.plugins import register_testdata

        from . import testdata

        register_testdata("cases", testdata.genereer_casussen, aantallen=testdata.AANTALLEN, order=200)
        # --- issue 10, part demo casussen: cases in every status, after the demo pupils ---
        from . import demo_casussen

        register_demo("cases_casussen", demo_casussen.load_demo_casussen, order=210)
        # "Mijn casussen" in the menu for the professionals who take part in teams (ketenpartner, leerplicht).
        register_menu_item(
            _("Mijn casussen"), "cases:mijn_casussen", permission="cases.mijn_casussen", order=210
        )
        # --- issue 11, part arrangementen en documenten ---
        from partners.bezetting import register_bron

        from .models import ArrangementEvent, CasusDocumentEvent
        from .selectors_arrangement import bezetting_per_voorziening

        register_tracked(ArrangementEvent, label=_("arrangement"))
        register_tracked(CasusDocumentEvent, label=_("document"))
        # The dekkend netwerk (partners) counts the places arrangementen take without importing cases.
        register_bron("cases.arrangementen", bezetting_per_voorziening)
        from .retention import documenten_opruimen

        register_retention(documenten_opruimen)
        # After the cases demo (200, its pupils) and partners' provisions (120).
        from .demo_arrangementen import load_demo_arrangementen

        register_demo("cases-arrangementen", load_demo_arrangementen, order=260)
        # --- issue 11, part TLV: the write history of TLVs and their advices ---
        from .models import TlvAdviesEvent, TlvBezwaarEvent, TlvEvent

        register_tracked(TlvEvent, label=_("toelaatbaarheidsverklaring"), pupil_field="leerling")
        register_tracked(TlvAdviesEvent, label=_("deskundigenadvies TLV"))
        register_tracked(TlvBezwaarEvent, label=_("bezwaar tegen een TLV-besluit"))
        # After the demo pupils (order 200): TLVs of each kind and category, one ending this school year.
        from .demo_tlv import load_demo_tlvs

        register_demo("cases-tlv", load_demo_tlvs, order=210)
        # --- issue 11, part betrokkenheid: its write history joins the privacy log, with the pupil ---
        from .models import BetrokkenheidEvent

        register_tracked(BetrokkenheidEvent, label=_("betrokkenheid"), pupil_field="leerling")
        register_menu_item(
            _("Betrokkenheid"), "cases:betrokkenheden", permission="cases.betrokkenheid", order=260
        )
        # --- issue 11, part overdracht: its write history joins the privacy log ---
        from .models import OverdrachtEvent

        register_tracked(OverdrachtEvent, label=_("overdracht"))
        # --- issue 11, part overdracht: demo (after the cases demo, whose pupils it uses) ---
        from . import demo_overdracht

        register_demo("cases-overdracht", demo_overdracht.load_demo_overdracht, order=290)
        register_menu_item(
            _("Overdrachten"), "cases:overdrachten", permission="cases.casus_wijzigen", order=270
        )
        # --- issue 11, part tlvdata: TLVs and arrangementen for genereer_testdata, after the cases part ---
        from . import testdata_tlv

        register_testdata(
            "cases_tlv", testdata_tlv.genereer_tlvs, aantallen=testdata_tlv.AANTALLEN, order=210
        )
