"""Exports of the resolved graph: the contract's JSON, and GraphML for Gephi and yEd."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from graph.models import GraphData

__all__ = ["to_graphml", "to_json"]


def to_json_data(graph: GraphData) -> dict[str, Any]:
    """The shape in CONTRACT.md: nodes and edges with props and sources (edge keys left out)."""
    data = graph.model_dump(mode="json")
    for edge in data["edges"]:
        edge.pop("key", None)
    return data


def to_json(graph: GraphData, indent: int | None = 1) -> str:
    return json.dumps(to_json_data(graph), ensure_ascii=False, indent=indent)


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, (str, bool, int, float)):
        return value
    return json.dumps(value, ensure_ascii=False)


def to_graphml(graph: GraphData) -> str:
    """GraphML with one attribute per property; lists and sources as JSON strings.

    GraphML has no list type, and a key must keep one type across the file, so a property that
    is a number on one node and text on another is written as text everywhere.
    """
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        attrs = {"kind": node.kind.value, "name": node.name, "label": node.name,
                 "aliases": json.dumps(node.aliases, ensure_ascii=False),
                 "sources": json.dumps([s.model_dump() for s in node.sources], ensure_ascii=False)}
        attrs.update({f"p_{k}": _scalar(v) for k, v in node.props.items() if v is not None})
        g.add_node(node.id, **attrs)
    for edge in graph.edges:
        attrs = {"type": edge.type.value,
                 "sources": json.dumps([s.model_dump() for s in edge.sources], ensure_ascii=False)}
        attrs.update({f"p_{k}": _scalar(v) for k, v in edge.props.items() if v is not None})
        g.add_edge(edge.source, edge.target, key=edge.key, **attrs)
    _unify_types(g)
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _unify_types(g: nx.MultiDiGraph) -> None:
    for items in (list(g.nodes(data=True)), [(k, d) for *_, k, d in g.edges(keys=True, data=True)]):
        types: dict[str, set[type]] = {}
        for _, attrs in items:
            for k, v in attrs.items():
                types.setdefault(k, set()).add(type(v))
        mixed = {k for k, ts in types.items() if len(ts) > 1}
        for _, attrs in items:
            for k in mixed & attrs.keys():
                attrs[k] = str(attrs[k])
