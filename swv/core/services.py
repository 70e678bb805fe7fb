"""Helpers every app's services use: who wrote (for the history), change only what changed, same tenant.

An app's service keeps its own rules (which fields, which checks); what every service needs the same way
lives here, so the copies cannot drift (the cases copy of the write context had lost the API client).
"""

import enum
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final, is_typeddict

import pghistory
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from .constraints import integrity_error_als_validatie


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
    """One transaction whose writes the history records as done by `by` (see `history_context`).

    A declared constraint that refuses the write (two writes at the same moment both passed full_clean;
    the database decides) is the same Dutch ValidationError on the same field that full_clean gives
    (swv.core.constraints), raised after the transaction (or savepoint) rolled back.
    """
    try:
        with transaction.atomic(), pghistory.context(**history_context(by)):
            yield
    except IntegrityError as exc:
        fout = integrity_error_als_validatie(exc)
        if fout is None:
            raise
        raise fout from exc


def is_person(by) -> bool:
    """`by` is a signed-in person (not the system, not a partner system)."""
    return (
        by is not None and getattr(by, "is_authenticated", False) and not getattr(by, "is_api_client", False)
    )


class Unset(enum.Enum):
    """The type of `UNSET`: an enum of one member, so mypy narrows `x is not UNSET` to the real type."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


# "Not given", for a service argument where None or [] is a value a caller may set (a linked-objects list
# that an update replaces only when given: `gemeenten: Iterable[Organisatie] | Unset = UNSET`).
UNSET: Final = Unset.UNSET


def check_fields(fields: Mapping[str, Any], allowed: type) -> None:
    """A service's `**fields: Unpack[XVelden]` may name only the keys of that TypedDict.

    mypy checks the call sites against the TypedDict; Python does not, so the service calls this with the
    same TypedDict and an unknown or unchangeable field (`swv`, an id) is a TypeError at run time too.
    A key that is absent was not given (an update leaves it alone); None is a value.
    """
    if not is_typeddict(allowed):
        raise TypeError(f"check_fields wants the TypedDict of a service's fields, not {allowed!r}")
    unknown = set(fields) - set(allowed.__annotations__)
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
