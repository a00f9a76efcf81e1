"""Ingest: files -> readers -> parsers -> fragments in the store -> one resolved graph.

One bad file never stops a batch: it gets a ``failed`` result naming the reason, and the other
files load. A parser crash (a bug, not a bad file) is logged with its full traceback, the time and
the document to ``<store>/log/ingest.log``, and ``samverkan status`` names the documents it hit.
An unchanged file (same content hash) is skipped; a changed one replaces its own fragment; a file
with the same content as a loaded document under another name becomes that document's alias
(counted once); the graph is then rebuilt from all fragments, with manual corrections applied last.

Every document has a budget: at most ``MAX_TEXT_CHARS`` characters of text and
``PARSE_SECONDS`` seconds of parsing (where the batch runs in the main thread: the command
line); past it the file fails with a reason that says so, and the batch goes on.

The store is the old or the new state, never stuck between: a writer marks the graph out of date
before it changes fragments, registry or corrections, and :func:`ensure_fresh` rebuilds whenever
the mark is there (every command calls it first), so a kill, a Ctrl-C or a failed rebuild is
mended by the next command. :func:`repair` rebuilds registry and graph from the fragments and
texts when a store file is damaged.

The app and the command line change the store only through this module: :func:`ingest`,
:func:`forget`, :func:`rebuild`, :func:`ensure_fresh`, :func:`repair`, and for manual corrections
:func:`add_correction`, :func:`set_correction_undone` and :func:`correction_outcomes`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any, NamedTuple

from graph.corrections import Outcome, apply_corrections, apply_with_report, set_undone
from graph.ids import content_hash, short_hash
from graph.kinds import DocKind, FileStatus
from graph.models import Fragment, GraphData, Warning
from graph.store import EmbeddedStore, FileRecord, Registry, StoreError, now_iso
from graph.text import slug
from loaders.build import mandate_fragment, minutes_fragment
from loaders.readers import SUPPORTED_SUFFIXES, ReadError, check_file, read_document
from loaders.reading import read_record
from loaders.records import MandateRecord, MinutesRecord

_UNKNOWN = "varken protokoll eller uppdragsbeskrivning att döma av texten: läses som protokoll"

__all__ = [
    "MAX_TEXT_CHARS",
    "PARSE_SECONDS",
    "Collected",
    "FileResult",
    "IngestReport",
    "RepairReport",
    "add_correction",
    "collect_paths",
    "correction_outcomes",
    "ensure_fresh",
    "forget",
    "ingest",
    "parse_document",
    "parse_record",
    "rebuild",
    "repair",
    "set_correction_undone",
]

#: The crash log rotates at this size, keeping this many old files.
LOG_BYTES, LOG_BACKUPS = 1 << 20, 3
#: A document's budget: characters of text (minutes and mandates are 5–200 KB) …
MAX_TEXT_CHARS = 2_000_000
#: … and seconds of parsing (SAMVERKAN_PARSE_SECONDS overrides it; enforced in the main thread).
PARSE_SECONDS = 60.0


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
    #: (path, reason) of files inside folders that are not documents (skipped, not failed)
    skipped: list[tuple[str, str]] = field(default_factory=list)
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


class Collected(NamedTuple):
    """What :func:`collect_paths` found: files to ingest, files skipped and paths that failed,
    the last two as (path, reason)."""

    files: list[Path]
    skipped: list[tuple[Path, str]]
    failed: list[tuple[Path, str]]


def _path_problem(path: Path) -> str | None:
    """Why a path named on the command line cannot be taken at all (it does not exist, it is a
    symlink loop), or None."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop (the link points back at itself)"
        try:
            os.lstat(path)
        except OSError:
            return "finns inte (no such file or folder)"
        return f"a link to nothing: {exc.strerror or exc}"
    return None


def collect_paths(paths: Iterable[str | Path]) -> Collected:
    """Files to ingest; files inside folders that are not documents (skipped, with the reason);
    and paths that cannot be taken (missing, symlink loops, folders that cannot be read).

    A file named explicitly is always attempted, so an unsupported type gets its reason; inside a
    folder only .txt, .md, .pdf and .docx are taken, and hidden files and folders are ignored.
    Links to folders are not followed (no loops); a link inside a folder that leads nowhere or
    back at itself is named with its reason.
    """
    wanted: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    failed: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        problem = _path_problem(path)
        if problem:
            failed.append((path, problem))
        elif path.is_dir():

            for root, dirs, files in os.walk(path, onerror=lambda exc, top=path: failed.append(
                    (Path(exc.filename or top), f"cannot open folder: {exc.strerror or exc}"))):  # fmt: skip
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    child = Path(root) / name
                    if child.suffix.lower() not in SUPPORTED_SUFFIXES:
                        skipped.append((child, f"not a document: {child.suffix or 'no suffix'} "
                                               "(reads .txt, .md, .pdf and .docx)"))  # fmt: skip
                    elif problem := _path_problem(child):
                        failed.append((child, problem))
                    else:
                        wanted.append(child)
        else:
            wanted.append(path)
    seen: set[Path] = set()
    unique = []
    for p in wanted:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return Collected(unique, skipped, failed)


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


class _OverBudget(Exception):
    pass


def parse_seconds() -> float:
    """The parse budget per document, in seconds (``SAMVERKAN_PARSE_SECONDS`` or PARSE_SECONDS)."""
    try:
        return float(os.environ.get("SAMVERKAN_PARSE_SECONDS", PARSE_SECONDS))
    except ValueError:
        return PARSE_SECONDS


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Raise ReadError when the block runs longer than ``seconds`` (a timer signal, which also
    stops a regular expression; only in the main thread, where signals arrive). A timer already
    set by someone else (pytest-timeout) still fires at its time and is set again afterwards."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    started = time.monotonic()
    ours = started + seconds
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    outer = started + outer_delay if outer_delay else None
    previous = signal.getsignal(signal.SIGALRM)

    def expired(signum, frame):
        now = time.monotonic()
        if now >= ours - 0.001:
            raise _OverBudget
        if callable(previous):  # the other timer's turn
            previous(signum, frame)
        signal.setitimer(signal.ITIMER_REAL, max(ours - time.monotonic(), 0.001))

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_delay) if outer_delay else seconds)
    try:
        yield
    except _OverBudget:
        raise ReadError(
            f"too slow to read: parsing took more than {seconds:g} s, the limit per document "
            "(SAMVERKAN_PARSE_SECONDS)"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer is not None:
            signal.setitimer(signal.ITIMER_REAL, max(outer - time.monotonic(), 0.001), outer_interval)


def _doc_key(path: Path, registry: Registry) -> str:
    """The name sources cite: the file name, made unique when another document has the same name,
    or one that gives the same ids (``Protokoll SCN.txt`` and ``Protokoll_SCN.txt``)."""
    name = path.name
    own = slug(name)
    for holder in registry.files.values():
        if holder.path != str(path) and (holder.doc == name or slug(holder.doc) == own):
            return f"{path.stem}~{short_hash(str(path), length=6)}{path.suffix}"
    return name


def _read_bytes(path: Path) -> bytes:
    check_file(path)  # the readers' own refusals (type, size, empty, not a file) before any byte is read
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop: RuntimeError before Python 3.13
        raise ReadError("symlink loop (the link points back at itself)") from exc


def _ingest_one(store: EmbeddedStore, registry: Registry, path: Path) -> FileResult:
    result = FileResult(path=str(path), doc=path.name, status="failed")
    try:
        resolved = _resolve(path)
    except ReadError as exc:
        result.reason = str(exc)
        return result
    existing = registry.by_path(str(resolved))
    doc = existing.doc if existing else _doc_key(resolved, registry)
    result.doc = doc
    try:
        data = _read_bytes(resolved)
        digest = content_hash(data)
        if existing and existing.status == "loaded" and existing.sha256 == digest and store.fragment_path(doc).exists():
            result.status, result.doc_kind = "unchanged", existing.doc_kind
            result.nodes, result.edges, result.warnings = existing.nodes, existing.edges, existing.warnings
            result.reading, result.problems = existing.reading, list(existing.problems)
            return result
        twin = registry.by_content(digest)
        if twin is not None and twin.path != str(resolved):
            return _as_alias(store, registry, result, str(resolved), existing, twin)
        if (alias_of := registry.by_alias(str(resolved))) is not None:
            alias_of.aliases.remove(str(resolved))  # its content changed: a document of its own now
        text = read_document(resolved)
        if len(text.text) > MAX_TEXT_CHARS:
            raise ReadError(
                f"too much text for one document: {len(text.text):,} characters, the limit is {MAX_TEXT_CHARS:,}"
            )
        with _time_budget(parse_seconds()):
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
    store.mark_stale()  # before the fragment changes: the graph is rebuilt even if we are stopped
    store.save_fragment(fragment, text.text)
    result.status = "replaced" if existing and existing.status == "loaded" else "loaded"
    result.doc_kind = fragment.doc_kind
    result.nodes, result.edges, result.warnings = len(fragment.nodes), len(fragment.edges), len(fragment.warnings)
    result.reading, result.problems = fragment.reading, list(fragment.problems)
    if text.notes:
        result.reason = "; ".join(text.notes)
    registry.files[doc] = FileRecord(
        doc=doc, path=str(resolved), sha256=digest, size=len(data), status="loaded", doc_kind=fragment.doc_kind,
        ingested_at=now_iso(), nodes=result.nodes, edges=result.edges, warnings=result.warnings,
        reading=fragment.reading, problems=list(fragment.problems),
    )  # a new version has new content: the aliases of the old one no longer repeat it
    return result


def _as_alias(
    store: EmbeddedStore, registry: Registry, result: FileResult, path: str, existing: FileRecord | None,
    twin: FileRecord,
) -> FileResult:
    """The same content as ``twin`` under another name: counted once, as ``twin``, with a warning."""
    if existing is not None:  # it was a document of its own before: its facts go
        if existing.status == "loaded":
            store.mark_stale()
        registry.files.pop(existing.doc, None)
        store.remove_document(existing.doc)
    if (alias_of := registry.by_alias(path)) is not None and alias_of is not twin:
        alias_of.aliases.remove(path)
    if path not in twin.aliases:
        twin.aliases.append(path)
    result.status, result.doc, result.doc_kind = "duplicate", twin.doc, twin.doc_kind
    result.reason = f"same content as {twin.doc}: counted once, as that document"
    result.reading, result.problems = twin.reading, list(twin.problems)
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
    """Resolve all fragments into one graph, apply corrections, write graph.json atomically, and
    clear the out-of-date mark; when anything fails the mark stays, for the next command."""
    from loaders.resolve import resolve

    with store.lock():
        store.mark_stale()
        graph = apply_corrections(resolve(store.fragments(), owned=True), store.load_corrections())
        store.save_graph(graph)
        store.clear_stale()
    return graph


def ensure_fresh(store: EmbeddedStore) -> bool:
    """Bring the store up to date before a command: migrate an old store, and rebuild the graph
    when it is marked out of date (a kill, a Ctrl-C or a failed rebuild before). True if rebuilt."""
    if not store.exists():
        return False
    store.check_registry()  # validates, and migrates a store of version 1
    if not store.is_stale():
        return False
    with store.lock():
        if not store.is_stale():  # another writer rebuilt it meanwhile
            return False
        store.sweep_temp_files()
        rebuild(store)
    return True


def add_correction(store: EmbeddedStore, correction: dict[str, Any]) -> GraphData:
    """Append a manual correction (``graph.corrections.new_correction``) and rebuild, so it shows at once."""
    with store.lock():
        corrections = store.load_corrections()
        store.mark_stale()
        store.save_corrections([*corrections, correction])
        return rebuild(store)


def set_correction_undone(store: EmbeddedStore, correction_id: str, undone: bool = True) -> GraphData:
    """Undo (or redo) a correction and rebuild; its record stays in ``corrections.json``."""
    with store.lock():
        corrections = set_undone(store.load_corrections(), correction_id, undone)
        store.mark_stale()
        store.save_corrections(corrections)
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
    files, skipped, failed = collect_paths(paths)
    report = IngestReport(skipped=[(str(p), reason) for p, reason in skipped])
    for path, reason in failed:
        report.files.append(FileResult(path=str(path), doc=path.name, status="failed", reason=reason))
        if progress:
            progress(report.files[-1])
    with store.lock():
        store.sweep_temp_files()
        registry = store.registry()
        for path in files:
            result = _ingest_one(store, registry, path)
            report.files.append(result)
            if progress:
                progress(result)
        store.save_registry(registry)
        if store.is_stale() or not store.graph_path.exists():
            graph = rebuild(store)
            report.nodes, report.edges = len(graph.nodes), len(graph.edges)
        else:
            report.nodes, report.edges = store.counts()
    for f in report.files:
        if f.status == "duplicate":
            f.nodes, f.edges, f.warnings = 0, 0, 0  # counted once, as the other document
    report.warnings = sum(f.warnings for f in report.files)
    return report


def forget(target: str, store: EmbeddedStore) -> FileRecord | None:
    """Drop one document (by path or by the name sources cite) and rebuild; None if unknown.

    A file that was only an alias (the same content as a loaded document) stops being one."""
    with store.lock():
        registry = store.registry()
        resolved = str(Path(target).resolve()) if _path_problem(Path(target)) is None else target
        record = registry.files.get(target) or registry.by_path(resolved)
        if record is None:
            matches = [r for r in registry.files.values() if Path(r.path).name == Path(target).name]
            record = matches[0] if len(matches) == 1 else None
        if record is None and (twin := registry.by_alias(resolved)) is not None:
            twin.aliases.remove(resolved)
            store.save_registry(registry)
            return FileRecord(doc=twin.doc, path=resolved, sha256=twin.sha256, doc_kind=twin.doc_kind)
        if record is None:
            return None
        store.mark_stale()  # before the registry changes: a failed rebuild is done again next time
        registry.files.pop(record.doc, None)
        store.save_registry(registry)
        store.remove_document(record.doc)
        rebuild(store)
        return record


# --- repair ----------------------------------------------------------------------------------


@dataclass
class RepairReport:
    """What :func:`repair` did, each line a sentence for the user (Swedish)."""

    documents: int = 0
    notes: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0


def repair(store: EmbeddedStore) -> RepairReport:
    """Rebuild registry and graph from the fragments and texts, whatever else is damaged.

    Keeps every registry record that can be read and whose fragment is sound; a document whose
    fragment is damaged or missing is read again from its stored text; a document with neither is
    marked failed (read the file again); a fragment without a record gets one. A damaged
    corrections.json is set aside as corrections.json.skadad. Then the graph is rebuilt.
    """
    report = RepairReport()
    with store.lock():
        store.sweep_temp_files()
        store.mark_stale()
        try:
            registry = store.registry()
        except StoreError:
            registry = _readable_records(store.registry_path)
            report.notes.append(f"registret {store.registry_path} var skadat: byggt på nytt ur fragmenten")
        by_key: dict[str, Fragment] = {}
        for path, fragment in store.fragment_files():
            if fragment is None:
                report.notes.append(f"fragmentet {path.name} var skadat och togs bort")
                path.unlink()
                continue
            if path != store.fragment_path(fragment.document):  # a store of version 1, or a stray copy
                os.replace(path, store.fragment_path(fragment.document))
            by_key[fragment.document] = fragment
        for doc in list(registry.files):
            record = registry.files[doc]
            if record.status != "loaded" or doc in by_key:
                continue
            text = _stored_text(store, doc)
            if text is not None:
                fragment = parse_document(doc, text.split("\n"), format=_format(record.path),
                                          content_hash=record.sha256 or content_hash(text.encode("utf-8")))
                store.save_fragment(fragment, text)
                by_key[doc] = fragment
                report.notes.append(f"{doc}: fragmentet lästes om ur den sparade texten")
            else:
                record.status, record.nodes, record.edges, record.sha256 = "failed", 0, 0, ""
                record.error = "fragment och text saknades i lagringen: läs in filen igen"
                report.notes.append(f"{doc}: fragment och text saknades; markerad att läsas in igen")
        for doc, fragment in sorted(by_key.items()):
            record = registry.files.get(doc)
            if record is None or record.status != "loaded":
                document = next((n for n in fragment.nodes if n.kind == "Document"), None)
                props = document.props if document else {}
                record = FileRecord(doc=doc, path=str(props.get("path") or doc), sha256=str(props.get("content_hash") or ""),
                                    ingested_at=now_iso())  # fmt: skip
                registry.files[doc] = record
                report.notes.append(f"{doc}: fanns bara som fragment; åter i registret")
            record.status, record.doc_kind = "loaded", fragment.doc_kind
            record.nodes, record.edges, record.warnings = len(fragment.nodes), len(fragment.edges), len(fragment.warnings)
            record.reading, record.problems = fragment.reading, list(fragment.problems)
            if _stored_text(store, doc) is None:  # missing or damaged: the next ingest reads the file again
                with contextlib.suppress(FileNotFoundError):
                    store.text_path(doc).unlink()
                record.sha256 = ""
                report.notes.append(f"{doc}: texten saknades eller var skadad; läses om vid nästa inläsning")
        for path in sorted((store.root / "texts").glob("*.txt")):
            if not any(path == store.text_path(doc) for doc in by_key):
                path.unlink()
        try:
            store.load_corrections()
        except StoreError:
            aside = store.corrections_path.with_name("corrections.json.skadad")
            os.replace(store.corrections_path, aside)
            report.notes.append(f"rättelserna {store.corrections_path} var skadade: flyttade till {aside.name}")
        store.save_registry(registry)
        graph = rebuild(store)
    report.documents = sum(1 for r in registry.files.values() if r.status == "loaded")
    report.nodes, report.edges = len(graph.nodes), len(graph.edges)
    return report


def _readable_records(path: Path) -> Registry:
    """The records of a damaged registry that can still be read (none when it is not JSON)."""
    registry = Registry()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return registry
    files = data.get("files") if isinstance(data, dict) else None
    for doc, raw in (files.items() if isinstance(files, dict) else []):
        with contextlib.suppress(ValueError):
            record = FileRecord.model_validate(raw)
            if record.doc == doc:
                registry.files[doc] = record
    return registry


def _stored_text(store: EmbeddedStore, doc: str) -> str | None:
    try:
        return store.text(doc)
    except StoreError:
        return None


def _format(path: str) -> str:
    return SUPPORTED_SUFFIXES.get(Path(path).suffix.lower(), "txt")
