"""`manage.py casus_deadlines [--peildatum YYYY-MM-DD] [--zonder-mail]`: the daily deadline check, by hand.

The same function as the Celery beat task (cases.tasks.casus_deadlines); a rerun is a no-op."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from cases.deadlines import controleer_deadlines, verstuur_digest


def _datum(tekst: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(tekst)
    except ValueError as exc:
        raise CommandError(f"Ongeldige peildatum {tekst!r}; gebruik JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Controleer de deadlines van casussen (OPP, evaluatie, acties, aanmeldingen) en maak taken aan."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--peildatum", type=_datum, default=None, help="JJJJ-MM-DD (standaard: vandaag)")
        parser.add_argument("--zonder-mail", action="store_true", help="Verstuur geen e-mailoverzicht.")

    def handle(self, *args, peildatum=None, zonder_mail=False, **options) -> None:
        resultaat = controleer_deadlines(peildatum)
        for regel, aantallen in resultaat.items():
            self.stdout.write(f"{regel}: {aantallen['nieuw']} nieuw, {aantallen['afgehandeld']} afgehandeld")
        if not zonder_mail:
            self.stdout.write(f"e-mails: {verstuur_digest()}")
