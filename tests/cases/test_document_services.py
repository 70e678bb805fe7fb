"""Case documents (issue 11): checked by content, not by name; stored without the uploaded name; removal
and replacement keep the history; retention removes the documents of anonymised pupils."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.models import CasusDocument, TijdlijnGebeurtenis
from cases.retention import documenten_opruimen
from cases.services_document import document_toevoegen, document_verwijderen
from tests.cases.factories_team import CasusFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
# The start of a Windows program (MZ header): what a renamed .exe looks like.
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 64
    + b"This program cannot be run in DOS mode."
)


@pytest.fixture(autouse=True)
def _opslag(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _bestand(naam, inhoud, content_type="application/pdf"):
    return SimpleUploadedFile(naam, inhoud, content_type=content_type)


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_a_pdf_is_stored_typed_by_its_content_without_the_uploaded_name_in_the_path(swv, tmp_path):
    casus = CasusFactory(swv=swv)

    document = document_toevoegen(
        casus=casus,
        soort="advies",
        titel="Advies orthopedagoog",
        bestand=_bestand("Jan de Vries.pdf", PDF),
        by=None,
    )

    assert (document.extensie, document.content_type, document.grootte) == (
        "pdf",
        "application/pdf",
        len(PDF),
    )
    assert "Vries" not in document.bestand.name
    assert (tmp_path / "casusdocumenten" / document.bestand.name).read_bytes() == PDF
    assert TijdlijnGebeurtenis.objects.filter(casus=casus, soort="document").count() == 1


def test_a_docx_is_recognised_by_its_contents_whatever_its_name(swv):
    document = document_toevoegen(
        casus=CasusFactory(swv=swv),
        soort="plan",
        titel="Plan",
        bestand=_bestand("plan.bin", _docx()),
        by=None,
    )

    assert document.extensie == "docx"


def test_an_executable_named_pdf_is_refused_in_dutch_and_nothing_is_stored(swv, tmp_path):
    casus = CasusFactory(swv=swv)

    with pytest.raises(ValidationError) as fout:
        document_toevoegen(
            casus=casus, soort="overig", titel="Factuur", bestand=_bestand("factuur.pdf", EXE), by=None
        )

    assert "heet .pdf, maar de inhoud is geen PDF" in fout.value.message_dict["bestand"][0]
    assert not CasusDocument.objects.exists()
    assert not (tmp_path / "casusdocumenten").exists() or not any((tmp_path / "casusdocumenten").rglob("*.*"))


def test_html_is_refused_whatever_its_name(swv):
    with pytest.raises(ValidationError) as fout:
        document_toevoegen(
            casus=CasusFactory(swv=swv),
            soort="overig",
            titel="Pagina",
            bestand=_bestand("pagina.html", b"<html><script>alert(1)</script></html>", "text/html"),
            by=None,
        )

    assert "Dit soort bestand kan niet worden opgeslagen" in fout.value.message_dict["bestand"][0]


def test_a_document_over_the_size_limit_is_refused(swv, settings):
    settings.CASUS_DOCUMENT_MAX_BYTES = 1024 * 1024
    groot = PDF + b"0" * (1024 * 1024)

    with pytest.raises(ValidationError) as fout:
        document_toevoegen(
            casus=CasusFactory(swv=swv),
            soort="overig",
            titel="Groot",
            bestand=_bestand("groot.pdf", groot),
            by=None,
        )

    assert "de grens is 1 MB" in fout.value.message_dict["bestand"][0]


def test_a_new_version_keeps_the_old_one_and_removal_deletes_the_file_but_keeps_the_row(
    swv, django_capture_on_commit_callbacks
):
    casus = CasusFactory(swv=swv)
    oud = document_toevoegen(casus=casus, soort="plan", titel="Plan", bestand=_bestand("a.pdf", PDF), by=None)
    nieuw = document_toevoegen(
        casus=casus,
        soort="plan",
        titel="Plan",
        bestand=_bestand("b.pdf", PDF + b"%v2"),
        by=None,
        vervangt=oud,
    )
    oud.refresh_from_db()
    assert oud.vervangen_door == nieuw
    assert not oud.is_actueel

    naam = nieuw.bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = document_verwijderen(document=nieuw, by=None, reden="Verkeerde leerling")

    assert nieuw.verwijderd_op is not None
    assert not nieuw.bestand
    assert not storages["casusdocumenten"].exists(naam)
    with pytest.raises(ValidationError):
        document_toevoegen(
            casus=casus, soort="plan", titel="Plan", bestand=_bestand("c.pdf", PDF), by=None, vervangt=oud
        )


def test_retention_removes_the_documents_and_files_of_anonymised_pupils(swv):
    bewaard, weg = CasusFactory(swv=swv), CasusFactory(swv=swv)
    houden = document_toevoegen(
        casus=bewaard, soort="plan", titel="Plan", bestand=_bestand("a.pdf", PDF), by=None
    )
    verwijderen = document_toevoegen(
        casus=weg, soort="plan", titel="Plan", bestand=_bestand("b.pdf", PDF), by=None
    )
    weg.leerling.geanonimiseerd_op = timezone.now() - datetime.timedelta(days=1)
    weg.leerling.save(update_fields=["geanonimiseerd_op"])

    assert documenten_opruimen(timezone.now()) == {"documenten_verwijderd": 1}

    assert list(CasusDocument.objects.all()) == [houden]
    assert storages["casusdocumenten"].exists(houden.bestand.name)
    assert not storages["casusdocumenten"].exists(verwijderen.bestand.name)
