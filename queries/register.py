"""The register of collaboration groups as a table: its Swedish columns, and its xlsx and csv files.

The command line (``samverkan groups``) and the app's Samverkansregister both read these columns,
so the terminal table, the Excel and CSV downloads and the page show the same cells.

>>> from queries.fixtures import example_backend
>>> from queries.groups import groups
>>> headers, cells = register_table(groups(example_backend(), today="2025-06-01"), TABLE_COLUMNS)
>>> headers[:3], cells[0][:2]
(['Typ', 'Namn', 'Ingår i / rapporterar till'], ['Råd', 'Rådet'])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from graph.kinds import kind_label
from queries.models import GAP_LABELS, UNKNOWN_LABELS, GroupRow

__all__ = ["GROUP_COLUMNS", "TABLE_COLUMNS", "register_bytes", "register_table", "write_groups"]

FileFormat = Literal["xlsx", "csv"]


def _money(row: GroupRow) -> str:
    parts = []
    for line in row.money:
        amount = f"{line.amount_sek:,.0f} kr".replace(",", " ") if line.amount_sek is not None else "?"
        arrow = "från" if line.direction == "in" else "till"
        parts.append(f"{amount} {arrow} {line.counterpart.name}")
    return "; ".join(parts)


UNKNOWN = "okänt"


def _source(row: GroupRow) -> str:
    """Where the group was read: "document, rad N" for its first sources (at most three)."""
    seen = dict.fromkeys(f"{s.document}, rad {s.line}" for s in row.sources)
    parts = list(seen)
    more = f" och {len(parts) - 3} till" if len(parts) > 3 else ""
    return "; ".join(parts[:3]) + more


#: The register's columns: Swedish header and how a row gives the cell. What the documents do not
#: tell is "okänt", apart from a gap ("Brister": what they show is missing).
GROUP_COLUMNS: list[tuple[str, Callable[[GroupRow], object]]] = [
    ("Typ", lambda r: kind_label(r.kind)),
    ("Namn", lambda r: r.name),
    ("Ingår i / rapporterar till", lambda r: ", ".join(p.name for p in r.parents)),
    ("Styrgrupp", lambda r: ", ".join(s.name for s in r.steered_by)),
    (
        "Uppdragsgivare",
        lambda r: ", ".join(f"{m.source.name} ({m.date or 'odaterat'})" for m in r.mandated_by),
    ),
    ("Uppdragsbeskrivning", lambda r: ", ".join(r.mandate_documents)),
    ("Syfte", lambda r: r.purpose or ""),
    ("Medlemmar", lambda r: len(r.members) if r.members else UNKNOWN),
    ("Kommuner", lambda r: ", ".join(r.municipalities) if r.members else UNKNOWN),
    ("Region", lambda r: ", ".join(r.regions)),
    ("Överenskommelser", lambda r: ", ".join(a.name for a in r.agreements)),
    ("Medel", _money),
    ("Möten", lambda r: r.meetings if r.meetings else UNKNOWN),
    ("Senast aktiv", lambda r: r.last_activity or UNKNOWN),
    ("Brister", lambda r: ", ".join(GAP_LABELS.get(g, g) for g in r.gaps)),
    ("Okänt", lambda r: ", ".join(UNKNOWN_LABELS.get(u, u) for u in r.unknown)),
    ("Källa", _source),
]
#: The columns of the terminal table (the files and the app show them all).
TABLE_COLUMNS: tuple[str, ...] = (
    "Typ",
    "Namn",
    "Ingår i / rapporterar till",
    "Styrgrupp",
    "Medlemmar",
    "Möten",
    "Senast aktiv",
    "Brister",
)


def register_table(
    rows: Sequence[GroupRow], columns: Sequence[str] | None = None
) -> tuple[list[str], list[list[object]]]:
    """Headers and cells of the register, all columns or the named ones (in register order)."""
    chosen = [(h, get) for h, get in GROUP_COLUMNS if columns is None or h in columns]
    return [h for h, _ in chosen], [[get(r) for _, get in chosen] for r in rows]


def register_bytes(rows: Sequence[GroupRow], fmt: FileFormat) -> bytes:
    """The register as an xlsx workbook (gaps highlighted, a filter on every column, frozen headers)
    or csv (semicolon-separated, UTF-8 with a byte-order mark, as Swedish Excel expects)."""
    headers, table = register_table(rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(headers)
        writer.writerows(table)
        return buffer.getvalue().encode("utf-8-sig")
    if fmt != "xlsx":
        raise ValueError(f"unknown register format {fmt!r}: expected xlsx or csv")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Samverkansgrupper"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    highlight = PatternFill(start_color="FFF2CC", end_color="FFF2CC", fill_type="solid")
    gap_col = headers.index("Brister") + 1
    for row, values in zip(rows, table, strict=True):
        sheet.append(values)
        if row.gaps:
            for cell in sheet[sheet.max_row]:
                if cell.column == gap_col:
                    cell.fill = PatternFill(start_color="F4B183", end_color="F4B183", fill_type="solid")
                    cell.font = Font(bold=True)
                else:
                    cell.fill = highlight
    for i, header in enumerate(headers, start=1):
        width = max([len(header)] + [len(str(v[i - 1])) for v in table]) + 2
        sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = min(width, 60)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions  # a filter on every column
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_groups(rows: Sequence[GroupRow], fmt: FileFormat, output: Path) -> None:
    """The register written to ``output`` as xlsx or csv (see :func:`register_bytes`)."""
    Path(output).write_bytes(register_bytes(rows, fmt))
