"""API of the cases app, part: casussen (issue 10). `register(router)` adds this part's viewsets; `urlpatterns`
holds its other routes. Mounted under /api/v1/ by cases/api/urls.py.

- `POST /api/v1/aanmeldingen`: a school administration system (API client with `casussen:indienen`) or a
  school person submits an aanmelding; idempotent on the client's `clientReferentie`.
- `GET /api/v1/casussen`, `GET /api/v1/casussen/{id}`, `POST /api/v1/casussen/{id}/status`.

People read what `Casus.objects.visible_to` gives them (the pages' rule). A partner system has no role: it
reads (`casussen:lezen`) and submits (`casussen:indienen`) only for the schools of its own organisation (the
school itself, or the schools of a schoolbestuur), never another school's case.
"""

from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from partners.models import Organisatie
from swv.core.acting import lidmaatschap_van
from swv.core.api.authentication import is_api_client
from swv.core.api.exceptions import Conflict
from swv.core.api.filters import StrictFilterSet
from swv.core.api.permissions import HasScope
from swv.core.api.scopes import Scope
from swv.core.api.serializers import StrictSerializer, als_api_fout
from swv.core.api.viewsets import TenantViewSet, collectie_schema
from swv.core.models import SCHOOL_ROLLEN
from swv.core.tenancy import acting_swv

from .. import services_casus as services
from ..models import Casus
from ..querysets import scholen_van_client
from ..selectors_casus import zoek_casussen
from ..validators import normaliseer_nummer, validate_bsn, validate_onderwijsnummer
from ..workflow import Status

TAGS = ["casussen"]


# --- serializers --------------------------------------------------------------------------------------


class CasusSchoolSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de organisatie."))
    naam = serializers.CharField(read_only=True, help_text=_("Naam van de organisatie."))


class CasusLeerlingSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de leerling."))
    voornaam = serializers.CharField(read_only=True, help_text=_("Voornaam."))
    achternaam = serializers.CharField(read_only=True, help_text=_("Achternaam."))
    geboortedatum = serializers.DateField(read_only=True, help_text=_("Geboortedatum."))


class CasusSerializer(StrictSerializer):
    """A case as the API shows it. No BSN: a case is found by its id; a pupil by BSN only through POST."""

    id = serializers.IntegerField(read_only=True, help_text=_("Id van de casus."))
    status = serializers.ChoiceField(
        choices=Status.choices, read_only=True, help_text=_("Status in de workflow.")
    )
    school = CasusSchoolSerializer(read_only=True, help_text=_("De school die aanmeldt."))
    leerling = CasusLeerlingSerializer(read_only=True, help_text=_("De leerling."))
    casusregisseur = serializers.SerializerMethodField(help_text=_("Naam van de casusregisseur, of null."))
    vraagstelling = serializers.CharField(read_only=True, help_text=_("De vraag van de school."))
    ondersteuningsbehoefte = serializers.CharField(read_only=True, help_text=_("Ondersteuningsbehoefte."))
    bevorderendeFactoren = serializers.CharField(
        source="bevorderende_factoren", read_only=True, help_text=_("Bevorderende factoren.")
    )
    belemmerendeFactoren = serializers.CharField(
        source="belemmerende_factoren", read_only=True, help_text=_("Belemmerende factoren.")
    )
    alGedaan = serializers.CharField(
        source="al_gedaan", read_only=True, help_text=_("Wat de school al deed.")
    )
    resultaatAlGedaan = serializers.CharField(
        source="resultaat_al_gedaan", read_only=True, help_text=_("Met welk resultaat.")
    )
    visieOuders = serializers.CharField(
        source="visie_ouders", read_only=True, help_text=_("De visie van de ouders.")
    )
    oudersGeinformeerd = serializers.BooleanField(
        source="ouders_geinformeerd",
        read_only=True,
        allow_null=True,
        help_text=_("De ouders zijn geïnformeerd."),
    )
    clientReferentie = serializers.CharField(
        source="client_referentie",
        read_only=True,
        help_text=_("Referentie van het bronsysteem; kan leeg zijn."),
    )
    aangemeldOp = serializers.DateTimeField(
        source="aangemeld_op", read_only=True, allow_null=True, help_text=_("Moment van aanmelden.")
    )
    afgeslotenOp = serializers.DateTimeField(
        source="afgesloten_op",
        read_only=True,
        allow_null=True,
        help_text=_("Moment van afsluiten of intrekken."),
    )

    def get_casusregisseur(self, casus) -> str | None:
        r = casus.casusregisseur
        return (r.get_full_name() or r.get_username()) if r else None


class LeerlingInvoer(StrictSerializer):
    bsn = serializers.CharField(
        required=False, allow_blank=True, max_length=20, help_text=_("BSN (9 cijfers).")
    )
    onderwijsnummer = serializers.CharField(
        required=False, allow_blank=True, max_length=20, help_text=_("Onderwijsnummer, als er geen BSN is.")
    )
    voornaam = serializers.CharField(max_length=100, help_text=_("Voornaam."))
    achternaam = serializers.CharField(max_length=150, help_text=_("Achternaam."))
    geboortedatum = serializers.DateField(help_text=_("Geboortedatum (ISO 8601)."))
    woongemeente = serializers.PrimaryKeyRelatedField(
        queryset=Organisatie.objects.none(), help_text=_("Id van de woongemeente.")
    )
    ingeschrevenOp = serializers.DateField(
        source="ingeschreven_op",
        required=False,
        allow_null=True,
        help_text=_(
            "Sinds wanneer de leerling op de school staat ingeschreven; alleen gebruikt voor een leerling die "
            "het SWV nog niet kent (standaard vandaag)."
        ),
    )

    def validate(self, attrs):
        for naam, controle in (("bsn", validate_bsn), ("onderwijsnummer", validate_onderwijsnummer)):
            waarde = normaliseer_nummer(attrs.get(naam) or "")
            if waarde:
                try:
                    controle(waarde)
                except DjangoValidationError as exc:
                    raise serializers.ValidationError({naam: exc.messages}) from exc
            attrs[naam] = waarde or None
        if not attrs["bsn"] and not attrs["onderwijsnummer"]:
            raise serializers.ValidationError({"bsn": [_("Vul een BSN of een onderwijsnummer in.")]})
        return attrs


class AanmeldingInvoerSerializer(StrictSerializer):
    clientReferentie = serializers.CharField(
        source="client_referentie",
        max_length=100,
        required=False,
        help_text=_(
            "Uw eigen kenmerk van deze aanmelding (verplicht voor een koppeling). Dezelfde referentie nogmaals "
            "geeft de bestaande casus terug (200) in plaats van een tweede."
        ),
    )
    school = serializers.PrimaryKeyRelatedField(
        queryset=Organisatie.objects.none(),
        required=False,
        help_text=_(
            "Id van de school; standaard de organisatie van de client of de school van de gebruiker."
        ),
    )
    leerling = LeerlingInvoer(help_text=_("Wie de leerling is; een bekende leerling wordt hergebruikt."))
    vraagstelling = serializers.CharField(
        required=False, allow_blank=True, help_text=_("De vraag van de school.")
    )
    ondersteuningsbehoefte = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Ondersteuningsbehoefte.")
    )
    bevorderendeFactoren = serializers.CharField(
        source="bevorderende_factoren",
        required=False,
        allow_blank=True,
        help_text=_("Bevorderende factoren."),
    )
    belemmerendeFactoren = serializers.CharField(
        source="belemmerende_factoren",
        required=False,
        allow_blank=True,
        help_text=_("Belemmerende factoren."),
    )
    alGedaan = serializers.CharField(
        source="al_gedaan", required=False, allow_blank=True, help_text=_("Wat de school al deed.")
    )
    resultaatAlGedaan = serializers.CharField(
        source="resultaat_al_gedaan", required=False, allow_blank=True, help_text=_("Met welk resultaat.")
    )
    visieOuders = serializers.CharField(
        source="visie_ouders", required=False, allow_blank=True, help_text=_("De visie van de ouders.")
    )
    oudersGeinformeerd = serializers.BooleanField(
        source="ouders_geinformeerd",
        required=False,
        help_text=_("De ouders zijn geïnformeerd; nodig om in te dienen."),
    )
    oudersGeinformeerdOp = serializers.DateField(
        source="ouders_geinformeerd_op",
        required=False,
        allow_null=True,
        help_text=_("Datum waarop de ouders zijn geïnformeerd."),
    )
    indienen = serializers.BooleanField(
        required=False,
        default=True,
        help_text=_(
            "Meteen indienen (standaard). Een onvolledige aanmelding wordt dan geweigerd (400, per ontbrekend "
            "veld een melding) en er wordt niets opgeslagen; met false wordt het een concept."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["school"].queryset = Organisatie.objects.filter(swv=self.context.get("swv"), soort="school")
        velden["leerling"].fields["woongemeente"].queryset = Organisatie.objects.filter(
            swv=self.context.get("swv"), soort="gemeente"
        )


class StatusInvoerSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=Status.choices, help_text=_("De nieuwe status."))
    reden = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Waarom; verplicht bij terugsturen, intrekken en afsluiten."),
    )
    # A plain text, not a second enum of the same statuses (one `Status` enum in the OpenAPI document).
    van = serializers.CharField(
        required=False,
        max_length=20,
        help_text=_(
            "De status die u verwacht (uit uw laatste GET), een van de waarden van `status`. Is die intussen "
            "anders, dan volgt 409."
        ),
    )

    def validate_van(self, waarde: str) -> str:
        if waarde not in Status.values:
            raise serializers.ValidationError(_("Onbekende status."))
        return waarde


class CasusFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices, help_text=_("Status."))
    school = django_filters.NumberFilter(field_name="school_id", help_text=_("Id van de school."))
    q = django_filters.CharFilter(
        method="filter_q",
        help_text=_("Zoeken in de teksten van de aanmelding (Nederlands) en de naam van de leerling."),
    )

    class Meta:
        model = Casus
        fields = ["status", "school", "q"]

    def filter_q(self, queryset, name, value):
        return zoek_casussen(queryset, value)


# --- views --------------------------------------------------------------------------------------------


class _NietAangeboden:
    """An action of the base viewset this collection does not offer (cases are made by POST /aanmeldingen and
    change status by POST …/status): looked up on the class it raises AttributeError, so the router maps no
    method to it and the answer is 405 with `Allow`, and the OpenAPI document does not list it."""

    def __get__(self, obj, objtype=None):
        raise AttributeError("niet aangeboden")


@collectie_schema(
    _("casus"),
    _("casussen"),
    tags=TAGS,
    list=_(
        "Casussen die u mag zien: het SWV alle ingediende, een school die van de eigen school (ook concepten), "
        "een ketenpartner die waarvan hij lid van het ondersteuningsteam is. Een koppeling (client met "
        "`casussen:lezen`) ziet de casussen van de scholen van de eigen organisatie. Filters: `status`, "
        "`school` (id), `q` (zoeken in de aanmelding en de naam van de leerling)."
    ),
    extra={
        "status_wijzigen": extend_schema(
            summary=_("Status van een casus wijzigen"),
            description=_(
                "Alleen toegestane overgangen (concept → aangemeld → in behandeling → plan vastgesteld → "
                "lopend → geëvalueerd → afgesloten; teruggestuurd en ingetrokken onderweg). Een niet "
                "toegestane overgang geeft 400 met de mogelijke overgangen; een status die intussen door een "
                "ander is gewijzigd (`van` klopt niet) 409; een verouderde `If-Match` 412."
            ),
            request=StatusInvoerSerializer,
            responses={200: CasusSerializer},
            tags=TAGS,
        ),
    },
)
class CasusViewSet(TenantViewSet):
    model = Casus
    serializer_class = CasusSerializer
    schrijfrecht = "cases.casus_wijzigen"
    required_scopes = {
        "list": [Scope.CASUSSEN_LEZEN],
        "retrieve": [Scope.CASUSSEN_LEZEN],
        "status_wijzigen": [Scope.CASUSSEN_INDIENEN],
    }
    audit_lezen = ("cases.casus", "casus", "casussen")
    filterset_class = CasusFilter
    create = _NietAangeboden()
    partial_update = _NietAangeboden()
    etag_acties = frozenset({"retrieve", "status_wijzigen"})

    def get_queryset(self):
        # People and partner systems alike: the one case rule (a system sees what its organisation would).
        qs = Casus.objects.visible_to(self.request.user)
        return qs.select_related("leerling", "school", "casusregisseur").order_by("-pk")

    @action(detail=True, methods=["post"], url_path="status")
    def status_wijzigen(self, request: Request, pk: int) -> Response:
        casus = self.get_object()
        invoer = self._invoer(StatusInvoerSerializer, request.data)
        velden = invoer.validated_data
        try:
            casus = services.casus_overgang(
                casus=casus,
                naar=velden["status"],
                reden=velden.get("reden", ""),
                van=velden.get("van"),
                by=request.user,
            )
        except DjangoValidationError as exc:
            codes = {e.code for fouten in getattr(exc, "error_dict", {}).values() for e in fouten}
            if "gewijzigd" in codes:
                raise Conflict(exc.messages[0]) from exc
            raise als_api_fout(exc, invoer) from exc
        return self._uitvoer(casus)


class AanmeldingenView(APIView):
    """POST /api/v1/aanmeldingen (a school's aanmelding; idempotent on clientReferentie)."""

    permission_classes = [HasScope]
    required_scopes = {"POST": [Scope.CASUSSEN_INDIENEN]}

    @extend_schema(
        summary=_("Aanmelding indienen"),
        description=_(
            "Een school (of het leerlingadministratiesysteem van de school, client met `casussen:indienen`) "
            "meldt een leerling aan. Een bekende leerling (zelfde BSN of onderwijsnummer in het SWV) wordt "
            "hergebruikt. Een koppeling meldt alleen aan voor de scholen van de eigen organisatie. Dezelfde "
            "`clientReferentie` nogmaals geeft de bestaande casus terug met 200 (ook als twee verzoeken "
            "tegelijk komen): nooit twee casussen."
        ),
        request=AanmeldingInvoerSerializer,
        responses={201: CasusSerializer, 200: OpenApiResponse(CasusSerializer, description=_("Bestond al."))},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        user: Any = request.user  # a person or a partner system (ApiClientUser)
        swv = acting_swv(user)
        lidmaatschap = None if is_api_client(user) else lidmaatschap_van(user)
        if not is_api_client(user) and (lidmaatschap is None or lidmaatschap.rol not in SCHOOL_ROLLEN):
            raise PermissionDenied(_("Alleen een school meldt aan."))
        invoer = AanmeldingInvoerSerializer(data=request.data, context={"request": request, "swv": swv})
        invoer.is_valid(raise_exception=True)
        velden = dict(invoer.validated_data)
        leerling: Any = dict(velden.pop("leerling"))
        indienen = velden.pop("indienen", True)
        referentie = velden.pop("client_referentie", "")
        school = velden.pop("school", None)
        if is_api_client(user):
            toegestaan = Organisatie.objects.filter(scholen_van_client(user.api_client), swv=swv)
            if school is None:
                school = toegestaan.filter(pk=user.api_client.organisatie_id).first()
            if school is None or not toegestaan.filter(pk=school.pk).exists():
                raise PermissionDenied(
                    _("Deze client mag alleen aanmelden voor de scholen van de eigen organisatie.")
                )
            if not referentie:
                raise serializers.ValidationError(
                    {"clientReferentie": [_("Geef uw eigen kenmerk van deze aanmelding.")]}
                )
        else:
            assert lidmaatschap is not None
            if school is not None and school.pk != lidmaatschap.organisatie_id:
                raise PermissionDenied(_("U meldt aan voor uw eigen school."))
            school = lidmaatschap.organisatie
        try:
            if is_api_client(user):
                casus, nieuw = services.aanmelding_via_api(
                    school=school,
                    by=user,
                    client_referentie=referentie,
                    leerling_gegevens=leerling,
                    indienen=indienen,
                    **velden,
                )
            else:
                # One transaction: an incomplete submission stores nothing, as for a partner system.
                with transaction.atomic():
                    casus = services.aanmelding_opslaan(
                        school=school, by=user, leerling_gegevens=leerling, **velden
                    )
                    nieuw = True
                    if indienen:
                        casus = services.aanmelding_indienen(casus=casus, by=user)
        except DjangoValidationError as exc:
            raise als_api_fout(exc, invoer) from exc
        casus = Casus.objects.select_related("leerling", "school", "casusregisseur").get(pk=casus.pk)
        return Response(
            CasusSerializer(casus).data, status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK
        )


urlpatterns: list[URLPattern] = [
    path("aanmeldingen", AanmeldingenView.as_view(), name="api-aanmeldingen"),
]


def register(router) -> None:
    router.register("casussen", CasusViewSet, basename="api-casus")
