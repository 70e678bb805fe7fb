"""Issue 9, correctness of the registry: probable duplicates, Dutch postcodes, BRIN search, amounts,
sorting by achternaam, ended providers in the dekkend netwerk."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners import services
from partners.models import Organisatie
from swv.core.models import Rol
from tests.factories import OrganisatieFactory, PersoonFactory, SleutelfiguurFactory, VoorzieningFactory

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


def test_renaming_an_organisation_into_a_duplicate_is_refused_until_confirmed(swv, coordinator):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Dalenburg", code="0123")
    bestaand = Organisatie.objects.create(swv=swv, naam="Wijkteam Noord", soort="wijkteam", gemeente=gemeente)
    ander = Organisatie.objects.create(swv=swv, naam="Wijkteam Zuid", soort="wijkteam", gemeente=gemeente)
    url = reverse("partners:organisatie_wijzigen", args=[ander.pk])
    assert 'name="dubbel_toegestaan"' not in coordinator.get(url).content.decode()
    data = {"naam": "wijkteam noord", "soort": "wijkteam", "gemeente": gemeente.pk, "actief": "on"}

    response = coordinator.post(url, data)

    assert response.status_code == 400
    assert response.context["form"].has_error("naam", code="mogelijk_dubbel")
    html = response.content.decode()
    assert "Er staat al een organisatie ‘Wijkteam Noord’ van deze soort in deze gemeente" in html
    assert "Sla alleen op als het echt een andere organisatie is." in html
    assert f'href="{reverse("partners:detail", args=[bestaand.pk])}"' in html
    assert "kruis dan ‘Toch opslaan’ aan" in html
    assert 'name="dubbel_toegestaan"' in html
    assert 'value="wijkteam noord"' in html  # what was typed stays
    ander.refresh_from_db()
    assert ander.naam == "Wijkteam Zuid"

    bevestigd = coordinator.post(url, {**data, "dubbel_toegestaan": "on"})

    assert bevestigd.status_code == 302
    ander.refresh_from_db()
    assert ander.naam == "wijkteam noord"
    # Confirmed once: editing its other fields does not ask again.
    assert coordinator.post(url, {**data, "plaats": "Dalenburg"}).status_code == 302


def test_saving_an_organisation_unchanged_or_into_another_gemeente_is_no_duplicate(swv):
    a = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente A", code="0001")
    b = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente B", code="0002")
    Organisatie.objects.create(swv=swv, naam="Wijkteam", soort="wijkteam", gemeente=a)
    elders = Organisatie.objects.create(swv=swv, naam="Wijkteam", soort="wijkteam", gemeente=b)
    services.organisatie_update(organisatie=elders, by=None, naam="Wijkteam", plaats="B-stad")
    with pytest.raises(ValidationError) as e:
        services.organisatie_update(organisatie=elders, by=None, gemeente=a)
    assert e.value.error_dict["naam"][0].code == "mogelijk_dubbel"
    with pytest.raises(ValidationError):
        services.organisatie_update(organisatie=elders, by=None, naam=" WIJKTEAM ", gemeente=a)
    services.organisatie_update(organisatie=elders, by=None, gemeente=a, soort="ggd")
    elders.refresh_from_db()
    assert (elders.gemeente, elders.soort) == (a, "ggd")


def test_the_api_refuses_a_rename_into_a_duplicate_unless_dubbel_toegestaan(swv, coordinator):
    OrganisatieFactory(swv=swv, naam="GGD Heuvelland", soort="ggd")
    andere = OrganisatieFactory(swv=swv, naam="GGD Dalenburg", soort="ggd")
    url = f"/api/v1/organisaties/{andere.pk}"

    response = coordinator.patch(url, json.dumps({"naam": "GGD Heuvelland"}), content_type="application/json")

    assert response.status_code == 400, response.content
    [param] = response.json()["invalidParams"]
    assert (param["name"], param["code"]) == ("naam", "mogelijk_dubbel")
    andere.refresh_from_db()
    assert andere.naam == "GGD Dalenburg"

    toch = coordinator.patch(
        url, json.dumps({"naam": "GGD Heuvelland", "dubbelToegestaan": True}), content_type="application/json"
    )

    assert toch.status_code == 200, toch.content
    andere.refresh_from_db()
    assert andere.naam == "GGD Heuvelland"


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


# --- 4. a BRIN finds its schools ---


@pytest.fixture
def scholen(swv):
    return {
        "wilg": OrganisatieFactory(swv=swv, school=True, naam="De Wilg", code="05KO00"),
        "wilg2": OrganisatieFactory(swv=swv, school=True, naam="De Wilg, dependance", code="05KO01"),
        "eik": OrganisatieFactory(swv=swv, school=True, naam="De Eik", code="06AB00"),
    }


@pytest.mark.parametrize("zoek", ["05KO", "05ko", " 05KO "])
def test_a_brin_finds_the_schools_of_that_brin_in_the_partner_list(zoek, coordinator, scholen):
    response = coordinator.get(reverse("partners:index"), {"q": zoek})
    html = response.content.decode()
    assert "De Wilg" in html
    assert "De Wilg, dependance" in html
    assert "De Eik" not in html


def test_a_brin_finds_the_schools_of_that_brin_in_the_api(coordinator, scholen):
    response = coordinator.get("/api/v1/organisaties", {"q": "05ko"})
    assert response.status_code == 200
    assert {o["naam"] for o in response.json()["results"]} == {"De Wilg", "De Wilg, dependance"}
    # The full vestigingscode still finds exactly one.
    response = coordinator.get("/api/v1/organisaties", {"q": "05KO01"})
    assert [o["naam"] for o in response.json()["results"]] == ["De Wilg, dependance"]


# --- 5. amounts to the cent ---


def test_an_amount_is_shown_to_the_cent_with_dutch_separators(swv, coordinator):
    VoorzieningFactory(swv=swv, naam="Rebound", kosten_per_plek=Decimal("1500.50"))
    VoorzieningFactory(swv=swv, naam="OPDC", kosten_per_plek=Decimal("15000"))

    html = coordinator.get(reverse("partners:dekkend_netwerk")).content.decode()

    assert "€\u00a01.500,50" in html
    assert "€\u00a015.000,00" in html
    assert "1.501" not in html


# --- 6. people sort by achternaam, tussenvoegsel or not ---


@pytest.fixture
def mensen(swv):
    """Four people at one organisation; one typed her tussenvoegsel into the achternaam field."""
    org = OrganisatieFactory(swv=swv, naam="GGD Heuvelland", ggd=True)
    namen = [
        ("Anna", "", "Scherms"),
        ("Piet", "", "van Haarlem"),
        ("Joke", "de", "Boer"),
        ("Kees", "", "Albers"),
    ]
    for voornaam, tussenvoegsel, achternaam in namen:
        persoon = PersoonFactory(
            swv=swv, voornaam=voornaam, tussenvoegsel=tussenvoegsel, achternaam=achternaam
        )
        SleutelfiguurFactory(swv=swv, persoon=persoon, organisatie=org)
    return org


VOLGORDE = ["Kees Albers", "Joke de Boer", "Piet van Haarlem", "Anna Scherms"]


def test_people_sort_by_achternaam_on_the_organisation_page(coordinator, mensen):
    html = coordinator.get(reverse("partners:detail", args=[mensen.pk])).content.decode()
    posities = [html.index(naam) for naam in VOLGORDE]
    assert posities == sorted(posities)


def test_people_sort_by_achternaam_in_the_api(coordinator, mensen):
    rijen = coordinator.get("/api/v1/sleutelfiguren", {"organisatie": mensen.pk}).json()["results"]
    assert [r["persoon"]["naam"] for r in rijen] == VOLGORDE


def test_people_sort_by_achternaam_in_the_choice_of_an_existing_person(mensen):
    from partners.models import Persoon

    namen = [p.naam for p in Persoon.objects.filter(swv=mensen.swv).op_achternaam()]
    assert namen == VOLGORDE


# --- 7. ended providers and provisions stop counting from their end date ---


@pytest.fixture
def werkgebied(swv):
    return OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Dalenburg", code="0999")


def _gaten(swv, op):
    from partners.selectors import dekkend_netwerk

    return dekkend_netwerk(swv=swv, doelgroep="gedrag", op=op).gaten


def test_a_provision_of_an_ended_provider_stops_counting_on_the_end_date(swv, werkgebied):
    aanbieder = OrganisatieFactory(swv=swv, ggd=True)
    VoorzieningFactory(swv=swv, aanbieder=aanbieder, doelgroep="gedrag", capaciteit=10, bezetting=0)
    einde = datetime.date(2026, 6, 1)
    services.organisatie_beeindigen(organisatie=aanbieder, by=None, per=einde)

    assert _gaten(swv, einde - datetime.timedelta(days=1)) == []
    assert _gaten(swv, einde) == ["Geen voorziening voor gedrag in Dalenburg"]


def test_an_ended_provision_stops_counting_on_its_end_date(swv, werkgebied):
    voorziening = VoorzieningFactory(
        swv=swv, doelgroep="gedrag", capaciteit=10, bezetting=0, ingangsdatum=None
    )
    einde = datetime.date(2026, 6, 1)
    services.voorziening_beeindigen(voorziening=voorziening, by=None, per=einde)

    assert _gaten(swv, einde - datetime.timedelta(days=1)) == []
    assert _gaten(swv, einde) == ["Geen voorziening voor gedrag in Dalenburg"]


def test_a_provider_made_inactive_without_an_end_date_does_not_count(swv, werkgebied):
    aanbieder = OrganisatieFactory(swv=swv, ggd=True)
    VoorzieningFactory(swv=swv, aanbieder=aanbieder, doelgroep="gedrag", capaciteit=10, bezetting=0)
    Organisatie.objects.filter(pk=aanbieder.pk).update(actief=False)

    assert _gaten(swv, None) == ["Geen voorziening voor gedrag in Dalenburg"]


def test_people_sort_by_achternaam_in_the_admin(users, client_for, mensen):
    from django.contrib.auth.models import Permission

    user = users["beheerder"]
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="partners", codename="view_persoon")
    )
    html = client_for(user).get("/beheer/partners/persoon/").content.decode()
    posities = [html.index(naam) for naam in VOLGORDE]
    assert posities == sorted(posities)
