"""The partner pages: list with search and filters, detail with history, routekaart, netwerk, dekkend
netwerk, afspraken, the start-page block, edit forms, access answers and query counts."""

import datetime
import re
from html import escape
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.models import Organisatie, Sleutelfiguur
from partners.start import START_AFSPRAKEN
from swv.core.models import Lidmaatschap, Rol, Samenwerkingsverband
from tests.factories import (
    AfspraakFactory,
    JeugdzorgregioFactory,
    OrganisatieFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

LIJST = reverse("partners:index")
SCHRIJVERS = [Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER, Rol.BEHEERDER]
LEZERS = [rol for rol in Rol if rol not in SCHRIJVERS]


def vandaag() -> datetime.date:
    return timezone.localdate()


def detail(organisatie) -> str:
    return reverse("partners:detail", args=[organisatie.pk])


def ids(page) -> set[int]:
    return {o.pk for o in page.object_list}


def _org(*, plaats: str = "", gemeente=None, **kwargs) -> Organisatie:
    """OrganisatieFactory, with `plaats` and `gemeente` as fields (the factory uses those names otherwise)."""
    organisatie = OrganisatieFactory(**kwargs)
    Organisatie.objects.filter(pk=organisatie.pk).update(plaats=plaats, gemeente=gemeente)
    organisatie.refresh_from_db()
    return organisatie


@pytest.fixture
def netwerk(swv, users):
    """Two gemeenten of the werkgebied in one jeugdzorgregio, a school, a GGD serving both, a wijkteam
    for one, key people on some levels, an agreement due for evaluation, provisions; and another SWV."""
    regio = JeugdzorgregioFactory(swv=swv, naam="Regio Rivierenland")
    heuvelrijk = OrganisatieFactory(
        swv=swv, werkgebied_gemeente=True, naam="Gemeente Heuvelrijk", jeugdzorgregio=regio
    )
    dalfsen = OrganisatieFactory(
        swv=swv, werkgebied_gemeente=True, naam="Gemeente Dalenburg", jeugdzorgregio=regio
    )
    school = _org(
        swv=swv, school=True, naam="Basisschool De Zandloper", plaats="Heuveldorp", gemeente=heuvelrijk
    )
    ggd = _org(swv=swv, ggd=True, naam="GGD Heuvelland", plaats="Bergstad")
    ggd.werkgebied.set([heuvelrijk, dalfsen])
    wijkteam = _org(
        swv=swv, soort=Organisatie.Soort.WIJKTEAM, naam="Sociaal team Dalenburg", plaats="Dalenburg"
    )
    wijkteam.werkgebied.set([dalfsen])
    oud = OrganisatieFactory(swv=swv, soort=Organisatie.Soort.JEUGDHULP, naam="Jeugdhulp Oud", actief=False)
    jeugdarts = SleutelfiguurFactory(
        swv=swv, organisatie=ggd, functie="Jeugdarts", niveau="uitvoering", persoon__achternaam="Vermeulen"
    )
    directeur = SleutelfiguurFactory(
        swv=swv,
        organisatie=school,
        functie="Schooldirecteur",
        niveau="uitvoering",
        persoon__achternaam="Bakker",
    )
    wethouder = SleutelfiguurFactory(
        swv=swv,
        organisatie=dalfsen,
        functie="Wethouder onderwijs",
        niveau="bestuur_beleid",
        persoon__achternaam="De Wit",
    )
    vertrokken = SleutelfiguurFactory(
        swv=swv,
        organisatie=ggd,
        functie="Teamleider",
        niveau="organisatie",
        persoon__achternaam="Oudgediende",
        van=vandaag() - datetime.timedelta(days=800),
        tot=vandaag() - datetime.timedelta(days=30),
    )
    convenant = AfspraakFactory(
        swv=swv,
        titel="Convenant aansluiting onderwijs-jeugdhulp",
        evaluatiedatum=vandaag() + datetime.timedelta(days=20),
        partijen=[ggd, heuvelrijk],
    )
    later = AfspraakFactory(
        swv=swv, titel="Privacyconvenant later", evaluatiedatum=vandaag() + datetime.timedelta(days=300)
    )
    herstart = VoorzieningFactory(
        swv=swv,
        naam="Herstart",
        aanbieder=ggd,
        doelgroep="gedrag",
        capaciteit=8,
        bezetting=8,
        gemeenten=[heuvelrijk],
    )
    elders = Samenwerkingsverband.objects.get(code="VO9802")
    return SimpleNamespace(
        regio=regio,
        heuvelrijk=heuvelrijk,
        dalfsen=dalfsen,
        school=school,
        ggd=ggd,
        wijkteam=wijkteam,
        oud=oud,
        jeugdarts=jeugdarts,
        directeur=directeur,
        wethouder=wethouder,
        vertrokken=vertrokken,
        convenant=convenant,
        later=later,
        herstart=herstart,
        elders=OrganisatieFactory(swv=elders, ggd=True, naam="GGD Elders"),
    )


# --- List: search, filters, htmx, tenancy, query counts ---


def test_every_member_sees_the_list_of_their_own_swv_only(users, netwerk, client_for):
    response = client_for(users[Rol.KETENPARTNER]).get(LIJST)

    assert response.status_code == 200
    gevonden = ids(response.context["page"])
    assert {netwerk.ggd.pk, netwerk.school.pk, netwerk.heuvelrijk.pk} <= gevonden
    assert netwerk.elders.pk not in gevonden


def test_search_finds_organisations_by_name_place_or_code(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])

    assert ids(client.get(LIJST, {"q": "zandloper"}).context["page"]) == {netwerk.school.pk}
    assert ids(client.get(LIJST, {"q": "bergstad"}).context["page"]) == {netwerk.ggd.pk}
    assert ids(client.get(LIJST, {"q": netwerk.school.code.lower()}).context["page"]) == {netwerk.school.pk}
    assert ids(client.get(LIJST, {"q": "ggd bergstad"}).context["page"]) == {netwerk.ggd.pk}


def test_filters_on_soort_gemeente_niveau_and_status_narrow_the_list(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])

    assert ids(client.get(LIJST, {"soort": "ggd"}).context["page"]) == {netwerk.ggd.pk}
    # Dalenburg: the gemeente itself, the GGD and the wijkteam that serve it; not the school in Heuvelrijk.
    assert ids(client.get(LIJST, {"gemeente": netwerk.dalfsen.pk}).context["page"]) == {
        netwerk.dalfsen.pk,
        netwerk.ggd.pk,
        netwerk.wijkteam.pk,
    }
    assert ids(client.get(LIJST, {"gemeente": netwerk.heuvelrijk.pk}).context["page"]) == {
        netwerk.heuvelrijk.pk,
        netwerk.ggd.pk,
        netwerk.school.pk,
    }
    # Only current key people count: the GGD's former teamleider does not make it an "organisatie" hit.
    assert ids(client.get(LIJST, {"niveau": "bestuur_beleid"}).context["page"]) == {netwerk.dalfsen.pk}
    assert ids(client.get(LIJST, {"niveau": "organisatie"}).context["page"]) == set()
    assert ids(client.get(LIJST, {"actief": "nee"}).context["page"]) == {netwerk.oud.pk}
    assert netwerk.oud.pk not in ids(client.get(LIJST, {"actief": "ja"}).context["page"])


def test_a_gemeente_of_another_swv_is_not_a_valid_filter_choice(users, netwerk, client_for):
    andere_gemeente = OrganisatieFactory(swv=netwerk.elders.swv, gemeente=True)
    response = client_for(users[Rol.SWV_COORDINATOR]).get(LIJST, {"gemeente": andere_gemeente.pk})

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert netwerk.elders.pk not in ids(response.context["page"])


def test_htmx_request_gets_only_the_results_and_a_normal_request_the_whole_page(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])

    deel = client.get(LIJST, {"q": "zandloper"}, HTTP_HX_REQUEST="true")
    heel = client.get(LIJST, {"q": "zandloper"})

    assert "<html" not in deel.content.decode()
    assert "Basisschool De Zandloper" in deel.content.decode()
    # The count goes to a separate status region (out of band), so a screen reader hears only that.
    assert 'hx-swap-oob="true"' in deel.content.decode()
    assert "1 organisatie gevonden" in deel.content.decode()
    assert "<html" in heel.content.decode()
    assert 'hx-push-url="true"' in heel.content.decode()
    assert "HX-Request" in heel["Vary"]


def telrijen(html: str) -> set[str]:
    """The rows a query-count test added that the page shows: their names carry "Telrij NNN"."""
    return set(re.findall(r"Telrij \d{3}", html))


def _vul_organisaties(swv, aantal, *, gemeente=None):
    """`aantal` more active jeugdhulp organisations, each with a current key person on uitvoering."""
    gemeente = gemeente or Organisatie.objects.filter(swv=swv, soort="gemeente").first()
    start = Organisatie.objects.filter(swv=swv, naam__contains="Telrij").count()
    for i in range(start, start + aantal):
        organisatie = _org(
            swv=swv,
            soort=Organisatie.Soort.JEUGDHULP,
            gemeente=gemeente,
            naam=f"Jeugdhulpaanbieder Telrij {i:03d}",
        )
        SleutelfiguurFactory(swv=swv, organisatie=organisatie)


# Below the page size (50) with the netwerk's own organisations, so every added row is on the page.
@pytest.mark.parametrize(
    "params", [{}, {"q": "a", "soort": "jeugdhulp", "niveau": "uitvoering", "actief": "ja"}]
)
def test_list_page_query_count_is_flat_at_1_10_and_30_organisations(params, swv, users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    for totaal in (1, 10, 30):
        _vul_organisaties(
            swv,
            totaal - Organisatie.objects.filter(swv=swv, naam__contains="Telrij").count(),
            gemeente=netwerk.heuvelrijk,
        )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(LIJST, {**params, "gemeente": netwerk.heuvelrijk.pk} if params else {})
        # Every added organisation is a row, also through every filter at once.
        assert len(telrijen(response.content.decode())) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


# --- Detail ---


def test_detail_shows_current_people_by_level_former_people_agreements_and_provisions(
    users, netwerk, client_for
):
    response = client_for(users[Rol.SCHOOLDIRECTEUR]).get(detail(netwerk.ggd))

    assert response.status_code == 200
    niveaus = {n["sleutel"]: n["sleutelfiguren"] for n in response.context["niveaus"]}
    assert niveaus["uitvoering"] == [netwerk.jeugdarts]
    assert niveaus["organisatie"] == []
    assert response.context["eerder"] == [netwerk.vertrokken]
    assert list(response.context["afspraken"]) == [netwerk.convenant]
    assert list(response.context["voorzieningen"]) == [netwerk.herstart]
    html = response.content.decode()
    assert "Geen sleutelfiguur op dit niveau." in html
    assert "Oudgediende" in html
    # Read-only roles get no edit links.
    assert reverse("partners:organisatie_wijzigen", args=[netwerk.ggd.pk]) not in html


def test_detail_of_an_organisation_of_another_swv_answers_404(users, netwerk, client_for):
    for who in [users[Rol.SWV_COORDINATOR], users[Rol.KETENPARTNER]]:
        assert client_for(who).get(detail(netwerk.elders)).status_code == 404


def test_list_page_counts_key_people_only_for_the_rows_on_the_page(swv, users, netwerk, client_for):
    # 60 organisations with a key person each: 50 on the first page (issue 9: the count ran over the
    # whole SWV before LIMIT 50).
    _vul_organisaties(swv, 60, gemeente=netwerk.heuvelrijk)
    with CaptureQueriesContext(connection) as ctx:
        response = client_for(users[Rol.SWV_COORDINATOR]).get(LIJST, {"soort": "jeugdhulp"})

    rijen = list(response.context["page"].object_list)
    assert len(rijen) == 50
    assert {o.aantal_sleutelfiguren for o in rijen if "Telrij" in o.naam} == {1}
    tellingen = [q["sql"] for q in ctx.captured_queries if 'COUNT("partners_sleutelfiguur"' in q["sql"]]
    assert len(tellingen) == 1
    # Counted for the page's 50 ids, not joined into the list's or the paginator's query.
    assert tellingen[0].count(",") >= 49
    assert '"organisatie_id" IN (' in tellingen[0]
    assert not any("partners_sleutelfiguur" in q["sql"] and "LIMIT" in q["sql"] for q in ctx.captured_queries)


def test_detail_query_count_is_flat_at_1_10_and_50_people(swv, users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    for totaal in (1, 10, 50):
        while (
            i := Sleutelfiguur.objects.filter(persoon__achternaam__startswith="Telpersoon").count()
        ) < totaal:
            SleutelfiguurFactory(
                swv=swv,
                organisatie=netwerk.ggd,
                niveau="organisatie",
                persoon__achternaam=f"Telpersoon {i:03d}",
            )
            AfspraakFactory(
                swv=swv, partijen=[netwerk.ggd, netwerk.dalfsen], titel=f"Afspraak Telrij {i:03d}"
            )
            VoorzieningFactory(swv=swv, aanbieder=netwerk.ggd, naam=f"Voorziening Telrij {i:03d}")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(detail(netwerk.ggd))
        html = response.content.decode()
        # The jeugdarts was there before; each added person, agreement and provision is on the page.
        assert len(set(re.findall(r"Telpersoon \d{3}", html))) == totaal
        assert len(set(re.findall(r"Afspraak Telrij \d{3}", html))) == totaal
        assert len(set(re.findall(r"Voorziening Telrij \d{3}", html))) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


# --- Edit forms ---


@pytest.mark.parametrize("rol", SCHRIJVERS)
def test_staff_and_beheerder_see_edit_links_and_open_the_forms(rol, users, netwerk, client_for):
    client = client_for(users[rol])

    html = client.get(detail(netwerk.ggd)).content.decode()
    assert reverse("partners:organisatie_wijzigen", args=[netwerk.ggd.pk]) in html

    def form_page(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<form method="post"' in html, url
        return html

    ggd = escape(netwerk.ggd.naam)
    wijzigen = form_page(reverse("partners:organisatie_wijzigen", args=[netwerk.ggd.pk]))
    assert f"{ggd} wijzigen</h1>" in wijzigen
    assert f'value="{ggd}"' in wijzigen  # the form starts from the stored values
    toevoegen = form_page(reverse("partners:sleutelfiguur_toevoegen", args=[netwerk.ggd.pk]))
    assert f"Sleutelfiguur toevoegen aan {ggd}</h1>" in toevoegen
    assert reverse("partners:sleutelfiguur_wijzigen", args=[netwerk.jeugdarts.pk]) in html
    rol = form_page(reverse("partners:sleutelfiguur_wijzigen", args=[netwerk.jeugdarts.pk]))
    assert f"Rol van {escape(str(netwerk.jeugdarts.persoon))} wijzigen</h1>" in rol
    assert 'value="Jeugdarts"' in rol
    verhuizen = form_page(reverse("partners:sleutelfiguur_verhuizen", args=[netwerk.jeugdarts.pk]))
    assert f"{escape(str(netwerk.jeugdarts.persoon))} verhuizen naar een andere organisatie</h1>" in verhuizen
    assert "Organisatie toevoegen</h1>" in form_page(reverse("partners:organisatie_toevoegen"))


@pytest.mark.parametrize("rol", LEZERS)
def test_read_only_roles_get_403_on_every_edit_page_and_change_nothing(rol, users, netwerk, client_for):
    client = client_for(users[rol])
    wijzigen = reverse("partners:organisatie_wijzigen", args=[netwerk.ggd.pk])

    assert client.get(wijzigen).status_code == 403
    assert client.post(wijzigen, {"naam": "Gekaapt", "soort": "ggd"}).status_code == 403
    assert client.get(reverse("partners:organisatie_toevoegen")).status_code == 403
    assert (
        client.post(reverse("partners:sleutelfiguur_beeindigen", args=[netwerk.wethouder.pk])).status_code
        == 403
    )
    assert client.post(reverse("partners:sleutelfiguur_toevoegen", args=[netwerk.ggd.pk])).status_code == 403
    wijzig_rol = reverse("partners:sleutelfiguur_wijzigen", args=[netwerk.jeugdarts.pk])
    assert client.get(wijzig_rol).status_code == 403
    assert client.post(wijzig_rol, {"functie": "Gekaapt", "niveau": "uitvoering"}).status_code == 403
    assert (
        client.post(reverse("partners:sleutelfiguur_verhuizen", args=[netwerk.jeugdarts.pk])).status_code
        == 403
    )
    netwerk.ggd.refresh_from_db()
    assert netwerk.ggd.naam == "GGD Heuvelland"


def test_edit_pages_of_another_swvs_objects_answer_404(users, netwerk, client_for):
    client = client_for(users["outsider"])

    assert client.get(reverse("partners:organisatie_wijzigen", args=[netwerk.ggd.pk])).status_code == 404
    assert (
        client.get(reverse("partners:sleutelfiguur_verhuizen", args=[netwerk.jeugdarts.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("partners:sleutelfiguur_wijzigen", args=[netwerk.jeugdarts.pk])).status_code == 404
    )


def _organisatie_post(organisatie, **wijzigingen) -> dict:
    data = {
        "naam": organisatie.naam,
        "soort": organisatie.soort,
        "code": organisatie.code,
        "plaats": organisatie.plaats,
        "actief": "on" if organisatie.actief else "",
        "werkgebied": [g.pk for g in organisatie.werkgebied.all()],
    }
    data.update(wijzigingen)
    return {k: v for k, v in data.items() if v not in ("", None)}


def test_coordinator_changes_an_organisation_and_the_change_is_saved(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.post(
        reverse("partners:organisatie_wijzigen", args=[netwerk.ggd.pk]),
        _organisatie_post(netwerk.ggd, telefoon="088 123 45 67", email="info@ggd-heuvelland.example"),
    )

    assert response.status_code == 302
    assert response["Location"] == detail(netwerk.ggd)
    netwerk.ggd.refresh_from_db()
    assert netwerk.ggd.telefoon == "088 123 45 67"
    assert set(netwerk.ggd.werkgebied.all()) == {netwerk.heuvelrijk, netwerk.dalfsen}


def test_a_bad_school_code_gets_a_dutch_error_and_keeps_what_was_typed(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.post(
        reverse("partners:organisatie_wijzigen", args=[netwerk.school.pk]),
        _organisatie_post(netwerk.school, code="XYZ", telefoon="0411 22 33 44", plaats="Nieuwe plaats"),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Het formulier is nog niet opgeslagen" in html
    assert response.context["form"].errors["code"]
    assert 'value="0411 22 33 44"' in html
    assert 'value="Nieuwe plaats"' in html
    netwerk.school.refresh_from_db()
    assert netwerk.school.telefoon == ""


def test_a_new_organisation_is_created_in_the_users_own_swv(swv, users, netwerk, client_for):
    client = client_for(users[Rol.SWV_MEDEWERKER])
    response = client.post(
        reverse("partners:organisatie_toevoegen"),
        {
            "naam": "Jongerenwerk Dalenburg",
            "soort": "jongerenwerk",
            "actief": "on",
            "werkgebied": [netwerk.dalfsen.pk],
        },
    )

    nieuw = Organisatie.objects.get(naam="Jongerenwerk Dalenburg")
    assert response.status_code == 302
    assert response["Location"] == detail(nieuw)
    assert nieuw.swv == swv
    assert list(nieuw.werkgebied.all()) == [netwerk.dalfsen]


def test_a_new_organisation_without_a_name_gets_a_dutch_error(users, client_for):
    response = client_for(users[Rol.SWV_MEDEWERKER]).post(
        reverse("partners:organisatie_toevoegen"), {"soort": "ggd", "plaats": "Bergstad"}
    )

    assert response.status_code == 400
    assert "Dit veld is vereist." in response.content.decode()
    assert 'value="Bergstad"' in response.content.decode()


def test_a_key_person_is_added_as_a_new_person(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.post(
        reverse("partners:sleutelfiguur_toevoegen", args=[netwerk.wijkteam.pk]),
        {
            "voornaam": "Noor",
            "achternaam": "Hendriks",
            "functie": "Jeugdprofessional",
            "niveau": "uitvoering",
            "onderwerpen": "thuiszitters, verzuim",
            "gemeenten": [netwerk.dalfsen.pk],
            "telefoon": "06 12345678",
            "van": vandaag().isoformat(),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == detail(netwerk.wijkteam)
    sf = Sleutelfiguur.objects.get(organisatie=netwerk.wijkteam)
    assert sf.persoon.naam == "Noor Hendriks"
    assert sf.onderwerpen == ["thuiszitters", "verzuim"]
    assert list(sf.gemeenten.all()) == [netwerk.dalfsen]


def test_a_key_person_without_person_gets_a_dutch_error_and_keeps_the_input(users, netwerk, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        reverse("partners:sleutelfiguur_toevoegen", args=[netwerk.wijkteam.pk]),
        {"functie": "Jeugdprofessional", "niveau": "uitvoering", "van": vandaag().isoformat()},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een bestaande persoon of vul de voornaam en achternaam" in html
    assert 'value="Jeugdprofessional"' in html
    assert not Sleutelfiguur.objects.filter(organisatie=netwerk.wijkteam).exists()


def test_moving_a_key_person_ends_the_old_role_and_keeps_it_as_history(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    per = vandaag()
    response = client.post(
        reverse("partners:sleutelfiguur_verhuizen", args=[netwerk.jeugdarts.pk]),
        {"naar_organisatie": netwerk.wijkteam.pk, "functie": "Gedragswetenschapper", "per": per.isoformat()},
    )

    assert response.status_code == 302
    assert response["Location"] == detail(netwerk.wijkteam)
    netwerk.jeugdarts.refresh_from_db()
    assert netwerk.jeugdarts.tot == per
    nieuw = Sleutelfiguur.objects.get(organisatie=netwerk.wijkteam, persoon=netwerk.jeugdarts.persoon)
    assert nieuw.functie == "Gedragswetenschapper"
    oud = client.get(detail(netwerk.ggd))
    assert netwerk.jeugdarts in oud.context["eerder"]
    assert escape(netwerk.jeugdarts.persoon.naam) in client.get(detail(netwerk.wijkteam)).content.decode()


def test_moving_with_a_date_before_the_current_role_gets_a_dutch_error(users, netwerk, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        reverse("partners:sleutelfiguur_verhuizen", args=[netwerk.jeugdarts.pk]),
        {"naar_organisatie": netwerk.wijkteam.pk, "functie": "Gedragswetenschapper", "per": "2000-01-01"},
    )

    assert response.status_code == 400
    assert "Kies een datum op of na het begin van de huidige rol" in response.content.decode()
    assert 'value="Gedragswetenschapper"' in response.content.decode()
    netwerk.jeugdarts.refresh_from_db()
    assert netwerk.jeugdarts.tot is None


def test_ending_a_key_persons_role_keeps_it_as_history_and_opens_a_gap(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.post(
        reverse("partners:sleutelfiguur_beeindigen", args=[netwerk.wethouder.pk]),
        {"per": vandaag().isoformat()},
    )

    assert response.status_code == 302
    assert response["Location"] == detail(netwerk.wethouder.organisatie)
    netwerk.wethouder.refresh_from_db()
    assert netwerk.wethouder.tot == vandaag()
    assert netwerk.wethouder in client.get(detail(netwerk.dalfsen)).context["eerder"]
    html = client.get(reverse("partners:routekaart")).content.decode()
    assert "Geen contact op bestuur &amp; beleid voor Dalenburg" in html


# --- A role started today is corrected today (issue 9) ---


def _rol_post(rol, **wijzigingen) -> dict:
    return {
        "functie": rol.functie,
        "niveau": rol.niveau,
        "onderwerpen": ", ".join(rol.onderwerpen),
        "gemeenten": [g.pk for g in rol.gemeenten.all()],
        "telefoon": rol.telefoon,
        "email": rol.email,
        "van": rol.van.isoformat(),
        **wijzigingen,
    }


@pytest.fixture
def rol_van_vandaag(swv, netwerk, users, client_for):
    """A key person added through the page this morning, at the GGD, for Gemeente Heuvelrijk."""
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.post(
        reverse("partners:sleutelfiguur_toevoegen", args=[netwerk.ggd.pk]),
        {
            "voornaam": "Noor",
            "achternaam": "Verbeek",
            "functie": "Jeugdverpleegkundige",
            "niveau": "uitvoering",
            "onderwerpen": "verzuim",
            "gemeenten": [netwerk.heuvelrijk.pk],
            "van": vandaag().isoformat(),
        },
    )
    assert response.status_code == 302
    return Sleutelfiguur.objects.get(persoon__achternaam="Verbeek")


def test_a_role_started_today_is_corrected_today_and_the_history_keeps_both(
    users, netwerk, client_for, rol_van_vandaag
):
    from swv.audit.models import SleutelfiguurEvent

    coordinator = users[Rol.SWV_COORDINATOR]
    client = client_for(coordinator)
    url = reverse("partners:sleutelfiguur_wijzigen", args=[rol_van_vandaag.pk])
    formulier = client.get(url).content.decode()
    assert 'value="verzuim"' in formulier  # the subjects as typed, not a Python list
    assert f'value="{netwerk.heuvelrijk.pk}"' in formulier
    assert "checked" in formulier

    response = client.post(
        url,
        _rol_post(
            rol_van_vandaag,
            functie="Jeugdarts",
            niveau="organisatie",
            onderwerpen="verzuim, thuiszitters",
            versie=re.search(r'name="versie" value="([^"]+)"', formulier).group(1),
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == detail(netwerk.ggd)
    rol_van_vandaag.refresh_from_db()
    assert (rol_van_vandaag.functie, rol_van_vandaag.niveau) == ("Jeugdarts", "organisatie")
    assert rol_van_vandaag.onderwerpen == ["verzuim", "thuiszitters"]
    assert list(rol_van_vandaag.gemeenten.all()) == [netwerk.heuvelrijk]  # kept
    pagina = client.get(detail(netwerk.ggd))
    assert rol_van_vandaag in pagina.context["niveaus"][1]["sleutelfiguren"]
    geschiedenis = SleutelfiguurEvent.objects.filter(pgh_obj_id=rol_van_vandaag.pk).order_by("pgh_id")
    assert [(e.pgh_label, e.functie) for e in geschiedenis] == [
        ("create", "Jeugdverpleegkundige"),
        ("update", "Jeugdarts"),
    ]
    assert geschiedenis.last().pgh_context.metadata["user"] == coordinator.pk


def test_a_role_started_today_moves_today_to_the_right_organisation(
    users, netwerk, client_for, rol_van_vandaag
):
    client = client_for(users[Rol.SWV_COORDINATOR])
    verhuizen = reverse("partners:sleutelfiguur_verhuizen", args=[rol_van_vandaag.pk])
    assert f'value="{vandaag().isoformat()}"' in client.get(verhuizen).content.decode()

    response = client.post(
        verhuizen,
        {"naar_organisatie": netwerk.wijkteam.pk, "functie": "Jeugdverpleegkundige", "per": vandaag()},
    )

    assert response.status_code == 302, response.content.decode()
    nieuw = Sleutelfiguur.objects.get(organisatie=netwerk.wijkteam, persoon=rol_van_vandaag.persoon)
    rol_van_vandaag.refresh_from_db()
    assert (rol_van_vandaag.van, rol_van_vandaag.tot, nieuw.van) == (vandaag(), vandaag(), vandaag())
    assert list(nieuw.gemeenten.all()) == [netwerk.heuvelrijk]
    assert [
        s.persoon.achternaam for s in Sleutelfiguur.objects.huidig().filter(persoon__achternaam="Verbeek")
    ] == ["Verbeek"]
    assert rol_van_vandaag not in client.get(detail(netwerk.ggd)).context["niveaus"][0]["sleutelfiguren"]


def test_a_role_started_today_ends_today(users, netwerk, client_for, rol_van_vandaag):
    client = client_for(users[Rol.SWV_COORDINATOR])
    beeindigen = reverse("partners:sleutelfiguur_beeindigen", args=[rol_van_vandaag.pk])
    formulier = client.get(beeindigen).content.decode()
    assert "Einddatum" in formulier
    assert f'value="{vandaag().isoformat()}"' in formulier

    assert client.post(beeindigen, {"per": vandaag().isoformat()}).status_code == 302
    rol_van_vandaag.refresh_from_db()
    assert rol_van_vandaag.tot == vandaag()
    assert rol_van_vandaag in client.get(detail(netwerk.ggd)).context["eerder"]


def test_a_coming_role_can_be_corrected_or_ended_on_its_first_day(users, netwerk, client_for, swv):
    client = client_for(users[Rol.SWV_COORDINATOR])
    eerste_dag = vandaag() + datetime.timedelta(days=14)
    komend = SleutelfiguurFactory(
        swv=swv, organisatie=netwerk.ggd, functie="Jeugdarts i.o.", niveau="uitvoering", van=eerste_dag
    )
    html = client.get(detail(netwerk.ggd)).content.decode()
    assert reverse("partners:sleutelfiguur_wijzigen", args=[komend.pk]) in html
    beeindigen = reverse("partners:sleutelfiguur_beeindigen", args=[komend.pk])
    assert beeindigen in html
    # The end date offered is its first day: today would be before it begins.
    assert f'value="{eerste_dag.isoformat()}"' in client.get(beeindigen).content.decode()

    url = reverse("partners:sleutelfiguur_wijzigen", args=[komend.pk])
    assert client.post(url, _rol_post(komend, functie="Jeugdarts")).status_code == 302
    assert client.post(beeindigen, {"per": eerste_dag.isoformat()}).status_code == 302
    komend.refresh_from_db()
    assert (komend.functie, komend.tot) == ("Jeugdarts", eerste_dag)


def test_a_role_correction_with_bad_input_keeps_what_was_typed_and_changes_nothing(
    users, netwerk, client_for, rol_van_vandaag
):
    url = reverse("partners:sleutelfiguur_wijzigen", args=[rol_van_vandaag.pk])
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        url, _rol_post(rol_van_vandaag, functie="Jeugdarts", niveau="", email="geen-adres")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Het formulier is nog niet opgeslagen" in html
    assert "Voer een geldig e-mailadres in." in html
    assert 'value="Jeugdarts"' in html
    rol_van_vandaag.refresh_from_db()
    assert rol_van_vandaag.functie == "Jeugdverpleegkundige"


def test_a_role_correction_does_not_overwrite_a_change_made_meanwhile(
    users, netwerk, client_for, rol_van_vandaag
):
    from partners import services

    client = client_for(users[Rol.SWV_COORDINATOR])
    url = reverse("partners:sleutelfiguur_wijzigen", args=[rol_van_vandaag.pk])
    geopend = re.search(r'name="versie" value="([^"]+)"', client.get(url).content.decode()).group(1)
    services.sleutelfiguur_update(sleutelfiguur=rol_van_vandaag, by=None, functie="Schoolarts")

    response = client.post(url, {**_rol_post(rol_van_vandaag, functie="Jeugdarts"), "versie": geopend})

    assert response.status_code == 400
    assert "Schoolarts" in response.content.decode()
    rol_van_vandaag.refresh_from_db()
    assert rol_van_vandaag.functie == "Schoolarts"


def test_ending_a_role_before_it_began_gets_a_dutch_error(users, netwerk, client_for):
    response = client_for(users[Rol.SWV_MEDEWERKER]).post(
        reverse("partners:sleutelfiguur_beeindigen", args=[netwerk.wethouder.pk]), {"per": "2000-01-01"}
    )

    assert response.status_code == 400
    assert "Kies een datum op of na het begin van deze rol" in response.content.decode()
    netwerk.wethouder.refresh_from_db()
    assert netwerk.wethouder.tot is None


# --- Routekaart ---


def test_routekaart_shows_key_people_of_the_chosen_gemeente_on_three_levels(users, netwerk, client_for):
    response = client_for(users[Rol.LEERPLICHTAMBTENAAR]).get(
        reverse("partners:routekaart"), {"gemeente": netwerk.dalfsen.pk}
    )

    assert response.status_code == 200
    rijen = {rij.gemeente.naam: rij for rij in response.context["kaart"].gemeenten}
    assert set(rijen) == {"Gemeente Dalenburg"}  # one gemeente at a time (issue 9)
    dalenburg = {n.niveau: n.sleutelfiguren for n in rijen["Gemeente Dalenburg"].niveaus}
    assert dalenburg["uitvoering"] == [netwerk.jeugdarts]
    assert dalenburg["bestuur_beleid"] == [netwerk.wethouder]
    html = response.content.decode()
    for kop in ("Uitvoering", "Organisatie", "Bestuur &amp; beleid"):
        assert kop in html
    assert "Wethouder onderwijs" in html
    assert f'href="/partners/{netwerk.wethouder.organisatie_id}/"' in html
    assert "Oudgediende" not in html  # no longer in that role
    assert f'id="gemeente-{netwerk.heuvelrijk.pk}"' not in html


def test_routekaart_opens_on_the_first_gemeente_or_the_users_own(swv, users, netwerk, client_for):
    # The coordinator works at the SWV bureau (no gemeente): the first gemeente by name.
    response = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("partners:routekaart"))
    assert [r.gemeente for r in response.context["kaart"].gemeenten] == [netwerk.dalfsen]
    assert response.context["form"]["gemeente"].value() == netwerk.dalfsen.pk
    # The leerplichtambtenaar's team sits in Heuvelrijk: that gemeente.
    Organisatie.objects.filter(
        pk=Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie_id
    ).update(gemeente=netwerk.heuvelrijk)
    response = client_for(users[Rol.LEERPLICHTAMBTENAAR]).get(reverse("partners:routekaart"))
    assert [r.gemeente for r in response.context["kaart"].gemeenten] == [netwerk.heuvelrijk]
    assert f'<option value="{netwerk.heuvelrijk.pk}" selected>' in response.content.decode()


def test_routekaart_gaps_overview_covers_every_gemeente_and_links_to_it(swv, users, netwerk, client_for):
    html = (
        client_for(users[Rol.SWV_COORDINATOR])
        .get(reverse("partners:routekaart"), {"gemeente": netwerk.dalfsen.pk})
        .content.decode()
    )

    gaten = re.search(r'data-testid="routekaart-gaten".*?</ul>', html, re.S).group(0)
    # Heuvelrijk is not shown below, but its gap is in the overview, with a link to its routekaart.
    assert (
        f'href="?gemeente={netwerk.heuvelrijk.pk}">Geen contact op bestuur &amp; beleid voor Heuvelrijk</a>'
        in gaten
    )


def test_routekaart_marks_gaps_in_words_in_a_status_message(users, netwerk, client_for):
    html = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("partners:routekaart")).content.decode()

    gaten = re.search(
        r'<div[^>]*role="status"[^>]*data-testid="routekaart-gaten".*?</div>', html, re.S
    ).group(0)
    assert "Geen contact op bestuur &amp; beleid voor Heuvelrijk" in gaten
    assert "Geen contact op organisatie voor Dalenburg" in gaten
    assert "Geen contact op bestuur &amp; beleid voor Dalenburg" not in gaten


def test_routekaart_filters_on_gemeente_and_on_jeugdzorgregio(swv, users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    buiten = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Buitenregio")

    een = client.get(reverse("partners:routekaart"), {"gemeente": netwerk.dalfsen.pk})
    regio = client.get(reverse("partners:routekaart"), {"jeugdzorgregio": netwerk.regio.pk})
    standaard = client.get(reverse("partners:routekaart"))

    assert [r.gemeente for r in een.context["kaart"].gemeenten] == [netwerk.dalfsen]
    assert {r.gemeente for r in regio.context["kaart"].gemeenten} == {netwerk.dalfsen, netwerk.heuvelrijk}
    # Without a choice: one gemeente, the first by name; never the whole werkgebied at once.
    assert [r.gemeente for r in standaard.context["kaart"].gemeenten] == [buiten]


def test_routekaart_query_count_is_flat_at_1_10_and_50_people(swv, users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    for totaal in (1, 10, 50):
        while (i := Sleutelfiguur.objects.filter(persoon__achternaam__startswith="Telrij").count()) < totaal:
            organisatie = OrganisatieFactory(swv=swv, soort=Organisatie.Soort.JEUGDHULP)
            organisatie.werkgebied.set([netwerk.heuvelrijk])
            SleutelfiguurFactory(
                swv=swv, organisatie=organisatie, niveau="organisatie", persoon__achternaam=f"Telrij {i:03d}"
            )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("partners:routekaart"), {"gemeente": netwerk.heuvelrijk.pk})
        # Each added person is on the map, under Heuvelrijk's organisation level.
        assert len(telrijen(response.content.decode())) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


# --- Dekkend netwerk ---


def test_dekkend_netwerk_shows_capacity_occupancy_waiting_time_and_gaps(users, netwerk, client_for):
    response = client_for(users[Rol.ZORGCOORDINATOR]).get(reverse("partners:dekkend_netwerk"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Herstart" in html
    assert "8 van 8" in html
    assert "Knelpunt: vol" in html
    gaten = re.search(r'data-testid="dekkend-gaten".*?</div>', html, re.S).group(0)
    assert "Geen voorziening voor gedrag in Dalenburg" in gaten
    assert "Voor gedrag in Heuvelrijk zijn alle voorzieningen vol" in gaten
    assert "Gat: geen voorziening" in html


def test_dekkend_netwerk_filters_on_doelgroep_and_gemeente(swv, users, netwerk, client_for):
    VoorzieningFactory(swv=swv, naam="OCTA", doelgroep="hoogbegaafd", gemeenten=[netwerk.dalfsen])
    client = client_for(users[Rol.SWV_COORDINATOR])

    response = client.get(
        reverse("partners:dekkend_netwerk"), {"doelgroep": "hoogbegaafd", "gemeente": netwerk.dalfsen.pk}
    )

    overzicht = response.context["overzicht"]
    assert [v.naam for v in overzicht.voorzieningen] == ["OCTA"]
    assert overzicht.gemeenten == [netwerk.dalfsen]
    assert overzicht.gaten == []


def test_dekkend_netwerk_query_count_is_flat_at_1_10_and_50_provisions(swv, users, netwerk, client_for):
    from partners.models import Voorziening

    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    for totaal in (1, 10, 50):
        while (i := Voorziening.objects.filter(swv=swv, naam__contains="Telrij").count()) < totaal:
            VoorzieningFactory(
                swv=swv,
                aanbieder=netwerk.ggd,
                gemeenten=[netwerk.dalfsen],
                naam=f"Voorziening Telrij {i:03d}",
            )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("partners:dekkend_netwerk"))
        assert len(telrijen(response.content.decode())) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


# --- Netwerk picture ---


def test_netwerk_draws_each_partner_as_a_link_in_the_svg_and_in_the_text_list(users, netwerk, client_for):
    response = client_for(users[Rol.BESTUURDER]).get(reverse("partners:netwerk"))

    assert response.status_code == 200
    html = response.content.decode()
    svg = re.search(r"<svg[^>]*data-testid=\"netwerk-svg\".*?</svg>", html, re.S).group(0)
    for organisatie in (netwerk.ggd, netwerk.school, netwerk.wijkteam, netwerk.heuvelrijk):
        assert f'href="{detail(organisatie)}"' in svg
        assert f'aria-label="{escape(organisatie.naam)}' in svg
    assert detail(netwerk.oud) not in html  # not active
    assert detail(netwerk.elders) not in html
    groepen = {g["sleutel"]: [p["naam"] for p in g["partners"]] for g in response.context["groepen"]}
    assert "GGD Heuvelland" in groepen["zorg"]
    assert "Basisschool De Zandloper" in groepen["onderwijs"]
    assert "Gemeente Dalenburg" in groepen["gemeente"]
    assert groepen["werk"] == []
    assert "Leerling" in svg


def test_netwerk_svg_coordinates_use_a_decimal_point_whatever_the_locale(users, netwerk, client_for):
    html = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("partners:netwerk")).content.decode()

    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    # "235,5" would be read by the browser as two x positions and scatter the letters of a name.
    assert not re.search(r'\b(?:x|y|cx|cy|x1|y1|x2|y2)="-?\d+,\d', svg)
    assert re.search(r'cx="\d+(\.\d+)?"', svg)


def test_netwerk_layout_keeps_every_partner_and_label_inside_the_picture():
    from partners import netwerk as layout

    groepen = [
        {
            "sleutel": sleutel,
            "naam": sleutel,
            "partners": [{"naam": f"Partner {sleutel} {i}" * 3, "url": "#"} for i in range(n)],
        }
        for sleutel, n in (("onderwijs", 20), ("zorg", 25), ("gemeente", 12), ("werk", 3), ("overig", 0))
    ]
    sectoren = layout.indeling(groepen)

    assert [s.sleutel for s in sectoren] == ["onderwijs", "zorg", "gemeente", "werk"]
    knopen = [k for s in sectoren for k in s.knopen]
    assert len(knopen) == 60
    assert all(0 < k.x < layout.BREEDTE and 0 < k.y < layout.HOOGTE for k in knopen)
    assert all(len(k.label) <= layout.MAX_LABEL for k in knopen)
    # Labels on the left half are turned around, so no name reads upside down.
    assert all(-90 <= k.rotatie <= 90 or k.anker == "end" for k in knopen)


def test_netwerk_groups_many_schools_into_one_node_linking_to_the_filtered_list(
    swv, users, netwerk, client_for
):
    for _ in range(10):
        OrganisatieFactory(swv=swv, school=True)
    response = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("partners:netwerk"))

    onderwijs = next(g for g in response.context["groepen"] if g["sleutel"] == "onderwijs")
    scholen = [p for p in onderwijs["partners"] if "?soort=school" in p["url"]]
    assert len(scholen) == 1
    assert scholen[0]["naam"] == f"Scholen ({Organisatie.objects.filter(swv=swv, soort='school').count()})"


def test_netwerk_filtered_on_a_gemeente_shows_only_partners_serving_it(users, netwerk, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(
        reverse("partners:netwerk"), {"gemeente": netwerk.dalfsen.pk}
    )

    namen = {p["naam"] for g in response.context["groepen"] for p in g["partners"]}
    assert namen == {"Gemeente Dalenburg", "GGD Heuvelland", "Sociaal team Dalenburg"}


# Ten soorten the netwerk fixture does not use, so 50 partners stay at five per soort: none merged.
NETWERK_SOORTEN = [
    Organisatie.Soort.SMW,
    Organisatie.Soort.MBO,
    Organisatie.Soort.BEDRIJF,
    Organisatie.Soort.GGZ,
    Organisatie.Soort.NIEUWKOMERS,
    Organisatie.Soort.VOORSCHOOL,
    Organisatie.Soort.JONGERENWERK,
    Organisatie.Soort.HALT,
    Organisatie.Soort.VERSLAVINGSZORG,
    Organisatie.Soort.MEE,
]


def test_netwerk_query_count_is_flat_at_1_10_and_50_partners(swv, users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    for totaal in (1, 10, 50):
        while (i := Organisatie.objects.filter(swv=swv, naam__contains="Telrij").count()) < totaal:
            # Spread over soorten: above NETWERK_SAMENVOEGEN_VANAF of one soort the picture merges them.
            OrganisatieFactory(
                swv=swv, soort=NETWERK_SOORTEN[i % len(NETWERK_SOORTEN)], naam=f"Partner Telrij {i:03d}"
            )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("partners:netwerk"))
        # Each added partner is drawn (and listed in the text alternative).
        assert len(telrijen(response.content.decode())) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


# --- Afspraken and the start page ---


def test_afspraken_lists_agreements_due_within_the_window_with_what_to_do(users, netwerk, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.get(reverse("partners:afspraken"))

    assert response.status_code == 200
    assert [a.pk for a in response.context["afspraken"]] == [netwerk.convenant.pk]
    html = response.content.decode()
    assert "Evaluatie gepland op" in html
    assert "(over 20 dagen)" in html
    assert "geen eigenaar" in html
    ruim = client.get(reverse("partners:afspraken"), {"binnen_dagen": 365})
    assert {a.pk for a in ruim.context["afspraken"]} == {netwerk.convenant.pk, netwerk.later.pk}


def test_an_agreement_past_its_evaluation_is_marked_in_words(swv, users, netwerk, client_for):
    AfspraakFactory(
        swv=swv, titel="Vergeten evaluatie", evaluatiedatum=vandaag() - datetime.timedelta(days=3)
    )
    html = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("partners:afspraken")).content.decode()

    assert "Evaluatie te laat: gepland op" in html


def test_start_page_shows_agreements_that_need_attention(users, netwerk, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("start"))

    html = response.content.decode()
    assert "Afspraken die aandacht vragen" in html
    assert "Convenant aansluiting onderwijs-jeugdhulp" in html
    assert "Privacyconvenant later" not in html


def test_start_page_query_count_is_flat_at_1_10_and_50_agreements(swv, users, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    for totaal in (1, 10, 50):
        from partners.models import Afspraak

        while (i := Afspraak.objects.filter(swv=swv).count()) < totaal:
            AfspraakFactory(
                swv=swv,
                titel=f"Afspraak Telrij {i:03d}",
                evaluatiedatum=vandaag() + datetime.timedelta(days=5),
            )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("start"))
        html = response.content.decode()
        # The block lists the first few (START_AFSPRAKEN) and counts them all.
        assert len(telrijen(html)) == min(totaal, START_AFSPRAKEN)
        if totaal > 1:
            assert f"Bekijk alle {totaal} afspraken die aandacht vragen" in html
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_start_page_without_membership_shows_no_agreements_block(db, client_for):
    from tests.factories import UserFactory

    response = client_for(UserFactory(username="zonder-lidmaatschap")).get(reverse("start"))

    assert "Afspraken die aandacht vragen" not in response.content.decode()
