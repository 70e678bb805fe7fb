"""Load the school holidays from a CSV file (thuiszitters/services_vakantie.py; docs/verzuim.md)."""

from django.core.management.base import BaseCommand, CommandError

from thuiszitters.services_vakantie import GEDEELDE_BESTAND, VakantiebestandFout, vakantiebestand_laden


class Command(BaseCommand):
    help = (
        "Laadt of werkt de schoolvakanties bij uit een CSV-bestand (schooljaar,regio,naam,begin,eind). "
        "Opnieuw laden verandert niets; een gewijzigde datum wordt bijgewerkt. Bij een fout wordt niets "
        f"opgeslagen. Zonder bestand: {GEDEELDE_BESTAND.name} uit de repository."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("bestand", nargs="?", default=str(GEDEELDE_BESTAND))

    def handle(self, *args, **options) -> None:
        try:
            wijzigingen = vakantiebestand_laden(options["bestand"])
        except VakantiebestandFout as exc:
            raise CommandError(
                "Er is niets opgeslagen; het bestand bevat fouten:\n" + "\n".join(exc.fouten)
            ) from None
        for vakantie in wijzigingen.aangemaakt:
            self.stdout.write(f"nieuw: {vakantie} {vakantie.begin:%d-%m-%Y} t/m {vakantie.eind:%d-%m-%Y}")
        for vakantie, begin, eind in wijzigingen.bijgewerkt:
            self.stdout.write(
                f"bijgewerkt: {vakantie} {begin:%d-%m-%Y} t/m {eind:%d-%m-%Y} -> "
                f"{vakantie.begin:%d-%m-%Y} t/m {vakantie.eind:%d-%m-%Y}"
            )
        self.stdout.write(
            f"Schoolvakanties: {len(wijzigingen.aangemaakt)} nieuw, {len(wijzigingen.bijgewerkt)} bijgewerkt, "
            f"{wijzigingen.ongewijzigd} ongewijzigd."
        )
