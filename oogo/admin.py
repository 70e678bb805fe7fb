"""The OOGO in the admin (part oogo-afwerking): read-only, for the platform superuser and the functioneel
beheerder, tenant-scoped like every admin page (a beheerder sees only the SWVs they manage).

Every write is on the coordinator's pages, through `oogo.services`: they keep the history, raise the ICS
sequence so calendars replace their entry, freeze the figures and queue the mails. An admin form would
save past all of that, so the admin only shows (docs/decisions.md 73). The calendar feed tokens never show
their hash; the sendings are a log of what left.
"""

from django.contrib import admin
from django.http import HttpRequest

from swv.core.admin import BeheerdeSwvAdminMixin, beheerde_swvs
from swv.core.admin_services import AlleenLezenAdminMixin

from .models import (
    Actiepunt,
    Agendapunt,
    Besluit,
    Datapakket,
    Deelname,
    Geschil,
    KalenderToken,
    Ondersteuningsplan,
    Ontwikkeldoel,
    Overleg,
    Verzending,
    Voortgang,
)

_SWV_FILTER = ("swv", admin.RelatedOnlyFieldListFilter)


class OogoAdmin(AlleenLezenAdminMixin, BeheerdeSwvAdminMixin, admin.ModelAdmin):
    """Shown to a superuser and to a beheerder (of their own SWVs); nobody adds, changes or deletes."""

    def _mag_zien(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or beheerde_swvs(request).exists())

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._mag_zien(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._mag_zien(request)


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0
    fields = ("persoon", "aanwezigheid")
    readonly_fields = ("persoon", "aanwezigheid")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Overleg)
class OverlegAdmin(OogoAdmin):
    list_display = ["titel", "soort", "begin", "status", "swv"]
    list_filter = [_SWV_FILTER, "soort", "status"]
    search_fields = ["titel", "locatie"]
    date_hierarchy = "begin"
    list_select_related = ["swv"]
    inlines = [DeelnameInline]


@admin.register(Agendapunt)
class AgendapuntAdmin(OogoAdmin):
    list_display = ["titel", "overleg", "thema", "status", "swv"]
    list_filter = [_SWV_FILTER, "thema", "status"]
    search_fields = ["titel", "overleg__titel"]
    list_select_related = ["overleg", "swv"]


@admin.register(Besluit)
class BesluitAdmin(OogoAdmin):
    list_display = ["__str__", "overleg", "aangemaakt_op", "swv"]
    list_filter = [_SWV_FILTER]
    search_fields = ["tekst", "overleg__titel"]
    list_select_related = ["overleg", "swv"]


@admin.register(Actiepunt)
class ActiepuntAdmin(OogoAdmin):
    list_display = ["omschrijving", "overleg", "eigenaar", "deadline", "status", "swv"]
    list_filter = [_SWV_FILTER, "status"]
    search_fields = ["omschrijving", "overleg__titel"]
    list_select_related = ["overleg", "eigenaar", "swv"]


@admin.register(Ontwikkeldoel)
class OntwikkeldoelAdmin(OogoAdmin):
    list_display = ["doel", "thema", "van_jaar", "tot_jaar", "status", "swv"]
    list_filter = [_SWV_FILTER, "thema", "status"]
    search_fields = ["doel", "ambitie"]
    list_select_related = ["swv"]


@admin.register(Voortgang)
class VoortgangAdmin(OogoAdmin):
    list_display = ["doel", "datum", "overleg", "swv"]
    list_filter = [_SWV_FILTER]
    search_fields = ["notitie", "doel__doel"]
    list_select_related = ["doel", "overleg", "swv"]


@admin.register(Ondersteuningsplan)
class OndersteuningsplanAdmin(OogoAdmin):
    list_display = ["titel", "periode_van", "periode_tot", "vastgesteld_op", "naar_inspectie_op", "swv"]
    list_filter = [_SWV_FILTER]
    search_fields = ["titel"]
    list_select_related = ["swv"]


@admin.register(Geschil)
class GeschilAdmin(OogoAdmin):
    list_display = ["__str__", "gemeente", "ingediend_door", "ingediend_op", "swv"]
    list_filter = [_SWV_FILTER, "ingediend_door"]
    search_fields = ["gemeente__naam", "advies"]
    list_select_related = ["gemeente", "swv"]


@admin.register(Datapakket)
class DatapakketAdmin(OogoAdmin):
    list_display = ["overleg", "gemeente", "peildatum", "bevroren_op", "swv"]
    list_filter = [_SWV_FILTER]
    search_fields = ["overleg__titel", "gemeente__naam"]
    list_select_related = ["overleg", "gemeente", "swv"]


@admin.register(Verzending)
class VerzendingAdmin(OogoAdmin):
    list_display = ["overleg", "soort", "persoon", "email", "aangevraagd_op", "verstuurd_op", "swv"]
    list_filter = [_SWV_FILTER, "soort", ("verstuurd_op", admin.EmptyFieldListFilter)]
    search_fields = ["overleg__titel", "email", "persoon__achternaam"]
    list_select_related = ["overleg", "persoon", "swv"]


@admin.register(KalenderToken)
class KalenderTokenAdmin(OogoAdmin):
    list_display = ["prefix", "user", "swv", "aangemaakt_op", "laatst_gebruikt_op", "ingetrokken_op"]
    list_filter = [_SWV_FILTER, ("ingetrokken_op", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "user__username"]
    list_select_related = ["user", "swv"]
    # The hash is never shown, not even read-only: only the prefix that names the row.
    _getoond = (
        "prefix",
        "user",
        "lidmaatschap",
        "swv",
        "aangemaakt_op",
        "laatst_gebruikt_op",
        "ingetrokken_op",
    )
    fields = _getoond
    readonly_fields = _getoond
