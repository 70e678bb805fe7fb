from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from stdnum.nl import bsn, onderwijsnummer

from swv.core.acting import actieve_lidmaatschappen


class LidmaatschapSerializer(serializers.Serializer):
    swv = serializers.CharField(source="swv.code", help_text=_("Code van het samenwerkingsverband."))
    organisatie = serializers.CharField(source="organisatie.naam", help_text=_("Naam van de organisatie."))
    rol = serializers.CharField(help_text=_("Rol binnen de organisatie."))


class IkSerializer(serializers.Serializer):
    gebruikersnaam = serializers.CharField(help_text=_("Gebruikersnaam van de ingelogde gebruiker."))
    lidmaatschappen = LidmaatschapSerializer(many=True)


class IkView(APIView):
    """Wie ben ik: de ingelogde gebruiker en de organisaties waarvoor hij optreedt."""

    @extend_schema(
        summary=_("Huidige gebruiker"),
        description=_("Geeft de ingelogde gebruiker en zijn actieve lidmaatschappen."),
        responses=IkSerializer,
        tags=["algemeen"],
    )
    def get(self, request: Request) -> Response:
        data = {
            "gebruikersnaam": request.user.get_username(),
            "lidmaatschappen": actieve_lidmaatschappen(request.user),
        }
        return Response(IkSerializer(data).data)


class IdentificatieInputSerializer(serializers.Serializer):
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
