"""Verzuim and thuiszitters in the admin: the school holidays (national data, thuiszitters.Schoolvakantie).

Only a platform superuser or a functioneel beheerder (`thuiszitters.schoolvakanties_beheren`) sees and edits
them; they belong to no tenant, so there is no SWV filter. Writes go through
`services_vakantie.schoolvakantie_opslaan` (the same checks as the holiday file). Usually they are loaded
from a file (`manage.py schoolvakanties_laden`); the admin is for a correction or a missing holiday. Only a
superuser deletes (a holiday entered twice by mistake).
"""

from django.contrib import admin
from django.http import HttpRequest

from swv.core.admin_services import ServiceAdminMixin

from .models import Schoolvakantie
from .services_vakantie import mag_vakanties_beheren, schoolvakantie_opslaan


@admin.register(Schoolvakantie)
class SchoolvakantieAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "schooljaar", "regio", "begin", "eind"]
    list_filter = ["schooljaar", "regio"]
    search_fields = ["naam", "schooljaar"]
    ordering = ["-schooljaar", "regio", "begin"]
    fields = ["schooljaar", "regio", "naam", "begin", "eind"]
    readonly_bij_wijzigen = ()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return mag_vakanties_beheren(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return mag_vakanties_beheren(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return mag_vakanties_beheren(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return mag_vakanties_beheren(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def service_maken(self, request: HttpRequest, velden: dict):
        return schoolvakantie_opslaan(by=request.user, velden=velden)

    def service_wijzigen(self, request: HttpRequest, obj, velden: dict):
        return schoolvakantie_opslaan(by=request.user, velden=velden, vakantie=obj)
