"""Rows: a ``Node``/``Edge`` as the flat property map Neo4j stores, and back.

Nothing here formats a value from the data into Cypher text: statements come from
:mod:`graph.cypher` (labels and types whitelisted from the schema's enums) and values travel in
parameters. Neo4j properties cannot hold maps, so a node or edge becomes one flat property map:

* the schema's own fields (``id``, ``kind``, ``name``, ``aliases``; ``key`` on relationships),
* each prop whose value is a scalar or a list of scalars of one type, under its own key,
* ``props_json`` and ``sources_json``: the exact props and sources, so reading back gives the
  same ``Node``/``Edge`` as the embedded store,
* ``search_names`` (name and aliases folded for case- and accent-insensitive search) and
  ``content_hash`` (a push rewrites an element only when this changes).

>>> n = Node(id="person:asa", kind="Person", name="Åsa Dedering", props={"title": "chef", "x": {"a": 1}})
>>> row = node_row(n)
>>> row["props"]["title"], row["props"]["search_names"], "x" in row["props"]
('chef', ['asa dedering'], False)
>>> node_from_props(row["props"]) == n
True
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from graph import cypher
from graph.ids import edge_key, short_hash
from graph.models import Edge, EdgeType, GraphData, Node, NodeKind, Source
from graph.text import fold

__all__ = [
    "edge_from_props",
    "edge_row",
    "effective_key",
    "flatten_props",
    "graph_hash",
    "node_from_props",
    "node_row",
]

_NODE_RESERVED = frozenset(cypher.NODE_PROPERTY_KEYS)
_REL_RESERVED = frozenset(cypher.REL_PROPERTY_KEYS)
_INT64 = (-(2**63), 2**63 - 1)


def _scalar(value: Any) -> bool:
    if isinstance(value, bool | str):
        return True
    if isinstance(value, int):
        return _INT64[0] <= value <= _INT64[1]
    return isinstance(value, float)


def _storable(value: Any) -> bool:
    """Can Neo4j hold this value as a property as it is (a scalar or a non-empty list of one type)?"""
    if _scalar(value):
        return True
    if isinstance(value, list) and value and all(_scalar(v) for v in value):
        return len({type(v) for v in value}) == 1
    return False


def flatten_props(props: dict[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    """The props Neo4j can store as they are; nested values and reserved keys live only in props_json.

    >>> flatten_props({"date": "2025-09-26", "n": [1, 2], "mix": [1, "a"], "d": {"a": 1}, "id": "x", "z": None}, frozenset({"id"}))
    {'date': '2025-09-26', 'n': [1, 2]}
    """
    return {k: v for k, v in props.items() if k not in reserved and _storable(v)}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _hash(value: Any) -> str:
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def node_row(node: Node) -> dict[str, Any]:
    """``{"id": ..., "props": {...}}``: the parameters of one node in :func:`graph.cypher.upsert_nodes`."""
    data = node.model_dump(mode="json")
    props: dict[str, Any] = flatten_props(data["props"], _NODE_RESERVED)
    props.update(
        id=data["id"],
        kind=data["kind"],
        name=data["name"],
        aliases=list(data["aliases"]),
        search_names=sorted({f for f in (fold(s) for s in [data["name"], *data["aliases"]]) if f}),
        search_tokens=sorted({t for s in [data["name"], *data["aliases"]] for t in fold(s).split()}),
        props_json=_dumps(data["props"]),
        sources_json=_dumps(data["sources"]),
    )
    props["content_hash"] = _hash(props)
    return {"id": data["id"], "kind": data["kind"], "props": props}


def effective_key(edge: Edge) -> str:
    """The edge's key, or (if it has none) a deterministic one made from what it says."""
    if edge.key:
        return edge.key
    return edge_key(edge.type.value, edge.source, edge.target, short_hash(_dumps(edge.props)))


def edge_row(edge: Edge) -> dict[str, Any]:
    """``{"source", "target", "type", "key", "props"}``: one row of :func:`graph.cypher.upsert_rels`."""
    data = edge.model_dump(mode="json")
    key = effective_key(edge)
    props: dict[str, Any] = flatten_props(data["props"], _REL_RESERVED)
    props.update(key=key, props_json=_dumps(data["props"]), sources_json=_dumps(data["sources"]))
    if not edge.key:
        props["key_synthetic"] = True
    props["content_hash"] = _hash(props)
    return {"source": edge.source, "target": edge.target, "type": data["type"], "key": key, "props": props}


def node_from_props(p: dict[str, Any]) -> Node:
    """The Node a stored property map was made from (exact, via ``props_json``/``sources_json``)."""
    props = json.loads(p["props_json"]) if p.get("props_json") else {}
    sources = json.loads(p["sources_json"]) if p.get("sources_json") else []
    return Node(
        id=p["id"],
        kind=NodeKind(p["kind"]),
        name=p.get("name", ""),
        aliases=list(p.get("aliases") or []),
        props=props,
        sources=[Source.model_validate(s) for s in sources],
    )


def edge_from_props(source: str, target: str, type_: str, p: dict[str, Any]) -> Edge:
    props = json.loads(p["props_json"]) if p.get("props_json") else {}
    sources = json.loads(p["sources_json"]) if p.get("sources_json") else []
    return Edge(
        source=source,
        target=target,
        type=EdgeType(type_),
        props=props,
        sources=[Source.model_validate(s) for s in sources],
        key="" if p.get("key_synthetic") else p.get("key", ""),
    )


def graph_hash(graph: GraphData) -> str:
    """A hash of the whole graph's content: the Neo4j backend's ``version()``."""
    return _hash(graph.model_dump(mode="json"))
