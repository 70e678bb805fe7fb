"""API of the cases app, part: leerlingen (issue 10). Mounted under /api/v1/ by cases/api/urls.py.

- `POST /api/v1/leerlingen/zoeken`: find a pupil by BSN or onderwijsnummer; the number is in the body,
  never in a URL (API-58), and never in a log line or the audit table (the audit row names the pupil).
- `GET /api/v1/leerlingen/{id}`: one pupil with leerplicht dates, school, woongemeente, enrolments and
  ouders/verzorgers (contact details, gezag).

There is no collection: `/api/v1/leerlingen` (with or without `?bsn=`) answers 404, so no number can
travel in a query string. Visibility is `Leerling.objects.visible_to` (people by role; partner systems
with the scope `leerlingen:lezen`, by their organisation); every answer with pupil data is an audited read.
"""

from django.db.models import Prefetch
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from partners.api.serializers import OrganisatieKortSerializer
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.api.permissions import HasScope
from swv.core.api.scopes import Scope
from swv.core.api.serializers import StrictSerializer
from swv.core.api.viewsets import TenantViewSet

from ..models import Inschrijving, Leerling, Ouder
from ..selectors import get_leerling_for_user
from ..validators import validate_bsn, validate_onderwijsnummer

TAGS = ["leerlingen"]


class InschrijvingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de inschrijving."))
    school = OrganisatieKortSerializer(read_only=True, help_text=_("De school (vestiging)."))
    ingeschrevenOp = serializers.DateField(
        source="ingeschreven_op", help_text=_("Eerste dag van de inschrijving.")
    )
    uitgeschrevenOp = serializers.DateField(
        source="uitgeschreven_op",
        allow_null=True,
        help_text=_("Laatste dag; leeg zolang de inschrijving loopt."),
    )
    redenUitschrijving = serializers.CharField(
        source="reden_uitschrijving", help_text=_("Reden van uitschrijving.")
    )


class OuderSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de ouder/verzorger."))
    voornaam = serializers.CharField(help_text=_("Voornaam; kan leeg zijn."))
    achternaam = serializers.CharField(help_text=_("Achternaam."))
    relatie = serializers.ChoiceField(choices=Ouder.Relatie.choices, help_text=_("Relatie tot de leerling."))
    gezag = serializers.BooleanField(
        help_text=_(
            "Of deze ouder/verzorger het ouderlijk gezag heeft (alleen die geeft toestemming en instemming)."
        )
    )
    telefoon = serializers.CharField(help_text=_("Telefoonnummer; kan leeg zijn."))
    email = serializers.CharField(help_text=_("E-mailadres; kan leeg zijn."))
    adres = serializers.CharField(help_text=_("Adres; kan leeg zijn."))


class LeerlingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de leerling (geen BSN)."))
    bsn = serializers.CharField(
        allow_null=True, help_text=_("Burgerservicenummer; leeg als het nog niet bekend is.")
    )
    onderwijsnummer = serializers.CharField(
        allow_null=True,
        help_text=_(
            "Onderwijsnummer van een leerling zonder BSN; leeg zodra het BSN bekend is (het BSN vervangt het)."
        ),
    )
    voornaam = serializers.CharField(help_text=_("Voornaam."))
    achternaam = serializers.CharField(help_text=_("Achternaam."))
    geboortedatum = serializers.DateField(help_text=_("Geboortedatum."))
    leerplichtigVanaf = serializers.DateField(
        source="leerplichtig_vanaf",
        read_only=True,
        help_text=_("Eerste dag van de maand na de maand waarin de leerling 5 wordt (Leerplichtwet art. 3)."),
    )
    leerplichtEindigt = serializers.DateField(
        source="leerplicht_eindigt",
        read_only=True,
        help_text=_(
            "31 juli van het schooljaar waarin de leerling 16 wordt (Leerplichtwet art. 4); daarna kwalificatieplicht."
        ),
    )
    woongemeente = OrganisatieKortSerializer(
        read_only=True, help_text=_("De gemeente waar de leerling woont.")
    )
    school = OrganisatieKortSerializer(
        read_only=True, help_text=_("De school van de huidige (of laatste) inschrijving.")
    )
    uitgeschrevenOp = serializers.DateField(
        source="uitgeschreven_op",
        allow_null=True,
        help_text=_("Einde van de laatste inschrijving; leeg als die loopt."),
    )
    inschrijvingen = InschrijvingSerializer(
        many=True, read_only=True, help_text=_("Inschrijvingen, nieuwste eerst.")
    )
    ouders = OuderSerializer(
        many=True, read_only=True, help_text=_("Ouders/verzorgers met contactgegevens en gezag.")
    )


class LeerlingZoekenSerializer(StrictSerializer):
    bsn = serializers.CharField(
        required=False,
        validators=[validate_bsn],
        help_text=_("Burgerservicenummer: negen cijfers met een kloppende elfproef."),
    )
    onderwijsnummer = serializers.CharField(
        required=False,
        validators=[validate_onderwijsnummer],
        help_text=_("Onderwijsnummer: negen cijfers, begint met 10."),
    )

    def validate(self, attrs):
        if len(attrs) != 1:
            raise serializers.ValidationError(_("Geef precies één van bsn of onderwijsnummer op."))
        return attrs


# (A comment, not a docstring: drf-spectacular would show a docstring to integrators.)
# Reads only: no MagSchrijven (the POST of zoeken is a read); who sees which pupil is visible_to.
class LeerlingViewSet(TenantViewSet):
    model = Leerling
    serializer_class = LeerlingSerializer
    schrijfrecht = "cases.change_leerling"
    permission_classes = [HasScope]
    required_scopes = [Scope.LEERLINGEN_LEZEN]
    pagination_class = None
    etag_acties = frozenset({"retrieve", "zoeken"})

    def met_relaties(self, queryset):
        return queryset.select_related("school", "woongemeente").prefetch_related(
            Prefetch("inschrijvingen", queryset=Inschrijving.objects.select_related("school")),
            "ouders",
        )

    @extend_schema(
        summary=_("Eén leerling"),
        description=_(
            "De leerling met leerplichtdatums, school, woongemeente, inschrijvingen en ouders/verzorgers. "
            "Geeft 404 als de leerling niet bestaat of niet zichtbaar is voor u. Elke opvraging wordt "
            "vastgelegd in het auditlog (zonder BSN). Partnersystemen hebben de scope `leerlingen:lezen` nodig."
        ),
        responses={
            200: LeerlingSerializer,
            404: OpenApiResponse(description=_("Niet gevonden of niet zichtbaar.")),
        },
        tags=TAGS,
    )
    def retrieve(self, request: Request, pk: int) -> Response:
        # The pupil's access helper: 404 for missing and invisible alike, a refusal logged as denied,
        # a success as a read with the pupil (never the number).
        leerling = get_leerling_for_user(
            request.user, pk, request=request, gelezen="API: leerling", reason="API: leerling"
        )
        leerling = self.met_relaties(Leerling.objects.filter(pk=leerling.pk)).get()
        return Response(self.get_serializer(leerling).data)

    @extend_schema(
        summary=_("Leerling zoeken op BSN of onderwijsnummer"),
        description=_(
            "Zoekt één leerling op BSN of onderwijsnummer. Het nummer staat in de body, nooit in de URL "
            "(API Design Rules API-58), en komt niet in logregels of het auditlog. Geeft de leerling (200) "
            "of 404 als er geen leerling met dit nummer is die u mag zien. Een ongeldig nummer is een 400."
        ),
        request=LeerlingZoekenSerializer,
        responses={
            200: LeerlingSerializer,
            404: OpenApiResponse(description=_("Geen zichtbare leerling met dit nummer.")),
        },
        tags=TAGS,
    )
    def zoeken(self, request: Request) -> Response:
        invoer = LeerlingZoekenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        leerling = self.get_queryset().filter(**invoer.validated_data).first()
        soort = "BSN" if "bsn" in invoer.validated_data else "onderwijsnummer"
        audit_log(
            request=request,
            action=AuditEvent.Action.READ,
            obj=leerling,
            object_type="cases.leerling",
            leerling=leerling,
            result=AuditEvent.Result.OK if leerling else AuditEvent.Result.NOT_FOUND,
            reason=f"API: zoeken op {soort}",
        )
        if leerling is None:
            raise NotFound(_("Er is geen leerling met dit nummer die u mag zien."))
        return Response(self.get_serializer(leerling).data)


urlpatterns: list[URLPattern] = [
    path("leerlingen/zoeken", LeerlingViewSet.as_view({"post": "zoeken"}), name="api-leerling-zoeken"),
    path("leerlingen/<int:pk>", LeerlingViewSet.as_view({"get": "retrieve"}), name="api-leerling-detail"),
]


def register(router) -> None:
    # No collection on purpose (no list that could take ?bsn=); the two routes are in urlpatterns.
    pass
