"""Agreement documents: checked by content and size, stored privately, served by an access-checked,
audited download (issue 7, point 9)."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partners import documenten
from partners.models import Afspraak
from swv.audit.models import AuditEvent
from swv.core.models import Rol
from tests.factories import AfspraakFactory, SamenwerkingsverbandFactory

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _zip(bestanden: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for naam, inhoud in bestanden.items():
            z.writestr(naam, inhoud)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
DOCM = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<x/>", "word/vbaProject.bin": b"x"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(
    ("inhoud", "extensie"),
    [(PDF, "pdf"), (DOCX, "docx"), (ODT, "odt"), (b"\x89PNG\r\n\x1a\n" + b"0" * 20, "png")],
)
def test_accepted_kinds_are_recognised_by_content(inhoud, extensie):
    assert documenten.herken(io.BytesIO(inhoud)).extensie == extensie


@pytest.mark.parametrize(
    "inhoud",
    [
        b"<!doctype html><script>alert(1)</script>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"MZ\x90\x00\x03\x00\x00\x00",  # Windows executable
        DOCM,  # Word with macros
        _zip({"evil.html": b"<script/>"}),
    ],
)
def test_html_svg_executables_and_macros_are_refused_whatever_their_name(inhoud):
    assert documenten.herken(io.BytesIO(inhoud)) is None


def _form_data(afspraak_titel="Convenant thuiszitters"):
    return {"soort": "convenant", "titel": afspraak_titel, "ingangsdatum": "2026-01-01"}


def _post(client, data, bestand):
    return client.post("/partners/afspraken/nieuw/", {**data, "document": bestand})


def test_an_html_file_named_pdf_is_refused_with_a_dutch_error_and_the_input_is_kept(users, client_for, media):
    client = client_for(users[Rol.SWV_COORDINATOR])
    bestand = SimpleUploadedFile(
        "convenant.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )

    response = _post(client, _form_data(), bestand)

    assert response.status_code == 400
    tekst = response.content.decode()
    assert "Dit soort bestand kan niet als document worden opgeslagen" in tekst
    assert 'value="Convenant thuiszitters"' in tekst
    assert not Afspraak.objects.filter(titel="Convenant thuiszitters").exists()
    assert list(media.rglob("*.*")) == []


def test_a_document_over_the_size_limit_is_refused(users, client_for, media, settings):
    settings.AFSPRAAK_DOCUMENT_MAX_BYTES = 1024 * 1024
    client = client_for(users[Rol.SWV_COORDINATOR])
    bestand = SimpleUploadedFile("groot.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")

    response = _post(client, _form_data(), bestand)

    assert response.status_code == 400
    assert "de grens is 1 MB" in response.content.decode()
    assert not Afspraak.objects.filter(titel="Convenant thuiszitters").exists()


def test_a_pdf_is_stored_privately_and_downloaded_through_the_audited_view(users, client_for, media):
    client = client_for(users[Rol.SWV_COORDINATOR])

    # An evaluation date in the window puts it on the afspraken page.
    data = {
        **_form_data(),
        "evaluatiedatum": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }
    response = _post(client, data, SimpleUploadedFile("Ondertekend convenant.pdf.html", PDF))

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:afspraken")
    afspraak = Afspraak.objects.get(titel="Convenant thuiszitters")
    assert afspraak.document.name.endswith(".pdf"), "the stored name follows the content"
    with pytest.raises(ValueError, match="no URL"):
        afspraak.document.url  # noqa: B018 - no public /media/ link can be made
    lijst = client.get("/partners/afspraken/").content.decode()
    assert f'href="/partners/afspraken/{afspraak.pk}/document/"' in lijst

    lezer = client_for(users[Rol.INTERN_BEGELEIDER])
    download = lezer.get(f"/partners/afspraken/{afspraak.pk}/document/")

    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Cache-Control"] == "no-store"
    row = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert (row.actor, row.object_type, row.object_id) == (
        users[Rol.INTERN_BEGELEIDER],
        "partners.afspraak",
        str(afspraak.pk),
    )


def test_a_document_of_another_swv_answers_404_and_nothing_is_logged_as_downloaded(users, client_for, media):
    elders = AfspraakFactory(swv=SamenwerkingsverbandFactory(code="PO9898"))
    elders.document.save("geheim.pdf", ContentFile(PDF))

    response = client_for(users[Rol.SWV_COORDINATOR]).get(f"/partners/afspraken/{elders.pk}/document/")

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD).exists()


def test_an_agreement_without_a_document_answers_404(swv, users, client_for, media):
    afspraak = AfspraakFactory(swv=swv)

    assert (
        client_for(users[Rol.SWV_COORDINATOR]).get(f"/partners/afspraken/{afspraak.pk}/document/").status_code
        == 404
    )


def test_the_edit_form_links_the_stored_document_to_the_download_view(swv, users, client_for, media):
    afspraak = AfspraakFactory(swv=swv)
    afspraak.document.save("convenant.pdf", ContentFile(PDF))

    response = client_for(users[Rol.SWV_COORDINATOR]).get(f"/partners/afspraken/{afspraak.pk}/wijzigen/")

    assert response.status_code == 200
    assert f'href="/partners/afspraken/{afspraak.pk}/document/"' in response.content.decode()


def test_the_admin_change_page_links_the_document_to_the_download_view(swv, users, client_for, media):
    afspraak = AfspraakFactory(swv=swv)
    afspraak.document.save("convenant.pdf", ContentFile(PDF))

    beheerder = users[Rol.BEHEERDER]
    beheerder.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="partners", codename="view_afspraak")
    )

    response = client_for(beheerder).get(f"/beheer/partners/afspraak/{afspraak.pk}/change/")

    assert response.status_code == 200
    assert f'href="/partners/afspraken/{afspraak.pk}/document/"' in response.content.decode()
