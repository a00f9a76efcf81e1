"""The embedded store: a folder of JSON files, written atomically, read into networkx.

Layout of a store folder (default ``.samverkan/``)::

    registry.json          every ingested file: path, content hash, status, error, counts
    fragments/<doc>.json   what each document contributed, before entity resolution
    texts/<doc>.txt        the text the reader produced; source line numbers refer to it
    graph.json             the resolved graph with corrections applied (rebuilt after each change)
    corrections.json       manual corrections, applied after every rebuild
    log/ingest.log         parser crashes with their full traceback (rotated at 1 MiB)

Fragments are the unit of replacement: a changed file replaces its fragment, a forgotten file
drops it, and the graph is rebuilt from all fragments. That is why re-ingesting a changed file
replaces exactly its own facts while entity resolution still sees the whole corpus.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, Field

from graph.atomic import write_json_atomic, write_text_atomic
from graph.kinds import DocKind
from graph.models import Fragment, GraphData

__all__ = ["DEFAULT_STORE", "EmbeddedStore", "FileRecord", "Registry", "StoreError", "to_networkx"]

DEFAULT_STORE = Path(".samverkan")


class StoreError(Exception):
    """The store folder cannot be used (unreadable, or written by an incompatible version)."""


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


class Registry(BaseModel):
    version: int = 1
    files: dict[str, FileRecord] = Field(default_factory=dict)

    def by_path(self, path: str) -> FileRecord | None:
        for record in self.files.values():
            if record.path == path:
                return record
        return None


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class EmbeddedStore:
    def __init__(self, root: Path | str = DEFAULT_STORE):
        self.root = Path(root)
        self._graph_cache: tuple[tuple[int, int], GraphData] | None = None

    # --- paths ---------------------------------------------------------------------------
    @property
    def registry_path(self) -> Path:
        return self.root / "registry.json"

    @property
    def graph_path(self) -> Path:
        return self.root / "graph.json"

    @property
    def corrections_path(self) -> Path:
        return self.root / "corrections.json"

    def fragment_path(self, doc: str) -> Path:
        return self.root / "fragments" / f"{_safe(doc)}.json"

    def text_path(self, doc: str) -> Path:
        return self.root / "texts" / f"{_safe(doc)}.txt"

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
        """One writer at a time (an ingest from the app and one from the command line)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # --- registry ------------------------------------------------------------------------
    def registry(self) -> Registry:
        data = self._read_json(self.registry_path)
        if data is None:
            return Registry()
        if data.get("version") != 1:
            raise StoreError(f"{self.registry_path}: store version {data.get('version')!r}, expected 1")
        return Registry.model_validate(data)

    def save_registry(self, registry: Registry) -> None:
        write_json_atomic(self.registry_path, registry.model_dump(mode="json"))

    # --- fragments and texts ---------------------------------------------------------------
    def save_fragment(self, fragment: Fragment, text: str) -> None:
        write_text_atomic(self.text_path(fragment.document), text)
        write_json_atomic(self.fragment_path(fragment.document), fragment.model_dump(mode="json"))

    def fragment(self, doc: str) -> Fragment | None:
        data = self._read_json(self.fragment_path(doc))
        return Fragment.model_validate(data) if data is not None else None

    def fragments(self) -> list[Fragment]:
        registry = self.registry()
        out = []
        for doc, record in sorted(registry.files.items()):
            if record.status != "loaded":
                continue
            fragment = self.fragment(doc)
            if fragment is not None:
                out.append(fragment)
        return out

    def text(self, doc: str) -> str | None:
        path = self.text_path(doc)
        return path.read_text(encoding="utf-8") if path.exists() else None

    def remove_document(self, doc: str) -> None:
        for path in (self.fragment_path(doc), self.text_path(doc)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    # --- graph ---------------------------------------------------------------------------
    def save_graph(self, graph: GraphData) -> None:
        write_json_atomic(self.graph_path, graph.model_dump(mode="json"))
        write_json_atomic(self.root / "stats.json", {"nodes": len(graph.nodes), "edges": len(graph.edges)})
        self._graph_cache = None

    def counts(self) -> tuple[int, int]:
        """Nodes and edges of the saved graph, without reading the graph itself."""
        data = self._read_json(self.root / "stats.json")
        if data is None:
            graph = self.graph()
            return len(graph.nodes), len(graph.edges)
        return int(data["nodes"]), int(data["edges"])

    def graph(self) -> GraphData:
        """The resolved graph; cached until graph.json changes on disk."""
        stamp = self.version_stamp()
        if self._graph_cache and self._graph_cache[0] == stamp:
            return self._graph_cache[1]
        data = self._read_json(self.graph_path)
        graph = GraphData.model_validate(data) if data is not None else GraphData()
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
        data = self._read_json(self.corrections_path)
        return list(data.get("corrections", [])) if data else []

    def save_corrections(self, corrections: list[dict[str, Any]]) -> None:
        write_json_atomic(self.corrections_path, {"version": 1, "corrections": corrections})

    # --- helpers -------------------------------------------------------------------------
    @staticmethod
    def _read_json(path: Path) -> Any:
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, json.JSONDecodeError) as exc:
            raise StoreError(f"{path}: cannot be read ({exc})") from exc


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
