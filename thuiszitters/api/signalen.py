"""API of verzuim, part signalen (issue 12): the signals of the periodic checks for partner systems and people.

- `GET /api/v1/signalen`: the signals the caller sees, open first, by deadline; `?regel=` and `?status=`.
- `GET /api/v1/signalen/{id}`: one signal (404 when missing or not meant for the caller).
- `PATCH /api/v1/signalen/{id}`: `status` gezien, gesloten (with `notitie`) or open (reopen a closed one).

Who: the one visibility rule (`Signaal.objects.visible_to`): people by the kind of their role and their
school or gemeente, a partner system as its organisation would (SWV bureau, school/schoolbestuur,
gemeente/leerplicht), each only the signals meant for its kind. Whoever sees a signal may handle it, as on
the pages. Scopes (decision 56): `verzuim:lezen` to read and `verzuim:schrijven` to change, since the
signals come from the verzuim checks (the absence data); a thuiszitters scope alone does not admit.
Every write goes through thuiszitters.services_signaal; a signal closed meanwhile answers 409.
"""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from partners.api.serializers import OrganisatieKortSerializer
from swv.core.api.exceptions import Conflict
from swv.core.api.filters import StrictFilterSet
from swv.core.api.scopes import Scope
from swv.core.api.serializers import StrictSerializer, als_api_fout
from swv.core.api.viewsets import TenantViewSet, collectie_schema, scopes

from .. import services_signaal
from ..models import Signaal
from ..models.signaal import SignaalStatus
from ..selectors_signaal import VOLGORDE

TAGS = ["verzuim"]


class VerzuimsignaalSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van het signaal."))
    leerlingId = serializers.IntegerField(  # noqa: N815 - JSON field names are camelCase (API Design Rules)
        source="leerling_id",
        read_only=True,
        help_text=_("De leerling (gegevens via /api/v1/leerlingen/{id} met `leerlingen:lezen`)."),
    )
    school = OrganisatieKortSerializer(
        read_only=True, allow_null=True, help_text=_("De school; kan leeg zijn.")
    )
    regel = serializers.CharField(read_only=True, help_text=_("De controle die het signaal gaf."))
    periode = serializers.CharField(read_only=True, help_text=_("De periode waarvoor het geldt."))
    omschrijving = serializers.CharField(read_only=True, help_text=_("Wat er aan de hand is."))
    vervaltOp = serializers.DateField(  # noqa: N815
        source="vervalt_op", read_only=True, allow_null=True, help_text=_("Uiterlijke datum; kan leeg zijn.")
    )
    voorSchool = serializers.BooleanField(source="voor_school", read_only=True)  # noqa: N815
    voorLeerplicht = serializers.BooleanField(source="voor_leerplicht", read_only=True)  # noqa: N815
    voorSwv = serializers.BooleanField(source="voor_swv", read_only=True)  # noqa: N815
    status = serializers.ChoiceField(choices=SignaalStatus.choices, read_only=True, help_text=_("Status."))
    notitie = serializers.CharField(read_only=True, help_text=_("Wat er is gedaan (bij sluiten)."))
    afgehandeldOp = serializers.DateTimeField(  # noqa: N815
        source="afgehandeld_op", read_only=True, allow_null=True, help_text=_("Wanneer gesloten.")
    )
    aangemaaktOp = serializers.DateTimeField(  # noqa: N815
        source="aangemaakt_op", read_only=True, help_text=_("Wanneer de controle het signaal gaf.")
    )


class VerzuimsignaalWijzigSerializer(StrictSerializer):
    # Plain text, not a second enum of the same statuses (one enum per value set in the OpenAPI document).
    status = serializers.CharField(
        max_length=10,
        help_text=_(
            "`gezien` (bekeken), `gesloten` (afgehandeld; `notitie` verplicht) of `open` (een gesloten signaal "
            "heropenen)."
        ),
    )
    notitie = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=services_signaal.NOTITIE_MAX,
        help_text=_("Wat er met het signaal is gedaan; verplicht bij `gesloten`."),
    )

    def validate_status(self, waarde: str) -> str:
        if waarde not in SignaalStatus.values:
            raise serializers.ValidationError(_("Kies gezien, gesloten of open."))
        return waarde


class SignaalFilter(StrictFilterSet):
    regel = django_filters.CharFilter(help_text=_("Alleen de signalen van deze regel (controle)."))
    status = django_filters.ChoiceFilter(
        choices=SignaalStatus.choices, help_text=_("Alleen de signalen met deze status.")
    )

    class Meta:
        model = Signaal
        fields = ["regel", "status"]


@collectie_schema(
    _("signaal"),
    _("signalen"),
    tags=TAGS,
    extra={
        "list": extend_schema(
            summary=_("Lijst van signalen"),
            description=_(
                "De signalen uit de periodieke verzuimcontroles die voor de aanroeper bestemd zijn: een school "
                "die van de eigen school, leerplicht die van de leerlingen in de eigen gemeente, het SWV-bureau "
                "die voor het SWV. Open signalen eerst, dan op uiterste datum. Filter met `regel` en `status`."
            ),
            tags=TAGS,
        ),
        "partial_update": extend_schema(
            summary=_("Signaal afhandelen"),
            description=_(
                "Zet een signaal op `gezien`, sluit het (`gesloten`, met een `notitie` van wat er is gedaan; "
                "zonder notitie 400) of heropen een gesloten signaal (`open`). Is het signaal intussen door "
                "iemand anders gesloten, dan volgt 409 en verandert er niets; met `If-Match` (de ETag van uw "
                "laatste GET) geeft een intussen gewijzigd signaal 412."
            ),
            request=VerzuimsignaalWijzigSerializer,
            responses={200: VerzuimsignaalSerializer},
            tags=TAGS,
        ),
    },
)
class SignaalViewSet(TenantViewSet):
    model = Signaal
    serializer_class = VerzuimsignaalSerializer
    schrijfrecht = "thuiszitters.signalen"
    required_scopes = scopes(lezen=[Scope.VERZUIM_LEZEN], schrijven=[Scope.VERZUIM_SCHRIJVEN])
    # A signal names a pupil (by id): each read is a read of pupil data in the audit log.
    audit_lezen = ("thuiszitters.signaal", "verzuimsignaal", "verzuimsignalen")
    http_method_names = ["get", "patch", "head", "options"]

    filterset_class = SignaalFilter

    def met_relaties(self, queryset):
        return queryset.select_related("school").order_by(VOLGORDE, "vervalt_op", "pk")

    def partial_update(self, request: Request, pk: int) -> Response:
        signaal = self.get_object()
        invoer = self._invoer(VerzuimsignaalWijzigSerializer, request.data)
        status = invoer.validated_data["status"]
        notitie = invoer.validated_data.get("notitie", "")
        try:
            if status == SignaalStatus.GEZIEN:
                services_signaal.signaal_gezien(signaal=signaal, by=request.user)
            elif status == SignaalStatus.GESLOTEN:
                services_signaal.signaal_sluiten(signaal=signaal, by=request.user, notitie=notitie)
            else:
                services_signaal.signaal_heropenen(signaal=signaal, by=request.user)
        except DjangoValidationError as exc:
            codes = {e.code for fouten in getattr(exc, "error_dict", {}).values() for e in fouten}
            if "gewijzigd" in codes:
                raise Conflict(exc.messages[0]) from exc
            raise als_api_fout(exc, invoer) from exc
        return self._uitvoer(signaal)


router = SimpleRouter(trailing_slash=False, use_regex_path=False)
router.register("signalen", SignaalViewSet, basename="api-signaal")
urlpatterns = router.urls
