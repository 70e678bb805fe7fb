"""Create an API client for a partner system from the command line (automation, first set-up).

The token goes to stdout, alone on one line, so a script can capture it; everything else to stderr.
"""

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from swv.core.api.scopes import ALLE_SCOPES
from swv.core.api.services import api_client_create
from swv.core.models import ApiClient, User


def _datum(waarde: str) -> dt.date:
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError:
        raise CommandError(f"Ongeldige datum '{waarde}': gebruik JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Maakt een API-client voor een partnersysteem en toont het token één keer "
        "(alleen het token op stdout; bewaar het als geheim)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisatie", type=int, required=True, help="id van de organisatie")
        parser.add_argument("--naam", required=True, help="naam van het partnersysteem")
        parser.add_argument(
            "--scope",
            action="append",
            default=[],
            choices=sorted(ALLE_SCOPES),
            dest="scopes",
            help="een scope; herhaal voor meer scopes",
        )
        parser.add_argument(
            "--verloopt",
            type=_datum,
            help="laatste geldige dag (JJJJ-MM-DD); het token werkt tot en met die dag",
        )
        parser.add_argument("--door", help="gebruikersnaam van wie de client aanmaakt (voor de audit)")

    def handle(self, *args, **options) -> None:
        # The platform names the organisation model only through its lazy foreign key (docs/decisions.md).
        Organisatie = ApiClient._meta.get_field("organisatie").related_model  # noqa: N806 - a model class
        try:
            organisatie = Organisatie._default_manager.select_related("swv").get(pk=options["organisatie"])
        except ObjectDoesNotExist:
            raise CommandError(f"Organisatie {options['organisatie']} bestaat niet.") from None
        door = None
        if options["door"]:
            door = User.objects.filter(username=options["door"]).first()
            if door is None:
                raise CommandError(f"Gebruiker '{options['door']}' bestaat niet.")
        verloopt_op = None
        if options["verloopt"]:
            # "Valid through 31 December": it stops at the start of the next day, Dutch time.
            volgende_dag = options["verloopt"] + dt.timedelta(days=1)
            verloopt_op = timezone.make_aware(dt.datetime.combine(volgende_dag, dt.time.min))
        try:
            client, token = api_client_create(
                naam=options["naam"],
                organisatie=organisatie,
                scopes=options["scopes"],
                verloopt_op=verloopt_op,
                by=door,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stderr.write(
            f"API-client {client.pk} '{client.naam}' aangemaakt voor {organisatie} ({client.swv.code}), "
            f"scopes: {', '.join(client.scopes) or '(geen)'}. "
            "Kopieer het token nu; het wordt niet meer getoond."
        )
        self.stdout.write(token)
