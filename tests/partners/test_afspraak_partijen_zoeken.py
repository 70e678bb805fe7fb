"""Choosing the parties of an agreement among many organisations (issue 9): without JavaScript, "Zoeken"
posts the form back as a search that narrows the checkbox list, keeps everything typed and every checked
party (listed first), shows no errors and saves nothing; "Opslaan" still saves every checked party."""

import re

import pytest
from django.urls import reverse

from partners.models import Afspraak, Organisatie
from tests.factories import AfspraakFactory, OrganisatieFactory, SamenwerkingsverbandFactory

NIEUW = reverse("partners:afspraak_nieuw")


@pytest.fixture
def organisaties(swv):
    scholen = [OrganisatieFactory(swv=swv, school=True, naam=f"Basisschool Noord {i:02d}") for i in range(55)]
    return {
        "scholen": scholen,
        "ggd": OrganisatieFactory(swv=swv, ggd=True, naam="GGD Heuvelland"),
        "gemeente": OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Dalenburg", plaats="Dalenburg"),
        "elders": OrganisatieFactory(swv=SamenwerkingsverbandFactory(code="PO9897"), naam="GGD Ver Weg"),
    }


def aantal_organisaties(swv) -> int:
    return Organisatie.objects.filter(swv=swv).count()


def vinkjes(html: str) -> list[tuple[str, bool]]:
    """(organisation name, checked) of every party checkbox, in the order shown."""
    lijst = re.search(r'<div id="id_partijen">(.*?)</div>\s*</div>', html, re.S).group(1)
    return [
        (naam.strip(), "checked" in attrs)
        for attrs, naam in re.findall(
            r'<input type="checkbox" name="partijen"([^>]*)>\s*([^<]+)</label>', lijst
        )
    ]


def test_the_form_offers_a_search_box_and_button_before_the_parties(swv, organisaties, users, client_for):
    html = client_for(users["swv_coordinator"]).get(NIEUW).content.decode()
    assert (
        html.index('name="partijen_zoek"')
        < html.index('name="partijen_zoeken"')
        < html.index('id="id_partijen"')
    )
    # Zoeken is the first submit button: Enter in the search box searches, it does not save.
    assert html.index('name="partijen_zoeken"') < html.index(">Opslaan<")
    assert "js/partijen-zoeken.js" in html
    # Every organisation of the own SWV (also those of the users' memberships), none of another.
    assert len(vinkjes(html)) == aantal_organisaties(swv)


def test_zoeken_narrows_the_list_keeps_the_input_and_the_checked_party_first_and_saves_nothing(
    swv, organisaties, users, client_for
):
    client = client_for(users["swv_coordinator"])
    response = client.post(
        NIEUW,
        {
            "soort": "convenant",
            "titel": "Convenant thuiszitters",
            "toelichting": "Wat we afspreken",
            "partijen": [organisaties["ggd"].pk],
            "partijen_zoek": "dalenburg",
            "partijen_zoeken": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert Afspraak.objects.count() == 0
    assert vinkjes(html) == [("GGD Heuvelland", True), ("Gemeente Dalenburg", False)]
    assert 'value="Convenant thuiszitters"' in html
    assert "Wat we afspreken" in html
    assert 'value="dalenburg"' in html
    assert f"2 van {aantal_organisaties(swv)} partijen getoond" in html
    # A search is no save: no "required" error for the empty ingangsdatum yet.
    assert 'data-testid="formulierfouten"' not in html
    assert "utrecht-form-field--invalid" not in html


def test_after_a_search_opslaan_saves_every_checked_party(organisaties, users, client_for):
    client = client_for(users["swv_coordinator"])
    response = client.post(
        NIEUW,
        {
            "soort": "convenant",
            "titel": "Convenant thuiszitters",
            "ingangsdatum": "2026-01-01",
            "partijen": [organisaties["ggd"].pk, organisaties["gemeente"].pk],
            "partijen_zoek": "dalenburg",  # the search text left in the box does not narrow the save
        },
    )
    assert response.status_code == 302
    afspraak = Afspraak.objects.get()
    assert set(afspraak.partijen.values_list("naam", flat=True)) == {"GGD Heuvelland", "Gemeente Dalenburg"}


def test_an_error_keeps_the_checked_parties_listed_first(organisaties, users, client_for):
    school = organisaties["scholen"][40]
    response = client_for(users["swv_coordinator"]).post(
        NIEUW, {"soort": "convenant", "titel": "", "partijen": [school.pk]}
    )
    assert response.status_code == 400
    assert vinkjes(response.content.decode())[0] == (school.naam, True)


def test_editing_lists_the_agreement_s_parties_first(swv, organisaties, users, client_for):
    afspraak = AfspraakFactory(swv=swv, partijen=[organisaties["scholen"][30]])
    html = client_for(users["swv_coordinator"]).get(reverse("partners:afspraak_wijzigen", args=[afspraak.pk]))
    assert vinkjes(html.content.decode())[0] == ("Basisschool Noord 30", True)


def test_a_search_cannot_show_or_check_another_swv_s_organisation(organisaties, users, client_for):
    response = client_for(users["swv_coordinator"]).post(
        NIEUW,
        {
            "titel": "x",
            "partijen": [organisaties["elders"].pk],
            "partijen_zoek": "ggd",
            "partijen_zoeken": "1",
        },
    )
    assert [naam for naam, _ in vinkjes(response.content.decode())] == ["GGD Heuvelland"]
