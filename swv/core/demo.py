"""Fictional demo data: one SWV, its gemeenten, schools, a user for every role and a partner network
(demo_partners.py).

Idempotent: everything is looked up by a natural key first, so a second run adds nothing.
Names come from Faker nl_NL with a fixed seed; no real person is in here.
"""

import datetime
import random

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker
from stdnum.nl import bsn as stdnum_bsn

from cases.models import Leerling
from cases.services import leerling_create
from partners.models import Organisatie

from .demo_partners import load_demo_partners
from .demo_users import (
    DEMO_TOTP_KEY_HEX,
    DEMO_USERS,  # noqa: F401 - re-exported for callers
)
from .models import Lidmaatschap, Rol, Samenwerkingsverband, User

SWV_CODE = "PO9901"
SWV_NAAM = "Samenwerkingsverband Passend Primair Onderwijs Lindedal (demo)"

GEMEENTEN = [("9901", "Gemeente Lindedal"), ("9902", "Gemeente Waterveld"), ("9903", "Gemeente Heuvelrijk")]
# BRIN + vestigingsnummer; fictional BRINs in the 99xx range, which DUO does not hand out.
SCHOLEN = [
    ("99AB00", "Basisschool De Regenboog", "9901"),
    ("99AC00", "Basisschool Het Kompas", "9902"),
    ("99AD00", "SBO De Brug", "9903"),
]


# username -> (role, organisation key); the key is (soort, code) or (soort, naam).
DEMO_ACCOUNTS = {
    "coordinator": (Rol.SWV_COORDINATOR, ("swv", SWV_CODE)),
    "deskundige": (Rol.SWV_DESKUNDIGE, ("swv", SWV_CODE)),
    "medewerker": (Rol.SWV_MEDEWERKER, ("swv", SWV_CODE)),
    "zorgcoordinator": (Rol.ZORGCOORDINATOR, ("school", "99AB00")),
    "ib": (Rol.INTERN_BEGELEIDER, ("school", "99AB00")),
    "directeur": (Rol.SCHOOLDIRECTEUR, ("school", "99AC00")),
    "leerplicht": (Rol.LEERPLICHTAMBTENAAR, ("leerplicht", "LP9901")),
    "ketenpartner": (Rol.KETENPARTNER, ("wijkteam", "WT9901")),
    "bestuurder": (Rol.BESTUURDER, ("gemeente", "9901")),
    "beheerder": (Rol.BEHEERDER, ("swv", SWV_CODE)),
}


def _org(swv, soort, code, naam, gemeente=None) -> Organisatie:
    org, _ = Organisatie.objects.get_or_create(
        swv=swv, soort=soort, code=code, defaults={"naam": naam, "gemeente": gemeente}
    )
    return org


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    """Create the demo tenant and users when missing. Returns how many rows were created."""
    created = {"users": 0, "organisaties": 0}
    before = Organisatie.objects.count()
    fake = Faker("nl_NL")
    fake.seed_instance(2707)

    swv, _ = Samenwerkingsverband.objects.get_or_create(
        code=SWV_CODE, defaults={"naam": SWV_NAAM, "sector": Samenwerkingsverband.Sector.PO}
    )
    orgs: dict[tuple[str, str], Organisatie] = {("swv", SWV_CODE): _org(swv, "swv", SWV_CODE, SWV_NAAM)}
    gemeenten = {}
    for code, naam in GEMEENTEN:
        gemeenten[code] = orgs[("gemeente", code)] = _org(swv, "gemeente", code, naam)
    for code, naam, gemeente_code in SCHOLEN:
        orgs[("school", code)] = _org(swv, "school", code, naam, gemeenten[gemeente_code])
    orgs[("leerplicht", "LP9901")] = _org(
        swv, "leerplicht", "LP9901", "Team Leerplicht Lindedal", gemeenten["9901"]
    )
    orgs[("wijkteam", "WT9901")] = _org(swv, "wijkteam", "WT9901", "Wijkteam Lindedal", gemeenten["9901"])
    created["organisaties"] = Organisatie.objects.count() - before

    for username, (rol, org_key) in DEMO_ACCOUNTS.items():
        first_name, last_name = fake.first_name(), fake.last_name()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@demo.ketenregie.example",
                is_staff=rol == Rol.BEHEERDER,
            )
            user.set_password(settings.DEMO_PASSWORD)
            user.full_clean()
            user.save()
            created["users"] += 1
        Lidmaatschap.objects.get_or_create(swv=swv, user=user, organisatie=orgs[org_key], rol=rol)
        if rol != Rol.BESTUURDER:
            # Pre-enrolled with the public demo key (see demo_users.py); real accounts enrol themselves.
            TOTPDevice.objects.get_or_create(
                user=user,
                name="authenticator-app",
                defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True},
            )
    # One person with two memberships, to show choosing the role you act in ("Andere rol kiezen").
    Lidmaatschap.objects.get_or_create(
        swv=swv,
        user=User.objects.get(username="ib"),
        organisatie=orgs[("school", "99AC00")],
        rol=Rol.INTERN_BEGELEIDER,
    )
    _beheerder_rechten(User.objects.get(username="beheerder"))
    created["leerlingen"] = _demo_leerlingen(swv, orgs, gemeenten)
    created["partners"] = load_demo_partners(swv, orgs, gemeenten)
    return created


DEMO_LEERLINGEN_PER_SCHOOL = 4


def demo_bsn(rng: random.Random) -> str:
    """A fictional BSN with a valid check digit (11-proef), generated rather than hard-coded."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            number = "".join(map(str, digits)) + str(check)
            if stdnum_bsn.is_valid(number):
                return number


def _demo_leerlingen(swv, orgs, gemeenten) -> int:
    """Four fictional pupils per demo school; looked up by BSN, which a fixed seed makes the same each run."""
    fake = Faker("nl_NL")
    fake.seed_instance(9901)
    rng = random.Random(9901)  # noqa: S311 - demo data, not security
    gemeente_lijst = list(gemeenten.values())
    aantal = 0
    for code, _naam, gemeente_code in SCHOLEN:
        school = orgs[("school", code)]
        for i in range(DEMO_LEERLINGEN_PER_SCHOOL):
            bsn = demo_bsn(rng)
            voornaam, achternaam = fake.first_name(), fake.last_name()
            geboortedatum = fake.date_between_dates(datetime.date(2014, 10, 1), datetime.date(2020, 9, 30))
            # Most live in the school's gemeente, one per school in a neighbouring one.
            woongemeente = (
                gemeenten[gemeente_code]
                if i
                else gemeente_lijst[(gemeente_lijst.index(gemeenten[gemeente_code]) + 1) % 3]
            )
            if Leerling.objects.filter(swv=swv, bsn=bsn).exists():
                continue
            leerling_create(
                swv=swv,
                by=None,
                bsn=bsn,
                voornaam=voornaam,
                achternaam=achternaam,
                geboortedatum=geboortedatum,
                school=school,
                woongemeente=woongemeente,
            )
            aantal += 1
    return aantal


# What the functioneel beheerder manages in /beheer/: accounts, memberships, organisations, API clients.
BEHEERDER_RECHTEN = {
    "core": ["user", "lidmaatschap", "uitnodiging", "apiclient"],
    "partners": [
        "organisatie",
        "jeugdzorgregio",
        "schoolswv",
        "persoon",
        "sleutelfiguur",
        "afspraak",
        "afspraakherinnering",
        "voorziening",
    ],
}


def _beheerder_rechten(user: User) -> None:
    from django.contrib.auth.models import Permission

    for app_label, models in BEHEERDER_RECHTEN.items():
        perms = Permission.objects.filter(
            content_type__app_label=app_label,
            content_type__model__in=models,
            codename__regex=r"^(view|add|change)_",
        )
        user.user_permissions.add(*perms)
