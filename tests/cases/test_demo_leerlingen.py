"""The cases app's demo data (cases/demo.py): fictional pupils at the demo schools, idempotent."""

import pytest
from django.core.management import call_command
from stdnum.nl import bsn

from cases.demo import DEMO_LEERLINGEN_PER_SCHOOL
from cases.demo_overdracht import OVERDRACHT_BSN
from cases.models import Leerling
from partners.demo import SCHOLEN
from swv.core.demo import SWV_CODE

pytestmark = pytest.mark.django_db


def test_every_demo_school_gets_its_pupils_once_with_valid_generated_bsns():
    call_command("demo_data")
    call_command("demo_data")

    # The pupils of this demo part; the overdracht demo adds one of its own (cases/demo_overdracht.py).
    leerlingen = list(
        Leerling.objects.filter(swv__code=SWV_CODE).exclude(bsn=OVERDRACHT_BSN).select_related("school")
    )
    assert len(leerlingen) == len(SCHOLEN) * DEMO_LEERLINGEN_PER_SCHOOL
    per_school = {code: 0 for code, _naam, _gemeente in SCHOLEN}
    for leerling in leerlingen:
        per_school[leerling.school.code] += 1
    assert set(per_school.values()) == {DEMO_LEERLINGEN_PER_SCHOOL}
    assert all(bsn.is_valid(leerling.bsn) for leerling in leerlingen)
    # One pupil per school lives in a neighbouring gemeente.
    assert sum(leerling.woongemeente_id != leerling.school.gemeente_id for leerling in leerlingen) == len(
        SCHOLEN
    )


def test_every_demo_pupil_has_an_enrolment_at_its_school_and_ouders_with_contact_once():
    from cases.models import Inschrijving, Ouder

    call_command("demo_data")
    call_command("demo_data")

    leerlingen = list(Leerling.objects.filter(swv__code=SWV_CODE))
    inschrijvingen = Inschrijving.objects.filter(leerling__in=leerlingen)
    assert inschrijvingen.count() == len(leerlingen)
    assert all(i.school_id == i.leerling.school_id and i.uitgeschreven_op is None for i in inschrijvingen)
    ouders = list(Ouder.objects.filter(leerling__in=leerlingen))
    assert {o.leerling_id for o in ouders} == {lln.pk for lln in leerlingen}
    assert all(o.email.endswith("@example.org") and o.telefoon.startswith("06-") for o in ouders)
    assert any(not o.gezag for o in ouders)
