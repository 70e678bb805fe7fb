"""The people page and the people in the partner search (issue 9, "Where does X work now, and who is our
contact for Y?"): search by name, function, topic and organisation, filters on gemeente, niveau and
current or past, one read row in the audit log per page view, a flat query count, and the API's `q`."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.models import Organisatie, Sleutelfiguur
from swv.audit.models import AuditEvent
from swv.core.models import Rol, Samenwerkingsverband
from tests.factories import OrganisatieFactory, PersoonFactory, SleutelfiguurFactory

PERSONEN = reverse("partners:personen")
LIJST = reverse("partners:index")


def vandaag() -> datetime.date:
    return timezone.localdate()


def namen(response) -> list[str]:
    """The person names in the rows of the people table, in order."""
    html = response.content.decode()
    tabel = re.search(r'data-testid="personen".*?</table>', html, re.S)
    return (
        re.findall(r'<th scope="row" class="utrecht-table__cell">([^<]+)</th>', tabel.group(0))
        if tabel
        else []
    )


@pytest.fixture
def mensen(swv, users):
    """A jeugdconsulent of Gemeente Kwakkelburg (for that gemeente), a GGD jeugdarts serving two gemeenten,
    a wethouder; Fenna Zwanenburg who moves from the GGD to the wijkteam next month; a retired teamleider;
    and a person of another SWV with the same function."""
    kwakkel = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Kwakkelburg")
    molen = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Molenwaard")
    ggd = OrganisatieFactory(swv=swv, ggd=True, naam="GGD Lingestreek")
    ggd.werkgebied.set([kwakkel, molen])
    wijkteam = OrganisatieFactory(swv=swv, soort=Organisatie.Soort.WIJKTEAM, naam="Wijkteam Molenwaard")
    wijkteam.werkgebied.set([molen])
    consulent = SleutelfiguurFactory(
        swv=swv,
        organisatie=kwakkel,
        functie="Jeugdconsulent",
        niveau="uitvoering",
        onderwerpen=["thuiszitters", "leerplicht"],
        persoon__voornaam="Jan",
        persoon__tussenvoegsel="de",
        persoon__achternaam="Vries",
        telefoon="06-11112222",
        gemeenten=[kwakkel],
    )
    jeugdarts = SleutelfiguurFactory(
        swv=swv,
        organisatie=ggd,
        functie="Jeugdarts",
        niveau="uitvoering",
        persoon__voornaam="Mark",
        persoon__achternaam="Vermeulen",
    )
    wethouder = SleutelfiguurFactory(
        swv=swv,
        organisatie=molen,
        functie="Wethouder onderwijs",
        niveau="bestuur_beleid",
        persoon__voornaam="Loes",
        persoon__achternaam="Hofstede",
    )
    fenna = PersoonFactory(swv=swv, voornaam="Fenna", achternaam="Zwanenburg")
    volgende_maand = vandaag() + datetime.timedelta(days=30)
    fenna_ggd = SleutelfiguurFactory(
        swv=swv,
        persoon=fenna,
        organisatie=ggd,
        functie="Teamleider",
        niveau="organisatie",
        tot=volgende_maand,
    )
    fenna_wijkteam = SleutelfiguurFactory(
        swv=swv,
        persoon=fenna,
        organisatie=wijkteam,
        functie="Coördinator wijkteam",
        niveau="organisatie",
        van=volgende_maand,
    )
    oud = SleutelfiguurFactory(
        swv=swv,
        organisatie=ggd,
        functie="Teamleider",
        niveau="organisatie",
        persoon__achternaam="Oudgediende",
        van=vandaag() - datetime.timedelta(days=800),
        tot=vandaag() - datetime.timedelta(days=30),
    )
    elders = Samenwerkingsverband.objects.get(code="VO9802")
    SleutelfiguurFactory(
        swv=elders,
        organisatie=OrganisatieFactory(swv=elders, naam="Gemeente Elders"),
        functie="Jeugdconsulent",
        persoon__achternaam="Buitenlands",
    )
    return SimpleNamespace(
        kwakkel=kwakkel,
        molen=molen,
        ggd=ggd,
        wijkteam=wijkteam,
        consulent=consulent,
        jeugdarts=jeugdarts,
        wethouder=wethouder,
        fenna_ggd=fenna_ggd,
        fenna_wijkteam=fenna_wijkteam,
        oud=oud,
    )


# --- The main partner search finds people too ---


@pytest.mark.parametrize(
    ("zoekterm", "verwacht"),
    [("Vries", "Jan de Vries"), ("jeugdconsulent", "Jan de Vries"), ("thuiszitters", "Jan de Vries")],
)
def test_the_partner_search_shows_current_people_by_name_function_or_topic(
    zoekterm, verwacht, users, mensen, client_for
):
    response = client_for(users[Rol.INTERN_BEGELEIDER]).get(LIJST, {"q": zoekterm})

    html = response.content.decode()
    blok = re.search(r'data-testid="personen-in-zoeken".*?</section>', html, re.S)
    assert blok, "no Personen block in the partner search results"
    assert "1 persoon nu in functie" in blok.group(0)
    assert verwacht in blok.group(0)
    assert "Gemeente Kwakkelburg" in blok.group(0)
    assert f"{PERSONEN}?q={zoekterm}" in blok.group(0)
    # Only people match: the empty organisation list says so, instead of "nothing found".
    assert "wel de personen hierboven" in html
    assert "Geen organisaties gevonden" not in html
    # The person of another SWV with the same function is not shown.
    assert "Buitenlands" not in html
    row = AuditEvent.objects.get(action=AuditEvent.Action.READ)
    assert (row.actor, row.object_type, row.object_id) == (
        users[Rol.INTERN_BEGELEIDER],
        "partners.sleutelfiguur",
        "zoeken",
    )


def test_the_partner_search_shows_no_people_block_and_logs_nothing_without_a_match(users, mensen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(LIJST, {"q": "Lingestreek"})

    html = response.content.decode()
    assert "GGD Lingestreek" in html
    # The organisation's name also matches its people: they are shown, as the contacts there.
    assert "Vermeulen" in html
    nergens = client_for(users[Rol.SWV_COORDINATOR]).get(LIJST, {"q": "Xylofoonwinkel"})
    assert 'data-testid="personen-in-zoeken"' not in nergens.content.decode()
    assert "Geen organisaties gevonden" in nergens.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.READ).count() == 1


def test_the_live_search_fragment_carries_the_people_block_too(users, mensen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(LIJST, {"q": "Hofstede"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "<html" not in html
    assert "Wethouder onderwijs" in html


# --- The people page ---


def test_the_people_page_lists_current_roles_by_name_with_contact_and_gemeenten(users, mensen, client_for):
    response = client_for(users[Rol.LEERPLICHTAMBTENAAR]).get(PERSONEN)

    assert response.status_code == 200
    # Current roles only by default; sorted by achternaam; no one of another SWV; Fenna still at the GGD.
    assert namen(response) == [
        "Loes Hofstede",
        "Mark Vermeulen",
        "Jan de Vries",
        "Fenna Zwanenburg",
    ]
    html = response.content.decode()
    assert "Oudgediende" not in html
    assert "Buitenlands" not in html
    assert "Coördinator wijkteam" not in html
    assert "06-11112222" in html
    assert "4 rollen gevonden" in html
    # No JavaScript needed: a plain GET form.
    assert 'method="get"' in html
    assert "hx-get" not in html.split('data-testid="personen"')[0].split("<form")[1]
    assert f'href="{PERSONEN}" aria-current="page"' in html


@pytest.mark.parametrize(
    ("params", "verwacht"),
    [
        ({"q": "jan vries"}, {"consulent"}),
        ({"q": "jeugdarts"}, {"jeugdarts"}),
        ({"q": "leerplicht"}, {"consulent"}),
        ({"q": "Lingestreek"}, {"jeugdarts", "fenna_ggd"}),
        ({"niveau": "bestuur_beleid"}, {"wethouder"}),
        ({"status": "eerder"}, {"oud"}),
        ({"status": "komend"}, {"fenna_wijkteam"}),
        ({"q": "zwanenburg", "status": "alle"}, {"fenna_ggd", "fenna_wijkteam"}),
        ({"q": "teamleider", "status": "alle"}, {"fenna_ggd", "oud"}),
    ],
)
def test_the_people_page_searches_and_filters(params, verwacht, users, mensen, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(PERSONEN, params)

    assert {sf.pk for sf in response.context["page"].object_list} == {getattr(mensen, n).pk for n in verwacht}


def test_the_gemeente_filter_finds_the_contacts_the_routekaart_counts_for_it(users, mensen, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])

    kwakkel = client.get(PERSONEN, {"gemeente": mensen.kwakkel.pk})
    molen = client.get(PERSONEN, {"gemeente": mensen.molen.pk, "status": "alle"})

    # Named for the gemeente, or working for an organisation that serves it.
    assert {sf.pk for sf in kwakkel.context["page"].object_list} == {
        mensen.consulent.pk,
        mensen.jeugdarts.pk,
        mensen.fenna_ggd.pk,
    }
    assert {sf.pk for sf in molen.context["page"].object_list} == {
        mensen.jeugdarts.pk,
        mensen.wethouder.pk,
        mensen.fenna_ggd.pk,
        mensen.fenna_wijkteam.pk,
        mensen.oud.pk,
    }
    assert "Gemeente Kwakkelburg" in kwakkel.content.decode()


def test_a_gemeente_of_another_swv_is_no_valid_choice(users, mensen, client_for):
    elders = Organisatie.objects.get(naam="Gemeente Elders")

    response = client_for(users[Rol.SWV_COORDINATOR]).get(PERSONEN, {"gemeente": elders.pk})

    assert "Buitenlands" not in response.content.decode()
    assert "gemeente" in response.context["form"].errors


def test_every_people_page_view_is_one_audited_read(users, mensen, client_for):
    client = client_for(users[Rol.KETENPARTNER])

    client.get(PERSONEN)
    client.get(PERSONEN, {"q": "Xylofoonwinkel"})  # shows nobody: no row

    row = AuditEvent.objects.get(action=AuditEvent.Action.READ)
    assert (row.actor, row.object_type, row.object_id) == (
        users[Rol.KETENPARTNER],
        "partners.sleutelfiguur",
        "personen",
    )
    assert row.reason == "personen: 4 rol(len), pagina 1"


def test_the_people_page_is_paginated_by_50(swv, users, client_for):
    organisatie = OrganisatieFactory(swv=swv, naam="Grote Jeugdhulp")
    for i in range(51):
        SleutelfiguurFactory(swv=swv, organisatie=organisatie, persoon__achternaam=f"Telrij {i:03d}")
    client = client_for(users[Rol.SWV_COORDINATOR])

    eerste = client.get(PERSONEN, {"q": "telrij"})
    tweede = client.get(PERSONEN, {"q": "telrij", "pagina": 2})

    assert len(namen(eerste)) == 50
    assert [n.split()[-2:] for n in namen(tweede)] == [["Telrij", "050"]]
    assert "q=telrij&amp;pagina=2" in eerste.content.decode()
    assert "51 rollen gevonden" in tweede.content.decode()


def test_the_people_page_query_count_is_flat_at_1_10_and_50_roles(swv, users, client_for):
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Telstad")
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    for totaal in (1, 10, 50):
        while (i := Sleutelfiguur.objects.filter(persoon__achternaam__startswith="Telrij").count()) < totaal:
            organisatie = OrganisatieFactory(swv=swv, soort=Organisatie.Soort.JEUGDHULP)
            SleutelfiguurFactory(
                swv=swv,
                organisatie=organisatie,
                persoon__achternaam=f"Telrij {i:03d}",
                telefoon="030-1234567",
                gemeenten=[gemeente],
            )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(PERSONEN, {"q": "telrij", "gemeente": gemeente.pk, "niveau": "uitvoering"})
        html = response.content.decode()
        assert len(set(re.findall(r"Telrij \d{3}", html))) == totaal
        assert html.count("Gemeente Telstad</td>") == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


# --- API ---


def test_the_api_searches_key_people_by_name_and_function(users, mensen, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])

    op_naam = client.get("/api/v1/sleutelfiguren", {"q": "vries"}).json()
    op_functie = client.get("/api/v1/sleutelfiguren", {"q": "jeugdconsulent", "actueel": "true"}).json()

    ids = lambda antwoord: {r["id"] for r in antwoord["results"]}  # noqa: E731
    assert ids(op_naam) == {mensen.consulent.pk}
    # The jeugdconsulent of another SWV is not found.
    assert ids(op_functie) == {mensen.consulent.pk}
