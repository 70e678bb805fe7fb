"""Case documents in an S3-compatible store (issue 11, decision 63): with the storage set to django-storages'
S3Storage, an upload lands in the bucket under a path without the uploaded name, is private (the bucket
answers an anonymous GET with 403), and reaches the user only through the access-checked, audited download
view; removal deletes the object. The store is a real S3 HTTP endpoint on this machine (moto's server), so
boto3 speaks the S3 protocol over a socket exactly as to any S3-compatible service."""

import socket

import boto3
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from cases.models import CasusDocument
from cases.services_document import document_toevoegen, document_verwijderen
from swv.audit.models import AuditEvent
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_team import CasusFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
BUCKET = "ketenregie-casusdocumenten"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3(monkeypatch):
    """A private bucket on a local S3 endpoint, and the document field's storage pointed at it, as
    CASUS_DOCUMENTEN_STORAGE=storages.backends.s3.S3Storage with its options would at start-up."""
    poort = _vrije_poort()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=poort, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{poort}"
    # The server keeps its buckets in this process: start every test from an empty store.
    requests.post(f"{endpoint}/moto-api/reset", timeout=5)
    opties = {
        "bucket_name": BUCKET,
        "endpoint_url": endpoint,
        "access_key": "ketenregie-test",
        "secret_key": "ketenregie-test-geheim",
        "region_name": "eu-west-1",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=opties["access_key"],
        aws_secret_access_key=opties["secret_key"],
        region_name=opties["region_name"],
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    # The field resolves its storage callable once, at start-up; a deployment sets the setting before that.
    monkeypatch.setattr(CasusDocument._meta.get_field("bestand"), "storage", S3Storage(**opties))
    yield client, endpoint
    server.stop()


def test_an_upload_is_stored_privately_in_the_bucket_and_only_the_audited_view_serves_it(
    s3, swv, users, client_for
):
    client, endpoint = s3
    school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    casus = CasusFactory(swv=swv, school=school)
    document = document_toevoegen(
        casus=casus,
        soort="plan",
        titel="Groeidocument",
        bestand=SimpleUploadedFile("Jan de Vries.pdf", PDF, content_type="application/pdf"),
        by=None,
    )

    [sleutel] = [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert sleutel == document.bestand.name
    assert "Vries" not in sleutel
    assert client.get_object(Bucket=BUCKET, Key=sleutel)["Body"].read() == PDF
    # No public URL: the bucket refuses an anonymous read.
    assert requests.get(f"{endpoint}/{BUCKET}/{sleutel}", timeout=5).status_code == 403

    antwoord = client_for(users[Rol.ZORGCOORDINATOR]).get(f"/casussen/documenten/{document.pk}/download/")
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content) == PDF
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD, object_id=str(document.pk)).count() == 1
    )
    # A role without access to the case gets 404, and nothing is read from the store for it.
    assert (
        client_for(users[Rol.KETENPARTNER]).get(f"/casussen/documenten/{document.pk}/download/").status_code
        == 404
    )


def test_removing_a_document_deletes_the_object_from_the_bucket(s3, swv, django_capture_on_commit_callbacks):
    client, _ = s3
    document = document_toevoegen(
        casus=CasusFactory(swv=swv),
        soort="overig",
        titel="Verslag",
        bestand=SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf"),
        by=None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        document_verwijderen(document=document, by=None, reden="Verkeerde leerling")
    assert client.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0
