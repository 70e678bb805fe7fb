"""Demo arrangementen (issue 11): on the demo voorzieningen, idempotent, counted on the dekkend netwerk."""

import pytest
from django.core.management import call_command

from cases.models import Arrangement
from partners.selectors import dekkend_netwerk
from swv.core.demo import SWV_CODE
from swv.core.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db


def test_the_demo_puts_arrangementen_on_the_demo_voorzieningen_once():
    call_command("demo_data")
    call_command("demo_data")

    swv = Samenwerkingsverband.objects.get(code=SWV_CODE)
    assert Arrangement.objects.filter(swv=swv).count() == 4
    assert set(Arrangement.objects.filter(swv=swv).values_list("status", flat=True)) == {
        "aangevraagd",
        "toegekend",
        "gestart",
        "beeindigd",
    }
    herstart = next(v for v in dekkend_netwerk(swv=swv).voorzieningen if v.naam == "Herstart (demo)")
    assert herstart.wachtlijst == 1
