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
- `export_response(formaat, stam, header, rows, sheet=...)`: either of the two by the format a page's
  export link asks for, named `<stam>-<date>.<csv|xlsx>` (`bestandsnaam`).

Why `;` and a BOM: Excel opens a double-clicked `.csv` with the list separator of the Windows region,
which is `;` in nl-NL (the comma is the decimal separator there); with `,` every row lands in column A.
Without a byte-order mark Excel reads the file as Windows-1252 and "Zoë" becomes "ZoÃ«". A `sep=;` first
line would also fix the separator, but Excel then ignores the BOM, so it is not written. For the same
reason decimals are written with a decimal comma: nl-NL Excel reads `1500.50` as 150050 (the dot is its
thousands separator). Dates are ISO 8601 (`2026-11-30`), which Excel in every region reads as a date.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

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


def _csv_cell(value: Any, delimiter: str = ";") -> Any:
    value = neutraliseer(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float | decimal.Decimal) and delimiter == ";":
        # Dutch Excel (the reason for `;`) reads a decimal point as a thousands separator.
        return str(value).replace(".", ",")
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ";") -> Iterator[str]:
    """The export as CSV text, line by line: a BOM and the header first (Excel opens UTF-8 correctly)."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield "\ufeff" + writer.writerow([_csv_cell(c, delimiter) for c in header])
    for row in rows:
        yield writer.writerow([_csv_cell(c, delimiter) for c in row])


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
    buffer = io.BytesIO()
    _xlsx_write(buffer, header, rows, sheet=sheet)
    return buffer.getvalue()


def _xlsx_write(
    target: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str
) -> None:
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
    workbook.save(target)


# An XLSX is a ZIP whose directory comes last: it cannot be streamed while rows are still read. The
# write-only sheet keeps its rows in a temporary file (not in memory), and the finished workbook goes to a
# temporary file that spills to disk above this size, then is streamed from there in blocks.
XLSX_IN_MEMORY_MAX = 4 * 1024 * 1024


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "Export"
) -> FileResponse:
    """An XLSX download written in bounded memory (write-only sheet, spooled temporary file)."""
    target = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY_MAX)  # noqa: SIM115  # closed by FileResponse
    _xlsx_write(target, header, rows, sheet=sheet)
    target.seek(0)
    response = FileResponse(target, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


EXPORT_FORMATEN = ("csv", "xlsx")


def bestandsnaam(stam: str, extensie: str, *, op: datetime.date | None = None) -> str:
    """`partners-2026-11-30.csv`: a Dutch name and the (local) date of the export, safe in a header."""
    from django.utils import timezone
    from django.utils.text import slugify

    op = op or timezone.localdate()
    return f"{slugify(stam) or 'export'}-{op.isoformat()}.{extensie}"


def export_response(
    formaat: str,
    stam: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "Export",
) -> HttpResponseBase:
    """The download a page's export link asks for: `formaat` "csv" (streamed) or "xlsx".

    `rows` may be a generator over a queryset's `.iterator()`: neither format holds all rows in memory.
    """
    if formaat == "xlsx":
        return xlsx_response(bestandsnaam(stam, "xlsx"), header, rows, sheet=sheet)
    if formaat == "csv":
        return csv_response(bestandsnaam(stam, "csv"), header, rows)
    raise ValueError(f"onbekend exportformaat {formaat!r}")
