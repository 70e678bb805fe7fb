"""Reads of the plan part: versions, the comparison of two versions, tasks ("mijn taken")."""

import difflib

from django.db.models import Q, QuerySet

from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN

from .models import Plan, Taak
from .services_plan import PLAN_INHOUD


def _woorden(tekst: str) -> list[str]:
    return tekst.split()


def plan_vergelijken(oud: Plan, nieuw: Plan) -> list[dict]:
    """Field by field, the difference between two versions (for "Vergelijken"). Texts are compared word by
    word with difflib: `stukken` is a list of (soort, tekst) with soort gelijk/verwijderd/toegevoegd."""
    rijen = []
    for naam in PLAN_INHOUD:
        veld = Plan._meta.get_field(naam)
        if getattr(veld, "choices", None):
            a, b = getattr(oud, f"get_{naam}_display")(), getattr(nieuw, f"get_{naam}_display")()
        else:
            a, b = getattr(oud, naam) or "", getattr(nieuw, naam) or ""
        stukken: list[tuple[str, str]] = []
        wa, wb = _woorden(str(a)), _woorden(str(b))
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
            if op == "equal":
                stukken.append(("gelijk", " ".join(wa[i1:i2])))
                continue
            if i2 > i1:
                stukken.append(("verwijderd", " ".join(wa[i1:i2])))
            if j2 > j1:
                stukken.append(("toegevoegd", " ".join(wb[j1:j2])))
        rijen.append(
            {
                "veld": naam,
                "label": getattr(veld, "verbose_name", naam),
                "oud": a,
                "nieuw": b,
                "gewijzigd": a != b,
                "stukken": stukken,
            }
        )
    return rijen


def taken_voor(user) -> QuerySet[Taak]:
    """The open tasks of `user` in the SWV they act for: their own, and those for their acting role."""
    lidmaatschap = lidmaatschap_van(user)
    if lidmaatschap is None:
        return Taak.objects.none()
    voor_mij = Q(gebruiker_id=lidmaatschap.user_id) | Q(
        gebruiker__isnull=True, organisatie__isnull=True, rol=lidmaatschap.rol
    )
    if lidmaatschap.rol in SCHOOL_ROLLEN:
        # Tasks for the school team (issue 11: the TLV that ends soon), in every school role.
        voor_mij |= Q(gebruiker__isnull=True, organisatie_id=lidmaatschap.organisatie_id)
    return (
        Taak.objects.filter(swv_id=lidmaatschap.swv_id, afgehandeld_op__isnull=True)
        .filter(voor_mij)
        .order_by("vervalt_op", "pk")
    )


def taken_startblok(request, lidmaatschap) -> dict:
    """The start page's "Mijn taken" block: the first five open tasks and how many there are."""
    import datetime
    from typing import Any

    from django.utils import timezone

    from swv.core.plugins import taken_eerste_uit_bronnen

    # Only what the block shows (issue 12, verzuim-robuust): a count and the first five of each kind, merged;
    # a fixed number of queries, not the whole list of a user with hundreds of tasks and signals.
    eigen = taken_voor(request.user)
    aantal, andere = taken_eerste_uit_bronnen(request.user, 5)
    alles: list[Any] = [*eigen[:5], *andere]  # Taak rows and TaakItems: both have vervalt_op
    taken = sorted(alles, key=lambda taak: taak.vervalt_op or datetime.date.max)[:5]
    return {"taken": taken, "totaal": eigen.count() + aantal, "vandaag": timezone.localdate()}


# --- issue 12, part signalen: other apps' items in "Mijn taken" (swv.core.plugins.register_taken_bron) ---
def alle_taken_voor(user) -> list:
    """The user's open tasks and the open items other apps registered (verzuim signals), by deadline
    (no deadline last). The cases app knows those apps only through the platform's hook."""
    import datetime

    from swv.core.plugins import taken_uit_bronnen

    alles = [*taken_voor(user), *taken_uit_bronnen(user)]
    return sorted(alles, key=lambda taak: taak.vervalt_op or datetime.date.max)
