from django.contrib import admin

from swv.core.admin import BeheerdeSwvAdminMixin

from .models import Organisatie


@admin.register(Organisatie)
class OrganisatieAdmin(BeheerdeSwvAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "soort", "code", "swv"]
    list_filter = [("swv", admin.RelatedOnlyFieldListFilter), "soort"]
    search_fields = ["naam", "code"]
