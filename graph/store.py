"""The embedded store: a folder of JSON files, written atomically, read into networkx.

Layout of a store folder (default ``.samverkan/``)::

    registry.json          every ingested file: path, content hash, status, error, counts, aliases
    fragments/<key>.json   what each document contributed, before entity resolution
    texts/<key>.txt        the text the reader produced; source line numbers refer to it
    graph.json             the resolved graph with corrections applied (rebuilt after each change)
    graph.stale            present while graph.json may lag behind the fragments (see below)
    corrections.json       manual corrections, applied after every rebuild
    log/ingest.log         parser crashes with their full traceback (rotated at 1 MiB)

``<key>`` is the document key made safe for a file name plus a hash of the key itself
(:func:`doc_file_key`), so two keys never share a file (``Protokoll SCN.txt`` and
``Protokoll_SCN.txt`` did, in store version 1; such a store is migrated on first use).

Fragments are the unit of replacement: a changed file replaces its fragment, a forgotten file
drops it, and the graph is rebuilt from all fragments. That is why re-ingesting a changed file
replaces exactly its own facts while entity resolution still sees the whole corpus.

The store is always the old or the new state: every writer marks the graph out of date
(``graph.stale``) before it changes a fragment or the registry and clears the mark only after
graph.json is rebuilt, and the next command rebuilds whenever the mark is there — after a kill, a
Ctrl-C or a failed rebuild alike. Every file is validated when it is read; a damaged one raises a
:class:`StoreError` in Swedish naming the file and the way out (``samverkan repair``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import networkx as nx
from pydantic import BaseModel, Field, ValidationError

from graph.atomic import write_json_atomic, write_text_atomic
from graph.ids import short_hash
from graph.kinds import DocKind
from graph.models import Fragment, GraphData

__all__ = [
    "DEFAULT_STORE",
    "STORE_VERSION",
    "EmbeddedStore",
    "FileRecord",
    "Registry",
    "StoreError",
    "doc_file_key",
    "to_networkx",
]

DEFAULT_STORE = Path(".samverkan")
#: 2: store files named by :func:`doc_file_key`, ``FileRecord.aliases``; 1 is migrated on first use.
STORE_VERSION = 2


class StoreError(Exception):
    """The store folder cannot be used: a damaged file (the message names it and the way out), or a
    store written by an incompatible version."""


class FileRecord(BaseModel):
    doc: str  # the document key used in sources: the file name, made unique if two paths share it
    path: str
    sha256: str = ""
    size: int = 0
    status: Literal["loaded", "failed"] = "loaded"
    error: str | None = None
    doc_kind: DocKind = "unknown"
    ingested_at: str = ""
    nodes: int = 0
    edges: int = 0
    warnings: int = 0
    #: The parser crashed on the file's last version (its traceback is in the store's log).
    crashed: bool = False
    #: How completely it was read: "complete" or "partial", and what the reader did not find.
    reading: Literal["complete", "partial"] = "complete"
    problems: list[str] = Field(default_factory=list)
    #: Other files with exactly this content (their paths): counted once, as this document.
    aliases: list[str] = Field(default_factory=list)


class Registry(BaseModel):
    version: int = STORE_VERSION
    files: dict[str, FileRecord] = Field(default_factory=dict)

    def by_path(self, path: str) -> FileRecord | None:
        for record in self.files.values():
            if record.path == path:
                return record
        return None

    def by_alias(self, path: str) -> FileRecord | None:
        """The document whose content the file at ``path`` repeats."""
        for record in self.files.values():
            if path in record.aliases:
                return record
        return None

    def by_content(self, sha256: str) -> FileRecord | None:
        """The loaded document with this content hash."""
        for record in self.files.values():
            if record.status == "loaded" and record.sha256 == sha256:
                return record
        return None


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _repair_hint(root: Path) -> str:
    return (
        f"kör `samverkan repair --store {root}` (eller knappen Reparera lagringen på sidan Dokument), "
        "som bygger om registret och grafen från fragmenten och texterna"
    )


class EmbeddedStore:
    def __init__(self, root: Path | str = DEFAULT_STORE):
        self.root = Path(root)
        self._graph_cache: tuple[tuple[int, int], GraphData] | None = None
        self._lock_depth = 0
        self._registry_checked: tuple[int, int] | None = None

    # --- paths ---------------------------------------------------------------------------
    @property
    def registry_path(self) -> Path:
        return self.root / "registry.json"

    @property
    def graph_path(self) -> Path:
        return self.root / "graph.json"

    @property
    def stats_path(self) -> Path:
        return self.root / "stats.json"

    @property
    def stale_path(self) -> Path:
        return self.root / "graph.stale"

    @property
    def corrections_path(self) -> Path:
        return self.root / "corrections.json"

    def fragment_path(self, doc: str) -> Path:
        return self.root / "fragments" / f"{doc_file_key(doc)}.json"

    def text_path(self, doc: str) -> Path:
        return self.root / "texts" / f"{doc_file_key(doc)}.txt"

    @property
    def uploads_dir(self) -> Path:
        return self.root / "uploads"

    @property
    def log_path(self) -> Path:
        """Where the pipeline logs parser crashes with their traceback."""
        return self.root / "log" / "ingest.log"

    def exists(self) -> bool:
        return self.registry_path.exists()

    # --- locking -------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time (an ingest from the app and one from the command line); re-entrant
        within one EmbeddedStore, so a writer may read the registry (and migrate it) under its lock."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
                fcntl.flock(handle, fcntl.LOCK_UN)

    def sweep_temp_files(self) -> int:
        """Remove the temp files of writes that never finished (a writer killed between mkstemp and
        os.replace); call it holding the lock, when no write of this store can be under way."""
        removed = 0
        for folder in (self.root, self.root / "fragments", self.root / "texts"):
            for path in folder.glob(".*.tmp") if folder.is_dir() else ():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
        return removed

    # --- the out-of-date mark --------------------------------------------------------------
    def mark_stale(self) -> None:
        """Say, durably, that graph.json may lag behind the fragments: before any change to them."""
        if not self.stale_path.exists():
            write_text_atomic(self.stale_path, now_iso() + "\n")

    def is_stale(self) -> bool:
        return self.stale_path.exists()

    def clear_stale(self) -> None:
        """After graph.json was rebuilt from the fragments as they are now."""
        with contextlib.suppress(FileNotFoundError):
            self.stale_path.unlink()

    # --- registry ------------------------------------------------------------------------
    def registry(self) -> Registry:
        """The registry, validated; a store of version 1 is migrated first (under the lock)."""
        data = self._read_json(self.registry_path)
        if data is None:
            return Registry()
        if isinstance(data, dict) and data.get("version") == 1:
            with self.lock():
                data = self._read_json(self.registry_path)
                if isinstance(data, dict) and data.get("version") == 1:
                    return self._migrate_v1(data)
        if isinstance(data, dict) and isinstance(data.get("version"), int) and data["version"] > STORE_VERSION:
            raise StoreError(
                f"{self.registry_path}: skriven av en nyare version av Samverkanskartan (lagringsversion "
                f"{data['version']}, den här läser {STORE_VERSION}); uppdatera programmet"
            )
        return self._validate(self.registry_path, Registry, data, "registret")

    def check_registry(self) -> None:
        """Validate (and migrate) the registry once per version of the file: a stat when unchanged,
        for callers that run often (the app checks the store on every rerun)."""
        try:
            st = os.stat(self.registry_path)
        except FileNotFoundError:
            return
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp != self._registry_checked:
            self.registry()
            self._registry_checked = stamp

    def save_registry(self, registry: Registry) -> None:
        registry.version = STORE_VERSION
        write_json_atomic(self.registry_path, registry.model_dump(mode="json"))

    def _migrate_v1(self, data: Any) -> Registry:
        """Version 1 named store files by the document key made safe, so two keys could share one
        file (the last writer won). Move each fragment and text to its key's own name (a fragment
        names its document); a document that lost its files to another is marked failed, to be
        read again; the graph is marked out of date and rebuilt on the next command."""
        registry = self._validate(self.registry_path, Registry, {**data, "version": STORE_VERSION}, "registret")
        self.mark_stale()
        for old, fragment in self.fragment_files():
            if fragment is None:
                continue  # left for repair to name
            doc = fragment.document
            if old == self.fragment_path(doc):
                continue  # moved already (by a migration that was interrupted)
            old_text = old.parent.parent / "texts" / f"{old.stem}.txt"
            if old_text.exists():
                self.text_path(doc).parent.mkdir(parents=True, exist_ok=True)
                os.replace(old_text, self.text_path(doc))
            os.replace(old, self.fragment_path(doc))
        for doc, record in registry.files.items():
            if record.status == "loaded" and not self.fragment_path(doc).exists():
                record.status, record.sha256, record.nodes, record.edges = "failed", "", 0, 0
                record.error = (
                    "lagringen (version 1) sparade det här dokumentet i samma fil som ett annat med "
                    "nästan samma namn: läs in filen igen"
                )
        self.save_registry(registry)
        return registry

    # --- fragments and texts ---------------------------------------------------------------
    def save_fragment(self, fragment: Fragment, text: str) -> None:
        write_text_atomic(self.text_path(fragment.document), text)
        write_json_atomic(self.fragment_path(fragment.document), fragment.model_dump(mode="json"))

    def fragment(self, doc: str) -> Fragment | None:
        path = self.fragment_path(doc)
        data = self._read_json(path)
        if data is None:
            return None
        fragment = self._validate(path, Fragment, data, f"fragmentet för {doc}")
        if fragment.document != doc:
            raise StoreError(
                f"{path} är skadad (fragmentet gäller {fragment.document!r}, inte {doc!r}); {_repair_hint(self.root)}"
            )
        return fragment

    def fragment_files(self) -> Iterator[tuple[Path, Fragment | None]]:
        """Every file in fragments/, whatever its name, with its fragment (None when damaged):
        what migration and repair go by, since a fragment names its document."""
        for path in sorted((self.root / "fragments").glob("*.json")):
            try:
                yield path, Fragment.model_validate(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
                yield path, None

    def fragments(self) -> list[Fragment]:
        """Every loaded document's fragment; a missing or damaged one is a StoreError."""
        registry = self.registry()
        out = []
        for doc, record in sorted(registry.files.items()):
            if record.status != "loaded":
                continue
            fragment = self.fragment(doc)
            if fragment is None:
                raise StoreError(
                    f"{self.fragment_path(doc)} saknas (registret säger att {doc} är inläst); "
                    f"{_repair_hint(self.root)}"
                )
            out.append(fragment)
        return out

    def text(self, doc: str) -> str | None:
        path = self.text_path(doc)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path} kan inte läsas ({_detail(exc)}); {_repair_hint(self.root)}") from exc

    def remove_document(self, doc: str) -> None:
        for path in (self.fragment_path(doc), self.text_path(doc)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    # --- graph ---------------------------------------------------------------------------
    def save_graph(self, graph: GraphData) -> None:
        write_json_atomic(self.graph_path, graph.model_dump(mode="json"))
        write_json_atomic(self.stats_path, {"nodes": len(graph.nodes), "edges": len(graph.edges)})
        self._graph_cache = None

    def counts(self) -> tuple[int, int]:
        """Nodes and edges of the saved graph, without reading the graph itself (stats.json is a
        cache: when it is damaged the graph is counted instead)."""
        try:
            data = self._read_json(self.stats_path)
        except StoreError:
            data = None
        if (
            isinstance(data, dict)
            and type(data.get("nodes")) is int
            and type(data.get("edges")) is int
            and data["nodes"] >= 0
            and data["edges"] >= 0
        ):
            return data["nodes"], data["edges"]
        graph = self.graph()
        return len(graph.nodes), len(graph.edges)

    def graph(self) -> GraphData:
        """The resolved graph; cached until graph.json changes on disk."""
        stamp = self.version_stamp()
        if self._graph_cache and self._graph_cache[0] == stamp:
            return self._graph_cache[1]
        data = self._read_json(self.graph_path)
        graph = self._validate(self.graph_path, GraphData, data, "grafen") if data is not None else GraphData()
        self._graph_cache = (stamp, graph)
        return graph

    def nx_graph(self) -> nx.MultiDiGraph:
        return to_networkx(self.graph())

    def version_stamp(self) -> tuple[int, int]:
        """Changes whenever graph.json is rewritten; the app keys its caches on it."""
        try:
            st = os.stat(self.graph_path)
        except FileNotFoundError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    # --- corrections -----------------------------------------------------------------------
    def load_corrections(self) -> list[dict[str, Any]]:
        data = self._read_json(self.corrections_path, hint=_CORRECTIONS_HINT)
        if data is None:
            return []
        corrections = data.get("corrections") if isinstance(data, dict) else None
        if not isinstance(corrections, list) or not all(isinstance(c, dict) for c in corrections):
            raise StoreError(
                f"{self.corrections_path} är skadad (väntade {{\"corrections\": [ … ]}} med en rättelse per "
                f"post); {_CORRECTIONS_HINT.format(root=self.root)}"
            )
        return list(corrections)

    def save_corrections(self, corrections: list[dict[str, Any]]) -> None:
        write_json_atomic(self.corrections_path, {"version": 1, "corrections": corrections})

    # --- helpers -------------------------------------------------------------------------
    def _read_json(self, path: Path, hint: str | None = None) -> Any:
        """The file's JSON, None when it does not exist, a StoreError naming it when it cannot be read."""
        way_out = (hint or "{hint}").format(root=self.root, hint=_repair_hint(self.root))
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise StoreError(f"{path} är skadad och kan inte läsas ({_detail(exc)}); {way_out}") from exc
        if data is None:  # no store file is ever null: it was once read as "empty" and lost documents
            raise StoreError(f"{path} är skadad (den innehåller bara null); {way_out}")
        return data

    def _validate(self, path: Path, model: type[_M], data: Any, what: str) -> _M:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "hela filen"
            raise StoreError(
                f"{path} är skadad ({what} har fel form: {where}: {first['msg']}); {_repair_hint(self.root)}"
            ) from None


_M = TypeVar("_M", bound=BaseModel)

_CORRECTIONS_HINT = (
    "rätta filen, eller kör `samverkan repair --store {root}`, som lägger den skadade filen åt sidan "
    "(corrections.json.skadad) och bygger grafen utan rättelser"
)


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def doc_file_key(doc: str) -> str:
    """The name a document's store files get: the key made safe (no folders, no hidden files) and
    cut, then a hash of the key itself, so two keys never share a file.

    >>> doc_file_key("Protokoll SCN 2025-02-14.txt") == doc_file_key("Protokoll_SCN_2025-02-14.txt")
    False
    >>> doc_file_key("../Protokoll SCN.txt")
    '_Protokoll_SCN.txt~ed4631cca04d'
    """
    return f"{_safe(doc)[:100]}~{short_hash(doc, length=12)}"


def _safe(doc: str) -> str:
    """A file name for a document key: no folders, no hidden files."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_.~" else "_" for ch in doc)
    return cleaned.lstrip(".") or "_"


def to_networkx(graph: GraphData) -> nx.MultiDiGraph:
    """Nodes keyed by id with the Node's fields as attributes; edges keyed by their ``key``."""
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        g.add_node(node.id, **node.model_dump(mode="json"))
    for edge in graph.edges:
        g.add_edge(edge.source, edge.target, key=edge.key or None, **edge.model_dump(mode="json"))
    return g
