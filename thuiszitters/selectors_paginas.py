"""Reads of the verzuim pages (issue 12, part paginas). Every list starts at `visible_to(user)`: the one rule
of thuiszitters/querysets.py (SWV all, school its own, leerplicht its woongemeente)."""

from django.db.models import Case, Count, IntegerField, Q, Value, When

from swv.core.access import AuditRead, get_for_user

from .models import Verzuimmelding
from .models.melding import MeldingStatus

OPEN = (MeldingStatus.GEREGISTREERD, MeldingStatus.IN_BEHANDELING)


def meldingen_lijst(user, *, status: str = ""):
    """The meldingen the user sees, open ones first, then newest first; one query per page (pupil, school
    and contactpersoon joined)."""
    qs = Verzuimmelding.objects.visible_to(user).select_related("leerling", "school", "contactpersoon")
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status:
        qs = qs.filter(status=status)
    return qs.annotate(
        _afgehandeld=Case(When(status__in=OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("_afgehandeld", "-ingediend_op", "-pk")


def melding_tellingen(user) -> dict[str, int]:
    """Counts for the landing page, in one query."""
    return Verzuimmelding.objects.visible_to(user).aggregate(
        totaal=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN)),
        geregistreerd=Count("pk", filter=Q(status=MeldingStatus.GEREGISTREERD)),
    )


def get_melding_for_user(user, pk, *, request=None, gelezen: str = "verzuimmelding"):
    """One melding for `user` (404 for whoever does not see it), its read of pupil data audited; a refused
    look-up of an existing melding is logged too, as for every pupil record."""
    return get_for_user(
        Verzuimmelding.objects.select_related("leerling", "school", "contactpersoon", "ingediend_door"),
        user,
        pk,
        request=request,
        audit=AuditRead(reason=gelezen, pupil=lambda melding: melding.leerling, log_denials=True),
    )
