"""Two writes of the same thing at the same moment, on real PostgreSQL with a connection per thread.

Found by an integrator: the same key person moved twice at once gave two current roles (201 + 201), the same
vestigingscode posted twice at once gave 201 + 500. Now one wins and the other gets a Dutch 400, every run.
"""

import json
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.utils import timezone

from partners import services
from partners.models import Organisatie, Sleutelfiguur
from swv.core.api.exceptions import problem_exception_handler
from swv.core.api.scopes import Scope
from tests.factories import ApiClientFactory, OrganisatieFactory, SleutelfiguurFactory

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 5


def _tegelijk(*taken):
    """Run each callable in its own thread (own database connection), released at the same moment."""
    start = threading.Barrier(len(taken))
    uitkomsten: list = [None] * len(taken)

    def loop(i, taak):
        try:
            start.wait()
            uitkomsten[i] = taak()
        except Exception as exc:  # the assertion below shows what went wrong
            uitkomsten[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=loop, args=(i, t)) for i, t in enumerate(taken)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return uitkomsten


@pytest.fixture
def schrijver(swv):
    client = ApiClientFactory(swv=swv, scopes=[Scope.PARTNERS_LEZEN, Scope.PARTNERS_SCHRIJVEN])
    return {"HTTP_AUTHORIZATION": f"Bearer {client.token}"}


def _post(url, data, headers):
    return Client().post(url, json.dumps(data), content_type="application/json", **headers)


def test_the_same_role_moved_twice_at_once_leaves_one_current_role_and_a_dutch_400(swv, schrijver):
    for _ in range(RUNS):
        rol = SleutelfiguurFactory(swv=swv)
        naar = OrganisatieFactory(swv=swv)
        verhuizen = {"naarOrganisatie": naar.pk, "functie": "Zorgcoördinator"}
        url = f"/api/v1/sleutelfiguren/{rol.pk}/verhuizen"

        antwoorden = _tegelijk(*[lambda: _post(url, verhuizen, schrijver)] * 2)

        assert sorted(a.status_code for a in antwoorden) == [201, 400], [a.content for a in antwoorden]
        fout = next(a for a in antwoorden if a.status_code == 400)
        assert fout["Content-Type"] == "application/problem+json"
        assert fout.json()["invalidParams"][0]["reason"] == "Deze rol is op die datum al beëindigd."
        rollen = Sleutelfiguur.objects.filter(persoon=rol.persoon)
        assert rollen.count() == 2
        assert [r.is_huidig for r in rollen.order_by("van", "id")] == [False, True]


def test_the_same_vestigingscode_posted_twice_at_once_is_one_201_and_a_dutch_400(swv, schrijver):
    for run in range(RUNS):
        code = f"0{run}AB00"
        school = {"naam": f"De Wilg {run}", "soort": "school", "code": code}

        antwoorden = _tegelijk(*[lambda: _post("/api/v1/organisaties", school, schrijver)] * 2)

        assert sorted(a.status_code for a in antwoorden) == [201, 400], [a.content for a in antwoorden]
        fout = next(a for a in antwoorden if a.status_code == 400).json()
        assert [(p["name"], p["reason"]) for p in fout["invalidParams"]] == [
            ("code", "Er is in dit samenwerkingsverband al een organisatie van deze soort met deze code.")
        ]
        assert Organisatie.objects.filter(swv=swv, code=code).count() == 1


def test_a_duplicate_that_passes_the_check_before_the_other_commits_is_a_dutch_error_on_code(swv):
    """Deterministic version of the race: the other insert is still uncommitted when this one checks."""
    ingevoegd = threading.Event()
    klaar = threading.Event()

    def eerste():
        with transaction.atomic():
            Organisatie.objects.create(swv=swv, naam="Eerste", soort="school", code="09ZZ00")
            ingevoegd.set()
            klaar.wait(10)  # commit only after the second has passed full_clean and is waiting on the index

    def tweede():
        ingevoegd.wait(10)
        threading.Timer(0.5, klaar.set).start()
        return services.organisatie_create(swv=swv, by=None, naam="Tweede", soort="school", code="09ZZ00")

    eerste_uitkomst, tweede_uitkomst = _tegelijk(eerste, tweede)

    assert eerste_uitkomst is None
    assert isinstance(tweede_uitkomst, services.ValidationError), tweede_uitkomst
    assert tweede_uitkomst.message_dict == {
        "code": ["Er is in dit samenwerkingsverband al een organisatie van deze soort met deze code."]
    }
    assert list(Organisatie.objects.filter(code="09ZZ00").values_list("naam", flat=True)) == ["Eerste"]


def test_a_duplicate_code_entered_later_is_the_same_dutch_error_on_the_code_field(swv):
    OrganisatieFactory(swv=swv, school=True, code="05KO00")
    with pytest.raises(services.ValidationError) as fout:
        services.organisatie_create(swv=swv, by=None, naam="Dubbel", soort="school", code="05KO00")
    assert fout.value.message_dict == {
        "code": ["Er is in dit samenwerkingsverband al een organisatie van deze soort met deze code."]
    }


def test_any_integrity_error_that_reaches_the_api_is_a_409_problem_not_a_500(rf):
    """Platform rule: whatever constraint refuses a write, the client gets 409 problem+json."""
    from django.db import IntegrityError
    from rest_framework.request import Request

    request = Request(rf.post("/api/v1/iets"))
    response = problem_exception_handler(IntegrityError("duplicate key"), {"request": request})

    assert response is not None
    assert response.status_code == 409
    assert response.data["title"] == "Conflict met de opgeslagen gegevens."
    assert "tegelijk" in response.data["detail"]
    assert response.content_type == "application/problem+json"


def test_the_move_waits_for_a_lock_held_by_another_transaction(swv):
    """The lock is real: a move blocks while another transaction holds the role, then sees its change."""
    rol = SleutelfiguurFactory(swv=swv)
    naar = OrganisatieFactory(swv=swv)
    vast = threading.Event()

    def houder():
        with transaction.atomic():
            Sleutelfiguur.objects.select_for_update().get(pk=rol.pk)
            Sleutelfiguur.objects.filter(pk=rol.pk).update(tot=timezone.localdate())
            vast.set()
            time.sleep(0.5)

    def verhuizer():
        vast.wait(10)
        begin = time.monotonic()
        try:
            services.sleutelfiguur_verhuizen(
                sleutelfiguur=rol, naar_organisatie=naar, functie="X", per=timezone.localdate(), by=None
            )
        except services.ValidationError as exc:
            return time.monotonic() - begin, exc.message_dict
        return time.monotonic() - begin, None

    _, (gewacht, fout) = _tegelijk(houder, verhuizer)

    assert gewacht >= 0.3
    assert fout == {"per": ["Deze rol is op die datum al beëindigd."]}
    assert connection.vendor == "postgresql"
