"""The demo verzuim (thuiszitters/demo_verzuim.py): every role that works with verzuim sees some of it."""

import pytest
from django.db.models import Count, Sum

from partners.models import Organisatie
from swv.core.demo import load_demo_data
from swv.core.models import User
from thuiszitters.models import Absentie, Schoolvakantie, Signaal, Thuiszitter, Verzuimmelding
from thuiszitters.models.melding import MeldingStatus
from thuiszitters.models.thuiszitter import SoortThuiszitter

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    # Each test loads the demo itself (as tests/cases/test_demo_casussen.py); the test's transaction undoes it.
    return load_demo_data(), load_demo_data()


def test_the_demo_loads_holidays_absence_meldingen_and_thuiszitters_once(demo):
    eerste, tweede = demo
    assert eerste["schoolvakanties"] == Schoolvakantie.objects.count() > 0
    assert eerste["absenties"] == Absentie.objects.count() > 0
    assert eerste["verzuimmeldingen"] == 6
    assert eerste["thuiszitters"] == 5
    # A second run adds nothing.
    for wat in ("schoolvakanties", "absenties", "verzuimmeldingen", "thuiszitters", "verzuimsignalen"):
        assert tweede.get(wat, 0) == 0, wat

    # Meldingen in every status, thuiszitters of every kind (a vrijstelling with its article).
    assert set(Verzuimmelding.objects.values_list("status", flat=True)) == set(MeldingStatus.values)
    assert set(Thuiszitter.objects.values_list("soort", flat=True)) == set(SoortThuiszitter.values)
    assert Thuiszitter.objects.get(soort="vrijstelling").vrijstelling_artikel == "5a"
    # One resolved with an aanbod, one open longer than three months without one.
    assert Thuiszitter.objects.filter(einddatum__isnull=False).exclude(aanbod="").count() == 1
    assert sum(1 for t in Thuiszitter.objects.open() if t.dagen_thuis() > 92 and not t.aanbod) == 1

    # Some pupils past 16 uur ongeoorloofd, some below; one absent every lesdag for weeks.
    uren = dict(
        Absentie.objects.filter(geoorloofd=False)
        .values_list("leerling")
        .annotate(Sum("uren"))
        .order_by()
        .values_list("leerling", "uren__sum")
    )
    assert sum(1 for u in uren.values() if u >= 16) >= 3
    assert any(u < 16 for u in uren.values())
    dagen = Absentie.objects.values("leerling").annotate(n=Count("pk")).order_by("-n").first()
    assert dagen["n"] >= 20  # four lesweken and more


def test_each_role_that_works_with_verzuim_sees_some_rows_and_the_others_none(demo):
    for username in [
        "coordinator",
        "deskundige",
        "medewerker",
        "zorgcoordinator",
        "ib",
        "directeur",
        "leerplicht",
    ]:
        user = User.objects.get(username=username)
        assert Absentie.objects.visible_to(user).exists(), username
        assert Verzuimmelding.objects.visible_to(user).exists(), username
        assert Thuiszitter.objects.visible_to(user).exists(), username
    for username in ["ketenpartner", "bestuurder", "beheerder"]:
        user = User.objects.get(username=username)
        assert not Absentie.objects.visible_to(user).exists(), username
        assert not Thuiszitter.objects.visible_to(user).exists(), username
    # Leerplicht sees the pupils living in its gemeente only, and handled their meldingen (3 status steps).
    leerplicht = User.objects.get(username="leerplicht")
    gemeenten = set(
        Verzuimmelding.objects.visible_to(leerplicht).values_list("leerling__woongemeente__naam", flat=True)
    )
    assert gemeenten == {"Gemeente Lindedal"}
    assert Verzuimmelding.objects.filter(contactpersoon=leerplicht).count() == 3


def test_the_demo_schools_have_a_holiday_region_and_the_checks_ran(demo):
    """The demo runs the periodic checks (as Celery beat would each night), so Signalen and Mijn taken are not
    empty: the school gets its meldplicht signal, the SWV the escalation of the thuiszitter at home over three
    months without an aanbod; roles no signal is meant for see none."""
    eerste, _tweede = demo
    assert set(Organisatie.objects.filter(soort="school").values_list("vakantieregio", flat=True)) == {
        "midden"
    }
    assert eerste["verzuimsignalen"] == Signaal.objects.count() > 0

    def regels(username: str) -> set[str]:
        user = User.objects.get(username=username)
        return set(Signaal.objects.visible_to(user).values_list("regel", flat=True))

    assert "meldplicht_16_uur" in regels("zorgcoordinator")
    assert "meldplicht_16_uur" in regels("ib")
    assert "drie_maanden_zonder_aanbod" in regels("coordinator")
    for username in ["ketenpartner", "bestuurder", "beheerder"]:
        assert regels(username) == set(), username
