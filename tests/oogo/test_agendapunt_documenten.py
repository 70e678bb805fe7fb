"""Documents with an agenda item (part oogo-documenten): checked by content through the platform, stored
under oogo/ without the uploaded name, downloaded audited by whoever sees the item, removed by the
coordinator, shown with the item's carried-over copy, listed in the agenda PDF and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from oogo import documenten, services
from oogo.models import Agendapunt, AgendapuntDocument, AgendapuntDocumentEvent
from oogo.services_documenten import document_toevoegen, document_verwijderen
from oogo.workflow import AgendapuntStatus, OverlegStatus
from swv.audit.models import AuditEvent
from tests.factories import OrganisatieFactory
from tests.oogo.factories import bestuurder_gemeente, overleg

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
# The start of a Windows program (MZ header): what a renamed .exe looks like.
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 64
    + b"This program cannot be run"
)


@pytest.fixture(autouse=True)
def _opslag(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf(naam="Nota vervoer Jan Jansen.pdf", inhoud=PDF):
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


@pytest.fixture
def punt(swv, users):
    o = overleg(swv, gemeenten=[bestuurder_gemeente(users["bestuurder"])], titel="OOGO Eigenstad")
    return services.agendapunt_toevoegen(
        overleg=o, by=None, titel="Leerlingenvervoer", thema="leerlingenvervoer"
    )


def test_the_coordinator_uploads_a_document_it_is_stored_by_content_and_listed(
    punt, users, client_for, tmp_path
):
    client = client_for(users["swv_coordinator"])

    response = client.post(
        f"/oogo/agendapunten/{punt.pk}/documenten/",
        {"titel": "Nota leerlingenvervoer", "soort": "nota", "bestand": _pdf()},
    )

    assert response.status_code == 302
    document = AgendapuntDocument.objects.get()
    assert (
        document.agendapunt,
        document.titel,
        document.soort,
        document.extensie,
        document.content_type,
    ) == (
        punt,
        "Nota leerlingenvervoer",
        "nota",
        "pdf",
        "application/pdf",
    )
    assert document.grootte == len(PDF)
    assert document.sha256 == __import__("hashlib").sha256(PDF).hexdigest()
    assert document.geupload_door == users["swv_coordinator"]
    # In the shared document storage under oogo/, with nothing of the uploaded name in the path.
    assert document.bestand.name.startswith(f"oogo/{punt.swv_id}/")
    assert "Jansen" not in document.bestand.name
    assert (tmp_path / "documenten" / document.bestand.name).read_bytes() == PDF
    pagina = client.get(f"/oogo/agendapunten/{punt.pk}/").content.decode()
    assert "Nota leerlingenvervoer" in pagina
    assert f"/oogo/documenten/{document.pk}/" in pagina
    # The write history knows who.
    event = AgendapuntDocumentEvent.objects.get(pgh_obj_id=document.pk)
    assert event.pgh_context.metadata["user"] == users["swv_coordinator"].pk


def test_a_pdf_that_is_a_program_is_refused_with_a_dutch_error_and_the_other_fields_kept(
    punt, users, client_for, tmp_path
):
    client = client_for(users["swv_coordinator"])

    response = client.post(
        f"/oogo/agendapunten/{punt.pk}/documenten/",
        {"titel": "Rapportage thuiszitters", "soort": "rapportage", "bestand": _pdf("rapport.pdf", EXE)},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit bestand heet .pdf, maar de inhoud is geen PDF. Het is niet opgeslagen." in html
    assert 'value="Rapportage thuiszitters"' in html
    assert '<option value="rapportage" selected>' in html
    assert not AgendapuntDocument.objects.exists()
    assert not (tmp_path / "documenten").exists() or not any((tmp_path / "documenten").rglob("*.*"))


def test_a_file_over_the_size_limit_is_refused(punt, settings):
    settings.OOGO_DOCUMENT_MAX_BYTES = 1024 * 1024
    groot = _pdf("groot.pdf", PDF + b"0" * (1024 * 1024))

    with pytest.raises(ValidationError) as fout:
        document_toevoegen(agendapunt=punt, by=None, titel="Groot", soort="nota", bestand=groot)

    assert fout.value.message_dict["bestand"] == ["Het bestand is 1.0 MB; de grens is 1 MB."]
    assert not AgendapuntDocument.objects.exists()


def test_a_download_is_an_audited_attachment_for_whoever_sees_the_item_and_404_for_another_gemeente(
    swv, punt, users, client_for
):
    document = document_toevoegen(
        agendapunt=punt, by=None, titel="Voorstel vervoer", soort="voorstel", bestand=_pdf()
    )

    response = client_for(users["bestuurder"]).get(f"/oogo/documenten/{document.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Voorstel-vervoer.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD, object_id=str(document.pk))
    assert event.actor == users["bestuurder"]

    # A meeting with only another gemeente: its item's document is not found for the bestuurder.
    ander = overleg(swv, gemeenten=[OrganisatieFactory(swv=swv, gemeente=True)], titel="OOGO Anderdorp")
    ander_punt = services.agendapunt_toevoegen(overleg=ander, by=None, titel="Huisvesting", thema="overig")
    verborgen = document_toevoegen(
        agendapunt=ander_punt, by=None, titel="Geheim", soort="nota", bestand=_pdf()
    )
    assert client_for(users["bestuurder"]).get(f"/oogo/documenten/{verborgen.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.DOWNLOAD, object_id=str(verborgen.pk)
    ).exists()
    # A school role sees no OOGO at all.
    assert client_for(users["zorgcoordinator"]).get(f"/oogo/documenten/{document.pk}/").status_code == 404


def test_only_the_coordinator_uploads_and_removes(punt, users, client_for):
    document = document_toevoegen(agendapunt=punt, by=None, titel="Nota", soort="nota", bestand=_pdf())
    lezer = client_for(users["bestuurder"])
    assert (
        lezer.post(
            f"/oogo/agendapunten/{punt.pk}/documenten/", {"titel": "X", "soort": "nota", "bestand": _pdf()}
        ).status_code
        == 403
    )
    assert lezer.post(f"/oogo/documenten/{document.pk}/verwijderen/").status_code == 403
    assert "Document toevoegen" not in lezer.get(f"/oogo/agendapunten/{punt.pk}/").content.decode()
    assert AgendapuntDocument.objects.count() == 1


def test_removal_deletes_the_row_and_the_file_after_the_commit(
    punt, users, client_for, django_capture_on_commit_callbacks
):
    document = document_toevoegen(agendapunt=punt, by=None, titel="Oude nota", soort="nota", bestand=_pdf())
    naam = document.bestand.name
    storage = storages["documenten"]
    assert storage.exists(naam)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(users["swv_coordinator"]).post(f"/oogo/documenten/{document.pk}/verwijderen/")
    assert response.status_code == 302
    assert not AgendapuntDocument.objects.exists()
    assert storage.exists(naam)  # not before the commit
    for callback in callbacks:
        callback()
    assert not storage.exists(naam)
    assert (
        "Oude nota"
        not in client_for(users["swv_coordinator"]).get(f"/oogo/agendapunten/{punt.pk}/").content.decode()
    )


def test_a_removal_that_is_rolled_back_keeps_the_file(punt):
    document = document_toevoegen(agendapunt=punt, by=None, titel="Nota", soort="nota", bestand=_pdf())
    naam = document.bestand.name

    def _verwijderen_en_dan_fout():
        with transaction.atomic():
            document_verwijderen(document=document, by=None)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        _verwijderen_en_dan_fout()
    assert storages["documenten"].exists(naam)
    assert AgendapuntDocument.objects.filter(pk=document.pk).exists()


def test_documents_may_be_added_after_the_meeting_but_not_to_a_cancelled_one(swv, users):
    gehouden = overleg(swv, gemeenten=[bestuurder_gemeente(users["bestuurder"])], titel="Gehouden")
    punt = services.agendapunt_toevoegen(overleg=gehouden, by=None, titel="Vervoer", thema="overig")
    services.overleg_status_zetten(overleg=gehouden, by=None, status=OverlegStatus.GEHOUDEN)
    assert document_toevoegen(
        agendapunt=punt, by=None, titel="Presentatie", soort="presentatie", bestand=_pdf()
    )

    geannuleerd = overleg(swv, titel="Geannuleerd", soort="werkgroep_thuiszitterspact")
    ander = services.agendapunt_toevoegen(overleg=geannuleerd, by=None, titel="Pact", thema="overig")
    services.overleg_status_zetten(overleg=geannuleerd, by=None, status=OverlegStatus.GEANNULEERD)
    with pytest.raises(ValidationError, match="geannuleerd overleg krijgt geen documenten"):
        document_toevoegen(agendapunt=ander, by=None, titel="Nota", soort="nota", bestand=_pdf())


def test_a_carried_over_item_shows_the_documents_of_its_predecessor(swv, users, client_for):
    import datetime

    gemeente = bestuurder_gemeente(users["bestuurder"])
    eerste = overleg(swv, gemeenten=[gemeente], titel="OOGO september", dag=datetime.date(2026, 9, 1))
    punt = services.agendapunt_toevoegen(overleg=eerste, by=None, titel="Huisvesting VSO", thema="overig")
    services.agendapunt_status_zetten(agendapunt=punt, by=None, status=AgendapuntStatus.GEAGENDEERD)
    document_toevoegen(
        agendapunt=punt, by=None, titel="Rapportage huisvesting", soort="rapportage", bestand=_pdf()
    )
    services.overleg_status_zetten(overleg=eerste, by=None, status=OverlegStatus.GEHOUDEN)
    tweede = overleg(swv, gemeenten=[gemeente], titel="OOGO oktober", dag=datetime.date(2026, 10, 1))
    kopie = Agendapunt.objects.get(overleg=tweede)
    assert kopie.overgenomen_van == punt

    html = client_for(users["bestuurder"]).get(f"/oogo/agendapunten/{kopie.pk}/").content.decode()

    assert "Uit het eerdere overleg" in html
    assert "Rapportage huisvesting" in html
    assert "uit het eerdere overleg OOGO september" in html
    # Read-only there: the copy has no documents of its own, the coordinator gets no remove button for them.
    coordinator = client_for(users["swv_coordinator"]).get(f"/oogo/agendapunten/{kopie.pk}/").content.decode()
    assert "Verwijder Rapportage huisvesting" not in coordinator
    assert not AgendapuntDocument.objects.filter(agendapunt=kopie).exists()


def test_the_agenda_lists_the_documents_under_their_item_and_the_api_gives_them(punt, users, client_for):
    document = document_toevoegen(
        agendapunt=punt, by=None, titel="Nota leerlingenvervoer", soort="nota", bestand=_pdf()
    )

    html = documenten.agenda_html(punt.overleg)
    assert "Bijlage: Nota leerlingenvervoer (nota)" in " ".join(html.split())

    data = client_for(users["bestuurder"]).get(f"/api/v1/agendapunten/{punt.pk}").json()
    assert data["documenten"] == [
        {
            "titel": "Nota leerlingenvervoer",
            "soort": "nota",
            "grootte": len(PDF),
            "downloadUrl": f"/oogo/documenten/{document.pk}/",
        }
    ]
