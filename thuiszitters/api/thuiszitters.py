"""API of thuiszitter registrations (issue 12, part thuiszitter). Mounted under /api/v1/ by thuiszitters/api/urls.py.

- `GET /api/v1/thuiszitters`, `GET /api/v1/thuiszitters/{id}`: the registrations within scope
  (`thuiszitters:lezen`), through the one read rule (thuiszitters/querysets.py): people as on the pages,
  a partner system as a member of its organisation would (SWV bureau all, school/bestuur its schools',
  gemeente/leerplicht its gemeente's). Open ones longer than 3 months first, as on the page.
- `POST /api/v1/thuiszitters` (register) and `PATCH /api/v1/thuiszitters/{id}` (update, or end with
  `einddatum` + `redenEinde`) with `thuiszitters:schrijven`, for the systems that may: the SWV bureau's and
  a gemeente's or leerplicht organisation's (for its gemeente). A school's system reads only (decision 53):
  403. The pupil is named in the body by `leerling` (id) or by `bsn`/`onderwijsnummer`, never in the URL.
- A second open registration of a pupil: 409 problem+json. An outdated `If-Match`: 412 (the base viewset).
"""

from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cases.models import Casus, Leerling
from cases.querysets import gemeente_van
from cases.validators import normaliseer_nummer, validate_bsn, validate_onderwijsnummer
from partners.models import Organisatie
from swv.core.api.exceptions import Conflict
from swv.core.api.filters import StrictFilterSet
from swv.core.api.scopes import Scope
from swv.core.api.serializers import StrictSerializer
from swv.core.api.viewsets import TenantViewSet, collectie_schema

from .. import services_thuiszitter as services
from ..models import Thuiszitter
from ..models.thuiszitter import (
    Doorzettingsmacht,
    RedenCategorie,
    RedenEinde,
    SoortThuiszitter,
    Vrijstellingsartikel,
)
from ..selectors_thuiszitter import drie_maanden_voor, met_volgorde

TAGS = ["thuiszitters"]


class ThuiszitterSerializer(StrictSerializer):
    """A registration as the API shows it: the pupil by id, no BSN."""

    id = serializers.IntegerField(read_only=True, help_text=_("Id van de registratie."))
    leerlingId = serializers.IntegerField(
        source="leerling_id", read_only=True, help_text=_("De leerling (id).")
    )  # noqa: N815
    soort = serializers.ChoiceField(
        choices=SoortThuiszitter.choices,
        read_only=True,
        help_text=_("langdurig_relatief, absoluut of vrijstelling."),
    )
    vrijstellingArtikel = serializers.CharField(  # noqa: N815
        source="vrijstelling_artikel",
        read_only=True,
        help_text=_("Artikel bij een vrijstelling; anders leeg."),
    )
    schoolId = serializers.IntegerField(  # noqa: N815
        source="school_id",
        read_only=True,
        allow_null=True,
        help_text=_("De school; null bij absoluut verzuim."),
    )
    gemeenteId = serializers.IntegerField(source="gemeente_id", read_only=True, help_text=_("De gemeente."))  # noqa: N815
    startdatum = serializers.DateField(read_only=True, help_text=_("Thuis sinds."))
    redenen = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text=_("Redencategorieën.")
    )
    doorzettingsmacht = serializers.CharField(
        read_only=True, help_text=_("gemeente, swv of gezamenlijk; leeg als nog niet afgesproken.")
    )
    doorzettingsmachtPersoon = serializers.CharField(  # noqa: N815
        source="doorzettingsmacht_persoon", read_only=True, help_text=_("Wie de doorzettingsmacht heeft.")
    )
    perspectief = serializers.CharField(read_only=True, help_text=_("Het perspectief."))
    aanbod = serializers.CharField(
        read_only=True, help_text=_("Het gevonden aanbod; leeg als er nog geen is.")
    )
    aanbodVanaf = serializers.DateField(  # noqa: N815
        source="aanbod_vanaf", read_only=True, allow_null=True, help_text=_("Vanaf wanneer het aanbod geldt.")
    )
    einddatum = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Einde; null zolang open.")
    )
    redenEinde = serializers.CharField(  # noqa: N815
        source="reden_einde", read_only=True, help_text=_("Reden van het einde; leeg zolang open.")
    )
    casusId = serializers.IntegerField(  # noqa: N815
        source="casus_id", read_only=True, allow_null=True, help_text=_("De casus van de leerling, of null.")
    )
    dagenThuis = serializers.SerializerMethodField(help_text=_("Dagen thuis tot de einddatum of vandaag."))  # noqa: N815
    langerDanDrieMaanden = serializers.SerializerMethodField(  # noqa: N815
        help_text=_("Open en drie maanden of langer thuis (Thuiszitterspact).")
    )

    def get_dagenThuis(self, obj: Thuiszitter) -> int:  # noqa: N802
        return obj.dagen_thuis()

    def get_langerDanDrieMaanden(self, obj: Thuiszitter) -> bool:  # noqa: N802
        return obj.einddatum is None and obj.startdatum <= drie_maanden_voor(timezone.localdate())


_REDENEN = serializers.ListField(
    child=serializers.ChoiceField(choices=RedenCategorie.choices),
    required=False,
    help_text=_("Redencategorieën."),
)


class RegistrerenSerializer(StrictSerializer):
    leerling = serializers.IntegerField(
        required=False, help_text=_("Id van de leerling; of geef bsn/onderwijsnummer.")
    )
    bsn = serializers.CharField(
        required=False, max_length=20, help_text=_("BSN van de leerling (in de body, nooit in de URL).")
    )
    onderwijsnummer = serializers.CharField(
        required=False, max_length=20, help_text=_("Onderwijsnummer, als er geen BSN is.")
    )
    soort = serializers.ChoiceField(choices=SoortThuiszitter.choices, help_text=_("Soort thuiszitter."))
    vrijstellingArtikel = serializers.ChoiceField(  # noqa: N815
        source="vrijstelling_artikel",
        choices=Vrijstellingsartikel.choices,
        required=False,
        help_text=_("Verplicht bij een vrijstelling, anders weglaten."),
    )
    startdatum = serializers.DateField(help_text=_("Thuis sinds (niet in de toekomst)."))
    school = serializers.PrimaryKeyRelatedField(
        queryset=Organisatie.objects.none(),
        required=False,
        help_text=_("Id van de school; standaard de school van de leerling. Weglaten bij absoluut verzuim."),
    )
    gemeente = serializers.PrimaryKeyRelatedField(
        queryset=Organisatie.objects.none(),
        required=False,
        help_text=_("Id van de gemeente; standaard de woongemeente van de leerling."),
    )
    redenen = _REDENEN
    doorzettingsmacht = serializers.ChoiceField(
        choices=Doorzettingsmacht.choices, required=False, help_text=_("Wie de doorzettingsmacht heeft.")
    )
    doorzettingsmachtPersoon = serializers.CharField(  # noqa: N815
        source="doorzettingsmacht_persoon",
        required=False,
        allow_blank=True,
        max_length=150,
        help_text=_("Naam of functie van de houder van de doorzettingsmacht."),
    )
    perspectief = serializers.CharField(required=False, allow_blank=True, help_text=_("Het perspectief."))
    casus = serializers.PrimaryKeyRelatedField(
        queryset=Casus.objects.none(),
        required=False,
        help_text=_("Id van de casus; standaard de lopende casus van de leerling."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        swv = self.context.get("swv")
        velden: Any = self.fields
        velden["school"].queryset = Organisatie.objects.filter(swv=swv, soort="school")
        velden["gemeente"].queryset = Organisatie.objects.filter(swv=swv, soort="gemeente")
        velden["casus"].queryset = Casus.objects.filter(swv=swv)

    def validate(self, attrs):
        for naam, controle in (("bsn", validate_bsn), ("onderwijsnummer", validate_onderwijsnummer)):
            waarde = normaliseer_nummer(attrs.get(naam) or "")
            if waarde:
                try:
                    controle(waarde)
                except DjangoValidationError as exc:
                    raise serializers.ValidationError({naam: exc.messages}) from exc
                attrs[naam] = waarde
        if sum(1 for naam in ("leerling", "bsn", "onderwijsnummer") if attrs.get(naam)) != 1:
            raise serializers.ValidationError(
                {"leerling": [_("Geef precies één van leerling (id), bsn of onderwijsnummer.")]}
            )
        return attrs


class BijwerkenSerializer(StrictSerializer):
    perspectief = serializers.CharField(required=False, allow_blank=True, help_text=_("Het perspectief."))
    doorzettingsmacht = serializers.ChoiceField(
        choices=Doorzettingsmacht.choices,
        required=False,
        allow_blank=True,
        help_text=_("Wie de doorzettingsmacht heeft."),
    )
    doorzettingsmachtPersoon = serializers.CharField(  # noqa: N815
        source="doorzettingsmacht_persoon",
        required=False,
        allow_blank=True,
        max_length=150,
        help_text=_("Naam of functie van de houder van de doorzettingsmacht."),
    )
    redenen = serializers.ListField(
        child=serializers.ChoiceField(choices=RedenCategorie.choices),
        required=False,
        help_text=_("Redencategorieën (vervangt de lijst)."),
    )
    aanbod = serializers.CharField(required=False, allow_blank=True, help_text=_("Het gevonden aanbod."))
    aanbodVanaf = serializers.DateField(  # noqa: N815
        source="aanbod_vanaf", required=False, allow_null=True, help_text=_("Vanaf wanneer het aanbod geldt.")
    )
    einddatum = serializers.DateField(
        required=False, help_text=_("Beëindigen: de einddatum (niet in de toekomst), met redenEinde.")
    )
    redenEinde = serializers.ChoiceField(  # noqa: N815
        source="reden_einde", choices=RedenEinde.choices, required=False, help_text=_("Reden van het einde.")
    )

    def validate(self, attrs):
        if ("einddatum" in attrs) != ("reden_einde" in attrs):
            raise serializers.ValidationError(
                {"einddatum": [_("Geef bij beëindigen zowel einddatum als redenEinde.")]}
            )
        return attrs


class ThuiszitterFilter(StrictFilterSet):
    gemeente = django_filters.NumberFilter(field_name="gemeente_id", help_text=_("Id van de gemeente."))
    school = django_filters.NumberFilter(field_name="school_id", help_text=_("Id van de school."))
    soort = django_filters.ChoiceFilter(choices=SoortThuiszitter.choices, help_text=_("Soort thuiszitter."))
    status = django_filters.ChoiceFilter(
        choices=[("open", _("Open")), ("beeindigd", _("Beëindigd"))],
        method="filter_status",
        help_text=_("open (geen einddatum) of beeindigd."),
    )

    class Meta:
        model = Thuiszitter
        fields = ["gemeente", "school", "soort", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(einddatum__isnull=value == "open")


def _leerlingen_voor(user):
    """The pupils `user` may name: a person those of the pupil rule; a partner system the pupils of its SWV
    (its organisation's gemeente for a gemeente or leerplicht system). An unknown id or number and one outside
    this set get the same answer, so nobody can probe which pupils exist."""
    if not getattr(user, "is_api_client", False):
        return Leerling.objects.visible_to(user)
    client = user.api_client
    qs = Leerling.objects.filter(swv_id=client.swv_id, geanonimiseerd_op__isnull=True)
    if client.organisatie.soort in ("gemeente", "leerplicht"):
        return qs.filter(woongemeente_id=gemeente_van(client.organisatie))
    return qs


def _weiger_als_niet_schrijver(user) -> None:
    if not services.mag_schrijven(user):
        raise PermissionDenied(
            _(
                "Alleen het samenwerkingsverband en leerplicht (gemeente) registreren en wijzigen thuiszitters."
            )
        )


@collectie_schema(
    _("thuiszitter"),
    _("thuiszitters"),
    tags=TAGS,
    list=_(
        "Thuiszitterregistraties die u mag zien: het SWV alle van het SWV, een school die van de eigen school, "
        "leerplicht die van de eigen gemeente. Een koppeling (client met `thuiszitters:lezen`) ziet wat een "
        "medewerker van haar organisatie zou zien. Open registraties die drie maanden of langer thuis zijn "
        "eerst. Filters: `gemeente`, `school` (id), `soort`, `status` (open of beeindigd)."
    ),
    extra={
        "create": extend_schema(
            summary=_("Thuiszitter registreren"),
            description=_(
                "Voor het SWV en leerplicht (personen), of het systeem van het SWV-bureau of van een gemeente of "
                "leerplichtorganisatie (client met `thuiszitters:schrijven`; een gemeente alleen voor de eigen "
                "gemeente). Het systeem van een school leest alleen (403). De leerling staat in de body: `leerling` "
                "(id), `bsn` of `onderwijsnummer`. Een leerling met al een open registratie: 409."
            ),
            request=RegistrerenSerializer,
            responses={
                201: ThuiszitterSerializer,
                409: OpenApiResponse(description=_("De leerling staat al als thuiszitter geregistreerd.")),
            },
            tags=TAGS,
        ),
        "partial_update": extend_schema(
            summary=_("Thuiszitter bijwerken of beëindigen"),
            description=_(
                "Alleen de meegestuurde velden veranderen (perspectief, doorzettingsmacht, redenen, aanbod met "
                "aanbodVanaf). Met `einddatum` en `redenEinde` wordt de registratie beëindigd. Een beëindigde "
                "registratie wijzigt niet meer (400). Met `If-Match` (de ETag van uw GET): 412 als een ander de "
                "registratie intussen wijzigde."
            ),
            request=BijwerkenSerializer,
            responses={200: ThuiszitterSerializer},
            tags=TAGS,
        ),
    },
)
class ThuiszitterViewSet(TenantViewSet):
    model = Thuiszitter
    serializer_class = ThuiszitterSerializer
    invoer_serializer_class = RegistrerenSerializer
    wijzig_serializer_class = BijwerkenSerializer
    schrijfrecht = "thuiszitters.thuiszitter_registreren"
    required_scopes = {
        "list": [Scope.THUISZITTERS_LEZEN],
        "retrieve": [Scope.THUISZITTERS_LEZEN],
        "create": [Scope.THUISZITTERS_SCHRIJVEN],
        "partial_update": [Scope.THUISZITTERS_SCHRIJVEN],
    }
    audit_lezen = ("thuiszitters.thuiszitter", "thuiszitter", "thuiszitters")
    filterset_class = ThuiszitterFilter

    def get_queryset(self):
        qs = Thuiszitter.objects.visible_to(self.request.user)
        return met_volgorde(qs) if self.action == "list" else qs.order_by("pk")

    def create(self, request: Request) -> Response:
        _weiger_als_niet_schrijver(request.user)
        return super().create(request)

    def partial_update(self, request: Request, pk: int) -> Response:
        obj = self.get_object()  # 404 for an invisible one, 412 on a stale If-Match
        # People passed `schrijfrecht` on the object (MagSchrijven); a partner system by its organisation.
        if not services.mag_schrijven(request.user, obj):
            raise PermissionDenied(_("U wijzigt deze registratie niet."))
        invoer = self._invoer(BijwerkenSerializer, request.data, partial=True)
        obj = self._bewaar(invoer, lambda **velden: self.wijzig(obj, velden))
        return self._uitvoer(obj)

    def maak(self, velden: dict):
        user = self.request.user
        leerlingen = _leerlingen_voor(user)
        if velden.get("leerling"):
            leerling = leerlingen.filter(pk=velden.pop("leerling")).first()
        else:
            bsn, onderwijsnummer = velden.pop("bsn", None), velden.pop("onderwijsnummer", None)
            leerling = leerlingen.filter(Q(bsn=bsn) if bsn else Q(onderwijsnummer=onderwijsnummer)).first()
        velden.pop("bsn", None)
        velden.pop("onderwijsnummer", None)
        velden.pop("leerling", None)
        if leerling is None:
            raise DjangoValidationError(
                {"leerling": _("Onbekende leerling (of een leerling die u niet ziet).")}
            )
        try:
            return services.thuiszitter_registreren(swv=self.swv, by=user, leerling=leerling, **velden)
        except DjangoValidationError:
            # The one-open rule (also when two requests came at once and the database decided): 409.
            if Thuiszitter.objects.filter(leerling=leerling, einddatum__isnull=True).exists():
                raise Conflict(_("Deze leerling staat al als thuiszitter geregistreerd.")) from None
            raise

    def wijzig(self, obj, velden: dict):
        einde = {naam: velden.pop(naam) for naam in ("einddatum", "reden_einde") if naam in velden}
        with transaction.atomic():
            if velden:
                obj = services.thuiszitter_bijwerken(by=self.request.user, thuiszitter=obj, **velden)
            if einde:
                obj = services.thuiszitter_beeindigen(by=self.request.user, thuiszitter=obj, **einde)
        return obj


urlpatterns: list[URLPattern] = [
    path(
        "thuiszitters",
        ThuiszitterViewSet.as_view({"get": "list", "post": "create"}),
        name="api-thuiszitter-list",
    ),
    # detail=True: write rights are decided on the object, after its 404 (swv.core.api.viewsets.MagSchrijven).
    path(
        "thuiszitters/<int:pk>",
        ThuiszitterViewSet.as_view({"get": "retrieve", "patch": "partial_update"}, detail=True),
        name="api-thuiszitter-detail",
    ),
]
