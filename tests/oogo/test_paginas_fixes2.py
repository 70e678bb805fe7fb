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


def test_the_item_page_links_only_to_a_geschil_the_reader_may_open(swv, users, client_for):
    """A wethouder of gemeente A on an item of a meeting with A and B: the geschil with B was linked, and
    the link answered "Pagina niet gevonden". Now only a geschil the reader may open is linked."""
    import datetime

    from oogo import services
    from tests.factories import OrganisatieFactory
    from tests.oogo.factories import bestuurder_gemeente

    eigen = bestuurder_gemeente(users["bestuurder"])
    andere = OrganisatieFactory(swv=swv, gemeente=True)
    o = overleg(swv, gemeenten=[eigen, andere])
    punt = services.agendapunt_toevoegen(
        overleg=o, by=None, titel="Kosten vervoer", thema="leerlingenvervoer"
    )
    services.agendapunt_status_zetten(agendapunt=punt, by=None, status="geagendeerd")
    services.agendapunt_status_zetten(
        agendapunt=punt, by=None, status="geen_overeenstemming", uitkomst="Geen akkoord over de kosten."
    )
    geschil = services.geschil_voorleggen(
        agendapunt=punt,
        by=None,
        gemeente=andere,
        ingediend_door="swv",
        ingediend_op=datetime.date(2026, 11, 2),
    )
    link = f'href="/oogo/geschillen/{geschil.pk}/"'

    bestuurder = client_for(users["bestuurder"])
    pagina = bestuurder.get(f"/oogo/agendapunten/{punt.pk}/").content.decode()
    assert "Kosten vervoer" in pagina
    assert link not in pagina
    assert bestuurder.get(f"/oogo/geschillen/{geschil.pk}/").status_code == 404
    # The coordinator still finds it from the item.
    assert link in client_for(users["swv_coordinator"]).get(f"/oogo/agendapunten/{punt.pk}/").content.decode()
    # A geschil with the wethouder's own gemeente is linked for them.
    geschil.gemeente = eigen
    geschil.save(update_fields=["gemeente"])
    assert link in bestuurder.get(f"/oogo/agendapunten/{punt.pk}/").content.decode()
