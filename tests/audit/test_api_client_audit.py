"""The audit log for partner systems: a request with a real client token, through the real Bearer
authentication, is logged with actor=None and the client named (api_client, organisation, SWV).

No API endpoint reads pupils yet, so this module is the test's URLconf: two small DRF views beside
the project's own URLs, under /api/ like the real API (so the API's middleware path is taken).
"""

import csv
import io

import pytest
from django.urls import path, reverse
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from cases.models import Leerling
from cases.selectors import get_leerling_for_user
from swv import urls as project_urls
from swv.audit.models import AuditEvent
from swv.audit.services import audit_log
from swv.core.api.authentication import ApiClientAuthentication, ApiClientUser
from swv.core.api.scopes import Scope
from swv.core.models import Lidmaatschap, Rol
from tests.factories import ApiClientFactory


class LeerlingLezenView(APIView):
    """Reads a pupil of the client's own SWV and logs the read, as a pupil endpoint will."""

    required_scopes = [Scope.CASUSSEN_LEZEN]

    def get(self, request: Request, pk: int) -> Response:
        leerling = Leerling.objects.get(pk=pk, swv=request.auth.swv)
        audit_log(
            request=request,
            action=AuditEvent.Action.READ,
            obj=leerling,
            leerling=leerling,
            reason="api: leerling",
        )
        return Response({"id": leerling.pk})


class LeerlingViaToegangView(APIView):
    """Goes through the project's access helper, which logs a refused pupil as `denied`."""

    required_scopes = [Scope.CASUSSEN_LEZEN]

    def get(self, request: Request, pk: int) -> Response:
        leerling = get_leerling_for_user(request.user, pk, reason="api: leerling")
        return Response({"id": leerling.pk})


urlpatterns = [
    path("api/v1/test-leerlingen/<int:pk>", LeerlingLezenView.as_view()),
    path("api/v1/test-toegang/<int:pk>", LeerlingViaToegangView.as_view()),
    *project_urls.urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def lvs(users, leerlingen):
    """The leerlingvolgsysteem of the school where the pupil `leerlingen.eigen` goes."""
    school = Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie
    return ApiClientFactory(
        swv=school.swv, organisatie=school, naam="LVS De Regenboog", scopes=[Scope.CASUSSEN_LEZEN]
    )


def test_a_read_by_an_api_client_names_the_client_not_a_user(client, lvs, leerlingen):
    leerling = leerlingen.eigen

    response = client.get(f"/api/v1/test-leerlingen/{leerling.pk}", **bearer(lvs.token))

    assert response.status_code == 200
    event = AuditEvent.objects.get()
    assert event.actor_id is None
    assert event.api_client_id == lvs.pk
    assert event.actor_username == "API-client: LVS De Regenboog"
    assert event.rol == ""
    assert event.organisatie_id == lvs.organisatie_id
    assert event.swv_id == leerling.swv_id
    assert (event.action, event.result) == (AuditEvent.Action.READ, AuditEvent.Result.OK)
    assert (event.object_type, event.object_id, event.leerling_id) == (
        "cases.leerling",
        str(leerling.pk),
        leerling.pk,
    )
    assert event.reason == "api: leerling"
    assert event.ip_address == "127.0.0.1"
    assert event.request_id == response["X-Request-ID"]


def test_a_pupil_refused_to_an_api_client_is_logged_as_denied(client, lvs, leerlingen):
    # A client has no role, so the access helper shows it no pupil: 404, and the attempt is logged.
    leerling = leerlingen.eigen

    response = client.get(f"/api/v1/test-toegang/{leerling.pk}", **bearer(lvs.token))

    assert response.status_code == 404
    event = AuditEvent.objects.get()
    assert event.actor_id is None
    assert event.api_client_id == lvs.pk
    assert event.actor_username == "API-client: LVS De Regenboog"
    assert event.result == AuditEvent.Result.DENIED
    assert event.leerling_id == leerling.pk
    # The pupil's SWV owns the row, so its privacy officer sees the attempt.
    assert event.swv_id == leerling.swv_id
    assert event.request_id == response["X-Request-ID"]


def test_a_client_of_another_swv_is_logged_in_the_pupils_swv(client, leerlingen):
    vreemd = ApiClientFactory(naam="Elders", scopes=[Scope.CASUSSEN_LEZEN])

    response = client.get(f"/api/v1/test-toegang/{leerlingen.eigen.pk}", **bearer(vreemd.token))

    assert response.status_code == 404
    event = AuditEvent.objects.get()
    assert (event.api_client_id, event.swv_id, event.organisatie_id) == (
        vreemd.pk,
        leerlingen.eigen.swv_id,
        vreemd.organisatie_id,
    )


def test_without_a_pupil_the_row_belongs_to_the_clients_swv(lvs):
    # A DRF request authenticated by the real authentication class, as a view would get it.
    django_request = APIRequestFactory().get("/api/v1/iets", **bearer(lvs.token))
    request = Request(django_request, authenticators=[ApiClientAuthentication()])

    event = audit_log(request=request, action=AuditEvent.Action.EXPORT, object_type="api.export")

    assert isinstance(request.user, ApiClientUser)
    assert (event.actor_id, event.api_client_id) == (None, lvs.pk)
    assert (event.swv_id, event.organisatie_id) == (lvs.swv_id, lvs.organisatie_id)


def test_outside_a_request_the_client_can_be_the_actor(lvs, leerlingen):
    # For instance a Celery task that works for a client.
    event = audit_log(actor=ApiClientUser(lvs), action=AuditEvent.Action.READ, leerling=leerlingen.eigen)

    assert (event.actor_id, event.api_client_id, event.actor_username) == (
        None,
        lvs.pk,
        "API-client: LVS De Regenboog",
    )


def test_the_privacy_log_and_its_csv_show_the_client(client, lvs, leerlingen, users, client_for):
    leerling = leerlingen.eigen
    client.get(f"/api/v1/test-leerlingen/{leerling.pk}", **bearer(lvs.token))
    officer = client_for(users[Rol.SWV_COORDINATOR])

    page = officer.get(reverse("audit:timeline"), {"actie": "read", "van": "2000-01-01"})

    [row] = [r for r in page.context["page"].object_list if r.reason == "api: leerling"]
    assert row.actor_id is None
    assert row.actor_username == "API-client: LVS De Regenboog"
    assert row.organisatie == lvs.organisatie.naam
    assert "API-client: LVS De Regenboog" in page.content.decode()

    export = officer.get(reverse("audit:export"), {"actie": "read"})

    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(body), delimiter=";") if r["reden"] == "api: leerling"]
    assert [(r["gebruiker_id"], r["gebruikersnaam"], r["organisatie"]) for r in rows] == [
        ("", "API-client: LVS De Regenboog", lvs.organisatie.naam)
    ]
