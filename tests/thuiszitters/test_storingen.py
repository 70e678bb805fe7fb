"""The verzuim pages and APIs (issue 12) with Redis down and with PostgreSQL down (docs/reliability.md).

Redis down: the cache points at a closed port (as a stopped Redis looks). Every page and API still answers
normally (throttling fails open, decision in docs/reliability.md); the absence upload's dry run is shown but
not kept, "Direct verwerken" still stores the file, and fetching a dry run kept before the outage is a Dutch
503 with Retry-After that loses nothing (the same "Nu verwerken" works once Redis is back).

PostgreSQL down: the real connection points at a closed port. Every page answers the platform's Dutch 503
page and every API call a 503 problem+json, both with Retry-After: 30 (swv.core.protection), never a 500.
"""

import datetime
import json
import socket
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from cases.models import Inschrijving
from swv.core.api import throttling
from swv.core.api.scopes import Scope
from swv.core.models import Lidmaatschap, Rol
from tests.conftest import pass_second_factor
from tests.factories import ApiClientFactory
from thuiszitters.models import Absentie

pytestmark = pytest.mark.django_db

UPLOAD = "/thuiszitters/absentie/uploaden/"
PROBLEM = "application/problem+json"

# (role, page, what the page's heading says): the module's pages per role that may open them.
PAGINAS = [
    (Rol.INTERN_BEGELEIDER, "/thuiszitters/", "Verzuim en thuiszitters"),
    (Rol.INTERN_BEGELEIDER, "/thuiszitters/meldingen/", "Verzuimmeldingen"),
    (Rol.INTERN_BEGELEIDER, "/thuiszitters/meldingen/nieuw/", "Verzuim melden"),
    (Rol.INTERN_BEGELEIDER, "/thuiszitters/absentie/", "Absentie invoeren"),
    (Rol.INTERN_BEGELEIDER, UPLOAD, "Absentie uploaden"),
    (Rol.LEERPLICHTAMBTENAAR, "/thuiszitters/meldingen/", "Mijn meldingen"),
    (Rol.LEERPLICHTAMBTENAAR, "/thuiszitters/signalen/", "Signalen"),
    (Rol.LEERPLICHTAMBTENAAR, "/thuiszitters/registraties/", "Thuiszitters"),
    (Rol.SWV_COORDINATOR, "/thuiszitters/monitor/", "Verzuimmonitor"),
    (Rol.SWV_COORDINATOR, "/", "Mijn taken"),
]
# (scopes, method, path, body): the verzuim APIs as a partner system calls them.
API = [
    ([Scope.VERZUIM_LEZEN], "get", "/api/v1/verzuimmeldingen", None),
    ([Scope.VERZUIM_LEZEN], "get", "/api/v1/signalen", None),
    ([Scope.THUISZITTERS_LEZEN], "get", "/api/v1/thuiszitters", None),
    ([Scope.VERZUIM_SCHRIJVEN], "post", "/api/v1/absenties", {"rijen": []}),
]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens here once the socket is closed


def _client(user) -> Client:
    # A real server answers whatever the 500/503 handler returns; the default test client would re-raise.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    pass_second_factor(client, user)
    return client


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER]).organisatie


@pytest.fixture
def leerling(leerlingen, school):
    Inschrijving.objects.create(
        swv=school.swv, leerling=leerlingen.eigen, school=school, ingeschreven_op=datetime.date(2026, 8, 1)
    )
    return leerlingen.eigen


def _csv(leerling) -> bytes:
    return (
        "bsn;datum;uren;geoorloofd;reden;id\r\n"
        f"{leerling.bsn};02-11-2026;4;nee;spijbelen;r1\r\n"
        f"{leerling.bsn};03-11-2026;2,5;ja;ziekte;r2\r\n"
    ).encode()


def _upload(client, inhoud: bytes, actie: str):
    return client.post(UPLOAD, {"bestand": SimpleUploadedFile("absentie.csv", inhoud), "actie": actie})


def _api(organisatie, scopes, method, path, body):
    token = ApiClientFactory(swv=organisatie.swv, organisatie=organisatie, scopes=scopes).token
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return lambda: getattr(Client(raise_request_exception=False), method)(path, **kwargs)


def _organisatie_voor(scopes, users, school):
    if Scope.VERZUIM_SCHRIJVEN in scopes:
        return school
    return Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie


# --- Redis down --------------------------------------------------------------------------------------------


@pytest.fixture
def redis_down(settings, monkeypatch):
    """Point the cache at a closed port; put it back (and the throttle's pause) afterwards."""
    echt = settings.CACHES

    def uit():
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed_port()}/7",
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }

    def aan():
        settings.CACHES = echt

    monkeypatch.setattr(throttling, "_paused_until", 0.0)
    uit()
    yield type("Schakelaar", (), {"uit": staticmethod(uit), "aan": staticmethod(aan)})
    aan()


@pytest.mark.parametrize(("rol", "pad", "kop"), PAGINAS)
def test_with_redis_down_every_page_still_works(users, leerlingen, redis_down, rol, pad, kop):
    antwoord = _client(users[rol]).get(pad)

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert kop in html
    assert "Tijdelijk niet beschikbaar" not in html


@pytest.mark.parametrize(("scopes", "method", "pad", "body"), API)
def test_with_redis_down_every_api_still_answers(users, school, redis_down, scopes, method, pad, body):
    antwoord = _api(_organisatie_voor(scopes, users, school), scopes, method, pad, body)()

    assert antwoord.status_code == 200, antwoord.content
    assert isinstance(antwoord.json(), dict)


def test_with_redis_down_the_absence_api_stores_its_rows(school, leerling, redis_down):
    rij = {"externId": "R1", "bsn": leerling.bsn, "datum": "2026-11-02", "uren": 4, "geoorloofd": False}
    antwoord = _api(school, [Scope.VERZUIM_SCHRIJVEN], "post", "/api/v1/absenties", {"rijen": [rij]})()

    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["aangemaakt"] == 1
    assert Absentie.objects.get(extern_id="R1").uren == 4


def test_with_redis_down_the_dry_run_is_shown_not_kept_and_direct_processing_stores_the_file(
    users, leerling, redis_down
):
    client = _client(users[Rol.INTERN_BEGELEIDER])

    proef = _upload(client, _csv(leerling), "proef")
    html = proef.content.decode()
    assert proef.status_code == 200
    assert "2 regels: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 met een fout." in html
    assert "kan deze proefverwerking niet worden bewaard" in html
    assert 'name="token"' not in html  # no "Nu verwerken" that would fail
    assert not Absentie.objects.exists()

    direct = _upload(client, _csv(leerling), "verwerken")
    assert direct.status_code == 200
    assert "Verwerkt: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 met een fout." in direct.content.decode()
    assert sorted(Absentie.objects.values_list("extern_id", flat=True)) == ["r1", "r2"]


def test_a_dry_run_kept_before_redis_went_down_is_a_dutch_503_and_works_once_redis_is_back(
    users, leerling, redis_down
):
    redis_down.aan()
    client = _client(users[Rol.INTERN_BEGELEIDER])
    token = _upload(client, _csv(leerling), "proef").context["token"]

    redis_down.uit()
    tijdens = client.post(UPLOAD, {"token": token, "actie": "verwerken"})
    assert tijdens.status_code == 503
    assert tijdens.headers["Retry-After"] == "60"
    html = tijdens.content.decode()
    assert "Door een tijdelijke storing is de proefverwerking nu niet op te halen" in html
    assert "Direct verwerken" in html  # the way to store the file now
    assert not Absentie.objects.exists()

    redis_down.aan()
    daarna = client.post(UPLOAD, {"token": token, "actie": "verwerken"})
    assert daarna.status_code == 200
    assert "Verwerkt: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 met een fout." in daarna.content.decode()
    assert Absentie.objects.count() == 2


# --- PostgreSQL down ---------------------------------------------------------------------------------------


@pytest.fixture
def database_down() -> Iterator[None]:
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["HOST"] = "127.0.0.1"
    connection.settings_dict["PORT"] = closed_port()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


@pytest.mark.django_db(transaction=True)
def test_with_postgresql_down_every_page_is_a_dutch_503_not_a_500(users, leerling, request):
    clients = {rol: _client(users[rol]) for rol in {rol for rol, _, _ in PAGINAS}}
    inschrijver = clients[Rol.INTERN_BEGELEIDER]
    csv = _csv(leerling)
    request.getfixturevalue("database_down")

    antwoorden = [(pad, clients[rol].get(pad)) for rol, pad, _ in PAGINAS]
    # Writes too: the upload (a dry run and a direct run) and a melding.
    antwoorden += [
        (UPLOAD, _upload(inschrijver, csv, "proef")),
        (UPLOAD, _upload(inschrijver, csv, "verwerken")),
        ("/thuiszitters/meldingen/nieuw/", inschrijver.post("/thuiszitters/meldingen/nieuw/", {"x": "1"})),
    ]

    for pad, antwoord in antwoorden:
        assert antwoord.status_code == 503, pad
        html = antwoord.content.decode()
        assert "Tijdelijk niet beschikbaar" in html, pad
        assert "De database is op dit moment niet bereikbaar" in html, pad
        assert antwoord.headers["Retry-After"] == "30", pad


@pytest.mark.django_db(transaction=True)
def test_with_postgresql_down_every_api_is_a_503_problem(users, school, request):
    aanroepen = [
        (pad, _api(_organisatie_voor(scopes, users, school), scopes, method, pad, body))
        for scopes, method, pad, body in API
    ]
    request.getfixturevalue("database_down")

    for pad, aanroep in aanroepen:
        antwoord = aanroep()
        assert antwoord.status_code == 503, pad
        assert antwoord.headers["Content-Type"] == PROBLEM, pad
        assert antwoord.headers["Retry-After"] == "30", pad
        body = antwoord.json()
        assert body["title"] == "Tijdelijk niet beschikbaar", pad
        assert "niet bereikbaar" in body["detail"], pad


@pytest.mark.django_db(transaction=True)
def test_the_database_is_back_after_the_outage_tests(users):
    assert _client(users[Rol.LEERPLICHTAMBTENAAR]).get("/thuiszitters/signalen/").status_code == 200
