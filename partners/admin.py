from django.contrib import admin

from .models import Organisatie


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "code", "swv"]
    list_filter = ["swv", "soort"]
    search_fields = ["naam", "code"]
