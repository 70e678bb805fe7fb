"""API of verzuim, part: absence in batches (issue 12). Mounted under /api/v1/ by thuiszitters/api/urls.py.

`POST /api/v1/absenties`: a school administration system sends absence rows (BSN or onderwijsnummer in the
body, never in a URL). The rows are checked one by one in the service (`absenties_verwerken`), not by a
serializer per row: a DRF field tree costs ~100 µs a row, the service's checks a few, and the target is
10,000 rows per second on two cores. The serializers below describe the contract for the OpenAPI document
and the answer; the request's shape (an object with `rijen`) is checked here.
"""

from decimal import Decimal
from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.querysets import scholen_van_client
from partners.models import Organisatie
from swv.core.acting import lidmaatschap_van
from swv.core.api.authentication import is_api_client
from swv.core.api.exceptions import problem
from swv.core.api.permissions import HasScope
from swv.core.api.scopes import Scope
from swv.core.models import SCHOOL_ROLLEN

from ..models.absentie import MAX_UREN_PER_DAG, Reden
from ..services_absentie import TeVeelRijen, absenties_verwerken

TAGS = ["verzuim"]


class AbsentieRijSerializer(serializers.Serializer):
    externId = serializers.CharField(
        max_length=64,
        help_text=gettext_lazy("Uw eigen id van deze rij; dezelfde id nogmaals vervangt de rij."),
    )
    bsn = serializers.CharField(
        required=False, min_length=9, max_length=9, help_text=gettext_lazy("BSN (of onderwijsnummer).")
    )
    onderwijsnummer = serializers.CharField(
        required=False,
        min_length=9,
        max_length=9,
        help_text=gettext_lazy("Onderwijsnummer als er geen BSN is."),
    )
    datum = serializers.DateField(help_text=gettext_lazy("De dag van de afwezigheid; niet in de toekomst."))
    uren = serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_UREN_PER_DAG,
        help_text=gettext_lazy("Gemiste lesuren op die dag (meer dan 0, ten hoogste 12, twee decimalen)."),
    )
    geoorloofd = serializers.BooleanField(
        help_text=gettext_lazy("Geoorloofd (true) of ongeoorloofd (false).")
    )
    reden = serializers.ChoiceField(
        choices=Reden.choices, required=False, help_text=gettext_lazy("Reden; standaard 'onbekend'.")
    )
    toelichting = serializers.CharField(required=False, max_length=200, allow_blank=True)


class AbsentieZendingSerializer(serializers.Serializer):
    school = serializers.CharField(
        required=False,
        help_text=gettext_lazy(
            "Vestigingscode van de school; alleen nodig voor het systeem van een schoolbestuur. Het systeem van "
            "een school stuurt voor zichzelf."
        ),
    )
    rijen = AbsentieRijSerializer(many=True, help_text=gettext_lazy("Ten hoogste 10.000 rijen per keer."))


class RijFoutSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text=gettext_lazy("Plaats van de rij in `rijen` (vanaf 0)."))
    externId = serializers.CharField(source="extern_id")
    reden = serializers.CharField(help_text=gettext_lazy("Waarom de rij niet is opgeslagen."))


class AbsentieResultaatSerializer(serializers.Serializer):
    ontvangen = serializers.IntegerField()
    aangemaakt = serializers.IntegerField()
    bijgewerkt = serializers.IntegerField(
        help_text=gettext_lazy("Rijen met een bekende externId en nieuwe waarden.")
    )
    ongewijzigd = serializers.IntegerField(help_text=gettext_lazy("Rijen die al zo waren opgeslagen."))
    fouten = RijFoutSerializer(many=True)


def _school_van(request: Request, code: Any) -> Organisatie:
    """The school the batch is for: the client's own school, a school of the client's schoolbestuur (named
    by `school`), or the school of the person's school role. Anything else is a 403."""
    user: Any = request.user
    if is_api_client(user):
        client = user.api_client
        # The one rule for which schools a partner system works for (aanmeldingen and cases use it too).
        scholen = Organisatie.objects.filter(
            scholen_van_client(client),
            swv_id=client.swv_id,
            soort="school",
        )
        school = (
            scholen.filter(code=code).first() if code else scholen.filter(pk=client.organisatie_id).first()
        )
        if school is None:
            raise PermissionDenied(
                _("Deze client stuurt alleen absenties van de eigen school of scholen van het eigen bestuur.")
            )
        return school
    lidmaatschap = lidmaatschap_van(user)
    if lidmaatschap is None or lidmaatschap.rol not in SCHOOL_ROLLEN:
        raise PermissionDenied(_("Alleen een school stuurt absenties."))
    if code and code != lidmaatschap.organisatie.code:
        raise PermissionDenied(_("U stuurt absenties voor uw eigen school."))
    return lidmaatschap.organisatie


class AbsentiesView(APIView):
    """POST /api/v1/absenties."""

    permission_classes = [HasScope]
    required_scopes = {"POST": [Scope.VERZUIM_SCHRIJVEN]}

    @extend_schema(
        summary=gettext_lazy("Absenties sturen (in bulk)"),
        description=gettext_lazy(
            "Het leerlingadministratiesysteem van een school stuurt absenties per leerling per dag (client met "
            "`verzuim:schrijven`). Idempotent op `externId` per school: dezelfde zending nogmaals verandert niets, "
            "een rij met een bekende `externId` en andere waarden vervangt de eerdere. Een foute rij wordt met "
            "haar index en reden teruggemeld; de goede rijen worden wel opgeslagen (200). Een leerling moet op "
            "de datum op de school staan ingeschreven; een onbekend nummer en een leerling van een andere school "
            "krijgen hetzelfde antwoord. Ten hoogste 10.000 rijen (en 4 MB) per verzoek; meer is 413."
        ),
        request=AbsentieZendingSerializer,
        responses={200: AbsentieResultaatSerializer},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        # A person needs a school role before anything is read (403); a client passed its scope check.
        if not is_api_client(request.user):
            lidmaatschap = lidmaatschap_van(request.user)
            if lidmaatschap is None or lidmaatschap.rol not in SCHOOL_ROLLEN:
                raise PermissionDenied(_("Alleen een school stuurt absenties."))
        data = request.data
        if not isinstance(data, dict) or not isinstance(data.get("rijen"), list):
            raise ValidationError({"rijen": [_("Stuur een object met een lijst `rijen`.")]})
        onbekend = sorted(set(data) - {"school", "rijen"})
        if onbekend:
            raise ValidationError({naam: [_("Onbekend veld.")] for naam in onbekend})
        code = data.get("school")
        if code is not None and not isinstance(code, str):
            raise ValidationError({"school": [_("Geef de vestigingscode als tekst.")]})
        school = _school_van(request, code)
        try:
            resultaat = absenties_verwerken(by=request.user, school=school, rijen=data["rijen"])
        except TeVeelRijen as exc:
            return Response(
                problem(413, detail=str(exc), instance=request.path),
                status=413,
                content_type="application/problem+json",
            )
        return Response(AbsentieResultaatSerializer(resultaat).data)


urlpatterns: list[URLPattern] = [path("absenties", AbsentiesView.as_view(), name="api-absenties")]
