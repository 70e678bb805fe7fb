"""The personal calendar feed (part oogo-ics): the page, the token's life, what the feed holds, the logs."""

import datetime
import hashlib
import io
import logging
import re
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from oogo import services, services_kalender
from oogo.models import KalenderToken
from oogo.workflow import OverlegStatus
from swv.audit.models import AuditEvent
from swv.core.logging import RequestIdFilter
from swv.core.models import Lidmaatschap, Rol
from tests.factories import OrganisatieFactory
from tests.oogo.factories import bestuurder_gemeente, overleg

pytestmark = pytest.mark.django_db

FEED_URL = re.compile(r"http://testserver(/oogo/kalender/[0-9a-f]{12}-[0-9a-f]{64}\.ics)")


def _feed_maken(user) -> str:
    """A feed through the page, as the user makes it; returns the feed's path (shown once)."""
    antwoord = Client()
    antwoord.force_login(user)
    from tests.conftest import pass_second_factor

    pass_second_factor(antwoord, user)
    pagina = antwoord.post("/oogo/kalender/", {"actie": "nieuw"})
    assert pagina.status_code == 200
    gevonden = FEED_URL.search(pagina.content.decode())
    assert gevonden is not None, "the page shows the new feed URL"
    return gevonden.group(1)


def _uids(pad: str) -> set[str]:
    antwoord = Client().get(pad)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(e["UID"]) for e in Calendar.from_ical(antwoord.content).walk("VEVENT")}


def test_page_makes_a_feed_shows_the_url_once_and_the_feed_needs_no_session(swv, users, client_for):
    client = client_for(users["swv_coordinator"])
    assert "U hebt geen agenda-feed." in client.get("/oogo/kalender/").content.decode()
    o = overleg(swv, dag=timezone.localdate() + datetime.timedelta(days=30), titel="OOGO straks")

    pad = _feed_maken(users["swv_coordinator"])

    token = KalenderToken.objects.get(user=users["swv_coordinator"])
    later = client.get("/oogo/kalender/").content.decode()
    assert f"{token.prefix}…" in later
    assert pad not in later  # shown once: only the prefix afterwards
    assert "Intrekken" in later
    assert _uids(pad) == {o.uid}  # anonymous client: no session
    token.refresh_from_db()
    assert token.laatst_gebruikt_op is not None
    assert "Laatst opgehaald" in client.get("/oogo/kalender/").content.decode()


def test_the_database_holds_only_a_hash_of_the_secret(swv, users):
    pad = _feed_maken(users["swv_deskundige"])
    plaintext = pad.removeprefix("/oogo/kalender/").removesuffix(".ics")
    prefix, secret = plaintext.split("-")

    token = KalenderToken.objects.get(user=users["swv_deskundige"])
    rij = KalenderToken.objects.filter(pk=token.pk).values().get()

    assert token.prefix == prefix
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert not any(secret in str(waarde) or plaintext in str(waarde) for waarde in rij.values())


def test_a_new_feed_replaces_the_old_one_only_the_newest_works(swv, users):
    o = overleg(swv, dag=timezone.localdate() + datetime.timedelta(days=10))
    oud = _feed_maken(users["swv_medewerker"])
    nieuw = _feed_maken(users["swv_medewerker"])

    assert Client().get(oud).status_code == 404
    assert _uids(nieuw) == {o.uid}
    assert (
        KalenderToken.objects.filter(user=users["swv_medewerker"], ingetrokken_op__isnull=True).count() == 1
    )


def test_revoking_ends_the_feed_with_a_404_that_gives_no_hint(swv, users, client_for):
    pad = _feed_maken(users["swv_coordinator"])
    client = client_for(users["swv_coordinator"])

    pagina = client.post("/oogo/kalender/", {"actie": "intrekken"})

    assert "De agenda-feed is ingetrokken." in pagina.content.decode()
    assert "U hebt geen agenda-feed." in pagina.content.decode()
    ingetrokken = Client().get(pad)
    onbekend = Client().get("/oogo/kalender/" + "0" * 12 + "-" + "0" * 64 + ".ics")
    assert ingetrokken.status_code == onbekend.status_code == 404

    # The same page for both (apart from the per-response nonce and CSRF token): nothing says the URL
    # once worked.
    def zonder_nonce(antwoord) -> str:
        tekst = re.sub(r'nonce="[^"]*"', "", antwoord.content.decode())
        return re.sub(r'"X-CSRFToken": "[^"]*"', "", tekst)

    assert zonder_nonce(ingetrokken) == zonder_nonce(onbekend)
    assert "ingetrokken" not in zonder_nonce(ingetrokken).lower()
    # Nothing left to revoke, or no choice at all: a Dutch message, nothing changed.
    leeg = client.post("/oogo/kalender/", {"actie": "intrekken"})
    assert leeg.status_code == 400
    assert "Er is geen agenda-feed om in te trekken." in leeg.content.decode()
    assert client.post("/oogo/kalender/", {}).status_code == 400


def test_creation_and_revocation_are_in_the_audit_trail(swv, users, client_for):
    _feed_maken(users["bestuurder"])
    client_for(users["bestuurder"]).post("/oogo/kalender/", {"actie": "intrekken"})
    token = KalenderToken.objects.get(user=users["bestuurder"])

    rijen = AuditEvent.objects.filter(object_type="oogo.kalendertoken", object_id=str(token.pk)).order_by(
        "pk"
    )

    assert [(r.action, r.reason, r.actor_id, r.rol) for r in rijen] == [
        ("create", "agenda-feed aangemaakt", users["bestuurder"].pk, Rol.BESTUURDER),
        ("update", "agenda-feed ingetrokken", users["bestuurder"].pk, Rol.BESTUURDER),
    ]


def test_a_bestuurders_feed_holds_their_gemeentes_meetings_only(swv, users):
    dag = timezone.localdate() + datetime.timedelta(days=20)
    eigen = overleg(swv, gemeenten=[bestuurder_gemeente(users["bestuurder"])], dag=dag, titel="OOGO A")
    andere = overleg(swv, gemeenten=[OrganisatieFactory(swv=swv, gemeente=True)], dag=dag, titel="OOGO B")

    bestuurder = _uids(_feed_maken(users["bestuurder"]))
    swv_feed = _uids(_feed_maken(users["swv_deskundige"]))

    assert bestuurder == {eigen.uid}
    assert andere.uid not in bestuurder
    assert swv_feed == {eigen.uid, andere.uid}


def test_the_feed_reaches_a_year_back_and_keeps_cancelled_meetings_as_cancelled(swv, users):
    vandaag = timezone.localdate()
    oud = overleg(swv, dag=vandaag - datetime.timedelta(days=400))
    recent = overleg(swv, dag=vandaag - datetime.timedelta(days=200))
    geannuleerd = overleg(swv, dag=vandaag + datetime.timedelta(days=5))
    services.overleg_status_zetten(overleg=geannuleerd, by=None, status=OverlegStatus.GEANNULEERD)

    antwoord = Client().get(_feed_maken(users["swv_coordinator"]))
    cal = Calendar.from_ical(antwoord.content)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}

    assert set(events) == {recent.uid, geannuleerd.uid}
    assert oud.uid not in events
    assert str(events[geannuleerd.uid]["STATUS"]) == "CANCELLED"
    assert events[geannuleerd.uid]["SEQUENCE"] == 1
    assert str(cal["X-WR-CALNAME"]) == f"OOGO – {swv.naam}"


def test_an_inactive_user_an_ended_membership_or_a_role_without_oogo_gets_404(swv, users):
    overleg(swv, dag=timezone.localdate() + datetime.timedelta(days=3))
    pad = _feed_maken(users["swv_medewerker"])
    user = users["swv_medewerker"]
    assert Client().get(pad).status_code == 200

    user.is_active = False
    user.save(update_fields=["is_active"])
    assert Client().get(pad).status_code == 404
    user.is_active = True
    user.save(update_fields=["is_active"])
    assert Client().get(pad).status_code == 200

    lidmaatschap = Lidmaatschap.objects.get(user=user)
    Lidmaatschap.objects.filter(pk=lidmaatschap.pk).update(actief=False)
    assert Client().get(pad).status_code == 404
    Lidmaatschap.objects.filter(pk=lidmaatschap.pk).update(actief=True, rol=Rol.ZORGCOORDINATOR)
    assert Client().get(pad).status_code == 404  # a school role has no OOGO


def test_roles_without_oogo_cannot_open_the_page(users, client_for):
    for rol in ("zorgcoordinator", "leerplichtambtenaar", "beheerder"):
        client = client_for(users[rol])
        assert client.get("/oogo/kalender/").status_code == 403
        assert client.post("/oogo/kalender/", {"actie": "nieuw"}).status_code == 403
    assert not KalenderToken.objects.exists()


def test_a_token_of_another_membership_of_the_same_person_shows_that_membership(swv, users):
    """A wethouder of two gemeenten: each feed shows the meetings of the gemeente it was made for."""
    user = users["bestuurder"]
    gemeente_a = bestuurder_gemeente(user)
    gemeente_b = OrganisatieFactory(swv=swv, gemeente=True)
    tweede = Lidmaatschap.objects.create(swv=swv, user=user, organisatie=gemeente_b, rol=Rol.BESTUURDER)
    dag = timezone.localdate() + datetime.timedelta(days=8)
    a = overleg(swv, gemeenten=[gemeente_a], dag=dag)
    b = overleg(swv, gemeenten=[gemeente_b], dag=dag)

    nieuw = services_kalender.feed_maken(lidmaatschap=tweede, by=user)

    assert _uids(reverse("oogo:kalender_feed", kwargs={"token": nieuw.plaintext})) == {b.uid}
    assert a.uid not in _uids(reverse("oogo:kalender_feed", kwargs={"token": nieuw.plaintext}))


def test_the_feed_is_rate_limited_per_feed(swv, users, settings, clean_cache):
    settings.OOGO_KALENDER_FEED_RATE = "2/minute"
    pad = _feed_maken(users["swv_coordinator"])
    ander = _feed_maken(users["swv_deskundige"])

    assert [Client().get(pad).status_code for _ in range(3)] == [200, 200, 429]
    assert int(Client().get(pad)["Retry-After"]) >= 1
    assert Client().get(ander).status_code == 200  # another feed has its own bucket


def _log_regels(*paden: str) -> str:
    """Every line the request log and Django's request warnings write for these requests."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())  # as on the console handler (settings.LOGGING)
    loggers = [logging.getLogger(n) for n in ("swv.request", "django.request")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        for pad in paden:
            Client().get(pad)
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    return stream.getvalue()


def test_the_token_never_appears_in_the_logs(swv, users):
    pad = _feed_maken(users["swv_coordinator"])
    secret = pad.removeprefix("/oogo/kalender/").removesuffix(".ics").split("-")[1]
    onbekend = "/oogo/kalender/" + "a" * 12 + "-" + "b" * 64 + ".ics"

    regels = _log_regels(pad, onbekend)

    assert "GET /oogo/kalender/***.ics 200" in regels
    assert "GET /oogo/kalender/***.ics 404" in regels
    assert "Not Found: /oogo/kalender/***.ics" in regels
    assert secret not in regels
    assert "b" * 64 not in regels
    # The console handler of the settings carries the masking filter.
    assert "request_id" in settings.LOGGING["handlers"]["console"]["filters"]


def test_gunicorns_access_log_masks_the_token_too():
    from gunicorn.config import Config

    import oogo.views_kalender  # noqa: F401 - registers the feed's path

    cfg = Config()
    for name, value in runpy.run_path(str(Path(settings.BASE_DIR, "docker", "gunicorn.conf.py"))).items():
        if name in cfg.settings:
            cfg.set(name, value)
    log = cfg.logger_class(cfg)
    stream = io.StringIO()
    for h in list(log.access_log.handlers):
        log.access_log.removeHandler(h)
    log.access_log.addHandler(logging.StreamHandler(stream))
    pad = "/oogo/kalender/" + "c" * 12 + "-" + "d" * 64 + ".ics"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": pad,
        "PATH_INFO": pad,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10",
        "HTTP_USER_AGENT": "Microsoft Outlook",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[("X-Request-ID", "abc")])

    log.access(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(milliseconds=5))

    assert '"GET /oogo/kalender/***.ics HTTP/1.1" 200' in stream.getvalue()
    assert "d" * 64 not in stream.getvalue()
