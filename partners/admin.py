"""The partner registry in the admin, for the functioneel beheerder: tenant-scoped like every admin page
(a beheerder sees and links only rows of the SWVs they manage). Day-to-day editing is on the pages.

Every write goes through `partners.services` (docs/decisions.md, "The admin writes through the services"):
organisations, persons, agreements, provisions and jeugdzorgregio's through `ServiceAdminMixin`; key-person
roles (their moves and endings keep history, which the pages do), the DUO school links (the import writes
them) and the reminder log (the task writes it) are read-only here. Nothing is deleted in the admin.
"""

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from swv.core.admin import BeheerdeSwvAdminMixin, beheerde_swvs
from swv.core.admin_services import AlleenLezenAdminMixin, ServiceAdminMixin
from swv.core.models import User

from . import services
from .models import (
    Afspraak,
    AfspraakHerinnering,
    Jeugdzorgregio,
    Organisatie,
    Persoon,
    SchoolSwv,
    Sleutelfiguur,
    Voorziening,
)
from .querysets import achternaam_sortering

# Related models that carry `swv`: their choices in a form are limited to the beheerder's SWVs.
_TENANT_MODELLEN = (Organisatie, Persoon, Jeugdzorgregio, Afspraak)


class PartnersAdminMixin(BeheerdeSwvAdminMixin):
    """Tenancy also for this app's other links (aanbieder, schoolbestuur, persoon, werkgebied, ...)."""

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if not request.user.is_superuser:
            if db_field.related_model in _TENANT_MODELLEN:
                kwargs["queryset"] = db_field.related_model.objects.filter(swv__in=beheerde_swvs(request))
            elif db_field.related_model is User:
                kwargs["queryset"] = User.objects.filter(
                    lidmaatschappen__swv__in=beheerde_swvs(request), lidmaatschappen__actief=True
                ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if not request.user.is_superuser and db_field.related_model in _TENANT_MODELLEN:
            queryset = db_field.related_model.objects.filter(swv__in=beheerde_swvs(request))
            if db_field.remote_field.limit_choices_to:
                queryset = queryset.filter(**db_field.remote_field.limit_choices_to)
            kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Organisatie)
class OrganisatieAdmin(ServiceAdminMixin, PartnersAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "soort", "code", "plaats", "actief", "swv"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "soort", "actief", "in_werkgebied"]
    search_fields = ["naam", "code", "plaats"]
    filter_horizontal = ["werkgebied"]
    list_select_related = ["swv"]

    def service_maken(self, request: HttpRequest, velden: dict):
        return services.organisatie_create(by=request.user, **velden)

    def service_wijzigen(self, request: HttpRequest, obj, velden: dict):
        return services.organisatie_update(organisatie=obj, by=request.user, **velden)


@admin.register(Jeugdzorgregio)
class JeugdzorgregioAdmin(ServiceAdminMixin, PartnersAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "code", "swv"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["naam", "code"]

    def service_maken(self, request: HttpRequest, velden: dict):
        return services.jeugdzorgregio_create(by=request.user, **velden)

    def service_wijzigen(self, request: HttpRequest, obj, velden: dict):
        return services.jeugdzorgregio_update(jeugdzorgregio=obj, by=request.user, **velden)


@admin.register(SchoolSwv)
class SchoolSwvAdmin(AlleenLezenAdminMixin, PartnersAdminMixin, admin.ModelAdmin):
    """Read-only: the DUO import keeps these links (a hand edit would be undone by the next import)."""

    list_display = ["school", "swv_code", "sector", "swv"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "sector"]
    search_fields = ["school__naam", "school__code", "swv_code"]
    list_select_related = ["school", "swv"]


class SleutelfiguurInline(AlleenLezenAdminMixin, PartnersAdminMixin, admin.TabularInline):
    model = Sleutelfiguur
    extra = 0
    fields = ["organisatie", "functie", "niveau", "van", "tot"]
    show_change_link = True


@admin.register(Persoon)
class PersoonAdmin(ServiceAdminMixin, PartnersAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "email", "swv"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["voornaam", "achternaam", "email"]
    inlines = [SleutelfiguurInline]
    ordering = [*achternaam_sortering(), "pk"]

    def service_maken(self, request: HttpRequest, velden: dict):
        return services.persoon_create(by=request.user, **velden)

    def service_wijzigen(self, request: HttpRequest, obj, velden: dict):
        return services.persoon_update(persoon=obj, by=request.user, **velden)


@admin.register(Sleutelfiguur)
class SleutelfiguurAdmin(AlleenLezenAdminMixin, PartnersAdminMixin, admin.ModelAdmin):
    """Read-only: a role is added, changed, moved (a new row, the old one ends) and ended on the pages,
    which keep that history; an edit here could move a role to another organisation in place."""

    list_display = ["persoon", "functie", "organisatie", "niveau", "van", "tot"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "niveau"]
    search_fields = ["persoon__voornaam", "persoon__achternaam", "organisatie__naam", "functie"]
    filter_horizontal = ["gemeenten"]
    list_select_related = ["persoon", "organisatie"]
    ordering = [*achternaam_sortering("persoon__"), "-van", "pk"]


@admin.register(Afspraak)
class AfspraakAdmin(ServiceAdminMixin, PartnersAdminMixin, admin.ModelAdmin):
    list_display = ["titel", "soort", "ingangsdatum", "einddatum", "evaluatiedatum", "eigenaar"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "soort"]
    search_fields = ["titel"]
    filter_horizontal = ["partijen"]
    list_select_related = ["eigenaar"]
    # Documents are added on the afspraak page, which checks their content and size; here only a link
    # to the access-checked, audited download (stored files have no URL of their own).
    exclude = ["document"]
    readonly_fields = ["document_downloaden"]

    @admin.display(description=_("document"))
    def document_downloaden(self, obj):
        if not obj.pk or not obj.document:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("partners:afspraak_document", args=[obj.pk]),
            obj.document.name.rsplit("/", 1)[-1],
        )

    def service_maken(self, request: HttpRequest, velden: dict):
        return services.afspraak_create(by=request.user, **velden)

    def service_wijzigen(self, request: HttpRequest, obj, velden: dict):
        return services.afspraak_update(afspraak=obj, by=request.user, **velden)


@admin.register(AfspraakHerinnering)
class AfspraakHerinneringAdmin(AlleenLezenAdminMixin, PartnersAdminMixin, admin.ModelAdmin):
    """Read-only: the log of reminders sent (the task writes it; a deleted row would be sent again)."""

    list_display = ["afspraak", "soort", "datum", "verstuurd_op"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "soort"]
    list_select_related = ["afspraak"]


@admin.register(Voorziening)
class VoorzieningAdmin(ServiceAdminMixin, PartnersAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "aanbieder", "doelgroep", "sector", "capaciteit", "bezetting", "wachttijd_weken"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "doelgroep", "sector"]
    search_fields = ["naam", "aanbieder__naam"]
    filter_horizontal = ["gemeenten"]
    list_select_related = ["aanbieder"]

    def service_maken(self, request: HttpRequest, velden: dict):
        return services.voorziening_create(by=request.user, **velden)

    def service_wijzigen(self, request: HttpRequest, obj, velden: dict):
        return services.voorziening_update(voorziening=obj, by=request.user, **velden)
