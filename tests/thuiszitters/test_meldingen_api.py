"""/api/v1/verzuimmeldingen as partner systems use it (issue 12): a school's system reports (idempotent on
externId, nothing half-written, no probing of BSNs), leerplicht's system handles the melding of its gemeente's
pupils through the workflow (409 for a step it does not allow, 412 for a stale ETag), a school withdraws,
hostile input is a 400 problem, and the list costs the same number of queries for any page size."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.models import Inschrijving, TijdlijnGebeurtenis
from swv.core.api.scopes import Scope
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import (
    ApiClientFactory,
    LeerlingFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    UserFactory,
)
from tests.thuiszitters.factories import VerzuimmeldingFactory
from thuiszitters.models import Verzuimmelding

pytestmark = pytest.mark.django_db
URL = "/api/v1/verzuimmeldingen"
SCOPES = [Scope.VERZUIM_LEZEN, Scope.VERZUIM_SCHRIJVEN]
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _nu():
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    ):
        yield


@pytest.fixture
def gemeente(swv):
    return OrganisatieFactory(swv=swv, gemeente=True)


@pytest.fixture
def school(swv):
    return OrganisatieFactory(swv=swv, school=True)


def ingeschreven(school, **extra):
    leerling = LeerlingFactory(swv=school.swv, school=school, **extra)
    Inschrijving.objects.create(
        swv=school.swv, leerling=leerling, school=school, ingeschreven_op=datetime.date(2026, 8, 1)
    )
    return leerling


@pytest.fixture
def leerling(school, gemeente):
    return ingeschreven(school, woongemeente=gemeente)


@pytest.fixture
def las(school):
    """The school's administration system."""
    return ApiClientFactory(swv=school.swv, organisatie=school, scopes=SCOPES)


def leerplicht_voor(gemeente):
    # (`gemeente` is a trait of OrganisatieFactory, so the field is set afterwards.)
    organisatie = OrganisatieFactory(swv=gemeente.swv, leerplicht=True)
    organisatie.gemeente = gemeente
    organisatie.save(update_fields=["gemeente"])
    return organisatie


@pytest.fixture
def leerplicht(gemeente):
    return leerplicht_voor(gemeente)


@pytest.fixture
def lp_systeem(leerplicht):
    """The leerplicht organisation's system (for the pupils living in its gemeente)."""
    return ApiClientFactory(swv=leerplicht.swv, organisatie=leerplicht, scopes=SCOPES)


@pytest.fixture
def ambtenaar(leerplicht):
    user = UserFactory(username="lpa-meldingapi")
    LidmaatschapFactory(swv=leerplicht.swv, user=user, organisatie=leerplicht, rol=Rol.LEERPLICHTAMBTENAAR)
    return user


def call(api_client, method, url=URL, data=None, *, raw=None, **headers):
    body = raw if raw is not None else ("" if data is None else json.dumps(data))
    return Client().generic(
        method,
        url,
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_client.token}",
        **headers,
    )


def melding(leerling, extern_id="LAS-1", **extra):
    return {
        "externId": extern_id,
        "bsn": leerling.bsn,
        "begindatum": "2026-10-05",
        "vermoedelijkeSoort": "zestien_uur",
        "melderNaam": "Fleur de Vries",
        **extra,
    }


def fouten(antwoord) -> dict[str, str]:
    assert antwoord.status_code == 400, antwoord.content
    assert antwoord["Content-Type"] == PROBLEM
    return {p["name"]: p["reason"] for p in antwoord.json()["invalidParams"]}


# --- create -------------------------------------------------------------------------------------------


def test_a_schools_system_reports_and_a_resend_returns_the_same_melding(las, leerling):
    eerste = call(las, "POST", data=melding(leerling))
    assert eerste.status_code == 201, eerste.content
    data = eerste.json()
    assert data["status"] == "geregistreerd"
    assert data["leerling"]["id"] == leerling.pk
    assert data["school"]["id"] == leerling.school_id
    assert data["externId"] == "LAS-1"
    assert "bsn" not in json.dumps(data)
    assert leerling.bsn not in eerste.content.decode()
    assert eerste["ETag"]

    opnieuw = call(las, "POST", data=melding(leerling, melderNaam="Iemand anders"))
    assert opnieuw.status_code == 200
    assert opnieuw.json()["id"] == data["id"]
    assert opnieuw.json()["melderNaam"] == "Fleur de Vries"  # the existing melding, not changed
    assert Verzuimmelding.objects.count() == 1
    opgeslagen = Verzuimmelding.objects.get()
    assert opgeslagen.api_client == las
    assert opgeslagen.ingediend_door is None


def test_every_field_of_the_besluit_verzuimmelding_is_taken(las, leerling):
    volledig = melding(
        leerling,
        einddatum="2026-11-13",
        vermoedelijkeReden="Spijbelt op maandag.",
        alleLessenGemist=True,
        actieSchool="Gesprek met ouders.",
        actieGemeenteGewenst=True,
        toelichtingActieGewenst="Graag een huisbezoek.",
        leslocatie="Dependance Zuid",
        melderFunctie="Verzuimcoördinator",
        melderTelefoon="030-1234567",
        melderEmail="verzuim@school.example",
        telefoonOuderLeerling="06-12345678",
        verblijfadres="Dorpsstraat 1, Testdal",
        verzuimdagen=6,
        verzuimuren=17.5,
        duoMeldingnummer="DUO-42",
    )
    antwoord = call(las, "POST", data=volledig)
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    for veld, waarde in volledig.items():
        if veld not in ("bsn", "verzuimuren"):
            assert data[veld] == waarde, veld
    assert data["verzuimuren"] == "17.50"  # a decimal is answered as a string, as everywhere in the API
    opgeslagen = Verzuimmelding.objects.get()
    assert opgeslagen.verblijfadres == "Dorpsstraat 1, Testdal"
    assert str(opgeslagen.verzuimuren) == "17.50"


def test_a_pupil_is_also_found_by_onderwijsnummer(las, school):
    zonder_bsn = ingeschreven(school, zonder_bsn=True)
    body = melding(zonder_bsn)
    del body["bsn"]
    antwoord = call(las, "POST", data={**body, "onderwijsnummer": zonder_bsn.onderwijsnummer})
    assert antwoord.status_code == 201, antwoord.content


def test_validation_errors_come_per_field_in_dutch_and_nothing_is_written(las, leerling):
    CasusFactory(swv=leerling.swv, leerling=leerling, school=leerling.school, status="in_behandeling")
    tijdlijn = TijdlijnGebeurtenis.objects.count()

    leeg = fouten(call(las, "POST", data={}))
    assert {"begindatum", "vermoedelijkeSoort", "melderNaam"} <= set(leeg)
    assert leeg["begindatum"] == "Dit veld is vereist."

    slecht = fouten(
        call(las, "POST", data=melding(leerling, begindatum="5 oktober", vermoedelijkeSoort="spijbelen"))
    )
    assert set(slecht) == {"begindatum", "vermoedelijkeSoort"}

    # The model's own rules (full_clean in the service), under the API's field names.
    omgekeerd = fouten(call(las, "POST", data=melding(leerling, einddatum="2026-10-01")))
    assert omgekeerd == {"einddatum": "De einddatum ligt voor de begindatum."}
    toekomst = fouten(call(las, "POST", data=melding(leerling, begindatum="2026-12-01")))
    assert set(toekomst) == {"begindatum"}

    geen_nummer = fouten(call(las, "POST", data={**melding(leerling), "bsn": "123456789"}))
    assert set(geen_nummer) == {"bsn"}
    geen_referentie = melding(leerling)
    del geen_referentie["externId"]
    assert set(fouten(call(las, "POST", data=geen_referentie))) == {"externId"}

    assert not Verzuimmelding.objects.exists()
    assert TijdlijnGebeurtenis.objects.count() == tijdlijn


def test_a_school_cannot_report_another_schools_pupil_nor_learn_whether_the_bsn_exists(las, swv):
    andere_school = OrganisatieFactory(swv=swv, school=True)
    bekend = ingeschreven(andere_school)
    onbekend = LeerlingFactory.build(swv=swv).bsn

    van_ander = call(las, "POST", data=melding(bekend))
    niet_bestaand = call(las, "POST", data={**melding(bekend), "bsn": onbekend})

    assert van_ander.status_code == niet_bestaand.status_code == 400
    assert van_ander.json() == niet_bestaand.json()
    assert fouten(van_ander) == {
        "bsn": "Geen leerling met dit nummer ingeschreven op deze school op de begindatum."
    }
    assert onbekend not in van_ander.content.decode()
    assert bekend.bsn not in van_ander.content.decode()
    assert not Verzuimmelding.objects.exists()


def test_a_schoolbestuurs_system_reports_for_its_schools_by_vestigingscode(swv, gemeente):
    bestuur = OrganisatieFactory(swv=swv, bestuur=True)
    eigen = OrganisatieFactory(swv=swv, school=True, schoolbestuur=bestuur)
    vreemd = OrganisatieFactory(swv=swv, school=True)
    leerling = ingeschreven(eigen, woongemeente=gemeente)
    systeem = ApiClientFactory(swv=swv, organisatie=bestuur, scopes=SCOPES)

    assert set(fouten(call(systeem, "POST", data=melding(leerling)))) == {"school"}
    geweigerd = call(systeem, "POST", data=melding(leerling, school=vreemd.code))
    assert geweigerd.status_code == 403
    assert geweigerd.json()["detail"].startswith("Deze client meldt alleen verzuim")
    antwoord = call(systeem, "POST", data=melding(leerling, school=eigen.code))
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json()["school"]["id"] == eigen.pk


def test_a_client_of_the_wrong_kind_gets_403_with_a_dutch_reason(lp_systeem, swv, leerling):
    meldt = call(lp_systeem, "POST", data=melding(leerling))
    assert meldt.status_code == 403
    assert meldt["Content-Type"] == PROBLEM
    assert "school" in meldt.json()["detail"]

    bureau = ApiClientFactory(
        swv=swv, organisatie=OrganisatieFactory(swv=swv, swv_bureau=True), scopes=SCOPES
    )
    bestaand = VerzuimmeldingFactory(leerling=leerling)
    behandelt = call(bureau, "PATCH", f"{URL}/{bestaand.pk}", {"status": "in_behandeling"})
    assert behandelt.status_code == 403
    assert "leerplicht" in behandelt.json()["detail"]
    assert not Verzuimmelding.objects.exclude(pk=bestaand.pk).exists()


def test_without_the_scope_a_client_gets_403(school, leerling):
    alleen_lezen = ApiClientFactory(swv=school.swv, organisatie=school, scopes=[Scope.VERZUIM_LEZEN])
    antwoord = call(alleen_lezen, "POST", data=melding(leerling))
    assert antwoord.status_code == 403
    assert "verzuim:schrijven" in antwoord.json()["detail"]


# --- handle -------------------------------------------------------------------------------------------


def test_leerplicht_handles_a_melding_of_its_gemeente(lp_systeem, ambtenaar, leerling):
    bestaand = VerzuimmeldingFactory(leerling=leerling)
    url = f"{URL}/{bestaand.pk}"

    in_behandeling = call(
        lp_systeem,
        "PATCH",
        url,
        {"status": "in_behandeling", "toelichting": "Huisbezoek gepland.", "contactpersoon": ambtenaar.email},
    )
    assert in_behandeling.status_code == 200, in_behandeling.content
    data = in_behandeling.json()
    assert data["status"] == "in_behandeling"
    assert data["toelichtingGemeente"] == "Huisbezoek gepland."
    assert data["contactpersoon"] == {"naam": ambtenaar.get_full_name(), "email": ambtenaar.email}

    zonder_reden = call(lp_systeem, "PATCH", url, {"status": "afgesloten"})
    assert set(fouten(zonder_reden)) == {"redenAfgesloten"}

    afgesloten = call(
        lp_systeem, "PATCH", url, {"status": "afgesloten", "redenAfgesloten": "terug_naar_school"}
    )
    assert afgesloten.status_code == 200, afgesloten.content
    bestaand.refresh_from_db()
    assert bestaand.status == "afgesloten"
    assert bestaand.reden_afgesloten == "terug_naar_school"
    assert bestaand.afgehandeld_op is not None
    assert bestaand.contactpersoon == ambtenaar


def test_a_contactpersoon_must_be_leerplicht_of_the_pupils_gemeente(lp_systeem, swv, leerling):
    bestaand = VerzuimmeldingFactory(leerling=leerling)
    elders = UserFactory(username="lpa-elders")
    LidmaatschapFactory(
        swv=swv,
        user=elders,
        organisatie=leerplicht_voor(OrganisatieFactory(swv=swv, gemeente=True)),
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    antwoord = call(lp_systeem, "PATCH", f"{URL}/{bestaand.pk}", {"contactpersoon": elders.email})
    assert set(fouten(antwoord)) == {"contactpersoon"}


def test_leerplicht_sees_and_handles_only_the_pupils_of_its_gemeente(lp_systeem, school, leerling):
    eigen = VerzuimmeldingFactory(leerling=leerling)
    elders = VerzuimmeldingFactory(leerling=ingeschreven(school))  # lives in another gemeente

    lijst = call(lp_systeem, "GET")
    assert lijst.status_code == 200
    assert [m["id"] for m in lijst.json()["results"]] == [eigen.pk]
    assert call(lp_systeem, "GET", f"{URL}/{elders.pk}").status_code == 404
    assert call(lp_systeem, "PATCH", f"{URL}/{elders.pk}", {"status": "in_behandeling"}).status_code == 404
    elders.refresh_from_db()
    assert elders.status == "geregistreerd"


def test_a_step_the_workflow_does_not_allow_is_409(lp_systeem, las, leerling):
    bestaand = VerzuimmeldingFactory(leerling=leerling, status="afgesloten", reden_afgesloten="werk")
    url = f"{URL}/{bestaand.pk}"

    terug = call(lp_systeem, "PATCH", url, {"status": "in_behandeling"})
    assert terug.status_code == 409
    assert terug["Content-Type"] == PROBLEM
    # The one rule for a final melding (services_melding.controleer_wijzigbaar), the same text as the page.
    assert "Deze melding is afgesloten en verandert niet meer." in terug.json()["detail"]
    toelichting = call(lp_systeem, "PATCH", url, {"toelichting": "Nog iets."})
    assert toelichting.status_code == 409
    assert "verandert niet meer" in toelichting.json()["detail"]
    assert call(las, "PATCH", url, {"status": "ingetrokken"}).status_code == 409
    bestaand.refresh_from_db()
    assert bestaand.status == "afgesloten"
    assert bestaand.toelichting_gemeente == ""


def test_a_school_withdraws_its_own_melding_but_does_not_handle_it(las, leerling):
    bestaand = VerzuimmeldingFactory(leerling=leerling)
    url = f"{URL}/{bestaand.pk}"

    behandelen = call(las, "PATCH", url, {"status": "in_behandeling"})
    assert behandelen.status_code == 403
    assert behandelen.json()["detail"] == "Alleen leerplicht zet een melding op „In behandeling”."
    assert call(las, "PATCH", url, {"toelichting": "x"}).status_code == 403

    ingetrokken = call(las, "PATCH", url, {"status": "ingetrokken", "van": "geregistreerd"})
    assert ingetrokken.status_code == 200, ingetrokken.content
    assert ingetrokken.json()["status"] == "ingetrokken"


def test_a_stale_etag_is_412_and_changes_nothing(lp_systeem, leerling):
    bestaand = VerzuimmeldingFactory(leerling=leerling)
    url = f"{URL}/{bestaand.pk}"
    etag = call(lp_systeem, "GET", url)["ETag"]

    eerste = call(lp_systeem, "PATCH", url, {"status": "in_behandeling"}, HTTP_IF_MATCH=etag)
    assert eerste.status_code == 200, eerste.content
    assert eerste["ETag"] != etag

    oud = call(
        lp_systeem,
        "PATCH",
        url,
        {"status": "afgesloten", "redenAfgesloten": "werk"},
        HTTP_IF_MATCH=etag,
    )
    assert oud.status_code == 412
    assert oud["Content-Type"] == PROBLEM
    assert oud["ETag"] == eerste["ETag"]
    bestaand.refresh_from_db()
    assert bestaand.status == "in_behandeling"

    verwacht_anders = call(
        lp_systeem, "PATCH", url, {"status": "afgesloten", "redenAfgesloten": "werk", "van": "geregistreerd"}
    )
    assert verwacht_anders.status_code == 409


# --- hostile input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ("[1, 2, 3]", None),
        ('{"begindatum": ', None),
        (json.dumps({"alleLessenGemist": "ja"}), "alleLessenGemist"),
        (json.dumps({"verzuimdagen": "6"}), "verzuimdagen"),
        (json.dumps({"melderNaam": ["a"]}), "melderNaam"),
        (json.dumps({"status": "afgesloten"}), "status"),  # read-only here
        (json.dumps({"wachtwoord": "x"}), "wachtwoord"),
        (json.dumps({"vermoedelijkeReden": "x" * 4001}), "vermoedelijkeReden"),
        (json.dumps({"verzuimdagen": 10**12}), "verzuimdagen"),
        (json.dumps({"bsn": "1" * 10_000}), "bsn"),
    ],
)
def test_hostile_input_is_a_400_problem_and_stores_nothing(las, leerling, body, veld):
    geldig = melding(leerling)
    if body.startswith("{") and body.endswith("}"):
        body = json.dumps({**geldig, **json.loads(body)})
    antwoord = call(las, "POST", raw=body)
    assert antwoord.status_code == 400, antwoord.content
    assert antwoord["Content-Type"] == PROBLEM
    if veld:
        assert veld in {p["name"] for p in antwoord.json()["invalidParams"]}
    assert not Verzuimmelding.objects.exists()


def test_a_body_over_the_limit_is_refused_as_a_problem(las, leerling):
    groot = json.dumps(
        {**melding(leerling), "vermoedelijkeReden": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    )
    antwoord = call(las, "POST", raw=groot)
    assert antwoord.status_code == 413
    assert antwoord["Content-Type"] == PROBLEM
    assert not Verzuimmelding.objects.exists()


def test_an_unknown_or_bad_filter_is_a_400(las):
    assert set(fouten(call(las, "GET", f"{URL}?statu=afgesloten"))) == {"statu"}
    assert set(fouten(call(las, "GET", f"{URL}?status=weg"))) == {"status"}
    assert set(fouten(call(las, "GET", f"{URL}?gewijzigdSinds=gisteren"))) == {"gewijzigdSinds"}


# --- list -----------------------------------------------------------------------------------------------


def test_the_list_filters_and_pages_in_a_stable_order(las, school, leerling):
    oud = VerzuimmeldingFactory(
        leerling=leerling, ingediend_op=datetime.datetime(2026, 10, 1, tzinfo=ZoneInfo("UTC"))
    )
    nieuw = VerzuimmeldingFactory(leerling=leerling, status="in_behandeling")
    ander = VerzuimmeldingFactory(leerling=ingeschreven(school))
    VerzuimmeldingFactory()  # another school's: never in this system's list

    def ids(query=""):
        antwoord = call(las, "GET", f"{URL}{query}")
        assert antwoord.status_code == 200, antwoord.content
        return [m["id"] for m in antwoord.json()["results"]]

    assert ids() == [ander.pk, nieuw.pk, oud.pk]  # newest first, the id breaks ties
    assert ids("?status=in_behandeling") == [nieuw.pk]
    assert ids("?status=in_behandeling&status=geregistreerd") == [ander.pk, nieuw.pk, oud.pk]
    assert ids(f"?leerling={leerling.pk}") == [nieuw.pk, oud.pk]
    assert ids(f"?school={school.pk}") == [ander.pk, nieuw.pk, oud.pk]
    assert ids("?ingediendSinds=2026-11-01T00:00:00Z") == [ander.pk, nieuw.pk]
    assert ids("?gewijzigdSinds=2026-11-20T08:00:00Z") == [ander.pk, nieuw.pk, oud.pk]
    assert ids("?gewijzigdSinds=2026-11-20T10:00:00Z") == []
    assert ids("?limit=2") == [ander.pk, nieuw.pk]
    assert ids("?limit=2&offset=2") == [oud.pk]


def test_the_list_costs_the_same_queries_for_one_or_many_meldingen(las, ambtenaar, school, leerling):
    VerzuimmeldingFactory(leerling=leerling, contactpersoon=ambtenaar)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            antwoord = call(las, "GET")
        assert antwoord.status_code == 200
        return len(context.captured_queries)

    call(las, "GET")  # the client's first call of the day also records its last use (swv.core.api)
    een = queries()
    for _ in range(12):
        VerzuimmeldingFactory(leerling=ingeschreven(school), contactpersoon=ambtenaar)
    veel = queries()
    assert veel == een
    assert len(call(las, "GET").json()["results"]) == 13


# --- people ---------------------------------------------------------------------------------------------


def test_people_use_the_same_api_the_school_reports_and_leerplicht_handles(users, leerlingen, client_for):
    school = Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER]).organisatie
    leerling = leerlingen.eigen  # lives in the gemeente of the leerplicht user's organisation
    Inschrijving.objects.create(
        swv=school.swv, leerling=leerling, school=school, ingeschreven_op=datetime.date(2026, 8, 1)
    )
    body = melding(leerling)
    del body["externId"]  # a person needs no reference of their own

    gemeld = client_for(users[Rol.INTERN_BEGELEIDER]).post(
        URL, json.dumps(body), content_type="application/json"
    )
    assert gemeld.status_code == 201, gemeld.content
    assert Verzuimmelding.objects.get().ingediend_door == users[Rol.INTERN_BEGELEIDER]

    lpa = users[Rol.LEERPLICHTAMBTENAAR]
    behandeld = client_for(lpa).patch(
        f"{URL}/{gemeld.json()['id']}",
        json.dumps({"status": "in_behandeling"}),
        content_type="application/json",
    )
    assert behandeld.status_code == 200, behandeld.content
    assert behandeld.json()["contactpersoon"]["email"] == lpa.email

    coordinator = client_for(users[Rol.SWV_COORDINATOR]).post(
        URL, json.dumps(body), content_type="application/json"
    )
    assert coordinator.status_code == 403
    assert coordinator.json()["detail"] == "Alleen een school meldt verzuim."
