"""Reads of the coordinator's OOGO pages (oogo/views_beheer.py): the ontwikkelagenda, the plan cycle and
the geschillen with their terms. Every read starts at the model's `visible_to` (oogo/querysets.py)."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .models import Geschil, Ondersteuningsplan, Ontwikkeldoel, Voortgang


def ontwikkeldoelen_voor(user) -> QuerySet[Ontwikkeldoel]:
    return Ontwikkeldoel.objects.visible_to(user).prefetch_related(
        Prefetch("voortgang", queryset=Voortgang.objects.select_related("overleg").order_by("-datum", "-pk"))
    )


def ondersteuningsplannen_voor(user) -> QuerySet[Ondersteuningsplan]:
    return Ondersteuningsplan.objects.visible_to(user).select_related("oogo_overleg")


def geschillen_voor(user) -> QuerySet[Geschil]:
    return Geschil.objects.visible_to(user).select_related("agendapunt__overleg", "gemeente")


@dataclass(frozen=True)
class Termijn:
    """One term of the geschillenregeling: by when, when it was met (None: not yet) and whether it is late."""

    uiterlijk: datetime.date
    ontvangen_op: datetime.date | None
    vandaag: datetime.date

    @property
    def te_laat(self) -> bool:
        """Not met and past its date; or met after it."""
        if self.ontvangen_op is None:
            return self.vandaag > self.uiterlijk
        return self.ontvangen_op > self.uiterlijk


def termijnen(geschil: Geschil, vandaag: datetime.date) -> dict[str, Termijn]:
    """Verweer within two weeks of the submission, the advice four weeks after it (models/agenda.py)."""
    return {
        "verweer": Termijn(geschil.verweer_uiterlijk, geschil.verweer_ontvangen_op, vandaag),
        "advies": Termijn(geschil.advies_uiterlijk, geschil.advies_ontvangen_op, vandaag),
    }
