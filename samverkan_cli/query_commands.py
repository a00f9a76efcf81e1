"""``samverkan lineage | mandates | groups | person | overlap``: the questions, over ``queries``.

Output is an aligned table with Swedish headers by default and the contract's JSON with ``--json``
(``../shared/eval/CONTRACT.md``). A question that cannot be answered as asked (no store, unknown
name) is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.embedded import EmbeddedBackend
from graph.kinds import EDGE_LABELS, kind_label
from graph.store import EmbeddedStore
from queries.common import QueryError
from queries.groups import groups
from queries.lineage import lineage
from queries.mandates import mandates
from queries.models import EVENT_LABELS
from queries.overlap import overlap
from queries.person import person
from queries.register import TABLE_COLUMNS, register_table, write_groups
from samverkan_cli.main import EXIT_OK, EXIT_UNANSWERABLE, CommandError, add_store_arg, date_arg
from samverkan_cli.output import format_table, print_json

__all__ = ["register"]


def _backend(args: argparse.Namespace) -> EmbeddedBackend:
    store = EmbeddedStore(args.store)
    if not store.exists():
        raise QueryError(f"no store at {args.store} (run `samverkan ingest PATH --store {args.store}` first)")
    return EmbeddedBackend.from_store(store)


def lineage_command(args: argparse.Namespace) -> int:
    answer = lineage(_backend(args), args.query, as_of=args.as_of)
    if args.json:
        print_json(answer.model_dump(mode="json"))
        return EXIT_OK
    if not answer.events:
        print(f"Inga händelser hittades för ”{args.query}”.")
        return EXIT_OK
    rows = [
        [e.date or "(odaterat)", e.body, e.document, e.item, EVENT_LABELS.get(e.kind, e.kind), e.text]
        for e in answer.events
    ]
    print(format_table(["Datum", "Organ", "Dokument", "Punkt", "Typ", "Text"], rows, max_width=90))
    return EXIT_OK


def mandates_command(args: argparse.Namespace) -> int:
    answer = mandates(_backend(args), args.name, as_of=args.as_of)
    if args.name is not None and answer.node is None:
        raise QueryError(f"nothing in the graph is named like {args.name!r}")
    if args.json:
        print_json(answer.model_dump(mode="json"))
        return EXIT_OK
    if answer.node is not None:
        print(f"{answer.node.name} ({kind_label(answer.node.kind)})\n")
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
        chain = []
        for link in answer.chain:
            relation = EDGE_LABELS.get(link.type, link.type)
            if link.direction != "out":
                relation = f"{relation} (omvänt)"
            chain.append([link.depth, link.lower.name, relation, link.upper.name, link.date or ""])
        print(format_table(["Nivå", "Grupp", "Relation", "Överordnad", "Datum"], chain))
    return EXIT_OK


def groups_command(args: argparse.Namespace) -> int:
    rows = groups(_backend(args), as_of=args.as_of, today=args.today)
    fmt = "json" if args.json else args.format
    if fmt in ("xlsx", "csv"):
        if not args.output:
            raise CommandError(f"--format {fmt} needs --output FILE", EXIT_UNANSWERABLE)
        write_groups(rows, fmt, Path(args.output))
        print(f"Skrev {len(rows)} grupper till {args.output}")
        return EXIT_OK
    if fmt == "json":
        print_json([r.model_dump(mode="json") for r in rows])
        return EXIT_OK
    print(format_table(*register_table(rows, TABLE_COLUMNS)))
    return EXIT_OK


def person_command(args: argparse.Namespace) -> int:
    answer = person(_backend(args), args.name, as_of=args.as_of)
    if answer.person is None:
        raise QueryError(f"no person in the graph is named like {args.name!r}")
    if args.json:
        print_json(answer.model_dump(mode="json"))
        return EXIT_OK
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
    return EXIT_OK


def overlap_command(args: argparse.Namespace) -> int:
    answer = overlap(_backend(args), as_of=args.as_of, min_groups=args.min_groups, top=args.top)
    if args.json:
        print_json(answer.model_dump(mode="json"))
        return EXIT_OK
    names = lambda refs: ", ".join(r.name for r in refs)  # noqa: E731
    sections = [
        (f"Personer i minst {args.min_groups} grupper", ["Person", "Grupper", "Antal", "Organisation"],
         [[p.person.name, names(p.groups), p.count, ", ".join(p.organisations)] for p in answer.people[: args.top]]),
        ("Grupper med gemensamma personer", ["Grupp", "Grupp", "Gemensamma", "Andel", "Personer"],
         [[x.a.name, x.b.name, len(x.people), f"{x.share:.0%}", names(x.people)] for x in answer.pairs[: args.top]]),
        ("Brobyggare (betweenness)", ["Person", "Betweenness", "Delar utan personen", "Grupper"],
         [[b.person.name, f"{b.betweenness:.3f}", b.parts, names(b.groups)] for b in answer.brokers]),
        ("Grupper utan styrande organ ovanför", ["Grupp", "Typ", "Ovanför i underlaget"],
         [[u.group.name, kind_label(u.group.kind), u.above] for u in answer.unsteered]),
    ]  # fmt: skip
    for title, headers, rows in sections:
        print(f"{title}:")
        print(format_table(headers, rows) if rows else "  inga")
        print()
    return EXIT_OK


def register(sub) -> None:
    """Add ``lineage``, ``mandates``, ``groups``, ``person`` and ``overlap`` to the main parser's
    subparsers."""

    def common(p: argparse.ArgumentParser) -> None:
        add_store_arg(p)
        p.add_argument("--json", action="store_true", help="print JSON (see CONTRACT.md)")
        p.add_argument(
            "--as-of", type=date_arg, metavar="DATE", help="the structure as it stood on this date"
        )

    p = sub.add_parser("lineage", help="the history of one matter, oldest first")
    p.add_argument("query", help="words naming the matter")
    common(p)
    p.set_defaults(func=lineage_command, error_status=EXIT_UNANSWERABLE)

    p = sub.add_parser("mandates", help="who mandates whom (all, or around one body or person)")
    p.add_argument("name", nargs="?", help="a body, group or person")
    common(p)
    p.set_defaults(func=mandates_command, error_status=EXIT_UNANSWERABLE)

    p = sub.add_parser("groups", help="the register of collaboration groups")
    common(p)
    p.add_argument("--format", choices=["table", "json", "xlsx", "csv"], default="table")
    p.add_argument("--output", "-o", help="file for --format xlsx or csv")
    p.add_argument("--today", type=date_arg, metavar="DATE", help="count inactivity from this date")
    p.set_defaults(func=groups_command, error_status=EXIT_UNANSWERABLE)

    p = sub.add_parser("person", help="one person's roles, groups, meetings and commissions")
    p.add_argument("name")
    common(p)
    p.set_defaults(func=person_command, error_status=EXIT_UNANSWERABLE)

    p = sub.add_parser(
        "overlap",
        help="who sits where: people in many groups, groups sharing members, brokers, groups under no "
        "steering body",
    )
    common(p)
    p.add_argument("--min-groups", type=int, default=2, metavar="N", help="list people in at least N groups")
    p.add_argument("--top", type=int, default=25, metavar="N", help="at most N rows per list (brokers: N)")
    p.set_defaults(func=overlap_command, error_status=EXIT_UNANSWERABLE)
