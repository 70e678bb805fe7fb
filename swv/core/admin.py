from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Lidmaatschap, Samenwerkingsverband, User


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["organisatie"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [LidmaatschapInline]


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "sector"]
    search_fields = ["code", "naam"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["user", "rol", "organisatie", "swv", "actief"]
    list_filter = ["swv", "rol", "actief"]
    search_fields = ["user__username", "organisatie__naam"]
    autocomplete_fields = ["user", "organisatie"]
