"""Export and print of the partner list, the people list, the routekaart and the dekkend netwerk (issue 9):
the same filters and tenancy as the page, every matching row (not only the page of 50), formula cells
neutralised in CSV and XLSX, an audited export of key people, and links on the pages that keep the filters."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partners.models import Organisatie
from swv.audit.models import AuditEvent
from swv.core.models import Samenwerkingsverband
from tests.factories import OrganisatieFactory, SleutelfiguurFactory, VoorzieningFactory

ORGANISATIES = reverse("partners:organisaties_export")
PERSONEN = reverse("partners:personen_export")
ROUTEKAART = reverse("partners:routekaart_export")
DEKKEND = reverse("partners:dekkend_netwerk_export")


def csv_rijen(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    tekst = b"".join(response.streaming_content).decode("utf-8")
    assert tekst.startswith("\ufeff")  # Excel reads UTF-8 only with a BOM
    return list(csv.reader(io.StringIO(tekst[1:], newline=""), delimiter=";"))


def xlsx_rijen(response) -> list[list[object]]:
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    inhoud = b"".join(response.streaming_content)
    blad = load_workbook(io.BytesIO(inhoud), read_only=True).active
    return [["" if c is None else c for c in rij] for rij in blad.iter_rows(values_only=True)]


def kolom(rijen, naam) -> list[object]:
    index = rijen[0].index(naam)
    return [r[index] for r in rijen[1:]]


@pytest.fixture
def register(swv, users):
    """Two werkgebied gemeenten, a GGD for both with a jeugdarts, a jeugdconsulent of one gemeente whose
    name starts with '=' (a formula), 60 schools (more than a page), and the same names in another SWV."""
    kwakkel = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Kwakkelburg")
    molen = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Molenwaard")
    ggd = OrganisatieFactory(swv=swv, ggd=True, naam="GGD Lingestreek", telefoon="+31 88 1234567")
    ggd.werkgebied.set([kwakkel, molen])
    SleutelfiguurFactory(
        swv=swv,
        organisatie=ggd,
        functie="Jeugdarts",
        persoon__voornaam="Mark",
        persoon__achternaam="Vermeulen",
        email="m.vermeulen@ggd.example",
    )
    SleutelfiguurFactory(
        swv=swv,
        organisatie=kwakkel,
        functie="Jeugdconsulent",
        niveau="organisatie",
        persoon__voornaam='=HYPERLINK("https://evil.example","klik")',
        persoon__achternaam="Bakker",
        gemeenten=[kwakkel],
    )
    for i in range(60):
        OrganisatieFactory(swv=swv, school=True, naam=f"Basisschool Export {i:02d}")
    # (`gemeente=` is also the factory's trait for a gemeente itself: set the location afterwards.)
    Organisatie.objects.filter(swv=swv, naam__startswith="Basisschool Export").update(gemeente=kwakkel)
    VoorzieningFactory(
        swv=swv, naam="Herstart", aanbieder=ggd, doelgroep="gedrag", capaciteit=12, bezetting=4
    ).gemeenten.set([kwakkel])

    elders = Samenwerkingsverband.objects.get(code="VO9802")  # the outsider's SWV (tests/conftest.py)
    ander = OrganisatieFactory(swv=elders, ggd=True, naam="GGD Elders")
    SleutelfiguurFactory(
        swv=elders,
        organisatie=ander,
        functie="Jeugdarts",
        persoon__voornaam="Eline",
        persoon__achternaam="Elders",
    )
    OrganisatieFactory(swv=elders, school=True, naam="Basisschool Export Elders")
    return {"kwakkel": kwakkel, "molen": molen, "ggd": ggd}


# --- the partner list ---


def test_partner_list_csv_holds_every_matching_row_of_the_own_swv_with_the_page_filters(
    register, users, client_for
):
    client = client_for(users["swv_coordinator"])
    response = client.get(ORGANISATIES, {"q": "export", "soort": "school", "formaat": "csv"})

    assert response.status_code == 200
    assert re.fullmatch(
        r'attachment; filename="ketenpartners-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )
    assert response["Cache-Control"] == "no-store"
    rijen = csv_rijen(response)
    assert rijen[0][:3] == ["Naam", "Soort", "Code"]
    namen = kolom(rijen, "Naam")
    # All 60, not the page's 50; nothing of the other SWV, nothing the filters leave out.
    assert namen == [f"Basisschool Export {i:02d}" for i in range(60)]
    assert set(kolom(rijen, "Gemeente")) == {"Gemeente Kwakkelburg"}


def test_partner_list_without_filters_lists_the_same_organisations_as_the_page(register, users, client_for):
    client = client_for(users["swv_medewerker"])
    rijen = csv_rijen(client.get(ORGANISATIES, {"formaat": "csv"}))
    namen = kolom(rijen, "Naam")
    pagina = client.get(reverse("partners:index"))
    assert len(namen) == pagina.context["page"].paginator.count
    assert "GGD Elders" not in namen
    assert "Basisschool Export Elders" not in namen
    ggd = rijen[1 + namen.index("GGD Lingestreek")]
    # A phone number "+31 ..." would be a formula in a spreadsheet: written as text.
    assert ggd[rijen[0].index("Telefoon")] == "'+31 88 1234567"
    assert ggd[rijen[0].index("Huidige sleutelfiguren")] == "1"


def test_partner_list_xlsx_reads_back_with_the_same_rows(register, users, client_for):
    client = client_for(users["swv_coordinator"])
    response = client.get(
        ORGANISATIES, {"gemeente": register["kwakkel"].pk, "soort": "school", "formaat": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    rijen = xlsx_rijen(response)
    assert rijen[0][0] == "Naam"
    assert kolom(rijen, "Naam") == [f"Basisschool Export {i:02d}" for i in range(60)]
    assert set(kolom(rijen, "Huidige sleutelfiguren")) == {0}  # a number stays a number


def test_an_unknown_format_is_a_dutch_400(register, users, client_for):
    response = client_for(users["swv_coordinator"]).get(ORGANISATIES, {"formaat": "pdf"})
    assert response.status_code == 400
    assert "Onbekend formaat" in response.content.decode()


# --- the people list ---


def test_people_csv_neutralises_a_formula_and_keeps_the_other_swv_out(register, users, client_for):
    rijen = csv_rijen(client_for(users["swv_deskundige"]).get(PERSONEN, {"formaat": "csv"}))
    namen = kolom(rijen, "Naam")
    assert '\'=HYPERLINK("https://evil.example","klik") Bakker' in namen
    assert "Mark Vermeulen" in namen
    assert not any("Elders" in n for n in namen)
    assert kolom(rijen, "E-mailadres")[namen.index("Mark Vermeulen")] == "m.vermeulen@ggd.example"


def test_people_xlsx_honours_the_search_and_neutralises_the_formula(register, users, client_for):
    client = client_for(users["swv_coordinator"])
    rijen = xlsx_rijen(client.get(PERSONEN, {"q": "jeugdconsulent", "formaat": "xlsx"}))
    assert kolom(rijen, "Naam") == ['\'=HYPERLINK("https://evil.example","klik") Bakker']
    assert kolom(rijen, "Aanspreekpunt voor") == ["Gemeente Kwakkelburg"]


def test_people_export_writes_one_export_row_in_the_audit_log(register, users, client_for):
    client = client_for(users["swv_coordinator"])
    voor = AuditEvent.objects.count()
    response = client.get(PERSONEN, {"niveau": "uitvoering", "formaat": "csv"})
    csv_rijen(response)
    rij = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == voor + 1
    assert rij.action == AuditEvent.Action.EXPORT
    assert rij.object_type == "partners.sleutelfiguur"
    assert rij.object_id == "personen"
    assert rij.actor == users["swv_coordinator"]
    assert "csv" in rij.reason
    assert "Niveau: Uitvoering" in rij.reason


def test_people_print_page_lists_every_role_and_is_logged_as_a_read(register, users, client_for):
    client = client_for(users["swv_coordinator"])
    response = client.get(PERSONEN)  # no formaat: the print page
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="afdruk-tabel"' in html
    assert "Mark Vermeulen" in html
    assert "Elders" not in html
    assert AuditEvent.objects.filter(object_id="personen", action=AuditEvent.Action.READ).count() == 1
    # The "Afdrukken" button comes from a static script (CSP: no inline script); hidden without it.
    assert "js/afdrukken.js" in html
    assert "data-afdrukken hidden" in html


# --- the routekaart ---


def test_routekaart_csv_has_a_row_per_person_and_per_gap_for_the_chosen_gemeente(register, users, client_for):
    client = client_for(users["ketenpartner"])
    response = client.get(ROUTEKAART, {"gemeente": register["molen"].pk, "formaat": "csv"})
    rijen = csv_rijen(response)
    assert set(kolom(rijen, "Gemeente")) == {"Gemeente Molenwaard"}
    per_niveau = dict(zip(kolom(rijen, "Niveau"), kolom(rijen, "Naam"), strict=False))
    assert per_niveau["Uitvoering"] == "Mark Vermeulen"  # the GGD serves Molenwaard
    assert per_niveau["Organisatie"] == "Geen contact bekend"  # the jeugdconsulent is for Kwakkelburg only
    assert AuditEvent.objects.filter(object_id="routekaart", action=AuditEvent.Action.EXPORT).exists()


def test_routekaart_without_a_filter_exports_every_gemeente(register, users, client_for):
    rijen = xlsx_rijen(client_for(users["swv_coordinator"]).get(ROUTEKAART, {"formaat": "xlsx"}))
    assert {"Gemeente Kwakkelburg", "Gemeente Molenwaard"} <= set(kolom(rijen, "Gemeente"))
    assert '\'=HYPERLINK("https://evil.example","klik") Bakker' in kolom(rijen, "Naam")


# --- the dekkend netwerk ---


def test_dekkend_netwerk_csv_has_a_row_per_doelgroep_and_gemeente_with_the_verdict(
    register, users, client_for
):
    rijen = csv_rijen(client_for(users["bestuurder"]).get(DEKKEND, {"doelgroep": "gedrag", "formaat": "csv"}))
    per_gemeente = {r[1]: r for r in rijen[1:]}
    assert set(kolom(rijen, "Doelgroep")) == {"Gedrag"}
    kwakkel = per_gemeente["Gemeente Kwakkelburg"]
    assert kwakkel[2] == "Herstart (GGD Lingestreek)"
    assert kwakkel[rijen[0].index("Vrije plekken")] == "8"
    assert kwakkel[-1] == "Gedekt"
    assert per_gemeente["Gemeente Molenwaard"][-1] == "Gat: geen voorziening"


def test_dekkend_netwerk_print_page_shows_the_filter_in_words(register, users, client_for):
    response = client_for(users["swv_coordinator"]).get(
        DEKKEND, {"gemeente": register["kwakkel"].pk, "formaat": "afdruk"}
    )
    html = response.content.decode()
    assert "Gemeente: Gemeente Kwakkelburg" in html
    assert "Gemeente Molenwaard" not in html.split('data-testid="afdruk-tabel"')[1]


# --- the links on the pages ---


@pytest.mark.parametrize(
    ("pagina", "export", "params"),
    [
        ("partners:index", ORGANISATIES, {"q": "export", "pagina": "2"}),
        ("partners:personen", PERSONEN, {"q": "jeugdarts"}),
        ("partners:routekaart", ROUTEKAART, {}),
        ("partners:dekkend_netwerk", DEKKEND, {"doelgroep": "gedrag"}),
    ],
)
def test_each_page_links_to_its_exports_with_its_filters(register, users, client_for, pagina, export, params):
    html = client_for(users["swv_coordinator"]).get(reverse(pagina), params).content.decode()
    for formaat in ("csv", "xlsx", "afdruk"):
        link = re.search(rf'href="({re.escape(export)}\?[^"]*formaat={formaat}[^"]*)"', html)
        assert link, formaat
        href = link.group(1).replace("&amp;", "&")
        for naam, waarde in params.items():
            if naam != "pagina":
                assert f"{naam}={waarde}" in href
        assert "pagina=" not in href  # every matching row, not the page being looked at


def test_filenames_carry_the_local_date(register, users, client_for):
    response = client_for(users["swv_coordinator"]).get(DEKKEND, {"formaat": "xlsx"})
    assert f"dekkend-netwerk-{timezone.localdate().isoformat()}.xlsx" in response["Content-Disposition"]


def test_an_organisation_of_the_other_swv_chosen_as_filter_is_not_accepted(register, users, client_for):
    """A gemeente of another SWV in the address is not a valid choice: the filter is ignored, as on the page,
    and nothing of the other SWV appears."""
    elders_gemeente = OrganisatieFactory(
        swv=Samenwerkingsverband.objects.get(code="VO9802"), werkgebied_gemeente=True, naam="Gemeente Elders"
    )
    rijen = csv_rijen(
        client_for(users["swv_coordinator"]).get(
            ROUTEKAART, {"gemeente": elders_gemeente.pk, "formaat": "csv"}
        )
    )
    assert "Gemeente Elders" not in kolom(rijen, "Gemeente")
    assert Organisatie.objects.filter(pk=elders_gemeente.pk).exists()


def test_xlsx_dates_are_dates(swv, users, client_for):
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Datum")
    SleutelfiguurFactory(swv=swv, organisatie=gemeente, van=datetime.date(2024, 8, 1))
    rijen = xlsx_rijen(client_for(users["swv_coordinator"]).get(PERSONEN, {"formaat": "xlsx"}))
    assert datetime.datetime(2024, 8, 1) in kolom(rijen, "Van")
