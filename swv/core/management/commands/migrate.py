"""`migrate` as the database owner (DATABASE_OWNER_URL), while the app itself uses DATABASE_URL.

The application role may not create or alter tables (docs/operations.md "Databaserollen"); this
command swaps the connection of the database it migrates to the owner's credentials for its own run,
so `manage.py migrate` needs no other flag. Without DATABASE_OWNER_URL it is Django's migrate.
"""

import environ
from django.conf import settings
from django.core.management.commands import migrate
from django.db import DEFAULT_DB_ALIAS, connections


def use_owner_connection(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Point `alias` at DATABASE_OWNER_URL for the rest of this (one-off) process."""
    connection = connections[alias]
    connection.close()
    owner = environ.Env.db_url_config(settings.DATABASE_OWNER_URL)
    for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT"):
        connection.settings_dict[key] = owner[key]
    connection.settings_dict["OPTIONS"] = {
        **connection.settings_dict.get("OPTIONS", {}),
        **owner.get("OPTIONS", {}),
    }


class Command(migrate.Command):
    def handle(self, *args, **options):
        if settings.DATABASE_OWNER_URL and options["database"] == DEFAULT_DB_ALIAS:
            use_owner_connection()
        return super().handle(*args, **options)
