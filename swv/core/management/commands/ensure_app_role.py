"""Create the application's database role (the user in DATABASE_URL) as the owner, if it is missing.

docker-compose runs this before `migrate`; on a managed PostgreSQL a DBA may create the role instead
(docs/operations.md "Databaserollen"), and this command then only checks that the role cannot lift
the audit trail's protection (no superuser, no CREATEROLE/BYPASSRLS, owns no table).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from swv.audit.privileges import ensure_app_role

from .migrate import use_owner_connection


class Command(BaseCommand):
    help = "Maak de databaserol van de app aan (als eigenaar), of controleer hem."

    def handle(self, *args, **options):
        app = settings.DATABASES[DEFAULT_DB_ALIAS]
        role, password, database = settings.DATABASE_APP_ROLE, app.get("PASSWORD") or None, app["NAME"]
        if not settings.DATABASE_OWNER_URL or not role:
            raise CommandError(
                "Zet DATABASE_OWNER_URL (eigenaar) naast DATABASE_URL (app-rol); zie docs/operations.md."
            )
        use_owner_connection()
        try:
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                created = ensure_app_role(cursor, role, password, database)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Databaserol {role} {'aangemaakt' if created else 'bestaat al'}.")
