"""Helpers every app's services use: who wrote (for the history), change only what changed, same tenant.

An app's service keeps its own rules (which fields, which checks); what every service needs the same way
lives here, so the copies cannot drift (the cases copy of the write context had lost the API client).
"""

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _


def history_context(by) -> dict:
    """Who wrote, for pghistory: a person (user id), a partner system (API client id), or the system.

    `by` is the request's user (a person or `swv.core.api.authentication.ApiClientUser`), or None for
    tasks, imports and the retention job.
    """
    if by is None:
        return {"bron": "systeem"}
    if getattr(by, "is_api_client", False):
        return {"bron": "api", "api_client": by.api_client.pk}
    return {"user": by.pk}


@contextmanager
def tracked_write(by) -> Iterator[None]:
    """One transaction whose writes the history records as done by `by` (see `history_context`)."""
    with transaction.atomic(), pghistory.context(**history_context(by)):
        yield


def is_person(by) -> bool:
    """`by` is a signed-in person (not the system, not a partner system)."""
    return (
        by is not None and getattr(by, "is_authenticated", False) and not getattr(by, "is_api_client", False)
    )


def check_fields(fields: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """A service's `**fields` may name only the fields it lets a caller change (a programming error)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Onbekende of niet wijzigbare velden: {', '.join(sorted(unknown))}")


def set_changed(obj: models.Model, fields: Mapping[str, Any]) -> list[str]:
    """Set the fields whose value differs; returns their names (nothing set, nothing to save)."""
    changed = []
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def model_update(obj: models.Model, fields: Mapping[str, Any]) -> list[str]:
    """Set only what changed, validate (Dutch ValidationError, nothing saved) and save only those fields.

    Returns the changed field names. Call it inside `tracked_write(by)`, so the history says who.
    """
    changed = set_changed(obj, fields)
    if changed:
        obj.full_clean()
        obj.save(update_fields=changed)
    return changed


def check_same_swv(field: str, swv, objects: Iterable[Any], *, message: str | None = None) -> list:
    """Every related object must belong to `swv` (a `core.Swv` or its id): the tenancy of links.

    Raises a Dutch ValidationError on `field` (so a form shows it next to the input); returns the
    objects as a list, for `.set()`.
    """
    swv_id = getattr(swv, "pk", swv)
    objects = list(objects)
    if any(o.swv_id != swv_id for o in objects):
        raise ValidationError(
            {field: message or _("Een van de gekozen waarden hoort bij een ander samenwerkingsverband.")}
        )
    return objects
