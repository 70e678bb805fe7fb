"""API of the cases app, part: plan (issue 10). `register(router)` adds this part's viewsets; `urlpatterns`
holds its other routes. Mounted under /api/v1/ by cases/api/urls.py.

`GET /api/v1/taken`: the caller's open tasks (the same selector as "Mijn taken")."""

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from swv.core.api.pagination import LimitOffsetPagination

from ..models import Taak
from ..selectors_plan import taken_voor


class TaakSerializer(serializers.ModelSerializer):
    casusId = serializers.IntegerField(  # noqa: N815 - JSON field names are camelCase (API Design Rules)
        source="casus_id", allow_null=True, help_text=_("De casus waar de taak over gaat.")
    )
    vervaltOp = serializers.DateField(  # noqa: N815
        source="vervalt_op", help_text=_("Uiterlijke datum (de wettelijke of afgesproken termijn).")
    )
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op", help_text=_("Wanneer de taak ontstond."))  # noqa: N815
    regel = serializers.CharField(help_text=_("De regel van de termijnbewaking die de taak maakte."))
    periode = serializers.CharField(help_text=_("De periode of aanleiding (bijvoorbeeld het schooljaar)."))
    omschrijving = serializers.CharField(help_text=_("Wat er moet gebeuren."))

    class Meta:
        model = Taak
        fields = ["id", "casusId", "regel", "periode", "omschrijving", "vervaltOp", "aangemaaktOp"]


class TakenView(ListAPIView):
    """Mijn taken: de open taken van de ingelogde gebruiker."""

    serializer_class = TaakSerializer
    pagination_class = LimitOffsetPagination
    # Every client may ask; a partner system has no tasks of its own (an empty list).
    required_scopes = ()

    def get_queryset(self):
        return taken_voor(self.request.user)

    @extend_schema(
        summary=_("Mijn taken"),
        description=_(
            "De open taken van de ingelogde gebruiker binnen het SWV waarvoor hij werkt: taken voor hem "
            "als casusregisseur en taken voor zijn rol (bijvoorbeeld alle coördinatoren). Een taak "
            "verdwijnt als de oorzaak is opgelost. Een partnersysteem krijgt een lege lijst."
        ),
        tags=["taken"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns: list[URLPattern] = [path("taken", TakenView.as_view(), name="api-taken")]


def register(router) -> None:
    pass
