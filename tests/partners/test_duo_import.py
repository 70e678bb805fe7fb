"""DUO open-data import: parsing, row checks, idempotent upsert, dry-run, command, upload page, task."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners import duo, importing
from partners.importing import duo_import, duo_import_starten, duo_import_verwerken, voortgang_van
from partners.models import DuoImport, Organisatie, SchoolSwv
from swv.audit.models import OrganisatieEvent, SchoolSwvEvent
from swv.core.models import Rol
from tests.factories import OrganisatieFactory, SamenwerkingsverbandFactory
from tests.partners import make_duo_samples

DATA = Path(__file__).resolve().parent / "data"
SCHOLENBESTANDEN = [
    "scholen_oud_cp1252.csv",
    "scholen_oud_utf8.csv",
    "scholen_nieuw_utf8.csv",
    "scholen_nieuw_cp1252.csv",
]


def _bestand(naam: str) -> bytes:
    return (DATA / naam).read_bytes()


def _scholen(swv):
    # The sample schools (97..); the `users` fixture has a school of its own (99..).
    return Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.SCHOOL, code__startswith="97")


def _geimporteerd(swv):
    """Everything the samples can create: schools 97.., gemeenten 89.., besturen 990.."""
    return Organisatie.objects.filter(
        swv=swv, code__regex=r"^(97[A-Z]{2}[0-9]{2}|89[0-9]{2}|990[0-9]{2})$"
    ).exclude(in_werkgebied=True)


def werkgebied(swv) -> list[Organisatie]:
    """The sample gemeenten 8901-8903 as the SWV's werkgebied: the import adds only schools there (issue 9)."""
    return [
        OrganisatieFactory(
            swv=swv, soort=Organisatie.Soort.GEMEENTE, code=code, naam=f"Gemeente {naam}", in_werkgebied=True
        )
        for code, naam in make_duo_samples.GEMEENTEN
    ]


@pytest.fixture(autouse=True)
def _werkgebied(swv):
    return werkgebied(swv)


@pytest.fixture
def beheerder(users):
    return users[Rol.BEHEERDER.value]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_stored_sample_files_are_what_the_generator_writes():
    for naam, inhoud in make_duo_samples.bestanden().items():
        assert (DATA / naam).read_bytes() == inhoud, f"run python tests/partners/make_duo_samples.py ({naam})"


def test_sample_schools_are_fictional_brin_numbers_starting_with_97():
    gelezen = duo.lees(make_duo_samples.groot(200))

    assert {rij.brin[:2] for rij in gelezen.rijen} == {"97"}
    assert {rij.gemeente_code[0] for rij in gelezen.rijen} == {"8"}


# --- reading (no database) ---


@pytest.mark.parametrize("naam", SCHOLENBESTANDEN)
def test_schools_file_is_read_in_both_header_versions_and_both_encodings(naam):
    gelezen = duo.lees(_bestand(naam))

    assert gelezen.layout == duo.SCHOLEN
    assert gelezen.kopversie == ("nieuw" if "nieuw" in naam else "oud")
    assert gelezen.encoding == ("windows-1252" if "cp1252" in naam else "utf-8")
    assert gelezen.fouten == []
    assert len(gelezen.rijen) == 12
    brêgeflier = next(r for r in gelezen.rijen if r.code == "97AA02")
    assert brêgeflier.naam == "Basisschool De Brêgeflier"
    assert brêgeflier.gemeente_code == "8903"
    assert brêgeflier.soort_onderwijs == "BAO"
    assert brêgeflier.website == "https://www.school-97aa02.example"
    assert brêgeflier.postcode == "9702 CX"


def test_every_bad_row_is_reported_with_its_spreadsheet_row_number_and_a_reason():
    gelezen = duo.lees(_bestand("scholen_met_fouten.csv"))

    fouten = {f.rij: f.reden for f in gelezen.fouten}
    assert sorted(fouten) == [3, 5, 6, 7, 8, 10, 11]
    assert "BRIN-nummer “9X1Y” is ongeldig" in fouten[3]
    assert "Vestigingscode 97ZZ00 hoort niet bij BRIN-nummer 97AA" in fouten[5]
    assert "vestigingsnaam ontbreekt" in fouten[6]
    assert "Gemeentenummer “99011” is ongeldig" in fouten[7]
    assert "16 kolommen" in fouten[8]
    assert "staat al op rij 2" in fouten[10]
    assert "Bevoegd-gezagnummer “B-12” is ongeldig" in fouten[11]
    assert [r.rij for r in gelezen.rijen] == [2, 4, 9]
    # Row 9 had only the vestiging's number, as older files do.
    assert gelezen.rijen[-1].code == "97AC01"


def test_an_unknown_layout_is_refused_with_a_dutch_message_naming_the_expected_columns():
    with pytest.raises(duo.OnbekendeIndeling) as e:
        duo.lees(_bestand("onbekende_indeling.csv"))

    assert "Onbekende indeling" in str(e.value)
    assert "VESTIGINGSCODE" in str(e.value)
    assert "ADMINISTRATIENUMMER" in str(e.value)
    assert "Gevonden: NAAM, ADRES, WOONPLAATS" in str(e.value)


@pytest.mark.parametrize(
    ("inhoud", "tekst"),
    [
        (b"", "leeg"),
        (b"PK\x03\x04rest-of-a-zip", "Excel"),
        (b"BRIN NUMMER,VESTIGINGSNUMMER,VESTIGINGSNAAM\r\n97AA,97AA00,X\r\n", "puntkomma"),
    ],
)
def test_empty_excel_and_comma_files_get_their_own_message(inhoud, tekst):
    with pytest.raises(duo.OnbekendeIndeling, match=tekst):
        duo.lees(inhoud)


@pytest.mark.parametrize(
    ("waarde", "sector", "verwacht"),
    [
        ("Bao", "PO", "BAO"),
        ("Basisschool", "PO", "BAO"),
        ("SBAS", "PO", "SBAO"),
        ("Speciale school voor basisonderwijs", "PO", "SBAO"),
        ("(V)SO", "PO", "SO"),
        ("(Voortgezet) speciaal onderwijs", "VO", "VSO"),
        ("VMBO/HAVO/VWO", "VO", "VO"),
        ("PRO", "VO", "PRO"),
        ("", "PO", None),
        ("iets anders", "PO", None),
    ],
)
def test_duo_school_types_map_to_the_registry_types(waarde, sector, verwacht):
    assert duo.soort_onderwijs(waarde, sector) == verwacht


def test_the_membership_file_is_recognised_and_its_rows_checked():
    gelezen = duo.lees(_bestand("swv_leden.csv"))

    assert gelezen.layout == duo.SWV_LEDEN
    assert [(r.swv_code, r.sector, r.brin) for r in gelezen.rijen] == [
        ("PO9901", "PO", "97AA"),
        ("PO9901", "PO", "97AB"),
        ("VO9902", "VO", "97BY"),
        ("PO9903", "PO", "97LO"),
    ]
    assert {f.rij for f in gelezen.fouten} == {6, 7}


# --- importing (PostgreSQL) ---


@pytest.mark.parametrize("naam", SCHOLENBESTANDEN)
def test_a_good_schools_file_creates_schools_gemeenten_and_besturen(naam, swv, beheerder):
    resultaat = duo_import(swv=swv, bestand=_bestand(naam), by=beheerder)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd, resultaat.aantal_fouten) == (
        12,
        0,
        0,
        0,
    )
    assert resultaat.aangemaakt == {"schoolbestuur": 2}
    school = _scholen(swv).select_related("gemeente", "schoolbestuur").get(code="97AA02")
    assert school.naam == "Basisschool De Brêgeflier"
    assert school.plaats == "Dalfsenhoven"
    assert (school.gemeente.code, school.gemeente.naam) == ("8903", "Gemeente Dalfsenhoven")
    assert (school.schoolbestuur.code, school.schoolbestuur.bevoegd_gezag_nummer) == ("99001", "99001")
    assert (school.straat, school.huisnummer, school.postcode) == ("Brugweg", "3", "9702 CX")
    assert school.soort_onderwijs == "BAO"
    assert _scholen(swv).get(code="97AA03").soort_onderwijs == "SBAO"
    assert _scholen(swv).get(code="97AA04").soort_onderwijs == "SO"


def test_an_existing_gemeente_is_used_and_keeps_its_name(swv, beheerder):
    lindeveen = Organisatie.objects.get(swv=swv, soort=Organisatie.Soort.GEMEENTE, code="8901")
    Organisatie.objects.filter(pk=lindeveen.pk).update(naam="Gemeente Lindeveen")

    resultaat = duo_import(swv=swv, bestand=_bestand("scholen_oud_cp1252.csv"), by=beheerder)

    assert "gemeente" not in resultaat.aangemaakt
    lindeveen.refresh_from_db()
    assert lindeveen.naam == "Gemeente Lindeveen"
    assert _scholen(swv).get(code="97AA00").gemeente == lindeveen


def test_vo_structures_map_to_vo_pro_and_vso_for_a_vo_swv(beheerder):
    vo = SamenwerkingsverbandFactory(code="VO9903", sector="VO")
    werkgebied(vo)

    duo_import(swv=vo, bestand=_bestand("vo_scholen_nieuw_utf8.csv"), by=beheerder)

    assert sorted(_scholen(vo).values_list("soort_onderwijs", flat=True)) == ["PRO", "VO", "VO", "VO", "VSO"]


def test_bad_rows_are_reported_while_the_good_rows_import(swv, beheerder):
    resultaat = duo_import(swv=swv, bestand=_bestand("scholen_met_fouten.csv"), by=beheerder)

    assert resultaat.nieuw == 3
    assert [f.rij for f in resultaat.fouten] == [3, 5, 6, 7, 8, 10, 11]
    assert set(_scholen(swv).values_list("code", flat=True)) == {"97AA00", "97AA02", "97AC01"}


def test_a_second_import_of_the_same_file_changes_nothing_and_writes_no_history(swv, beheerder):
    duo_import(swv=swv, bestand=_bestand("scholen_oud_cp1252.csv"), by=beheerder)
    organisaties = Organisatie.objects.count()
    events = OrganisatieEvent.objects.count()

    # The same schools with the other header names and encoding are the same data.
    resultaat = duo_import(swv=swv, bestand=_bestand("scholen_nieuw_utf8.csv"), by=beheerder)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 0, 12)
    assert resultaat.aangemaakt == {}
    assert Organisatie.objects.count() == organisaties
    assert OrganisatieEvent.objects.count() == events


def test_a_changed_row_updates_only_that_school_and_its_history_names_the_importer(swv, beheerder):
    duo_import(swv=swv, bestand=_bestand("scholen_oud_utf8.csv"), by=beheerder)
    tekst = (
        _bestand("scholen_oud_utf8.csv").decode().replace("Het Kompas;Lindelaan", "Het Kompas;Nieuwe Laan")
    )
    events = OrganisatieEvent.objects.count()

    resultaat = duo_import(swv=swv, bestand=tekst.encode(), by=beheerder)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 1, 11)
    assert [(w.code, w.velden) for w in resultaat.wijzigingen] == [("97AA01", ["straat"])]
    assert _scholen(swv).get(code="97AA01").straat == "Nieuwe Laan"
    nieuw = list(OrganisatieEvent.objects.select_related("pgh_context").order_by("pgh_id"))[events:]
    assert [e.pgh_label for e in nieuw] == ["update"]
    assert nieuw[0].pgh_context.metadata == {"bron": "duo-import", "user": beheerder.pk}


def test_a_dry_run_reports_what_would_change_and_writes_nothing(swv, beheerder):
    events = OrganisatieEvent.objects.count()

    resultaat = duo_import(swv=swv, bestand=_bestand("scholen_met_fouten.csv"), by=beheerder, dry_run=True)

    assert resultaat.dry_run
    assert (resultaat.nieuw, resultaat.aantal_fouten) == (3, 7)
    assert {w.code for w in resultaat.wijzigingen} >= {"97AA00", "97AA02", "97AC01", "99001"}
    assert resultaat.samenvatting().startswith("Alleen gecontroleerd, niets opgeslagen")
    assert not _geimporteerd(swv).exists()
    assert OrganisatieEvent.objects.count() == events


def test_an_unknown_layout_writes_nothing(swv, beheerder):
    with pytest.raises(duo.OnbekendeIndeling):
        duo_import(swv=swv, bestand=_bestand("onbekende_indeling.csv"), by=beheerder)

    assert not _scholen(swv).exists()


def test_schools_of_another_swv_are_neither_read_nor_changed(swv, beheerder):
    ander = SamenwerkingsverbandFactory(code="PO9904")
    werkgebied(ander)
    duo_import(swv=ander, bestand=_bestand("scholen_oud_utf8.csv"), by=None)

    resultaat = duo_import(swv=swv, bestand=_bestand("scholen_oud_utf8.csv"), by=beheerder)

    assert resultaat.nieuw == 12
    assert _scholen(ander).count() == _scholen(swv).count() == 12


def test_the_membership_file_links_the_schools_of_each_brin_to_their_swv_per_sector(swv, beheerder):
    duo_import(swv=swv, bestand=_bestand("scholen_oud_utf8.csv"), by=beheerder)
    duo_import(swv=swv, bestand=_bestand("vo_scholen_nieuw_utf8.csv"), by=beheerder)

    resultaat = duo_import(swv=swv, bestand=_bestand("swv_leden.csv"), by=beheerder)

    # 97AA has 10 vestigingen, 97AB 2 (PO9901); of 97BY only the (V)SO vestiging 97BY04 is in this PO
    # SWV's registry (its VO vestigingen are of another sector); 97LO is not in the registry.
    assert (resultaat.nieuw, resultaat.overgeslagen, resultaat.aantal_fouten) == (13, 1, 2)
    koppelingen = SchoolSwv.objects.filter(swv=swv)
    assert koppelingen.filter(swv_code="PO9901", sector="PO").count() == 12
    assert set(koppelingen.filter(sector="VO").values_list("school__code", "swv_code")) == {
        ("97BY04", "VO9902")
    }

    events = SchoolSwvEvent.objects.count()
    again = duo_import(swv=swv, bestand=_bestand("swv_leden.csv"), by=beheerder)
    assert (again.nieuw, again.gewijzigd, again.ongewijzigd) == (0, 0, 13)
    assert SchoolSwvEvent.objects.count() == events


def test_a_school_that_moved_to_another_swv_is_updated(swv, beheerder):
    duo_import(swv=swv, bestand=_bestand("scholen_oud_utf8.csv"), by=beheerder)
    duo_import(swv=swv, bestand=_bestand("swv_leden.csv"), by=beheerder)
    verhuisd = _bestand("swv_leden.csv").replace(
        b"PO9901;Samenwerkingsverband Testdal PO;97AB", b"PO9905;X;97AB"
    )

    resultaat = duo_import(swv=swv, bestand=verhuisd, by=beheerder)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 2, 10)
    assert set(
        SchoolSwv.objects.filter(school__code__startswith="97AB").values_list("swv_code", flat=True)
    ) == {"PO9905"}


def test_the_import_is_set_based_the_query_count_does_not_grow_with_the_rows(swv, beheerder):
    def queries(aantal: int) -> int:
        _scholen(swv).delete()
        _geimporteerd(swv).delete()
        with CaptureQueriesContext(connection) as ctx:
            duo_import(swv=swv, bestand=make_duo_samples.groot(aantal), by=beheerder)
        return len(ctx.captured_queries)

    assert queries(1) == queries(10) == queries(50)


# --- the command ---


def test_the_command_prints_a_dutch_summary_and_the_bad_rows(swv, beheerder):
    out = StringIO()

    call_command(
        "import_duo",
        str(DATA / "scholen_met_fouten.csv"),
        "--swv",
        swv.code,
        "--door",
        "beheerder",
        stdout=out,
    )

    tekst = out.getvalue()
    assert "3 nieuw, 0 gewijzigd, 0 ongewijzigd, 7 rijen met een fout." in tekst
    assert "rij 3: BRIN-nummer “9X1Y” is ongeldig" in tekst
    assert _scholen(swv).count() == 3


def test_the_command_dry_run_lists_changes_and_saves_nothing(swv):
    out = StringIO()

    call_command(
        "import_duo", str(DATA / "scholen_nieuw_utf8.csv"), "--swv", swv.code, "--dry-run", stdout=out
    )

    assert "Alleen gecontroleerd, niets opgeslagen" in out.getvalue()
    assert "nieuw: school 97AA00 Basisschool De Regenboog" in out.getvalue()
    assert not _scholen(swv).exists()


def test_the_command_fails_on_an_unknown_layout(swv):
    with pytest.raises(CommandError, match="Onbekende indeling"):
        call_command("import_duo", str(DATA / "onbekende_indeling.csv"), "--swv", swv.code)


def test_the_command_fails_on_an_unknown_swv(db):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_duo", str(DATA / "scholen_oud_utf8.csv"), "--swv", "PO0000")


# --- the upload page, the task and the progress page ---


def _upload(client, naam: str, *, dry_run: bool = False, inhoud: bytes | None = None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bestand = SimpleUploadedFile(
        naam, inhoud if inhoud is not None else _bestand(naam), content_type="text/csv"
    )
    data = {"bestand": bestand}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/partners/import/", data)


def test_a_beheerder_uploads_a_file_and_sees_counts_and_bad_rows(swv, beheerder, client_for, media):
    client = client_for(beheerder)

    response = _upload(client, "scholen_met_fouten.csv")

    run = DuoImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/partners/import/{run.pk}/"
    assert (run.status, run.door, run.totaal) == (DuoImport.Status.KLAAR, beheerder, 10)
    assert not run.bestand, "the uploaded file is removed once processed"
    assert list(media.rglob("*.csv")) == []
    page = client.get(response["Location"])
    assert page.status_code == 200
    tekst = page.content.decode()
    assert "3 nieuw, 0 gewijzigd, 0 ongewijzigd, 7 rijen met een fout." in tekst
    assert "Vestigingscode 97ZZ00 hoort niet bij BRIN-nummer 97AA." in tekst
    assert _scholen(swv).count() == 3


def test_the_dry_run_checkbox_saves_nothing(swv, beheerder, client_for, media):
    client = client_for(beheerder)

    response = _upload(client, "scholen_oud_cp1252.csv", dry_run=True)

    page = client.get(response["Location"]).content.decode()
    assert "Alleen gecontroleerd, niets opgeslagen" in page
    assert "Wat er zou veranderen" in page
    assert "nieuw: school (vestiging)" in page
    assert "nieuw: schoolbestuur" in page
    assert not _scholen(swv).exists()


def test_an_unknown_layout_is_refused_on_the_page_and_nothing_is_stored(swv, beheerder, client_for, media):
    response = _upload(client_for(beheerder), "onbekende_indeling.csv")

    assert response.status_code == 200
    assert "Onbekende indeling" in response.content.decode()
    assert not DuoImport.objects.exists()
    assert list(media.rglob("*")) == []


@pytest.mark.parametrize("rol", [r.value for r in Rol if r != Rol.BEHEERDER])
def test_only_the_beheerder_may_import(rol, users, client_for, media):
    client = client_for(users[rol])

    assert client.get("/partners/import/").status_code == 403
    assert _upload(client, "scholen_oud_utf8.csv").status_code == 403
    assert not DuoImport.objects.exists()


def test_a_beheerder_of_another_swv_cannot_see_this_swvs_import(swv, beheerder, client_for, media):
    run = DuoImport.objects.create(swv=swv, bestandsnaam="x.csv")
    ander = SamenwerkingsverbandFactory(code="PO9906")
    from tests.factories import LidmaatschapFactory, UserFactory

    elders = UserFactory(username="beheerder-elders")
    LidmaatschapFactory(swv=ander, user=elders, rol=Rol.BEHEERDER)

    assert client_for(elders).get(f"/partners/import/{run.pk}/").status_code == 404
    own = client_for(beheerder).get(f"/partners/import/{run.pk}/")
    assert own.status_code == 200
    assert "DUO-import: x.csv</h1>" in own.content.decode()


def test_a_large_file_is_queued_for_a_worker_and_the_page_shows_progress(
    swv, beheerder, client_for, media, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(importing, "DIRECT_MAX_BYTES", 5)
    from partners import tasks

    queued = []
    monkeypatch.setattr(tasks.verwerk_duo_import, "apply_async", lambda args, **kw: queued.append(args[0]))
    client = client_for(beheerder)

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "scholen_oud_utf8.csv")

    run = DuoImport.objects.get()
    assert queued == [run.pk]
    assert run.status == DuoImport.Status.WACHT
    assert run.bestand
    assert run.totaal == 0, "the web request does not parse the rows"
    page = client.get(response["Location"])
    assert "Het bestand wordt gelezen." in page.content.decode()
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert "Pagina vernieuwen" in page.content.decode()

    tasks.run_duo_import(run.pk)

    run.refresh_from_db()
    assert run.status == DuoImport.Status.KLAAR
    assert not run.bestand
    assert run.resultaat["nieuw"] == 12
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith("<section")
    assert "hx-trigger" not in fragment.content.decode()
    assert "12 nieuw" in fragment.content.decode()


def test_the_task_reports_progress_per_batch_and_a_second_run_changes_nothing(
    swv, beheerder, media, monkeypatch
):
    monkeypatch.setattr(importing, "DIRECT_MAX_BYTES", 0)
    monkeypatch.setattr(importing, "duo_import_aanbieden", lambda pk: True)
    monkeypatch.setattr(importing, "BATCH", 4)
    gemeld = []
    echte = importing._meld_voortgang
    monkeypatch.setattr(
        importing, "_meld_voortgang", lambda pk, v, t: (gemeld.append((v, t)), echte(pk, v, t))
    )
    run = duo_import_starten(
        swv=swv,
        inhoud=_bestand("scholen_oud_utf8.csv"),
        bestandsnaam="scholen.csv",
        dry_run=False,
        by=beheerder,
    )
    assert voortgang_van(run) == 0

    duo_import_verwerken(run.pk)
    events = OrganisatieEvent.objects.count()
    duo_import_verwerken(run.pk)

    assert gemeld == [(0, 12), (4, 12), (8, 12), (12, 12), (12, 12)]
    run.refresh_from_db()
    assert run.status == DuoImport.Status.KLAAR
    assert voortgang_van(run) == 12
    assert OrganisatieEvent.objects.count() == events


def test_a_run_whose_file_turns_out_unreadable_is_marked_failed(swv, beheerder, media, monkeypatch):
    monkeypatch.setattr(importing, "DIRECT_MAX_BYTES", 0)
    monkeypatch.setattr(importing, "duo_import_aanbieden", lambda pk: True)
    run = duo_import_starten(
        swv=swv, inhoud=_bestand("scholen_oud_utf8.csv"), bestandsnaam="s.csv", dry_run=False, by=beheerder
    )
    run.bestand.save("s.csv", ContentFile(b"A;B\r\n1;2\r\n"))

    duo_import_verwerken(run.pk)

    run.refresh_from_db()
    assert run.status == DuoImport.Status.MISLUKT
    assert "Onbekende indeling" in run.foutmelding


def test_the_partner_pages_link_to_the_import_for_the_beheerder_only(users, client_for):
    assert (
        'href="/partners/import/"'
        in client_for(users[Rol.BEHEERDER.value]).get("/partners/").content.decode()
    )
    assert (
        'href="/partners/import/"'
        not in client_for(users[Rol.SWV_COORDINATOR.value]).get("/partners/").content.decode()
    )
