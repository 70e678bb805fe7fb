"""Pages and API of the team part (issue 10): ondersteuningsteam and toestemming, betrokkenen, tijdlijn,
mijn casussen. Access is the case rule: a partner loses the page (and the API) on the next request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.forms_team import toestemming_status
from cases.models import OtLid, TijdlijnGebeurtenis, Toestemming
from cases.services_team import (
    ot_lid_beeindigen,
    ot_lid_toevoegen,
    toestemming_intrekken,
    toestemming_vastleggen,
)
from cases.tijdlijn import tijdlijn_toevoegen
from swv.audit.models import AuditEvent
from swv.core.models import Rol
from tests.cases.factories_team import CasusFactory, OuderFactory
from tests.factories import OrganisatieFactory, PersoonFactory, SleutelfiguurFactory

VANDAAG = datetime.date.today()


def _org(user):
    return user.lidmaatschappen.get().organisatie


@pytest.fixture
def casus(swv, users):
    school = _org(users[Rol.INTERN_BEGELEIDER])
    return CasusFactory(swv=swv, leerling__swv=swv, leerling__school=school)


@pytest.fixture
def partner(users):
    return users[Rol.KETENPARTNER]


def _met_toegang(casus, partner):
    lid = ot_lid_toevoegen(casus=casus, by=None, rol="partner", organisatie=_org(partner), gebruiker=partner)
    toestemming = toestemming_vastleggen(
        casus=casus,
        by=None,
        doel="deelname_ot",
        organisatie=_org(partner),
        gegeven_op=VANDAAG,
        wijze="schriftelijk",
        gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
    )
    return lid, toestemming


PAGINAS = [
    "/casussen/{pk}/team/",
    "/casussen/{pk}/betrokkenen/",
    "/casussen/{pk}/tijdlijn/",
    "/api/v1/casussen/{pk}/tijdlijn",
    "/api/v1/casussen/{pk}/team",
    "/api/v1/casussen/{pk}/toestemmingen",
]


@pytest.mark.parametrize("pagina", PAGINAS)
def test_withdrawing_consent_makes_the_next_request_a_404(casus, partner, client_for, pagina):
    _lid, toestemming = _met_toegang(casus, partner)
    client = client_for(partner)
    url = pagina.format(pk=casus.pk)
    assert client.get(url).status_code == 200

    toestemming_intrekken(toestemming=toestemming, by=None, reden="Ouders trekken in")

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("pagina", PAGINAS)
def test_ending_the_membership_makes_the_next_request_a_404(casus, partner, client_for, pagina):
    lid, _toestemming = _met_toegang(casus, partner)
    client = client_for(partner)
    url = pagina.format(pk=casus.pk)
    assert client.get(url).status_code == 200

    ot_lid_beeindigen(lid=lid, by=None)

    assert client.get(url).status_code == 404


def test_expired_consent_is_a_404_and_the_refusal_is_logged(casus, partner, client_for):
    ot_lid_toevoegen(casus=casus, by=None, rol="partner", organisatie=_org(partner), gebruiker=partner)
    toestemming_vastleggen(
        casus=casus,
        by=None,
        doel="deelname_ot",
        organisatie=_org(partner),
        gegeven_op=VANDAAG - datetime.timedelta(days=30),
        geldig_tot=VANDAAG - datetime.timedelta(days=1),
        wijze="digitaal",
        gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
    )
    assert client_for(partner).get(f"/casussen/{casus.pk}/team/").status_code == 404
    assert AuditEvent.objects.filter(
        result=AuditEvent.Result.DENIED, leerling_id=casus.leerling_id, reason="ondersteuningsteam"
    ).exists()


def test_the_partner_sees_the_team_read_only_and_the_coordinator_may_change_it(
    casus, partner, users, client_for
):
    _met_toegang(casus, partner)

    als_partner = client_for(partner).get(f"/casussen/{casus.pk}/team/").content.decode()
    als_coordinator = (
        client_for(users[Rol.SWV_COORDINATOR]).get(f"/casussen/{casus.pk}/team/").content.decode()
    )

    assert _org(partner).naam in als_partner
    assert "Geldig" in als_partner
    assert "Lid toevoegen" not in als_partner
    assert "Intrekken" not in als_partner
    assert "Lid toevoegen" in als_coordinator
    assert "Intrekken" in als_coordinator
    assert (
        client_for(partner).post(f"/casussen/{casus.pk}/team/lid-toevoegen/", {"rol": "partner"}).status_code
        == 403
    )


def test_adding_a_partner_on_the_page_stores_the_member_and_the_tijdlijn(casus, partner, users, client_for):
    coordinator = users[Rol.SWV_COORDINATOR]
    lidmaatschap = partner.lidmaatschappen.get()

    response = client_for(coordinator).post(
        f"/casussen/{casus.pk}/team/lid-toevoegen/",
        {"rol": "partner", "lidmaatschap": lidmaatschap.pk, "functie": "Jeugdprofessional"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{casus.pk}/team/"
    lid = OtLid.objects.get(casus=casus)
    assert (lid.gebruiker, lid.organisatie, lid.functie) == (partner, _org(partner), "Jeugdprofessional")
    assert lid.uitgenodigd_door == coordinator
    pagina = client_for(coordinator).get(f"/casussen/{casus.pk}/tijdlijn/").content.decode()
    assert "toegevoegd aan het ondersteuningsteam" in pagina


def test_a_refused_member_keeps_what_was_typed_with_a_dutch_error(casus, users, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        f"/casussen/{casus.pk}/team/lid-toevoegen/", {"rol": "partner", "functie": "Jeugdverpleegkundige"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kies de organisatie waarvoor deze persoon deelneemt." in body
    assert 'value="Jeugdverpleegkundige"' in body
    assert not OtLid.objects.exists()


def test_recording_and_withdrawing_consent_on_the_pages(casus, partner, users, client_for):
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    ouder = OuderFactory(leerling=casus.leerling, gezag=True)
    zonder_gezag = OuderFactory(leerling=casus.leerling, gezag=False, achternaam="Zondergezag")

    formulier = client.get(f"/casussen/{casus.pk}/team/toestemming-vastleggen/").content.decode()
    assert ouder.achternaam in formulier
    assert "Zondergezag" not in formulier

    response = client.post(
        f"/casussen/{casus.pk}/team/toestemming-vastleggen/",
        {
            "doel": "deelname_ot",
            "organisatie": _org(partner).pk,
            "gever": f"ouder:{ouder.pk}",
            "gegeven_op": VANDAAG.isoformat(),
            "wijze": "schriftelijk",
            "geldig_tot": "",
        },
    )
    assert response.status_code == 302
    toestemming = Toestemming.objects.get()
    assert toestemming.gegeven_door_ouder == ouder
    assert zonder_gezag.pk != ouder.pk

    leeg = client.post(f"/casussen/team/toestemmingen/{toestemming.pk}/intrekken/", {"reden": ""})
    assert leeg.status_code == 400
    assert Toestemming.objects.geldig().exists()
    response = client.post(
        f"/casussen/team/toestemmingen/{toestemming.pk}/intrekken/", {"reden": "Op verzoek"}
    )
    assert response.status_code == 302
    pagina = client.get(f"/casussen/{casus.pk}/team/").content.decode()
    assert "Ingetrokken op" in pagina
    assert "Op verzoek" in pagina


def test_the_pupil_under_16_as_giver_is_refused_on_the_page(casus, partner, users, client_for):
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        f"/casussen/{casus.pk}/team/toestemming-vastleggen/",
        {
            "doel": "deelname_ot",
            "organisatie": _org(partner).pk,
            "gever": "leerling",
            "gegeven_op": VANDAAG.isoformat(),
            "wijze": "digitaal",
        },
    )
    assert response.status_code == 400
    assert "jonger dan 16" in response.content.decode()


def test_ending_a_membership_on_the_page(casus, partner, users, client_for):
    lid, _t = _met_toegang(casus, partner)
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.post(
        f"/casussen/team/leden/{lid.pk}/beeindigen/", {"reden": "Klaar", "bevestigd": "True"}
    )
    assert response.status_code == 302
    lid.refresh_from_db()
    assert lid.beeindigd_op is not None
    assert lid.reden_einde == "Klaar"
    assert "Eerdere leden" in client.get(f"/casussen/{casus.pk}/team/").content.decode()


def test_betrokkenen_show_contact_details_from_the_registry_and_the_routekaart(
    casus, partner, users, client_for, swv
):
    gemeente = casus.leerling.woongemeente
    gemeente.in_werkgebied = True
    gemeente.save()
    persoon = PersoonFactory(swv=swv, telefoon="030-1234567")
    ot_lid_toevoegen(
        casus=casus, by=None, rol="partner", organisatie=OrganisatieFactory(swv=swv), persoon=persoon
    )
    wethouder = SleutelfiguurFactory(
        swv=swv, organisatie=gemeente, niveau="bestuur_beleid", functie="Wethouder"
    )

    body = client_for(users[Rol.SWV_COORDINATOR]).get(f"/casussen/{casus.pk}/betrokkenen/").content.decode()

    assert persoon.achternaam in body
    assert "030-1234567" in body
    assert persoon.email in body
    assert casus.school.naam in body
    assert wethouder.persoon.achternaam in body
    assert "Wethouder" in body


def test_mijn_casussen_lists_only_cases_with_valid_access(casus, partner, swv, client_for):
    _met_toegang(casus, partner)
    zonder_toestemming = CasusFactory(swv=swv)
    ot_lid_toevoegen(
        casus=zonder_toestemming, by=None, rol="partner", organisatie=_org(partner), gebruiker=partner
    )

    body = client_for(partner).get("/casussen/mijn/").content.decode()

    assert casus.leerling.achternaam in body
    assert zonder_toestemming.leerling.achternaam not in body
    assert "Ketenpartner" in body


def test_leerplicht_sees_mijn_casussen_without_consent(casus, users, client_for):
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR]
    ot_lid_toevoegen(
        casus=casus, by=None, rol="leerplicht", organisatie=_org(leerplicht), gebruiker=leerplicht
    )
    client = client_for(leerplicht)
    assert casus.leerling.achternaam in client.get("/casussen/mijn/").content.decode()
    assert client.get(f"/casussen/{casus.pk}/tijdlijn/").status_code == 200


def test_the_api_tijdlijn_is_chronological_with_dutch_fields(casus, users, client_for):
    coordinator = users[Rol.SWV_COORDINATOR]
    for i in range(3):
        tijdlijn_toevoegen(casus=casus, soort="ot", titel=f"Gebeurtenis {i}", by=coordinator)

    data = client_for(coordinator).get(f"/api/v1/casussen/{casus.pk}/tijdlijn?pageSize=2").json()

    assert [g["titel"] for g in data["results"]] == ["Gebeurtenis 0", "Gebeurtenis 1"]
    assert set(data["results"][0]) == {
        "id",
        "op",
        "soort",
        "bron",
        "titel",
        "toelichting",
        "door",
        "apiClient",
        "objectType",
        "objectId",
    }
    volgende = client_for(coordinator).get(data["next"]).json()
    assert [g["titel"] for g in volgende["results"]] == ["Gebeurtenis 2"]


def _tijdlijn_vol(casus, n):
    TijdlijnGebeurtenis.objects.bulk_create(
        [TijdlijnGebeurtenis(swv_id=casus.swv_id, casus=casus, soort="ot", titel=f"G{i}") for i in range(n)]
    )


def _team_vol(casus, n):
    swv = casus.swv
    for _i in range(n):
        ouder = OuderFactory(leerling=casus.leerling)
        org = OrganisatieFactory(swv=swv)
        ot_lid_toevoegen(
            casus=casus, by=None, rol="partner", organisatie=org, persoon=PersoonFactory(swv=swv)
        )
        toestemming_vastleggen(
            casus=casus,
            by=None,
            doel="deelname_ot",
            organisatie=org,
            gegeven_op=VANDAAG,
            wijze="digitaal",
            gegeven_door_ouder=ouder,
        )


@pytest.mark.parametrize(
    ("url", "vullen"),
    [
        ("/casussen/{pk}/tijdlijn/", _tijdlijn_vol),
        ("/api/v1/casussen/{pk}/tijdlijn", _tijdlijn_vol),
        ("/casussen/{pk}/team/", _team_vol),
        ("/casussen/{pk}/betrokkenen/", _team_vol),
    ],
)
def test_query_counts_stay_flat_at_1_10_and_50(url, vullen, swv, users, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    tellingen = []
    for n in (1, 10, 50):
        casus = CasusFactory(swv=swv)
        vullen(casus, n)
        client.get(url.format(pk=casus.pk))  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url.format(pk=casus.pk)).status_code == 200
        tellingen.append(len(queries))
    print(f"queries {url}: {tellingen}")  # docs/benchmarks.md quotes these
    assert tellingen[0] == tellingen[1] == tellingen[2], tellingen


def test_mijn_casussen_query_count_is_flat(swv, partner, client_for):
    client = client_for(partner)
    tellingen, aantal = [], 0
    for n in (1, 10, 50):
        while aantal < n:
            _met_toegang(CasusFactory(swv=swv), partner)
            aantal += 1
        client.get("/casussen/mijn/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/casussen/mijn/")
        tellingen.append(len(queries))
    print(f"queries /casussen/mijn/: {tellingen}")  # docs/benchmarks.md quotes these
    assert tellingen[0] == tellingen[1] == tellingen[2], tellingen


@pytest.mark.parametrize("dagen", [-2, -1, 0, 1])
def test_the_status_shown_agrees_with_the_valid_rule(casus, dagen):
    ouder = OuderFactory(leerling=casus.leerling)
    t = toestemming_vastleggen(
        casus=casus,
        by=None,
        doel="deelname_ot",
        organisatie=OrganisatieFactory(swv=casus.swv),
        gegeven_op=VANDAAG - datetime.timedelta(days=10),
        geldig_tot=VANDAAG + datetime.timedelta(days=dagen),
        wijze="digitaal",
        gegeven_door_ouder=ouder,
    )
    for dag in (VANDAAG, VANDAAG - datetime.timedelta(days=20), VANDAAG + datetime.timedelta(days=5)):
        assert (toestemming_status(t, dag) == "geldig") == Toestemming.objects.geldig(dag).filter(
            pk=t.pk
        ).exists()


def test_the_api_shows_the_team_and_the_consents_with_their_status(casus, partner, users, client_for):
    lid, toestemming = _met_toegang(casus, partner)
    ot_lid_beeindigen(lid=lid, by=None, reden="Klaar")
    toestemming_intrekken(toestemming=toestemming, by=None, reden="Ingetrokken")
    client = client_for(users[Rol.SWV_COORDINATOR])

    team = client.get(f"/api/v1/casussen/{casus.pk}/team").json()
    toestemmingen = client.get(f"/api/v1/casussen/{casus.pk}/toestemmingen").json()

    assert [(m["rol"], m["organisatie"]["naam"], m["beeindigdOp"] is not None) for m in team] == [
        ("partner", _org(partner).naam, True)
    ]
    assert [(t["doel"], t["status"], t["organisatie"]["id"]) for t in toestemmingen] == [
        ("deelname_ot", "ingetrokken", _org(partner).pk)
    ]
