"""POST /api/v1/absenties as a school administration system uses it (issue 12): scope, own school only,
row errors by index with the good rows stored, idempotent resend, problem+json for a bad request."""

import datetime
import json
import logging
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from cases.models import Inschrijving
from swv.core.api.scopes import Scope
from swv.core.models import Lidmaatschap, Rol
from tests.conftest import pass_second_factor
from tests.factories import ApiClientFactory, LeerlingFactory, OrganisatieFactory
from thuiszitters.models import Absentie

pytestmark = pytest.mark.django_db
URL = "/api/v1/absenties"


@pytest.fixture(autouse=True)
def _nu():
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    ):
        yield


@pytest.fixture
def school(swv):
    return OrganisatieFactory(swv=swv, school=True)


@pytest.fixture
def leerling(school):
    leerling = LeerlingFactory(swv=school.swv, school=school)
    Inschrijving.objects.create(
        swv=school.swv, leerling=leerling, school=school, ingeschreven_op=datetime.date(2026, 8, 1)
    )
    return leerling


def post(api_client, data, **headers):
    return Client().post(
        URL,
        data=json.dumps(data),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_client.token}",
        **headers,
    )


def rij(leerling, extern_id="R1", **extra):
    return {
        "externId": extern_id,
        "bsn": leerling.bsn,
        "datum": "2026-11-02",
        "uren": 4,
        "geoorloofd": False,
        **extra,
    }


def test_the_schools_system_stores_rows_and_a_resend_changes_nothing(school, leerling):
    las = ApiClientFactory(swv=school.swv, organisatie=school, scopes=[Scope.VERZUIM_SCHRIJVEN])
    antwoord = post(
        las, {"rijen": [rij(leerling, "R1"), rij(leerling, "R2", datum="2026-11-03", uren="2.5")]}
    )
    assert antwoord.status_code == 200
    assert antwoord.json() == {
        "ontvangen": 2,
        "aangemaakt": 2,
        "bijgewerkt": 0,
        "ongewijzigd": 0,
        "fouten": [],
    }
    opnieuw = post(las, {"rijen": [rij(leerling, "R1"), rij(leerling, "R2", datum="2026-11-03", uren="2.5")]})
    assert opnieuw.json()["ongewijzigd"] == 2
    assert Absentie.objects.filter(school=school, api_client=las).count() == 2


def test_row_errors_come_back_by_index_and_the_good_rows_are_stored(school, leerling):
    las = ApiClientFactory(swv=school.swv, organisatie=school, scopes=[Scope.VERZUIM_SCHRIJVEN])
    antwoord = post(las, {"rijen": [rij(leerling, "GOED"), rij(leerling, "FOUT", uren=30), "geen object"]})
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["aangemaakt"] == 1
    assert [(f["index"], f["externId"]) for f in data["fouten"]] == [(1, "FOUT"), (2, "")]
    assert "tussen 0 en 12" in data["fouten"][0]["reden"]


def test_a_schoolbestuur_system_names_one_of_its_schools(swv, leerling, school):
    bestuur = OrganisatieFactory(swv=swv, bestuur=True)
    school.schoolbestuur = bestuur
    school.code = "05KO00"
    school.save(update_fields=["schoolbestuur", "code"])
    las = ApiClientFactory(swv=swv, organisatie=bestuur, scopes=[Scope.VERZUIM_SCHRIJVEN])
    assert post(las, {"school": "05KO00", "rijen": [rij(leerling)]}).json()["aangemaakt"] == 1
    # Another school (not of this bestuur) is refused with 403, and nothing is stored for it.
    anders = OrganisatieFactory(swv=swv, school=True, code="06AB00")
    antwoord = post(las, {"school": anders.code, "rijen": [rij(leerling, "X")]})
    assert antwoord.status_code == 403
    assert antwoord["Content-Type"] == "application/problem+json"
    assert not Absentie.objects.filter(extern_id="X").exists()


def test_a_client_of_another_organisation_cannot_send_for_a_school(swv, leerling):
    gemeente_systeem = ApiClientFactory(
        swv=swv, organisatie=OrganisatieFactory(swv=swv, gemeente=True), scopes=[Scope.VERZUIM_SCHRIJVEN]
    )
    assert post(gemeente_systeem, {"rijen": [rij(leerling)]}).status_code == 403
    assert Absentie.objects.count() == 0


def test_without_the_scope_a_client_gets_403_and_nothing_is_stored(school, leerling):
    las = ApiClientFactory(swv=school.swv, organisatie=school, scopes=[Scope.VERZUIM_LEZEN])
    assert post(las, {"rijen": [rij(leerling)]}).status_code == 403
    assert Absentie.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({}, "rijen"),
        ({"rijen": "x"}, "rijen"),
        ({"rijen": [], "extra": 1}, "extra"),
        ({"school": 5, "rijen": []}, "school"),
    ],
)
def test_a_request_of_the_wrong_shape_is_a_400_problem_naming_the_field(school, body, veld):
    las = ApiClientFactory(swv=school.swv, organisatie=school, scopes=[Scope.VERZUIM_SCHRIJVEN])
    antwoord = post(las, body)
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert veld in json.dumps(antwoord.json())


def test_a_body_above_the_limit_is_refused_before_it_is_read(school, settings):
    las = ApiClientFactory(swv=school.swv, organisatie=school, scopes=[Scope.VERZUIM_SCHRIJVEN])
    antwoord = post(las, {"rijen": []}, CONTENT_LENGTH=str(5 * 1024 * 1024))
    assert antwoord.status_code == 413


def test_a_school_user_sends_for_their_own_school_and_others_are_refused(users, swv):
    eigen = Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER]).organisatie
    leerling = LeerlingFactory(swv=swv, school=eigen)
    Inschrijving.objects.create(
        swv=swv, leerling=leerling, school=eigen, ingeschreven_op=datetime.date(2026, 8, 1)
    )
    for rol, verwacht in (
        (Rol.INTERN_BEGELEIDER, 200),
        (Rol.LEERPLICHTAMBTENAAR, 403),
        (Rol.SWV_COORDINATOR, 403),
    ):
        browser = Client()
        browser.force_login(users[rol])
        pass_second_factor(browser, users[rol])
        antwoord = browser.post(
            URL, data=json.dumps({"rijen": [rij(leerling, f"R-{rol}")]}), content_type="application/json"
        )
        assert antwoord.status_code == verwacht, rol
    assert list(Absentie.objects.values_list("extern_id", flat=True)) == [f"R-{Rol.INTERN_BEGELEIDER}"]


def test_no_bsn_in_the_log(school, leerling, caplog):
    las = ApiClientFactory(swv=school.swv, organisatie=school, scopes=[Scope.VERZUIM_SCHRIJVEN])
    with caplog.at_level(logging.DEBUG):
        post(las, {"rijen": [rij(leerling), rij(leerling, "B", bsn="123456789")]})
    assert leerling.bsn not in caplog.text
    assert "123456789" not in caplog.text


def test_more_rows_than_one_call_takes_is_a_413_problem_and_nothing_is_stored(school, leerling):
    las = ApiClientFactory(swv=school.swv, organisatie=school, scopes=[Scope.VERZUIM_SCHRIJVEN])
    antwoord = post(las, {"rijen": [rij(leerling, f"R{i}") for i in range(10_001)]})
    assert antwoord.status_code == 413
    assert "10000" in antwoord.json()["detail"].replace(".", "")
    assert Absentie.objects.count() == 0
