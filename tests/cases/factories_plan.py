"""Test data of the plan part: cases are made with Casus.objects.create until the casus services exist."""

import datetime

from django.utils import timezone

from cases.models import Casus, Ouder
from tests.factories import LeerlingFactory


def maak_casus(swv, *, school=None, status=Casus.Status.IN_BEHANDELING, **velden) -> Casus:
    leerling = LeerlingFactory(swv=swv, **({"school": school} if school else {}))
    return Casus.objects.create(
        swv=swv,
        leerling=leerling,
        school=leerling.school,
        status=status,
        aangemeld_op=velden.pop("aangemeld_op", timezone.now()),
        **velden,
    )


def maak_ouder(casus, *, gezag: bool = True, achternaam: str = "De Vries") -> Ouder:
    return Ouder.objects.create(
        swv=casus.swv,
        leerling=casus.leerling,
        voornaam="Anna",
        achternaam=achternaam,
        relatie="moeder",
        gezag=gezag,
    )


DAG = datetime.date(2026, 9, 1)
