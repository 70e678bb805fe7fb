"""The one way to write CSV and XLSX exports (every app uses it; docs/decisions.md).

A spreadsheet treats a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
(OWASP "CSV injection"): an organisation named `=HYPERLINK("https://evil",...)` would become a live link
in the privacy officer's Excel. Every text cell that starts with one of those characters is written with
a leading single quote, which spreadsheets show as text and do not evaluate. Numbers, dates and booleans
are written as they are: they cannot carry a formula, and a negative number must stay a number.

- `csv_response(filename, header, rows)`: a streaming `text/csv` download (UTF-8 with BOM so Excel reads
  it, `;` as Dutch Excel expects, `Cache-Control: no-store`, attachment).
- `csv_lines(header, rows)`: the same lines as an iterator of strings (for files and tests).
- `xlsx_bytes(header, rows, sheet=...)` / `xlsx_response(...)`: an XLSX workbook (openpyxl, write-only
  mode so a large export does not build the whole sheet in memory first).
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutraliseer(value: Any) -> Any:
    """A cell value that no spreadsheet evaluates: text starting with a formula character gets a quote.

    None becomes "". Numbers, dates and booleans are returned as they are; anything else is text.
    """
    if value is None:
        return ""
    if isinstance(value, bool | int | float | decimal.Decimal | datetime.date | datetime.time):
        return value
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def _csv_cell(value: Any) -> Any:
    value = neutraliseer(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ";") -> Iterator[str]:
    """The export as CSV text, line by line: a BOM and the header first (Excel opens UTF-8 correctly)."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield "\ufeff" + writer.writerow([_csv_cell(c) for c in header])
    for row in rows:
        yield writer.writerow([_csv_cell(c) for c in row])


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ";"
) -> StreamingHttpResponse:
    """A streaming CSV download. `rows` may be a generator: nothing is read before the response is sent."""
    response = StreamingHttpResponse(
        csv_lines(header, rows, delimiter=delimiter), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "Export") -> bytes:
    """The export as an XLSX workbook with one sheet; text cells neutralised as in the CSV."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(title=sheet[:31])
    ws.append([neutraliseer(c) for c in header])
    for row in rows:
        cells = []
        for c in row:
            value = neutraliseer(c)
            if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                # Excel has no time zones: write the local wall-clock time.
                from django.utils import timezone

                value = timezone.localtime(value).replace(tzinfo=None)
            elif isinstance(value, str):
                # Control characters are not allowed in XLSX XML (openpyxl refuses the whole file).
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cells.append(value)
        ws.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "Export"
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(header, rows, sheet=sheet), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
