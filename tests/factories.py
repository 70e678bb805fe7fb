"""factory_boy factories for the foundation models. Names and places come from Faker nl_NL."""

import datetime

import factory
from factory.django import DjangoModelFactory

from partners.models import Organisatie
from swv.core.api.services import api_client_create
from swv.core.models import ApiClient, Lidmaatschap, Rol, Samenwerkingsverband, User

# Every factory user gets this password, so login tests can type it.
PASSWORD = "correct-paard-batterij-nietje"


class SamenwerkingsverbandFactory(DjangoModelFactory):
    class Meta:
        model = Samenwerkingsverband
        django_get_or_create = ("code",)

    sector = Samenwerkingsverband.Sector.PO
    code = factory.Sequence(lambda n: f"PO{n % 10000:04d}")
    naam = factory.LazyAttribute(lambda o: f"Samenwerkingsverband {o.code} (test)")

    class Params:
        vo = factory.Trait(
            sector=Samenwerkingsverband.Sector.VO,
            code=factory.Sequence(lambda n: f"VO{n % 10000:04d}"),
        )


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    soort = Organisatie.Soort.OVERIG
    naam = factory.Faker("company", locale="nl_NL")
    code = ""

    class Params:
        plaats = factory.Faker("city", locale="nl_NL")
        school = factory.Trait(
            soort=Organisatie.Soort.SCHOOL,
            naam=factory.LazyAttribute(lambda o: f"Basisschool {o.plaats}"),
            code=factory.Sequence(lambda n: f"99{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}00"),
        )
        gemeente = factory.Trait(
            soort=Organisatie.Soort.GEMEENTE,
            naam=factory.LazyAttribute(lambda o: f"Gemeente {o.plaats}"),
            code=factory.Sequence(lambda n: f"{9000 + n % 1000:04d}"),
        )
        swv_bureau = factory.Trait(
            soort=Organisatie.Soort.SWV,
            naam=factory.SelfAttribute("swv.naam"),
            code=factory.SelfAttribute("swv.code"),
        )
        leerplicht = factory.Trait(soort=Organisatie.Soort.LEERPLICHT, naam="Team Leerplicht (test)")
        wijkteam = factory.Trait(soort=Organisatie.Soort.WIJKTEAM, naam="Wijkteam (test)")
        # (Traits may not share a field's name, hence `bestuur` and `werkgebied_gemeente`.)
        bestuur = factory.Trait(
            soort=Organisatie.Soort.SCHOOLBESTUUR,
            naam=factory.LazyAttribute(lambda o: f"Stichting Onderwijs {o.plaats}"),
            code=factory.Sequence(lambda n: f"{40000 + n % 50000:05d}"),
        )
        werkgebied_gemeente = factory.Trait(
            soort=Organisatie.Soort.GEMEENTE,
            naam=factory.LazyAttribute(lambda o: f"Gemeente {o.plaats}"),
            code=factory.Sequence(lambda n: f"{8000 + n % 1000:04d}"),
            in_werkgebied=True,
        )
        ggd = factory.Trait(soort=Organisatie.Soort.GGD, naam="GGD (test)")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@test.ketenregie.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create:
            obj.save(update_fields=["password"])


class LidmaatschapFactory(DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory, swv=factory.SelfAttribute("..swv"))
    rol = Rol.SWV_MEDEWERKER


class ApiClientFactory(DjangoModelFactory):
    """A partner system's API client, made through the service; its plaintext token is on `.token`.

    Other fields (`actief=False`, `laatst_gebruikt_op=...`) are written after creation.
    """

    class Meta:
        model = ApiClient

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    organisatie = factory.SubFactory(OrganisatieFactory, swv=factory.SelfAttribute("..swv"))
    naam = factory.Sequence(lambda n: f"Leerlingvolgsysteem {n}")
    scopes = factory.LazyFunction(list)
    verloopt_op = None

    @classmethod
    def _create(cls, model_class, *, swv, organisatie, naam, scopes, verloopt_op, **extra):
        client, token = api_client_create(
            naam=naam, organisatie=organisatie, scopes=scopes, verloopt_op=verloopt_op, by=None
        )
        if extra:
            model_class.objects.filter(pk=client.pk).update(**extra)
            client.refresh_from_db()
        client.token = token
        return client


# --- Pupils (cases.Leerling); added with the audit trail. ---


def _bsn_voor(n: int) -> str:
    """A checksum-valid fictional BSN, different for each n (11-proef, as python-stdnum checks it)."""
    from stdnum.nl import bsn as stdnum_bsn

    base = 10_000_000 + n * 7
    while True:
        digits = [int(c) for c in f"{base % 100_000_000:08d}"]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        number = "".join(map(str, digits)) + str(check)
        if check < 10 and stdnum_bsn.is_valid(number):
            return number
        base += 1


class LeerlingFactory(DjangoModelFactory):
    """A pupil at a school of `swv`, living in that school's gemeente. Traits: uitgeschreven, zonder_bsn."""

    class Meta:
        model = "cases.Leerling"

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    woongemeente = factory.SubFactory(OrganisatieFactory, swv=factory.SelfAttribute("..swv"), gemeente=True)
    # (The school's own `gemeente` is left empty: OrganisatieFactory uses that name for a trait.)
    school = factory.SubFactory(OrganisatieFactory, swv=factory.SelfAttribute("..swv"), school=True)
    bsn = factory.Sequence(_bsn_voor)
    onderwijsnummer = None
    voornaam = factory.Faker("first_name")
    achternaam = factory.Faker("last_name")
    geboortedatum = factory.Faker("date_of_birth", minimum_age=4, maximum_age=12)

    class Params:
        uitgeschreven = factory.Trait(uitgeschreven_op=factory.Faker("date_this_year"))
        zonder_bsn = factory.Trait(bsn=None, onderwijsnummer="100000004")


# --- Partner registry (partners app; ketenpartners issue). ---


class JeugdzorgregioFactory(DjangoModelFactory):
    class Meta:
        model = "partners.Jeugdzorgregio"

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    naam = factory.Sequence(lambda n: f"Jeugdzorgregio {n} (test)")


class PersoonFactory(DjangoModelFactory):
    class Meta:
        model = "partners.Persoon"

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    voornaam = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"persoon{n}@partner.test.example")


class SleutelfiguurFactory(DjangoModelFactory):
    """A current role (van a year ago, no end) of a new person at a new organisation of `swv`."""

    class Meta:
        model = "partners.Sleutelfiguur"
        skip_postgeneration_save = True

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    persoon = factory.SubFactory(PersoonFactory, swv=factory.SelfAttribute("..swv"))
    organisatie = factory.SubFactory(OrganisatieFactory, swv=factory.SelfAttribute("..swv"))
    functie = "Contactpersoon passend onderwijs"
    niveau = "uitvoering"
    van = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=365))
    tot = None

    @factory.post_generation
    def gemeenten(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.gemeenten.set(extracted)


class AfspraakFactory(DjangoModelFactory):
    class Meta:
        model = "partners.Afspraak"
        skip_postgeneration_save = True

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    soort = "convenant"
    titel = factory.Sequence(lambda n: f"Convenant {n} (test)")
    ingangsdatum = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=365))
    einddatum = None
    evaluatiedatum = None

    @factory.post_generation
    def partijen(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.partijen.set(extracted)


class VoorzieningFactory(DjangoModelFactory):
    class Meta:
        model = "partners.Voorziening"
        skip_postgeneration_save = True

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    naam = factory.Sequence(lambda n: f"Voorziening {n} (test)")
    aanbieder = factory.SubFactory(
        OrganisatieFactory, swv=factory.SelfAttribute("..swv"), soort=Organisatie.Soort.JEUGDHULP
    )
    doelgroep = "gedrag"
    sector = "beide"
    capaciteit = 10
    bezetting = 5
    wachttijd_weken = 2

    @factory.post_generation
    def gemeenten(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.gemeenten.set(extracted)
