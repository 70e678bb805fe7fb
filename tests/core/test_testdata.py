"""`manage.py genereer_testdata`: volume data for benchmarks, fictional, valid, deterministic and only
in an empty database (swv/core/testdata.py, partners/testdata.py)."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from partners.models import (
    Afspraak,
    Jeugdzorgregio,
    Organisatie,
    Persoon,
    SchoolSwv,
    Sleutelfiguur,
    Voorziening,
)
from swv.audit.models import AuditEvent
from swv.core.models import Lidmaatschap, Rol, Samenwerkingsverband, User
from tests.twofactor import current_code

pytestmark = pytest.mark.django_db


def genereer(seed: int = 7, *extra: str) -> None:
    call_command("genereer_testdata", "--schaal", "klein", "--seed", str(seed), *extra, stdout=io.StringIO())


def namen() -> list[str]:
    return [
        *Samenwerkingsverband.objects.order_by("code").values_list("naam", flat=True),
        *Organisatie.objects.order_by("swv__code", "soort", "code", "naam").values_list("naam", flat=True),
        *(str(p) for p in Persoon.objects.order_by("swv__code", "email")),
        *Sleutelfiguur.objects.order_by("persoon__email", "van").values_list("functie", flat=True),
        *Afspraak.objects.order_by("titel").values_list("titel", flat=True),
        *Voorziening.objects.order_by("naam").values_list("naam", flat=True),
    ]


def test_klein_makes_two_swvs_with_the_registered_counts():
    genereer()

    assert list(Samenwerkingsverband.objects.values_list("code", flat=True)) == ["PO9801", "VO9802"]
    assert Organisatie.objects.count() == 120
    assert Persoon.objects.count() == 160
    assert Sleutelfiguur.objects.count() == 200
    assert Afspraak.objects.count() == 20
    assert Voorziening.objects.count() == 16
    assert AuditEvent.objects.count() == 200
    assert Jeugdzorgregio.objects.count() == 2
    for swv in Samenwerkingsverband.objects.all():
        assert Organisatie.objects.filter(swv=swv).count() == 60
        assert Organisatie.objects.filter(swv=swv, soort="gemeente", in_werkgebied=True).count() == 3
        scholen = Organisatie.objects.filter(swv=swv, soort="school")
        assert scholen.count() == SchoolSwv.objects.filter(swv=swv).count() > 0
        # Every school is of the SWV's sector, in a gemeente and under a bestuur of the same SWV.
        assert not scholen.filter(gemeente__isnull=True).exists()
        assert not scholen.exclude(schoolbestuur__swv=swv).exists()
        po = {"BAO", "SBAO", "SO"}
        assert set(scholen.values_list("soort_onderwijs", flat=True)) <= (
            po if swv.sector == "PO" else {"VO", "PRO", "VSO"}
        )
        assert Sleutelfiguur.objects.filter(swv=swv).exclude(organisatie__swv=swv).count() == 0
        assert Sleutelfiguur.objects.filter(swv=swv).huidig().exists()
        assert Sleutelfiguur.objects.filter(swv=swv, tot__isnull=False).exists()  # people who moved
        assert set(Sleutelfiguur.objects.filter(swv=swv).values_list("niveau", flat=True)) == {
            "uitvoering",
            "organisatie",
            "bestuur_beleid",
        }
        assert (
            not Afspraak.objects.filter(swv=swv)
            .exclude(partijen__swv=swv)
            .filter(partijen__isnull=False)
            .exists()
        )
        assert AuditEvent.objects.filter(swv=swv).count() == 100


def test_generated_rows_pass_the_models_own_validation():
    genereer()

    for model in (Organisatie, Sleutelfiguur, Afspraak, Voorziening, Persoon):
        for obj in model.objects.all():
            obj.full_clean()  # raises ValidationError on an invalid code, postcode, date order, tenancy


def test_the_same_seed_gives_the_same_names_and_another_seed_other_names():
    with transaction.atomic():
        genereer(seed=7)
        eerst = namen()
        transaction.set_rollback(True)
    assert not Samenwerkingsverband.objects.exists()
    with transaction.atomic():
        genereer(seed=8)
        ander = namen()
        transaction.set_rollback(True)
    genereer(seed=7)

    assert namen() == eerst
    assert len(eerst) > 500
    assert ander != eerst


def test_it_refuses_a_database_that_already_holds_an_swv_and_adds_beside_it_with_force(swv):
    bestaande = Organisatie.objects.count()

    with pytest.raises(CommandError, match="alleen in een lege database"):
        genereer()
    assert Organisatie.objects.count() == bestaande
    assert Samenwerkingsverband.objects.count() == 1

    genereer(7, "--force")
    assert Samenwerkingsverband.objects.count() == 3
    assert Organisatie.objects.filter(swv=swv).count() == bestaande


def test_each_swv_has_a_coordinator_who_logs_in_with_both_steps_and_sees_the_registry(client):
    genereer()
    user = User.objects.get(username="coordinator-po9801")
    lidmaatschap = Lidmaatschap.objects.get(user=user)
    assert lidmaatschap.rol == Rol.SWV_COORDINATOR
    assert lidmaatschap.organisatie.soort == "swv"
    assert lidmaatschap.organisatie.swv == lidmaatschap.swv

    client.post("/inloggen/", {"username": user.username, "password": settings.DEMO_PASSWORD})
    device = user.totpdevice_set.get()
    client.post("/tweestapsverificatie/", {"code": current_code(device), "next": "/"})
    response = client.get("/partners/?q=Gemeente")

    assert response.status_code == 200
    eigen_gemeente = Organisatie.objects.filter(swv=lidmaatschap.swv, soort="gemeente").first()
    assert eigen_gemeente.naam in response.content.decode()
