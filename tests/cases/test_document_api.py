"""The documents API (issue 11): upload checked by content, the audited download, 404 for another school."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import CasusDocument
from swv.audit.models import AuditEvent
from swv.core.models import Rol
from tests.cases.factories_team import CasusFactory
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 60


@pytest.fixture(autouse=True)
def _opslag(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def casus(swv, users):
    school = users[Rol.ZORGCOORDINATOR].lidmaatschappen.get().organisatie
    return CasusFactory(swv=swv, leerling__swv=swv, leerling__school=school)


def test_upload_list_and_audited_download_through_the_api(users, casus, client_for):
    client = client_for(users[Rol.ZORGCOORDINATOR])

    response = client.post(
        f"/api/v1/casussen/{casus.pk}/documenten",
        {"soort": "plan", "titel": "OPP", "bestand": SimpleUploadedFile("opp.pdf", PDF)},
    )
    assert response.status_code == 201, response.content
    inhoud = response.json()["inhoud"]

    lijst = client.get(f"/api/v1/casussen/{casus.pk}/documenten").json()
    assert [d["titel"] for d in lijst["results"]] == ["OPP"]
    download = client.get(inhoud)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD, leerling=casus.leerling).count() == 1


def test_an_executable_named_pdf_is_refused_with_a_problem_in_dutch(users, casus, client_for):
    response = client_for(users[Rol.ZORGCOORDINATOR]).post(
        f"/api/v1/casussen/{casus.pk}/documenten",
        {"soort": "besluit", "titel": "Besluit", "bestand": SimpleUploadedFile("besluit.pdf", EXE)},
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "de inhoud is geen PDF" in response.content.decode()
    assert not CasusDocument.objects.exists()


def test_another_school_gets_404_for_the_list_and_the_file(swv, users, casus, client_for):
    eigen = client_for(users[Rol.ZORGCOORDINATOR])
    inhoud = eigen.post(
        f"/api/v1/casussen/{casus.pk}/documenten",
        {"soort": "plan", "titel": "OPP", "bestand": SimpleUploadedFile("opp.pdf", PDF)},
    ).json()["inhoud"]
    school_b = OrganisatieFactory(swv=swv, school=True)
    ander = client_for(
        LidmaatschapFactory(swv=swv, organisatie=school_b, rol=Rol.ZORGCOORDINATOR, user=UserFactory()).user
    )

    assert ander.get(f"/api/v1/casussen/{casus.pk}/documenten").status_code == 404
    assert ander.get(inhoud).status_code == 404
