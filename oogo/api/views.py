"""API of the OOGO (issue 13), read-only but for an action's status. Mounted under /api/v1/ by
oogo/api/urls.py.

- `GET /api/v1/overleggen`, `GET /api/v1/overleggen/{id}`: the meetings with their gemeenten and agenda;
- `GET /api/v1/agendapunten`, `GET /api/v1/agendapunten/{id}`: the agenda items, with where they came from;
- `GET /api/v1/actiepunten`, `GET/PATCH /api/v1/actiepunten/{id}`: the actions; PATCH reports a status.

Who: `visible_to` of each model (oogo/querysets.py): the SWV roles all, the bestuurder the meetings of
their own gemeente; partner systems need `oogo:lezen` to read and `oogo:acties` to change a status. A
person changes a status with `oogo.wijzigen` (the coordinator). Writes go through oogo.services.
"""

from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from swv.core.api.scopes import Scope
from swv.core.api.serializers import StrictSerializer
from swv.core.api.viewsets import TenantViewSet, collectie_schema

from .. import services
from ..models import Actiepunt, Agendapunt, AgendapuntDocument, Overleg
from ..workflow import ActiepuntStatus, AgendapuntStatus, OverlegSoort, OverlegStatus, Thema

TAGS = ["oogo"]


class GemeenteKortSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de gemeente in het partnerregister."))
    naam = serializers.CharField(read_only=True, help_text=_("Naam van de gemeente."))
    code = serializers.CharField(read_only=True, help_text=_("CBS-code van de gemeente."))


class AgendapuntDocumentSerializer(StrictSerializer):
    titel = serializers.CharField(read_only=True, help_text=_("Titel van het document."))
    soort = serializers.ChoiceField(
        choices=AgendapuntDocument.Soort.choices, read_only=True, help_text=_("Soort document.")
    )
    grootte = serializers.IntegerField(read_only=True, help_text=_("Grootte in bytes."))
    downloadUrl = serializers.SerializerMethodField(  # noqa: N815
        help_text=_(
            "Pad van de download op de website (voor een ingelogde persoon die het agendapunt mag zien; "
            "elke download staat in de audit-log)."
        )
    )

    def get_downloadUrl(self, document) -> str:  # noqa: N802
        return reverse("oogo:document", args=[document.pk])


class AgendapuntSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van het agendapunt."))
    overlegId = serializers.IntegerField(  # noqa: N815 - JSON field names are camelCase (API Design Rules)
        source="overleg_id", read_only=True, help_text=_("Het overleg waarop het punt staat.")
    )
    volgorde = serializers.IntegerField(read_only=True, help_text=_("Plaats op de agenda."))
    titel = serializers.CharField(read_only=True, help_text=_("Titel van het agendapunt."))
    thema = serializers.ChoiceField(choices=Thema.choices, read_only=True, help_text=_("Thema van het OOGO."))
    status = serializers.ChoiceField(
        choices=AgendapuntStatus.choices, read_only=True, help_text=_("Status van het agendapunt.")
    )
    uitkomst = serializers.CharField(read_only=True, help_text=_("Wat er is afgesproken, of waarom niet."))
    overgenomenVanId = serializers.IntegerField(  # noqa: N815
        source="overgenomen_van_id",
        read_only=True,
        allow_null=True,
        help_text=_("Hetzelfde punt in het vorige overleg, als het is overgenomen; leeg als het nieuw is."),
    )
    documenten = AgendapuntDocumentSerializer(
        many=True, read_only=True, help_text=_("De documenten bij het agendapunt (gegevens, geen inhoud).")
    )


class OverlegSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van het overleg."))
    soort = serializers.ChoiceField(
        choices=OverlegSoort.choices, read_only=True, help_text=_("Soort overleg.")
    )
    titel = serializers.CharField(read_only=True, help_text=_("Titel van het overleg."))
    begin = serializers.DateTimeField(read_only=True, help_text=_("Begin (ISO 8601)."))
    einde = serializers.DateTimeField(read_only=True, help_text=_("Einde (ISO 8601)."))
    locatie = serializers.CharField(read_only=True, help_text=_("Plaats van het overleg; kan leeg zijn."))
    videolink = serializers.CharField(read_only=True, help_text=_("Videolink; kan leeg zijn."))
    status = serializers.ChoiceField(choices=OverlegStatus.choices, read_only=True, help_text=_("Status."))
    gemeenten = GemeenteKortSerializer(many=True, read_only=True, help_text=_("Deelnemende gemeenten."))
    agendapunten = AgendapuntSerializer(many=True, read_only=True, help_text=_("De agenda, in volgorde."))


class ActiepuntSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van het actiepunt."))
    overlegId = serializers.IntegerField(  # noqa: N815
        source="overleg_id", read_only=True, help_text=_("Het overleg waarin de actie is afgesproken.")
    )
    opgevolgdInId = serializers.IntegerField(  # noqa: N815
        source="opgevolgd_in_id",
        read_only=True,
        allow_null=True,
        help_text=_("Het overleg waarin de actie nu wordt gevolgd (schuift mee tot de actie klaar is)."),
    )
    omschrijving = serializers.CharField(read_only=True, help_text=_("Wat er afgesproken is."))
    eigenaar = serializers.CharField(
        source="eigenaar.naam", read_only=True, help_text=_("Naam van de eigenaar uit het partnerregister.")
    )
    deadline = serializers.DateField(read_only=True, help_text=_("Uiterlijke datum."))
    status = serializers.ChoiceField(choices=ActiepuntStatus.choices, read_only=True, help_text=_("Status."))
    teLaat = serializers.BooleanField(  # noqa: N815
        source="te_laat", read_only=True, help_text=_("Open en over de deadline.")
    )
    toelichting = serializers.CharField(read_only=True, help_text=_("Toelichting bij de status."))


class ActiepuntStatusSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=ActiepuntStatus.choices, help_text=_("De nieuwe status."))
    toelichting = serializers.CharField(required=False, allow_blank=True, help_text=_("Toelichting."))


_LEZEN = {"list": [Scope.OOGO_LEZEN], "retrieve": [Scope.OOGO_LEZEN]}


@collectie_schema(
    _("OOGO-overleg"),
    _("OOGO-overleggen"),
    tags=TAGS,
    list=_(
        "De overleggen met de gemeenten (nieuwste eerst), met hun agenda. Het SWV ziet alle, een bestuurder of "
        "wethouder die van de eigen gemeente. Een koppeling heeft `oogo:lezen` nodig."
    ),
)
class OverlegViewSet(TenantViewSet):
    model = Overleg
    serializer_class = OverlegSerializer
    schrijfrecht = "oogo.wijzigen"
    required_scopes = _LEZEN

    def met_relaties(self, queryset):
        return queryset.prefetch_related("gemeenten", "agendapunten__documenten").order_by("-begin", "pk")


@collectie_schema(
    _("OOGO-agendapunt"),
    _("OOGO-agendapunten"),
    tags=TAGS,
    list=_("De agendapunten van de overleggen die u mag zien, per overleg in agendavolgorde."),
)
class AgendapuntViewSet(TenantViewSet):
    model = Agendapunt
    serializer_class = AgendapuntSerializer
    schrijfrecht = "oogo.wijzigen"
    required_scopes = _LEZEN

    def met_relaties(self, queryset):
        return queryset.prefetch_related("documenten").order_by("-overleg__begin", "volgorde", "pk")


@collectie_schema(
    _("OOGO-actiepunt"),
    _("OOGO-actiepunten"),
    tags=TAGS,
    list=_("De actiepunten van de overleggen die u mag zien, op deadline."),
    extra={
        "partial_update": extend_schema(
            summary=_("Status van een OOGO-actiepunt bijwerken"),
            description=_(
                "De coördinator, of een koppeling met `oogo:acties`. Alleen toegestane overgangen (open, bezig, "
                "gereed, vervallen); een andere geeft 400. Zonder `status` verandert er niets."
            ),
            request=ActiepuntStatusSerializer,
            responses={200: ActiepuntSerializer},
            tags=TAGS,
        )
    },
)
class ActiepuntViewSet(TenantViewSet):
    model = Actiepunt
    serializer_class = ActiepuntSerializer
    wijzig_serializer_class = ActiepuntStatusSerializer
    schrijfrecht = "oogo.wijzigen"
    required_scopes = {**_LEZEN, "partial_update": [Scope.OOGO_ACTIES]}

    def met_relaties(self, queryset):
        return queryset.select_related("eigenaar").order_by("deadline", "pk")

    def wijzig(self, obj, velden: dict):
        if "status" not in velden:
            return obj
        return services.actiepunt_status_zetten(actiepunt=obj, by=self.request.user, **velden)

    def partial_update(self, request: Request, pk: int) -> Response:
        return super().partial_update(request, pk)


urlpatterns: list[URLPattern] = [
    path("overleggen", OverlegViewSet.as_view({"get": "list"}), name="api-overleg-list"),
    # detail=True: write rights are decided on the object, after its 404 (swv.core.api.viewsets.MagSchrijven).
    path(
        "overleggen/<int:pk>",
        OverlegViewSet.as_view({"get": "retrieve"}, detail=True),
        name="api-overleg-detail",
    ),
    path("agendapunten", AgendapuntViewSet.as_view({"get": "list"}), name="api-agendapunt-list"),
    path(
        "agendapunten/<int:pk>",
        AgendapuntViewSet.as_view({"get": "retrieve"}, detail=True),
        name="api-agendapunt-detail",
    ),
    path("actiepunten", ActiepuntViewSet.as_view({"get": "list"}), name="api-actiepunt-list"),
    path(
        "actiepunten/<int:pk>",
        ActiepuntViewSet.as_view({"get": "retrieve", "patch": "partial_update"}, detail=True),
        name="api-actiepunt-detail",
    ),
]
