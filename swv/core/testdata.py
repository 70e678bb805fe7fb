"""Volume test data for benchmarks: `manage.py genereer_testdata --schaal klein|groot|gehost`.

The platform makes the SWVs (tenants), one coordinator per SWV (a member of the SWV's own organisation,
enrolled for two-factor login with the public demo key, so a benchmark can log in as a person would) and
the read log (`AuditEvent`). Everything else comes from the apps' generators, registered with
`swv.core.plugins.register_testdata` (the partner registry: partners/testdata.py).

Deterministic: every generator draws from a random stream seeded with (seed, SWV code, generator name),
so the same `--seed` gives the same names and rows. Fictional: names from Faker nl_NL, SWV codes in the
unused region 98 (PO9801, VO9802, ...), every SWV and e-mail address marked as test data.

Safe: it only fills an empty database (no SWV at all), unless `force`; then it adds new SWVs next to
what is there, with codes not yet taken, and changes no existing row. Everything is one transaction.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from swv.audit.models import AuditEvent

from .demo_users import DEMO_TOTP_KEY_HEX
from .models import Lidmaatschap, Rol, Samenwerkingsverband, User
from .plugins import TestdataContext, testdata_hooks


@dataclass(frozen=True)
class Schaal:
    swvs: int
    # Rows of the read log (AuditEvent) over all SWVs; the apps' generators add their own sizes.
    auditregels: int
    omschrijving: str


SCHALEN = {
    "klein": Schaal(2, 200, "2 SWV's met een paar honderd rijen, voor tests"),
    "groot": Schaal(1, 30_000, "1 SWV op 1/10 van 'gehost'"),
    "gehost": Schaal(10, 300_000, "10 SWV's in één database, zoals een gehoste installatie"),
}
DEFAULT_SEED = 2026
REGIO = 98  # SWV codes PO98nn / VO98nn: a region DUO does not use
EMAIL_DOMEIN = "testdata.ketenregie.example"


class TestdataGeweigerd(Exception):
    """The database holds data this run could get mixed up with; the message says why, in Dutch."""


def coordinator_username(swv_code: str) -> str:
    return f"coordinator-{swv_code.lower()}"


def _nieuwe_codes(aantal: int) -> list[str]:
    """`aantal` SWV codes in region 98, alternating PO and VO, skipping codes already in the database."""
    bezet = set(Samenwerkingsverband.objects.values_list("code", flat=True))
    codes: list[str] = []
    for nummer in range(1, 100):
        code = f"{'PO' if len(codes) % 2 == 0 else 'VO'}{REGIO}{nummer:02d}"
        if code not in bezet:
            codes.append(code)
        if len(codes) == aantal:
            return codes
    raise TestdataGeweigerd(f"Er zijn geen {aantal} vrije SWV-codes meer in regio {REGIO}.")


def _aandeel(totaal: int, index: int, delen: int) -> int:
    """This SWV's share of `totaal` over `delen` SWVs; the shares add up to the total."""
    return totaal // delen + (1 if index < totaal % delen else 0)


def genereer(schaal_naam: str, *, seed: int = DEFAULT_SEED, force: bool = False) -> dict[str, int]:
    """Generate the test data of `schaal_naam`; returns {what: rows} over all SWVs. Raises
    TestdataGeweigerd when the database already holds an SWV and `force` is not given."""
    schaal = SCHALEN[schaal_naam]
    if not force and Samenwerkingsverband.objects.exists():
        raise TestdataGeweigerd(
            "De database bevat al samenwerkingsverbanden; testdata worden alleen in een lege database "
            "gemaakt. Gebruik --force om ze ernaast toe te voegen (bestaande gegevens blijven ongewijzigd)."
        )
    totaal: dict[str, int] = {}
    with transaction.atomic():
        platform = Faker("nl_NL")
        platform.seed_instance(f"{seed}:platform")
        wachtwoord = make_password(settings.DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
        hooks = testdata_hooks()
        for index, code in enumerate(_nieuwe_codes(schaal.swvs)):
            sector = code[:2]
            soort = "Passend Primair Onderwijs" if sector == "PO" else "Passend Voortgezet Onderwijs"
            swv = Samenwerkingsverband.objects.create(
                code=code, sector=sector, naam=f"Samenwerkingsverband {soort} {platform.city()} (testdata)"
            )
            coordinator = User.objects.create(
                username=coordinator_username(code),
                first_name=platform.first_name(),
                last_name=platform.last_name(),
                email=f"{coordinator_username(code)}@{EMAIL_DOMEIN}",
                password=wachtwoord,
            )
            TOTPDevice.objects.create(
                user=coordinator, name="authenticator-app", key=DEMO_TOTP_KEY_HEX, confirmed=True
            )
            context = TestdataContext(swv=swv, index=index, seed=seed, users={"coordinator": coordinator})
            for hook in hooks:
                aantallen = {
                    wat: _aandeel(getal, index, schaal.swvs)
                    for wat, getal in hook.aantallen.get(schaal_naam, {}).items()
                }
                for wat, getal in hook.generate(context, aantallen).items():
                    totaal[wat] = totaal.get(wat, 0) + getal
            eigen = context.organisaties.get(("swv", code))
            if eigen is not None:
                Lidmaatschap.objects.create(
                    swv=swv, user=coordinator, organisatie=eigen, rol=Rol.SWV_COORDINATOR
                )
            regels = _auditregels(context, _aandeel(schaal.auditregels, index, schaal.swvs))
            totaal["auditregels"] = totaal.get("auditregels", 0) + regels
        totaal["samenwerkingsverbanden"] = schaal.swvs
    return totaal


ACTIES = [
    (AuditEvent.Action.READ, AuditEvent.Result.OK, 80),
    (AuditEvent.Action.EXPORT, AuditEvent.Result.OK, 6),
    (AuditEvent.Action.DOWNLOAD, AuditEvent.Result.OK, 4),
    (AuditEvent.Action.DENIED, AuditEvent.Result.DENIED, 5),
    (AuditEvent.Action.READ, AuditEvent.Result.NOT_FOUND, 5),
]
KOLOMMEN = (
    "at",
    "actor_id",
    "actor_username",
    "rol",
    "organisatie_id",
    "swv_id",
    "action",
    "object_type",
    "object_id",
    "result",
    "ip_address",
    "request_id",
    "correlatie_id",
    "reason",
)


def _auditregels(context: TestdataContext, aantal: int) -> int:
    """`aantal` read-log rows of the SWV's coordinator over the last two years, written with COPY (the
    table is append-only; INSERT is what it allows)."""
    if aantal <= 0:
        return 0
    rng = context.rng("audit")
    coordinator = context.users["coordinator"]
    eigen = context.organisaties.get(("swv", context.swv.code))
    objecten = context.objecten or [("core.samenwerkingsverband", context.swv.pk)]
    acties = [(actie, resultaat) for actie, resultaat, gewicht in ACTIES for _ in range(gewicht)]
    nu = timezone.now()
    twee_jaar = int(datetime.timedelta(days=730).total_seconds())
    tabel = connection.ops.quote_name(AuditEvent._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {tabel} ({', '.join(KOLOMMEN)}) FROM STDIN") as copy,
    ):
        for _ in range(aantal):
            object_type, object_id = rng.choice(objecten)
            actie, resultaat = rng.choice(acties)
            copy.write_row(
                (
                    nu - datetime.timedelta(seconds=rng.randrange(twee_jaar)),
                    coordinator.pk,
                    coordinator.username,
                    Rol.SWV_COORDINATOR.value,
                    eigen.pk if eigen is not None else None,
                    context.swv.pk,
                    actie.value,
                    object_type,
                    str(object_id),
                    resultaat.value,
                    f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                    uuid.UUID(int=rng.getrandbits(128)).hex,
                    "",
                    "",
                )
            )
    return aantal
