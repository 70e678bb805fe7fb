"""DUO import at national scale (issue 9): every problem of a row, dry-run wording, gemeente names,
VMBO types, distinct sample rows."""

import pytest

from partners import duo
from partners.importing import duo_import
from partners.models import Organisatie
from swv.core.models import Rol
from tests.factories import SamenwerkingsverbandFactory
from tests.partners import make_duo_samples as samples


@pytest.fixture
def beheerder(users):
    return users[Rol.BEHEERDER.value]


def _csv(rijen: list[dict[str, str]], kop: list[str] = samples.KOP_OUD) -> bytes:
    return samples.csv_tekst(kop, [samples.regel(r, kop) for r in rijen]).encode("utf-8")


# --- 1. every problem of a bad row ---


def test_a_row_with_an_empty_name_and_a_bad_postcode_reports_both():
    rijen = [samples.school(n) for n in range(7)]
    rijen[6] = {**rijen[6], "VESTIGINGSNAAM": "", "POSTCODE": "12345"}  # spreadsheet row 8

    gelezen = duo.lees(_csv(rijen))

    fouten = {f.rij: f.reden for f in gelezen.fouten}
    assert list(fouten) == [8]
    assert "De vestigingsnaam ontbreekt." in fouten[8]
    assert "Postcode “12345” is ongeldig" in fouten[8]
    assert len(gelezen.rijen) == 6


def test_a_row_with_three_mistakes_reports_three():
    rij = {**samples.school(0), "POSTCODE": "AB12", "GEMEENTENUMMER": "12x", "BEVOEGD GEZAG NUMMER": "B-1"}

    gelezen = duo.lees(_csv([rij]))

    reden = gelezen.fouten[0].reden
    assert "Postcode “AB12”" in reden
    assert "Gemeentenummer “12x”" in reden
    assert "Bevoegd-gezagnummer “B-1”" in reden


def test_a_good_postcode_is_written_the_dutch_way_and_an_empty_one_is_allowed():
    rijen = [{**samples.school(0), "POSTCODE": "9701ab"}, {**samples.school(1), "POSTCODE": ""}]

    gelezen = duo.lees(_csv(rijen))

    assert gelezen.fouten == []
    assert [r.postcode for r in gelezen.rijen] == ["9701 AB", ""]


# --- 2. the dry-run says what would happen ---


def test_the_dry_run_summary_says_what_would_be_created(swv, beheerder):
    rijen = [
        {**samples.school(n), "GEMEENTENUMMER": f"88{n:02d}", "GEMEENTENAAM": f"PLAATS {n}"} for n in range(5)
    ]

    resultaat = duo_import(swv=swv, bestand=_csv(rijen), by=beheerder, dry_run=True)

    tekst = resultaat.samenvatting()
    assert tekst.startswith("Alleen gecontroleerd, niets opgeslagen.")
    assert "5 zouden nieuw zijn" in tekst
    assert "5 gemeenten en 1 schoolbestuur zouden worden aangemaakt." in tekst
    assert " aangemaakt." not in tekst.replace("zouden worden aangemaakt.", "")
    assert not Organisatie.objects.filter(swv=swv, code__startswith="88").exists()


def test_a_real_import_summary_says_what_was_created(swv, beheerder):
    rijen = [{**samples.school(0), "GEMEENTENUMMER": "8801"}]

    tekst = duo_import(swv=swv, bestand=_csv(rijen), by=beheerder).samenvatting()

    assert "1 nieuw" in tekst
    assert "1 gemeente en 1 schoolbestuur aangemaakt." in tekst
    assert "zou" not in tekst


# --- 3. gemeente names and school types ---


@pytest.mark.parametrize(
    ("duo_naam", "registry"),
    [
        ("CAPELLE AAN DEN IJSSEL", "Gemeente Capelle aan den IJssel"),
        ("'S-HERTOGENBOSCH", "Gemeente 's-Hertogenbosch"),
        ("IJSSELSTEIN", "Gemeente IJsselstein"),
        ("BERGEN (NH)", "Gemeente Bergen (NH)"),
        ("WIJK BIJ DUURSTEDE", "Gemeente Wijk bij Duurstede"),
        ("Súdwest-Fryslân", "Gemeente Súdwest-Fryslân"),
        ("", "Gemeente 8801"),
    ],
)
def test_a_created_gemeente_keeps_dutch_capitalisation_and_the_registrys_naming(
    swv, beheerder, duo_naam, registry
):
    rij = {**samples.school(0), "GEMEENTENUMMER": "8801", "GEMEENTENAAM": duo_naam, "PLAATSNAAM": duo_naam}

    duo_import(swv=swv, bestand=_csv([rij]), by=beheerder)

    gemeente = Organisatie.objects.get(swv=swv, soort=Organisatie.Soort.GEMEENTE, code="8801")
    assert gemeente.naam == registry
    school = Organisatie.objects.get(swv=swv, soort=Organisatie.Soort.SCHOOL, code="97AA00")
    assert school.plaats == registry.removeprefix("Gemeente ").replace("8801", "")


@pytest.mark.parametrize(
    "structuur", ["VMBO", "VMBO-TL", "VMBO-B/K", "VMBO-(G)T", "VBO", "BB/KB/GL/TL", "VMBO-GL/TL/HAVO"]
)
def test_a_vmbo_vestiging_gets_its_soort_onderwijs(beheerder, structuur):
    vo = SamenwerkingsverbandFactory(code="VO9903", sector="VO")
    rij = {**samples.school(0), "SOORT PRIMAIR ONDERWIJS": structuur}

    duo_import(swv=vo, bestand=_csv([rij], samples.KOP_VO), by=beheerder)

    assert Organisatie.objects.get(swv=vo, code="97AA00").soort_onderwijs == "VO"


# --- 4. the sample generator ---


def test_a_large_sample_file_has_a_distinct_code_on_every_row():
    gelezen = duo.lees(samples.groot(20_000))

    assert gelezen.aantal_fouten == 0
    assert len({r.code for r in gelezen.rijen}) == 20_000
