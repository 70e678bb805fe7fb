"""API of the cases app, part: betrokkenheid (issue 11).

`POST /api/v1/betrokkenheden` records involvement (the BSN in the body, never in a URL), `GET` lists the
own organisation's, `POST .../{id}/verlengen` and `.../{id}/beeindigen` renew and end one. People only for
now: a partner system (API client) has no scope for it yet and gets 403 (docs/access.md).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from partners.api.serializers import OrganisatieKortSerializer
from swv.core.api.pagination import CursorPagination
from swv.core.api.serializers import StrictSerializer, als_api_fout

from .. import services_betrokkenheid as services
from ..models import Betrokkenheid, Betrokkenheidssignaal
from ..selectors_betrokkenheid import get_betrokkenheid_for_user, mijn_betrokkenheden

TAGS = ["betrokkenheid"]


class SignaalSerializer(serializers.ModelSerializer):
    organisatie = OrganisatieKortSerializer(
        source="andere.organisatie", help_text=_("De andere organisatie die betrokken is.")
    )
    contactNaam = serializers.CharField(source="andere.contact_naam", help_text=_("Contactpersoon daar."))  # noqa: N815
    contactTelefoon = serializers.CharField(
        source="andere.contact_telefoon", help_text=_("Telefoon; kan leeg zijn.")
    )  # noqa: N815
    contactEmail = serializers.CharField(source="andere.contact_email", help_text=_("E-mail; kan leeg zijn."))  # noqa: N815
    nogBetrokken = serializers.SerializerMethodField(help_text=_("Of die organisatie nog betrokken is."))  # noqa: N815
    aangemaaktOp = serializers.DateTimeField(
        source="aangemaakt_op", help_text=_("Wanneer het signaal ontstond.")
    )  # noqa: N815

    class Meta:
        model = Betrokkenheidssignaal
        fields = [
            "organisatie",
            "contactNaam",
            "contactTelefoon",
            "contactEmail",
            "nogBetrokken",
            "aangemaaktOp",
        ]

    def get_nogBetrokken(self, signaal) -> bool:  # noqa: N802
        return signaal.andere.beeindigd_op is None


class BetrokkenheidSerializer(serializers.ModelSerializer):
    """One involvement of the own organisation: never anything about the pupil (no BSN, no name, no id)."""

    organisatie = OrganisatieKortSerializer(help_text=_("De organisatie die betrokken is."))
    contactNaam = serializers.CharField(source="contact_naam", help_text=_("Contactpersoon."))  # noqa: N815
    contactTelefoon = serializers.CharField(
        source="contact_telefoon", help_text=_("Telefoon; kan leeg zijn.")
    )  # noqa: N815
    contactEmail = serializers.CharField(source="contact_email", help_text=_("E-mail; kan leeg zijn."))  # noqa: N815
    eigenKenmerk = serializers.CharField(
        source="eigen_kenmerk", help_text=_("Uw eigen kenmerk; kan leeg zijn.")
    )  # noqa: N815
    beeindigdOp = serializers.DateTimeField(  # noqa: N815
        source="beeindigd_op", allow_null=True, help_text=_("Wanneer beëindigd of verlopen; leeg als actief.")
    )
    redenEinde = serializers.CharField(source="reden_einde", help_text=_("beeindigd, verlopen, of leeg."))  # noqa: N815
    signalen = SignaalSerializer(
        many=True, help_text=_("Andere organisaties die bij dezelfde leerling betrokken zijn.")
    )

    class Meta:
        model = Betrokkenheid
        fields = [
            "id",
            "organisatie",
            "contactNaam",
            "contactTelefoon",
            "contactEmail",
            "eigenKenmerk",
            "van",
            "tot",
            "beeindigdOp",
            "redenEinde",
            "signalen",
        ]
        extra_kwargs = {
            "van": {"help_text": _("Betrokken vanaf (ISO 8601).")},
            "tot": {"help_text": _("Betrokken tot en met; daarna eindigt de betrokkenheid vanzelf.")},
        }


class BetrokkenheidInvoerSerializer(StrictSerializer):
    bsn = serializers.CharField(
        max_length=20, help_text=_("BSN van de leerling (negen cijfers). Wordt niet bewaard of teruggegeven.")
    )
    contactNaam = serializers.CharField(source="contact_naam", max_length=150, help_text=_("Contactpersoon."))  # noqa: N815
    contactTelefoon = serializers.CharField(  # noqa: N815
        source="contact_telefoon", max_length=40, required=False, allow_blank=True, help_text=_("Telefoon.")
    )
    contactEmail = serializers.EmailField(  # noqa: N815
        source="contact_email", required=False, allow_blank=True, help_text=_("E-mail.")
    )
    eigenKenmerk = serializers.CharField(  # noqa: N815
        source="eigen_kenmerk",
        max_length=40,
        required=False,
        allow_blank=True,
        help_text=_("Uw eigen kenmerk."),
    )
    van = serializers.DateField(required=False, help_text=_("Betrokken vanaf; standaard vandaag."))


class BetrokkenheidPagination(CursorPagination):
    ordering = ("-id",)
    page_size = 50


class BetrokkenhedenView(generics.ListAPIView):
    serializer_class = BetrokkenheidSerializer
    pagination_class = BetrokkenheidPagination
    required_scopes = None  # people only (module docstring)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Betrokkenheid.objects.none()
        if not self.request.user.has_perm("cases.betrokkenheid"):
            raise PermissionDenied
        return mijn_betrokkenheden(self.request.user)

    @extend_schema(
        summary=_("Betrokkenheden van de eigen organisatie"),
        description=_(
            "De betrokkenheden die uw organisatie vastlegde, met de signalen: andere organisaties die bij "
            "dezelfde leerling betrokken zijn, met alleen hun contactgegevens. Niets over de leerling. "
            "Gepagineerd met een cursor. Alleen voor personen."
        ),
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Betrokkenheid vastleggen"),
        description=_(
            "Legt vast dat de organisatie waarvoor u werkt betrokken is bij de leerling met dit BSN (in de "
            "body, nooit in de URL). Is een andere organisatie ook betrokken, dan krijgen beide een signaal "
            "met de contactgegevens van de ander. De betrokkenheid eindigt vanzelf na de ingestelde duur, "
            "tenzij verlengd. 400 bij een ongeldig BSN of als uw organisatie al betrokken is."
        ),
        request=BetrokkenheidInvoerSerializer,
        responses={201: BetrokkenheidSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        if not request.user.has_perm("cases.betrokkenheid"):
            raise PermissionDenied
        invoer = BetrokkenheidInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            rij = services.betrokkenheid_vastleggen(by=request.user, **invoer.validated_data)
        except DjangoValidationError as exc:
            raise als_api_fout(exc, invoer) from exc
        rij = mijn_betrokkenheden(request.user).get(pk=rij.pk)
        return Response(BetrokkenheidSerializer(rij).data, status=status.HTTP_201_CREATED)


class _Actie(APIView):
    required_scopes = None  # people only
    actie: Any = None

    def post(self, request: Request, pk: int) -> Response:
        rij = get_betrokkenheid_for_user(request.user, pk)
        try:
            type(self).actie(betrokkenheid=rij, by=request.user)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"nonFieldErrors": exc.messages}) from exc
        rij = mijn_betrokkenheden(request.user).get(pk=rij.pk)
        return Response(BetrokkenheidSerializer(rij).data)


_ID = [OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Id van de betrokkenheid."))]


class VerlengenView(_Actie):
    actie = services.betrokkenheid_verlengen

    @extend_schema(
        summary=_("Betrokkenheid verlengen"),
        description=_(
            "De betrokkenheid loopt daarna de ingestelde duur vanaf vandaag. 404 voor een betrokkenheid "
            "van een andere organisatie; 400 als ze al beëindigd is."
        ),
        request=None,
        responses={200: BetrokkenheidSerializer},
        parameters=_ID,
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class BeeindigenView(_Actie):
    actie = services.betrokkenheid_beeindigen

    @extend_schema(
        summary=_("Betrokkenheid beëindigen"),
        description=_(
            "Beëindigt de betrokkenheid nu; open signalen erover vervallen, de historie blijft. 404 voor een "
            "betrokkenheid van een andere organisatie; 400 als ze al beëindigd is."
        ),
        request=None,
        responses={200: BetrokkenheidSerializer},
        parameters=_ID,
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


urlpatterns: list[URLPattern] = [
    path("betrokkenheden", BetrokkenhedenView.as_view(), name="api-betrokkenheden"),
    path("betrokkenheden/<int:pk>/verlengen", VerlengenView.as_view(), name="api-betrokkenheid-verlengen"),
    path("betrokkenheden/<int:pk>/beeindigen", BeeindigenView.as_view(), name="api-betrokkenheid-beeindigen"),
]


def register(router) -> None:
    pass
