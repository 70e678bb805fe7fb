"""What the partner registry looks like over the API, and what a caller may send.

Field names are camelCase (NL API Design Rules, like /api/v1/ik); `source` maps them to the model.
Related organisations are shown as a short object (id, naam, soort), never a bare id, so a partner system
needs no second call to show a name. Output and input serializers are separate: the output shows derived
and nested data, the input accepts ids, and ids of another SWV do not exist for the caller.
"""

from typing import NoReturn

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from swv.core.api.serializers import StrictSerializer

from ..models import Afspraak, Doelgroep, Jeugdzorgregio, Niveau, Organisatie, Persoon, Voorziening

# --- related objects ---------------------------------------------------------------------------------


class OrganisatieKortSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de organisatie."))
    naam = serializers.CharField(read_only=True, help_text=_("Naam van de organisatie."))
    soort = serializers.ChoiceField(
        choices=Organisatie.Soort.choices, read_only=True, help_text=_("Soort organisatie.")
    )


class JeugdzorgregioKortSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de jeugdzorgregio."))
    naam = serializers.CharField(read_only=True, help_text=_("Naam van de jeugdzorgregio."))
    code = serializers.CharField(read_only=True, help_text=_("Code van de regio; kan leeg zijn."))


class SwvRelatedField(serializers.PrimaryKeyRelatedField):
    """An id of an object in the caller's SWV (the view puts it in the context as `swv`).

    An id of another SWV is answered as "bestaat niet", exactly like an id that does not exist.
    `soort` narrows organisations to one kind (a gemeente for `werkgebied`, a schoolbestuur, ...).
    """

    default_error_messages = {
        "does_not_exist": _("Er is geen %(soort)s met id {pk_value} in dit samenwerkingsverband."),
        "incorrect_type": _("Geef een id (een geheel getal), geen {data_type}."),
    }

    def __init__(self, *, soort: str | None = None, omschrijving: str | Promise = "", **kwargs) -> None:
        self.soort = soort
        self.omschrijving = omschrijving or (soort or str(_("object")))
        super().__init__(**kwargs)

    def get_queryset(self):
        qs = super().get_queryset()
        assert qs is not None  # a writable related field always has its queryset (organisatie_veld)
        qs = qs.filter(swv=self.context["swv"])
        return qs.filter(soort=self.soort) if self.soort else qs

    def fail(self, key: str, **kwargs) -> NoReturn:
        if key == "does_not_exist":
            message = str(self.error_messages[key]) % {"soort": self.omschrijving}
            raise serializers.ValidationError(message.format(**kwargs), code=key)
        super().fail(key, **kwargs)


def organisatie_veld(
    *, soort: str | None = None, omschrijving: str | Promise = "", **kwargs
) -> SwvRelatedField:
    return SwvRelatedField(
        queryset=Organisatie.objects.all(), soort=soort, omschrijving=omschrijving, **kwargs
    )


# --- organisaties -------------------------------------------------------------------------------------


class OrganisatieSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de organisatie."))
    naam = serializers.CharField(help_text=_("Naam van de organisatie."))
    soort = serializers.ChoiceField(choices=Organisatie.Soort.choices, help_text=_("Soort organisatie."))
    domein = serializers.CharField(
        read_only=True,
        help_text=_("Afgeleid van de soort: onderwijs, zorg, gemeente, werk of overig."),
    )
    code = serializers.CharField(
        help_text=_(
            "Vestigingscode (BRIN + 2 cijfers) voor een school, CBS-code voor een gemeente, "
            "bevoegd-gezagnummer voor een schoolbestuur; anders leeg."
        )
    )
    soortOnderwijs = serializers.CharField(
        source="soort_onderwijs",
        help_text=_("Voor een school: BAO, SBAO, SO, VO, PRO, VSO of MBO; anders leeg."),
    )
    gemeente = OrganisatieKortSerializer(
        allow_null=True, help_text=_("De gemeente waar een school staat of waarvoor een team werkt.")
    )
    schoolbestuur = OrganisatieKortSerializer(allow_null=True, help_text=_("Het bestuur van een school."))
    bevoegdGezagNummer = serializers.CharField(
        source="bevoegd_gezag_nummer", help_text=_("DUO-nummer van het bevoegd gezag (schoolbestuur).")
    )
    denominatie = serializers.CharField(help_text=_("Richting van een school, zoals openbaar."))
    straat = serializers.CharField(help_text=_("Straat van het bezoekadres."))
    huisnummer = serializers.CharField(help_text=_("Huisnummer met toevoeging."))
    postcode = serializers.CharField(help_text=_("Postcode."))
    plaats = serializers.CharField(help_text=_("Plaats."))
    telefoon = serializers.CharField(help_text=_("Algemeen telefoonnummer."))
    email = serializers.CharField(help_text=_("Algemeen e-mailadres."))
    website = serializers.CharField(help_text=_("Website."))
    # source: the list the view prefetched with Prefetch(to_attr=...): no queryset per row (issue 9).
    werkgebied = OrganisatieKortSerializer(
        many=True, source="werkgebied_lijst", help_text=_("De gemeenten waar de organisatie werkt.")
    )
    jeugdzorgregio = JeugdzorgregioKortSerializer(
        allow_null=True, help_text=_("Voor een gemeente: de jeugdzorgregio waarin zij jeugdhulp inkoopt.")
    )
    inWerkgebied = serializers.BooleanField(
        source="in_werkgebied", help_text=_("Voor een gemeente: ligt in het werkgebied van het SWV.")
    )
    actief = serializers.BooleanField(help_text=_("Onwaar als de samenwerking is beëindigd."))
    einddatum = serializers.DateField(allow_null=True, help_text=_("Wanneer de samenwerking eindigde."))


class OrganisatieInvoerSerializer(StrictSerializer):
    """New organisation (POST) or changes (PATCH: only the fields sent)."""

    naam = serializers.CharField(max_length=200, help_text=_("Naam van de organisatie."))
    soort = serializers.ChoiceField(choices=Organisatie.Soort.choices, help_text=_("Soort organisatie."))
    code = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        help_text=_(
            "Vestigingscode (bijvoorbeeld 05KO00) voor een school, CBS-code (4 cijfers) voor een gemeente, "
            "bevoegd-gezagnummer voor een schoolbestuur; anders leeg. Uniek per soort binnen het SWV."
        ),
    )
    soortOnderwijs = serializers.ChoiceField(
        source="soort_onderwijs",
        choices=Organisatie.SoortOnderwijs.choices,
        required=False,
        allow_blank=True,
        help_text=_("Alleen voor een school."),
    )
    gemeente = organisatie_veld(
        soort=Organisatie.Soort.GEMEENTE,
        omschrijving=_("gemeente"),
        required=False,
        allow_null=True,
        help_text=_("Id van de gemeente waar een school staat of waarvoor een team werkt."),
    )
    schoolbestuur = organisatie_veld(
        soort=Organisatie.Soort.SCHOOLBESTUUR,
        omschrijving=_("schoolbestuur"),
        required=False,
        allow_null=True,
        help_text=_("Id van het schoolbestuur (alleen voor een school)."),
    )
    bevoegdGezagNummer = serializers.CharField(
        source="bevoegd_gezag_nummer",
        max_length=10,
        required=False,
        allow_blank=True,
        help_text=_("DUO-nummer van het bevoegd gezag."),
    )
    denominatie = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text=_("Richting.")
    )
    straat = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text=_("Straat."))
    huisnummer = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text=_("Huisnummer.")
    )
    postcode = serializers.CharField(
        max_length=10, required=False, allow_blank=True, help_text=_("Postcode.")
    )
    plaats = serializers.CharField(max_length=100, required=False, allow_blank=True, help_text=_("Plaats."))
    telefoon = serializers.CharField(
        max_length=30, required=False, allow_blank=True, help_text=_("Telefoon.")
    )
    email = serializers.EmailField(required=False, allow_blank=True, help_text=_("E-mailadres."))
    website = serializers.URLField(required=False, allow_blank=True, help_text=_("Website (https://…)."))
    werkgebied = organisatie_veld(
        soort=Organisatie.Soort.GEMEENTE,
        omschrijving=_("gemeente"),
        many=True,
        required=False,
        help_text=_("Ids van de gemeenten waar de organisatie werkt."),
    )
    jeugdzorgregio = SwvRelatedField(
        queryset=Jeugdzorgregio.objects.all(),
        omschrijving=_("jeugdzorgregio"),
        required=False,
        allow_null=True,
        help_text=_("Id van de jeugdzorgregio (alleen voor een gemeente)."),
    )
    inWerkgebied = serializers.BooleanField(
        source="in_werkgebied", required=False, help_text=_("Alleen voor een gemeente.")
    )
    actief = serializers.BooleanField(required=False, help_text=_("Onwaar: de samenwerking is beëindigd."))
    dubbelToegestaan = serializers.BooleanField(
        source="dubbel_toegestaan",
        required=False,
        help_text=_(
            "Bij toevoegen, en bij wijzigen van naam, soort of gemeente: true slaat de organisatie op ook "
            "als er al een andere is met dezelfde naam, soort en gemeente (zonder: 400 met code "
            "mogelijk_dubbel op naam)."
        ),
    )
    einddatum = serializers.DateField(
        required=False, allow_null=True, help_text=_("Einde van de samenwerking.")
    )


# --- sleutelfiguren ----------------------------------------------------------------------------------


class PersoonSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de persoon."))
    naam = serializers.CharField(read_only=True, help_text=_("Volledige naam."))
    voornaam = serializers.CharField(help_text=_("Voornaam."))
    tussenvoegsel = serializers.CharField(help_text=_("Tussenvoegsel; kan leeg zijn."))
    achternaam = serializers.CharField(help_text=_("Achternaam."))


class SleutelfiguurSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van deze rol van de persoon."))
    persoon = PersoonSerializer(
        help_text=_("De persoon; na een overstap dezelfde persoon in een nieuwe rol.")
    )
    organisatie = OrganisatieKortSerializer(help_text=_("De organisatie waar de persoon deze rol heeft."))
    functie = serializers.CharField(help_text=_("Functie, zoals jeugdarts of leerplichtambtenaar."))
    niveau = serializers.ChoiceField(
        choices=Niveau.choices,
        help_text=_("Niveau op de routekaart: uitvoering, organisatie of bestuur & beleid."),
    )
    onderwerpen = serializers.ListField(
        child=serializers.CharField(), help_text=_("Onderwerpen waarvoor de persoon aanspreekpunt is.")
    )
    gemeenten = OrganisatieKortSerializer(
        many=True,
        source="gemeenten_lijst",
        help_text=_(
            "Gemeenten waarvoor de persoon aanspreekpunt is; leeg: het hele werkgebied van de organisatie."
        ),
    )
    telefoon = serializers.CharField(help_text=_("Telefoon voor deze rol."))
    email = serializers.CharField(help_text=_("E-mailadres voor deze rol."))
    van = serializers.DateField(help_text=_("Begin van de rol."))
    tot = serializers.DateField(allow_null=True, help_text=_("Einde van de rol; leeg: loopt nog."))
    actueel = serializers.BooleanField(
        source="is_huidig",
        read_only=True,
        help_text=_("Waar als de rol nu loopt: begonnen (van op of vóór vandaag) en nog niet beëindigd."),
    )


class PersoonInvoerSerializer(StrictSerializer):
    voornaam = serializers.CharField(max_length=100, help_text=_("Voornaam."))
    tussenvoegsel = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text=_("Tussenvoegsel.")
    )
    achternaam = serializers.CharField(max_length=100, help_text=_("Achternaam."))
    email = serializers.EmailField(
        required=False, allow_blank=True, help_text=_("E-mailadres van de persoon.")
    )
    telefoon = serializers.CharField(
        max_length=30, required=False, allow_blank=True, help_text=_("Telefoon van de persoon.")
    )


class SleutelfiguurWijzigSerializer(StrictSerializer):
    """Changes to a role (PATCH). Another organisation is a move: `POST …/verhuizen`, so history stays."""

    functie = serializers.CharField(max_length=200, help_text=_("Functie."))
    niveau = serializers.ChoiceField(choices=Niveau.choices, help_text=_("Niveau op de routekaart."))
    onderwerpen = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, help_text=_("Onderwerpen.")
    )
    gemeenten = organisatie_veld(
        soort=Organisatie.Soort.GEMEENTE,
        omschrijving=_("gemeente"),
        many=True,
        required=False,
        help_text=_("Ids van de gemeenten waarvoor de persoon aanspreekpunt is; leeg: het hele werkgebied."),
    )
    telefoon = serializers.CharField(
        max_length=30, required=False, allow_blank=True, help_text=_("Telefoon voor deze rol.")
    )
    email = serializers.EmailField(
        required=False, allow_blank=True, help_text=_("E-mailadres voor deze rol.")
    )
    van = serializers.DateField(required=False, help_text=_("Begin van de rol; standaard vandaag."))
    tot = serializers.DateField(required=False, allow_null=True, help_text=_("Einde van de rol."))


class SleutelfiguurInvoerSerializer(SleutelfiguurWijzigSerializer):
    """A new role: for an existing person (`persoonId`) or a new one (`persoon`), at an organisation."""

    persoonId = SwvRelatedField(
        queryset=Persoon.objects.all(),
        omschrijving=_("persoon"),
        required=False,
        allow_null=True,
        help_text=_("Id van een bestaande persoon (bijvoorbeeld iemand met al een rol elders)."),
    )
    persoon = PersoonInvoerSerializer(
        required=False, help_text=_("Een nieuwe persoon, als er geen persoonId is.")
    )
    organisatie = organisatie_veld(omschrijving=_("organisatie"), help_text=_("Id van de organisatie."))

    def validate(self, attrs: dict) -> dict:
        if bool(attrs.get("persoonId")) == bool(attrs.get("persoon")):
            raise serializers.ValidationError(
                {
                    "persoon": _(
                        "Geef een bestaande persoon (persoonId) óf een nieuwe persoon (persoon), niet allebei."
                    )
                }
            )
        return attrs


class VerhuizenSerializer(StrictSerializer):
    """A move to another organisation: the current role ends, a new one starts."""

    naarOrganisatie = organisatie_veld(
        source="naar_organisatie", omschrijving=_("organisatie"), help_text=_("Id van de nieuwe organisatie.")
    )
    functie = serializers.CharField(max_length=200, help_text=_("Functie bij de nieuwe organisatie."))
    per = serializers.DateField(
        required=False,
        help_text=_("Datum van de overstap: de oude rol eindigt, de nieuwe begint; standaard vandaag."),
    )

    def validate(self, attrs: dict) -> dict:
        attrs.setdefault("per", timezone.localdate())
        return attrs


# --- afspraken ----------------------------------------------------------------------------------------


class AfspraakSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de afspraak."))
    soort = serializers.ChoiceField(choices=Afspraak.Soort.choices, help_text=_("Soort afspraak."))
    titel = serializers.CharField(help_text=_("Titel."))
    partijen = OrganisatieKortSerializer(
        many=True, source="partijen_lijst", help_text=_("De organisaties die de afspraak maakten.")
    )
    ingangsdatum = serializers.DateField(help_text=_("Ingangsdatum."))
    einddatum = serializers.DateField(allow_null=True, help_text=_("Einddatum; leeg: voor onbepaalde tijd."))
    evaluatiedatum = serializers.DateField(allow_null=True, help_text=_("Volgende (jaarlijkse) evaluatie."))
    eigenaar = serializers.SerializerMethodField(
        help_text=_(
            "Naam van de eigenaar binnen het SWV; leeg (null) als een partnersysteem de afspraak vastlegde "
            "of de eigenaar geen naam heeft."
        )
    )
    heeftDocument = serializers.SerializerMethodField(
        help_text=_(
            "Of er een getekend document is; het document zelf staat in de applicatie, niet in de API."
        )
    )
    verlopen = serializers.BooleanField(
        source="is_verlopen", read_only=True, help_text=_("De einddatum is voorbij.")
    )
    toelichting = serializers.CharField(help_text=_("Toelichting."))

    @extend_schema_field({"type": "string", "nullable": True})
    def get_eigenaar(self, afspraak: Afspraak) -> str | None:
        if afspraak.eigenaar is None:
            return None
        return afspraak.eigenaar.get_full_name() or None

    def get_heeftDocument(self, afspraak: Afspraak) -> bool:  # noqa: N802 - named after the JSON field
        return bool(afspraak.document)


class AfspraakInvoerSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=Afspraak.Soort.choices, help_text=_("Soort afspraak."))
    titel = serializers.CharField(max_length=200, help_text=_("Titel."))
    partijen = organisatie_veld(
        omschrijving=_("organisatie"), many=True, required=False, help_text=_("Ids van de partijen.")
    )
    ingangsdatum = serializers.DateField(help_text=_("Ingangsdatum (ISO 8601)."))
    einddatum = serializers.DateField(
        required=False, allow_null=True, help_text=_("Einddatum; leeg: onbepaald.")
    )
    evaluatiedatum = serializers.DateField(
        required=False, allow_null=True, help_text=_("Volgende evaluatie.")
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, help_text=_("Toelichting."))


# --- voorzieningen ------------------------------------------------------------------------------------


class VoorzieningSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Id van de voorziening."))
    naam = serializers.CharField(help_text=_("Naam van de voorziening of het arrangement."))
    aanbieder = OrganisatieKortSerializer(help_text=_("De organisatie die de voorziening biedt."))
    doelgroep = serializers.ChoiceField(choices=Doelgroep.choices, help_text=_("Voor welke leerlingen."))
    sector = serializers.ChoiceField(choices=Voorziening.Sector.choices, help_text=_("PO, VO of beide."))
    capaciteit = serializers.IntegerField(help_text=_("Aantal plekken."))
    bezetting = serializers.IntegerField(
        help_text=_(
            "Bezette plekken zoals in het register ingevuld: plaatsingen die het systeem niet kent (van "
            "elders, van voor het systeem). Dit is wat `PATCH` wijzigt."
        )
    )
    arrangementenBezet = serializers.IntegerField(
        source="arrangementen_bezet",
        read_only=True,
        help_text=_("Plekken bezet door toegekende of gestarte arrangementen van casussen."),
    )
    bezettingTotaal = serializers.IntegerField(
        source="bezetting_totaal",
        read_only=True,
        help_text=_(
            "Alle bezette plekken: `bezetting` plus `arrangementenBezet`. Hierop tellen `vol` en `knelpunt`."
        ),
    )
    vrijePlekken = serializers.IntegerField(
        source="vrije_plekken",
        read_only=True,
        help_text=_("Capaciteit min de totale bezetting (niet negatief)."),
    )
    wachtlijst = serializers.IntegerField(
        read_only=True, help_text=_("Aangevraagde arrangementen die op een plek wachten.")
    )
    wachttijdWeken = serializers.IntegerField(source="wachttijd_weken", help_text=_("Wachttijd in weken."))
    kostenPerPlek = serializers.DecimalField(
        source="kosten_per_plek",
        max_digits=10,
        decimal_places=2,
        coerce_to_string=False,
        allow_null=True,
        help_text=_("Kosten per plek in euro; leeg als onbekend."),
    )
    gemeenten = OrganisatieKortSerializer(
        many=True, source="gemeenten_lijst", help_text=_("Gemeenten waarvoor de voorziening er is.")
    )
    ingangsdatum = serializers.DateField(allow_null=True, help_text=_("Begin."))
    einddatum = serializers.DateField(allow_null=True, help_text=_("Einde; leeg: loopt door."))
    beschrijving = serializers.CharField(help_text=_("Beschrijving."))
    vol = serializers.BooleanField(source="is_vol", read_only=True, help_text=_("Alle plekken zijn bezet."))
    knelpunt = serializers.BooleanField(
        read_only=True, help_text=_("Vol, of een wachttijd langer dan het SWV aanvaardbaar vindt.")
    )


class VoorzieningInvoerSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=200, help_text=_("Naam."))
    aanbieder = organisatie_veld(omschrijving=_("organisatie"), help_text=_("Id van de aanbieder."))
    doelgroep = serializers.ChoiceField(choices=Doelgroep.choices, help_text=_("Doelgroep."))
    sector = serializers.ChoiceField(
        choices=Voorziening.Sector.choices, required=False, help_text=_("PO, VO of beide (standaard).")
    )
    capaciteit = serializers.IntegerField(min_value=0, required=False, help_text=_("Aantal plekken."))
    bezetting = serializers.IntegerField(min_value=0, required=False, help_text=_("Bezette plekken."))
    wachttijdWeken = serializers.IntegerField(
        source="wachttijd_weken", min_value=0, required=False, help_text=_("Wachttijd in weken.")
    )
    kostenPerPlek = serializers.DecimalField(
        source="kosten_per_plek",
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        coerce_to_string=False,
        help_text=_("Kosten per plek in euro."),
    )
    gemeenten = organisatie_veld(
        soort=Organisatie.Soort.GEMEENTE,
        omschrijving=_("gemeente"),
        many=True,
        required=False,
        help_text=_("Ids van de gemeenten."),
    )
    ingangsdatum = serializers.DateField(required=False, allow_null=True, help_text=_("Begin."))
    einddatum = serializers.DateField(required=False, allow_null=True, help_text=_("Einde."))
    beschrijving = serializers.CharField(required=False, allow_blank=True, help_text=_("Beschrijving."))
