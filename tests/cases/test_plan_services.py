"""Plan services: versions are never edited in place, vaststellen replaces the previous version in one
transaction (and is race-safe), instemming, actions carry over, evaluations; every write on the tijdlijn."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from cases.models import Actie, Plan, TijdlijnGebeurtenis
from cases.selectors_plan import plan_vergelijken
from cases.services_plan import (
    actie_bijwerken,
    actie_toevoegen,
    evaluatie_vastleggen,
    instemming_vastleggen,
    plan_bijwerken,
    plan_concept_maken,
    plan_vaststellen,
)
from swv.core.models import Rol
from tests.cases.factories_plan import maak_casus, maak_ouder
from tests.factories import OrganisatieFactory, SamenwerkingsverbandFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(swv):
    return maak_casus(swv)


def test_a_vastgesteld_version_is_never_edited_and_a_new_version_copies_it(casus, users):
    coordinator = users[Rol.SWV_COORDINATOR]
    v1 = plan_concept_maken(casus=casus, by=coordinator)
    plan_bijwerken(plan=v1, by=coordinator, doelen="Lezen op niveau 1F", uitstroomprofiel="vmbo_bb")
    plan_vaststellen(plan=v1, by=coordinator, op=datetime.date(2026, 9, 1))
    with pytest.raises(ValidationError) as e:
        plan_bijwerken(plan=v1, by=coordinator, doelen="Iets anders")
    assert "nieuwe versie" in str(e.value)
    v1.refresh_from_db()
    assert (v1.status, v1.doelen, v1.vastgesteld_door) == ("vastgesteld", "Lezen op niveau 1F", coordinator)

    v2 = plan_concept_maken(casus=casus, by=coordinator)
    assert (v2.versie, v2.status, v2.doelen, v2.uitstroomprofiel) == (
        2,
        "concept",
        "Lezen op niveau 1F",
        "vmbo_bb",
    )
    with pytest.raises(ValidationError, match="al een conceptversie"):
        plan_concept_maken(casus=casus, by=coordinator)
    plan_bijwerken(plan=v2, by=coordinator, doelen="Lezen op niveau 2F")
    plan_vaststellen(plan=v2, by=coordinator)
    statussen = dict(Plan.objects.filter(casus=casus).values_list("versie", "status"))
    assert statussen == {1: "vervangen", 2: "vastgesteld"}
    assert Plan.objects.get(versie=1).doelen == "Lezen op niveau 1F"
    titels = list(
        TijdlijnGebeurtenis.objects.filter(casus=casus).order_by("pk").values_list("titel", flat=True)
    )
    assert titels == [
        "Plan versie 1 (concept) aangemaakt",
        "Plan versie 1 (concept) gewijzigd",
        "Plan versie 1 vastgesteld",
        # The case was in behandeling: the plan moves it on (part capi); version 2 leaves it as it is.
        "Status: In behandeling → Plan vastgesteld",
        "Plan versie 2 (concept) aangemaakt",
        "Plan versie 2 (concept) gewijzigd",
        "Plan versie 2 vastgesteld",
    ]

    vergelijking = {
        r["veld"]: r for r in plan_vergelijken(Plan.objects.get(versie=1), Plan.objects.get(versie=2))
    }
    assert vergelijking["doelen"]["gewijzigd"]
    assert not vergelijking["onderbouwing"]["gewijzigd"]
    stukken = vergelijking["doelen"]["stukken"]
    assert ("verwijderd", "1F") in stukken
    assert ("toegevoegd", "2F") in stukken


def test_instemming_needs_an_ouder_with_gezag_of_this_pupil_and_a_note_when_not_agreed(casus, users, swv):
    coordinator = users[Rol.SWV_COORDINATOR]
    plan = plan_concept_maken(casus=casus, by=coordinator)
    zonder_gezag = maak_ouder(casus, gezag=False)
    andere = maak_ouder(maak_casus(swv))
    with pytest.raises(ValidationError) as e:
        instemming_vastleggen(
            plan=plan, by=coordinator, instemming="niet_ingestemd", op=None, door=zonder_gezag
        )
    assert e.value.message_dict == {
        "instemming_op": ["Vul de datum in."],
        "instemming_door": ["Alleen een ouder of verzorger met gezag kan instemmen."],
        "instemming_toelichting": ["Noteer waarom de ouders niet instemmen."],
    }
    with pytest.raises(ValidationError) as e:
        instemming_vastleggen(
            plan=plan, by=coordinator, instemming="ingestemd", op=datetime.date(2026, 9, 1), door=andere
        )
    assert list(e.value.message_dict) == ["instemming_door"]
    ouder = maak_ouder(casus)
    instemming_vastleggen(
        plan=plan, by=coordinator, instemming="ingestemd", op=datetime.date(2026, 9, 1), door=ouder
    )
    plan.refresh_from_db()
    assert (plan.instemming, plan.instemming_door, plan.instemming_op) == (
        "ingestemd",
        ouder,
        datetime.date(2026, 9, 1),
    )
    assert TijdlijnGebeurtenis.objects.filter(casus=casus, soort="plan_instemming").exists()


def test_open_actions_carry_over_to_a_new_version_and_finished_ones_stay(casus, users, swv):
    coordinator = users[Rol.SWV_COORDINATOR]
    wijkteam = OrganisatieFactory(swv=swv, wijkteam=True)
    v1 = plan_concept_maken(casus=casus, by=coordinator)
    open_actie = actie_toevoegen(
        casus=casus, by=coordinator, omschrijving="Gesprek met ouders", eigenaar_organisatie=wijkteam
    )
    klaar = actie_toevoegen(
        casus=casus, by=coordinator, omschrijving="Dyslexieonderzoek", eigenaar_organisatie=wijkteam
    )
    actie_bijwerken(actie=klaar, by=coordinator, status="afgerond")
    klaar.refresh_from_db()
    assert klaar.afgerond_op is not None
    plan_vaststellen(plan=v1, by=coordinator)
    v2 = plan_concept_maken(casus=casus, by=coordinator)
    assert Actie.objects.get(pk=open_actie.pk).plan == v2
    assert Actie.objects.get(pk=klaar.pk).plan == v1
    with pytest.raises(ValidationError) as e:
        actie_toevoegen(casus=casus, by=coordinator, omschrijving="x")
    assert "eigenaar_organisatie" in e.value.message_dict
    elders = OrganisatieFactory(swv=SamenwerkingsverbandFactory(), wijkteam=True)
    with pytest.raises(ValidationError) as e:
        actie_toevoegen(casus=casus, by=coordinator, omschrijving="x", eigenaar_organisatie=elders)
    assert "eigenaar_organisatie" in e.value.message_dict


def test_an_evaluation_belongs_to_the_vastgesteld_plan_and_is_not_in_the_future(casus, users):
    coordinator = users[Rol.SWV_COORDINATOR]
    plan = plan_vaststellen(plan=plan_concept_maken(casus=casus, by=coordinator), by=coordinator)
    with pytest.raises(ValidationError) as e:
        evaluatie_vastleggen(
            casus=casus, by=coordinator, datum=datetime.date(2999, 1, 1), conclusie="deels", verslag="x"
        )
    assert list(e.value.message_dict) == ["datum"]
    evaluatie = evaluatie_vastleggen(
        casus=casus,
        by=coordinator,
        datum=datetime.date(2026, 1, 5),
        conclusie="deels",
        verslag="Goed gesprek",
    )
    assert (evaluatie.plan, evaluatie.vastgelegd_door, evaluatie.met_ouders) == (plan, coordinator, True)
    assert TijdlijnGebeurtenis.objects.filter(casus=casus, soort="evaluatie").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_vaststellen_leave_one_vastgesteld_version(swv, users):
    """Two real transactions: the second waits on the row lock and is refused in Dutch."""
    coordinator = users[Rol.SWV_COORDINATOR]
    casus = maak_casus(swv)
    plan = plan_concept_maken(casus=casus, by=coordinator)
    barrier = threading.Barrier(2)
    uitkomsten: list[str] = []

    def vaststellen():
        try:
            barrier.wait()
            plan_vaststellen(plan=plan, by=coordinator)
            uitkomsten.append("ok")
        except ValidationError as exc:
            uitkomsten.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=vaststellen) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["['Alleen een conceptversie kan worden vastgesteld.']", "ok"]
    assert Plan.objects.filter(casus=casus, status="vastgesteld").count() == 1
    assert TijdlijnGebeurtenis.objects.filter(casus=casus, soort="plan_vastgesteld").count() == 1
