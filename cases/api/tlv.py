"""API of the cases app, part: TLV (issue 11). Mounted under /api/v1/ by cases/api/urls.py.

- `GET /api/v1/tlvs`, `GET /api/v1/tlvs/{id}`: TLVs within scope. People as on the pages (SWV roles all of
  their SWV, a school its own pupils'); a partner system with `tlvs:lezen`: the SWV bureau's all of the SWV,
  a school's (or schoolbestuur's) those of its schools' cases.
- `POST /api/v1/tlvs/zoeken`: a receiving school checks a pupil's TLV by BSN or onderwijsnummer in the body
  (API-58), in every SWV of the installation; the answer is kind, category, period and validity only.
- `POST /api/v1/tlvs/{id}/adviezen` and `POST /api/v1/tlvs/{id}/besluit`: SWV people as on the pages, or the
  SWV bureau's own system with `tlvs:besluiten`; the besluitdatum may be in the past (a decision on paper).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from partners.models import Organisatie, Persoon
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.api.authentication import is_api_client
from swv.core.api.scopes import Scope
from swv.core.api.serializers import StrictSerializer, als_api_fout
from swv.core.api.viewsets import TenantViewSet, collectie_schema
from swv.core.models import User

from .. import selectors_tlv, services_tlv
from ..models import Tlv, TlvAdvies
from ..models.tlv import Bekostigingscategorie, Discipline
from ..validators import validate_bsn, validate_onderwijsnummer
from .casussen import scholen_van_client

TAGS = ["tlvs"]


class AdviesSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van het advies."))
    discipline = serializers.ChoiceField(
        choices=Discipline.choices, help_text=_("Discipline van de deskundige.")
    )
    datum = serializers.DateField(help_text=_("Datum van het advies."))
    uitkomst = serializers.ChoiceField(
        choices=TlvAdvies.Uitkomst.choices, help_text=_("Positief of negatief.")
    )


class TlvSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de TLV."))
    casusId = serializers.IntegerField(
        source="casus_id", help_text=_("De casus waaruit de TLV is aangevraagd.")
    )  # noqa: N815
    leerlingId = serializers.IntegerField(source="leerling_id", help_text=_("De leerling (id, geen BSN)."))  # noqa: N815
    soort = serializers.ChoiceField(choices=Tlv.Soort.choices, help_text=_("SBaO, SO, VSO, PrO of LWOO."))
    cluster = serializers.IntegerField(allow_null=True, help_text=_("Cluster 3 of 4 (alleen SO en VSO)."))
    bekostigingscategorie = serializers.CharField(
        help_text=_("laag, midden of hoog (alleen SO en VSO); kan leeg zijn.")
    )
    # A CharField: the enum name "status" is taken by the casussen API (drf-spectacular enum collision).
    status = serializers.CharField(help_text=_("aangevraagd, toegekend of afgewezen."))
    besluitdatum = serializers.DateField(allow_null=True, help_text=_("Datum van het besluit."))
    ingangsdatum = serializers.DateField(allow_null=True, help_text=_("Eerste dag van de geldigheid."))
    einddatum = serializers.DateField(allow_null=True, help_text=_("Laatste dag: altijd 31 juli."))
    beschikkingsnummer = serializers.CharField(
        help_text=_("<SWV-code>-<jaar>-<5 cijfers>; leeg tot het besluit.")
    )
    adviezen = AdviesSerializer(
        many=True, read_only=True, help_text=_("De deskundigenadviezen (zonder tekst).")
    )


class TlvControleSerializer(serializers.Serializer):
    soort = serializers.CharField(help_text=_("Soort TLV."))
    bekostigingscategorie = serializers.CharField(help_text=_("Categorie; leeg waar die niet geldt."))
    ingangsdatum = serializers.DateField(help_text=_("Eerste dag van de geldigheid."))
    einddatum = serializers.DateField(help_text=_("Laatste dag (31 juli)."))
    geldig = serializers.BooleanField(help_text=_("Vandaag geldig (anders gaat de TLV later in)."))


class TlvZoekenSerializer(StrictSerializer):
    bsn = serializers.CharField(
        required=False, validators=[validate_bsn], help_text=_("Burgerservicenummer.")
    )
    onderwijsnummer = serializers.CharField(
        required=False, validators=[validate_onderwijsnummer], help_text=_("Onderwijsnummer (begint met 10).")
    )

    def validate(self, attrs):
        if len(attrs) != 1:
            raise serializers.ValidationError(_("Geef precies één van bsn of onderwijsnummer op."))
        return attrs


class AdviesInvoerSerializer(StrictSerializer):
    discipline = serializers.ChoiceField(
        choices=Discipline.choices, help_text=_("Discipline van de deskundige.")
    )
    datum = serializers.DateField(help_text=_("Datum van het advies (niet in de toekomst)."))
    uitkomst = serializers.ChoiceField(
        choices=TlvAdvies.Uitkomst.choices, help_text=_("positief of negatief.")
    )
    advies = serializers.CharField(help_text=_("Het advies."))
    deskundigeGebruiker = serializers.PrimaryKeyRelatedField(  # noqa: N815
        source="deskundige_gebruiker",
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Id van een gebruiker met de rol SWV-deskundige in dit SWV."),
    )
    deskundigePersoon = serializers.PrimaryKeyRelatedField(  # noqa: N815
        source="deskundige_persoon",
        queryset=Persoon.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Of: id van een persoon uit het register van dit SWV."),
    )


class BesluitInvoerSerializer(StrictSerializer):
    toekennen = serializers.BooleanField(help_text=_("true: toekennen, false: afwijzen."))
    motivering = serializers.CharField(help_text=_("De motivering van het besluit."))
    besluitdatum = serializers.DateField(
        required=False, help_text=_("Leeg: vandaag. Mag in het verleden liggen (een besluit op papier).")
    )
    ingangsdatum = serializers.DateField(required=False, help_text=_("Leeg: de besluitdatum; niet ervoor."))
    schooljaren = serializers.IntegerField(
        required=False, default=1, help_text=_("Aantal volledige schooljaren (ten minste 1).")
    )
    bekostigingscategorie = serializers.ChoiceField(
        choices=Bekostigingscategorie.choices,
        required=False,
        help_text=_("Bij SO en VSO: laag, midden of hoog."),
    )


def _client_queryset(user):
    client = user.api_client
    # Reading, or recording advices and decisions (which answers the TLV): either scope shows the TLVs.
    if not {Scope.TLVS_LEZEN, Scope.TLVS_BESLUITEN} & set(client.scopes):
        return Tlv.objects.none()
    qs = Tlv.objects.filter(swv_id=client.swv_id)
    if client.organisatie.soort == "swv":
        return qs
    scholen = Organisatie.objects.filter(scholen_van_client(client)).values("pk")
    return qs.filter(casus__school_id__in=scholen)


@collectie_schema(
    _("TLV"),
    _("TLV's"),
    tags=TAGS,
    list=_(
        "TLV's die u mag zien: het SWV alle van het SWV, een school die van de eigen leerlingen. Een koppeling "
        "(client met `tlvs:lezen`) van het SWV-bureau ziet alle, die van een school of schoolbestuur die van de "
        "eigen scholen. Ketenpartners en leerplicht zien geen TLV's. De adviezen staan er zonder tekst in."
    ),
)
class TlvViewSet(TenantViewSet):
    model = Tlv
    serializer_class = TlvSerializer
    schrijfrecht = "cases.tlv"
    required_scopes = {
        "list": [Scope.TLVS_LEZEN],
        "retrieve": [Scope.TLVS_LEZEN],
        "zoeken": [Scope.TLVS_LEZEN],
        "adviezen": [Scope.TLVS_BESLUITEN],
        "besluit": [Scope.TLVS_BESLUITEN],
    }
    audit_lezen = ("cases.tlv", "TLV", "TLV's")
    etag_acties = frozenset({"retrieve", "besluit"})

    def get_queryset(self):
        user = self.request.user
        qs = _client_queryset(user) if is_api_client(user) else Tlv.objects.visible_to(user)
        return qs.prefetch_related("adviezen").order_by("-pk")

    @extend_schema(
        summary=_("TLV van een leerling controleren"),
        description=_(
            "Voor een ontvangende school, ook van een ander SWV: de TLV's van de leerling met dit BSN of "
            "onderwijsnummer die nu gelden of later ingaan, in elk SWV van deze installatie. Alleen soort, "
            "categorie, periode en geldigheid; geen naam, casus, SWV of beschikkingsnummer. Het nummer staat "
            "in de body (API-58) en niet in het auditlog. Een onbekend nummer geeft een lege lijst."
        ),
        request=TlvZoekenSerializer,
        responses={200: TlvControleSerializer(many=True)},
        tags=TAGS,
    )
    def zoeken(self, request: Request) -> Response:
        user = request.user
        if not is_api_client(user) and not selectors_tlv.mag_controleren(user):
            raise PermissionDenied(_("Alleen een school of het SWV controleert een TLV."))
        invoer = self._invoer(TlvZoekenSerializer, request.data)
        nummer = next(iter(invoer.validated_data.values()))
        resultaat, leerlingen = selectors_tlv.tlv_controleren(nummer)
        for leerling in leerlingen or [None]:  # type: ignore[list-item]
            audit_log(
                request=request,
                action=AuditEvent.Action.READ,
                object_type="cases.tlv",
                object_id="controle",
                leerling=leerling,
                result=AuditEvent.Result.OK if leerling else AuditEvent.Result.NOT_FOUND,
                reason=f"API: TLV controleren: {len(resultaat)} TLV('s)",
            )
        return Response(
            TlvControleSerializer(
                [
                    {
                        "soort": r.soort,
                        "bekostigingscategorie": r.bekostigingscategorie,
                        "ingangsdatum": r.ingangsdatum,
                        "einddatum": r.einddatum,
                        "geldig": r.geldig,
                    }
                    for r in resultaat
                ],
                many=True,
            ).data
        )

    @extend_schema(
        summary=_("Deskundigenadvies vastleggen"),
        description=_(
            "Legt een advies vast bij een open aanvraag (SWV-rollen, of het systeem van het SWV-bureau met "
            "`tlvs:besluiten`). Een SWV-deskundige zonder `deskundigeGebruiker` legt het eigen advies vast."
        ),
        request=AdviesInvoerSerializer,
        responses={201: TlvSerializer},
        tags=TAGS,
    )
    def adviezen(self, request: Request, pk: int) -> Response:
        tlv = self.get_object()
        if not services_tlv.mag_advies_vastleggen(request.user, tlv):
            raise PermissionDenied(_("Alleen het samenwerkingsverband legt deskundigenadviezen vast."))
        invoer = self._invoer(AdviesInvoerSerializer, request.data)
        try:
            services_tlv.advies_vastleggen(tlv=tlv, by=request.user, **invoer.validated_data)
        except DjangoValidationError as exc:
            raise als_api_fout(exc, invoer) from exc
        return self._uitvoer(tlv, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Besluiten over een TLV"),
        description=_(
            "De coördinator (of het systeem van het SWV-bureau met `tlvs:besluiten`) kent toe of wijst af. "
            "Zonder de twee vereiste adviezen volgt 400 met de reden. De einddatum is altijd 31 juli; midden "
            "in een schooljaar komt de rest van dat jaar erbij. Een aanvraag waarover intussen is besloten: 409."
        ),
        request=BesluitInvoerSerializer,
        responses={200: TlvSerializer, 409: OpenApiResponse(description=_("Er is al besloten."))},
        tags=TAGS,
    )
    def besluit(self, request: Request, pk: int) -> Response:
        from swv.core.api.exceptions import Conflict

        tlv = self.get_object()
        if not services_tlv.mag_besluiten(request.user, tlv):
            raise PermissionDenied(
                _("Alleen de coördinator van het samenwerkingsverband besluit over een TLV.")
            )
        invoer = self._invoer(BesluitInvoerSerializer, request.data)
        try:
            tlv = services_tlv.tlv_besluiten(tlv=tlv, by=request.user, **invoer.validated_data)
        except DjangoValidationError as exc:
            if "status" in getattr(exc, "error_dict", {}):
                raise Conflict(exc.messages[0]) from exc
            raise als_api_fout(exc, invoer) from exc
        return self._uitvoer(tlv)


urlpatterns: list[URLPattern] = [
    path("tlvs", TlvViewSet.as_view({"get": "list"}), name="api-tlv-list"),
    path("tlvs/zoeken", TlvViewSet.as_view({"post": "zoeken"}), name="api-tlv-zoeken"),
    # detail=True: write rights are decided on the object, after its 404 (swv.core.api.viewsets.MagSchrijven).
    path("tlvs/<int:pk>", TlvViewSet.as_view({"get": "retrieve"}, detail=True), name="api-tlv-detail"),
    path(
        "tlvs/<int:pk>/adviezen",
        TlvViewSet.as_view({"post": "adviezen"}, detail=True),
        name="api-tlv-adviezen",
    ),
    path(
        "tlvs/<int:pk>/besluit", TlvViewSet.as_view({"post": "besluit"}, detail=True), name="api-tlv-besluit"
    ),
]


def register(router) -> None:
    # Explicit routes above (the actions have their own names in the access matrix).
    pass
