"""API of the cases app, part capi (issue 10): the plan's actions and the evaluations of a case, for people
and partner systems. Mounted under /api/v1/ by cases/api/urls.py.

- `GET/POST /api/v1/casussen/{id}/acties`: the actions of a case; add one.
- `GET/PATCH /api/v1/acties/{id}`: one action; report its status (ETag / If-Match 412, `van` 409).
- `GET/POST /api/v1/casussen/{id}/evaluaties`: the evaluations of a case; record one.

Who (decision 38): whoever sees the case (`Casus.objects.visible_to`, for a partner system too: it sees what
its organisation would) reads, adds actions and records evaluations, as on the pages; the status of an
existing action is changed by the SWV and the school on any action and by a partner only on an action of
its own organisation (`cases.rules.mag_actie_bijwerken`). Partner systems need `casussen:lezen` to read and
`casussen:acties` to write. Every write goes through `cases.services_plan`.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from partners.api.serializers import OrganisatieKortSerializer
from partners.models import Organisatie, Persoon
from swv.core.api.conditional import ConditionalMixin
from swv.core.api.exceptions import Conflict
from swv.core.api.scopes import Scope
from swv.core.api.serializers import StrictSerializer, als_api_fout

from .. import services_plan
from ..models import Actie, Casus, Evaluatie
from ..rules import mag_actie_bijwerken
from ..selectors import get_casus_for_user

TAGS = ["casussen"]
SCOPES = {
    "GET": [Scope.CASUSSEN_LEZEN],
    "POST": [Scope.CASUSSEN_ACTIES],
    "PATCH": [Scope.CASUSSEN_ACTIES],
}
CASUS_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van de casus."))


# --- serializers --------------------------------------------------------------------------------------


class PersoonKortSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de persoon in de sociale kaart."))
    naam = serializers.CharField(read_only=True, help_text=_("Naam van de persoon."))


class ActieSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de actie."))
    casusId = serializers.IntegerField(  # noqa: N815 - JSON field names are camelCase (API Design Rules)
        source="casus_id", read_only=True, help_text=_("De casus van de actie.")
    )
    planVersie = serializers.IntegerField(  # noqa: N815
        source="plan.versie",
        read_only=True,
        allow_null=True,
        default=None,
        help_text=_("De versie van het plan waarin de actie is afgesproken; leeg zonder plan."),
    )
    omschrijving = serializers.CharField(read_only=True, help_text=_("Wat er afgesproken is."))
    eigenaarOrganisatie = OrganisatieKortSerializer(  # noqa: N815
        source="eigenaar_organisatie",
        read_only=True,
        allow_null=True,
        help_text=_("De organisatie die de actie uitvoert; leeg als een persoon dat doet."),
    )
    eigenaarPersoon = PersoonKortSerializer(  # noqa: N815
        source="eigenaar_persoon",
        read_only=True,
        allow_null=True,
        help_text=_("De persoon die de actie uitvoert; kan leeg zijn."),
    )
    deadline = serializers.DateField(read_only=True, allow_null=True, help_text=_("Uiterlijke datum."))
    status = serializers.ChoiceField(
        choices=Actie.Status.choices, read_only=True, help_text=_("Status van de actie.")
    )
    afgerondOp = serializers.DateField(  # noqa: N815
        source="afgerond_op", read_only=True, allow_null=True, help_text=_("Wanneer afgerond.")
    )
    toelichting = serializers.CharField(read_only=True, help_text=_("Toelichting bij de status."))
    gewijzigdOp = serializers.DateTimeField(  # noqa: N815
        source="gewijzigd_op", read_only=True, help_text=_("Laatste wijziging.")
    )


class ActieInvoerSerializer(StrictSerializer):
    omschrijving = serializers.CharField(help_text=_("Wat er afgesproken is."))
    eigenaarOrganisatie = serializers.PrimaryKeyRelatedField(  # noqa: N815
        source="eigenaar_organisatie",
        queryset=Organisatie.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("Id van de organisatie die de actie uitvoert (of geef `eigenaarPersoon`)."),
    )
    eigenaarPersoon = serializers.PrimaryKeyRelatedField(  # noqa: N815
        source="eigenaar_persoon",
        queryset=Persoon.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("Id van de persoon die de actie uitvoert (of geef `eigenaarOrganisatie`)."),
    )
    deadline = serializers.DateField(required=False, allow_null=True, help_text=_("Uiterlijke datum."))
    toelichting = serializers.CharField(required=False, allow_blank=True, help_text=_("Toelichting."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        swv = self.context.get("swv")
        velden: dict = self.fields  # type: ignore[assignment]
        velden["eigenaarOrganisatie"].queryset = Organisatie.objects.filter(swv=swv)
        velden["eigenaarPersoon"].queryset = Persoon.objects.filter(swv=swv)


class ActieStatusInvoerSerializer(StrictSerializer):
    status = serializers.ChoiceField(
        choices=Actie.Status.choices, required=False, help_text=_("De nieuwe status.")
    )
    toelichting = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Toelichting bij de status (bijvoorbeeld wat er gebeurde)."),
    )
    # Plain text, not a second enum of the same statuses (one enum per field set in the OpenAPI document).
    van = serializers.CharField(
        required=False,
        max_length=16,
        help_text=_(
            "De status die u verwacht (uit uw laatste GET), een van de waarden van `status`. Is die intussen "
            "anders, dan volgt 409 en verandert er niets."
        ),
    )

    def validate_van(self, waarde: str) -> str:
        if waarde not in Actie.Status.values:
            raise serializers.ValidationError(_("Onbekende status."))
        return waarde


class EvaluatieSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de evaluatie."))
    casusId = serializers.IntegerField(  # noqa: N815
        source="casus_id", read_only=True, help_text=_("De casus van de evaluatie.")
    )
    planVersie = serializers.IntegerField(  # noqa: N815
        source="plan.versie",
        read_only=True,
        allow_null=True,
        default=None,
        help_text=_("De vastgestelde versie van het plan die geëvalueerd is; leeg zonder plan."),
    )
    datum = serializers.DateField(read_only=True, help_text=_("Datum van de evaluatie."))
    metOuders = serializers.BooleanField(  # noqa: N815
        source="met_ouders", read_only=True, help_text=_("Met de ouders besproken.")
    )
    conclusie = serializers.ChoiceField(
        choices=Evaluatie.Conclusie.choices, read_only=True, help_text=_("Conclusie.")
    )
    verslag = serializers.CharField(read_only=True, help_text=_("Verslag."))
    vervolg = serializers.CharField(read_only=True, help_text=_("Afspraken voor het vervolg."))
    vastgelegdDoor = serializers.SerializerMethodField(  # noqa: N815
        help_text=_("Naam van wie het vastlegde; leeg als een partnersysteem het deed.")
    )
    apiClient = serializers.CharField(  # noqa: N815
        source="api_client.naam",
        read_only=True,
        default=None,
        allow_null=True,
        help_text=_("Het partnersysteem dat het vastlegde, als een partnersysteem het deed."),
    )
    aangemaaktOp = serializers.DateTimeField(  # noqa: N815
        source="aangemaakt_op", read_only=True, help_text=_("Wanneer vastgelegd.")
    )

    def get_vastgelegdDoor(self, evaluatie) -> str | None:  # noqa: N802
        door = evaluatie.vastgelegd_door
        return (door.get_full_name() or door.get_username()) if door else None


class EvaluatieInvoerSerializer(StrictSerializer):
    datum = serializers.DateField(help_text=_("Datum van de evaluatie; niet in de toekomst."))
    metOuders = serializers.BooleanField(  # noqa: N815
        source="met_ouders", required=False, default=True, help_text=_("Met de ouders besproken.")
    )
    conclusie = serializers.ChoiceField(choices=Evaluatie.Conclusie.choices, help_text=_("Conclusie."))
    verslag = serializers.CharField(help_text=_("Verslag."))
    vervolg = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Afspraken voor het vervolg.")
    )


# --- views --------------------------------------------------------------------------------------------


def _schrijf(schrijf, invoer):
    """Run a service; its Django ValidationError becomes a 400 (code "gewijzigd": 409)."""
    try:
        return schrijf()
    except DjangoValidationError as exc:
        codes = {e.code for fouten in getattr(exc, "error_dict", {}).values() for e in fouten}
        if "gewijzigd" in codes:
            raise Conflict(exc.messages[0]) from exc
        raise als_api_fout(exc, invoer) from exc


class _CasusDeel(generics.GenericAPIView):
    """The rows of one case; 404 when the case does not exist or is not visible to the caller."""

    pagination_class = None  # a case has a handful of actions and evaluations
    required_scopes = SCOPES
    reden = ""

    def casus(self) -> Casus:
        if not hasattr(self, "_casus"):
            self._casus = get_casus_for_user(
                self.request.user,
                self.kwargs["pk"],
                request=self.request,
                reason=self.reden,
                gelezen=self.reden if self.request.method == "GET" else "",
            )
        return self._casus

    def _invoer(self, serializer_class, data, **kwargs):
        uitvoer: Any = self.serializer_class
        context = {"swv": self.casus().swv, "alleen_lezen": set(uitvoer._declared_fields)}
        invoer = serializer_class(data=data, context=context, **kwargs)
        invoer.is_valid(raise_exception=True)
        return invoer


class CasusActiesView(_CasusDeel):
    serializer_class = ActieSerializer
    reden = "API: acties"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Actie.objects.none()
        casus = self.casus()
        return Actie.objects.filter(swv_id=casus.swv_id, casus=casus).select_related(
            "plan", "eigenaar_organisatie", "eigenaar_persoon"
        )

    @extend_schema(
        summary=_("Acties van een casus"),
        description=_(
            "De afspraken en acties van het plan, met eigenaar, deadline en status. Geeft 404 als de casus "
            "niet bestaat of niet zichtbaar is, bijvoorbeeld voor een ketenpartner zonder geldige toestemming."
        ),
        parameters=[CASUS_ID],
        tags=TAGS,
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    @extend_schema(
        summary=_("Actie toevoegen"),
        description=_(
            "Voegt een actie toe aan de huidige versie van het plan. Iedereen die de casus ziet mag dat, ook "
            "een ketenpartner in het ondersteuningsteam (met toestemming) en een partnersysteem met "
            "`casussen:acties`. Kies een eigenaar: een organisatie of een persoon uit de sociale kaart."
        ),
        parameters=[CASUS_ID],
        request=ActieInvoerSerializer,
        responses={201: ActieSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        casus = self.casus()
        invoer = self._invoer(ActieInvoerSerializer, request.data)
        actie = _schrijf(
            lambda: services_plan.actie_toevoegen(casus=casus, by=request.user, **invoer.validated_data),
            invoer,
        )
        actie = self.get_queryset().get(pk=actie.pk)
        return Response(ActieSerializer(actie).data, status=status.HTTP_201_CREATED)


class ActieView(ConditionalMixin, generics.GenericAPIView):
    """One action; its ETag, and PATCH of its status with If-Match (412) or `van` (409)."""

    serializer_class = ActieSerializer
    required_scopes = SCOPES
    detail = True  # ConditionalMixin: an ETag on every answer about this one object

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Actie.objects.none()
        # The case rule decides, through the one access helper (404 for missing and invisible alike).
        casus_id = Actie.objects.filter(pk=self.kwargs["pk"]).values_list("casus_id", flat=True).first()
        if casus_id is None:
            return Actie.objects.none()
        casus = get_casus_for_user(
            self.request.user,
            casus_id,
            request=self.request,
            reason="API: actie",
            gelezen="API: actie" if self.request.method == "GET" else "",
        )
        return Actie.objects.filter(swv_id=casus.swv_id, casus=casus).select_related(
            "casus", "plan", "eigenaar_organisatie", "eigenaar_persoon"
        )

    @extend_schema(
        summary=_("Eén actie"),
        description=_(
            "Geeft 404 als de actie niet bestaat of de casus niet zichtbaar is. Het antwoord heeft een `ETag` "
            "voor `If-Match` bij het bijwerken."
        ),
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van de actie."))],
        tags=TAGS,
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary=_("Status van een actie bijwerken"),
        description=_(
            "Meldt de voortgang: `status` (open, bezig, afgerond, vervallen) en een `toelichting`. Het SWV "
            "en de school mogen dat bij elke actie van de casus, een ketenpartner (persoon of partnersysteem) "
            "alleen bij een actie van de eigen organisatie (anders 403). Met `If-Match` (de ETag van uw "
            "laatste GET) geeft een intussen gewijzigde actie 412; met `van` (de status die u verwacht) 409. "
            "In beide gevallen verandert er niets."
        ),
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van de actie."))],
        request=ActieStatusInvoerSerializer,
        responses={200: ActieSerializer},
        tags=TAGS,
    )
    def patch(self, request: Request, *args, **kwargs) -> Response:
        actie = self.get_object()
        if not mag_actie_bijwerken(request.user, actie):
            raise PermissionDenied(_("U mag alleen de status bijwerken van acties van uw eigen organisatie."))
        invoer = ActieStatusInvoerSerializer(
            data=request.data, context={"alleen_lezen": set(ActieSerializer._declared_fields) - {"status"}}
        )
        invoer.is_valid(raise_exception=True)
        velden = dict(invoer.validated_data)
        van = velden.pop("van", None)
        _schrijf(
            lambda: services_plan.actie_bijwerken(actie=actie, by=request.user, van=van, **velden), invoer
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=actie.pk)).data)


class CasusEvaluatiesView(_CasusDeel):
    serializer_class = EvaluatieSerializer
    reden = "API: evaluaties"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Evaluatie.objects.none()
        casus = self.casus()
        return Evaluatie.objects.filter(swv_id=casus.swv_id, casus=casus).select_related(
            "plan", "vastgelegd_door", "api_client"
        )

    @extend_schema(
        summary=_("Evaluaties van een casus"),
        description=_(
            "De evaluaties van het plan, nieuwste eerst. Geeft 404 als de casus niet bestaat of niet "
            "zichtbaar is."
        ),
        parameters=[CASUS_ID],
        tags=TAGS,
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    @extend_schema(
        summary=_("Evaluatie vastleggen"),
        description=_(
            "Legt een evaluatie van het vastgestelde plan vast (met de ouders: de jaarlijkse evaluatie, "
            "WPO 40a). Iedereen die de casus ziet mag dat, ook een ketenpartner in het ondersteuningsteam "
            "(met toestemming) en een partnersysteem met `casussen:acties`; een partnersysteem staat als "
            "`apiClient` in het antwoord. Een datum in de toekomst geeft 400."
        ),
        parameters=[CASUS_ID],
        request=EvaluatieInvoerSerializer,
        responses={201: EvaluatieSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        casus = self.casus()
        invoer = self._invoer(EvaluatieInvoerSerializer, request.data)
        evaluatie = _schrijf(
            lambda: services_plan.evaluatie_vastleggen(casus=casus, by=request.user, **invoer.validated_data),
            invoer,
        )
        evaluatie = self.get_queryset().get(pk=evaluatie.pk)
        return Response(EvaluatieSerializer(evaluatie).data, status=status.HTTP_201_CREATED)


urlpatterns: list[URLPattern | URLResolver] = [
    path("casussen/<int:pk>/acties", CasusActiesView.as_view(), name="api-casus-acties"),
    path("casussen/<int:pk>/evaluaties", CasusEvaluatiesView.as_view(), name="api-casus-evaluaties"),
    path("acties/<int:pk>", ActieView.as_view(), name="api-actie"),
]
