"""One rule for "a key-person role is current" (issue 8 point 4): started on or before today, and not ended
(no end date, or an end date after today). The same answer on the registry list, the detail page, the API
(filter and field) and the routekaart; a role that starts next month is current nowhere."""

import datetime
import itertools
from types import SimpleNamespace

import pytest
from django.db.models import DateField, Value
from django.urls import reverse
from django.utils import timezone

from partners.models import Sleutelfiguur
from partners.querysets import huidig_q, rol_is_huidig
from swv.core.models import Rol
from tests.factories import OrganisatieFactory, PersoonFactory, SleutelfiguurFactory

pytestmark = pytest.mark.django_db


def vandaag() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def rollen(swv):
    """At one gemeente of the werkgebied, on the bestuur & beleid level: a role that started long ago, one
    ending tomorrow, one that ended today, and one that starts next month."""
    dag = datetime.timedelta(days=1)
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Lindehout")

    def rol(achternaam: str, *, van: datetime.date, tot: datetime.date | None = None) -> Sleutelfiguur:
        return SleutelfiguurFactory(
            swv=swv,
            organisatie=gemeente,
            persoon=PersoonFactory(swv=swv, voornaam="Rol", achternaam=achternaam),
            niveau="bestuur_beleid",
            functie=f"Functie {achternaam}",
            van=van,
            tot=tot,
        )

    return SimpleNamespace(
        gemeente=gemeente,
        lopend=rol("Lopend", van=vandaag() - 400 * dag),
        eindigt_morgen=rol("Eindigtmorgen", van=vandaag() - 30 * dag, tot=vandaag() + dag),
        eindigde_vandaag=rol("Eindigdevandaag", van=vandaag() - 30 * dag, tot=vandaag()),
        komend=rol("Komend", van=vandaag() + 31 * dag),
    )


HUIDIG = {"Lopend", "Eindigtmorgen"}


def test_the_database_rule_and_the_python_rule_agree_on_every_edge():
    op = datetime.date(2026, 6, 15)
    dag = datetime.timedelta(days=1)
    dagen = [op - dag, op, op + dag]
    for van, tot in itertools.product(dagen, [None, *dagen]):
        if tot is not None and tot < van:
            continue
        verwacht = van <= op and (tot is None or tot > op)
        assert rol_is_huidig(van, tot, op) is verwacht, (van, tot)
        # The Q object, evaluated by Django against the same values, says the same.
        waarden = {"van": Value(van, DateField()), "tot": Value(tot, DateField())}
        assert huidig_q(op).check(waarden) is verwacht, (van, tot)


def test_the_queryset_and_the_model_property_give_the_same_current_roles(rollen):
    uit_de_database = {s.persoon.achternaam for s in Sleutelfiguur.objects.huidig()}
    per_object = {s.persoon.achternaam for s in Sleutelfiguur.objects.all() if s.is_huidig}

    assert uit_de_database == per_object == HUIDIG


def test_the_detail_page_shows_a_role_starting_next_month_as_coming_not_current(users, client_for, rollen):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(
        reverse("partners:detail", args=[rollen.gemeente.pk])
    )

    niveaus = {n["sleutel"]: n["sleutelfiguren"] for n in response.context["niveaus"]}
    assert {s.persoon.achternaam for s in niveaus["bestuur_beleid"]} == HUIDIG
    assert [s.persoon.achternaam for s in response.context["eerder"]] == ["Eindigdevandaag"]
    assert [s.persoon.achternaam for s in response.context["komend"]] == ["Komend"]
    html = response.content.decode()
    huidig_deel = html.split('data-testid="niveau-bestuur_beleid"')[1].split("</section>")[0]
    assert "Functie Lopend" in huidig_deel
    assert "Functie Eindigtmorgen" in huidig_deel
    assert "Functie Komend" not in huidig_deel
    assert "Functie Eindigdevandaag" not in huidig_deel
    komend_deel = html.split('data-testid="komende-sleutelfiguren"')[1].split("</ul>")[0]
    assert "Rol Komend" in komend_deel
    assert f"vanaf {rollen.komend.van:%-d-%-m-%Y}" in komend_deel


def test_the_registry_list_counts_only_current_roles(users, client_for, rollen):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("partners:index"))

    rij = next(o for o in response.context["page"].object_list if o.pk == rollen.gemeente.pk)
    assert rij.aantal_sleutelfiguren == len(HUIDIG)


def test_the_api_filter_and_field_use_the_same_rule(users, client_for, rollen):
    client = client_for(users[Rol.SWV_COORDINATOR])

    actueel = client.get("/api/v1/sleutelfiguren?actueel=true").json()["results"]
    assert {r["functie"] for r in actueel} == {"Functie Lopend", "Functie Eindigtmorgen"}
    assert all(r["actueel"] is True for r in actueel)
    niet_actueel = client.get("/api/v1/sleutelfiguren?actueel=false").json()["results"]
    assert {r["functie"] for r in niet_actueel} == {"Functie Eindigdevandaag", "Functie Komend"}
    assert client.get(f"/api/v1/sleutelfiguren/{rollen.komend.pk}").json()["actueel"] is False
    assert client.get(f"/api/v1/sleutelfiguren/{rollen.eindigt_morgen.pk}").json()["actueel"] is True


def test_the_routekaart_shows_only_current_roles(users, client_for, rollen):
    response = client_for(users[Rol.SWV_COORDINATOR]).get(reverse("partners:routekaart"))

    rij = next(r for r in response.context["kaart"].gemeenten if r.gemeente == rollen.gemeente)
    bestuur = next(n for n in rij.niveaus if n.niveau == "bestuur_beleid")
    assert {s.persoon.achternaam for s in bestuur.sleutelfiguren} == HUIDIG
    html = response.content.decode()
    assert "Functie Lopend" in html
    assert "Functie Eindigtmorgen" in html
    assert "Functie Komend" not in html
    assert "Functie Eindigdevandaag" not in html
