"""The one way to a case document (issue 11): the download view checks the case's visibility rule and writes
an audit event; school A never gets school B's document; a partner without the ouders' consent gets 404."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import CasusDocument
from cases.services_document import document_toevoegen
from cases.services_team import ot_lid_toevoegen, toestemming_vastleggen
from swv.audit.models import AuditEvent
from swv.core.models import Rol
from tests.cases.factories_team import CasusFactory, OuderFactory
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _opslag(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _school(users):
    return users[Rol.ZORGCOORDINATOR].lidmaatschappen.get().organisatie


@pytest.fixture
def casus(swv, users):
    return CasusFactory(swv=swv, leerling__swv=swv, leerling__school=_school(users))


@pytest.fixture
def document(casus):
    pdf = SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")
    return document_toevoegen(casus=casus, soort="overig", titel="Verslag intake", bestand=pdf, by=None)


def _url(document):
    return f"/casussen/documenten/{document.pk}/download/"


def test_the_school_downloads_its_document_as_an_attachment_and_the_download_is_audited(
    users, document, client_for
):
    response = client_for(users[Rol.ZORGCOORDINATOR]).get(_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Verslag-intake.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD, object_id=str(document.pk))
    assert event.actor == users[Rol.ZORGCOORDINATOR]
    assert event.leerling_id == document.casus.leerling_id


def test_school_b_never_gets_school_a_document(swv, document, client_for):
    school_b = OrganisatieFactory(swv=swv, school=True)
    ib_b = LidmaatschapFactory(
        swv=swv, organisatie=school_b, rol=Rol.INTERN_BEGELEIDER, user=UserFactory()
    ).user
    client = client_for(ib_b)

    assert client.get(_url(document)).status_code == 404
    assert client.get(f"/casussen/{document.casus_id}/documenten/").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD).exists()


def test_a_partner_without_consent_gets_404_and_with_consent_the_file(users, casus, document, client_for):
    partner = users[Rol.KETENPARTNER]
    organisatie = partner.lidmaatschappen.get().organisatie
    ot_lid_toevoegen(casus=casus, by=None, rol="partner", organisatie=organisatie, gebruiker=partner)
    client = client_for(partner)

    assert client.get(_url(document)).status_code == 404  # a member, but the ouders did not consent

    toestemming_vastleggen(
        casus=casus,
        by=None,
        doel="deelname_ot",
        organisatie=organisatie,
        gegeven_op=datetime.date.today(),
        wijze="schriftelijk",
        gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
    )
    assert client.get(_url(document)).status_code == 200


def test_an_upload_on_the_page_refused_by_content_keeps_the_input_and_stores_nothing(
    users, casus, client_for
):
    client = client_for(users[Rol.ZORGCOORDINATOR])
    nep = SimpleUploadedFile("besluit.pdf", EXE, content_type="application/pdf")

    response = client.post(
        f"/casussen/{casus.pk}/documenten/nieuw/", {"soort": "besluit", "titel": "Besluit", "bestand": nep}
    )

    assert response.status_code == 400
    assert "maar de inhoud is geen PDF" in response.content.decode()
    assert response.context["form"]["titel"].value() == "Besluit"
    assert not CasusDocument.objects.exists()


def test_an_upload_on_the_page_is_stored_and_listed(users, casus, client_for):
    client = client_for(users[Rol.ZORGCOORDINATOR])
    pdf = SimpleUploadedFile("aanmelding.pdf", PDF, content_type="application/pdf")

    response = client.post(
        f"/casussen/{casus.pk}/documenten/nieuw/",
        {"soort": "aanmelding", "titel": "Aanmelding", "bestand": pdf},
    )

    assert response.status_code == 302
    lijst = client.get(f"/casussen/{casus.pk}/documenten/")
    assert "Aanmelding" in lijst.content.decode()


@pytest.mark.parametrize("n", [1, 10])
def test_the_document_and_arrangement_lists_take_the_same_number_of_queries_for_any_size(
    swv, users, casus, client_for, n
):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.services_arrangement import arrangement_aanvragen
    from tests.factories import VoorzieningFactory

    for i in range(n):
        pdf = SimpleUploadedFile(f"d{i}.pdf", PDF, content_type="application/pdf")
        document_toevoegen(casus=casus, soort="overig", titel=f"Document {i}", bestand=pdf, by=None)
        arrangement_aanvragen(
            casus=casus,
            voorziening=VoorzieningFactory(swv=swv),
            reden="x",
            startdatum=dt.date.today(),
            by=None,
        )
    client = client_for(users[Rol.SWV_COORDINATOR])
    aantallen = []
    for url in (f"/casussen/{casus.pk}/documenten/", f"/casussen/{casus.pk}/arrangementen/"):
        client.get(url)  # warm the session and the caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        aantallen.append(len(ctx.captured_queries))
    # The same budget for 1 and 10 rows: the numbers are pinned per page, not per row.
    assert aantallen == [7, 7]


def test_the_uploader_removes_their_own_document_and_another_school_user_may_not(users, casus, client_for):
    eigen, collega = users[Rol.ZORGCOORDINATOR], users[Rol.INTERN_BEGELEIDER]
    pdf = SimpleUploadedFile("eigen.pdf", PDF, content_type="application/pdf")
    document = document_toevoegen(casus=casus, soort="overig", titel="Eigen", bestand=pdf, by=eigen)
    url = f"/casussen/documenten/{document.pk}/verwijderen/"

    assert client_for(collega).post(url, {"reden": "Opruimen"}).status_code == 403
    assert client_for(eigen).post(url, {"reden": "Verkeerd bestand"}).status_code == 302
    document.refresh_from_db()
    assert document.verwijderd_op is not None
    assert document.reden_verwijderen == "Verkeerd bestand"


def test_an_advice_is_for_the_swv_and_the_school_only_never_for_a_partner_or_leerplicht(
    users, casus, client_for
):
    """domain.md "Privacy": health data (a deskundigenadvies) only to the SWV and the pupil's school."""
    pdf = SimpleUploadedFile("advies.pdf", PDF, content_type="application/pdf")
    advies = document_toevoegen(
        casus=casus, soort="advies", titel="Advies orthopedagoog", bestand=pdf, by=None
    )
    partner = users[Rol.KETENPARTNER]
    organisatie = partner.lidmaatschappen.get().organisatie
    ot_lid_toevoegen(casus=casus, by=None, rol="partner", organisatie=organisatie, gebruiker=partner)
    toestemming_vastleggen(
        casus=casus,
        by=None,
        doel="deelname_ot",
        organisatie=organisatie,
        gegeven_op=datetime.date.today(),
        wijze="schriftelijk",
        gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
    )
    assert client_for(partner).get(_url(advies)).status_code == 404
    assert (
        "Advies orthopedagoog"
        not in client_for(partner).get(f"/casussen/{casus.pk}/documenten/").content.decode()
    )
    for rol in (Rol.ZORGCOORDINATOR, Rol.SWV_COORDINATOR, Rol.SWV_DESKUNDIGE):
        assert client_for(users[rol]).get(_url(advies)).status_code == 200, rol
