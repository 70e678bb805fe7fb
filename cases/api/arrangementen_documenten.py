"""API of the cases app, part arrangementen en documenten (issue 11).

- `GET/POST /api/v1/casussen/{id}/arrangementen`: a case's arrangementen; request one (status aangevraagd).
- `POST /api/v1/arrangementen/{id}/status`: assign, start or end; a full voorziening answers 409 with the
  warning unless `bevestigd` is true.
- `GET/POST /api/v1/casussen/{id}/documenten`: a case's documents (metadata); upload one (multipart).
- `GET /api/v1/casusdocumenten/{id}/inhoud`: the file, as an attachment, audited (the only way to a file).

Who: whoever sees the case (`get_casus_for_user`; 404 otherwise, also for a partner without consent); the
change rights are the pages' (cases.rules; 403 for who only reads). Like the team part, people only: partner
systems have no case rule yet (they get 404).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from partners.models import Voorziening
from swv.core.api.exceptions import Conflict
from swv.core.api.pagination import CursorPagination
from swv.core.api.serializers import als_api_fout

from .. import services_arrangement, services_document
from ..models import Arrangement, CasusDocument
from ..rules import mag_arrangement_aanvragen, mag_arrangement_beheren, mag_document_toevoegen
from ..selectors import get_casus_for_user
from ..selectors_arrangement import get_arrangement_for_user
from ..views_document import document_response, get_document_for_user

TAGS = ["casussen"]
CASUS_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van de casus."))


class ArrangementSerializer(serializers.ModelSerializer):
    voorziening = serializers.IntegerField(source="voorziening_id", help_text=_("Id van de voorziening."))
    voorzieningNaam = serializers.CharField(
        source="voorziening.naam", help_text=_("Naam van de voorziening.")
    )  # noqa: N815
    redenEinde = serializers.CharField(
        source="reden_einde", help_text=_("Waarom het eindigde; kan leeg zijn.")
    )  # noqa: N815
    bovenCapaciteit = serializers.BooleanField(  # noqa: N815
        source="boven_capaciteit", help_text=_("Toegekend terwijl de voorziening vol was (bevestigd).")
    )

    class Meta:
        model = Arrangement
        fields = [
            "id",
            "voorziening",
            "voorzieningNaam",
            "status",
            "reden",
            "startdatum",
            "einddatum",
            "redenEinde",
            "bovenCapaciteit",
        ]
        extra_kwargs = {
            "status": {"help_text": _("aangevraagd, toegekend, gestart of beeindigd.")},
            "reden": {"help_text": _("Waarom deze voorziening voor deze leerling.")},
            "startdatum": {"help_text": _("Start (ISO 8601).")},
            "einddatum": {"help_text": _("Einde (ISO 8601); leeg als het nog loopt.")},
        }


class ArrangementInvoerSerializer(serializers.Serializer):
    voorziening = serializers.IntegerField(
        help_text=_("Id van een voorziening uit het dekkend netwerk van het SWV.")
    )
    reden = serializers.CharField(max_length=4000, help_text=_("Waarom deze voorziening voor deze leerling."))
    startdatum = serializers.DateField(help_text=_("Start (ISO 8601)."))
    einddatum = serializers.DateField(
        required=False, allow_null=True, help_text=_("Verwacht einde (ISO 8601).")
    )


class ArrangementStatusInvoerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Arrangement.Status.choices, help_text=_("De nieuwe status: toegekend, gestart of beeindigd.")
    )
    van = serializers.ChoiceField(
        choices=Arrangement.Status.choices,
        required=False,
        help_text=_("De status die u zag; anders dan de huidige geeft 409 (iemand anders wijzigde hem)."),
    )
    reden = serializers.CharField(
        required=False, allow_blank=True, max_length=4000, help_text=_("Verplicht bij beëindigen.")
    )
    einddatum = serializers.DateField(
        required=False, allow_null=True, help_text=_("Bij beëindigen; leeg is vandaag.")
    )
    bevestigd = serializers.BooleanField(
        required=False, default=False, help_text=_("Toch toekennen als de voorziening vol is.")
    )


class Pagina(CursorPagination):
    ordering = ("-id",)
    page_size = 50
    max_page_size = 200


class CasusArrangementenView(generics.ListAPIView):
    serializer_class = ArrangementSerializer
    pagination_class = Pagina
    required_scopes = None  # people only (module docstring)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Arrangement.objects.none()
        casus = get_casus_for_user(
            self.request.user, self.kwargs["pk"], request=self.request, gelezen="API: arrangementen"
        )
        self.casus = casus
        return Arrangement.objects.filter(swv_id=casus.swv_id, casus=casus).select_related("voorziening")

    @extend_schema(
        summary=_("Arrangementen van een casus"),
        description=_(
            "De voorzieningen uit het dekkend netwerk die voor de leerling zijn aangevraagd of toegekend, "
            "nieuwste eerst. 404 als de casus niet bestaat of niet zichtbaar is (ook voor een ketenpartner "
            "zonder geldige toestemming)."
        ),
        parameters=[CASUS_ID],
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Arrangement aanvragen"),
        description=_(
            "Vraagt een voorziening aan voor de casus (status aangevraagd: op de wachtlijst van de "
            "voorziening). Voor de school en het SWV. 400 bij ongeldige invoer, met de reden in het Nederlands."
        ),
        parameters=[CASUS_ID],
        request=ArrangementInvoerSerializer,
        responses={201: ArrangementSerializer},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        casus = get_casus_for_user(request.user, pk, request=request, gelezen="API: arrangement aanvragen")
        if not mag_arrangement_aanvragen(request.user):
            raise PermissionDenied(
                _("Alleen de school en het samenwerkingsverband vragen een arrangement aan.")
            )
        invoer = ArrangementInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        velden = dict(invoer.validated_data)
        voorziening = Voorziening.objects.filter(swv_id=casus.swv_id, pk=velden.pop("voorziening")).first()
        if voorziening is None:
            raise serializers.ValidationError(
                {"voorziening": [_("Deze voorziening bestaat niet in dit samenwerkingsverband.")]}
            )
        try:
            arrangement = services_arrangement.arrangement_aanvragen(
                casus=casus, voorziening=voorziening, by=request.user, **velden
            )
        except DjangoValidationError as exc:
            raise als_api_fout(exc, invoer) from exc
        return Response(ArrangementSerializer(arrangement).data, status=status.HTTP_201_CREATED)


class ArrangementStatusView(APIView):
    required_scopes = None  # people only (module docstring)

    @extend_schema(
        summary=_("Status van een arrangement wijzigen"),
        description=_(
            "Toegestane overgangen: aangevraagd → toegekend → gestart → beeindigd (en aangevraagd of toegekend "
            "→ beeindigd). Alleen het SWV. Toekennen aan een volle voorziening geeft 409 met de waarschuwing, "
            "tenzij `bevestigd` waar is; twee toekenningen van de laatste plek tegelijk: één krijgt hem. "
            "Een `van` die niet meer klopt geeft 409; een niet toegestane overgang 400."
        ),
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van het arrangement."))
        ],
        request=ArrangementStatusInvoerSerializer,
        responses={200: ArrangementSerializer},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        arrangement = get_arrangement_for_user(request.user, pk)
        get_casus_for_user(
            request.user, arrangement.casus_id, request=request, gelezen="API: arrangement status"
        )
        if not mag_arrangement_beheren(request.user):
            raise PermissionDenied(_("Alleen het samenwerkingsverband kent arrangementen toe."))
        invoer = ArrangementStatusInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        velden = invoer.validated_data
        try:
            arrangement = services_arrangement.arrangement_status_wijzigen(
                arrangement=arrangement,
                naar=velden["status"],
                van=velden.get("van"),
                reden=velden.get("reden", ""),
                einddatum=velden.get("einddatum"),
                bevestigd=velden.get("bevestigd", False),
                by=request.user,
            )
        except services_arrangement.VoorzieningVol as vol:
            raise Conflict(vol.messages[0]) from vol
        except DjangoValidationError as exc:
            if not hasattr(exc, "error_dict") and "intussen" in exc.messages[0]:
                raise Conflict(exc.messages[0]) from exc
            raise als_api_fout(exc, invoer) from exc
        return Response(ArrangementSerializer(arrangement).data)


class CasusDocumentSerializer(serializers.ModelSerializer):
    contentType = serializers.CharField(
        source="content_type", help_text=_("Soort bestand, vastgesteld op de inhoud.")
    )  # noqa: N815
    geuploadOp = serializers.DateTimeField(
        source="geupload_op", help_text=_("Wanneer toegevoegd (ISO 8601).")
    )  # noqa: N815
    actueel = serializers.BooleanField(source="is_actueel", help_text=_("Niet vervangen en niet verwijderd."))
    inhoud = serializers.SerializerMethodField(
        help_text=_("Pad om het bestand te downloaden; leeg als het is verwijderd.")
    )

    class Meta:
        model = CasusDocument
        fields = ["id", "soort", "titel", "contentType", "grootte", "geuploadOp", "actueel", "inhoud"]
        extra_kwargs = {
            "soort": {"help_text": _("aanmelding, plan, advies, besluit of overig.")},
            "titel": {"help_text": _("Titel van het document.")},
            "grootte": {"help_text": _("Grootte in bytes.")},
        }

    def get_inhoud(self, document) -> str:
        return f"/api/v1/casusdocumenten/{document.pk}/inhoud" if document.bestand else ""


class DocumentInvoerSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=CasusDocument.Soort.choices, help_text=_("Soort document."))
    titel = serializers.CharField(max_length=200, help_text=_("Titel van het document."))
    bestand = serializers.FileField(
        help_text=_(
            "Het bestand (multipart/form-data); PDF, DOCX, ODT, PNG of JPEG, gecontroleerd op de inhoud."
        )
    )


class CasusDocumentenView(generics.ListAPIView):
    serializer_class = CasusDocumentSerializer
    pagination_class = Pagina
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    required_scopes = None  # people only (module docstring)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CasusDocument.objects.none()
        casus = get_casus_for_user(
            self.request.user, self.kwargs["pk"], request=self.request, gelezen="API: documenten"
        )
        return CasusDocument.objects.visible_to(self.request.user).filter(casus=casus)

    @extend_schema(
        summary=_("Documenten van een casus"),
        description=_(
            "De documenten van de casus (gegevens, geen inhoud), nieuwste eerst, ook eerdere versies en "
            "verwijderde. Het bestand zelf staat achter `inhoud`. 404 als de casus niet zichtbaar is."
        ),
        parameters=[CASUS_ID],
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Document toevoegen"),
        description=_(
            "Uploadt een document (multipart/form-data). Het soort bestand wordt op de inhoud vastgesteld, "
            "niet op de naam: een programma met de naam .pdf geeft 400 met een Nederlandse uitleg, en er wordt "
            "niets opgeslagen. De grootte is begrensd (instelling CASUS_DOCUMENT_MAX_MB)."
        ),
        parameters=[CASUS_ID],
        request={"multipart/form-data": DocumentInvoerSerializer},
        responses={201: CasusDocumentSerializer},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        casus = get_casus_for_user(request.user, pk, request=request, gelezen="API: document toevoegen")
        if not mag_document_toevoegen(request.user):
            raise PermissionDenied(_("U kunt geen documenten toevoegen aan deze casus."))
        invoer = DocumentInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            document = services_document.document_toevoegen(
                casus=casus, by=request.user, **invoer.validated_data
            )
        except DjangoValidationError as exc:
            raise als_api_fout(exc, invoer) from exc
        return Response(CasusDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentInhoudView(APIView):
    required_scopes = None  # people only (module docstring)

    @extend_schema(
        summary=_("Bestand van een document downloaden"),
        description=_(
            "Het bestand als bijlage (Content-Disposition: attachment, X-Content-Type-Options: nosniff), "
            "met het soort dat bij het uploaden op de inhoud is vastgesteld. Elke download wordt in het "
            "auditlog vastgelegd. 404 als de casus niet zichtbaar is of het bestand is verwijderd."
        ),
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van het document."))
        ],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("Het bestand.")
            )
        },
        tags=TAGS,
    )
    def get(self, request, pk: int):
        document = get_document_for_user(request.user, pk)
        if not document.bestand:
            raise Http404
        return document_response(request, document)


urlpatterns: list[URLPattern] = [
    path("casussen/<int:pk>/arrangementen", CasusArrangementenView.as_view(), name="api-casus-arrangementen"),
    path("arrangementen/<int:pk>/status", ArrangementStatusView.as_view(), name="api-arrangement-status"),
    path("casussen/<int:pk>/documenten", CasusDocumentenView.as_view(), name="api-casus-documenten"),
    path("casusdocumenten/<int:pk>/inhoud", DocumentInhoudView.as_view(), name="api-casusdocument-inhoud"),
]


def register(router) -> None:
    """No router routes: explicit paths only (see urlpatterns)."""
