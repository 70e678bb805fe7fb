"""Freezing the data packs of a meeting (issue 13, decision 67): when the agenda is sent, the figures of
every gemeente of the meeting are stored as they are that day, so the minutes show what was discussed."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.services import is_person, tracked_write

from .datapakket import peildatum_voor, samenstellen
from .models import Datapakket, Overleg
from .workflow import OverlegStatus


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


# --- part oogo-afwerking: "Cijfers opnieuw vastleggen" (the coordinator, before the meeting) ---
def datapakketten_opnieuw_vastleggen(*, overleg: Overleg, by) -> list[Datapakket]:
    """Freeze the packs again with today's figures, e.g. when a gemeente joined after the agenda went out.
    Only before the meeting: a held meeting's minutes keep the figures that were on the table, and a
    cancelled one had none. The rows are replaced (their history keeps the old figures) and audited."""
    with tracked_write(by):
        Overleg.objects.select_for_update().filter(pk=overleg.pk).first()
        overleg.refresh_from_db(fields=["status"])
        if overleg.status in (OverlegStatus.GEHOUDEN, OverlegStatus.GEANNULEERD):
            raise ValidationError(
                _("De cijfers van een gehouden of geannuleerd overleg kunnen niet opnieuw worden vastgelegd.")
            )
        pakketten = datapakketten_bevriezen(overleg, by)
        audit_log(actor=by, action=AuditEvent.Action.UPDATE, obj=overleg, reason="cijfers opnieuw vastgelegd")
    return pakketten
