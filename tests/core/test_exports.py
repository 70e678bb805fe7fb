"""The shared CSV/XLSX writer: no cell a spreadsheet would run as a formula (CSV injection)."""

import csv
import datetime
import decimal
import io

import pytest
from openpyxl import load_workbook

from swv.core.exports import csv_lines, csv_response, neutraliseer, xlsx_bytes

GEVAARLIJK = [
    '=HYPERLINK("https://evil.example","klik")',
    "+31 6 1234",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("waarde", GEVAARLIJK)
def test_text_starting_with_a_formula_character_gets_a_quote(waarde):
    assert neutraliseer(waarde) == "'" + waarde


def test_harmless_text_numbers_dates_and_none_are_written_as_they_are():
    assert neutraliseer("Basisschool De Linde") == "Basisschool De Linde"
    assert neutraliseer("a=b") == "a=b"
    assert neutraliseer(-3) == -3
    assert neutraliseer(decimal.Decimal("-1.5")) == decimal.Decimal("-1.5")
    assert neutraliseer(datetime.date(2026, 1, 2)) == datetime.date(2026, 1, 2)
    assert neutraliseer(None) == ""


def test_csv_lines_neutralise_every_text_cell_and_start_with_a_bom():
    tekst = "".join(csv_lines(["naam", "getal"], [[w, -1] for w in GEVAARLIJK]))
    assert tekst.startswith("\ufeff")
    rijen = list(csv.reader(io.StringIO(tekst.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert [r[0] for r in rijen[1:]] == ["'" + w for w in GEVAARLIJK]
    assert {r[1] for r in rijen[1:]} == {"-1"}


def test_csv_response_is_a_no_store_attachment():
    response = csv_response("x.csv", ["a"], iter([["=1"]]))
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[1] == "'=1"


def test_xlsx_cells_are_text_not_formulas():
    data = xlsx_bytes(["naam", "getal", "datum"], [[w, -2, datetime.date(2026, 3, 1)] for w in GEVAARLIJK])
    ws = load_workbook(io.BytesIO(data)).active
    rijen = list(ws.iter_rows(min_row=2, values_only=True))
    # XML stores a CR as a line feed; what matters is the quote in front.
    assert [r[0] for r in rijen] == ["'" + w.replace("\r", "\n") for w in GEVAARLIJK]
    assert all(ws.cell(row=i, column=1).data_type == "s" for i in range(2, len(GEVAARLIJK) + 2))
    assert rijen[0][1] == -2
    assert rijen[0][2] == datetime.datetime(2026, 3, 1)


def test_csv_writes_decimals_with_a_comma_for_dutch_excel():
    tekst = "".join(csv_lines(["bedrag"], [[decimal.Decimal("1500.50")], [2.5]]))
    assert tekst.splitlines()[1:] == ["1500,50", "2,5"]


def test_export_response_names_the_file_with_the_date_and_streams_xlsx_from_a_temporary_file():
    from swv.core.exports import bestandsnaam, export_response

    assert (
        bestandsnaam("Dekkend netwerk", "csv", op=datetime.date(2026, 11, 30))
        == "dekkend-netwerk-2026-11-30.csv"
    )
    response = export_response("xlsx", "personen", ["naam"], iter([["=1"], ["Zoë"]]))
    blad = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    assert [r[0] for r in blad.iter_rows(values_only=True)] == ["naam", "'=1", "Zoë"]
    assert response["Content-Disposition"].startswith('attachment; filename="personen-')
    with pytest.raises(ValueError, match="onbekend exportformaat"):
        export_response("pdf", "x", [], [])
