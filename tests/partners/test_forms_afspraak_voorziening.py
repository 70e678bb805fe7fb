"""The page forms for agreements (afspraken) and provisions (voorzieningen): create, edit, Dutch errors that
keep the input, and the access answers (403 read-only, 404 another SWV, no organisations of another SWV)."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Afspraak, Voorziening
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    OrganisatieFactory,
    SamenwerkingsverbandFactory,
    VoorzieningFactory,
)

AFSPRAAK_NIEUW = reverse("partners:afspraak_nieuw")
VOORZIENING_NIEUW = reverse("partners:voorziening_nieuw")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    # Uploaded documents land in a temporary folder, never in the project's var/media.
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def partijen(swv):
    return {
        "ggd": OrganisatieFactory(swv=swv, naam="GGD Heuvelland", ggd=True),
        "gemeente": OrganisatieFactory(swv=swv, naam="Gemeente Dalenburg", gemeente=True),
        "elders": OrganisatieFactory(swv=SamenwerkingsverbandFactory(code="PO9898"), naam="GGD Ver Weg"),
    }


def _afspraak_post(**wijzigingen) -> dict:
    data = {
        "soort": "convenant",
        "titel": "Convenant thuiszitters Dalenburg",
        "ingangsdatum": "2026-01-01",
        "einddatum": "2027-12-31",
        "evaluatiedatum": "2026-12-01",
        "toelichting": "Afspraken over de aanpak van thuiszitters.",
    }
    data.update(wijzigingen)
    return data


def _voorziening_post(aanbieder, **wijzigingen) -> dict:
    data = {
        "naam": "Rebound Dalenburg",
        "aanbieder": aanbieder.pk,
        "doelgroep": "gedrag",
        "sector": "VO",
        "capaciteit": "12",
        "bezetting": "7",
        "wachttijd_weken": "3",
        "kosten_per_plek": "15000",
        "ingangsdatum": "2026-08-01",
        "beschrijving": "Tijdelijke opvang voor leerlingen met gedragsvragen.",
    }
    data.update(wijzigingen)
    return data


def test_a_coordinator_records_an_agreement_with_parties_and_a_document(swv, users, partijen, client_for):
    coordinator = users[Rol.SWV_COORDINATOR]
    document = SimpleUploadedFile("convenant.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client_for(coordinator).post(
        AFSPRAAK_NIEUW,
        _afspraak_post(partijen=[partijen["ggd"].pk, partijen["gemeente"].pk], document=document),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:afspraken")
    afspraak = Afspraak.objects.get(titel="Convenant thuiszitters Dalenburg")
    assert afspraak.swv == swv
    assert set(afspraak.partijen.all()) == {partijen["ggd"], partijen["gemeente"]}
    assert afspraak.eigenaar == coordinator  # nobody chosen: the person recording it owns it
    assert afspraak.einddatum == datetime.date(2027, 12, 31)
    assert afspraak.document.name.endswith(".pdf")


def test_a_coordinator_changes_an_agreement_and_the_change_is_saved(swv, users, partijen, client_for):
    afspraak = AfspraakFactory(swv=swv, titel="Oud convenant", partijen=[partijen["ggd"]])
    medewerker = users[Rol.SWV_MEDEWERKER]
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        reverse("partners:afspraak_wijzigen", args=[afspraak.pk]),
        _afspraak_post(titel="Nieuw convenant", partijen=[partijen["gemeente"].pk], eigenaar=medewerker.pk),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:afspraken")
    afspraak.refresh_from_db()
    assert afspraak.titel == "Nieuw convenant"
    assert afspraak.eigenaar == medewerker
    assert list(afspraak.partijen.all()) == [partijen["gemeente"]]


def test_an_end_date_before_the_start_gets_a_dutch_error_and_keeps_what_was_typed(
    users, partijen, client_for
):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        AFSPRAAK_NIEUW, _afspraak_post(ingangsdatum="2026-06-01", einddatum="2026-01-01")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Het formulier is nog niet opgeslagen" in html
    assert "De einddatum ligt vóór de ingangsdatum." in html
    assert 'value="Convenant thuiszitters Dalenburg"' in html
    assert not Afspraak.objects.filter(titel="Convenant thuiszitters Dalenburg").exists()


def test_a_party_of_another_swv_is_refused_by_the_agreement_form(users, partijen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        AFSPRAAK_NIEUW, _afspraak_post(partijen=[partijen["elders"].pk])
    )

    assert response.status_code == 400
    assert response.context["form"].errors["partijen"]
    assert not Afspraak.objects.exists()


def test_the_owner_can_only_be_a_member_of_the_own_swv(users, partijen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        AFSPRAAK_NIEUW, _afspraak_post(eigenaar=users["outsider"].pk)
    )

    assert response.status_code == 400
    assert response.context["form"].errors["eigenaar"]


def test_a_coordinator_adds_a_provision_for_own_gemeenten(swv, users, partijen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        VOORZIENING_NIEUW, _voorziening_post(partijen["ggd"], gemeenten=[partijen["gemeente"].pk])
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:dekkend_netwerk")
    voorziening = Voorziening.objects.get(naam="Rebound Dalenburg")
    assert voorziening.swv == swv
    assert voorziening.aanbieder == partijen["ggd"]
    assert voorziening.bezetting == 7
    assert list(voorziening.gemeenten.all()) == [partijen["gemeente"]]


def test_a_coordinator_changes_occupancy_and_waiting_time_of_a_provision(swv, users, partijen, client_for):
    voorziening = VoorzieningFactory(swv=swv, aanbieder=partijen["ggd"], naam="Rebound Dalenburg")
    response = client_for(users[Rol.BEHEERDER]).post(
        reverse("partners:voorziening_wijzigen", args=[voorziening.pk]),
        _voorziening_post(partijen["ggd"], bezetting="12", wachttijd_weken="9"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:dekkend_netwerk")
    voorziening.refresh_from_db()
    assert (voorziening.bezetting, voorziening.wachttijd_weken) == (12, 9)
    assert voorziening.knelpunt


def test_a_negative_occupancy_gets_a_dutch_error_and_keeps_what_was_typed(users, partijen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        VOORZIENING_NIEUW, _voorziening_post(partijen["ggd"], bezetting="-3")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Het formulier is nog niet opgeslagen" in html
    assert "Zorg ervoor dat deze waarde minstens 0 is." in html
    assert 'value="Rebound Dalenburg"' in html
    assert 'value="-3"' in html
    assert not Voorziening.objects.exists()


def test_a_provision_ending_before_it_starts_gets_a_dutch_error(users, partijen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        VOORZIENING_NIEUW, _voorziening_post(partijen["ggd"], einddatum="2026-01-01")
    )

    assert response.status_code == 400
    assert "De einddatum ligt vóór de ingangsdatum." in response.content.decode()


def test_a_provider_of_another_swv_is_refused_by_the_provision_form(users, partijen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        VOORZIENING_NIEUW, _voorziening_post(partijen["elders"])
    )

    assert response.status_code == 400
    assert response.context["form"].errors["aanbieder"]
    assert not Voorziening.objects.exists()


def test_read_only_roles_get_403_on_the_forms_and_change_nothing(swv, users, partijen, client_for):
    afspraak = AfspraakFactory(swv=swv, titel="Convenant")
    voorziening = VoorzieningFactory(swv=swv, naam="Rebound")
    client = client_for(users[Rol.INTERN_BEGELEIDER])

    for url in (
        AFSPRAAK_NIEUW,
        VOORZIENING_NIEUW,
        reverse("partners:afspraak_wijzigen", args=[afspraak.pk]),
        reverse("partners:voorziening_wijzigen", args=[voorziening.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("partners:afspraak_wijzigen", args=[afspraak.pk]), _afspraak_post()).status_code
        == 403
    )
    assert (
        client.post(
            reverse("partners:voorziening_wijzigen", args=[voorziening.pk]),
            _voorziening_post(partijen["ggd"]),
        ).status_code
        == 403
    )
    afspraak.refresh_from_db()
    voorziening.refresh_from_db()
    assert (afspraak.titel, voorziening.naam) == ("Convenant", "Rebound")


def test_the_edit_forms_of_another_swvs_objects_answer_404(users, client_for):
    elders = SamenwerkingsverbandFactory(code="PO9897")
    client = client_for(users[Rol.SWV_COORDINATOR])

    afspraak = AfspraakFactory(swv=elders)
    voorziening = VoorzieningFactory(swv=elders)

    assert client.get(reverse("partners:afspraak_wijzigen", args=[afspraak.pk])).status_code == 404
    assert client.post(reverse("partners:afspraak_wijzigen", args=[afspraak.pk])).status_code == 404
    assert client.get(reverse("partners:voorziening_wijzigen", args=[voorziening.pk])).status_code == 404


def test_editors_see_the_add_and_change_links_and_readers_do_not(swv, users, partijen, client_for):
    afspraak = AfspraakFactory(
        swv=swv,
        evaluatiedatum=datetime.date.today() + datetime.timedelta(days=10),
        partijen=[partijen["ggd"]],
    )
    voorziening = VoorzieningFactory(swv=swv, aanbieder=partijen["ggd"])
    pagina_links = {
        reverse("partners:afspraken"): [
            AFSPRAAK_NIEUW,
            reverse("partners:afspraak_wijzigen", args=[afspraak.pk]),
        ],
        reverse("partners:dekkend_netwerk"): [
            VOORZIENING_NIEUW,
            reverse("partners:voorziening_wijzigen", args=[voorziening.pk]),
        ],
        reverse("partners:detail", args=[partijen["ggd"].pk]): [
            f"{VOORZIENING_NIEUW}?aanbieder={partijen['ggd'].pk}",
            reverse("partners:voorziening_wijzigen", args=[voorziening.pk]),
            reverse("partners:afspraak_wijzigen", args=[afspraak.pk]),
        ],
    }
    schrijver = client_for(users[Rol.SWV_COORDINATOR])
    lezer = client_for(users[Rol.INTERN_BEGELEIDER])

    for pagina, links in pagina_links.items():
        html_schrijver = schrijver.get(pagina).content.decode()
        html_lezer = lezer.get(pagina).content.decode()
        for link in links:
            assert link in html_schrijver, (pagina, link)
            assert link not in html_lezer, (pagina, link)


def test_the_agreement_form_is_sent_as_multipart_so_the_document_arrives(users, client_for):
    html = client_for(users[Rol.SWV_COORDINATOR]).get(AFSPRAAK_NIEUW).content.decode()

    assert 'enctype="multipart/form-data"' in html


def test_adding_an_agreement_from_an_organisation_page_preselects_it_and_returns_there(
    users, partijen, client_for
):
    coordinator = client_for(users[Rol.SWV_COORDINATOR])
    ggd = partijen["ggd"]
    detail = coordinator.get(reverse("partners:detail", args=[ggd.pk])).content.decode()
    link = f"{AFSPRAAK_NIEUW}?partij={ggd.pk}"
    assert f'href="{link}"' in detail

    form = coordinator.get(link).content.decode()
    # The organisation's checkbox is ticked, and only that one; "back" leads to its page.
    aangevinkt = re.findall(r'<input type="checkbox" name="partijen" value="(\d+)"[^>]*\bchecked\b', form)
    assert aangevinkt == [str(ggd.pk)]
    assert f"Terug naar {ggd.naam}" in form

    response = coordinator.post(link, _afspraak_post(partijen=[ggd.pk]))
    assert response["Location"] == reverse("partners:detail", args=[ggd.pk])
    page = coordinator.get(response["Location"]).content.decode()
    assert "Convenant thuiszitters Dalenburg" in page


def test_a_partij_of_another_swv_or_garbage_preselects_nothing(users, partijen, client_for):
    coordinator = client_for(users[Rol.SWV_COORDINATOR])
    elders = partijen["elders"]

    for waarde in (str(elders.pk), "abc", "9" * 30):
        response = coordinator.get(f"{AFSPRAAK_NIEUW}?partij={waarde}")
        form = response.content.decode()
        assert response.status_code == 200
        assert " checked" not in form
        assert elders.naam not in form
        assert "Terug naar afspraken" in form
