"""The partner registry over the API: thin viewsets on top of `visible_to` (reads) and services (writes).

Access (see `access.py`): every member of the SWV reads, `partners.wijzigen` writes; an API client reads
with `partners:lezen` and writes with `partners:schrijven`, always within its own SWV. Objects of another
SWV answer 404, exactly like ids that do not exist.

DELETE never erases: partners, roles and provisions end (an end date, `actief` false), because the
routekaart, agreements, provisions and the audit trail keep pointing at them and "who was our contact
last year" must stay answerable. Agreements have no DELETE at all: end one by PATCHing its einddatum.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from swv.core.api.pagination import IdCursorPagination
from swv.core.api.viewsets import TenantViewSet, collectie_schema
from swv.core.tenancy import acting_swv_id

from .. import bezetting, services
from ..models import Afspraak, Organisatie, Sleutelfiguur, Voorziening
from . import serializers as s
from .access import SCHRIJFRECHT, SCOPES
from .filters import AfspraakFilter, OrganisatieFilter, SleutelfiguurFilter, VoorzieningFilter

TAGS = ["partners"]


def _kort():
    """Related organisations need only what the short representation shows. Prefetched into a list
    (`to_attr`): without it Django clones and filters a queryset for every row of the page, which was
    a quarter of the list's time (issue 9)."""
    return Organisatie.objects.only("id", "naam", "soort")


# The platform's base viewset (swv/core/api/viewsets.py) with the registry's write right and scopes.
class _RegisterViewSet(TenantViewSet):
    schrijfrecht = SCHRIJFRECHT
    required_scopes = SCOPES


def _schema(naam, meervoud, *, extra: dict | None = None, **beschrijvingen):
    return collectie_schema(naam, meervoud, tags=TAGS, extra=extra, **beschrijvingen)


# --- organisaties -------------------------------------------------------------------------------------


@_schema(
    _("organisatie"),
    _("organisaties"),
    list=_(
        "Alle ketenpartners van het samenwerkingsverband: scholen, gemeenten, zorg en andere partners. "
        "Gepagineerd met een cursor (volg `next`), gesorteerd op id, zodat een koppeling alles precies "
        "één keer ziet."
    ),
    extra={
        "create": extend_schema(
            summary=_("Organisatie toevoegen"),
            description=_(
                "Alleen voor SWV-coördinator, SWV-medewerker, functioneel beheerder en clients met "
                "`partners:schrijven`."
            ),
            request=s.OrganisatieInvoerSerializer,
            responses={201: s.OrganisatieSerializer},
            tags=TAGS,
        ),
        "partial_update": extend_schema(
            summary=_("Organisatie wijzigen"),
            description=_(
                "Alleen de meegestuurde velden veranderen. Wordt de organisatie door een nieuwe naam, soort "
                "of gemeente gelijk aan een andere, dan volgt 400 met code mogelijk_dubbel op naam; stuur "
                "dan `dubbelToegestaan: true` mee als het echt een andere organisatie is."
            ),
            request=s.OrganisatieInvoerSerializer,
            responses={200: s.OrganisatieSerializer},
            tags=TAGS,
        ),
        "destroy": extend_schema(
            summary=_("Samenwerking met een organisatie beëindigen"),
            description=_(
                "Verwijdert niets: de organisatie wordt inactief met vandaag als einddatum (als die nog "
                "leeg was). Sleutelfiguren, afspraken, voorzieningen en de geschiedenis blijven naar haar "
                "verwijzen. Nogmaals beëindigen verandert niets."
            ),
            responses={204: OpenApiResponse(description=_("Beëindigd."))},
            tags=TAGS,
        ),
    },
)
class OrganisatieViewSet(_RegisterViewSet):
    model = Organisatie
    serializer_class = s.OrganisatieSerializer
    invoer_serializer_class = s.OrganisatieInvoerSerializer
    filterset_class = OrganisatieFilter
    pagination_class = IdCursorPagination

    def met_relaties(self, queryset):
        return queryset.select_related("gemeente", "schoolbestuur", "jeugdzorgregio").prefetch_related(
            Prefetch("werkgebied", queryset=_kort(), to_attr="werkgebied_lijst")
        )

    def maak(self, velden: dict):
        return services.organisatie_create(swv=self.swv, by=self.request.user, **velden)

    def wijzig(self, obj, velden: dict):
        return services.organisatie_update(organisatie=obj, by=self.request.user, **velden)

    def destroy(self, request: Request, pk: int) -> Response:
        organisatie = self.get_object()
        services.organisatie_beeindigen(organisatie=organisatie, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- sleutelfiguren -----------------------------------------------------------------------------------


@_schema(
    _("sleutelfiguur"),
    _("sleutelfiguren"),
    list=_(
        "Sleutelfiguren: wie bij welke organisatie aanspreekpunt is, op welk niveau (uitvoering, "
        "organisatie, bestuur & beleid) en voor welke gemeenten. Ook beëindigde en komende rollen; filter "
        "met `actueel=true` voor wie het nu is."
    ),
    extra={
        "create": extend_schema(
            summary=_("Sleutelfiguur toevoegen"),
            description=_(
                "Een nieuwe rol voor een bestaande persoon (`persoonId`) of een nieuwe persoon (`persoon`)."
            ),
            request=s.SleutelfiguurInvoerSerializer,
            responses={201: s.SleutelfiguurSerializer},
            tags=TAGS,
        ),
        "partial_update": extend_schema(
            summary=_("Sleutelfiguur wijzigen"),
            description=_(
                "Functie, niveau, onderwerpen, gemeenten, contactgegevens en periode. Naar een andere "
                "organisatie gaat met `verhuizen`, zodat de geschiedenis blijft."
            ),
            request=s.SleutelfiguurWijzigSerializer,
            responses={200: s.SleutelfiguurSerializer},
            tags=TAGS,
        ),
        "destroy": extend_schema(
            summary=_("Rol van een sleutelfiguur beëindigen"),
            description=_(
                "Verwijdert niets: de rol krijgt vandaag als einddatum, zodat zichtbaar blijft wie het "
                "aanspreekpunt was. Een rol die nog moet beginnen, kan niet vandaag eindigen (400)."
            ),
            responses={204: OpenApiResponse(description=_("Beëindigd."))},
            tags=TAGS,
        ),
        "verhuizen": extend_schema(
            summary=_("Sleutelfiguur verhuist naar een andere organisatie"),
            description=_(
                "De huidige rol eindigt op `per` en een nieuwe rol bij de nieuwe organisatie begint op die "
                "datum, met hetzelfde niveau, dezelfde onderwerpen en contactgegevens. Geeft de nieuwe rol."
            ),
            request=s.VerhuizenSerializer,
            responses={201: s.SleutelfiguurSerializer},
            tags=TAGS,
        ),
    },
)
class SleutelfiguurViewSet(_RegisterViewSet):
    model = Sleutelfiguur
    serializer_class = s.SleutelfiguurSerializer
    invoer_serializer_class = s.SleutelfiguurInvoerSerializer
    wijzig_serializer_class = s.SleutelfiguurWijzigSerializer
    filterset_class = SleutelfiguurFilter
    # Names, phone numbers and e-mail addresses: every response is a read in the audit log.
    audit_lezen = ("partners.sleutelfiguur", "sleutelfiguur", "sleutelfiguur/-figuren")

    def met_relaties(self, queryset):
        # Only the role table was filtered by the tenant: PostgreSQL then hashed every tenant's persons
        # and organisations before sorting on the person's name. The same tenant on the joined tables
        # lets it read just this SWV's rows through their swv indexes (issue 9; docs/benchmarks.md).
        swv_id = acting_swv_id(self.request.user)
        return (
            queryset.filter(persoon__swv_id=swv_id, organisatie__swv_id=swv_id)
            .select_related("persoon", "organisatie")
            .prefetch_related(Prefetch("gemeenten", queryset=_kort(), to_attr="gemeenten_lijst"))
            .op_achternaam()
        )

    def maak(self, velden: dict):
        # An existing Persoon or a dict for a new one; the service saves person and role together or not.
        persoon = velden.pop("persoonId", None) or velden.pop("persoon", None)
        velden.pop("persoon", None)
        return services.sleutelfiguur_create(swv=self.swv, persoon=persoon, by=self.request.user, **velden)

    def wijzig(self, obj, velden: dict):
        return services.sleutelfiguur_update(sleutelfiguur=obj, by=self.request.user, **velden)

    def destroy(self, request: Request, pk: int) -> Response:
        sleutelfiguur = self.get_object()
        self._service(
            lambda: services.sleutelfiguur_beeindigen(sleutelfiguur=sleutelfiguur, by=request.user),
            serializer_class=s.SleutelfiguurWijzigSerializer,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"], url_path="verhuizen")
    def verhuizen(self, request: Request, pk: int) -> Response:
        sleutelfiguur = self.get_object()
        invoer = self._invoer(s.VerhuizenSerializer, request.data)
        nieuw = self._bewaar(
            invoer,
            lambda **velden: services.sleutelfiguur_verhuizen(
                sleutelfiguur=sleutelfiguur, by=request.user, **velden
            ),
        )
        return self._uitvoer(nieuw, status.HTTP_201_CREATED)


# --- afspraken ----------------------------------------------------------------------------------------


@_schema(
    _("afspraak"),
    _("afspraken"),
    list=_(
        "Samenwerkingsovereenkomsten, convenanten en verwerkersovereenkomsten met hun partijen, looptijd "
        "en evaluatiedatum. `evaluatieVoor` en `verlooptVoor` vinden wat binnenkort aandacht vraagt."
    ),
    extra={
        "create": extend_schema(
            summary=_("Afspraak vastleggen"),
            description=_("Het getekende document voeg je toe in de applicatie, niet via de API."),
            request=s.AfspraakInvoerSerializer,
            responses={201: s.AfspraakSerializer},
            tags=TAGS,
        ),
        "partial_update": extend_schema(
            summary=_("Afspraak wijzigen"),
            description=_("Alleen de meegestuurde velden veranderen. Beëindigen: zet de `einddatum`."),
            request=s.AfspraakInvoerSerializer,
            responses={200: s.AfspraakSerializer},
            tags=TAGS,
        ),
    },
)
class AfspraakViewSet(_RegisterViewSet):
    model = Afspraak
    serializer_class = s.AfspraakSerializer
    invoer_serializer_class = s.AfspraakInvoerSerializer
    filterset_class = AfspraakFilter

    def met_relaties(self, queryset):
        return (
            queryset.select_related("eigenaar")
            .prefetch_related(Prefetch("partijen", queryset=_kort(), to_attr="partijen_lijst"))
            .order_by("titel", "id")
        )

    def maak(self, velden: dict):
        return services.afspraak_create(swv=self.swv, by=self.request.user, **velden)

    def wijzig(self, obj, velden: dict):
        return services.afspraak_update(afspraak=obj, by=self.request.user, **velden)


# --- voorzieningen ------------------------------------------------------------------------------------


@_schema(
    _("voorziening"),
    _("voorzieningen"),
    list=_(
        "Het dekkend netwerk: voorzieningen en arrangementen met aanbieder, doelgroep, capaciteit, "
        "bezetting en wachttijd. `knelpunt=true` toont wat vol is of een te lange wachttijd heeft."
    ),
    extra={
        "create": extend_schema(
            summary=_("Voorziening toevoegen"),
            description=_(
                "Een voorziening of arrangement van een aanbieder in het SWV, met capaciteit, bezetting en "
                "wachttijd."
            ),
            request=s.VoorzieningInvoerSerializer,
            responses={201: s.VoorzieningSerializer},
            tags=TAGS,
        ),
        "partial_update": extend_schema(
            summary=_("Voorziening wijzigen"),
            description=_(
                "Bijvoorbeeld de actuele bezetting en wachttijd; alleen de meegestuurde velden veranderen."
            ),
            request=s.VoorzieningInvoerSerializer,
            responses={200: s.VoorzieningSerializer},
            tags=TAGS,
        ),
        "destroy": extend_schema(
            summary=_("Voorziening beëindigen"),
            description=_(
                "Verwijdert niets: de voorziening krijgt vandaag als einddatum en telt niet meer mee in "
                "het dekkend netwerk. Een voorziening die nog moet beginnen, kan niet vandaag eindigen (400)."
            ),
            responses={204: OpenApiResponse(description=_("Beëindigd."))},
            tags=TAGS,
        ),
    },
)
class VoorzieningViewSet(_RegisterViewSet):
    model = Voorziening
    serializer_class = s.VoorzieningSerializer
    invoer_serializer_class = s.VoorzieningInvoerSerializer
    filterset_class = VoorzieningFilter

    def met_relaties(self, queryset):
        return (
            queryset.select_related("aanbieder")
            .prefetch_related(Prefetch("gemeenten", queryset=_kort(), to_attr="gemeenten_lijst"))
            .order_by("naam", "id")
        )

    def get_serializer(self, *args, **kwargs):
        # Issue 11: the places taken by cases' arrangementen and their waiting list (partners.bezetting, one
        # query per page or object), so the API shows the figures the dekkend netwerk page shows; the ETag
        # is computed from this output, so a new arrangement changes it too.
        if args and args[0] is not None:
            bezetting.verrijk(list(args[0]) if kwargs.get("many") else [args[0]])
        return super().get_serializer(*args, **kwargs)

    def maak(self, velden: dict):
        return services.voorziening_create(swv=self.swv, by=self.request.user, **velden)

    def wijzig(self, obj, velden: dict):
        return services.voorziening_update(voorziening=obj, by=self.request.user, **velden)

    def destroy(self, request: Request, pk: int) -> Response:
        voorziening = self.get_object()
        self._service(
            lambda: services.voorziening_beeindigen(
                voorziening=voorziening, per=timezone.localdate(), by=request.user
            ),
            serializer_class=s.VoorzieningInvoerSerializer,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
