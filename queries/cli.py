"""The query commands of ``samverkan``: lineage, mandates, groups, person.

The main command line (``graph/cli.py``) calls :func:`add_commands` with its subparsers; each
command sets ``func`` to a handler ``func(args) -> int``::

    parser = argparse.ArgumentParser(prog="samverkan")
    sub = parser.add_subparsers(dest="command", required=True)
    add_commands(sub)
    args = parser.parse_args(["lineage", "hemsjukvård", "--json"])
    sys.exit(args.func(args))

Output is an aligned table with Swedish headers by default and the contract's JSON with ``--json``.
A problem (no store, unknown name, bad date) prints one line on stderr and exits 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.embedded import EmbeddedBackend
from graph.kinds import EDGE_LABELS, KIND_LABELS
from graph.store import DEFAULT_STORE, EmbeddedStore, StoreError
from queries.common import QueryError, parse_day
from queries.groups import groups
from queries.lineage import lineage
from queries.mandates import mandates
from queries.models import EVENT_LABELS, GAP_LABELS, GroupRow
from queries.person import person

__all__ = ["GROUP_COLUMNS", "add_commands", "format_table", "write_groups"]

# --- formatting ----------------------------------------------------------------------------------
def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 70) -> str:
    """Columns padded to their widest cell (cut at ``max_width``), a rule under the headers.

    >>> print(format_table(["Namn", "Typ"], [["Rådet", "Råd"], ["Nätverket", "Nätverk"]]))
    Namn       Typ
    ---------  -------
    Rådet      Råd
    Nätverket  Nätverk
    """

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in body:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _money(row: GroupRow) -> str:
    parts = []
    for line in row.money:
        amount = f"{line.amount_sek:,.0f} kr".replace(",", " ") if line.amount_sek is not None else "?"
        arrow = "från" if line.direction == "in" else "till"
        parts.append(f"{amount} {arrow} {line.counterpart.name}")
    return "; ".join(parts)


#: The register's columns: Swedish header and how a row gives the cell.
GROUP_COLUMNS: list[tuple[str, Callable[[GroupRow], object]]] = [
    ("Typ", lambda r: KIND_LABELS.get(r.kind, r.kind)),
    ("Namn", lambda r: r.name),
    ("Ingår i / rapporterar till", lambda r: ", ".join(p.name for p in r.parents)),
    ("Styrgrupp", lambda r: ", ".join(s.name for s in r.steered_by)),
    (
        "Uppdragsgivare",
        lambda r: ", ".join(f"{m.source.name} ({m.date or 'odaterat'})" for m in r.mandated_by),
    ),
    ("Uppdragsbeskrivning", lambda r: ", ".join(r.mandate_documents)),
    ("Syfte", lambda r: r.purpose or ""),
    ("Medlemmar", lambda r: len(r.members)),
    ("Kommuner", lambda r: ", ".join(r.municipalities)),
    ("Region", lambda r: ", ".join(r.regions)),
    ("Överenskommelser", lambda r: ", ".join(a.name for a in r.agreements)),
    ("Medel", _money),
    ("Möten", lambda r: r.meetings),
    ("Senast aktiv", lambda r: r.last_activity or ""),
    ("Brister", lambda r: ", ".join(GAP_LABELS.get(g, g) for g in r.gaps)),
]
_TABLE_COLUMNS = (
    "Typ",
    "Namn",
    "Ingår i / rapporterar till",
    "Styrgrupp",
    "Medlemmar",
    "Möten",
    "Senast aktiv",
    "Brister",
)


def write_groups(rows: list[GroupRow], fmt: str, output: Path) -> None:
    """The register as xlsx (gaps highlighted) or csv (semicolon-separated, as Swedish Excel expects)."""
    headers = [h for h, _ in GROUP_COLUMNS]
    table = [[get(r) for _, get in GROUP_COLUMNS] for r in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(headers)
        writer.writerows(table)
        output.write_text(buffer.getvalue(), encoding="utf-8-sig")
        return
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
    book.save(output)


# --- commands ------------------------------------------------------------------------------------
def _backend(args) -> EmbeddedBackend:
    store = EmbeddedStore(args.store)
    if not store.exists():
        raise QueryError(f"no store at {args.store} (run `samverkan ingest PATH --store {args.store}` first)")
    return EmbeddedBackend.from_store(store)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _lineage(args) -> int:
    answer = lineage(_backend(args), args.query, as_of=args.as_of)
    if args.json:
        _print_json(answer.model_dump(mode="json"))
        return 0
    if not answer.events:
        print(f"Inga händelser hittades för ”{args.query}”.")
        return 0
    rows = [
        [e.date or "(odaterat)", e.body, e.document, e.item, EVENT_LABELS.get(e.kind, e.kind), e.text]
        for e in answer.events
    ]
    print(format_table(["Datum", "Organ", "Dokument", "Punkt", "Typ", "Text"], rows, max_width=90))
    return 0


def _mandates(args) -> int:
    answer = mandates(_backend(args), args.name, as_of=args.as_of)
    if args.name is not None and answer.node is None:
        raise QueryError(f"nothing in the graph is named like {args.name!r}")
    if args.json:
        _print_json(answer.model_dump(mode="json"))
        return 0
    if answer.node is not None:
        print(f"{answer.node.name} ({KIND_LABELS.get(answer.node.kind, answer.node.kind)})\n")
    rows = [
        [
            line.source.name,
            EDGE_LABELS.get(line.type, line.type),
            line.target.name,
            line.date or "",
            line.task or (f"{line.amount_sek} kr" if line.amount_sek is not None else ""),
            line.sources[0].document if line.sources else "",
        ]
        for line in answer.lines
    ]
    if rows:
        print(format_table(["Från", "Relation", "Till", "Datum", "Uppdrag / belopp", "Källa"], rows))
    else:
        print("Inga uppdrag, styrrelationer eller medel hittades.")
    if answer.chain:
        print("\nKedja uppåt:")
        chain = [
            [
                link.depth,
                link.lower.name,
                EDGE_LABELS.get(link.type, link.type),
                link.upper.name,
                link.date or "",
            ]
            for link in answer.chain
        ]
        chain = [
            [d, lower, rel if link.direction == "out" else f"{rel} (omvänt)", upper, day]
            for (d, lower, rel, upper, day), link in zip(chain, answer.chain, strict=True)
        ]
        print(format_table(["Nivå", "Grupp", "Relation", "Överordnad", "Datum"], chain))
    return 0


def _groups(args) -> int:
    rows = groups(_backend(args), as_of=args.as_of, today=args.today)
    fmt = "json" if args.json else args.format
    if fmt in ("xlsx", "csv"):
        if not args.output:
            raise QueryError(f"--format {fmt} needs --output FILE")
        write_groups(rows, fmt, Path(args.output))
        print(f"Skrev {len(rows)} grupper till {args.output}")
        return 0
    if fmt == "json":
        _print_json([r.model_dump(mode="json") for r in rows])
        return 0
    columns = [(h, get) for h, get in GROUP_COLUMNS if h in _TABLE_COLUMNS]
    print(format_table([h for h, _ in columns], [[get(r) for _, get in columns] for r in rows]))
    return 0


def _person(args) -> int:
    answer = person(_backend(args), args.name, as_of=args.as_of)
    if answer.person is None:
        raise QueryError(f"no person in the graph is named like {args.name!r}")
    if args.json:
        _print_json(answer.model_dump(mode="json"))
        return 0
    aliases = f" (även {', '.join(answer.aliases)})" if answer.aliases else ""
    print(f"{answer.person.name}{aliases}\n")
    sections = [
        ("Roller och tillhörighet", ["Datum", "Organisation", "Titel/roll", "Sammanhang"],
         [[r.date, r.organisation, r.title, r.context] for r in answer.roles]),
        ("Grupper", ["Grupp", "Roll", "Organisation", "Från", "Till"],
         [[g.group.name, g.role, g.organisation, g.valid_from, g.valid_to] for g in answer.groups]),
        ("Möten", ["Datum", "Organ", "Organisation", "Roll"],
         [[a.date or "(odaterat)", a.body, a.organisation, a.role] for a in answer.attendance]),
        ("Föredragit", ["Datum", "Organ", "Punkt", "Rubrik", "Dokument"],
         [[p.date or "(odaterat)", p.body, p.number, p.title, p.document] for p in answer.presented]),
        ("Uppdrag", ["Datum", "Från", "Uppdrag"],
         [[c.date or "(odaterat)", c.by.name, c.task] for c in answer.commissions]),
    ]  # fmt: skip
    for title, headers, rows in sections:
        if rows:
            print(f"{title}:")
            print(format_table(headers, rows))
            print()
    return 0


def _date_arg(value: str) -> str:
    try:
        return parse_day(value).isoformat()
    except QueryError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _guard(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Library errors become one line on stderr and exit status 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (QueryError, StoreError, OSError) as exc:
            print(f"samverkan {args.command}: {exc}", file=sys.stderr)
            return 2

    run.__name__ = handler.__name__
    return run


def add_commands(subparsers) -> None:
    """Register ``lineage``, ``mandates``, ``groups`` and ``person`` on an argparse subparsers object."""

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--store", default=str(DEFAULT_STORE), help="store folder (default: .samverkan)")
        p.add_argument("--json", action="store_true", help="print JSON (see CONTRACT.md)")
        p.add_argument(
            "--as-of", type=_date_arg, metavar="DATE", help="the structure as it stood on this date"
        )

    p = subparsers.add_parser("lineage", help="the history of one matter, oldest first")
    p.add_argument("query", help="words naming the matter")
    common(p)
    p.set_defaults(func=_guard(_lineage), command="lineage")

    p = subparsers.add_parser("mandates", help="who mandates whom (all, or around one body or person)")
    p.add_argument("name", nargs="?", help="a body, group or person")
    common(p)
    p.set_defaults(func=_guard(_mandates), command="mandates")

    p = subparsers.add_parser("groups", help="the register of collaboration groups")
    common(p)
    p.add_argument("--format", choices=["table", "json", "xlsx", "csv"], default="table")
    p.add_argument("--output", "-o", help="file for --format xlsx or csv")
    p.add_argument("--today", type=_date_arg, metavar="DATE", help="count inactivity from this date")
    p.set_defaults(func=_guard(_groups), command="groups")

    p = subparsers.add_parser("person", help="one person's roles, groups, meetings and commissions")
    p.add_argument("name")
    common(p)
    p.set_defaults(func=_guard(_person), command="person")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the query commands on their own (``python -m queries.cli``)."""
    parser = argparse.ArgumentParser(prog="samverkan")
    sub = parser.add_subparsers(dest="command", required=True)
    add_commands(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
