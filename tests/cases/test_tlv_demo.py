"""Demo TLVs (cases/demo_tlv.py): each kind and category, one ending this school year, idempotent."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.deadlines import schooljaar
from cases.models import Casus, Tlv

pytestmark = pytest.mark.django_db


def test_demo_data_has_tlvs_of_each_kind_and_category_and_a_second_run_adds_none():
    call_command("demo_data", verbosity=0)
    tlvs = Tlv.objects.all()
    assert {t.soort for t in tlvs} == {"sbao", "so"}
    assert {t.bekostigingscategorie for t in tlvs if t.soort == "so" and t.status == "toegekend"} == {
        "laag",
        "midden",
        "hoog",
    }
    assert {t.status for t in tlvs} == {"toegekend", "afgewezen"}
    # No open demo case: the other demo journeys start new cases for demo pupils.
    assert not Casus.objects.filter(tlvs__isnull=False).exclude(status="afgesloten").exists()
    einde_dit_jaar = schooljaar(timezone.localdate())[1]
    assert tlvs.filter(status="toegekend", einddatum=einde_dit_jaar).exists()
    aantal = tlvs.count()
    call_command("demo_data", verbosity=0)
    assert Tlv.objects.count() == aantal
