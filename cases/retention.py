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


# --- issue 11, part documenten ---
def documenten_opruimen(now: datetime.datetime) -> dict[str, int]:
    """Documents belong to the leerlingdossier: once the pupil is anonymised (above), the case's documents
    are deleted, files and rows (the rows' history goes with the pupil's, HistoryPurge). Files of removed
    documents went at their removal (cases/services_document.py); replaced versions go here too."""
    from .models import CasusDocument

    qs = CasusDocument.objects.filter(casus__leerling__geanonimiseerd_op__isnull=False)
    bestanden = [(d.bestand.storage, d.bestand.name) for d in qs.only("pk", "bestand") if d.bestand.name]
    verwijderd, _per_model = qs.delete()
    for storage, naam in bestanden:
        storage.delete(naam)
    return {"documenten_verwijderd": verwijderd}
