"""The one way onto a case's tijdlijn, for this app and for others (verzuim, thuiszitters, ...).

Other apps never write `TijdlijnGebeurtenis` themselves: they call `tijdlijn_toevoegen`, so the
tenant, the author and the no-BSN rule are kept in one place.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Casus, TijdlijnGebeurtenis

# Nine digits in a row look like a BSN (or onderwijsnummer): never stored in a tijdlijn text.
_NEGEN_CIJFERS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def tijdlijn_toevoegen(
    *,
    casus: Casus,
    soort: str,
    titel: str,
    toelichting: str = "",
    by=None,
    bron: str = "cases",
    obj: models.Model | None = None,
    op: datetime.datetime | None = None,
) -> TijdlijnGebeurtenis:
    """Add one event to `casus`'s tijdlijn. `by` is the request's user (a person or an API client) or None
    (the system). `obj` is the object the event is about (linked from the tijdlijn). Texts with a number
    that looks like a BSN are refused (ValidationError), so no caller can leak one into the tijdlijn."""
    for tekst in (titel, toelichting):
        if _NEGEN_CIJFERS.search(tekst or ""):
            raise ValidationError(_("Een tijdlijntekst mag geen BSN of onderwijsnummer bevatten."))
    door = api_client = None
    if by is not None and getattr(by, "is_api_client", False):
        api_client = by.api_client
    elif by is not None and getattr(by, "is_authenticated", False):
        door = by
    return TijdlijnGebeurtenis.objects.create(
        swv_id=casus.swv_id,
        casus=casus,
        soort=soort,
        bron=bron,
        titel=titel[:250],
        toelichting=toelichting,
        door=door,
        api_client=api_client,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        op=op or timezone.now(),
    )
