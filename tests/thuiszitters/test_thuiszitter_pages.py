"""Thuiszitter pages (issue 12, part thuiszitter): the list with those over 3 months first and the days-at-home
counter, filters, who sees which registration (404 for another gemeente or school), register, update with the
optimistic check, end, and the detail's history."""

import datetime
import re

import pytest
from django.utils import timezone

from swv.core.models import Rol
from tests.factories import LeerlingFactory
from tests.thuiszitters.factories import ThuiszitterFactory
from thuiszitters.models import Thuiszitter
from thuiszitters.services_thuiszitter import thuiszitter_registreren

pytestmark = pytest.mark.django_db

LIJST = "/thuiszitters/registraties/"


def _dagen_geleden(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def _namen(html: str) -> list[str]:
    return re.findall(
        r'<a class="utrecht-link utrecht-link--html-a" href="/thuiszitters/registraties/\d+/">([^<]+)</a>',
        html,
    )


def test_the_list_shows_those_over_three_months_first_with_the_days_at_home(users, leerlingen, client_for):
    swv = leerlingen.eigen.swv
    ThuiszitterFactory(
        leerling=LeerlingFactory(swv=swv, voornaam="Kort", achternaam="Thuis"), startdatum=_dagen_geleden(40)
    )
    ThuiszitterFactory(
        leerling=LeerlingFactory(swv=swv, voornaam="Lang", achternaam="Thuis"), startdatum=_dagen_geleden(120)
    )
    ThuiszitterFactory(
        leerling=LeerlingFactory(swv=swv, voornaam="Al", achternaam="Klaar"),
        startdatum=_dagen_geleden(400),
        einddatum=_dagen_geleden(200),
        reden_einde="terug_naar_school",
    )
    response = client_for(users[Rol.SWV_COORDINATOR]).get(LIJST)
    html = response.content.decode()
    assert response.status_code == 200
    assert _namen(html) == ["Lang Thuis", "Kort Thuis", "Al Klaar"]
    assert re.search(r'data-testid="dagen-thuis">120 <strong>\(langer dan 3 maanden\)', html)
    assert 'data-testid="dagen-thuis">40<' in html
    assert 'data-testid="dagen-thuis">200<' in html


def test_the_filters_narrow_the_list(users, leerlingen, client_for):
    ThuiszitterFactory(leerling=leerlingen.eigen)
    andere = ThuiszitterFactory(leerling=leerlingen.andere_school, soort="absoluut", school=None)
    client = client_for(users[Rol.SWV_COORDINATOR])
    assert len(_namen(client.get(LIJST, {"soort": "absoluut"}).content.decode())) == 1
    assert len(_namen(client.get(LIJST, {"gemeente": andere.gemeente_id}).content.decode())) == 1
    assert len(_namen(client.get(LIJST, {"school": leerlingen.eigen.school_id}).content.decode())) == 1
    assert len(_namen(client.get(LIJST, {"status": "beeindigd"}).content.decode())) == 0
    assert len(_namen(client.get(LIJST, {"status": "open"}).content.decode())) == 2


def test_leerplicht_sees_its_gemeente_and_a_school_its_school(users, leerlingen, client_for):
    eigen = ThuiszitterFactory(leerling=leerlingen.eigen)
    elders = ThuiszitterFactory(leerling=leerlingen.andere_school)
    for rol in (Rol.LEERPLICHTAMBTENAAR, Rol.INTERN_BEGELEIDER):
        client = client_for(users[rol])
        assert len(_namen(client.get(LIJST).content.decode())) == 1
        assert client.get(f"{LIJST}{eigen.pk}/").status_code == 200
        assert client.get(f"{LIJST}{elders.pk}/").status_code == 404


def test_leerplicht_of_another_gemeente_gets_404_on_the_write_pages(users, leerlingen, client_for):
    elders = ThuiszitterFactory(leerling=leerlingen.andere_school)
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    assert client.get(f"{LIJST}{elders.pk}/bijwerken/").status_code == 404
    assert (
        client.post(
            f"{LIJST}{elders.pk}/beeindigen/", {"einddatum": "2026-11-01", "reden_einde": "overig"}
        ).status_code
        == 404
    )
    assert Thuiszitter.objects.get(pk=elders.pk).einddatum is None


def test_a_school_reads_but_does_not_change(users, leerlingen, client_for):
    t = ThuiszitterFactory(leerling=leerlingen.eigen)
    client = client_for(users[Rol.ZORGCOORDINATOR])
    assert client.get(f"{LIJST}{t.pk}/").status_code == 200
    assert "Bijwerken" not in client.get(f"{LIJST}{t.pk}/").content.decode()
    assert client.get(f"{LIJST}{t.pk}/bijwerken/").status_code == 403
    assert client.get(f"{LIJST}nieuw/").status_code == 403


def test_register_from_the_page_with_the_pupil_chosen_from_the_visible_ones(users, leerlingen, client_for):
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    form = client.get(f"{LIJST}nieuw/").content.decode()
    assert f'value="{leerlingen.eigen.pk}"' in form
    assert f'value="{leerlingen.andere_school.pk}"' not in form  # not living in this gemeente
    response = client.post(
        f"{LIJST}nieuw/",
        {
            "leerling": leerlingen.eigen.pk,
            "soort": "langdurig_relatief",
            "startdatum": "2026-09-01",
            "redenen": ["psychisch"],
        },
    )
    t = Thuiszitter.objects.get(leerling=leerlingen.eigen)
    assert response.status_code == 302
    assert response["Location"] == f"{LIJST}{t.pk}/"
    assert t.redenen == ["psychisch"]
    # A second one: the Dutch error on the pupil, and what was typed stays.
    response = client.post(
        f"{LIJST}nieuw/",
        {
            "leerling": leerlingen.eigen.pk,
            "soort": "langdurig_relatief",
            "startdatum": "2026-09-02",
            "perspectief": "Mijn tekst",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Deze leerling staat al als thuiszitter geregistreerd." in html
    assert "Mijn tekst" in html


def test_update_end_and_the_history_on_the_detail(users, leerlingen, client_for):
    coordinator = users[Rol.SWV_COORDINATOR]
    t = thuiszitter_registreren(
        swv=leerlingen.eigen.swv,
        by=coordinator,
        leerling=leerlingen.eigen,
        soort="langdurig_relatief",
        startdatum=_dagen_geleden(10),
    )
    client = client_for(coordinator)
    versie = re.search(
        r'name="versie" value="([^"]+)"', client.get(f"{LIJST}{t.pk}/bijwerken/").content.decode()
    ).group(1)
    response = client.post(
        f"{LIJST}{t.pk}/bijwerken/",
        {
            "versie": versie,
            "perspectief": "Herstart",
            "doorzettingsmacht": "swv",
            "aanbod": "Herstart-klas",
            "aanbod_vanaf": _dagen_geleden(2).isoformat(),
        },
    )
    assert response.status_code == 302
    # Someone else's change meanwhile: refused, listed, nothing lost.
    response = client.post(f"{LIJST}{t.pk}/bijwerken/", {"versie": versie, "perspectief": "Anders"})
    assert response.status_code == 400
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert Thuiszitter.objects.get(pk=t.pk).perspectief == "Herstart"
    response = client.post(
        f"{LIJST}{t.pk}/beeindigen/",
        {"einddatum": _dagen_geleden(1).isoformat(), "reden_einde": "onderwijs_zorg"},
    )
    assert response.status_code == 302
    html = client.get(f"{LIJST}{t.pk}/").content.decode()
    assert "9 dagen thuis" in html
    historie = html.split('data-testid="historie"')[1]
    assert "Geregistreerd" in historie
    assert "Gevonden aanbod: – → Herstart-klas" in historie
    assert "Reden einde: – → Combinatie van onderwijs en zorg" in historie
    assert (coordinator.get_full_name() or coordinator.username) in historie


def test_an_empty_end_form_answers_400_with_dutch_errors(users, leerlingen, client_for):
    t = ThuiszitterFactory(leerling=leerlingen.eigen)
    response = client_for(users[Rol.SWV_COORDINATOR]).post(f"{LIJST}{t.pk}/beeindigen/", {})
    assert response.status_code == 400
    assert "Het formulier is nog niet opgeslagen" in response.content.decode()
