"""Absence on the pages (issue 12, part paginas): by hand, and a CSV upload with a dry run that writes nothing,
a real run that stores the rows, a resent file that changes nothing, and hostile files refused in Dutch."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Inschrijving
from swv.audit.models import AuditEvent
from swv.core.models import Lidmaatschap, Rol
from thuiszitters.absentie_csv import CsvFout, lees_absentie_csv
from thuiszitters.models import Absentie

pytestmark = pytest.mark.django_db

URL = "thuiszitters:absentie_uploaden"


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER]).organisatie


@pytest.fixture
def leerling(leerlingen, school):
    Inschrijving.objects.create(
        swv=school.swv, leerling=leerlingen.eigen, school=school, ingeschreven_op=datetime.date(2026, 8, 1)
    )
    return leerlingen.eigen


@pytest.fixture
def client(users, client_for):
    return client_for(users[Rol.INTERN_BEGELEIDER])


def _csv(leerling, *, bom=True, sep=";") -> bytes:
    regels = [
        sep.join(["bsn", "datum", "uren", "geoorloofd", "reden", "id"]),
        sep.join([leerling.bsn, "02-11-2026", "4", "nee", "spijbelen", "r1"]),
        sep.join([leerling.bsn, "2026-11-03", "2,5" if sep == ";" else "2.5", "ja", "Ziekte", "r2"]),
        sep.join(["123456789", "04-11-2026", "3", "nee", "", "r3"]),  # not a valid BSN
        sep.join([leerling.bsn, "31-02-2026", "3", "nee", "", "r4"]),  # no such date
    ]
    tekst = "\r\n".join(regels) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + tekst.encode()


def _upload(client, inhoud: bytes, actie: str):
    return client.post(reverse(URL), {"bestand": SimpleUploadedFile("absentie.csv", inhoud), "actie": actie})


def test_the_dry_run_shows_each_line_and_writes_nothing(client, leerling):
    antwoord = _upload(client, _csv(leerling), "proef")
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "er is nog niets opgeslagen" in tekst
    assert "4 regels: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 2 met een fout." in tekst
    rijen = antwoord.context["rijen"]
    assert [(r["regel"], r["uitkomst"]) for r in rijen] == [
        (2, "nieuw"),
        (3, "nieuw"),
        (4, "fout"),
        (5, "fout"),
    ]
    assert "elfproef" in rijen[2]["reden"]
    assert not Absentie.objects.exists()
    assert (
        not AuditEvent.objects.filter(object_type="thuiszitters.absentie").exclude(object_id="lijst").exists()
    )


def test_the_real_run_after_the_dry_run_stores_the_good_rows(client, leerling):
    token = _upload(client, _csv(leerling), "proef").context["token"]
    antwoord = client.post(reverse(URL), {"token": token, "actie": "verwerken"})
    assert antwoord.status_code == 200
    assert "Verwerkt: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 2 met een fout." in antwoord.content.decode()
    rijen = {a.extern_id: a for a in Absentie.objects.all()}
    assert set(rijen) == {"r1", "r2"}
    assert (rijen["r1"].datum, rijen["r1"].geoorloofd, rijen["r1"].reden) == (
        datetime.date(2026, 11, 2),
        False,
        "spijbelen",
    )
    assert str(rijen["r2"].uren) == "2.50"
    assert rijen["r2"].reden == "ziekte"
    # The token is used up: a second click processes nothing twice and says so.
    opnieuw = client.post(reverse(URL), {"token": token, "actie": "verwerken"})
    assert opnieuw.status_code == 400
    assert "verlopen of al verwerkt" in opnieuw.content.decode()
    assert Absentie.objects.count() == 2


def test_a_resent_file_changes_nothing_and_a_corrected_row_replaces(client, leerling):
    _upload(client, _csv(leerling, bom=False, sep=","), "verwerken")
    voor = {a.extern_id: a.gewijzigd_op for a in Absentie.objects.all()}
    assert set(voor) == {"r1", "r2"}

    proef = _upload(client, _csv(leerling, bom=False, sep=","), "proef")
    assert [r["uitkomst"] for r in proef.context["rijen"][:2]] == ["ongewijzigd", "ongewijzigd"]
    _upload(client, _csv(leerling, bom=False, sep=","), "verwerken")
    assert {a.extern_id: a.gewijzigd_op for a in Absentie.objects.all()} == voor

    gecorrigeerd = _csv(leerling).replace(b";4;nee;", b";5;nee;")
    antwoord = _upload(client, gecorrigeerd, "verwerken")
    assert "1 bijgewerkt, 1 ongewijzigd" in antwoord.content.decode()
    assert str(Absentie.objects.get(extern_id="r1").uren) == "5.00"
    assert Absentie.objects.count() == 2


@pytest.mark.parametrize(
    ("inhoud", "fout"),
    [
        (b"bsn;datum;uren\n123;01-11-2026;4\n", "De kolommen kloppen niet"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen tekstbestand"),
        ("bsn;datum;uren;geoorloofd;id\n".encode("utf-16"), "geen tekstbestand"),
        ("bsn;datum;uren;geoorloofd;id\nééé;1;2;3;4\n".encode("latin-1"), "geen UTF-8"),
        (b"", "leeg"),
        (b"bsn;datum;uren;geoorloofd;id\n", "geen rijen"),
        (b"bsn;datum;uren;geoorloofd;id\n" + b"x" * 1_600_000, "te groot"),
    ],
)
def test_a_hostile_file_gets_a_dutch_error_and_nothing_is_stored(client, leerling, inhoud, fout):
    antwoord = _upload(client, inhoud, "verwerken")
    assert antwoord.status_code == 400
    assert fout in antwoord.content.decode()
    assert not Absentie.objects.exists()


def test_too_many_rows_is_refused_as_a_whole():
    inhoud = b"bsn;datum;uren;geoorloofd;id\n" + b"".join(
        f"111222333;01-11-2026;1;nee;r{n}\n".encode() for n in range(10_001)
    )
    with pytest.raises(CsvFout, match="ten hoogste 10000"):
        lees_absentie_csv(inhoud)


def test_a_line_with_the_wrong_number_of_columns_is_that_lines_error():
    gelezen = lees_absentie_csv(b"onderwijsnummer,datum,uren,geoorloofd,id\n100000004,01-11-2026,1\n")
    assert gelezen.rijen == []
    assert gelezen.fouten[0][0] == 2


def test_absence_by_hand(client, leerling):
    antwoord = client.post(
        reverse("thuiszitters:absentie"),
        {
            "leerling": leerling.pk,
            "datum": "2026-11-05",
            "uren": "3",
            "geoorloofd": "nee",
            "reden": "spijbelen",
        },
    )
    assert antwoord.status_code == 302
    rij = Absentie.objects.get()
    assert (rij.leerling, rij.datum, rij.geoorloofd) == (leerling, datetime.date(2026, 11, 5), False)
    assert leerling.achternaam in client.get(reverse("thuiszitters:absentie")).content.decode()


def test_absence_by_hand_error_keeps_the_input(client, leerling):
    antwoord = client.post(
        reverse("thuiszitters:absentie"),
        {
            "leerling": leerling.pk,
            "datum": "2030-11-05",
            "uren": "3",
            "geoorloofd": "nee",
            "reden": "verlof",
            "toelichting": "Bij oma",
        },
    )
    assert antwoord.status_code == 400
    assert "toekomst" in antwoord.content.decode()
    assert "Bij oma" in antwoord.content.decode()
    assert not Absentie.objects.exists()


def test_a_pupil_of_another_school_in_the_file_is_an_error_of_its_line(client, leerling, leerlingen):
    inhoud = f"bsn;datum;uren;geoorloofd;id\n{leerlingen.andere_school.bsn};02-11-2026;4;nee;x1\n".encode()
    antwoord = _upload(client, inhoud, "verwerken")
    assert "Geen leerling met dit nummer" in antwoord.content.decode()
    assert not Absentie.objects.exists()
