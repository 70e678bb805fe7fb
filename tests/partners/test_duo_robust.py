"""DUO import under bad files, large files and a broker outage (issue 7, points 9-12)."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from kombu import pools as kombu_pools

from partners import duo, importing, views_import
from partners.importing import duo_import, duo_imports_herstarten
from partners.models import DuoImport, Organisatie
from swv.celery import app as celery_app
from swv.core.models import Rol
from tests.partners import make_duo_samples

KOP = "BRIN NUMMER;VESTIGINGSNUMMER;VESTIGINGSNAAM\r\n"


@pytest.fixture
def beheerder(users):
    return users[Rol.BEHEERDER.value]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(client, inhoud: bytes, **extra):
    bestand = SimpleUploadedFile("duo.csv", inhoud, content_type="text/csv")
    return client.post("/partners/import/", {"bestand": bestand}, **extra)


# --- point 12: malformed CSV is a Dutch error about the file, never a traceback ---

TE_LANGE_CEL = (KOP + "97AA;00;Goed\r\n97AB;00;" + "x" * 140_000 + "\r\n").encode()
OPEN_AANHALINGSTEKEN = (KOP + '97AA;00;Goed\r\n97AB;00;"Nooit dicht\r\n97AC;00;Ingeslikt\r\n').encode()
NUL_NA_4KB = (
    KOP + "".join(f"97A{chr(65 + i % 26)};{i % 100:02d};School {i}\r\n" for i in range(300))
).encode()
NUL_NA_4KB = NUL_NA_4KB + b"97ZZ;00;Met\x00nul\r\n"


def test_a_cell_over_the_csv_field_limit_is_a_dutch_error_with_the_row():
    with pytest.raises(
        duo.OnbekendeIndeling, match=r"Rij 3 is niet te lezen: een cel is langer dan 131\.072"
    ):
        duo.lees(TE_LANGE_CEL)


def test_an_unterminated_quote_is_a_dutch_error_with_the_row():
    with pytest.raises(duo.OnbekendeIndeling, match="Op rij 3 begint een aanhalingsteken"):
        duo.lees(OPEN_AANHALINGSTEKEN)


def test_a_nul_byte_after_the_first_4kb_is_a_row_error_and_the_other_rows_import(swv, beheerder):
    resultaat = duo_import(swv=swv, bestand=NUL_NA_4KB, by=beheerder)

    assert [(f.rij, f.reden) for f in resultaat.fouten if "NUL" in f.reden] == [
        (302, "Deze regel bevat een NUL-teken (\\0): dit is geen gewone tekst.")
    ]
    assert not Organisatie.objects.filter(code="97ZZ00").exists()
    assert resultaat.nieuw > 0


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [(TE_LANGE_CEL, "een cel is langer dan"), (OPEN_AANHALINGSTEKEN, "aanhalingsteken")],
)
def test_the_page_shows_the_file_error_and_imports_nothing(
    swv, beheerder, client_for, media, monkeypatch, inhoud, melding
):
    monkeypatch.setattr(importing, "DIRECT_MAX_BYTES", 10**6)
    client = client_for(beheerder)

    response = _upload(client, inhoud)

    run = DuoImport.objects.get()
    assert run.status == DuoImport.Status.MISLUKT
    assert melding in client.get(response["Location"]).content.decode()
    # The file's schools (BRIN 97xx); a factory gemeente may have a numeric code 97nn.
    assert not Organisatie.objects.filter(code__regex=r"^97[A-Z]{2}").exists()


@pytest.mark.parametrize("inhoud", [TE_LANGE_CEL, OPEN_AANHALINGSTEKEN])
def test_the_command_fails_with_a_dutch_message_not_a_traceback(swv, tmp_path, inhoud):
    pad = tmp_path / "duo.csv"
    pad.write_bytes(inhoud)

    with pytest.raises(CommandError, match="aanhalingsteken"):
        call_command("import_duo", str(pad), "--swv", swv.code)


# --- point 11: parsed once, in the worker, with the first N errors kept ---


def test_only_the_first_n_bad_rows_are_kept_and_all_are_counted(swv, beheerder, settings):
    settings.DUO_IMPORT_MAX_FOUTEN = 5
    inhoud = (KOP + "".join(f"XX;{i};Fout {i}\r\n" for i in range(40))).encode()

    resultaat = duo_import(swv=swv, bestand=inhoud, by=beheerder)

    assert len(resultaat.fouten) == 5
    assert resultaat.aantal_fouten == 40
    assert "40 rijen met een fout" in resultaat.samenvatting()


def test_a_large_upload_is_stored_not_parsed_by_the_web_request(
    swv, beheerder, client_for, media, monkeypatch, django_capture_on_commit_callbacks
):
    gelezen = []
    monkeypatch.setattr(duo, "lees", lambda *a, **k: gelezen.append(1))
    monkeypatch.setattr(importing, "duo_import_aanbieden", lambda pk: True)

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client_for(beheerder), make_duo_samples.groot(2000))

    run = DuoImport.objects.get()
    assert response["Location"] == reverse("partners:import_status", args=[run.pk])
    assert (run.status, run.totaal) == (DuoImport.Status.WACHT, 0)
    assert gelezen == []


# --- point 9 (DUO part): an oversize upload is refused before its body is read ---


def test_an_oversize_upload_is_refused_from_its_content_length(
    swv, beheerder, client_for, media, monkeypatch
):
    monkeypatch.setattr(views_import, "MAX_BYTES", 1024)
    client = client_for(beheerder)
    client.handler.enforce_csrf_checks = True

    response = _upload(client, b"A" * 200_000)

    assert response.status_code == 413
    assert "Het bestand is groter dan 0 MB" in response.content.decode()
    assert not DuoImport.objects.exists()
    assert list(media.rglob("*")) == []


# --- point 10: an upload while the broker is down is not lost ---


def _broker(url: str) -> None:
    celery_app.conf.broker_url = url
    celery_app.conf.broker_write_url = None
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools per connection in a global registry; one made earlier in the run (a
    # worker of another test) would still hold the connection pool closed above.
    kombu_pools.reset()


@pytest.mark.django_db(transaction=True)
def test_an_upload_while_redis_is_down_is_imported_once_when_it_is_back(
    swv, beheerder, client_for, media, monkeypatch, settings
):
    echte = celery_app.conf.broker_url
    monkeypatch.setattr(importing, "DIRECT_MAX_BYTES", 0)
    # The sample's gemeenten are the werkgebied: only schools there are added (issue 9).
    for code, naam in make_duo_samples.GEMEENTEN:
        Organisatie.objects.create(swv=swv, soort="gemeente", code=code, naam=naam, in_werkgebied=True)
    client = client_for(beheerder)
    _broker("redis://127.0.0.1:1/0")  # nothing listens here: the broker is down
    try:
        response = _upload(client, (make_duo_samples.DATA / "scholen_oud_utf8.csv").read_bytes())
        run = DuoImport.objects.get()
        assert response["Location"] == reverse("partners:import_status", args=[run.pk])
        assert (run.status, run.aangeboden_op) == (DuoImport.Status.WACHT, None)
        assert duo_imports_herstarten() == 0, "still down: nothing offered, nothing raised"
    finally:
        _broker(echte)

    settings.DUO_IMPORT_HERSTART_NA = datetime.timedelta(0)
    assert duo_imports_herstarten() == 1
    # The queue is named: a worker started earlier in the run with other queues (tests/core/test_health.py)
    # leaves the app's queue selection narrowed to those.
    with start_worker(
        celery_app, pool="solo", perform_ping_check=False, queues=[celery_app.conf.task_default_queue]
    ):
        einde = time.monotonic() + 90  # a slow, shared CI machine
        while time.monotonic() < einde:
            run.refresh_from_db()
            if run.afgerond:
                break
            time.sleep(0.2)
        assert duo_imports_herstarten() == 0

    run.refresh_from_db()
    assert run.status == DuoImport.Status.KLAAR
    assert run.resultaat["nieuw"] == 12
    assert Organisatie.objects.filter(swv=swv, soort="school", code__startswith="97").count() == 12
    # Offered again after it finished (a duplicate message): nothing changes.
    importing.duo_import_verwerken(run.pk)
    assert Organisatie.objects.filter(swv=swv, soort="school", code__startswith="97").count() == 12
