"""The ``samverkan`` command line: a thin layer over loaders/, graph/ and queries/.

    samverkan ingest PATH... [--store DIR]
    samverkan export [--store DIR] --format json|graphml [-o FILE]
    samverkan forget FILE [--store DIR]
    samverkan status [--store DIR]
    samverkan lineage | mandates | groups | person …   (queries.cli)
    samverkan push | cypher …                          (graph.neo4j_cli)

Exit status: 0 on success; 1 when a file failed to load or a command could not run; 2 on usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.store import DEFAULT_STORE, EmbeddedStore, StoreError

__all__ = ["build_parser", "main"]

_STATUS_SV = {"loaded": "inläst", "replaced": "ersatt", "unchanged": "oförändrad", "failed": "FEL"}


def _progress(total: int):
    """A tqdm bar on a terminal for runs of more than a few files; nothing otherwise."""
    if total < 5 or not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="fil", file=sys.stderr, leave=False)

    def step(_result) -> None:
        bar.update(1)

    return step, bar.close


def _ingest(args) -> int:
    from loaders.pipeline import collect_paths, ingest

    store = EmbeddedStore(args.store)
    missing = [p for p in args.paths if not Path(p).exists()]
    files, skipped = collect_paths([p for p in args.paths if Path(p).exists()])
    step, close = _progress(len(files))
    try:
        report = ingest(files, store, progress=step)
    finally:
        close()
    report.skipped = [str(p) for p in skipped]
    for path in missing:
        print(f"FEL {path}: finns inte (no such file or folder)", file=sys.stderr)
    for f in report.files:
        if f.status == "failed":
            print(f"FEL {f.path}: {f.reason}", file=sys.stderr)
        elif args.verbose:
            print(f"{_STATUS_SV[f.status]:<10} {f.path} ({f.doc_kind}, {f.nodes} noder, {f.edges} kanter, "
                  f"{f.warnings} varningar)", file=sys.stderr)
    tally = {s: report.count(s) for s in ("loaded", "replaced", "unchanged", "failed")}
    tally["failed"] += len(missing)
    counts = ", ".join(f"{n} {_STATUS_SV[s]}" for s, n in tally.items() if n)
    skipped = f", {len(report.skipped)} andra filer hoppades över" if report.skipped else ""
    print(f"{len(report.files) + len(missing)} filer ({counts or 'inga'}{skipped}); "
          f"grafen: {report.nodes} noder, {report.edges} kanter; {report.warnings} varningar",
          file=sys.stderr)
    return 1 if report.failed or missing else 0


def _export(args) -> int:
    from graph.export import to_graphml, to_json

    store = EmbeddedStore(args.store)
    graph = store.graph()
    text = to_json(graph) if args.format == "json" else to_graphml(graph)
    if args.output:
        from graph.atomic import write_text_atomic

        write_text_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
        sys.stdout.write("\n")
    return 0


def _forget(args) -> int:
    from loaders.pipeline import forget

    record = forget(args.file, EmbeddedStore(args.store))
    if record is None:
        print(f"FEL {args.file}: inte inläst i {args.store}", file=sys.stderr)
        return 1
    print(f"glömde {record.doc} ({record.path})", file=sys.stderr)
    return 0


def _status(args) -> int:
    store = EmbeddedStore(args.store)
    registry = store.registry()
    for record in sorted(registry.files.values(), key=lambda r: r.doc):
        line = f"{_STATUS_SV[record.status]:<8} {record.doc:<50} {record.doc_kind:<8} {record.nodes:>5} noder"
        print(line + (f"  {record.error}" if record.error else ""))
    graph = store.graph()
    print(f"{len(registry.files)} filer; grafen: {len(graph.nodes)} noder, {len(graph.edges)} kanter")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from graph import neo4j_cli
    from queries import cli as queries_cli

    parser = argparse.ArgumentParser(prog="samverkan", description="Samverkanskartan: collaboration structures "
                                     "as a knowledge graph, built from minutes and mandates.")
    sub = parser.add_subparsers(dest="command", required=True)

    def store_arg(p):
        p.add_argument("--store", default=str(DEFAULT_STORE), help=f"store folder (default: {DEFAULT_STORE})")

    p = sub.add_parser("ingest", help="read documents (files or folders: .txt .md .pdf .docx) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    store_arg(p)
    p.add_argument("-v", "--verbose", action="store_true", help="one line per file")
    p.set_defaults(func=_ingest)

    p = sub.add_parser("export", help="print the whole graph (JSON as in CONTRACT.md, or GraphML)")
    store_arg(p)
    p.add_argument("--format", choices=["json", "graphml"], default="json")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.set_defaults(func=_export)

    p = sub.add_parser("forget", help="drop one document's facts from the store")
    p.add_argument("file", help="the file's path or its name as sources cite it")
    store_arg(p)
    p.set_defaults(func=_forget)

    p = sub.add_parser("status", help="the ingested files and their state")
    store_arg(p)
    p.set_defaults(func=_status)

    queries_cli.add_commands(sub)
    neo4j_cli.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except StoreError as exc:
        print(f"FEL: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
