"""``samverkan ingest | export | forget | repair | status``: the store's commands, over ``loaders.pipeline``.

A file that cannot be read is one line ``FEL <file>: <reason>`` on stderr; the others load; the
exit status is 1 only when a file failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.store import EmbeddedStore
from samverkan_cli.main import EXIT_FAILED, EXIT_OK, add_store_arg
from samverkan_cli.output import shown

__all__ = ["register"]

#: File statuses as the terminal shows them (the app says them at more length: graph.kinds).
_STATUS_SHORT = {"loaded": "inläst", "replaced": "ersatt", "unchanged": "oförändrad", "duplicate": "dubblett",
                 "failed": "FEL"}  # fmt: skip


def _progress(total: int):
    """A tqdm bar on a terminal for runs of more than a few files; nothing otherwise."""
    if total < 5 or not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="fil", file=sys.stderr, leave=False)

    def step(_result) -> None:
        bar.update(1)

    return step, bar.close


def ingest_command(args: argparse.Namespace) -> int:
    from loaders.pipeline import collect_paths, ingest

    store = EmbeddedStore(args.store)
    collected = collect_paths(args.paths)
    step, close = _progress(len(collected.files))
    try:
        report = ingest(collected.files, store, progress=step)
    finally:
        close()
    missing = [(str(p), reason) for p, reason in collected.failed]
    report.skipped = [(str(p), reason) for p, reason in collected.skipped]
    for path, reason in missing:
        print(f"FEL {shown(path)}: {shown(reason)}", file=sys.stderr)
    for path, reason in report.skipped:
        print(f"hoppade över {shown(path)}: {shown(reason)}", file=sys.stderr)
    for f in report.files:
        if f.status == "failed":
            print(f"FEL {shown(f.path)}: {shown(f.reason)}", file=sys.stderr)
            continue
        if f.status == "duplicate":
            print(f"DUBBLETT {shown(f.path)}: samma innehåll som {shown(f.doc)}, räknas en gång", file=sys.stderr)
        elif f.reason:  # what a library said while reading it (pypdf)
            print(f"VARNING {shown(f.path)}: {shown(f.reason)}", file=sys.stderr)
        if args.verbose:
            print(f"{_STATUS_SHORT[f.status]:<10} {shown(f.path)} ({f.doc_kind}, {f.nodes} noder, {f.edges} kanter, "
                  f"{f.warnings} varningar)", file=sys.stderr)  # fmt: skip
        if f.status in ("loaded", "replaced") and f.reading == "partial":
            print(f"DELVIS {shown(f.path)}: {shown(', '.join(f.problems))} (samverkan status --varningar "
                  f"{shown(f.doc)})", file=sys.stderr)  # fmt: skip
    partial = sum(1 for f in report.files if f.status not in ("failed", "duplicate") and f.reading == "partial")
    tally = {s: report.count(s) for s in ("loaded", "replaced", "unchanged", "duplicate", "failed")}
    tally["failed"] += len(missing)
    counts = ", ".join(f"{n} {_STATUS_SHORT[s]}" for s, n in tally.items() if n)
    others = f", {len(report.skipped)} andra filer hoppades över" if report.skipped else ""
    others += f", {partial} delvis lästa" if partial else ""
    print(f"{len(report.files) + len(missing)} filer ({counts or 'inga'}{others}); "
          f"grafen: {report.nodes} noder, {report.edges} kanter; {report.warnings} varningar",
          file=sys.stderr)  # fmt: skip
    if report.crashed:
        print(
            f"{len(report.crashed)} filer fick parserfel; hela felet står i {store.log_path}", file=sys.stderr
        )
    return EXIT_FAILED if report.failed or missing else EXIT_OK


def export_command(args: argparse.Namespace) -> int:
    from graph.export import to_graphml, to_json

    graph = EmbeddedStore(args.store).graph()
    text = to_json(graph) if args.format == "json" else to_graphml(graph)
    if args.output:
        from graph.atomic import write_text_atomic

        write_text_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
        sys.stdout.write("\n")
    return EXIT_OK


def forget_command(args: argparse.Namespace) -> int:
    from loaders.pipeline import forget

    record = forget(args.file, EmbeddedStore(args.store))
    if record is None:
        print(f"FEL {shown(args.file)}: inte inläst i {shown(args.store)}", file=sys.stderr)
        return EXIT_FAILED
    print(f"glömde {shown(record.doc)} ({shown(record.path)})", file=sys.stderr)
    return EXIT_OK


def repair_command(args: argparse.Namespace) -> int:
    from loaders.pipeline import repair

    report = repair(EmbeddedStore(args.store))
    for note in report.notes:
        print(f"  {shown(note)}", file=sys.stderr)
    print(f"lagringen {shown(args.store)} är reparerad: {report.documents} dokument; grafen: {report.nodes} noder, "
          f"{report.edges} kanter", file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _warnings(store: EmbeddedStore, registry, wanted: str) -> int:
    """Every warning the reader gave for one document, with its line."""
    record = registry.files.get(wanted) or next(
        (r for r in registry.files.values() if Path(r.path).name == Path(wanted).name or r.path == wanted), None)
    if record is None:
        print(f"FEL {shown(wanted)}: inte inläst i {shown(store.root)}", file=sys.stderr)
        return EXIT_FAILED
    fragment = store.fragment(record.doc) if record.status == "loaded" else None
    state = {"complete": "helt läst", "partial": "delvis läst"}.get(record.reading, record.reading)
    print(f"{shown(record.doc)}: {record.doc_kind}, {state}" + (f" ({', '.join(record.problems)})" if record.problems else ""))
    if record.error:
        print(f"  fel: {shown(record.error)}")
    for w in fragment.warnings if fragment else []:
        where = f"rad {w.line}" if w.line else "hela dokumentet"
        print(f"  {where}: {w.message}")
    return EXIT_OK


def status_command(args: argparse.Namespace) -> int:
    store = EmbeddedStore(args.store)
    registry = store.registry()
    if args.varningar:
        return _warnings(store, registry, args.varningar)
    for record in sorted(registry.files.values(), key=lambda r: r.doc):
        state = "delvis" if record.status == "loaded" and record.reading == "partial" else ""
        line = (
            f"{_STATUS_SHORT[record.status]:<8} {shown(record.doc):<50} {record.doc_kind:<8} {record.nodes:>5} noder"
            f" {state:<6}"
        )
        detail = record.error or (", ".join(record.problems) if state else "")
        print(line + (f"  {shown(detail)}" if detail else ""))
        for alias in record.aliases:
            print(f"{_STATUS_SHORT['duplicate']:<8} {shown(alias)}  samma innehåll som {shown(record.doc)}, räknas en gång")
    graph = store.graph()
    print(f"{len(registry.files)} filer; grafen: {len(graph.nodes)} noder, {len(graph.edges)} kanter")
    crashed = sorted(r.doc for r in registry.files.values() if r.crashed)
    if crashed:
        print(f"parserfel i {len(crashed)} filer ({', '.join(crashed)}); hela felet står i {store.log_path}")
    return EXIT_OK


def register(sub) -> None:
    """Add ``ingest``, ``export``, ``forget``, ``repair`` and ``status`` to the main parser's subparsers."""
    p = sub.add_parser("ingest", help="read documents (files or folders: .txt .md .pdf .docx) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    add_store_arg(p)
    p.add_argument("-v", "--verbose", action="store_true", help="one line per file")
    p.set_defaults(func=ingest_command, error_status=EXIT_FAILED, fresh_store=False)  # ingest rebuilds itself

    p = sub.add_parser("export", help="print the whole graph (JSON as in CONTRACT.md, or GraphML)")
    add_store_arg(p)
    p.add_argument("--format", choices=["json", "graphml"], default="json")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.set_defaults(func=export_command, error_status=EXIT_FAILED)

    p = sub.add_parser("forget", help="drop one document's facts from the store")
    p.add_argument("file", help="the file's path or its name as sources cite it")
    add_store_arg(p)
    p.set_defaults(func=forget_command, error_status=EXIT_FAILED, fresh_store=False)  # forget rebuilds itself

    p = sub.add_parser(
        "repair",
        help="rebuild the registry and the graph from the stored fragments and texts (a damaged store file)",
    )
    add_store_arg(p)
    p.set_defaults(func=repair_command, error_status=EXIT_FAILED, fresh_store=False)

    p = sub.add_parser(
        "status", help="the ingested files and their state, and where parser crashes are logged"
    )
    add_store_arg(p)
    p.add_argument("--varningar", "--warnings", metavar="FIL",
                   help="every warning the reader gave for this document, with its line")
    p.set_defaults(func=status_command, error_status=EXIT_FAILED)
