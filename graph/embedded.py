"""The embedded backend: :class:`graph.backend.GraphBackend` answered from a ``GraphData`` in memory.

It lives in the ground layer beside the protocol (``graph/backend.py``) and the Neo4j backend
(``graph/neo4j/backend.py``); ``queries/`` only consumes the protocol.

Every index is built once, in the constructor: nodes by id and by kind, edges by type, outgoing and
incoming adjacency per edge type, and a folded-token index over names and aliases for
:meth:`EmbeddedBackend.find_nodes`. A query then touches only the nodes it needs.

>>> from graph.models import GraphData, Node
>>> b = EmbeddedBackend(GraphData(nodes=[Node(id="n:1", kind="Network", name="Norrnätverket")]))
>>> [n.name for n in b.find_nodes("norrnatverket")]
['Norrnätverket']
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
from collections import defaultdict
from collections.abc import Iterable

from graph.models import Edge, EdgeType, GraphData, Node, NodeKind
from graph.store import EmbeddedStore
from graph.text import fold

__all__ = ["EmbeddedBackend", "paused_gc"]

_EMPTY: tuple = ()


@contextlib.contextmanager
def paused_gc():
    """No cyclic garbage collection while an index is built.

    Building adjacency for 175,000 edges allocates a few hundred thousand containers; with the
    collector on, each generation-2 pass walks the whole graph of pydantic objects and the build
    takes six times longer (measured by benchmarks/queries.py).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class EmbeddedBackend:
    """A read-only, indexed view of one ``GraphData``."""

    name = "embedded"

    def __init__(self, graph: GraphData, stamp: str | None = None, freeze_heap: bool = False):
        """Index ``graph``. ``freeze_heap`` moves everything alive (the graph and its indexes) out of
        the garbage collector's generations (``gc.freeze``): the graph lives as long as the process,
        and otherwise every full collection walks its few million objects (seconds on a county-scale
        graph, measured by benchmarks/queries.py)."""
        with paused_gc():
            self._build(graph, stamp)
        if freeze_heap:
            gc.collect()
            gc.freeze()

    def _build(self, graph: GraphData, stamp: str | None) -> None:
        self.graph = graph
        self._stamp = stamp
        self._version: str | None = None
        self._nodes: dict[str, Node] = {}
        self._by_kind: dict[str, list[Node]] = defaultdict(list)
        for node in graph.nodes:
            self._nodes[node.id] = node
            self._by_kind[str(node.kind)].append(node)
        self._by_type: dict[str, list[Edge]] = defaultdict(list)
        self._out: dict[str, dict[str, list[Edge]]] = {}
        self._in: dict[str, dict[str, list[Edge]]] = {}
        for edge in graph.edges:
            etype = str(edge.type)
            self._by_type[etype].append(edge)
            self._out.setdefault(edge.source, {}).setdefault(etype, []).append(edge)
            self._in.setdefault(edge.target, {}).setdefault(etype, []).append(edge)
        # Name index: folded full names (exact tier) and folded tokens (contains tier).
        self._exact: dict[str, dict[str, None]] = defaultdict(dict)
        self._token_ids: dict[str, set[str]] = defaultdict(set)
        for node in graph.nodes:
            for label in dict.fromkeys([node.name, *node.aliases]):
                key = fold(label)
                if not key:
                    continue
                self._exact[key][node.id] = None
                for token in key.split():
                    self._token_ids[token].add(node.id)
        self._vocab = sorted(self._token_ids)

    @classmethod
    def from_store(cls, store: EmbeddedStore) -> EmbeddedBackend:
        """The store's resolved graph; ``version()`` follows the store's stamp of graph.json."""
        stamp = store.version_stamp()
        return cls(store.graph(), stamp=f"{store.root.resolve()}:{stamp[0]}:{stamp[1]}", freeze_heap=True)

    # --- GraphBackend ------------------------------------------------------------------------
    def node(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def nodes(self, kinds: Iterable[NodeKind] | None = None) -> list[Node]:
        if kinds is None:
            return list(self._nodes.values())
        out: list[Node] = []
        for kind in _as_set(kinds):
            out.extend(self._by_kind.get(kind, _EMPTY))
        return out

    def edges(self, types: Iterable[EdgeType] | None = None) -> list[Edge]:
        if types is None:
            return list(self.graph.edges)
        out: list[Edge] = []
        for etype in _as_set(types):
            out.extend(self._by_type.get(etype, _EMPTY))
        return out

    def edges_out(self, node_id: str, types: Iterable[EdgeType] | None = None) -> list[Edge]:
        return _adjacent(self._out.get(node_id), types)

    def edges_in(self, node_id: str, types: Iterable[EdgeType] | None = None) -> list[Edge]:
        return _adjacent(self._in.get(node_id), types)

    def find_nodes(self, text: str, kinds: Iterable[NodeKind] | None = None, limit: int = 50) -> list[Node]:
        """Exact name/alias matches first, then names holding every word of ``text`` (as word prefixes).

        Within the second tier a name holding the whole phrase comes first, then shorter names.
        """
        key = fold(text)
        if not key:
            return []
        wanted = _as_set(kinds) if kinds is not None else None

        def keep(node_id: str) -> bool:
            return wanted is None or str(self._nodes[node_id].kind) in wanted

        exact = [i for i in self._exact.get(key, {}) if keep(i)]
        found = dict.fromkeys(exact)
        words = key.split()
        candidates: set[str] | None = None
        for word in words:
            ids = self._prefix_ids(word)
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                break
        rest = []
        for node_id in candidates or ():
            if node_id in found or not keep(node_id):
                continue
            node = self._nodes[node_id]
            labels = [fold(x) for x in (node.name, *node.aliases)]
            phrase = any(key in label for label in labels)
            rest.append((not phrase, min(len(label) for label in labels), node.name, node_id))
        rest.sort()
        found.update(dict.fromkeys(r[3] for r in rest))
        return [self._nodes[i] for i in list(found)[:limit]]

    def version(self) -> str:
        if self._version is None:
            if self._stamp is not None:
                raw = self._stamp.encode("utf-8")
            else:
                raw = self.graph.model_dump_json().encode("utf-8")
            self._version = hashlib.sha1(raw).hexdigest()[:16]
        return self._version

    # --- helpers -----------------------------------------------------------------------------
    def _prefix_ids(self, word: str) -> set[str]:
        """Ids of nodes with a name token starting with ``word``."""
        out: set[str] = set()
        start = bisect.bisect_left(self._vocab, word)
        for token in self._vocab[start:]:
            if not token.startswith(word):
                break
            out |= self._token_ids[token]
        return out


def _as_set(values: Iterable) -> set[str]:
    if isinstance(values, str):
        return {values}
    return {str(v) for v in values}


def _adjacent(by_type: dict[str, list[Edge]] | None, types: Iterable[EdgeType] | None) -> list[Edge]:
    if not by_type:
        return []
    if types is None:
        return [e for edges in by_type.values() for e in edges]
    out: list[Edge] = []
    for etype in _as_set(types):
        out.extend(by_type.get(etype, _EMPTY))
    return out
