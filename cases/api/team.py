"""API of the cases app, part: team (issue 10). The tijdlijn of one case, read only.

`/api/v1/casussen/{id}/tijdlijn` is an explicit path (not a router route), so it cannot clash with the
casussen part's viewset on `/api/v1/casussen`. Who sees it: whoever sees the case (`get_casus_for_user`:
`Casus.objects.visible_to`), so a partner professional whose consent was withdrawn gets a 404 at once.
A partner system (API client with `casussen:lezen`) sees these of exactly the cases `Casus.objects.visible_to`
gives it: what a member of its organisation would see (decision 38); a partner organisation's system only
while one of its people is an active OT member and a valid consent covers the organisation (decision 31).
"""

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from partners.api.serializers import OrganisatieKortSerializer
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.api.pagination import CursorPagination
from swv.core.api.scopes import Scope

from ..forms_team import toestemming_status
from ..models import OtLid, TijdlijnGebeurtenis, Toestemming
from ..selectors import get_casus_for_user


class TijdlijnGebeurtenisSerializer(serializers.ModelSerializer):
    door = serializers.SerializerMethodField(help_text=_("Naam van wie het deed; leeg voor het systeem."))
    apiClient = serializers.CharField(  # noqa: N815 - JSON field names are camelCase (API Design Rules)
        source="api_client.naam",
        default=None,
        allow_null=True,
        help_text=_("Het partnersysteem dat het deed, als een partnersysteem het deed."),
    )
    objectType = serializers.CharField(  # noqa: N815
        source="object_type",
        help_text=_("Soort object waar de gebeurtenis over gaat, bv. `cases.toestemming`."),
    )
    objectId = serializers.CharField(source="object_id", help_text=_("Id van dat object; kan leeg zijn."))  # noqa: N815

    class Meta:
        model = TijdlijnGebeurtenis
        fields = [
            "id",
            "op",
            "soort",
            "bron",
            "titel",
            "toelichting",
            "door",
            "apiClient",
            "objectType",
            "objectId",
        ]
        extra_kwargs = {
            "op": {"help_text": _("Wanneer het gebeurde (ISO 8601).")},
            "soort": {
                "help_text": _(
                    "Soort gebeurtenis: status, ot, toestemming, plan, evaluatie, actie, verzuim, …"
                )
            },
            "bron": {"help_text": _("De app die de gebeurtenis schreef (cases, thuiszitters, …).")},
            "titel": {"help_text": _("Korte omschrijving; bevat nooit een BSN.")},
            "toelichting": {"help_text": _("Toelichting; kan leeg zijn.")},
        }

    def get_door(self, obj) -> str | None:
        if obj.door is None:
            return None
        return obj.door.get_full_name() or obj.door.get_username()


class TijdlijnPagination(CursorPagination):
    """Oldest first (chronological); stable while events are added."""

    ordering = ("op", "id")
    page_size = 50
    max_page_size = 200


class CasusTijdlijnView(generics.ListAPIView):
    serializer_class = TijdlijnGebeurtenisSerializer
    pagination_class = TijdlijnPagination
    # Partner systems through the one case rule (see the module docstring).
    required_scopes = [Scope.CASUSSEN_LEZEN]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reads the model only
            return TijdlijnGebeurtenis.objects.none()
        casus = get_casus_for_user(
            self.request.user, self.kwargs["pk"], request=self.request, reason="API: tijdlijn"
        )
        self.casus = casus
        return TijdlijnGebeurtenis.objects.filter(swv_id=casus.swv_id, casus=casus).select_related(
            "door", "api_client"
        )

    @extend_schema(
        summary=_("Tijdlijn van een casus"),
        description=_(
            "Alles wat er op een casus gebeurde, oudste eerst: statusovergangen, wijzigingen in het "
            "ondersteuningsteam, toestemming, planversies, evaluaties, acties en gebeurtenissen van andere "
            "onderdelen (verzuim, thuiszitters). Geeft 404 als de casus niet bestaat of niet zichtbaar is "
            "voor de gebruiker, bijvoorbeeld voor een ketenpartner zonder geldige toestemming. "
            "Gepagineerd met een cursor (`cursor`, `pageSize`). Een partnersysteem (scope `casussen:lezen`) ziet "
            "de tijdlijn van de casussen die zijn organisatie ziet."
        ),
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van de casus."))],
        tags=["casussen"],
    )
    def get(self, request, *args, **kwargs):
        response = self.list(request, *args, **kwargs)
        # One read row per request, with the case's pupil (the tijdlijn is the pupil's case data).
        audit_log(
            request=request,
            action=AuditEvent.Action.READ,
            obj=self.casus,
            leerling=self.casus.leerling,
            reason=f"API: tijdlijn, {len(response.data.get('results', []))} gebeurtenis(sen)",
        )
        return response


class OtLidSerializer(serializers.ModelSerializer):
    organisatie = OrganisatieKortSerializer(allow_null=True, help_text=_("Organisatie; leeg voor ouders."))
    naam = serializers.SerializerMethodField(help_text=_("Naam van het lid."))
    beeindigdOp = serializers.DateTimeField(  # noqa: N815 - JSON field names are camelCase
        source="beeindigd_op", allow_null=True, help_text=_("Einde van het lidmaatschap; leeg als het loopt.")
    )

    class Meta:
        model = OtLid
        fields = ["id", "rol", "naam", "functie", "organisatie", "grondslag", "van", "beeindigdOp"]
        extra_kwargs = {
            "rol": {"help_text": _("Rol in het team: school, swv, ouders, partner of leerplicht.")},
            "grondslag": {"help_text": _("Grondslag: toestemming of wettelijke_taak.")},
            "van": {"help_text": _("Lid vanaf.")},
            "functie": {"help_text": _("Functie; kan leeg zijn.")},
        }

    def get_naam(self, lid) -> str:
        from ..services_team import naam_lid

        return naam_lid(lid)


class ToestemmingSerializer(serializers.ModelSerializer):
    organisatie = OrganisatieKortSerializer(help_text=_("De organisatie waarvoor de toestemming geldt."))
    gegevenDoorLeerling = serializers.BooleanField(  # noqa: N815
        source="gegeven_door_leerling", help_text=_("Gegeven door de leerling zelf (16 jaar of ouder).")
    )
    gegevenOp = serializers.DateField(
        source="gegeven_op", help_text=_("Datum waarop de toestemming is gegeven.")
    )  # noqa: N815
    geldigTot = serializers.DateField(  # noqa: N815
        source="geldig_tot", allow_null=True, help_text=_("Geldig tot en met; leeg zonder einddatum.")
    )
    ingetrokkenOp = serializers.DateTimeField(  # noqa: N815
        source="ingetrokken_op",
        allow_null=True,
        help_text=_("Wanneer ingetrokken; leeg als niet ingetrokken."),
    )
    status = serializers.SerializerMethodField(
        help_text=_("geldig, verlopen, ingetrokken of nog_niet (vandaag).")
    )

    class Meta:
        model = Toestemming
        fields = [
            "id",
            "doel",
            "organisatie",
            "gegevenDoorLeerling",
            "gegevenOp",
            "wijze",
            "geldigTot",
            "ingetrokkenOp",
            "status",
        ]
        extra_kwargs = {
            "doel": {"help_text": _("Doel: deelname_ot, gegevens_delen, onderzoek of overdracht.")},
            "wijze": {"help_text": _("Hoe gegeven: schriftelijk, digitaal of mondeling.")},
        }

    def get_status(self, toestemming) -> str:
        return toestemming_status(toestemming)


class _CasusLijst(generics.ListAPIView):
    """A read-only list of one case's rows; 404 when the case is not visible to the caller."""

    pagination_class = None  # a team and its consents are small
    required_scopes = [Scope.CASUSSEN_LEZEN]  # partner systems through the case rule (module docstring)
    reden = ""

    def casus(self):
        if not hasattr(self, "_casus"):
            self._casus = get_casus_for_user(
                self.request.user,
                self.kwargs["pk"],
                request=self.request,
                reason=self.reden,
                gelezen=self.reden,
            )
        return self._casus


class CasusTeamView(_CasusLijst):
    serializer_class = OtLidSerializer
    reden = "API: ondersteuningsteam"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return OtLid.objects.none()
        casus = self.casus()
        return (
            OtLid.objects.filter(swv_id=casus.swv_id, casus=casus)
            .select_related("organisatie", "persoon", "gebruiker", "ouder")
            .order_by("beeindigd_op", "rol", "pk")
        )

    @extend_schema(
        summary=_("Ondersteuningsteam van een casus"),
        description=_(
            "De leden van het ondersteuningsteam, ook eerdere (met `beeindigdOp`). Geeft 404 als de casus "
            "niet bestaat of niet zichtbaar is. Een partnersysteem (scope `casussen:lezen`) ziet het team van "
            "de casussen die zijn organisatie ziet."
        ),
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van de casus."))],
        tags=["casussen"],
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


class CasusToestemmingenView(_CasusLijst):
    serializer_class = ToestemmingSerializer
    reden = "API: toestemmingen"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Toestemming.objects.none()
        casus = self.casus()
        return (
            Toestemming.objects.filter(swv_id=casus.swv_id, leerling_id=casus.leerling_id)
            .select_related("organisatie")
            .order_by("-gegeven_op", "-pk")
        )

    @extend_schema(
        summary=_("Toestemmingen bij een casus"),
        description=_(
            "Alle toestemmingen van de leerling van de casus, ook ingetrokken en verlopen (ze worden nooit "
            "verwijderd), met hun status van vandaag. Geeft 404 als de casus niet bestaat of niet zichtbaar "
            "is. Een partnersysteem (scope `casussen:lezen`) ziet ze bij de casussen die zijn organisatie ziet."
        ),
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van de casus."))],
        tags=["casussen"],
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


urlpatterns: list[URLPattern] = [
    path("casussen/<int:pk>/tijdlijn", CasusTijdlijnView.as_view(), name="api-casus-tijdlijn"),
    path("casussen/<int:pk>/team", CasusTeamView.as_view(), name="api-casus-team"),
    path("casussen/<int:pk>/toestemmingen", CasusToestemmingenView.as_view(), name="api-casus-toestemmingen"),
]


def register(router) -> None:
    pass
