"""Issue 9, correctness of the registry: probable duplicates, Dutch postcodes, BRIN search, amounts,
sorting by achternaam, ended providers in the dekkend netwerk."""

import json

import pytest
from django.urls import reverse

from partners import services
from partners.models import Organisatie
from swv.core.models import Rol
from tests.factories import OrganisatieFactory

NIEUW = reverse("partners:organisatie_toevoegen")


@pytest.fixture
def coordinator(users, client_for):
    return client_for(users[Rol.SWV_COORDINATOR])


def _api_post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


# --- 2. probable duplicates ---


def test_an_organisation_with_the_same_name_soort_and_gemeente_is_refused_until_confirmed(swv, coordinator):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Dalenburg", code="0123")
    # (not the factory: its `gemeente` is a trait that makes a gemeente)
    bestaand = Organisatie.objects.create(swv=swv, naam="Wijkteam Noord", soort="wijkteam", gemeente=gemeente)
    data = {"naam": " wijkteam noord ", "soort": "wijkteam", "gemeente": gemeente.pk, "actief": "on"}

    response = coordinator.post(NIEUW, data)

    assert response.status_code == 400
    assert response.context["form"].has_error("naam", code="mogelijk_dubbel")
    html = response.content.decode()
    assert "Er staat al een organisatie ‘Wijkteam Noord’ van deze soort in deze gemeente" in html
    assert f'href="{reverse("partners:detail", args=[bestaand.pk])}"' in html
    assert 'name="dubbel_toegestaan"' in html
    assert Organisatie.objects.filter(swv=swv, naam="Wijkteam Noord").count() == 1

    bevestigd = coordinator.post(NIEUW, {**data, "dubbel_toegestaan": "on"})

    assert bevestigd.status_code == 302
    assert Organisatie.objects.filter(swv=swv, naam__iexact="wijkteam noord").count() == 2


def test_the_add_page_shows_no_duplicate_checkbox_before_a_warning(coordinator):
    assert 'name="dubbel_toegestaan"' not in coordinator.get(NIEUW).content.decode()


def test_the_same_name_in_another_gemeente_or_of_another_soort_is_no_duplicate(swv):
    a = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente A", code="0001")
    b = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente B", code="0002")
    Organisatie.objects.create(swv=swv, naam="Wijkteam", soort="wijkteam", gemeente=a)
    services.organisatie_create(swv=swv, by=None, naam="Wijkteam", soort="wijkteam", gemeente=b)
    services.organisatie_create(swv=swv, by=None, naam="Wijkteam", soort="ggd", gemeente=a)
    assert Organisatie.objects.filter(swv=swv, naam="Wijkteam").count() == 3


def test_the_api_refuses_a_probable_duplicate_with_a_400_on_naam_unless_dubbel_toegestaan(swv, coordinator):
    OrganisatieFactory(swv=swv, naam="GGD Heuvelland", soort="ggd")

    response = _api_post(coordinator, "/api/v1/organisaties", {"naam": "GGD Heuvelland", "soort": "ggd"})

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    [param] = response.json()["invalidParams"]
    assert (param["name"], param["code"]) == ("naam", "mogelijk_dubbel")
    assert param["reason"].startswith("Er staat al een organisatie ‘GGD Heuvelland’")
    assert Organisatie.objects.filter(swv=swv, naam="GGD Heuvelland").count() == 1

    toch = _api_post(
        coordinator,
        "/api/v1/organisaties",
        {"naam": "GGD Heuvelland", "soort": "ggd", "dubbelToegestaan": True},
    )

    assert toch.status_code == 201, toch.content
    assert "dubbelToegestaan" not in toch.json()
    assert Organisatie.objects.filter(swv=swv, naam="GGD Heuvelland").count() == 2


# --- 3. Dutch postcode ---


@pytest.mark.parametrize(
    ("invoer", "opgeslagen"),
    [("1234 AB", "1234 AB"), ("1234AB", "1234 AB"), (" 1234  ab ", "1234 AB"), ("", "")],
)
def test_a_dutch_postcode_is_stored_as_postnl_writes_it(swv, invoer, opgeslagen):
    org = services.organisatie_create(swv=swv, by=None, naam="GGD", soort="ggd", postcode=invoer)
    org.refresh_from_db()
    assert org.postcode == opgeslagen


@pytest.mark.parametrize("invoer", ["12AB 3", "0123 AB", "1234 A", "1234 SS", "12345 AB", "AB 1234"])
def test_a_postcode_that_is_not_dutch_is_a_dutch_error_on_the_field(swv, invoer):
    with pytest.raises(services.ValidationError) as fout:
        services.organisatie_create(swv=swv, by=None, naam="GGD", soort="ggd", postcode=invoer)
    assert fout.value.message_dict == {
        "postcode": ["Een postcode bestaat uit 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."]
    }


def test_a_bad_postcode_on_the_page_and_in_the_api_is_refused_on_the_field(swv, coordinator):
    pagina = coordinator.post(NIEUW, {"naam": "GGD", "soort": "ggd", "postcode": "12AB 3", "actief": "on"})
    assert pagina.status_code == 400
    assert pagina.context["form"].errors["postcode"] == [
        "Een postcode bestaat uit 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."
    ]

    api = _api_post(
        coordinator, "/api/v1/organisaties", {"naam": "GGD", "soort": "ggd", "postcode": "12AB 3"}
    )
    assert api.status_code == 400
    assert [p["name"] for p in api.json()["invalidParams"]] == ["postcode"]

    goed = _api_post(
        coordinator, "/api/v1/organisaties", {"naam": "GGD", "soort": "ggd", "postcode": "1234ab"}
    )
    assert goed.status_code == 201, goed.content
    assert goed.json()["postcode"] == "1234 AB"
    assert not Organisatie.objects.filter(postcode="12AB 3").exists()
