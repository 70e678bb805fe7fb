"""Freezing the data packs of a meeting (issue 13, decision 67): when the agenda is sent, the figures of
every gemeente of the meeting are stored as they are that day, so the minutes show what was discussed."""

from django.utils import timezone

from swv.core.services import is_person, tracked_write

from .datapakket import peildatum_voor, samenstellen
from .models import Datapakket, Overleg


def datapakketten_bevriezen(overleg: Overleg, by) -> list[Datapakket]:
    """Create or replace the pack of each gemeente of `overleg` (and drop those of gemeenten no longer in
    it). Called by `overleg_status_zetten` when the agenda is sent; safe to run again (the rows are
    replaced, one per meeting and gemeente)."""
    peildatum = peildatum_voor(overleg)
    nu = timezone.now()
    door = by if is_person(by) else None
    pakketten = []
    with tracked_write(by):
        gemeenten = list(overleg.gemeenten.order_by("naam", "pk"))
        Datapakket.objects.filter(overleg=overleg).exclude(gemeente__in=gemeenten).delete()
        for gemeente in gemeenten:
            pakket, _nieuw = Datapakket.objects.update_or_create(
                overleg=overleg,
                gemeente=gemeente,
                defaults={
                    "swv_id": overleg.swv_id,
                    "peildatum": peildatum,
                    "inhoud": samenstellen(overleg, gemeente, peildatum),
                    "bevroren_op": nu,
                    "bevroren_door": door,
                },
            )
            pakketten.append(pakket)
    return pakketten
