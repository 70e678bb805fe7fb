"""No database constraint name ever reaches the user: each constraint of the registry has a Dutch message on
its field, on pages, in the API and when two writes race (swv.core.constraints)."""

import json
import threading
from decimal import Decimal

import pytest
from django.db import connections, transaction
from django.urls import reverse

from partners import services
from partners.models import Jeugdzorgregio, Organisatie, Voorziening
from swv.core.constraints import veld_van
from swv.core.models import Rol
from tests.factories import OrganisatieFactory, SleutelfiguurFactory, VoorzieningFactory

PARTNER_MODELLEN = list(Organisatie._meta.apps.get_app_config("partners").get_models())


@pytest.mark.parametrize(
    "constraint",
    [c for m in PARTNER_MODELLEN for c in m._meta.constraints],
    ids=lambda c: c.name,
)
def test_every_constraint_of_the_registry_declares_its_field_and_a_dutch_message(constraint):
    assert veld_van(constraint.name), f"{constraint.name}: use op_veld(...) next to the constraint"
    bericht = str(constraint.violation_error_message)
    assert bericht != str(constraint.default_violation_error_message)
    assert constraint.name not in bericht


def test_a_negative_cost_on_the_page_is_a_dutch_error_on_the_cost_field(swv, users, client_for):
    ggd = OrganisatieFactory(swv=swv, ggd=True)
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        reverse("partners:voorziening_nieuw"),
        {
            "naam": "Rebound",
            "aanbieder": ggd.pk,
            "doelgroep": "gedrag",
            "sector": "VO",
            "capaciteit": "12",
            "bezetting": "7",
            "wachttijd_weken": "3",
            "kosten_per_plek": "-5",
        },
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"kosten_per_plek": ["De kosten per plek kunnen niet negatief zijn."]}
    html = response.content.decode()
    assert "voorziening_kosten_niet_negatief" not in html
    assert "De kosten per plek kunnen niet negatief zijn." in html
    assert not Voorziening.objects.filter(naam="Rebound").exists()


def test_a_service_puts_a_check_constraint_on_its_field(swv):
    voorziening = VoorzieningFactory(swv=swv)
    with pytest.raises(services.ValidationError) as fout:
        services.voorziening_update(voorziening=voorziening, by=None, kosten_per_plek=Decimal("-1"))
    assert fout.value.message_dict == {"kosten_per_plek": ["De kosten per plek kunnen niet negatief zijn."]}


def test_the_api_names_the_field_of_a_constraint_in_dutch(swv, users, client_for):
    rol = SleutelfiguurFactory(swv=swv)
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.patch(
        f"/api/v1/sleutelfiguren/{rol.pk}",
        json.dumps({"tot": (rol.van.replace(year=rol.van.year - 1)).isoformat()}),
        content_type="application/json",
    )

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert [(p["name"], p["reason"]) for p in response.json()["invalidParams"]] == [
        ("tot", "De einddatum ligt vóór de begindatum.")
    ]
    assert "sleutelfiguur_tot_na_van" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_unique_name_that_races_is_the_dutch_error_on_its_field_not_an_integrity_error(swv):
    """The other insert is still uncommitted when this one passes full_clean: the database decides, and
    the loser gets the declared message on `naam`, the same as full_clean gives afterwards."""
    ingevoegd = threading.Event()
    klaar = threading.Event()
    uitkomst: list = [None, None]

    def eerste():
        try:
            with transaction.atomic():
                Jeugdzorgregio.objects.create(swv=swv, naam="Regio Noord")
                ingevoegd.set()
                klaar.wait(10)
        finally:
            connections.close_all()

    def tweede():
        try:
            ingevoegd.wait(10)
            threading.Timer(0.5, klaar.set).start()
            uitkomst[1] = services.jeugdzorgregio_create(swv=swv, by=None, naam="Regio Noord")
        except Exception as exc:
            uitkomst[1] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=eerste), threading.Thread(target=tweede)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert isinstance(uitkomst[1], services.ValidationError), uitkomst[1]
    verwacht = {"naam": ["Er is in dit samenwerkingsverband al een jeugdzorgregio met deze naam."]}
    assert uitkomst[1].message_dict == verwacht
    assert Jeugdzorgregio.objects.filter(swv=swv, naam="Regio Noord").count() == 1
    with pytest.raises(services.ValidationError) as later:
        services.jeugdzorgregio_create(swv=swv, by=None, naam="Regio Noord")
    assert later.value.message_dict == verwacht
