"""API of verzuim, part: verzuimmeldingen (issue 12). Mounted under /api/v1/ by thuiszitters/api/urls.py.

- `GET /api/v1/verzuimmeldingen`, `GET /api/v1/verzuimmeldingen/{id}` (`verzuim:lezen`): what
  `Verzuimmelding.objects.visible_to` gives the caller (thuiszitters/querysets.py, the pages' rule).
- `POST /api/v1/verzuimmeldingen` (`verzuim:schrijven`): a school's (or schoolbestuur's) system reports verzuim
  of a pupil enrolled at its school; the pupil by BSN or onderwijsnummer in the body, found as an absence
  batch finds it (`services_absentie.ingeschreven_leerling`). Idempotent on the sender's `externId` per school.
- `PATCH /api/v1/verzuimmeldingen/{id}` (`verzuim:schrijven`): leerplicht of the pupil's woongemeente handles
  the melding, the school withdraws it; through `services_melding` and the workflow's steps.

Who acts as what (school, leerplicht, neither) is `services_melding.rol_van`, for people and partner systems
alike; the services check the rights again, so this module only turns their answers into HTTP.
"""

from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cases.querysets import scholen_van_client
from cases.validators import normaliseer_nummer, validate_bsn, validate_onderwijsnummer
from partners.models import Organisatie
from swv.core.api.authentication import is_api_client
from swv.core.api.exceptions import Conflict
from swv.core.api.filters import StrictFilterSet
from swv.core.api.permissions import HasScope
from swv.core.api.scopes import Scope
from swv.core.api.serializers import StrictSerializer, als_api_fout
from swv.core.api.viewsets import TenantViewSet, collectie_schema, scopes

from ..models import Verzuimmelding
from ..models.melding import MeldingStatus, RedenAfgesloten, SoortVerzuim
from ..services_absentie import ingeschreven_leerling
from ..services_melding import (
    ZELF,
    contactpersoon_zoeken,
    melding_bijwerken,
    melding_indienen,
    melding_status,
    rol_van,
)
from ..workflow import OVERGANGEN

TAGS = ["verzuim"]
# Free text of a melding: generous for a real note, a limit for a hostile client (the body limit is 4 MB).
MAX_TEKST = 4000
# The service's ValidationError codes that mean "the melding is not in a state for this" (409, not 400).
CONFLICT_CODES = frozenset({"gewijzigd", "overgang", "afgerond"})


# --- serializers --------------------------------------------------------------------------------------


class MeldingSchoolSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=gettext_lazy("Id van de school."))
    naam = serializers.CharField(read_only=True, help_text=gettext_lazy("Naam van de school."))
    code = serializers.CharField(
        read_only=True, help_text=gettext_lazy("Vestigingscode (BRIN + volgnummer).")
    )


class MeldingLeerlingSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=gettext_lazy("Id van de leerling."))
    voornaam = serializers.CharField(read_only=True, help_text=gettext_lazy("Voornaam."))
    achternaam = serializers.CharField(read_only=True, help_text=gettext_lazy("Achternaam."))
    geboortedatum = serializers.DateField(read_only=True, help_text=gettext_lazy("Geboortedatum."))


class ContactpersoonSerializer(StrictSerializer):
    naam = serializers.CharField(
        source="get_full_name", read_only=True, help_text=gettext_lazy("Naam van de contactpersoon.")
    )
    email = serializers.EmailField(read_only=True, help_text=gettext_lazy("E-mailadres."))


def _tekst(bron: str | None, hulp: Any, *, max_length: int = MAX_TEKST) -> serializers.CharField:
    """An optional text field of the input; `bron` None when the API name is the model's."""
    if bron is None:
        return serializers.CharField(required=False, allow_blank=True, max_length=max_length, help_text=hulp)
    return serializers.CharField(
        source=bron, required=False, allow_blank=True, max_length=max_length, help_text=hulp
    )


class VerzuimmeldingSerializer(StrictSerializer):
    """A melding as the API shows it: the school's part, the gemeente's part, who and when. No BSN."""

    id = serializers.IntegerField(read_only=True, help_text=gettext_lazy("Id van de melding."))
    status = serializers.ChoiceField(
        choices=MeldingStatus.choices, read_only=True, help_text=gettext_lazy("Status van de melding.")
    )
    school = MeldingSchoolSerializer(read_only=True, help_text=gettext_lazy("De school die meldde."))
    leerling = MeldingLeerlingSerializer(read_only=True, help_text=gettext_lazy("De leerling."))
    begindatum = serializers.DateField(read_only=True, help_text=gettext_lazy("Begindatum van het verzuim."))
    einddatum = serializers.DateField(
        read_only=True, allow_null=True, help_text=gettext_lazy("Einddatum van het verzuim, als bekend.")
    )
    vermoedelijkeSoort = serializers.ChoiceField(
        source="vermoedelijke_soort",
        choices=SoortVerzuim.choices,
        read_only=True,
        help_text=gettext_lazy("Vermoedelijke soort verzuim."),
    )
    vermoedelijkeReden = serializers.CharField(source="vermoedelijke_reden", read_only=True)
    alleLessenGemist = serializers.BooleanField(source="alle_lessen_gemist", read_only=True)
    actieSchool = serializers.CharField(source="actie_school", read_only=True)
    actieGemeenteGewenst = serializers.BooleanField(source="actie_gemeente_gewenst", read_only=True)
    toelichtingActieGewenst = serializers.CharField(source="toelichting_actie_gewenst", read_only=True)
    leslocatie = serializers.CharField(read_only=True)
    melderNaam = serializers.CharField(source="melder_naam", read_only=True)
    melderFunctie = serializers.CharField(source="melder_functie", read_only=True)
    melderTelefoon = serializers.CharField(source="melder_telefoon", read_only=True)
    melderEmail = serializers.CharField(source="melder_email", read_only=True)
    telefoonOuderLeerling = serializers.CharField(source="telefoon_ouder_leerling", read_only=True)
    verblijfadres = serializers.CharField(read_only=True)
    verzuimdagen = serializers.IntegerField(read_only=True, allow_null=True)
    verzuimuren = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True, allow_null=True)
    duoMeldingnummer = serializers.CharField(source="duo_meldingnummer", read_only=True)
    redenAfgesloten = serializers.ChoiceField(
        source="reden_afgesloten",
        choices=[("", "")] + list(RedenAfgesloten.choices),
        read_only=True,
        help_text=gettext_lazy("Reden van afsluiten; leeg zolang de melding niet is afgesloten."),
    )
    toelichtingGemeente = serializers.CharField(source="toelichting_gemeente", read_only=True)
    contactpersoon = ContactpersoonSerializer(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("De gemeentelijke contactpersoon (leerplicht), of null."),
    )
    externId = serializers.CharField(
        source="extern_id",
        read_only=True,
        help_text=gettext_lazy("Referentie van de afzender; kan leeg zijn."),
    )
    ingediendOp = serializers.DateTimeField(source="ingediend_op", read_only=True)
    afgehandeldOp = serializers.DateTimeField(source="afgehandeld_op", read_only=True, allow_null=True)
    gewijzigdOp = serializers.DateTimeField(source="gewijzigd_op", read_only=True)


class VerzuimmeldingInvoerSerializer(StrictSerializer):
    """The school's part of the Besluit verzuimmelding (services_melding.SCHOOLVELDEN), plus who and where."""

    externId = serializers.CharField(
        source="extern_id",
        required=False,
        max_length=64,
        help_text=gettext_lazy(
            "Uw eigen kenmerk van deze melding (verplicht voor een koppeling, tot 64 tekens). Dezelfde "
            "`externId` nogmaals geeft de bestaande melding terug (200) in plaats van een tweede."
        ),
    )
    school = serializers.CharField(
        required=False,
        max_length=20,
        help_text=gettext_lazy(
            "Vestigingscode van de school; alleen nodig voor het systeem van een schoolbestuur. Het systeem van "
            "een school meldt voor zichzelf."
        ),
    )
    bsn = serializers.CharField(required=False, max_length=20, help_text=gettext_lazy("BSN (9 cijfers)."))
    onderwijsnummer = serializers.CharField(
        required=False, max_length=20, help_text=gettext_lazy("Onderwijsnummer, als er geen BSN is.")
    )
    begindatum = serializers.DateField(
        help_text=gettext_lazy("Begindatum van het verzuim; niet in de toekomst.")
    )
    einddatum = serializers.DateField(
        required=False, allow_null=True, help_text=gettext_lazy("Einddatum, niet voor de begindatum.")
    )
    vermoedelijkeSoort = serializers.ChoiceField(
        source="vermoedelijke_soort",
        choices=SoortVerzuim.choices,
        help_text=gettext_lazy("Vermoedelijke soort verzuim."),
    )
    vermoedelijkeReden = _tekst("vermoedelijke_reden", gettext_lazy("Vermoedelijke reden."))
    alleLessenGemist = serializers.BooleanField(
        source="alle_lessen_gemist", required=False, help_text=gettext_lazy("Alle lessen gemist.")
    )
    actieSchool = _tekst("actie_school", gettext_lazy("Door de school ondernomen actie."))
    actieGemeenteGewenst = serializers.BooleanField(
        source="actie_gemeente_gewenst",
        required=False,
        help_text=gettext_lazy("Actie door de gemeente gewenst."),
    )
    toelichtingActieGewenst = _tekst(
        "toelichting_actie_gewenst", gettext_lazy("Toelichting op de gewenste actie.")
    )
    leslocatie = _tekst(None, gettext_lazy("Leslocatie."), max_length=200)
    melderNaam = serializers.CharField(
        source="melder_naam", max_length=150, help_text=gettext_lazy("Naam van de melder.")
    )
    melderFunctie = _tekst("melder_functie", gettext_lazy("Functie van de melder."), max_length=100)
    melderTelefoon = _tekst("melder_telefoon", gettext_lazy("Telefoon van de melder."), max_length=30)
    melderEmail = serializers.EmailField(
        source="melder_email",
        required=False,
        allow_blank=True,
        max_length=254,
        help_text=gettext_lazy("E-mail van de melder."),
    )
    telefoonOuderLeerling = _tekst(
        "telefoon_ouder_leerling", gettext_lazy("Telefoon van ouder of leerling."), max_length=30
    )
    verblijfadres = _tekst(
        None,
        gettext_lazy("Verblijfadres, alleen als dit afwijkt van het woonadres."),
        max_length=250,
    )
    verzuimdagen = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=366,
        help_text=gettext_lazy("Aantal verzuimdagen."),
    )
    verzuimuren = serializers.DecimalField(
        required=False,
        allow_null=True,
        max_digits=6,
        decimal_places=2,
        min_value=0,
        help_text=gettext_lazy("Aantal verzuimuren (twee decimalen)."),
    )
    duoMeldingnummer = _tekst(
        "duo_meldingnummer",
        gettext_lazy("Meldingnummer van DUO, als de school ook bij DUO meldde."),
        max_length=30,
    )

    def validate(self, attrs):
        # Exactly one number, valid by its check (the same validators as every other pupil input of the API).
        gevonden = {}
        for naam, controle in (("bsn", validate_bsn), ("onderwijsnummer", validate_onderwijsnummer)):
            waarde = normaliseer_nummer(attrs.get(naam) or "")
            if waarde:
                try:
                    controle(waarde)
                except DjangoValidationError as exc:
                    raise serializers.ValidationError({naam: exc.messages}) from exc
                gevonden[naam] = waarde
        if len(gevonden) != 1:
            raise serializers.ValidationError(
                {"bsn": [_("Geef een BSN of een onderwijsnummer (precies één van beide).")]}
            )
        attrs.pop("bsn", None)
        attrs.pop("onderwijsnummer", None)
        attrs.update(gevonden)
        return attrs


class VerzuimmeldingWijzigSerializer(StrictSerializer):
    status = serializers.ChoiceField(
        choices=MeldingStatus.choices,
        required=False,
        help_text=gettext_lazy(
            "De nieuwe status. Leerplicht: in_behandeling, afgesloten (met redenAfgesloten) of "
            "ter_kennisneming; de school: ingetrokken."
        ),
    )
    # A plain text, not a second enum of the same statuses (one status enum in the OpenAPI document).
    van = serializers.CharField(
        required=False,
        max_length=20,
        help_text=gettext_lazy(
            "De status die u verwacht (uit uw laatste GET). Is die intussen anders, dan volgt 409."
        ),
    )
    redenAfgesloten = serializers.ChoiceField(
        source="reden_afgesloten",
        choices=RedenAfgesloten.choices,
        required=False,
        help_text=gettext_lazy("Reden van afsluiten; verplicht bij status afgesloten, en alleen dan."),
    )
    toelichting = _tekst(None, gettext_lazy("Toelichting van de gemeente."))
    contactpersoon = serializers.EmailField(
        required=False,
        max_length=254,
        help_text=gettext_lazy(
            "E-mailadres van de gemeentelijke contactpersoon: een leerplichtambtenaar van de woongemeente van de "
            "leerling met een account in Ketenregie."
        ),
    )

    def validate_van(self, waarde: str) -> str:
        if waarde not in MeldingStatus.values:
            raise serializers.ValidationError(_("Onbekende status."))
        return waarde

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(
                {"nonFieldErrors": [_("Stuur ten minste één veld om te wijzigen.")]}
            )
        if "reden_afgesloten" in attrs and attrs.get("status") != MeldingStatus.AFGESLOTEN:
            raise serializers.ValidationError({"redenAfgesloten": [_("Alleen bij status afgesloten.")]})
        return attrs


class VerzuimmeldingFilter(StrictFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=MeldingStatus.choices,
        help_text=gettext_lazy("Status; meer keren opgeven voor meer statussen."),
    )
    school = django_filters.NumberFilter(field_name="school_id", help_text=gettext_lazy("Id van de school."))
    leerling = django_filters.NumberFilter(
        field_name="leerling_id", help_text=gettext_lazy("Id van de leerling.")
    )
    ingediendSinds = django_filters.IsoDateTimeFilter(
        field_name="ingediend_op",
        lookup_expr="gte",
        help_text=gettext_lazy("Alleen meldingen gedaan op of na dit moment (ISO 8601)."),
    )
    gewijzigdSinds = django_filters.IsoDateTimeFilter(
        field_name="gewijzigd_op",
        lookup_expr="gte",
        help_text=gettext_lazy(
            "Alleen meldingen gewijzigd op of na dit moment (ISO 8601); voor een koppeling die bijhoudt."
        ),
    )

    class Meta:
        model = Verzuimmelding
        fields = ["status", "school", "leerling", "ingediendSinds", "gewijzigdSinds"]


# --- view ---------------------------------------------------------------------------------------------


def _wie_mag_naar(naar: str) -> set[str]:
    """Which kinds ("school", "leerplicht") the workflow lets move a melding to `naar` from any status."""
    return {wie for stappen in OVERGANGEN.values() for status_, wie in stappen.items() if status_ == naar}


@collectie_schema(
    gettext_lazy("verzuimmelding"),
    gettext_lazy("verzuimmeldingen"),
    tags=TAGS,
    list=gettext_lazy(
        "Verzuimmeldingen die u mag zien: het SWV alle, een school die van de eigen school, leerplicht die van "
        "de leerlingen die in de eigen gemeente wonen. Een koppeling (client met `verzuim:lezen`) ziet wat haar "
        "organisatie zou zien: het systeem van het SWV-bureau alle, dat van een school of schoolbestuur die "
        "van de eigen scholen, dat van een gemeente of leerplichtorganisatie die van de leerlingen van de "
        "gemeente. Filters: `status` (meer keren), `school` (id), `leerling` (id), `ingediendSinds`, "
        "`gewijzigdSinds`. Nieuwste melding eerst."
    ),
    extra={
        "create": extend_schema(
            summary=gettext_lazy("Verzuim melden"),
            description=gettext_lazy(
                "Het systeem van een school of schoolbestuur (client met `verzuim:schrijven`) of een "
                "schoolmedewerker meldt verzuim met alle velden van het Besluit verzuimmelding. De leerling "
                "staat met BSN of onderwijsnummer in de body (nooit in de URL) en moet op de begindatum op de "
                "school staan ingeschreven; een onbekend nummer en een leerling van een andere school krijgen "
                "hetzelfde antwoord. Dezelfde `externId` nogmaals geeft de bestaande melding terug met 200, "
                "nooit een tweede. Ongeldige invoer geeft 400 met per veld een reden; er wordt dan niets "
                "opgeslagen. Een client van een andere soort organisatie krijgt 403."
            ),
            request=VerzuimmeldingInvoerSerializer,
            responses={
                201: VerzuimmeldingSerializer,
                200: OpenApiResponse(
                    VerzuimmeldingSerializer, description=gettext_lazy("Bestond al (zelfde externId).")
                ),
            },
            tags=TAGS,
        ),
        "partial_update": extend_schema(
            summary=gettext_lazy("Verzuimmelding behandelen of intrekken"),
            description=gettext_lazy(
                "Leerplicht van de woongemeente van de leerling (of het systeem van die gemeente of "
                "leerplichtorganisatie) behandelt de melding: status in_behandeling, afgesloten (met "
                "`redenAfgesloten`) of ter_kennisneming, `toelichting` en `contactpersoon`. De school (of haar "
                "systeem) kan alleen haar eigen melding intrekken (ingetrokken) zolang niemand haar behandelt. "
                "Een stap die de workflow vanuit de huidige status niet toestaat, een verouderde `van` en een "
                "wijziging van een afgeronde melding geven 409; een verouderde `If-Match` 412; een client of "
                "persoon die deze stap nooit mag zetten 403."
            ),
            request=VerzuimmeldingWijzigSerializer,
            responses={200: VerzuimmeldingSerializer},
            tags=TAGS,
        ),
    },
)
class VerzuimmeldingViewSet(TenantViewSet):
    model = Verzuimmelding
    serializer_class = VerzuimmeldingSerializer
    invoer_serializer_class = VerzuimmeldingInvoerSerializer
    wijzig_serializer_class = VerzuimmeldingWijzigSerializer
    # People are checked here and by the services (school, leerplicht), partner systems by scope and kind.
    permission_classes = [HasScope]
    required_scopes = scopes(lezen=[Scope.VERZUIM_LEZEN], schrijven=[Scope.VERZUIM_SCHRIJVEN])
    filterset_class = VerzuimmeldingFilter
    audit_lezen = ("thuiszitters.verzuimmelding", "verzuimmelding", "verzuimmeldingen")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def met_relaties(self, queryset):
        # One query for a page, whatever its size; newest first, the id breaks ties so pages are stable.
        return queryset.select_related("leerling", "school", "contactpersoon").order_by(
            "-ingediend_op", "-pk"
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        # A person without a verzuim role (ketenpartner, bestuurder, beheerder) is refused, not shown an empty list.
        if not is_api_client(request.user) and not request.user.has_perm("thuiszitters.module"):
            raise PermissionDenied(_("Verzuimmeldingen zijn er voor het SWV, scholen en leerplicht."))
        return super().list(request, *args, **kwargs)

    def _school(self, code: str | None) -> Organisatie:
        """The school the melding is for: a client's own school or a school of its bestuur (by `school`), or the
        school of the person's school role. Anything else is a 403."""
        user: Any = self.request.user
        soort, organisatie = rol_van(user)
        if soort != "school":
            raise PermissionDenied(
                _("Alleen een school (of het systeem van een school of schoolbestuur) meldt verzuim.")
            )
        if is_api_client(user):
            scholen = Organisatie.objects.filter(
                scholen_van_client(user.api_client), swv_id=user.api_client.swv_id, soort="school"
            )
            if not code and organisatie.soort == "schoolbestuur":
                raise serializers.ValidationError(
                    {"school": [_("Geef de vestigingscode van de school waarvoor u meldt.")]}
                )
            school = scholen.filter(code=code).first() if code else scholen.filter(pk=organisatie.pk).first()
            if school is None:
                raise PermissionDenied(
                    _(
                        "Deze client meldt alleen verzuim voor de eigen school of de scholen van het eigen bestuur."
                    )
                )
            return school
        if code and code != organisatie.code:
            raise PermissionDenied(_("U meldt verzuim voor uw eigen school."))
        return organisatie

    def create(self, request: Request) -> Response:
        user: Any = request.user
        # A person needs a school role before anything is read (403); a partner system passed its scope check
        # and is told about its input first, as for absence batches.
        if not is_api_client(user) and rol_van(user)[0] != "school":
            raise PermissionDenied(_("Alleen een school meldt verzuim."))
        invoer = self._invoer(VerzuimmeldingInvoerSerializer, request.data)
        velden = dict(invoer.validated_data)
        extern_id = velden.pop("extern_id", "").strip()
        school = self._school(velden.pop("school", None))
        bsn, onderwijsnummer = velden.pop("bsn", ""), velden.pop("onderwijsnummer", "")
        if is_api_client(user) and not extern_id:
            raise serializers.ValidationError({"externId": [_("Geef uw eigen kenmerk van deze melding.")]})
        if extern_id and (bestaand := self._bestaand(school, extern_id)) is not None:
            return self._uitvoer(bestaand, status.HTTP_200_OK)
        leerling = ingeschreven_leerling(
            school, bsn=bsn, onderwijsnummer=onderwijsnummer, op=velden["begindatum"]
        )
        if leerling is None:
            # The same answer for an unknown number and another school's pupil (no probing of BSNs).
            raise serializers.ValidationError(
                {
                    "bsn" if bsn else "onderwijsnummer": [
                        _("Geen leerling met dit nummer ingeschreven op deze school op de begindatum.")
                    ]
                }
            )
        try:
            melding = melding_indienen(
                by=user, leerling=leerling, velden=velden, school=school, extern_id=extern_id
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            # Two sends of the same melding at once: the database let one in; the other gets that one.
            if extern_id and (bestaand := self._bestaand(school, extern_id)) is not None:
                return self._uitvoer(bestaand, status.HTTP_200_OK)
            raise als_api_fout(exc, invoer) from exc
        return self._uitvoer(melding, status.HTTP_201_CREATED)

    @staticmethod
    def _bestaand(school, extern_id: str) -> Verzuimmelding | None:
        return Verzuimmelding.objects.filter(school=school, extern_id=extern_id).first()

    def partial_update(self, request: Request, pk: int) -> Response:
        melding = self.get_object()  # 404 for a melding the caller does not see; 412 for a stale If-Match
        user: Any = request.user
        soort, _organisatie = rol_van(user)
        if soort == "":
            raise PermissionDenied(
                _(
                    "Alleen leerplicht van de woongemeente behandelt een melding; de school kan haar melding intrekken."
                )
            )
        invoer = self._invoer(VerzuimmeldingWijzigSerializer, request.data)
        velden = dict(invoer.validated_data)
        naar = velden.get("status")
        if soort == "school" and set(velden) - {"status", "van"}:
            raise PermissionDenied(
                _("Het deel van de gemeente vult leerplicht in; de school kan alleen intrekken.")
            )
        if naar and soort not in (wie := _wie_mag_naar(naar)) and wie:
            raise PermissionDenied(
                _("Alleen %(wie)s zet een melding op „%(naar)s”.")
                % {
                    "wie": _("de school") if "school" in wie else _("leerplicht"),
                    "naar": MeldingStatus(naar).label,
                }
            )
        contactpersoon = None
        if "contactpersoon" in velden:
            contactpersoon = contactpersoon_zoeken(melding=melding, email=velden["contactpersoon"])
            if contactpersoon is None:
                raise serializers.ValidationError(
                    {
                        "contactpersoon": [
                            _(
                                "Geen leerplichtambtenaar van de woongemeente van de leerling met dit e-mailadres."
                            )
                        ]
                    }
                )
        try:
            if naar and naar != melding.status:
                melding = melding_status(
                    by=user,
                    melding=melding,
                    naar=naar,
                    van=velden.get("van"),
                    reden_afgesloten=velden.get("reden_afgesloten", ""),
                    toelichting=velden.get("toelichting", ""),
                    contactpersoon=ZELF if contactpersoon is None else contactpersoon,
                )
            elif "toelichting" in velden or contactpersoon is not None:
                melding = melding_bijwerken(
                    by=user,
                    melding=melding,
                    toelichting=velden.get("toelichting"),
                    contactpersoon=ZELF if contactpersoon is None else contactpersoon,
                    van=velden.get("van"),
                )
            # else: the status it already has, nothing else: nothing to do (a resent PATCH is harmless).
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            codes = {e.code for fouten in getattr(exc, "error_dict", {}).values() for e in fouten}
            if codes & CONFLICT_CODES:
                raise Conflict(exc.messages[0]) from exc
            raise als_api_fout(exc, invoer) from exc
        return self._uitvoer(melding)


def register(router) -> None:
    router.register("verzuimmeldingen", VerzuimmeldingViewSet, basename="api-verzuimmelding")
