"""The verzuim part of `manage.py genereer_testdata` (thuiszitters/testdata.py): a year of absence per pupil
on lesdagen only, a realistic mix, meldingen and open thuiszitters that pass the models' own validation."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from cases.models import Leerling
from partners.models import Organisatie
from thuiszitters.models import Absentie, Schoolvakantie, Thuiszitter, Verzuimmelding
from thuiszitters.testdata import AANTALLEN

pytestmark = pytest.mark.django_db


def test_klein_gives_absence_on_lesdagen_a_realistic_mix_and_valid_meldingen_and_thuiszitters():
    uit = io.StringIO()
    call_command("genereer_testdata", "--schaal", "klein", "--seed", "7", stdout=uit)
    assert "absenties" in uit.getvalue()

    # About the configured total (rounding per pupil), over the pupils of both SWVs.
    totaal = Absentie.objects.count()
    assert abs(totaal - AANTALLEN["klein"]["absenties"]) < 0.1 * AANTALLEN["klein"]["absenties"]
    # Holidays loaded from the shipped file; every school has a region; no absence on a weekend or in a holiday.
    assert Schoolvakantie.objects.exists()
    assert not Organisatie.objects.filter(soort="school", vakantieregio="").exists()
    assert not Absentie.objects.filter(datum__week_day__in=[1, 7]).exists()
    for vakantie in Schoolvakantie.objects.all():
        assert not Absentie.objects.filter(
            school__vakantieregio=vakantie.regio, datum__range=(vakantie.begin, vakantie.eind)
        ).exists(), vakantie

    # Most pupils a few days, a few chronic; ongeoorloofd a minority.
    per_leerling = sorted(
        Absentie.objects.values("leerling").annotate(n=Count("pk")).order_by().values_list("n", flat=True)
    )
    assert per_leerling[len(per_leerling) // 2] < 20 < per_leerling[-1]
    assert Absentie.objects.filter(geoorloofd=False).count() < 0.4 * totaal
    assert Leerling.objects.count() > len(per_leerling)  # some pupils were never absent

    # Meldingen in several statuses and open thuiszitters, each valid against the model.
    assert Verzuimmelding.objects.values("status").distinct().count() >= 4
    assert Thuiszitter.objects.open().count() == Thuiszitter.objects.count() > 0
    for rij in [*Verzuimmelding.objects.all(), *Thuiszitter.objects.all()]:
        rij.full_clean()
    # Meldingen are for pupils with at least 16 ongeoorloofde uren.
    uren = (
        Absentie.objects.filter(geoorloofd=False, leerling__verzuimmeldingen__isnull=False)
        .values("leerling")
        .annotate(u=Sum("uren"))
    )
    assert all(rij["u"] >= 16 for rij in uren)
