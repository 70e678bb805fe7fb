"""Import a DUO open-data file (schools, or the SWV membership file) into one SWV's partner registry."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partners import duo
from partners.importing import duo_import
from swv.core.models import Samenwerkingsverband, User


class Command(BaseCommand):
    help = (
        "Leest een DUO-bestand (scholen/vestigingen of de indeling in samenwerkingsverbanden; "
        "puntkomma-gescheiden, UTF-8 of Windows-1252) in voor één samenwerkingsverband. "
        "Een tweede keer hetzelfde bestand inlezen verandert niets."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("bestand", type=Path, help="pad naar het CSV-bestand van DUO")
        parser.add_argument(
            "--swv", required=True, help="code van het samenwerkingsverband, bijvoorbeeld PO2707"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="alleen controleren: toont wat er zou veranderen en slaat niets op",
        )
        parser.add_argument(
            "--ook-gemeente",
            action="append",
            default=[],
            metavar="CBS-CODE",
            help="ook nieuwe scholen uit deze gemeente buiten het werkgebied inlezen (herhaalbaar, of "
            "komma-gescheiden: 0599,0606)",
        )
        parser.add_argument(
            "--swv-leden",
            type=Path,
            metavar="PAD",
            help="DUO-bestand met de indeling in samenwerkingsverbanden: scholen die DUO bij dit SWV "
            "indeelt, worden ook buiten het werkgebied of de sector ingelezen",
        )
        parser.add_argument("--door", help="gebruikersnaam van wie importeert (voor de audit)")

    def handle(self, *args, **options) -> None:
        swv = Samenwerkingsverband.objects.filter(code=options["swv"].upper()).first()
        if swv is None:
            raise CommandError(f"Samenwerkingsverband '{options['swv']}' bestaat niet.")
        door = None
        if options["door"]:
            door = User.objects.filter(username=options["door"]).first()
            if door is None:
                raise CommandError(f"Gebruiker '{options['door']}' bestaat niet.")
        try:
            ook_gemeenten = duo.gemeente_codes(",".join(options["ook_gemeente"]))
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        ingedeeld: frozenset[str] = frozenset()
        if options["swv_leden"]:
            try:
                with options["swv_leden"].open("rb") as leden:
                    ingedeeld = duo.ingedeeld_bij(leden, swv.code)
            except OSError as e:
                raise CommandError(f"Kan '{options['swv_leden']}' niet lezen: {e.strerror}.") from None
            except duo.OnbekendeIndeling as e:
                raise CommandError(f"{options['swv_leden']}: {e}") from None
        try:
            f = options["bestand"].open("rb")
        except OSError as e:
            raise CommandError(f"Kan '{options['bestand']}' niet lezen: {e.strerror}.") from None
        # The open file, not its bytes: duo.lees streams it, so a large file is never in memory whole.
        with f:
            try:
                resultaat = duo_import(
                    swv=swv,
                    bestand=f,
                    by=door,
                    dry_run=options["dry_run"],
                    ook_gemeenten=frozenset(ook_gemeenten),
                    ingedeeld=ingedeeld,
                )
            except duo.OnbekendeIndeling as e:
                raise CommandError(str(e)) from None

        self.stdout.write(
            f"{resultaat.layout_label.capitalize()} ({resultaat.encoding}, "
            f"{'nieuwe' if resultaat.kopversie == 'nieuw' else 'oude'} kolomnamen): "
            f"{resultaat.totaal} rijen."
        )
        self.stdout.write(resultaat.samenvatting())
        if resultaat.weggelaten:
            self.stdout.write("Niet ingelezen, want niet van dit samenwerkingsverband:")
            for regel in resultaat.weggelaten_regels():
                self.stdout.write(f"  {regel}")
        if options["verbosity"] > 1 or resultaat.dry_run:
            for w in resultaat.wijzigingen:
                velden = f" ({', '.join(w.velden)})" if w.velden else ""
                self.stdout.write(f"  {w.actie}: {w.soort} {w.code} {w.naam}{velden}")
        if resultaat.aantal_fouten:
            self.stdout.write("Rijen met een fout (rij 1 is de kopregel):")
            for fout in resultaat.fouten:
                self.stdout.write(f"  rij {fout.rij}: {fout.reden}")
            weggelaten = resultaat.aantal_fouten - len(resultaat.fouten)
            if weggelaten:
                self.stdout.write(f"  ... en nog {weggelaten} rijen met een fout.")
