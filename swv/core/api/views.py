from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from stdnum.nl import bsn, onderwijsnummer

from swv.core.acting import actieve_lidmaatschappen

from .authentication import is_api_client
from .scopes import Scope
from .serializers import StrictSerializer


class LidmaatschapSerializer(serializers.Serializer):
    swv = serializers.CharField(source="swv.code", help_text=_("Code van het samenwerkingsverband."))
    organisatie = serializers.CharField(source="organisatie.naam", help_text=_("Naam van de organisatie."))
    rol = serializers.CharField(help_text=_("Rol binnen de organisatie."))


class ApiClientIkSerializer(serializers.Serializer):
    naam = serializers.CharField(help_text=_("Naam van de API-client (het partnersysteem)."))
    organisatie = serializers.CharField(
        source="organisatie.naam", help_text=_("Organisatie namens wie de client optreedt.")
    )
    swv = serializers.CharField(source="swv.code", help_text=_("Code van het samenwerkingsverband."))
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=Scope.choices), help_text=_("Wat de client mag.")
    )
    verlooptOp = serializers.DateTimeField(  # noqa: N815 - JSON field names are camelCase (API Design Rules)
        source="verloopt_op", allow_null=True, help_text=_("Wanneer het token verloopt; leeg: nooit.")
    )


class IkSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(
        choices=[("gebruiker", _("gebruiker")), ("apiClient", _("API-client"))],
        help_text=_("Een ingelogde gebruiker of een partnersysteem (API-client)."),
    )
    gebruikersnaam = serializers.CharField(
        allow_null=True, help_text=_("Gebruikersnaam van de ingelogde gebruiker; leeg voor een API-client.")
    )
    lidmaatschappen = LidmaatschapSerializer(many=True, help_text=_("Leeg voor een API-client."))
    apiClient = ApiClientIkSerializer(  # noqa: N815 - JSON field names are camelCase (API Design Rules)
        allow_null=True, help_text=_("De API-client, alleen als een partnersysteem vraagt.")
    )


class IkView(APIView):
    """Wie ben ik: de ingelogde gebruiker en zijn organisaties, of het partnersysteem en zijn scopes."""

    required_scopes = ()  # every API client may ask who it is

    @extend_schema(
        summary=_("Huidige gebruiker of API-client"),
        description=_(
            "Geeft de ingelogde gebruiker en zijn actieve lidmaatschappen, of voor een partnersysteem "
            "de API-client met zijn organisatie, SWV en scopes."
        ),
        responses=IkSerializer,
        tags=["algemeen"],
    )
    def get(self, request: Request) -> Response:
        data: dict[str, object]
        if is_api_client(request.user):
            data = {
                "soort": "apiClient",
                "gebruikersnaam": None,
                "lidmaatschappen": [],
                "apiClient": request.auth,
            }
        else:
            data = {
                "soort": "gebruiker",
                "gebruikersnaam": request.user.get_username(),
                "lidmaatschappen": actieve_lidmaatschappen(request.user),
                "apiClient": None,
            }
        return Response(IkSerializer(data).data)


class IdentificatieInputSerializer(StrictSerializer):
    nummer = serializers.RegexField(
        r"^[0-9]{9}$",
        help_text=_("Een BSN of onderwijsnummer: precies negen cijfers, voorloopnullen meetellen."),
        error_messages={"invalid": _("Geef precies negen cijfers op.")},
    )


class IdentificatieOutputSerializer(serializers.Serializer):
    geldig = serializers.BooleanField(help_text=_("Of het nummer de elfproef doorstaat."))
    soort = serializers.ChoiceField(
        choices=["bsn", "onderwijsnummer"],
        allow_null=True,
        help_text=_("Het soort nummer, of leeg als het nummer ongeldig is."),
    )


class IdentificatieControleView(APIView):
    """Controle van een BSN of onderwijsnummer vóór het insturen van gegevens.

    Per POST, zodat het nummer nooit in een URL of een toegangslog staat (API Design Rules API-58).
    """

    required_scopes = ()  # a check only; any API client may use it

    @extend_schema(
        summary=_("Controleer een BSN of onderwijsnummer"),
        description=_(
            "Controleert met de elfproef of een nummer een geldig BSN of onderwijsnummer is. "
            "Het nummer wordt niet opgeslagen en niet gelogd."
        ),
        request=IdentificatieInputSerializer,
        responses=IdentificatieOutputSerializer,
        tags=["algemeen"],
    )
    def post(self, request: Request) -> Response:
        serializer = IdentificatieInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nummer = serializer.validated_data["nummer"]
        # An onderwijsnummer starts with 10 and uses its own check (mod 11 == 5), so test it first.
        if onderwijsnummer.is_valid(nummer):
            soort = "onderwijsnummer"
        elif bsn.is_valid(nummer):
            soort = "bsn"
        else:
            soort = None
        return Response(IdentificatieOutputSerializer({"geldig": soort is not None, "soort": soort}).data)
