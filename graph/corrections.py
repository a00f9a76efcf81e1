"""Manual corrections, stored in ``corrections.json`` and applied after every rebuild.

A correction is a plain dict, so the file stays readable and survives schema changes::

    {"id": "c-5f2a9e01b3", "op": "merge", "args": {"keep": "network:scn", "drop": "network:scn-2"},
     "made_at": "2025-11-21T10:02:00+00:00", "reason": "samma nätverk", "undone": false}

Operations (``args``):

- ``merge`` ``{keep, drop}``: ``drop``'s edges move to ``keep`` (re-keyed, duplicates joined),
  its name and aliases become aliases of ``keep``, its sources and missing props are added.
- ``rename`` ``{id, name}``: the old name becomes an alias.
- ``change_kind`` ``{id, kind}``: the id stays, so later corrections still find the node.
- ``add_edge`` ``{source, target, type, props?}``: sourced to the correction itself
  (document ``CORRECTION_DOCUMENT``, the reason as the quote).
- ``remove_edge`` ``{key}`` or ``{source, target, type}``: every matching edge.
- ``mark_wrong`` ``{node}`` or ``{edge}``: the node (with its edges) or the edge leaves the graph.

Other keys in ``args`` are kept and ignored (the app stores ``names``, the names the ids had when
the correction was made, for its list of corrections).

Corrections are applied in the order they were made; undone ones are passed over. Later
corrections follow earlier merges (an id merged away means the node it went into). A correction
whose ids are not in the graph (a document was forgotten, a name changed) is skipped with a note,
never an error: :func:`apply_with_report` says what happened to each.

>>> from graph.models import Node
>>> g = GraphData(nodes=[Node(id="n:a", kind="Network", name="SCN"), Node(id="n:b", kind="Network", name="Socialchefsnätverket")])
>>> c = new_correction("merge", {"keep": "n:b", "drop": "n:a"}, reason="samma nätverk")
>>> [(n.name, n.aliases) for n in apply_corrections(g, [c]).nodes]
[('Socialchefsnätverket', ['SCN'])]
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.ids import edge_key
from graph.models import Edge, EdgeType, GraphData, Node, NodeKind, Source

__all__ = [
    "CORRECTION_DOCUMENT",
    "OPS",
    "CorrectionError",
    "Outcome",
    "apply_corrections",
    "apply_with_report",
    "new_correction",
    "set_undone",
]

OPS = ("merge", "rename", "change_kind", "add_edge", "remove_edge", "mark_wrong")
#: The ``document`` of the source of an edge a correction added.
CORRECTION_DOCUMENT = "corrections.json"

_REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    # each op: alternative sets of required argument names
    "merge": (("keep", "drop"),),
    "rename": (("id", "name"),),
    "change_kind": (("id", "kind"),),
    "add_edge": (("source", "target", "type"),),
    "remove_edge": (("key",), ("source", "target", "type")),
    "mark_wrong": (("node",), ("edge",)),
}


class CorrectionError(ValueError):
    """A correction that cannot be made as asked (unknown operation, missing argument, bad kind)."""


@dataclass(frozen=True)
class Outcome:
    """What became of one correction: ``applied``, ``skipped`` (with the reason) or ``undone``."""

    id: str
    op: str
    status: str
    note: str = ""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _check(op: str, args: dict[str, Any]) -> None:
    if op not in _REQUIRED:
        raise CorrectionError(f"unknown operation {op!r}: expected one of {', '.join(OPS)}")
    if not any(all(args.get(name) not in (None, "") for name in names) for names in _REQUIRED[op]):
        wanted = " or ".join("{" + ", ".join(names) + "}" for names in _REQUIRED[op])
        raise CorrectionError(f"{op} needs the arguments {wanted}, got {sorted(args)}")
    if op == "change_kind" and args["kind"] not in {k.value for k in NodeKind}:
        raise CorrectionError(f"unknown kind {args['kind']!r}")
    if op == "add_edge" and args["type"] not in {t.value for t in EdgeType}:
        raise CorrectionError(f"unknown edge type {args['type']!r}")
    if op == "merge" and args["keep"] == args["drop"]:
        raise CorrectionError("merge needs two different nodes")


def new_correction(
    op: str, args: dict[str, Any], reason: str = "", made_at: str | None = None
) -> dict[str, Any]:
    """A checked correction dict, ready to append to the store's list."""
    args = dict(args)
    _check(op, args)
    return {
        "id": f"c-{uuid.uuid4().hex[:10]}",
        "op": op,
        "args": args,
        "made_at": made_at or _now(),
        "reason": reason.strip(),
        "undone": False,
    }


def set_undone(
    corrections: list[dict[str, Any]], correction_id: str, undone: bool = True, when: str | None = None
) -> list[dict[str, Any]]:
    """A copy of ``corrections`` with one of them undone (or redone); the record is kept either way."""
    out = []
    found = False
    for c in corrections:
        if c.get("id") == correction_id:
            found = True
            c = {**c, "undone": undone, ("undone_at" if undone else "redone_at"): when or _now()}
        out.append(c)
    if not found:
        raise CorrectionError(f"no correction with id {correction_id!r}")
    return out


def apply_corrections(graph: GraphData, corrections: list[dict[str, Any]]) -> GraphData:
    """``graph`` with every active correction applied, in order (pure: ``graph`` is not changed)."""
    return apply_with_report(graph, corrections)[0]


def apply_with_report(graph: GraphData, corrections: list[dict[str, Any]]) -> tuple[GraphData, list[Outcome]]:
    """The corrected graph and one :class:`Outcome` per correction."""
    active = [c for c in corrections if isinstance(c, dict) and not c.get("undone")]
    if not active:
        return graph, [_undone(c) for c in corrections if isinstance(c, dict)]
    work = _Work(graph)
    outcomes = []
    for c in corrections:
        if not isinstance(c, dict):
            continue
        if c.get("undone"):
            outcomes.append(_undone(c))
            continue
        cid, op = str(c.get("id", "?")), str(c.get("op", "?"))
        args = c.get("args") if isinstance(c.get("args"), dict) else {}
        try:
            _check(op, args)
            note = getattr(work, op)(cid, args, str(c.get("reason") or ""))
        except (CorrectionError, KeyError, TypeError, ValueError) as exc:
            note = f"invalid correction: {exc}"
        outcomes.append(Outcome(cid, op, "skipped" if note else "applied", note or ""))
    return work.result(), outcomes


def _undone(c: dict[str, Any]) -> Outcome:
    return Outcome(str(c.get("id", "?")), str(c.get("op", "?")), "undone" if c.get("undone") else "applied")


class _Work:
    """A mutable copy of the graph the operations edit; each returns a note when it is skipped."""

    def __init__(self, graph: GraphData):
        self.nodes: dict[str, Node] = {n.id: n.model_copy(deep=True) for n in graph.nodes}
        self.edges: dict[str, Edge] = {}
        for e in graph.edges:
            self._put(e.model_copy(deep=True))
        self.moved: dict[str, str] = {}  # id merged away -> the id it went into
        self.rekeyed: dict[str, str] = {}  # old edge key -> new key
        self.gone: set[str] = set()  # ids marked wrong

    def result(self) -> GraphData:
        return GraphData(nodes=list(self.nodes.values()), edges=list(self.edges.values()))

    # --- helpers ---------------------------------------------------------------------------------
    def _put(self, edge: Edge) -> None:
        if not edge.key:
            edge.key = edge_key(str(edge.type), edge.source, edge.target)
        known = self.edges.get(edge.key)
        if known is None:
            self.edges[edge.key] = edge
            return
        for s in edge.sources:
            if s not in known.sources:
                known.sources.append(s)
        for k, v in edge.props.items():
            known.props.setdefault(k, v)

    def _id(self, node_id: str) -> str:
        seen = set()
        while node_id in self.moved and node_id not in seen:
            seen.add(node_id)
            node_id = self.moved[node_id]
        return node_id

    def _node(self, raw: Any) -> Node | None:
        return self.nodes.get(self._id(str(raw)))

    def _missing(self, raw: Any) -> str:
        raw = str(raw)
        if self._id(raw) in self.gone:
            return f"{raw} was marked wrong by an earlier correction"
        return f"{raw} is no longer in the graph"

    def _key(self, key: str) -> str:
        seen = set()
        while key in self.rekeyed and key not in seen:
            seen.add(key)
            key = self.rekeyed[key]
        return key

    def _drop_edge(self, key: str) -> None:
        self.edges.pop(key, None)

    # --- operations --------------------------------------------------------------------------------
    def merge(self, cid: str, args: dict, reason: str) -> str | None:
        keep, drop = self._node(args["keep"]), self._node(args["drop"])
        if keep is None:
            return self._missing(args["keep"])
        if drop is None:
            return self._missing(args["drop"])
        if keep.id == drop.id:
            return "already one node"
        for alias in (drop.name, *drop.aliases):
            if alias != keep.name and alias not in keep.aliases:
                keep.aliases.append(alias)
        for s in drop.sources:
            if s not in keep.sources:
                keep.sources.append(s)
        for k, v in drop.props.items():
            keep.props.setdefault(k, v)
        for node in self.nodes.values():
            for k, v in list(node.props.items()):
                if v == drop.id:
                    node.props[k] = keep.id
        touching = [e for e in self.edges.values() if drop.id in (e.source, e.target)]
        for edge in touching:
            self._drop_edge(edge.key)
            source = keep.id if edge.source == drop.id else edge.source
            target = keep.id if edge.target == drop.id else edge.target
            if source == target:
                continue  # "A is part of B" means nothing once A and B are one
            new = edge.model_copy(
                update={"source": source, "target": target, "key": _rekey(edge, source, target)}
            )
            self.rekeyed[edge.key] = new.key
            self._put(new)
        del self.nodes[drop.id]
        self.moved[drop.id] = keep.id
        return None

    def rename(self, cid: str, args: dict, reason: str) -> str | None:
        node = self._node(args["id"])
        if node is None:
            return self._missing(args["id"])
        name = str(args["name"]).strip()
        if not name:
            raise CorrectionError("empty name")
        if node.name != name and node.name not in node.aliases:
            node.aliases.append(node.name)
        node.aliases = [a for a in node.aliases if a != name]
        node.name = name
        return None

    def change_kind(self, cid: str, args: dict, reason: str) -> str | None:
        node = self._node(args["id"])
        if node is None:
            return self._missing(args["id"])
        node.kind = NodeKind(args["kind"])
        return None

    def add_edge(self, cid: str, args: dict, reason: str) -> str | None:
        source, target = self._node(args["source"]), self._node(args["target"])
        if source is None:
            return self._missing(args["source"])
        if target is None:
            return self._missing(args["target"])
        props = dict(args.get("props") or {})
        props["correction"] = cid
        etype = EdgeType(args["type"])
        self._put(
            Edge(
                source=source.id,
                target=target.id,
                type=etype,
                props=props,
                sources=[Source(document=CORRECTION_DOCUMENT, line=0, quote=reason or cid)],
                key=edge_key(etype.value, source.id, target.id, f"correction:{cid}"),
            )
        )
        return None

    def remove_edge(self, cid: str, args: dict, reason: str) -> str | None:
        keys = self._matching(args)
        if not keys:
            return "no such edge in the graph"
        for key in keys:
            self._drop_edge(key)
        return None

    def mark_wrong(self, cid: str, args: dict, reason: str) -> str | None:
        if args.get("edge"):
            keys = self._matching({"key": args["edge"]})
            if not keys:
                return "no such edge in the graph"
            for key in keys:
                self._drop_edge(key)
            return None
        node = self._node(args["node"])
        if node is None:
            return self._missing(args["node"])
        for edge in [e for e in self.edges.values() if node.id in (e.source, e.target)]:
            self._drop_edge(edge.key)
        del self.nodes[node.id]
        self.gone.add(node.id)
        return None

    def _matching(self, args: dict) -> list[str]:
        if args.get("key"):
            key = self._key(str(args["key"]))
            if key in self.edges:
                return [key]
            parsed = _parse_key(str(args["key"]))
            if parsed is None:
                return []
            etype, source, target, disc = parsed
            key = edge_key(etype, self._id(source), self._id(target), disc)
            return [key] if key in self.edges else []
        source, target, etype = (
            self._id(str(args["source"])),
            self._id(str(args["target"])),
            str(args["type"]),
        )
        return [
            e.key
            for e in self.edges.values()
            if e.source == source and e.target == target and str(e.type) == etype
        ]


def _parse_key(key: str) -> tuple[str, str, str, str] | None:
    parts = key.split("|", 3)
    if len(parts) < 3:
        return None
    return parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else ""


def _rekey(edge: Edge, source: str, target: str) -> str:
    """The key the edge would have had between ``source`` and ``target`` (its discriminator kept)."""
    parsed = _parse_key(edge.key)
    if parsed and parsed[0] == str(edge.type) and parsed[1] == edge.source and parsed[2] == edge.target:
        disc = parsed[3]
    else:
        disc = edge.key
    return edge_key(str(edge.type), source, target, disc)
