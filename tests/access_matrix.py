"""Reads the access matrix tables from docs/access.md: the single source the access tests are generated from.

A table sits between `<!-- access-matrix:NAME -->` and `<!-- /access-matrix:NAME -->`; its first row is
the header. Cells are stripped; back-ticked text is unwrapped where a caller asks for it.
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
    rows = [line.strip() for line in match.group(1).strip().splitlines() if line.strip()]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    result = []
    for line in rows[2:]:  # skip the |---| line
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(header), f"row has {len(cells)} cells, header {len(header)}: {line}"
        result.append(dict(zip(header, cells, strict=True)))
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
