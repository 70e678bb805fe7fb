"""Fictional demo data: one SWV, a user for every role with their memberships, and what the apps add
(each app's `<app>/demo.py`, registered with swv/core/plugins.py `register_demo`).

The platform's part is the SWV and the accounts; the apps' hooks run in their `order` after the users
exist. The memberships are made between the hooks, at `LIDMAATSCHAPPEN_ORDER`: after the partner
registry's demo created the organisations they point at (`DemoContext.organisaties`), before the hooks
that need members (an agreement's owner must be a member of its SWV).

Idempotent: everything is looked up by a natural key first, so a second run adds nothing.
Names come from Faker nl_NL with a fixed seed; no real person is in here.
"""

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from .demo_users import (
    DEMO_TOTP_KEY_HEX,
    DEMO_USERS,  # noqa: F401 - re-exported for callers
)
from .models import Lidmaatschap, Rol, Samenwerkingsverband, User
from .plugins import DemoContext, demo_hooks

SWV_CODE = "PO9901"
SWV_NAAM = "Samenwerkingsverband Passend Primair Onderwijs Lindedal (demo)"

# username -> (role, organisation key); the key is (soort, code) of an organisation an app's demo hook put in
# `DemoContext.organisaties` (partners/demo.py).
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
# One person with two memberships, to show choosing the role you act in ("Andere rol kiezen").
TWEEDE_LIDMAATSCHAP = ("ib", Rol.INTERN_BEGELEIDER, ("school", "99AC00"))

# What the functioneel beheerder manages of the platform in /beheer/; the apps add theirs in their
# demo hook with `beheerder_rechten`.
BEHEERDER_MODELLEN = ["user", "lidmaatschap", "uitnodiging", "apiclient"]


# The platform makes the demo accounts members between the apps' hooks: after those that create the
# organisations (order <= 110, the partner registry's), before those that need members (an agreement's owner).
LIDMAATSCHAPPEN_ORDER = 110


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    """Create the demo tenant, users and the apps' demo data when missing. Returns how many rows were created."""
    created = {"users": 0}
    fake = Faker("nl_NL")
    fake.seed_instance(2707)

    swv, _ = Samenwerkingsverband.objects.get_or_create(
        code=SWV_CODE, defaults={"naam": SWV_NAAM, "sector": Samenwerkingsverband.Sector.PO}
    )
    users = {}
    for username, (rol, _org_key) in DEMO_ACCOUNTS.items():
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
        users[username] = user
    beheerder_rechten(users["beheerder"], "core", BEHEERDER_MODELLEN)

    demo = DemoContext(swv=swv, users=users)
    lidmaatschappen_gemaakt = False
    for hook in demo_hooks():
        if hook.order > LIDMAATSCHAPPEN_ORDER and not lidmaatschappen_gemaakt:
            _lidmaatschappen(demo)
            lidmaatschappen_gemaakt = True
        for what, number in hook.load(demo).items():
            created[what] = created.get(what, 0) + number
    if not lidmaatschappen_gemaakt:
        _lidmaatschappen(demo)
    return created


def _lidmaatschappen(demo: DemoContext) -> None:
    """The demo accounts' memberships, at the organisations the hooks before this step put in `demo`."""
    swv, users = demo.swv, demo.users
    for username, (rol, org_key) in DEMO_ACCOUNTS.items():
        user = users[username]
        Lidmaatschap.objects.get_or_create(
            swv=swv, user=user, organisatie=demo.organisaties[org_key], rol=rol
        )
        if rol != Rol.BESTUURDER:
            # Pre-enrolled with the public demo key (see demo_users.py); real accounts enrol themselves.
            TOTPDevice.objects.get_or_create(
                user=user,
                name="authenticator-app",
                defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True},
            )
    username, rol, org_key = TWEEDE_LIDMAATSCHAP
    Lidmaatschap.objects.get_or_create(
        swv=swv, user=users[username], organisatie=demo.organisaties[org_key], rol=rol
    )


def beheerder_rechten(user: User, app_label: str, models: list[str]) -> None:
    """Let the demo beheerder view, add and change `models` of `app_label` in /beheer/."""
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(
        content_type__app_label=app_label,
        content_type__model__in=models,
        codename__regex=r"^(view|add|change)_",
    )
    user.user_permissions.add(*perms)
