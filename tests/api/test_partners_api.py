"""The partner registry API: reads, filters, pagination, writes by role and by scope, tenancy, errors."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import Afspraak, Organisatie, Sleutelfiguur, Voorziening
from swv.audit.models import OrganisatieEvent, VoorzieningEvent
from swv.core.api.scopes import Scope
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    ApiClientFactory,
    OrganisatieFactory,
    PersoonFactory,
    SamenwerkingsverbandFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
SCHRIJVERS = [Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER, Rol.BEHEERDER]
LEZERS = [rol for rol in Rol if rol not in SCHRIJVERS]
VANDAAG = timezone.localdate


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def send(client: Client, method: str, url: str, data=None, **extra):
    return client.generic(method, url, json.dumps(data or {}), content_type="application/json", **extra)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    return body


def invalid_names(response) -> set[str]:
    return {param["name"] for param in assert_problem(response, 400)["invalidParams"]}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def als(users, client_for):
    """als(Rol.X) -> a logged-in client acting in that role in the test SWV."""
    return lambda rol: client_for(users[rol.value if isinstance(rol, Rol) else rol])


@pytest.fixture
def coordinator(als):
    return als(Rol.SWV_COORDINATOR)


@pytest.fixture
def netwerk(swv):
    """A small network in the test SWV, and one organisation of every kind in another SWV."""
    bernheze = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Bernheze", code="1721")
    krimpen = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Krimpen", code="1931")
    bestuur = OrganisatieFactory(swv=swv, bestuur=True, naam="Stichting Het Baken")
    school = OrganisatieFactory(
        swv=swv, school=True, naam="Basisschool De Wilg", code="05KO00", schoolbestuur=bestuur
    )
    Organisatie.objects.filter(pk=school.pk).update(gemeente=bernheze)
    ggd = OrganisatieFactory(swv=swv, ggd=True, naam="GGD Hart voor Brabant")
    ggd.werkgebied.set([bernheze, krimpen])
    gestopt = OrganisatieFactory(
        swv=swv, naam="Stichting Gestopt", actief=False, einddatum=dt.date(2025, 8, 1)
    )
    jeugdarts = SleutelfiguurFactory(
        swv=swv, organisatie=ggd, niveau="uitvoering", functie="Jeugdarts", gemeenten=[krimpen]
    )
    directeur = SleutelfiguurFactory(swv=swv, organisatie=ggd, niveau="bestuur_beleid", functie="Directeur")
    vertrokken = SleutelfiguurFactory(
        swv=swv, organisatie=school, niveau="organisatie", tot=VANDAAG() - dt.timedelta(days=30)
    )
    convenant = AfspraakFactory(
        swv=swv,
        soort="convenant",
        titel="Convenant thuiszitters",
        partijen=[ggd, bernheze],
        evaluatiedatum=dt.date(2027, 3, 1),
        einddatum=dt.date(2028, 12, 31),
    )
    privacy = AfspraakFactory(
        swv=swv,
        soort="privacyconvenant",
        titel="Privacyconvenant",
        partijen=[school],
        einddatum=dt.date(2027, 1, 31),
    )
    herstart = VoorzieningFactory(
        swv=swv,
        naam="Herstart",
        aanbieder=ggd,
        doelgroep="thuiszitters",
        sector="VO",
        capaciteit=10,
        bezetting=10,
        gemeenten=[bernheze],
    )
    octa = VoorzieningFactory(
        swv=swv,
        naam="OCTA",
        aanbieder=ggd,
        doelgroep="gedrag",
        sector="beide",
        capaciteit=12,
        bezetting=4,
        wachttijd_weken=2,
        gemeenten=[krimpen],
    )
    elders_swv = SamenwerkingsverbandFactory(code="PO9899", naam="Samenwerkingsverband Ver Weg")
    elders = OrganisatieFactory(
        swv=elders_swv, werkgebied_gemeente=True, naam="Gemeente Ver Weg", code="0363"
    )
    return {
        "bernheze": bernheze,
        "krimpen": krimpen,
        "bestuur": bestuur,
        "school": school,
        "ggd": ggd,
        "gestopt": gestopt,
        "jeugdarts": jeugdarts,
        "directeur": directeur,
        "vertrokken": vertrokken,
        "convenant": convenant,
        "privacy": privacy,
        "herstart": herstart,
        "octa": octa,
        "elders_swv": elders_swv,
        "elders": elders,
        "elders_sleutelfiguur": SleutelfiguurFactory(swv=elders_swv, organisatie=elders),
        "elders_afspraak": AfspraakFactory(swv=elders_swv, partijen=[elders]),
        "elders_voorziening": VoorzieningFactory(swv=elders_swv, aanbieder=elders),
    }


def netwerk_ids(netwerk) -> set[int]:
    return {obj.pk for obj in netwerk.values() if isinstance(obj, Organisatie)}


def alle_organisaties(client: Client, url: str = "/api/v1/organisaties", **extra) -> list[dict]:
    """Follow the cursor to the end."""
    rows: list[dict] = []
    while url:
        response = client.get(url, **extra)
        assert response.status_code == 200, response.content
        rows.extend(response.json()["results"])
        url = response.json()["next"]
    return rows


# --- reading --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", list(Rol))
def test_every_member_of_the_swv_reads_the_registry_of_their_own_swv_only(rol, als, netwerk):
    client = als(rol)

    organisaties = {row["id"] for row in alle_organisaties(client)}

    assert {netwerk["ggd"].pk, netwerk["school"].pk, netwerk["gestopt"].pk} <= organisaties
    assert netwerk["elders"].pk not in organisaties
    assert ids(client.get("/api/v1/sleutelfiguren")) == {
        netwerk["jeugdarts"].pk,
        netwerk["directeur"].pk,
        netwerk["vertrokken"].pk,
    }
    assert ids(client.get("/api/v1/afspraken")) == {netwerk["convenant"].pk, netwerk["privacy"].pk}
    assert ids(client.get("/api/v1/voorzieningen")) == {netwerk["herstart"].pk, netwerk["octa"].pk}


def test_an_organisation_shows_camelcase_fields_short_related_organisations_and_iso_dates(
    coordinator, netwerk
):
    school = netwerk["school"]

    body = coordinator.get(f"/api/v1/organisaties/{school.pk}").json()

    assert body["naam"] == "Basisschool De Wilg"
    assert body["soort"] == "school"
    assert body["domein"] == "onderwijs"
    assert body["code"] == "05KO00"
    assert body["gemeente"] == {
        "id": netwerk["bernheze"].pk,
        "naam": "Gemeente Bernheze",
        "soort": "gemeente",
    }
    assert body["schoolbestuur"] == {
        "id": netwerk["bestuur"].pk,
        "naam": "Stichting Het Baken",
        "soort": "schoolbestuur",
    }
    assert {"soortOnderwijs", "bevoegdGezagNummer", "inWerkgebied", "werkgebied", "jeugdzorgregio"} <= set(
        body
    )
    gestopt = coordinator.get(f"/api/v1/organisaties/{netwerk['gestopt'].pk}").json()
    assert gestopt["actief"] is False
    assert gestopt["einddatum"] == "2025-08-01"


def test_the_werkgebied_is_listed_as_short_organisations(coordinator, netwerk):
    body = coordinator.get(f"/api/v1/organisaties/{netwerk['ggd'].pk}").json()

    assert sorted(g["naam"] for g in body["werkgebied"]) == ["Gemeente Bernheze", "Gemeente Krimpen"]


def test_a_sleutelfiguur_shows_person_organisation_level_and_whether_it_is_current(coordinator, netwerk):
    jeugdarts = netwerk["jeugdarts"]

    body = coordinator.get(f"/api/v1/sleutelfiguren/{jeugdarts.pk}").json()

    assert body["persoon"]["naam"] == jeugdarts.persoon.naam
    assert body["organisatie"] == {"id": netwerk["ggd"].pk, "naam": "GGD Hart voor Brabant", "soort": "ggd"}
    assert body["niveau"] == "uitvoering"
    assert body["gemeenten"] == [
        {"id": netwerk["krimpen"].pk, "naam": "Gemeente Krimpen", "soort": "gemeente"}
    ]
    assert body["van"] == jeugdarts.van.isoformat()
    assert body["tot"] is None
    assert body["actueel"] is True
    assert coordinator.get(f"/api/v1/sleutelfiguren/{netwerk['vertrokken'].pk}").json()["actueel"] is False


def test_an_agreement_shows_its_parties_and_dates_but_not_its_document(coordinator, netwerk):
    body = coordinator.get(f"/api/v1/afspraken/{netwerk['convenant'].pk}").json()

    assert body["soort"] == "convenant"
    assert sorted(p["naam"] for p in body["partijen"]) == ["GGD Hart voor Brabant", "Gemeente Bernheze"]
    assert body["evaluatiedatum"] == "2027-03-01"
    assert body["einddatum"] == "2028-12-31"
    assert body["heeftDocument"] is False
    assert "document" not in body


def test_a_voorziening_shows_capacity_and_whether_it_is_a_bottleneck(coordinator, netwerk):
    herstart = coordinator.get(f"/api/v1/voorzieningen/{netwerk['herstart'].pk}").json()
    octa = coordinator.get(f"/api/v1/voorzieningen/{netwerk['octa'].pk}").json()

    assert herstart["aanbieder"]["naam"] == "GGD Hart voor Brabant"
    assert (herstart["capaciteit"], herstart["bezetting"], herstart["vol"], herstart["knelpunt"]) == (
        10,
        10,
        True,
        True,
    )
    assert (octa["wachttijdWeken"], octa["knelpunt"]) == (2, False)


@pytest.mark.parametrize("pad", ["organisaties", "sleutelfiguren", "afspraken", "voorzieningen"])
@pytest.mark.parametrize("rol", [Rol.SWV_COORDINATOR, Rol.KETENPARTNER, "outsider"])
def test_an_object_of_another_swv_answers_404_like_one_that_does_not_exist(pad, rol, als, netwerk):
    sleutel = {
        "organisaties": "elders",
        "sleutelfiguren": "elders_sleutelfiguur",
        "afspraken": "elders_afspraak",
        "voorzieningen": "elders_voorziening",
    }[pad]
    client = als(rol)
    if rol == "outsider":  # the outsider is of another SWV again: our objects are the foreign ones
        sleutel = {
            "organisaties": "ggd",
            "sleutelfiguren": "jeugdarts",
            "afspraken": "convenant",
            "voorzieningen": "octa",
        }[pad]

    assert_problem(client.get(f"/api/v1/{pad}/{netwerk[sleutel].pk}"), 404)
    assert_problem(client.get(f"/api/v1/{pad}/987654321"), 404)


# --- filters ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("soort=school", {"school"}),
        ("soort=school&soort=ggd", {"school", "ggd"}),
        ("domein=zorg", {"ggd"}),
        ("actief=false", {"gestopt"}),
        ("q=wilg", {"school"}),
        ("code=05ko00", {"school"}),
        ("q=1721", {"bernheze"}),
    ],
)
def test_organisations_can_be_filtered(query, verwacht, coordinator, netwerk):
    gevonden = {row["id"] for row in alle_organisaties(coordinator, f"/api/v1/organisaties?{query}")}

    # (The `users` fixture adds organisations of its own; compare within the network.)
    assert gevonden & netwerk_ids(netwerk) == {netwerk[naam].pk for naam in verwacht}


def test_organisations_in_a_gemeente_are_those_working_or_standing_there_and_the_gemeente_itself(
    coordinator, netwerk
):
    url = f"/api/v1/organisaties?gemeente={netwerk['bernheze'].pk}"

    gevonden = {row["id"] for row in alle_organisaties(coordinator, url)}

    assert gevonden & netwerk_ids(netwerk) == {
        netwerk["bernheze"].pk,
        netwerk["ggd"].pk,
        netwerk["school"].pk,
    }


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("niveau=bestuur_beleid", {"directeur"}),
        ("actueel=true", {"jeugdarts", "directeur"}),
        ("actueel=false", {"vertrokken"}),
        ("organisatie={school}", {"vertrokken"}),
        # The jeugdarts is the contact for Krimpen only; the directeur has no gemeenten: all of the GGD's;
        # the one who left has none either and worked at a school standing in Bernheze.
        ("gemeente={bernheze}", {"directeur", "vertrokken"}),
        ("gemeente={krimpen}", {"jeugdarts", "directeur"}),
    ],
)
def test_sleutelfiguren_can_be_filtered(query, verwacht, coordinator, netwerk):
    query = query.format(**{naam: obj.pk for naam, obj in netwerk.items() if hasattr(obj, "pk")})

    assert ids(coordinator.get(f"/api/v1/sleutelfiguren?{query}")) == {netwerk[naam].pk for naam in verwacht}


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("soort=privacyconvenant", {"privacy"}),
        ("partij={ggd}", {"convenant"}),
        ("partij={school}", {"privacy"}),
        ("evaluatieVoor=2027-03-01", {"convenant"}),
        ("evaluatieVoor=2027-02-28", set()),
        ("verlooptVoor=2027-12-31", {"privacy"}),
    ],
)
def test_agreements_can_be_filtered(query, verwacht, coordinator, netwerk):
    query = query.format(**{naam: obj.pk for naam, obj in netwerk.items() if hasattr(obj, "pk")})

    assert ids(coordinator.get(f"/api/v1/afspraken?{query}")) == {netwerk[naam].pk for naam in verwacht}


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("doelgroep=gedrag", {"octa"}),
        ("sector=VO", {"herstart", "octa"}),
        ("sector=PO", {"octa"}),
        ("sector=beide", {"octa"}),
        ("gemeente={bernheze}", {"herstart"}),
        ("knelpunt=true", {"herstart"}),
        ("knelpunt=false", {"octa"}),
    ],
)
def test_voorzieningen_can_be_filtered(query, verwacht, coordinator, netwerk):
    query = query.format(**{naam: obj.pk for naam, obj in netwerk.items() if hasattr(obj, "pk")})

    assert ids(coordinator.get(f"/api/v1/voorzieningen?{query}")) == {netwerk[naam].pk for naam in verwacht}


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/organisaties?soort=kapper", "soort"),
        ("/api/v1/organisaties?gemeente=abc", "gemeente"),
        ("/api/v1/afspraken?evaluatieVoor=morgen", "evaluatieVoor"),
        ("/api/v1/sleutelfiguren?niveau=hoog", "niveau"),
        ("/api/v1/voorzieningen?doelgroep=iedereen", "doelgroep"),
    ],
)
def test_a_bad_filter_value_is_a_400_problem_naming_the_parameter(url, param, coordinator, netwerk):
    assert param in invalid_names(coordinator.get(url))


# --- pagination and query counts -------------------------------------------------------------------------


def test_the_organisation_cursor_visits_every_organisation_exactly_once(coordinator, swv, netwerk):
    OrganisatieFactory.create_batch(7, swv=swv)
    verwacht = set(Organisatie.objects.filter(swv=swv).values_list("pk", flat=True))

    eerste = coordinator.get("/api/v1/organisaties?pageSize=3").json()
    rows = alle_organisaties(coordinator, "/api/v1/organisaties?pageSize=3")

    assert len(eerste["results"]) == 3
    assert "cursor=" in eerste["next"]
    assert [row["id"] for row in rows] == sorted(verwacht)


def test_other_collections_page_with_limit_and_offset(coordinator, netwerk):
    body = coordinator.get("/api/v1/sleutelfiguren?limit=2&offset=0").json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert "offset=2" in body["next"]


def _organisaties(swv, n):
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    bestuur = OrganisatieFactory(swv=swv, bestuur=True)
    for org in OrganisatieFactory.create_batch(n, swv=swv, soort="jeugdhulp", schoolbestuur=bestuur):
        org.werkgebied.set([gemeente])
        Organisatie.objects.filter(pk=org.pk).update(gemeente=gemeente)


def _sleutelfiguren(swv, n):
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    for _ in range(n):
        SleutelfiguurFactory(swv=swv, gemeenten=[gemeente])


def _afspraken(swv, n):
    partij = OrganisatieFactory(swv=swv)
    for _ in range(n):
        AfspraakFactory(swv=swv, partijen=[partij])


def _voorzieningen(swv, n):
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    aanbieder = OrganisatieFactory(swv=swv)
    for _ in range(n):
        VoorzieningFactory(swv=swv, aanbieder=aanbieder, gemeenten=[gemeente])


# What each list answers to, exactly the rows made for it: the organisations the maker made (jeugdhulp,
# besides the users' and gemeenten), every row of the other collections.
TELRIJEN = {
    "organisaties": lambda swv: Organisatie.objects.filter(swv=swv, soort="jeugdhulp"),
    "sleutelfiguren": lambda swv: Sleutelfiguur.objects.filter(swv=swv),
    "afspraken": lambda swv: Afspraak.objects.filter(swv=swv),
    "voorzieningen": lambda swv: Voorziening.objects.filter(swv=swv),
}


@pytest.mark.parametrize(
    ("pad", "maak"),
    [
        ("organisaties", _organisaties),
        ("sleutelfiguren", _sleutelfiguren),
        ("afspraken", _afspraken),
        ("voorzieningen", _voorzieningen),
    ],
)
def test_a_list_costs_the_same_number_of_queries_for_1_10_and_50_rows(pad, maak, coordinator, swv):
    counts = []
    for n in (1, 10, 50):
        Sleutelfiguur.objects.all().delete()
        Afspraak.objects.all().delete()
        Voorziening.objects.all().delete()
        Organisatie.objects.filter(soort="jeugdhulp").delete()
        maak(swv, n)
        coordinator.get(f"/api/v1/{pad}")  # warm the session and membership caches alike
        with CaptureQueriesContext(connection) as ctx:
            # Each collection knows only its own page parameter (an unknown one is a 400).
            pagina = "soort=jeugdhulp&pageSize=50" if pad == "organisaties" else "limit=50"
            response = coordinator.get(f"/api/v1/{pad}?{pagina}")
        # The answer holds the n rows, so a query per row would show in the count.
        rows = {row["id"] for row in response.json()["results"]}
        assert len(rows) == n
        assert rows == set(TELRIJEN[pad](swv).values_list("pk", flat=True))
        counts.append(len(ctx.captured_queries))

    assert counts[0] == counts[1] == counts[2], counts


def test_a_client_list_costs_the_same_number_of_queries_for_1_and_50_rows(client, swv):
    lezer = ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN])
    counts = []
    client.get("/api/v1/ik", **bearer(lezer.token))  # the first use is recorded once; not part of a list
    for n, totaal in ((1, 1), (49, 50)):
        _organisaties(swv, n)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/api/v1/organisaties?soort=jeugdhulp&pageSize=50", **bearer(lezer.token))
        assert len(response.json()["results"]) == totaal
        counts.append(len(ctx.captured_queries))

    assert counts[0] == counts[1], counts


# --- writing by role ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", SCHRIJVERS)
def test_the_swv_staff_and_beheerder_add_an_organisation_to_their_own_swv(rol, als, swv, netwerk):
    response = send(
        als(rol),
        "POST",
        "/api/v1/organisaties",
        {
            "naam": "Wijkteam Heesch",
            "soort": "wijkteam",
            "telefoon": "0412 123 456",
            "werkgebied": [netwerk["bernheze"].pk],
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    nieuw = Organisatie.objects.get(pk=body["id"])
    assert nieuw.swv == swv
    assert body["werkgebied"] == [
        {"id": netwerk["bernheze"].pk, "naam": "Gemeente Bernheze", "soort": "gemeente"}
    ]
    assert body["actief"] is True


@pytest.mark.parametrize("rol", LEZERS)
def test_read_only_roles_may_not_add_change_or_end_anything(rol, als, netwerk):
    client = als(rol)

    assert_problem(send(client, "POST", "/api/v1/organisaties", {"naam": "X", "soort": "overig"}), 403)
    assert_problem(send(client, "PATCH", f"/api/v1/organisaties/{netwerk['ggd'].pk}", {"naam": "X"}), 403)
    assert_problem(send(client, "DELETE", f"/api/v1/organisaties/{netwerk['ggd'].pk}"), 403)
    assert_problem(
        send(client, "PATCH", f"/api/v1/voorzieningen/{netwerk['octa'].pk}", {"bezetting": 1}), 403
    )
    assert_problem(
        send(
            client,
            "POST",
            f"/api/v1/sleutelfiguren/{netwerk['jeugdarts'].pk}/verhuizen",
            {"naarOrganisatie": netwerk["school"].pk, "functie": "Zorgcoördinator"},
        ),
        403,
    )
    netwerk["ggd"].refresh_from_db()
    assert netwerk["ggd"].naam == "GGD Hart voor Brabant"
    assert netwerk["ggd"].actief is True


def test_a_coordinator_of_another_swv_cannot_change_our_objects_and_learns_nothing(
    users, client_for, netwerk
):
    buitenstaander = client_for(users["outsider"])

    assert_problem(
        send(buitenstaander, "PATCH", f"/api/v1/organisaties/{netwerk['ggd'].pk}", {"naam": "X"}), 404
    )
    assert_problem(send(buitenstaander, "DELETE", f"/api/v1/organisaties/{netwerk['ggd'].pk}"), 404)
    assert_problem(send(buitenstaander, "PATCH", "/api/v1/organisaties/987654321", {"naam": "X"}), 404)


def test_patch_changes_only_the_fields_sent(als, netwerk):
    response = send(
        als(Rol.SWV_MEDEWERKER),
        "PATCH",
        f"/api/v1/organisaties/{netwerk['school'].pk}",
        {"telefoon": "073 555 0101"},
    )

    assert response.status_code == 200, response.content
    netwerk["school"].refresh_from_db()
    assert netwerk["school"].telefoon == "073 555 0101"
    assert netwerk["school"].naam == "Basisschool De Wilg"
    assert netwerk["school"].schoolbestuur == netwerk["bestuur"]


def test_put_is_not_offered_use_patch(coordinator, netwerk):
    assert_problem(send(coordinator, "PUT", f"/api/v1/organisaties/{netwerk['ggd'].pk}", {"naam": "X"}), 405)


def test_deleting_an_organisation_ends_the_cooperation_and_keeps_the_row(coordinator, netwerk):
    ggd = netwerk["ggd"]

    response = send(coordinator, "DELETE", f"/api/v1/organisaties/{ggd.pk}")

    assert response.status_code == 204
    ggd.refresh_from_db()
    assert ggd.actief is False
    assert ggd.einddatum == VANDAAG()
    assert coordinator.get(f"/api/v1/organisaties/{ggd.pk}").json()["actief"] is False
    assert Sleutelfiguur.objects.filter(organisatie=ggd).count() == 2


def test_ending_an_ended_organisation_again_keeps_its_end_date(coordinator, netwerk):
    gestopt = netwerk["gestopt"]

    assert send(coordinator, "DELETE", f"/api/v1/organisaties/{gestopt.pk}").status_code == 204

    gestopt.refresh_from_db()
    assert gestopt.einddatum == dt.date(2025, 8, 1)


# --- validation errors as problem+json -------------------------------------------------------------------


def test_a_missing_name_and_an_unknown_soort_are_listed_as_invalid_params(coordinator, netwerk):
    response = send(coordinator, "POST", "/api/v1/organisaties", {"soort": "kapper"})

    assert invalid_names(response) == {"naam", "soort"}


def test_a_school_with_a_malformed_vestigingscode_is_refused_with_a_dutch_reason(coordinator, netwerk):
    response = send(
        coordinator,
        "POST",
        "/api/v1/organisaties",
        {"naam": "Nieuwe school", "soort": "school", "code": "XX"},
    )

    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalidParams"]] == ["code"]
    assert body["invalidParams"][0]["reason"]
    assert not Organisatie.objects.filter(naam="Nieuwe school").exists()


def test_a_gemeente_of_another_swv_cannot_be_put_in_a_werkgebied(coordinator, netwerk):
    response = send(
        coordinator,
        "PATCH",
        f"/api/v1/organisaties/{netwerk['ggd'].pk}",
        {"werkgebied": [netwerk["elders"].pk]},
    )

    assert invalid_names(response) == {"werkgebied"}
    assert set(netwerk["ggd"].werkgebied.all()) == {netwerk["bernheze"], netwerk["krimpen"]}


def test_a_werkgebied_takes_only_gemeenten(coordinator, netwerk):
    response = send(
        coordinator,
        "PATCH",
        f"/api/v1/organisaties/{netwerk['ggd'].pk}",
        {"werkgebied": [netwerk["school"].pk]},
    )

    assert invalid_names(response) == {"werkgebied"}


def test_a_voorziening_with_negative_capacity_or_an_end_before_its_start_is_refused(coordinator, netwerk):
    response = send(
        coordinator,
        "POST",
        "/api/v1/voorzieningen",
        {"naam": "Rebound", "aanbieder": netwerk["ggd"].pk, "doelgroep": "gedrag", "capaciteit": -1},
    )
    assert invalid_names(response) == {"capaciteit"}

    response = send(
        coordinator,
        "POST",
        "/api/v1/voorzieningen",
        {
            "naam": "Rebound",
            "aanbieder": netwerk["ggd"].pk,
            "doelgroep": "gedrag",
            "ingangsdatum": "2026-09-01",
            "einddatum": "2026-08-01",
        },
    )
    assert invalid_names(response) == {"einddatum"}
    assert not Voorziening.objects.filter(naam="Rebound").exists()


def test_an_agreement_ending_before_it_starts_is_refused(coordinator, netwerk):
    response = send(
        coordinator, "PATCH", f"/api/v1/afspraken/{netwerk['convenant'].pk}", {"einddatum": "2000-01-01"}
    )

    assert invalid_names(response) == {"einddatum"}


def test_a_malformed_date_is_a_400_problem(coordinator, netwerk):
    response = send(
        coordinator, "PATCH", f"/api/v1/afspraken/{netwerk['convenant'].pk}", {"einddatum": "31-12-2030"}
    )

    assert invalid_names(response) == {"einddatum"}


# --- sleutelfiguren: create, move, end ---------------------------------------------------------------------


def test_a_sleutelfiguur_is_added_with_a_new_person(coordinator, swv, netwerk):
    response = send(
        coordinator,
        "POST",
        "/api/v1/sleutelfiguren",
        {
            "persoon": {"voornaam": "Fenna", "tussenvoegsel": "van", "achternaam": "Dijk"},
            "organisatie": netwerk["ggd"].pk,
            "functie": "Jeugdverpleegkundige",
            "niveau": "uitvoering",
            "onderwerpen": ["verzuim"],
            "gemeenten": [netwerk["bernheze"].pk],
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["persoon"]["naam"] == "Fenna van Dijk"
    assert body["onderwerpen"] == ["verzuim"]
    assert body["actueel"] is True
    assert Sleutelfiguur.objects.get(pk=body["id"]).swv == swv


def test_a_sleutelfiguur_is_added_for_an_existing_person(coordinator, swv, netwerk):
    persoon = netwerk["jeugdarts"].persoon

    response = send(
        coordinator,
        "POST",
        "/api/v1/sleutelfiguren",
        {
            "persoonId": persoon.pk,
            "organisatie": netwerk["school"].pk,
            "functie": "Schoolarts",
            "niveau": "uitvoering",
        },
    )

    assert response.status_code == 201, response.content
    assert response.json()["persoon"]["id"] == persoon.pk


def test_a_sleutelfiguur_needs_exactly_one_of_an_existing_or_a_new_person(coordinator, netwerk):
    basis = {"organisatie": netwerk["ggd"].pk, "functie": "Arts", "niveau": "uitvoering"}

    assert "persoon" in invalid_names(send(coordinator, "POST", "/api/v1/sleutelfiguren", basis))
    both = {
        **basis,
        "persoonId": netwerk["jeugdarts"].persoon.pk,
        "persoon": {"voornaam": "A", "achternaam": "B"},
    }
    assert "persoon" in invalid_names(send(coordinator, "POST", "/api/v1/sleutelfiguren", both))


def test_a_person_of_another_swv_cannot_be_given_a_role_here(coordinator, netwerk):
    vreemd = PersoonFactory(swv=netwerk["elders_swv"])

    response = send(
        coordinator,
        "POST",
        "/api/v1/sleutelfiguren",
        {"persoonId": vreemd.pk, "organisatie": netwerk["ggd"].pk, "functie": "Arts", "niveau": "uitvoering"},
    )

    assert "persoonId" in invalid_names(response)


def test_moving_a_sleutelfiguur_ends_the_old_role_and_starts_a_new_one(coordinator, netwerk):
    jeugdarts = netwerk["jeugdarts"]
    per = VANDAAG()

    response = send(
        coordinator,
        "POST",
        f"/api/v1/sleutelfiguren/{jeugdarts.pk}/verhuizen",
        {"naarOrganisatie": netwerk["school"].pk, "functie": "Zorgcoördinator", "per": per.isoformat()},
    )

    assert response.status_code == 201, response.content
    nieuw = response.json()
    assert nieuw["id"] != jeugdarts.pk
    assert nieuw["persoon"]["id"] == jeugdarts.persoon_id
    assert nieuw["organisatie"]["id"] == netwerk["school"].pk
    assert nieuw["functie"] == "Zorgcoördinator"
    assert nieuw["van"] == per.isoformat()
    oud = coordinator.get(f"/api/v1/sleutelfiguren/{jeugdarts.pk}").json()
    assert oud["tot"] == per.isoformat()
    assert oud["actueel"] is False


def test_moving_to_an_organisation_of_another_swv_is_refused(coordinator, netwerk):
    response = send(
        coordinator,
        "POST",
        f"/api/v1/sleutelfiguren/{netwerk['jeugdarts'].pk}/verhuizen",
        {"naarOrganisatie": netwerk["elders"].pk, "functie": "Arts"},
    )

    assert invalid_names(response) == {"naarOrganisatie"}
    netwerk["jeugdarts"].refresh_from_db()
    assert netwerk["jeugdarts"].tot is None


def test_deleting_a_sleutelfiguur_ends_the_role_and_keeps_the_history(coordinator, netwerk):
    jeugdarts = netwerk["jeugdarts"]

    assert send(coordinator, "DELETE", f"/api/v1/sleutelfiguren/{jeugdarts.pk}").status_code == 204

    jeugdarts.refresh_from_db()
    assert jeugdarts.tot == VANDAAG()
    assert coordinator.get(f"/api/v1/sleutelfiguren/{jeugdarts.pk}").json()["actueel"] is False


def test_agreements_cannot_be_deleted_only_ended(coordinator, netwerk):
    assert_problem(send(coordinator, "DELETE", f"/api/v1/afspraken/{netwerk['convenant'].pk}"), 405)
    assert Afspraak.objects.filter(pk=netwerk["convenant"].pk).exists()


def test_an_agreement_is_recorded_with_its_parties(coordinator, swv, netwerk):
    response = send(
        coordinator,
        "POST",
        "/api/v1/afspraken",
        {
            "soort": "verwerkersovereenkomst",
            "titel": "Verwerkersovereenkomst leerlingvolgsysteem",
            "partijen": [netwerk["school"].pk],
            "ingangsdatum": "2026-01-01",
            "evaluatiedatum": "2027-01-01",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert [p["id"] for p in body["partijen"]] == [netwerk["school"].pk]
    assert body["ingangsdatum"] == "2026-01-01"


def test_deleting_a_voorziening_ends_it_today(coordinator, netwerk):
    octa = netwerk["octa"]

    assert send(coordinator, "DELETE", f"/api/v1/voorzieningen/{octa.pk}").status_code == 204

    octa.refresh_from_db()
    assert octa.einddatum == VANDAAG()


def test_the_occupancy_of_a_voorziening_is_updated_with_patch(als, netwerk):
    response = send(
        als(Rol.SWV_MEDEWERKER),
        "PATCH",
        f"/api/v1/voorzieningen/{netwerk['octa'].pk}",
        {"bezetting": 12, "wachttijdWeken": 8},
    )

    assert response.status_code == 200, response.content
    assert response.json()["knelpunt"] is True


# --- partner systems (API clients) -------------------------------------------------------------------------


@pytest.fixture
def lezer(swv):
    return ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN])


@pytest.fixture
def schrijver(swv):
    return ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN, Scope.PARTNERS_SCHRIJVEN])


def test_a_client_with_partners_lezen_reads_its_own_swv(client, lezer, netwerk):
    organisaties = {row["id"] for row in alle_organisaties(client, **bearer(lezer.token))}

    assert netwerk["ggd"].pk in organisaties
    assert netwerk["elders"].pk not in organisaties
    assert client.get(f"/api/v1/voorzieningen/{netwerk['octa'].pk}", **bearer(lezer.token)).status_code == 200


def test_a_client_never_sees_rows_of_another_swv(client, netwerk):
    elders_client = ApiClientFactory(swv=netwerk["elders_swv"], scopes=[Scope.PARTNERS_LEZEN])
    token = bearer(elders_client.token)

    organisaties = {row["id"] for row in alle_organisaties(client, **token)}

    assert netwerk["elders"].pk in organisaties
    assert netwerk["ggd"].pk not in organisaties
    assert ids(client.get("/api/v1/sleutelfiguren", **token)) == {netwerk["elders_sleutelfiguur"].pk}
    assert ids(client.get("/api/v1/afspraken", **token)) == {netwerk["elders_afspraak"].pk}
    assert ids(client.get("/api/v1/voorzieningen", **token)) == {netwerk["elders_voorziening"].pk}
    for pad, sleutel in [
        ("organisaties", "ggd"),
        ("sleutelfiguren", "jeugdarts"),
        ("afspraken", "convenant"),
    ]:
        assert_problem(client.get(f"/api/v1/{pad}/{netwerk[sleutel].pk}", **token), 404)


def test_a_client_without_a_partners_scope_is_refused(client, swv, netwerk):
    andere = ApiClientFactory(swv=swv, scopes=[Scope.VERZUIM_LEZEN])

    body = assert_problem(client.get("/api/v1/organisaties", **bearer(andere.token)), 403)
    assert "partners:lezen" in body["detail"]


def test_a_client_that_may_only_read_cannot_write(client, lezer, netwerk):
    body = assert_problem(
        send(client, "POST", "/api/v1/organisaties", {"naam": "X", "soort": "overig"}, **bearer(lezer.token)),
        403,
    )
    assert "partners:schrijven" in body["detail"]
    assert_problem(
        send(client, "DELETE", f"/api/v1/organisaties/{netwerk['ggd'].pk}", **bearer(lezer.token)), 403
    )


def test_a_client_with_partners_schrijven_writes_into_its_own_swv(client, schrijver, swv, netwerk):
    response = send(
        client,
        "POST",
        "/api/v1/organisaties",
        {"naam": "Sociaal team Uden", "soort": "wijkteam", "werkgebied": [netwerk["bernheze"].pk]},
        **bearer(schrijver.token),
    )

    assert response.status_code == 201, response.content
    assert Organisatie.objects.get(pk=response.json()["id"]).swv == swv
    patch = send(
        client,
        "PATCH",
        f"/api/v1/voorzieningen/{netwerk['octa'].pk}",
        {"bezetting": 5},
        **bearer(schrijver.token),
    )
    assert patch.status_code == 200, patch.content


def test_a_writing_client_cannot_touch_or_reference_another_swv(client, schrijver, netwerk):
    token = bearer(schrijver.token)

    assert_problem(
        send(client, "PATCH", f"/api/v1/organisaties/{netwerk['elders'].pk}", {"naam": "X"}, **token), 404
    )
    response = send(
        client,
        "POST",
        "/api/v1/organisaties",
        {"naam": "Y", "soort": "ggd", "werkgebied": [netwerk["elders"].pk]},
        **token,
    )
    assert invalid_names(response) == {"werkgebied"}


def test_a_call_without_a_token_or_login_is_401(client, netwerk):
    assert_problem(client.get("/api/v1/organisaties"), 401)
    assert_problem(client.get(f"/api/v1/sleutelfiguren/{netwerk['jeugdarts'].pk}"), 401)


# --- contract -------------------------------------------------------------------------------------------


def test_every_partner_endpoint_is_in_the_openapi_document_with_a_dutch_summary(client):
    spec = client.get("/api/v1/openapi.json").json()
    paden = {
        "/api/v1/organisaties": {"get", "post"},
        "/api/v1/organisaties/{id}": {"get", "patch", "delete"},
        "/api/v1/sleutelfiguren": {"get", "post"},
        "/api/v1/sleutelfiguren/{id}": {"get", "patch", "delete"},
        "/api/v1/sleutelfiguren/{id}/verhuizen": {"post"},
        "/api/v1/afspraken": {"get", "post"},
        "/api/v1/afspraken/{id}": {"get", "patch"},
        "/api/v1/voorzieningen": {"get", "post"},
        "/api/v1/voorzieningen/{id}": {"get", "patch", "delete"},
    }

    for pad, methoden in paden.items():
        assert pad in spec["paths"], pad
        assert set(spec["paths"][pad]) - {"parameters"} == methoden, pad
        for methode in methoden:
            operatie = spec["paths"][pad][methode]
            assert operatie["tags"] == ["partners"]
            assert operatie["summary"]
    parameters = {p["name"] for p in spec["paths"]["/api/v1/afspraken"]["get"]["parameters"]}
    assert {"soort", "partij", "evaluatieVoor", "verlooptVoor", "limit", "offset"} <= parameters


def test_the_openapi_document_generates_without_warnings(tmp_path):
    # The same check as `manage.py spectacular --validate --fail-on-warn` in CI.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


# --- audit trail -----------------------------------------------------------------------------------------


def test_a_change_through_the_api_is_in_the_write_history_with_the_person(users, coordinator, netwerk):
    send(coordinator, "PATCH", f"/api/v1/organisaties/{netwerk['ggd'].pk}", {"telefoon": "088 368 6759"})

    event = OrganisatieEvent.objects.filter(pgh_obj_id=netwerk["ggd"].pk).latest("pgh_id")
    assert event.telefoon == "088 368 6759"
    assert event.pgh_context.metadata["user"] == users[Rol.SWV_COORDINATOR.value].pk


def test_a_change_by_a_partner_system_is_in_the_write_history_with_its_client(client, schrijver, netwerk):
    send(
        client,
        "PATCH",
        f"/api/v1/voorzieningen/{netwerk['octa'].pk}",
        {"bezetting": 9},
        **bearer(schrijver.token),
    )

    event = VoorzieningEvent.objects.filter(pgh_obj_id=netwerk["octa"].pk).latest("pgh_id")
    assert event.bezetting == 9
    assert event.pgh_context.metadata["api_client"] == schrijver.pk


def test_the_privacy_log_names_the_partner_system_that_wrote_a_change(client, schrijver, netwerk, swv):
    from swv.audit.selectors import TimelineFilter, timeline_iter

    send(
        client,
        "PATCH",
        f"/api/v1/voorzieningen/{netwerk['octa'].pk}",
        {"bezetting": 9},
        **bearer(schrijver.token),
    )

    writers = {
        row.actor_username for row in timeline_iter(TimelineFilter(swv_id=swv.pk)) if row.kind == "write"
    }
    assert f"API-client: {schrijver.naam}" in writers
