"""DUO import at national scale (issue 9): every problem of a row, dry-run wording, gemeente names,
VMBO types, distinct sample rows."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from partners import duo
from partners.importing import duo_import
from partners.models import DuoImport, Organisatie
from swv.core.models import Rol
from tests.factories import OrganisatieFactory, SamenwerkingsverbandFactory
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

    resultaat = duo_import(
        swv=swv,
        bestand=_csv(rijen),
        by=beheerder,
        dry_run=True,
        ook_gemeenten={f"88{n:02d}" for n in range(5)},
    )

    tekst = resultaat.samenvatting()
    assert tekst.startswith("Alleen gecontroleerd, niets opgeslagen.")
    assert "5 zouden nieuw zijn" in tekst
    assert "5 gemeenten en 1 schoolbestuur zouden worden aangemaakt." in tekst
    assert " aangemaakt." not in tekst.replace("zouden worden aangemaakt.", "")
    assert not Organisatie.objects.filter(swv=swv, code__startswith="88").exists()


def test_a_real_import_summary_says_what_was_created(swv, beheerder):
    rijen = [{**samples.school(0), "GEMEENTENUMMER": "8801"}]

    tekst = duo_import(swv=swv, bestand=_csv(rijen), by=beheerder, ook_gemeenten={"8801"}).samenvatting()

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

    duo_import(swv=swv, bestand=_csv([rij]), by=beheerder, ook_gemeenten={"8801"})

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

    duo_import(swv=vo, bestand=_csv([rij], samples.KOP_VO), by=beheerder, ook_gemeenten={"8901"})

    assert Organisatie.objects.get(swv=vo, code="97AA00").soort_onderwijs == "VO"


# --- 4. the sample generator ---


def test_a_large_sample_file_has_a_distinct_code_on_every_row():
    gelezen = duo.lees(samples.groot(20_000))

    assert gelezen.aantal_fouten == 0
    assert len({r.code for r in gelezen.rijen}) == 20_000


# --- 5. only what belongs to the SWV ---


def _landelijk() -> bytes:
    """A small "national" file: PO schools in 8901 (werkgebied) and 8902 (not), VO schools in 8901."""
    rijen = []
    for n in range(6):
        rijen.append(
            {**samples.school(n, soort="Bao"), "GEMEENTENUMMER": "8901", "BEVOEGD GEZAG NUMMER": "99001"}
        )
    for n in range(6, 10):
        rijen.append(
            {**samples.school(n, soort="Bao"), "GEMEENTENUMMER": "8902", "BEVOEGD GEZAG NUMMER": "99002"}
        )
    for n in range(10, 13):
        rijen.append(
            {
                **samples.school(n, soort="VMBO/HAVO"),
                "GEMEENTENUMMER": "8901",
                "BEVOEGD GEZAG NUMMER": "99003",
            }
        )
    return _csv(rijen)


@pytest.fixture
def lindeveen(swv):
    return OrganisatieFactory(
        swv=swv, soort=Organisatie.Soort.GEMEENTE, code="8901", naam="Gemeente Lindeveen", in_werkgebied=True
    )


def test_a_national_file_adds_only_schools_of_the_sector_in_the_werkgebied(swv, beheerder, lindeveen):
    resultaat = duo_import(swv=swv, bestand=_landelijk(), by=beheerder)

    scholen = Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.SCHOOL, code__startswith="97")
    assert sorted(scholen.values_list("gemeente__code", flat=True)) == ["8901"] * 6
    assert resultaat.nieuw == 6
    assert resultaat.weggelaten == {"buiten_werkgebied": 4, "andere_sector": 3}
    # Nothing of what was left out is created: no gemeente 8902, no placeholder besturen for them.
    assert not Organisatie.objects.filter(swv=swv, code="8902").exists()
    assert set(
        Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.SCHOOLBESTUUR).values_list(
            "code", flat=True
        )
    ) & {"99001", "99002", "99003"} == {"99001"}
    tekst = resultaat.samenvatting()
    assert "3 scholen van een andere sector" in tekst
    assert "4 scholen buiten het werkgebied" in tekst


def test_schools_outside_the_werkgebied_the_swv_works_with_can_be_included(swv, beheerder, lindeveen):
    resultaat = duo_import(swv=swv, bestand=_landelijk(), by=beheerder, ook_gemeenten={"8902"})

    assert resultaat.nieuw == 10
    assert resultaat.weggelaten == {"andere_sector": 3}
    brugwoude = Organisatie.objects.get(swv=swv, soort=Organisatie.Soort.GEMEENTE, code="8902")
    assert not brugwoude.in_werkgebied


def test_a_school_already_in_the_registry_is_updated_wherever_it_is(swv, beheerder, lindeveen):
    duo_import(swv=swv, bestand=_landelijk(), by=beheerder, ook_gemeenten={"8902"})
    gewijzigd = _landelijk().replace(b"Basisschool Het Baken", b"Basisschool Het Nieuwe Baken")

    resultaat = duo_import(swv=swv, bestand=gewijzigd, by=beheerder)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 1, 9)
    assert Organisatie.objects.get(swv=swv, code="97AA09").naam == "Basisschool Het Nieuwe Baken"


def test_without_a_werkgebied_nothing_new_is_added_and_the_summary_says_why(swv, beheerder):
    resultaat = duo_import(swv=swv, bestand=_landelijk(), by=beheerder)

    assert resultaat.nieuw == 0
    assert "nog geen gemeenten in het werkgebied" in resultaat.samenvatting()


def test_the_result_page_shows_what_was_left_out_and_the_option_includes_more(
    swv, beheerder, lindeveen, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(beheerder)

    pagina = client.get("/partners/import/").content.decode()
    assert "Ook scholen uit deze gemeenten" in pagina

    bestand = SimpleUploadedFile("duo.csv", _landelijk(), content_type="text/csv")
    response = client.post("/partners/import/", {"bestand": bestand, "ook_gemeenten": "8902"}, follow=True)

    page = response.content.decode()
    assert DuoImport.objects.get().ook_gemeenten == ["8902"]
    assert 'data-testid="weggelaten"' in page
    assert "3 scholen van een andere sector" in page
    assert "buiten het werkgebied" not in page.split('data-testid="weggelaten"')[1].split("</dd>")[0]

    bestand = SimpleUploadedFile("duo.csv", _landelijk(), content_type="text/csv")
    response = client.post("/partners/import/", {"bestand": bestand, "ook_gemeenten": "89x"})
    assert "Gemeentenummer “89x” is ongeldig" in response.content.decode()


def test_the_command_prints_what_was_left_out_and_takes_the_option(swv, beheerder, lindeveen, tmp_path):
    pad = tmp_path / "duo.csv"
    pad.write_bytes(_landelijk())
    out = StringIO()

    call_command("import_duo", str(pad), "--swv", swv.code, "--dry-run", stdout=out)

    assert "Niet ingelezen, want niet van dit samenwerkingsverband:" in out.getvalue()
    assert "  4 scholen buiten het werkgebied" in out.getvalue()

    out = StringIO()
    call_command("import_duo", str(pad), "--swv", swv.code, "--ook-gemeente", "8902", stdout=out)
    assert "10 nieuw" in out.getvalue()


# --- 6. the import at national scale: rows checked by duo.py, written by INSERT ... ON CONFLICT ---


def test_what_the_database_would_refuse_is_a_dutch_row_error_with_every_other_problem():
    # Before, the model's full_clean per row found these; duo.py checks them now (issue 9).
    rij = {
        **samples.school(0),
        "VESTIGINGSNAAM": "X" * 201,
        "HUISNUMMER-TOEVOEGING": "1" * 21,
        "INTERNETADRES": "www.school .nl",
        "POSTCODE": "1234 SA",
    }

    gelezen = duo.lees(_csv([rij]))

    reden = gelezen.fouten[0].reden
    assert "Vestigingsnaam is te lang: 201 tekens, ten hoogste 200." in reden
    assert "Huisnummer is te lang: 21 tekens, ten hoogste 20." in reden
    assert "Internetadres “www.school .nl” is ongeldig" in reden
    # The registry's own postcode rule (PostNL issues no SA, SD, SS), not a second one in duo.py.
    assert "Postcode “1234 SA” is ongeldig: Een postcode bestaat uit 4 cijfers en 2 letters" in reden
    assert gelezen.rijen == []


@pytest.mark.parametrize(
    "adres",
    [
        "https://www.school-97aa02.example",
        "http://school.nl/pagina?x=1#kop",
        "https://a.b.c.d.nl/",
        "https://xn--brgeflier-c4a.nl",
        "https://brêgeflier.nl",
        "https://school.nl:8080/x",
        "https://192.168.0.1",
        "https://-school.nl",
        "https://school-.nl",
        "https://school.n1",
        "https://school",
        "https://scho ol.nl",
        "https://school..nl",
    ],
)
def test_the_quick_website_check_accepts_only_what_djangos_url_validator_accepts(adres):
    from django.core.validators import URLValidator

    try:
        URLValidator()(adres)
        geldig = True
    except ValidationError:
        geldig = False
    if duo._WEBSITE_KORT.fullmatch(adres):
        assert geldig, adres
    try:
        duo._website(adres)
        gelezen = True
    except ValidationError:
        gelezen = False
    assert gelezen == geldig


@pytest.mark.parametrize(
    "waarde", ["97aa", "97AA", "97AA00", " 97 AA ", "97-aa", "97.AA.00", "9X1Y", "97AAA", ""]
)
def test_the_quick_brin_check_gives_what_stdnum_gives(waarde):
    def via_stdnum(w: str) -> str:
        code = duo.stdnum_brin.compact(w)
        if not code:
            return "fout"
        try:
            code = duo.stdnum_brin.validate(code)
        except Exception:
            return "fout"
        return code[:4]

    try:
        snel = duo._brin(waarde)
    except ValidationError:
        snel = "fout"
    assert snel == via_stdnum(waarde)


def test_a_first_import_records_one_history_event_per_school_with_the_import_context(swv, beheerder):
    from swv.audit.models import OrganisatieEvent

    resultaat = duo_import(
        swv=swv, bestand=samples.groot(1500), by=beheerder, ook_gemeenten={"8901", "8902", "8903"}
    )

    scholen = Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.SCHOOL, code__startswith="97")
    events = OrganisatieEvent.objects.filter(pgh_obj_id__in=scholen.values("pk"))
    assert resultaat.nieuw == scholen.count() == 1500
    assert events.count() == 1500
    assert set(events.values_list("pgh_label", flat=True)) == {"create"}
    assert events.values("pgh_context_id").distinct().count() == 1
    assert events.first().pgh_context.metadata == {"bron": "duo-import", "user": beheerder.pk}
    # The school's own columns and links arrived, in the second batch as in the first.
    laatste = scholen.get(code=duo.lees(samples.groot(1500)).rijen[-1].code)
    assert laatste.gemeente.code.startswith("89")
    assert laatste.schoolbestuur.code.startswith("990")
    assert laatste.postcode
    assert laatste.website.startswith("https://")


def test_a_school_another_import_inserted_meanwhile_is_updated_not_an_error(swv, beheerder, monkeypatch):
    from partners import importing

    ook = {"8901", "8902", "8903"}
    duo_import(swv=swv, bestand=_csv([samples.school(0)]), by=beheerder, ook_gemeenten=ook)
    # The other import's school is not yet visible when this one reads which schools exist.
    echte = importing._van_dit_swv

    def zonder_bekende(*args, **kwargs):
        houden, _bekend = echte(*args, **kwargs)
        return houden, set()

    monkeypatch.setattr(importing, "_van_dit_swv", zonder_bekende)
    rij = {**samples.school(0), "VESTIGINGSNAAM": "Basisschool Nieuwe Naam"}

    resultaat = duo_import(swv=swv, bestand=_csv([rij]), by=beheerder, ook_gemeenten=ook)

    assert resultaat.aantal_fouten == 0
    school = Organisatie.objects.get(swv=swv, soort=Organisatie.Soort.SCHOOL, code="97AA00")
    assert school.naam == "Basisschool Nieuwe Naam"
    assert Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.SCHOOL, code="97AA00").count() == 1


def test_an_unknown_school_type_keeps_the_stored_one_and_a_known_one_replaces_it(swv, beheerder):
    ook = {"8901", "8902", "8903"}
    duo_import(swv=swv, bestand=_csv([samples.school(0, soort="Sbao")]), by=beheerder, ook_gemeenten=ook)

    onbekend = {
        **samples.school(0, soort="Sbao"),
        "SOORT PRIMAIR ONDERWIJS": "Iets anders",
        "STRAATNAAM": "Nieuw",
    }
    resultaat = duo_import(swv=swv, bestand=_csv([onbekend]), by=beheerder, ook_gemeenten=ook)
    school = Organisatie.objects.get(swv=swv, soort=Organisatie.Soort.SCHOOL, code="97AA00")
    assert (resultaat.gewijzigd, school.soort_onderwijs, school.straat) == (1, "SBAO", "Nieuw")
    assert [w.velden for w in resultaat.wijzigingen] == [["straat"]]

    resultaat = duo_import(
        swv=swv, bestand=_csv([samples.school(0, soort="Bao")]), by=beheerder, ook_gemeenten=ook
    )
    school.refresh_from_db()
    assert school.soort_onderwijs == "BAO"
    assert "soort_onderwijs" in resultaat.wijzigingen[0].velden


# --- 7. DUO's membership file as a source of inclusion ---


def _leden(swv_code: str = "PO9801") -> bytes:
    """97AA06 (PO, in 8902, outside the werkgebied) by vestigingscode and all of BRIN 97AB (VO schools
    in 8901) for this SWV; 97AA07 for another SWV."""
    return (
        "ADMINISTRATIENUMMER;NAAM SAMENWERKINGSVERBAND;BRIN NUMMER;VESTIGINGSNUMMER\r\n"
        f"{swv_code};Testdal;97AA;97AA06\r\n"
        f"{swv_code};Testdal;97AB;\r\n"
        "PO9905;Elders;97AA;97AA07\r\n"
    ).encode()


def test_schools_duo_lists_for_the_swv_are_imported_outside_the_werkgebied_and_sector(
    swv, beheerder, lindeveen
):
    resultaat = duo_import(
        swv=swv, bestand=_landelijk(), by=beheerder, ingedeeld=duo.ingedeeld_bij(_leden(), swv.code)
    )

    codes = set(
        Organisatie.objects.filter(
            swv=swv, soort=Organisatie.Soort.SCHOOL, code__startswith="97"
        ).values_list("code", flat=True)
    )
    assert codes == {f"97AA0{n}" for n in range(6)} | {"97AA06", "97AB00", "97AB01", "97AB02"}
    assert resultaat.ingedeeld == 4
    assert resultaat.weggelaten == {"buiten_werkgebied": 3}
    assert "4 scholen buiten het werkgebied of de sector zijn wel ingelezen, want DUO deelt ze in" in (
        resultaat.samenvatting()
    )


def test_the_membership_list_reads_only_the_swvs_own_rows_and_refuses_a_schools_file():
    assert duo.ingedeeld_bij(_leden(), "po9801") == {"97AA06", "97AB"}
    assert duo.ingedeeld_bij(_leden(), "PO9905") == {"97AA07"}
    with pytest.raises(duo.OnbekendeIndeling, match="geen bestand met de indeling in samenwerkingsverbanden"):
        duo.ingedeeld_bij(_landelijk(), "PO9801")


def test_the_command_takes_the_membership_file(swv, beheerder, lindeveen, tmp_path):
    scholen, leden = tmp_path / "duo.csv", tmp_path / "leden.csv"
    scholen.write_bytes(_landelijk())
    leden.write_bytes(_leden())
    out = StringIO()

    call_command("import_duo", str(scholen), "--swv", swv.code, "--swv-leden", str(leden), stdout=out)

    assert "10 nieuw" in out.getvalue()
    assert "4 scholen buiten het werkgebied of de sector zijn wel ingelezen" in out.getvalue()
    with pytest.raises(CommandError, match="geen bestand met de indeling"):
        call_command("import_duo", str(scholen), "--swv", swv.code, "--swv-leden", str(scholen))


def test_the_upload_page_takes_the_membership_file_and_refuses_a_wrong_one(
    swv, beheerder, lindeveen, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(beheerder)
    assert (
        "Indeling in samenwerkingsverbanden (optioneel)" in client.get("/partners/import/").content.decode()
    )

    response = client.post(
        "/partners/import/",
        {
            "bestand": SimpleUploadedFile("duo.csv", _landelijk(), content_type="text/csv"),
            "swv_leden": SimpleUploadedFile("leden.csv", _leden(), content_type="text/csv"),
        },
        follow=True,
    )

    run = DuoImport.objects.get()
    assert run.ingedeeld == ["97AA06", "97AB"]
    assert "4 scholen buiten het werkgebied of de sector zijn wel ingelezen" in response.content.decode()
    assert Organisatie.objects.filter(swv=swv, code="97AB01").exists()

    response = client.post(
        "/partners/import/",
        {
            "bestand": SimpleUploadedFile("duo.csv", _landelijk(), content_type="text/csv"),
            "swv_leden": SimpleUploadedFile("leden.csv", _landelijk(), content_type="text/csv"),
        },
    )
    assert "geen bestand met de indeling in samenwerkingsverbanden" in response.content.decode()
    assert DuoImport.objects.count() == 1
