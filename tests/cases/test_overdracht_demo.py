"""The demo's overdracht PO -> VO (cases/demo_overdracht.py): one offer in progress, loaded once."""

import pytest
from django.core.management import call_command

from cases.models import Casus, Overdracht
from swv.core.demo import SWV_CODE

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_warm_overdracht_po_vo_in_progress_once():
    call_command("demo_data")
    call_command("demo_data")

    overdracht = Overdracht.objects.get(swv__code=SWV_CODE)
    assert overdracht.soort == Overdracht.Soort.PO_VO
    assert overdracht.status == Overdracht.Status.AANGEBODEN
    assert overdracht.casus.status == Casus.Status.AANGEMELD
    assert overdracht.van_school.code == "99AB00"
    assert overdracht.naar_school.code == "99VO00"
    assert overdracht.casus.tijdlijn.filter(soort="overdracht").count() == 1
