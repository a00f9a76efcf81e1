"""The one interface the query layer reads the graph through, embedded or on Neo4j.

``queries/`` is written once against this protocol; ``graph.embedded.EmbeddedBackend`` answers it
from the networkx store and ``graph.neo4j.backend.Neo4jBackend`` from a Neo4j server with
parameterised Cypher, so both give the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from graph.models import Edge, EdgeType, Node, NodeKind

__all__ = ["GraphBackend"]


@runtime_checkable
class GraphBackend(Protocol):
    #: "embedded" or "neo4j", shown in the app's sidebar.
    name: str

    def node(self, node_id: str) -> Node | None: ...

    def nodes(self, kinds: Iterable[NodeKind] | None = None) -> list[Node]: ...

    def edges(self, types: Iterable[EdgeType] | None = None) -> list[Edge]: ...

    def edges_out(self, node_id: str, types: Iterable[EdgeType] | None = None) -> list[Edge]: ...

    def edges_in(self, node_id: str, types: Iterable[EdgeType] | None = None) -> list[Edge]: ...

    def find_nodes(self, text: str, kinds: Iterable[NodeKind] | None = None, limit: int = 50) -> list[Node]:
        """Nodes whose name or an alias contains the words of ``text`` (case- and accent-insensitive)."""
        ...

    def version(self) -> str:
        """Changes whenever the graph changes; caches key on it."""
        ...
