"""Partner systems (API clients): hashed tokens, 401/403/429 problems, rotation, revocation, admin, command."""

import datetime as dt
import hashlib
import io
import json

import pytest
import rules
import time_machine
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from swv.core.acting import lidmaatschap_van
from swv.core.api.authentication import ApiClientUser
from swv.core.api.permissions import scope_required
from swv.core.api.scopes import BESCHRIJVINGEN, Scope
from swv.core.api.services import api_client_create, api_client_revoke, api_client_rotate
from swv.core.models import ApiClient, Rol
from tests.factories import ApiClientFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def ik_naam(client, token: str) -> str:
    """The name of the API client `token` authenticates as, from /api/v1/ik."""
    response = client.get("/api/v1/ik", **bearer(token))
    assert response.status_code == 200, response.content
    return response.json()["apiClient"]["naam"]


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    return body


@pytest.fixture
def organisatie(swv):
    return OrganisatieFactory(swv=swv, school=True)


@pytest.fixture
def lvs(organisatie):
    """A school's pupil administration system that may read and write verzuim."""
    return ApiClientFactory(
        swv=organisatie.swv,
        organisatie=organisatie,
        naam="Leerlingvolgsysteem De Regenboog",
        scopes=[Scope.VERZUIM_LEZEN, Scope.VERZUIM_SCHRIJVEN],
    )


# --- tokens are shown once and stored hashed ------------------------------------------------------


def test_created_token_is_returned_once_and_only_its_hash_is_stored(organisatie):
    client, token = api_client_create(
        naam="Leerplichtadministratie", organisatie=organisatie, scopes=[Scope.VERZUIM_LEZEN], by=None
    )

    kenmerk, prefix, secret = token.split("_", 2)
    assert kenmerk == "kr"
    assert prefix == client.token_prefix
    assert len(secret) >= 40
    assert client.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(c)::text FROM core_apiclient c WHERE id = %s", [client.pk])
        (row,) = cursor.fetchone()
    assert secret not in row
    assert token not in row
    assert client.swv == organisatie.swv


def test_two_clients_never_share_a_token(organisatie):
    tokens = {ApiClientFactory(organisatie=organisatie, swv=organisatie.swv).token for _ in range(5)}

    assert len(tokens) == 5


def test_unknown_scopes_are_refused(organisatie):
    with pytest.raises(ValidationError):
        api_client_create(naam="Onbekend", organisatie=organisatie, scopes=["alles:mogen"], by=None)

    assert not ApiClient.objects.exists()


# --- authentication -----------------------------------------------------------------------------


def test_valid_token_authenticates_and_ik_shows_the_client(client, lvs):
    response = client.get("/api/v1/ik", **bearer(lvs.token))

    assert response.status_code == 200
    body = response.json()
    assert body["soort"] == "apiClient"
    assert body["gebruikersnaam"] is None
    assert body["lidmaatschappen"] == []
    assert body["apiClient"] == {
        "naam": "Leerlingvolgsysteem De Regenboog",
        "organisatie": lvs.organisatie.naam,
        "swv": "PO9801",
        "scopes": ["verzuim:lezen", "verzuim:schrijven"],
        "verlooptOp": None,
    }


def test_ik_still_describes_a_logged_in_person(users, client_for):
    body = client_for(users[Rol.SWV_COORDINATOR.value]).get("/api/v1/ik").json()

    assert body["soort"] == "gebruiker"
    assert body["gebruikersnaam"] == "swv_coordinator"
    assert body["apiClient"] is None


def test_request_without_credentials_gets_401_with_a_bearer_challenge(client):
    response = client.get("/api/v1/ik")

    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def _wrong_secret(client: ApiClient, token: str) -> str:
    return token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")


@pytest.mark.parametrize(
    ("geval", "maak_token", "melding"),
    [
        ("wrong secret", _wrong_secret, "Ongeldig token."),
        ("unknown prefix", lambda c, t: "kr_000000000000_" + t.split("_", 2)[2], "Ongeldig token."),
        ("not our format", lambda c, t: "geen-token", "Ongeldig token."),
        ("DRF style key", lambda c, t: "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", "Ongeldig token."),
    ],
)
def test_wrong_or_unknown_token_gets_401_problem(client, lvs, geval, maak_token, melding):
    response = client.get("/api/v1/ik", **bearer(maak_token(lvs, lvs.token)))

    body = assert_problem(response, 401)
    assert body["detail"] == melding


def test_token_with_space_in_header_gets_401_problem(client, lvs):
    assert_problem(client.get("/api/v1/ik", HTTP_AUTHORIZATION=f"Bearer {lvs.token} extra"), 401)


def test_revoked_token_gets_401_problem(client, lvs):
    api_client_revoke(client=lvs, by=None)

    body = assert_problem(client.get("/api/v1/ik", **bearer(lvs.token)), 401)
    assert body["detail"] == "Dit token is ingetrokken."


def test_expired_token_gets_401_problem(client, organisatie):
    lvs = ApiClientFactory(
        organisatie=organisatie, swv=organisatie.swv, verloopt_op=timezone.now() + dt.timedelta(days=1)
    )
    assert ik_naam(client, lvs.token) == lvs.naam

    with time_machine.travel(timezone.now() + dt.timedelta(days=1, seconds=1)):
        body = assert_problem(client.get("/api/v1/ik", **bearer(lvs.token)), 401)

    assert body["detail"] == "Dit token is verlopen."


def test_inactive_client_gets_401_problem(client, organisatie):
    lvs = ApiClientFactory(organisatie=organisatie, swv=organisatie.swv, actief=False)

    body = assert_problem(client.get("/api/v1/ik", **bearer(lvs.token)), 401)
    assert body["detail"] == "Deze API-client is uitgeschakeld."


def test_rotation_stops_the_old_token_at_once_and_the_new_one_works(client, lvs):
    oud = lvs.token

    nieuw = api_client_rotate(client=lvs, by=None)

    assert nieuw != oud
    assert lvs.token_prefix == nieuw.split("_")[1]
    assert_problem(client.get("/api/v1/ik", **bearer(oud)), 401)
    assert ik_naam(client, nieuw) == lvs.naam


def test_a_revoked_client_cannot_get_a_new_token(lvs):
    api_client_revoke(client=lvs, by=None)

    with pytest.raises(ValidationError):
        api_client_rotate(client=lvs, by=None)


def test_token_is_not_checked_for_csrf_and_session_is_not_needed(lvs):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/identificatie/controle",
        data=json.dumps({"nummer": "123456789"}),
        content_type="application/json",
        **bearer(lvs.token),
    )

    assert response.status_code == 200
    # The check itself ran (123456789 fails the elfproef), not a CSRF or session refusal page.
    assert response.json() == {"geldig": False, "soort": None}


# --- last use -----------------------------------------------------------------------------------


def _updates_of_api_clients(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "core_apiclient" in q["sql"]]


def test_last_use_is_recorded_but_not_written_on_every_request(client, lvs):
    assert lvs.laatst_gebruikt_op is None
    start = timezone.now()

    with time_machine.travel(start, tick=False), CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert ik_naam(client, lvs.token) == lvs.naam

    assert len(_updates_of_api_clients(queries)) == 1
    lvs.refresh_from_db()
    assert lvs.laatst_gebruikt_op == start

    later = start + dt.timedelta(minutes=2)
    with time_machine.travel(later, tick=False), CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/ik", **bearer(lvs.token))
        client.get("/api/v1/ik", **bearer(lvs.token))

    assert len(_updates_of_api_clients(queries)) == 1
    lvs.refresh_from_db()
    assert lvs.laatst_gebruikt_op == later


def test_a_failed_attempt_does_not_count_as_use(client, lvs):
    client.get("/api/v1/ik", **bearer(_wrong_secret(lvs, lvs.token)))

    lvs.refresh_from_db()
    assert lvs.laatst_gebruikt_op is None


# --- scopes -------------------------------------------------------------------------------------


class VerzuimView(APIView):
    """A stand-in for a domain endpoint: reading needs verzuim:lezen, writing verzuim:schrijven."""

    required_scopes = {"GET": [Scope.VERZUIM_LEZEN], "POST": [Scope.VERZUIM_SCHRIJVEN]}

    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        return Response({"ok": True})


class ThuiszittersView(APIView):
    permission_classes = [scope_required(Scope.THUISZITTERS_LEZEN)]

    def get(self, request):
        return Response({"ok": True})


class AlleenVoorMensenView(APIView):
    """No `required_scopes`: closed to API clients (deny by default)."""

    def get(self, request):
        return Response({"ok": True})


def _call(view, method: str, token: str | None = None):
    factory = APIRequestFactory()
    headers = bearer(token) if token else {}
    request = getattr(factory, method)("/api/v1/test", format="json", **headers)
    response = view.as_view()(request)
    response.render()
    response.json = lambda: json.loads(response.content)
    return response


def test_client_with_the_scope_may_call_the_endpoint(organisatie):
    lezer = ApiClientFactory(organisatie=organisatie, swv=organisatie.swv, scopes=[Scope.VERZUIM_LEZEN])

    response = _call(VerzuimView, "get", lezer.token)

    assert response.status_code == 200
    assert response.json() == {"ok": True}


def test_client_without_the_scope_gets_403_problem(organisatie):
    lezer = ApiClientFactory(organisatie=organisatie, swv=organisatie.swv, scopes=[Scope.VERZUIM_LEZEN])

    response = _call(VerzuimView, "post", lezer.token)

    body = assert_problem(response, 403)
    assert "verzuim:schrijven" in body["detail"]


def test_scope_required_lets_in_only_clients_with_that_scope(organisatie, lvs):
    thuiszitters = ApiClientFactory(
        organisatie=organisatie, swv=organisatie.swv, scopes=[Scope.THUISZITTERS_LEZEN]
    )

    assert _call(ThuiszittersView, "get", thuiszitters.token).json() == {"ok": True}
    assert_problem(_call(ThuiszittersView, "get", lvs.token), 403)


def test_endpoint_without_declared_scopes_is_closed_to_clients(lvs):
    body = assert_problem(_call(AlleenVoorMensenView, "get", lvs.token), 403)

    assert body["detail"] == "Dit endpoint is niet beschikbaar voor API-clients."


def test_unauthenticated_call_of_a_scoped_endpoint_gets_401():
    assert_problem(_call(VerzuimView, "get"), 401)


def test_a_client_has_no_role_so_role_rules_deny_it(lvs):
    user = ApiClientUser(lvs)

    assert lidmaatschap_van(user) is None
    assert not rules.has_perm("core.beheer", user)
    assert not rules.has_perm("cases.module", user)
    assert not user.has_perm("core.view_apiclient")
    assert user.is_authenticated


# --- throttling ---------------------------------------------------------------------------------


def test_each_client_has_its_own_throttle_and_gets_429_problem(client, organisatie, monkeypatch, clean_cache):
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "100/minute", "user": "100/minute", "client": "2/minute"},
    )
    druk = ApiClientFactory(organisatie=organisatie, swv=organisatie.swv)
    rustig = ApiClientFactory(organisatie=organisatie, swv=organisatie.swv)

    answers = [client.get("/api/v1/ik", **bearer(druk.token)) for _ in range(3)]

    assert [r.status_code for r in answers[:2]] == [200, 200]
    body = assert_problem(answers[2], 429)
    assert int(answers[2]["Retry-After"]) > 0
    assert body["detail"]
    assert ik_naam(client, rustig.token) == rustig.naam


# --- OpenAPI ------------------------------------------------------------------------------------


def test_openapi_document_shows_the_bearer_scheme_and_stays_valid(client):
    spec = json.loads(client.get("/api/v1/openapi.json").content)

    validate(spec)
    scheme = spec["components"]["securitySchemes"]["apiClientToken"]
    assert scheme["type"] == "http"
    assert scheme["scheme"] == "bearer"
    assert all(scope in scheme["description"] for scope in BESCHRIJVINGEN)
    assert {"apiClientToken": []} in spec["paths"]["/api/v1/ik"]["get"]["security"]


# --- admin --------------------------------------------------------------------------------------


@pytest.fixture
def beheer(users, client_for):
    """The functioneel beheerder, logged in to /beheer/ with the model permissions for API clients."""
    user = users[Rol.BEHEERDER.value]
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="core",
            codename__in=["add_apiclient", "change_apiclient", "view_apiclient"],
        )
    )
    http = client_for(user)
    if apps.is_installed("django_otp"):
        # Two-factor login is required for staff; a confirmed device verified in this session.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = http.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    http.beheerder = user
    return http


def _bureau(users):
    return users[Rol.BEHEERDER.value].lidmaatschappen.get().organisatie


def test_admin_create_shows_the_token_once_and_stores_only_the_hash(beheer, users, client):
    response = beheer.post(
        "/beheer/core/apiclient/add/",
        {"naam": "Verzuimkoppeling", "organisatie": _bureau(users).pk, "scopes": ["verzuim:lezen"]},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kopieer dit token nu; het wordt niet meer getoond." in html
    assert "no-store" in response["Cache-Control"]
    created = ApiClient.objects.get(naam="Verzuimkoppeling")
    assert created.aangemaakt_door == beheer.beheerder
    assert created.scopes == ["verzuim:lezen"]
    token = html.split('data-testid="api-token">')[1].split("<")[0]
    assert ik_naam(client, token) == "Verzuimkoppeling"
    # Not shown again: neither the list nor the change page has the token or its hash.
    for page in ("/beheer/core/apiclient/", f"/beheer/core/apiclient/{created.pk}/change/"):
        later = beheer.get(page).content.decode()
        assert token not in later
        assert created.token_hash not in later
        assert f"kr_{created.token_prefix}_" in later


def test_admin_rotate_action_shows_new_token_once_and_old_stops_working(beheer, users, client):
    lvs = ApiClientFactory(organisatie=_bureau(users), swv=_bureau(users).swv)

    response = beheer.post(
        "/beheer/core/apiclient/", {"action": "token_vernieuwen", "_selected_action": [lvs.pk]}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kopieer dit token nu; het wordt niet meer getoond." in html
    nieuw = html.split('data-testid="api-token">')[1].split("<")[0]
    assert_problem(client.get("/api/v1/ik", **bearer(lvs.token)), 401)
    assert ik_naam(client, nieuw) == lvs.naam


def test_admin_revoke_action_revokes_the_client(beheer, users, client):
    lvs = ApiClientFactory(organisatie=_bureau(users), swv=_bureau(users).swv)

    response = beheer.post(
        "/beheer/core/apiclient/", {"action": "intrekken", "_selected_action": [lvs.pk]}, follow=True
    )

    assert response.status_code == 200
    lvs.refresh_from_db()
    assert lvs.ingetrokken_op is not None
    assert lvs.ingetrokken_door == beheer.beheerder
    assert_problem(client.get("/api/v1/ik", **bearer(lvs.token)), 401)


def test_admin_change_goes_through_the_service_and_keeps_the_token(beheer, users, client):
    lvs = ApiClientFactory(organisatie=_bureau(users), swv=_bureau(users).swv, scopes=["verzuim:lezen"])

    response = beheer.post(
        f"/beheer/core/apiclient/{lvs.pk}/change/",
        {"naam": "Nieuwe naam", "scopes": ["partners:lezen", "casussen:lezen"], "actief": "on"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:core_apiclient_changelist")
    lvs.refresh_from_db()
    assert lvs.naam == "Nieuwe naam"
    assert lvs.scopes == ["casussen:lezen", "partners:lezen"]
    assert ik_naam(client, lvs.token) == "Nieuwe naam"


def test_admin_shows_a_beheerder_only_the_clients_of_their_own_swv(beheer, users):
    eigen = ApiClientFactory(organisatie=_bureau(users), swv=_bureau(users).swv, naam="Eigen koppeling")
    vreemd = ApiClientFactory(naam="Koppeling van een ander SWV")

    html = beheer.get("/beheer/core/apiclient/").content.decode()

    assert eigen.naam in html
    assert vreemd.naam not in html
    # The admin treats another SWV's client as one that does not exist: back to its index.
    assert beheer.get(f"/beheer/core/apiclient/{vreemd.pk}/change/")["Location"] == reverse("admin:index")


def test_admin_never_deletes_a_client(beheer, users):
    lvs = ApiClientFactory(organisatie=_bureau(users), swv=_bureau(users).swv)

    beheer.post(f"/beheer/core/apiclient/{lvs.pk}/delete/", {"post": "yes"})

    assert ApiClient.objects.filter(pk=lvs.pk).exists()


def test_staff_without_the_model_permission_cannot_open_api_clients(users, client_for):
    response = client_for(users[Rol.BEHEERDER.value]).get("/beheer/core/apiclient/")

    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


# --- management command -------------------------------------------------------------------------


def test_command_prints_only_the_token_on_stdout_and_it_works(client, organisatie):
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "api_client_create",
        "--organisatie",
        str(organisatie.pk),
        "--naam",
        "Koppeling leerplicht",
        "--scope",
        "verzuim:lezen",
        "--scope",
        "thuiszitters:lezen",
        "--verloopt",
        "2027-12-31",
        stdout=out,
        stderr=err,
    )

    token = out.getvalue().strip()
    assert token.startswith("kr_")
    assert "\n" not in token
    assert "niet meer getoond" in err.getvalue()
    created = ApiClient.objects.get(naam="Koppeling leerplicht")
    assert created.scopes == ["thuiszitters:lezen", "verzuim:lezen"]
    assert timezone.localtime(created.verloopt_op) == timezone.make_aware(dt.datetime(2028, 1, 1))
    assert ik_naam(client, token) == "Koppeling leerplicht"


def test_command_refuses_an_unknown_scope(organisatie):
    with pytest.raises(CommandError):
        call_command(
            "api_client_create", "--organisatie", str(organisatie.pk), "--naam", "X", "--scope", "alles"
        )

    assert not ApiClient.objects.exists()


def test_command_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("api_client_create", "--organisatie", "999999", "--naam", "X")
