"""`manage.py betrokkenheden_verlopen [--peildatum YYYY-MM-DD]`: end the involvements whose period is over.

The same function as the Celery beat task (cases.tasks.betrokkenheden_verlopen); a rerun is a no-op."""

from django.core.management.base import BaseCommand

from cases.management.commands.casus_deadlines import _datum
from cases.services_betrokkenheid import betrokkenheden_laten_verlopen


class Command(BaseCommand):
    help = "Beëindig de betrokkenheden waarvan de periode voorbij is (niet verlengd)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--peildatum", type=_datum, default=None, help="JJJJ-MM-DD (standaard: vandaag)")

    def handle(self, *args, peildatum=None, **options) -> None:
        self.stdout.write(f"verlopen: {betrokkenheden_laten_verlopen(peildatum)}")
