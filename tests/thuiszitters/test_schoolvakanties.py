"""School holidays: the shipped file, `manage.py schoolvakanties_laden` and the admin (issue 12)."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from thuiszitters.models import Schoolvakantie
from thuiszitters.services_vakantie import (
    GEDEELDE_BESTAND,
    VakantiebestandFout,
    lees_vakantiebestand,
    vakantiebestand_laden,
)

pytestmark = pytest.mark.django_db

KOP = "schooljaar,regio,naam,begin,eind\n"


def _bestand(tmp_path, inhoud: str):
    pad = tmp_path / "vakanties.csv"
    pad.write_text(inhoud, encoding="utf-8")
    return pad


def test_the_shipped_file_is_valid_names_its_source_and_covers_this_and_next_school_year():
    tekst = GEDEELDE_BESTAND.read_text(encoding="utf-8")
    assert "https://www.rijksoverheid.nl/onderwerpen/schoolvakanties" in tekst
    regels = lees_vakantiebestand(tekst)
    jaren = {r.schooljaar for r in regels}
    assert {"2025-2026", "2026-2027", "2027-2028"} <= jaren
    # Every region has its Christmas holiday in each school year shipped.
    for jaar in jaren:
        assert {r.regio for r in regels if r.schooljaar == jaar and r.naam == "Kerstvakantie"} == {
            "noord",
            "midden",
            "zuid",
        }


def test_loading_twice_changes_nothing_and_a_changed_date_updates_the_row(tmp_path):
    out = StringIO()
    call_command("schoolvakanties_laden", str(GEDEELDE_BESTAND), stdout=out)
    aantal = Schoolvakantie.objects.count()
    assert aantal == len(lees_vakantiebestand(GEDEELDE_BESTAND.read_text(encoding="utf-8")))
    assert f"{aantal} nieuw, 0 bijgewerkt, 0 ongewijzigd" in out.getvalue()

    out = StringIO()
    call_command("schoolvakanties_laden", str(GEDEELDE_BESTAND), stdout=out)
    assert f"0 nieuw, 0 bijgewerkt, {aantal} ongewijzigd" in out.getvalue()

    pad = _bestand(tmp_path, KOP + "2026-2027,noord,Herfstvakantie,2026-10-17,2026-10-25\n")
    out = StringIO()
    call_command("schoolvakanties_laden", str(pad), stdout=out)
    assert (
        "bijgewerkt: Herfstvakantie 2026-2027 (Noord) 10-10-2026 t/m 18-10-2026 -> 17-10-2026"
        in out.getvalue()
    )
    assert Schoolvakantie.objects.count() == aantal  # the others stay
    herfst = Schoolvakantie.objects.get(regio="noord", schooljaar="2026-2027", naam="Herfstvakantie")
    assert herfst.begin == datetime.date(2026, 10, 17)


def test_an_error_anywhere_writes_nothing_and_every_error_names_its_line(tmp_path):
    pad = _bestand(
        tmp_path,
        "# bron: test\n"
        + KOP
        + "2026-2027,noord,Herfstvakantie,2026-10-10,2026-10-18\n"
        + "2026-2027,west,Kerstvakantie,2026-12-19,2027-01-03\n"
        + "2026-2027,zuid,Kerstvakantie,2027-01-03,2026-12-19\n"
        + "2026-2028,zuid,Meivakantie,2027-04-24,2027-05-02\n"
        + "2026-2027,zuid,Zomervakantie,17-07-2027,geen datum\n"
        + "2026-2027,noord,Herfstvakantie,2026-10-10,2026-10-18\n",
    )
    with pytest.raises(CommandError) as fout:
        call_command("schoolvakanties_laden", str(pad), stdout=StringIO())
    tekst = str(fout.value)
    assert "Er is niets opgeslagen" in tekst
    assert "Regel 4: regio „west” bestaat niet" in tekst
    assert "Regel 5: de laatste vakantiedag ligt voor de eerste." in tekst
    assert "Regel 6: schooljaar „2026-2028” is geen schooljaar" in tekst
    assert "Regel 7: eind „geen datum” is geen datum" in tekst
    assert "Regel 8: Herfstvakantie 2026-2027 regio noord staat ook op regel 3." in tekst
    assert not Schoolvakantie.objects.exists()


def test_overlapping_holidays_of_one_region_and_a_holiday_outside_its_school_year_are_refused():
    with pytest.raises(VakantiebestandFout) as fout:
        lees_vakantiebestand(
            KOP
            + "2026-2027,zuid,Herfstvakantie,2026-10-17,2026-10-25\n"
            + "2026-2027,zuid,Extra,2026-10-24,2026-10-30\n"
            + "2026-2027,noord,Zomervakantie,2027-08-07,2027-09-05\n"
        )
    assert fout.value.fouten == [
        "Regel 4: de vakantie begint niet in schooljaar 2026-2027 (1 augustus tot en met 31 juli).",
        "Regel 3: Extra overlapt met Herfstvakantie op regel 2 (regio zuid).",
    ]


def test_a_missing_column_or_file_is_a_clear_dutch_error(tmp_path):
    with pytest.raises(VakantiebestandFout, match="Regel 1: de kopregel mist de kolom"):
        vakantiebestand_laden(_bestand(tmp_path, "schooljaar,regio,naam,begin\n"))
    with pytest.raises(VakantiebestandFout, match="bestaat niet"):
        vakantiebestand_laden(tmp_path / "weg.csv")


def test_a_semicolon_file_with_dutch_dates_loads(tmp_path):
    pad = _bestand(
        tmp_path, "Schooljaar;Regio;Naam;Begin;Eind\n2027-2028;Midden;Meivakantie;29-04-2028;07-05-2028\n"
    )
    wijzigingen = vakantiebestand_laden(pad)
    assert [str(v) for v in wijzigingen.aangemaakt] == ["Meivakantie 2027-2028 (Midden)"]


# --- the admin: national data, only a superuser or a functioneel beheerder ---------------------------------


def test_a_beheerder_adds_and_corrects_a_holiday_in_the_admin_with_the_same_checks(users, client_for):
    beheerder = client_for(users["beheerder"])
    assert beheerder.get("/beheer/thuiszitters/schoolvakantie/").status_code == 200
    velden = {
        "schooljaar": "2026-2027",
        "regio": "midden",
        "naam": "Voorjaarsvakantie",
        "begin": "2027-02-20",
        "eind": "2027-02-28",
    }
    antwoord = beheerder.post("/beheer/thuiszitters/schoolvakantie/add/", velden)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    vakantie = Schoolvakantie.objects.get(naam="Voorjaarsvakantie")

    # Outside its school year: the service's Dutch error on the form, nothing changed.
    fout = beheerder.post(
        f"/beheer/thuiszitters/schoolvakantie/{vakantie.pk}/change/",
        {**velden, "begin": "2027-08-02", "eind": "2027-08-06"},
    )
    assert fout.status_code == 200
    assert "begint niet in schooljaar 2026-2027" in fout.content.decode()
    vakantie.refresh_from_db()
    assert vakantie.begin == datetime.date(2027, 2, 20)


@pytest.mark.parametrize("rol", ["swv_coordinator", "zorgcoordinator", "leerplichtambtenaar"])
def test_tenant_roles_do_not_see_the_holidays_in_the_admin(users, client_for, rol):
    user = users[rol]
    user.is_staff = True
    user.save()
    antwoord = client_for(user).get("/beheer/thuiszitters/schoolvakantie/")
    assert antwoord.status_code in (302, 403)


# --- issue 12, verzuim-robuust: what the shipped file claims about each line ---------------------------------


def test_every_shipped_line_says_how_it_was_verified_and_unverified_weeks_stay_out():
    import csv

    tekst = GEDEELDE_BESTAND.read_text(encoding="utf-8")
    rijen = list(csv.DictReader(r for r in tekst.splitlines() if r and not r.startswith("#")))
    assert {r["controle"] for r in rijen} <= {"rijksoverheid", "secundair", "afgeleid"}
    controle = {(r["schooljaar"], r["regio"], r["naam"]): r["controle"] for r in rijen}
    # Midden 2026-2027 from three school timetables (the header names them), marked as not confirmed.
    assert controle[("2026-2027", "midden", "Zomervakantie")] == "afgeleid"
    assert controle[("2026-2027", "midden", "Voorjaarsvakantie")] == "afgeleid"
    # Found in one timetable only, or not which week is the mandatory one: left out, not guessed.
    for sleutel in [("2026-2027", "noord", "Zomervakantie"), ("2026-2027", "noord", "Voorjaarsvakantie")]:
        assert sleutel not in controle
    assert not any(s == "2026-2027" and n == "Meivakantie" for s, _, n in controle)
    assert "https://deschelp.csgdewaard.nl/onze-school/schoolvakanties" in tekst
