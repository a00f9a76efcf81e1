"""``Neo4jBackend``: the ``graph.backend.GraphBackend`` protocol answered from a Neo4j server."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph import cypher
from graph.models import Edge, EdgeType, Node, NodeKind
from graph.neo4j.connect import connect, default_database
from graph.neo4j.rows import edge_from_props, node_from_props
from graph.text import fold

__all__ = ["Neo4jBackend"]


def _names(values: Iterable[Any] | str | None) -> list[str] | None:
    """Kinds or types as a list parameter (never text: an unknown name simply matches nothing)."""
    if values is None:
        return None
    if isinstance(values, str):
        return [str(values)]
    return [str(v) for v in values]


class Neo4jBackend:
    """``graph.backend.GraphBackend`` answered from Neo4j, one parameterised statement per method.

    Nodes come back ordered by id and edges by key. ``find_nodes`` matches like the embedded
    backend: every folded word of ``text`` must start a word of the name or an alias; exact
    names or aliases first, then names holding the whole phrase, then shorter names.
    """

    name = "neo4j"

    def __init__(self, driver, database: str | None = None, timeout_s: float = 30.0):
        self.driver = driver
        self.database = default_database(database)
        self.timeout_s = timeout_s

    @classmethod
    def from_env(
        cls,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> Neo4jBackend:
        return cls(connect(uri, user, password), database)

    def close(self) -> None:
        self.driver.close()

    def _read(self, name: str, params: dict[str, Any]) -> list[Any]:
        from neo4j import Query, RoutingControl

        records, _summary, _keys = self.driver.execute_query(
            Query(cypher.READ_STATEMENTS[name], timeout=self.timeout_s),
            params,
            routing_=RoutingControl.READ,
            database_=self.database,
        )
        return list(records)

    def node(self, node_id: str) -> Node | None:
        records = self._read("node", {"id": node_id})
        return node_from_props(dict(records[0]["p"])) if records else None

    def nodes(self, kinds: Iterable[NodeKind] | None = None) -> list[Node]:
        records = self._read("nodes", {"kinds": _names(kinds)})
        return [node_from_props(dict(r["p"])) for r in records]

    def _edges(self, name: str, params: dict[str, Any]) -> list[Edge]:
        records = self._read(name, params)
        return [edge_from_props(r["source"], r["target"], r["type"], dict(r["p"])) for r in records]

    def edges(self, types: Iterable[EdgeType] | None = None) -> list[Edge]:
        return self._edges("edges", {"types": _names(types)})

    def edges_out(self, node_id: str, types: Iterable[EdgeType] | None = None) -> list[Edge]:
        return self._edges("edges_out", {"id": node_id, "types": _names(types)})

    def edges_in(self, node_id: str, types: Iterable[EdgeType] | None = None) -> list[Edge]:
        return self._edges("edges_in", {"id": node_id, "types": _names(types)})

    def find_nodes(self, text: str, kinds: Iterable[NodeKind] | None = None, limit: int = 50) -> list[Node]:
        phrase = fold(text)
        if not phrase:
            return []
        params = {
            "kinds": _names(kinds),
            "words": phrase.split(),
            "phrase": phrase,
            "limit": int(limit),
        }
        return [node_from_props(dict(r["p"])) for r in self._read("find_nodes", params)]

    def version(self) -> str:
        records = self._read("version", {"id": cypher.META_ID})
        if not records or records[0]["graph_hash"] is None:
            return "neo4j:empty"
        r = records[0]
        if r["state"] == "complete":
            return f"neo4j:{r['graph_hash']}"
        return f"neo4j:{r['graph_hash']}:{r['state']}:{r['pushed_at']}"
