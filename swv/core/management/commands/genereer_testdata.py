"""Generate fictional volume data for benchmarks (swv/core/testdata.py; docs/benchmarks.md)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from swv.core.testdata import DEFAULT_SEED, SCHALEN, TestdataGeweigerd, coordinator_username, genereer


class Command(BaseCommand):
    help = (
        "Maakt fictieve testdata op schaal (klein, groot of gehost) voor tests en benchmarks. "
        "Alleen in een lege database, tenzij --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--schaal",
            choices=sorted(SCHALEN),
            default="klein",
            help="; ".join(f"{naam}: {schaal.omschrijving}" for naam, schaal in SCHALEN.items()),
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="dezelfde seed geeft dezelfde gegevens"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="ook als de database al samenwerkingsverbanden bevat: voeg nieuwe SWV's ernaast toe",
        )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            totaal = genereer(options["schaal"], seed=options["seed"], force=options["force"])
        except TestdataGeweigerd as exc:
            raise CommandError(str(exc)) from None
        # Fresh statistics, so the planner sees the volumes a benchmark then measures.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconden = time.perf_counter() - started
        self.stdout.write(
            f"Testdata '{options['schaal']}' (seed {options['seed']}) gemaakt in {seconden:.1f} s: "
            + ", ".join(f"{getal} {wat}" for wat, getal in totaal.items())
        )
        self.stdout.write(
            f"Inloggen als bijvoorbeeld {coordinator_username('PO9801')} met het demowachtwoord en de "
            "demo-TOTP-sleutel (manage.py demo_totp <gebruikersnaam>)."
        )
