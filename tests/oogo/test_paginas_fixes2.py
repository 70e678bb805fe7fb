"""Fixes found while driving the OOGO beheer pages in a browser (tests/e2e/test_e2e_oogo_beheer.py)."""

import re

import pytest

from tests.factories import PersoonFactory
from tests.oogo.factories import overleg

pytestmark = pytest.mark.django_db


def test_each_persons_attendance_choices_are_a_group_named_after_that_person(swv, users, client_for):
    """A <label> cannot name a group of radio buttons (Django renders it with for=""): without a fieldset a
    screen reader heard "Aanwezig" four times per person without whose. Now a fieldset per person, the name
    as its legend, and no label that points at nothing."""
    a = PersoonFactory(swv=swv, voornaam="Anne", achternaam="Aanwezigtest")
    b = PersoonFactory(swv=swv, voornaam="Bram", achternaam="Berichttest")
    o = overleg(swv, genodigden=[a, b])

    html = client_for(users["swv_coordinator"]).get(f"/oogo/{o.pk}/aanwezigheid/").content.decode()

    groepen = re.findall(
        r'<fieldset[^>]*data-testid="aanwezigheid-persoon"[^>]*>\s*<legend[^>]*>([^<]+)</legend>(.*?)</fieldset>',
        html,
        re.S,
    )
    assert [naam for naam, _radios in groepen] == ["Anne Aanwezigtest", "Bram Berichttest"]
    for naam, radios in groepen:
        persoon = a if naam.startswith("Anne") else b
        assert radios.count(f'name="persoon_{persoon.pk}"') == 4
    assert 'for=""' not in html
