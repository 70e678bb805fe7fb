"""Optimistic check for edit pages: a save against an object someone changed meanwhile is not silently lost.

An edit form carries, in a signed hidden field `versie`, the values the object had when the form was
opened. On save the object is locked and compared with them. When someone else changed it meanwhile, the
save is refused with a Dutch message that lists what changed (now / then); the user's input stays in the
form, and the hidden field now holds the current values, so a second "Opslaan" (after looking) saves.

The API does the same with ETag/If-Match (`swv.core.api.conditional`).
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext as _

VELD = "versie"
_SALT = "swv.core.optimistic"
M = TypeVar("M", bound=models.Model)

if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker
    _FormBase = forms.ModelForm
else:
    _FormBase = object


def _toon(obj: models.Model, naam: str) -> str:
    """A field's stored value as the user reads it on the page."""
    veld = obj._meta.get_field(naam)
    if veld.many_to_many:
        if obj.pk is None:
            return ""
        return ", ".join(sorted(str(o) for o in getattr(obj, naam).all()))
    if getattr(veld, "choices", None):
        return str(getattr(obj, f"get_{naam}_display")())
    waarde = getattr(obj, naam)
    if isinstance(veld, models.FileField):
        return waarde.name or ""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    return str(waarde)


def waarden(obj: models.Model, velden: Iterable[str]) -> dict[str, str]:
    return {naam: _toon(obj, naam) for naam in velden}


class VersieFormMixin(_FormBase):
    """For a ModelForm that edits an existing object: adds the hidden, signed `versie` field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VELD] = forms.CharField(
                widget=forms.HiddenInput,
                required=False,
                initial=signing.dumps(
                    waarden(self.instance, self._meta.fields or ()),
                    salt=_SALT,
                    compress=True,
                ),
            )


def controleer_versie(form: forms.ModelForm, obj: M) -> M:
    """Lock `obj`'s row and compare it with the values the form was opened with; call in a transaction.

    Returns the locked, current object to save through the service. Raises a Dutch ValidationError that
    lists the changes when someone else saved meanwhile (and puts the current values in the form, so the
    next save goes through). A form without (or with a tampered) version is treated as opened now.
    """
    huidig = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    velden = list(form._meta.fields or ())
    nu = waarden(huidig, velden)
    try:
        toen = signing.loads(form.data.get(VELD, ""), salt=_SALT)
    except signing.BadSignature:
        return huidig
    gewijzigd = [naam for naam in velden if naam in toen and toen[naam] != nu[naam]]
    if not gewijzigd:
        return huidig
    # A bound form's data is request.POST (immutable, hence the copy); a test may bind a plain dict.
    data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
    data[VELD] = signing.dumps(nu, salt=_SALT, compress=True)
    form.data = data
    meldingen = [
        _(
            "Iemand anders heeft dit intussen gewijzigd. Uw invoer staat nog in het formulier; er is niets "
            "opgeslagen. Bekijk de wijzigingen hieronder en sla opnieuw op om uw invoer te bewaren."
        )
    ]
    for naam in gewijzigd:
        label = form.fields[naam].label if naam in form.fields else naam
        meldingen.append(
            _("%(veld)s: nu „%(nu)s” (was „%(toen)s” toen u het formulier opende).")
            % {"veld": label, "nu": nu[naam] or _("leeg"), "toen": toen[naam] or _("leeg")}
        )
    raise ValidationError(meldingen, code="gewijzigd")
