"""The cases app's retention rule, called by the platform's retention job (swv.audit.retention) in its
transaction and history context: pupils uitgeschreven more than RETENTION_LEERLINGADMINISTRATIE_YEARS
ago are anonymised (names, BSN and onderwijsnummer removed, birth date reduced to 1 January of the
year), not deleted: later case, verzuim and OOGO figures keep counting them (docs/decisions.md 11).
Their history from before the anonymisation is deleted by the platform (HistoryPurge in apps.py).
"""

import datetime

from django.conf import settings
from django.db.models.functions import TruncYear
from django.utils import timezone

from swv.audit.retention import years_before

from .models import Leerling


def anonymise_pupils(now: datetime.datetime) -> dict[str, int]:
    cutoff = years_before(timezone.localdate(now), settings.RETENTION_LEERLINGADMINISTRATIE_YEARS)
    anonymised = Leerling.objects.filter(uitgeschreven_op__lt=cutoff, geanonimiseerd_op__isnull=True).update(
        voornaam="",
        achternaam="",
        bsn=None,
        onderwijsnummer=None,
        geboortedatum=TruncYear("geboortedatum"),
        geanonimiseerd_op=now,
    )
    return {"leerlingen_geanonimiseerd": anonymised}
