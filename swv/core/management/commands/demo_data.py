from django.core.management.base import BaseCommand

from swv.core.demo import load_demo_data


class Command(BaseCommand):
    help = "Laadt fictieve demogegevens (idempotent: een tweede keer voegt niets toe)."

    def handle(self, *args, **options) -> None:
        created = load_demo_data()
        if any(created.values()):
            self.stdout.write(
                f"Demogegevens geladen: {created.get('organisaties', 0)} organisaties, {created['users']} gebruikers."
            )
        else:
            self.stdout.write("Demogegevens waren al geladen; niets toegevoegd.")
