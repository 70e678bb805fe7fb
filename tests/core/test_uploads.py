"""The platform's upload helpers (swv/core/uploads.py, decision 72): by content, a size limit, the app's kinds."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from swv.core import uploads


def _bestand(naam, inhoud):
    return SimpleUploadedFile(naam, inhoud)


def _ooxml(*namen):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for naam in namen:
            z.writestr(naam, "<x/>")
    return buffer.getvalue()


def test_the_kind_comes_from_the_content_not_the_name():
    assert (
        uploads.controleer_upload(_bestand("foto.jpg", b"%PDF-1.4\n"), toegestaan=["pdf"], max_bytes=100)
        == uploads.PDF
    )
    assert uploads.herken(io.BytesIO(_ooxml("word/document.xml"))) == uploads.DOCX
    # Macros make an Office file unknown.
    assert uploads.herken(io.BytesIO(_ooxml("word/document.xml", "word/vbaProject.bin"))) is None


def test_a_name_that_promises_an_allowed_kind_gets_the_specific_error():
    with pytest.raises(ValidationError) as fout:
        uploads.controleer_upload(
            _bestand("nota.pdf", b"MZ\x90\x00program"), toegestaan=["pdf", "png"], max_bytes=100
        )
    assert fout.value.code == "inhoud"
    assert "de inhoud is geen PDF" in fout.value.messages[0]
    assert "Toegestaan: PDF, PNG." in fout.value.messages[0]


def test_only_the_apps_kinds_are_accepted_and_the_size_limit_holds():
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 10
    with pytest.raises(ValidationError) as fout:
        uploads.controleer_upload(_bestand("x.bin", png), toegestaan=["pdf"], max_bytes=100)
    assert fout.value.code == "soort"
    with pytest.raises(ValidationError) as fout:
        uploads.controleer_upload(_bestand("x.png", png), toegestaan=["png"], max_bytes=5)
    assert fout.value.code == "te_groot"
    with pytest.raises(ValidationError) as fout:
        uploads.controleer_upload(_bestand("x.png", b""), toegestaan=["png"], max_bytes=5)
    assert fout.value.code == "leeg"


def test_a_stored_name_holds_nothing_of_the_upload():
    pad = uploads.willekeurig_pad("oogo/1/", "pdf")
    assert pad.startswith("oogo/1/")
    assert pad.endswith(".pdf")
    assert len(pad) == len("oogo/1/") + 32 + 4


def test_the_private_storages_follow_media_root_and_have_no_urls(settings, tmp_path):
    from django.core.files.storage import storages

    settings.MEDIA_ROOT = tmp_path
    assert storages["documenten"].location == str(tmp_path / "documenten")
    assert storages["casusdocumenten"].location == str(tmp_path / "casusdocumenten")
    with pytest.raises(ValueError, match="no URL"):
        storages["documenten"].url("oogo/x.pdf")
