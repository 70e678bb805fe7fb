"""Reads the access matrix tables from docs/access.md: the single source the access tests are generated from.

A table sits between `<!-- access-matrix:NAME -->` and `<!-- /access-matrix:NAME -->`; its first row is
the header. Cells are stripped; back-ticked text is unwrapped where a caller asks for it. Tables an app
owns are named `KIND:LABEL` (`routes:partners`); `app_tables(KIND)` collects them, so a new app adds its
table to docs/access.md and nothing here changes.
"""

import re
from functools import cache
from pathlib import Path

ACCESS_MD = Path(__file__).resolve().parent.parent / "docs" / "access.md"


@cache
def table(name: str) -> list[dict[str, str]]:
    text = ACCESS_MD.read_text(encoding="utf-8")
    match = re.search(rf"<!-- access-matrix:{name} -->\n(.*?)<!-- /access-matrix:{name} -->", text, re.S)
    if match is None:
        raise LookupError(f"docs/access.md has no access-matrix:{name} table")
    return _rows(match.group(1))


@cache
def app_tables(kind: str) -> dict[str, list[dict[str, str]]]:
    """app label -> its rows, for every `access-matrix:KIND:LABEL` table, in the order of the page."""
    text = ACCESS_MD.read_text(encoding="utf-8")
    found = re.findall(
        rf"<!-- access-matrix:{kind}:([a-z_]+) -->\n(.*?)<!-- /access-matrix:{kind}:\1 -->", text, re.S
    )
    if not found:
        raise LookupError(f"docs/access.md has no access-matrix:{kind}:LABEL table")
    labels = [label for label, _ in found]
    assert len(labels) == len(set(labels)), f"an app has two {kind} tables: {labels}"
    return {label: _rows(body) for label, body in found}


def _rows(body: str) -> list[dict[str, str]]:
    rows = [line.strip() for line in body.strip().splitlines() if line.strip()]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    result = []
    for line in rows[2:]:  # skip the |---| line
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(header), f"row has {len(cells)} cells, header {len(header)}: {line}"
        result.append(dict(zip(header, cells, strict=True)))
    return result


# One expected answer: a status, and for a redirect the URL name of the page it goes to ("302→start").
ANSWER = re.compile(r"(\d{3})(?:→([\w:-]+))?")


def answer(text: str) -> tuple[int, str | None]:
    match = ANSWER.fullmatch(text)
    if match is None:
        raise ValueError(f"not an answer (like 200 or 302→start): {text!r}")
    return int(match.group(1)), match.group(2)


def answers(cell: str) -> dict[str, tuple[int, str | None]]:
    """An `antwoord` cell, "GET 200, POST 302→start" -> {"GET": (200, None), "POST": (302, "start")}."""
    result = {}
    for part in cell.split(","):
        method, _, expected = part.strip().partition(" ")
        if not method.isupper() or method in result:
            raise ValueError(f"bad antwoord cell: {cell!r}")
        result[method] = answer(expected.strip())
    return result


def backticked(cell: str) -> str:
    found = re.search(r"`([^`]+)`", cell)
    return found.group(1) if found else cell


def module_menu() -> dict[str, list[str]]:
    """role -> the menu labels it sees, in table order, with Start first."""
    rows = table("modules")
    roles = [column for column in rows[0] if column != "module"]
    menu: dict[str, list[str]] = {role: ["Start"] for role in roles}
    for row in rows:
        label = row["module"].split(" (`")[0]
        for role in roles:
            if row[role] == "x":
                menu[role].append(label)
    return menu


def module_urls() -> dict[str, str]:
    return {row["module"].split(" (`")[0]: backticked(row["module"]) for row in table("modules")}
