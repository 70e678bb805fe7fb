"""`manage.py verzuimcontroles [--peildatum YYYY-MM-DD]`: the daily verzuim checks, by hand.

The same function as the Celery beat task (thuiszitters.tasks.verzuimcontroles); a rerun is a no-op, so an
operator can rerun a missed night for its own day."""

from django.core.management.base import BaseCommand

from cases.management.commands.casus_deadlines import _datum
from thuiszitters.controles import verzuimcontroles


class Command(BaseCommand):
    help = "Voer de periodieke verzuimcontroles uit en maak signalen aan (per regel het aantal nieuwe)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--peildatum", type=_datum, default=None, help="JJJJ-MM-DD (standaard: vandaag)")

    def handle(self, *args, peildatum=None, **options) -> None:
        for regel, nieuw in verzuimcontroles(peildatum).items():
            self.stdout.write(f"{regel}: {nieuw} nieuw")
