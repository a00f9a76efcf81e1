"""Ingest: files -> readers -> parsers -> fragments in the store -> one resolved graph.

One bad file never stops a batch: it gets a ``failed`` result naming the reason, and the other
files load. A parser crash (a bug, not a bad file) is logged with its full traceback, the time and
the document to ``<store>/log/ingest.log``, and ``samverkan status`` names the documents it hit.
An unchanged file (same content hash) is skipped; a changed one replaces its own fragment; the
graph is then rebuilt from all fragments, with manual corrections applied last.

The app and the command line change the store only through this module: :func:`ingest`,
:func:`forget`, :func:`rebuild`, and for manual corrections :func:`add_correction`,
:func:`set_correction_undone` and :func:`correction_outcomes`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from graph.corrections import Outcome, apply_corrections, apply_with_report, set_undone
from graph.ids import content_hash, short_hash
from graph.kinds import DocKind, FileStatus
from graph.models import Fragment, GraphData, Warning
from graph.store import EmbeddedStore, FileRecord, Registry, now_iso
from loaders.build import mandate_fragment, minutes_fragment
from loaders.readers import SUPPORTED_SUFFIXES, ReadError, check_file, read_document
from loaders.reading import read_record
from loaders.records import MandateRecord, MinutesRecord

_UNKNOWN = "varken protokoll eller uppdragsbeskrivning att döma av texten: läses som protokoll"

__all__ = [
    "FileResult",
    "IngestReport",
    "add_correction",
    "collect_paths",
    "correction_outcomes",
    "forget",
    "ingest",
    "parse_document",
    "parse_record",
    "rebuild",
    "set_correction_undone",
]

#: The crash log rotates at this size, keeping this many old files.
LOG_BYTES, LOG_BACKUPS = 1 << 20, 3


@dataclass
class FileResult:
    path: str
    doc: str
    status: FileStatus
    reason: str | None = None
    doc_kind: DocKind = "unknown"
    nodes: int = 0
    edges: int = 0
    warnings: int = 0
    #: The parser crashed (a bug): the traceback is in the store's log.
    crashed: bool = False
    #: How completely the reader read it: "complete" or "partial" (``problems`` say what it missed).
    reading: str = "complete"
    problems: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of other types inside folders
    nodes: int = 0
    edges: int = 0
    warnings: int = 0

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def crashed(self) -> list[FileResult]:
        return [f for f in self.files if f.crashed]

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def collect_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Files to ingest, and files inside folders that are not documents (skipped, not failed).

    A file named explicitly is always attempted, so an unsupported type gets its reason; inside a
    folder only .txt, .md, .pdf and .docx are taken, and hidden files and folders are ignored.
    """
    wanted: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    child = Path(root) / name
                    (wanted if child.suffix.lower() in SUPPORTED_SUFFIXES else skipped).append(child)
        else:
            wanted.append(path)
    seen: set[Path] = set()
    unique = []
    for p in wanted:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, skipped


def parse_record(lines: list[str]) -> tuple[DocKind, MinutesRecord | MandateRecord]:
    """Text lines of one document -> what the classifier calls it and the parser's typed record
    ("unknown" is parsed as minutes). Pure; the stage ``tests/golden/`` pins."""
    return read_record(lines)


def parse_document(doc: str, lines: list[str], **doc_props) -> Fragment:
    """Text lines of one document -> its fragment (pure: no store, no files)."""
    kind, record = parse_record(lines)
    if kind == "mandate":
        return mandate_fragment(doc, record, lines, **doc_props)
    fragment = minutes_fragment(doc, record, lines, **doc_props)
    if kind == "unknown":
        fragment.doc_kind = "unknown"
        fragment.warnings.insert(0, Warning(document=doc, line=None, message=_UNKNOWN))
    return fragment


def _doc_key(path: Path, registry: Registry) -> str:
    """The name sources cite: the file name, made unique when two folders hold the same name."""
    name = path.name
    holder = registry.files.get(name)
    if holder is None or holder.path == str(path):
        return name
    return f"{path.stem}~{short_hash(str(path), length=6)}{path.suffix}"


def _read_bytes(path: Path) -> bytes:
    check_file(path)  # the readers' own refusals (type, size, empty, not a file) before any byte is read
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc


def _ingest_one(store: EmbeddedStore, registry: Registry, path: Path) -> FileResult:
    resolved = path.resolve()
    existing = registry.by_path(str(resolved))
    doc = existing.doc if existing else _doc_key(resolved, registry)
    result = FileResult(path=str(path), doc=doc, status="failed")
    try:
        data = _read_bytes(resolved)
        digest = content_hash(data)
        if existing and existing.status == "loaded" and existing.sha256 == digest and store.fragment_path(doc).exists():
            result.status, result.doc_kind = "unchanged", existing.doc_kind
            result.nodes, result.edges, result.warnings = existing.nodes, existing.edges, existing.warnings
            result.reading, result.problems = existing.reading, list(existing.problems)
            return result
        text = read_document(resolved)
        fragment = parse_document(doc, text.lines, format=text.format, content_hash=digest)
    except ReadError as exc:
        result.reason = str(exc)
    except Exception as exc:  # a parser bug must cost one file, not the batch
        result.reason = f"could not be parsed ({type(exc).__name__}: {exc})"
        result.crashed = True
        _log_crash(store, doc, resolved, exc)
    if result.reason:
        if existing and existing.status == "loaded" and store.fragment_path(doc).exists():
            result.reason += "; the previously loaded version is kept"
            if result.crashed:
                existing.crashed, existing.error = True, result.reason
        else:
            registry.files[doc] = FileRecord(doc=doc, path=str(resolved), status="failed", error=result.reason,
                                             ingested_at=now_iso(), crashed=result.crashed)  # fmt: skip
        return result
    store.save_fragment(fragment, text.text)
    result.status = "replaced" if existing and existing.status == "loaded" else "loaded"
    result.doc_kind = fragment.doc_kind
    result.nodes, result.edges, result.warnings = len(fragment.nodes), len(fragment.edges), len(fragment.warnings)
    result.reading, result.problems = fragment.reading, list(fragment.problems)
    registry.files[doc] = FileRecord(
        doc=doc, path=str(resolved), sha256=digest, size=len(data), status="loaded", doc_kind=fragment.doc_kind,
        ingested_at=now_iso(), nodes=result.nodes, edges=result.edges, warnings=result.warnings,
        reading=fragment.reading, problems=list(fragment.problems),
    )
    return result


def _log_crash(store: EmbeddedStore, doc: str, path: Path, exc: BaseException) -> None:
    """Append the crash, with its traceback, the time and the document, to the store's log."""
    store.log_path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(store.log_path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    try:
        handler.handle(
            logging.LogRecord(
                "samverkan.ingest", logging.ERROR, __file__, 0, "parser crash in %s (%s)", (doc, path),
                (type(exc), exc, exc.__traceback__),
            )
        )  # fmt: skip
    finally:
        handler.close()


def rebuild(store: EmbeddedStore) -> GraphData:
    """Resolve all fragments into one graph, apply corrections, write graph.json atomically."""
    from loaders.resolve import resolve

    graph = apply_corrections(resolve(store.fragments(), owned=True), store.load_corrections())
    store.save_graph(graph)
    return graph


def add_correction(store: EmbeddedStore, correction: dict[str, Any]) -> GraphData:
    """Append a manual correction (``graph.corrections.new_correction``) and rebuild, so it shows at once."""
    with store.lock():
        store.save_corrections([*store.load_corrections(), correction])
        return rebuild(store)


def set_correction_undone(store: EmbeddedStore, correction_id: str, undone: bool = True) -> GraphData:
    """Undo (or redo) a correction and rebuild; its record stays in ``corrections.json``."""
    with store.lock():
        store.save_corrections(set_undone(store.load_corrections(), correction_id, undone))
        return rebuild(store)


def correction_outcomes(store: EmbeddedStore) -> list[Outcome]:
    """What each correction does to the graph as the documents give it (applied, skipped and why)."""
    from loaders.resolve import resolve

    _, report = apply_with_report(resolve(store.fragments()), store.load_corrections())
    return report


def ingest(
    paths: Iterable[str | Path],
    store: EmbeddedStore,
    progress: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    files, skipped = collect_paths(paths)
    report = IngestReport(skipped=[str(p) for p in skipped])
    with store.lock():
        registry = store.registry()
        for path in files:
            result = _ingest_one(store, registry, path)
            report.files.append(result)
            if progress:
                progress(result)
        store.save_registry(registry)
        changed = any(f.status in ("loaded", "replaced") for f in report.files)
        if changed or not store.graph_path.exists():
            graph = rebuild(store)
            report.nodes, report.edges = len(graph.nodes), len(graph.edges)
        else:
            report.nodes, report.edges = store.counts()
    report.warnings = sum(f.warnings for f in report.files)
    return report


def forget(target: str, store: EmbeddedStore) -> FileRecord | None:
    """Drop one document (by path or by the name sources cite) and rebuild; None if unknown."""
    with store.lock():
        registry = store.registry()
        record = registry.files.get(target) or registry.by_path(str(Path(target).resolve()))
        if record is None:
            matches = [r for r in registry.files.values() if Path(r.path).name == Path(target).name]
            record = matches[0] if len(matches) == 1 else None
        if record is None:
            return None
        registry.files.pop(record.doc, None)
        store.remove_document(record.doc)
        store.save_registry(registry)
        rebuild(store)
        return record
