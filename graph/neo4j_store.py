"""The Neo4j side: push the graph to a server, read it back as a ``GraphBackend``, run read-only Cypher.

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
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph import cypher
from graph.ids import edge_key, short_hash
from graph.models import Edge, EdgeType, GraphData, Node, NodeKind, Source
from graph.text import fold

__all__ = [
    "DEFAULT_URI",
    "DEFAULT_USER",
    "DryRunDriver",
    "Neo4jBackend",
    "PushReport",
    "ReadOnlyRefused",
    "ReadResult",
    "check_read_only_text",
    "connect",
    "edge_from_props",
    "edge_row",
    "fold",
    "graph_hash",
    "node_from_props",
    "node_row",
    "push",
    "run_read_only",
]

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"

_NODE_RESERVED = frozenset(cypher.NODE_PROPERTY_KEYS)
_REL_RESERVED = frozenset(cypher.REL_PROPERTY_KEYS)
_INT64 = (-(2**63), 2**63 - 1)


# --- connection ---------------------------------------------------------------------------------
def connect(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    *,
    verify: bool = True,
):
    """A driver from explicit arguments or ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD``.

    With ``verify`` (the default) the server is contacted once, so an unreachable server or a
    wrong password raises ``neo4j.exceptions.ServiceUnavailable``/``AuthError`` here.
    """
    from neo4j import GraphDatabase

    uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
    user = user or os.environ.get("NEO4J_USER") or DEFAULT_USER
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    auth = (user, password) if password else None
    driver = GraphDatabase.driver(uri, auth=auth)
    if verify:
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    return driver


def default_database(database: str | None = None) -> str | None:
    return database or os.environ.get("NEO4J_DATABASE") or None


# --- rows: Node/Edge <-> Neo4j property maps -----------------------------------------------------
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


def batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Consecutive slices of at most ``size`` items.

    >>> [list(b) for b in batches([1, 2, 3, 4, 5], 2)]
    [[1, 2], [3, 4], [5]]
    """
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- push ----------------------------------------------------------------------------------------
@dataclass
class PushReport:
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    rels_created: int = 0
    rels_updated: int = 0
    rels_deleted: int = 0
    labels_added: int = 0
    labels_removed: int = 0
    constraints_added: int = 0
    indexes_added: int = 0
    #: Edges whose source or target is not a node of the graph (not written).
    rels_skipped: int = 0
    #: Nodes or edges dropped because an earlier one had the same id or key.
    duplicates_skipped: int = 0
    nodes: int = 0
    rels: int = 0
    statements: int = 0
    graph_hash: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.nodes_created,
                self.nodes_updated,
                self.nodes_deleted,
                self.rels_created,
                self.rels_updated,
                self.rels_deleted,
                self.labels_added,
                self.labels_removed,
            )
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        return (
            f"nodes: {self.nodes} ({self.nodes_created} created, {self.nodes_updated} updated, "
            f"{self.nodes_deleted} deleted); relationships: {self.rels} ({self.rels_created} created, "
            f"{self.rels_updated} updated, {self.rels_deleted} deleted)"
            + (f"; {self.rels_skipped} edges skipped (missing endpoint)" if self.rels_skipped else "")
        )


def _run_in_tx(tx, statement: str, params: dict[str, Any]) -> tuple[list[dict[str, Any]], Any]:
    """Transaction function: run one statement, return its records and counters (idempotent)."""
    result = tx.run(statement, params)
    records = [record.data() for record in result]
    return records, result.consume().counters


class _Writer:
    """Runs each statement as one transaction function in one session (so bookmarks chain)."""

    def __init__(self, session, report: PushReport):
        self.session = session
        self.report = report

    def write(self, statement: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        records, counters = self.session.execute_write(_run_in_tx, statement, params or {})
        r = self.report
        r.statements += 1
        r.nodes_created += counters.nodes_created
        r.nodes_deleted += counters.nodes_deleted
        r.rels_created += counters.relationships_created
        r.rels_deleted += counters.relationships_deleted
        r.labels_added += counters.labels_added
        r.labels_removed += counters.labels_removed
        r.constraints_added += counters.constraints_added
        r.indexes_added += counters.indexes_added
        return records


def _first(records: list[dict[str, Any]], key: str) -> int:
    return int(records[0][key]) if records else 0


def plan_rows(graph: GraphData) -> tuple[list[dict[str, Any]], list[dict[str, Any]], PushReport]:
    """The node and edge rows of a push, deduplicated, edges without both endpoints left out."""
    report = PushReport(graph_hash=graph_hash(graph))
    node_rows: dict[str, dict[str, Any]] = {}
    for node in graph.nodes:
        if node.id in node_rows:
            report.duplicates_skipped += 1
            report.warnings.append(f"duplicate node id {node.id!r}: the first one is pushed")
            continue
        node_rows[node.id] = node_row(node)
    edge_rows: dict[str, dict[str, Any]] = {}
    for edge in graph.edges:
        if edge.source not in node_rows or edge.target not in node_rows:
            report.rels_skipped += 1
            continue
        row = edge_row(edge)
        if row["key"] in edge_rows:
            report.duplicates_skipped += 1
            report.warnings.append(f"duplicate edge key {row['key']!r}: the first one is pushed")
            continue
        edge_rows[row["key"]] = row
    report.nodes = len(node_rows)
    report.rels = len(edge_rows)
    return list(node_rows.values()), list(edge_rows.values()), report


def ensure_schema(writer: _Writer) -> None:
    """Constraints before data: MERGE is only unique under concurrent writers with them."""
    from neo4j.exceptions import ClientError

    writer.write(cypher.create_entity_constraint())
    writer.write(cypher.create_meta_constraint())
    writer.write(cypher.create_kind_index())
    for edge_type in EdgeType:
        try:
            writer.write(cypher.create_rel_key_constraint(edge_type))
        except ClientError as exc:  # before Neo4j 5.7 relationships have no uniqueness constraints
            writer.report.warnings.append(
                f"no uniqueness constraint for {edge_type.value}.key ({exc.code}); using an index"
            )
            writer.write(cypher.create_rel_key_index(edge_type))


def push(graph: GraphData, driver, database: str | None = None, batch_size: int = 1000) -> PushReport:
    """Make the Neo4j database hold exactly ``graph``; pushing the same graph again changes nothing.

    Order: constraints; stale relationships and nodes (not in ``graph``) deleted in batches;
    nodes upserted (unchanged ones untouched); kind labels set and stale ones removed;
    relationships upserted per type; finally the ``:Meta`` node with the graph's hash.
    Every batch is one ``execute_write`` transaction function and is safe to run twice.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    database = default_database(database)
    node_rows, edge_rows, report = plan_rows(graph)
    with driver.session(database=database) as session:
        _push_rows(_Writer(session, report), node_rows, edge_rows, batch_size)
    return report


def _push_rows(
    writer: _Writer, node_rows: list[dict[str, Any]], edge_rows: list[dict[str, Any]], batch_size: int
) -> None:
    report = writer.report
    ensure_schema(writer)
    meta = {
        "id": cypher.META_ID,
        "graph_hash": report.graph_hash,
        "pushed_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "nodes": report.nodes,
        "edges": report.rels,
    }
    writer.write(cypher.write_meta(), {**meta, "state": "pushing"})

    keys = [row["key"] for row in edge_rows]
    while (
        _first(writer.write(cypher.delete_stale_rels(), {"keys": keys, "limit": batch_size}), "deleted")
        >= batch_size
    ):
        pass
    ids = [row["id"] for row in node_rows]
    while (
        _first(writer.write(cypher.delete_stale_nodes(), {"ids": ids, "limit": batch_size}), "deleted")
        >= batch_size
    ):
        pass

    for batch in batches(node_rows, batch_size):
        rows = [{"id": row["id"], "props": row["props"]} for row in batch]
        report.nodes_updated += _first(writer.write(cypher.upsert_nodes(), {"rows": rows}), "updated")

    by_kind: dict[str, list[str]] = {}
    for row in node_rows:
        by_kind.setdefault(row["kind"], []).append(row["id"])
    for kind in NodeKind:
        writer.write(cypher.remove_stale_kind_label(kind), {"kind": kind.value})
        for batch in batches(by_kind.get(kind.value, []), batch_size):
            writer.write(cypher.set_kind_label(kind), {"ids": list(batch)})

    by_type: dict[str, list[dict[str, Any]]] = {}
    for row in edge_rows:
        by_type.setdefault(row["type"], []).append(row)
    for edge_type in EdgeType:
        for batch in batches(by_type.get(edge_type.value, []), batch_size):
            rows = [{k: row[k] for k in ("source", "target", "key", "props")} for row in batch]
            report.rels_updated += _first(
                writer.write(cypher.upsert_rels(edge_type), {"rows": rows}), "updated"
            )

    writer.write(cypher.write_meta(), {**meta, "state": "complete"})


# --- dry run ----------------------------------------------------------------------------------
@dataclass
class _NoCounters:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    labels_added: int = 0
    labels_removed: int = 0
    constraints_added: int = 0
    indexes_added: int = 0


class _DryRunResult:
    def __init__(self, records: list[dict[str, Any]]):
        self._records = records

    def __iter__(self):
        return iter([_DryRunRecord(r) for r in self._records])

    def consume(self):
        return type("Summary", (), {"counters": _NoCounters(), "query_type": "w"})()


class _DryRunRecord(dict):
    def data(self) -> dict[str, Any]:
        return dict(self)


class DryRunDriver:
    """Stands in for a driver: records every (statement, parameters) a push would send, writes nothing.

    ``samverkan push --dry-run`` uses it to show what would be sent; the tests use it to check
    statements offline. Every statement returns no records, so batched deletes stop at once.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def session(self, **_config: Any) -> DryRunDriver:
        return self

    def __enter__(self) -> DryRunDriver:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def execute_write(self, fn, *args: Any, **kwargs: Any):
        return fn(self, *args, **kwargs)

    def run(self, statement: str, parameters: dict[str, Any] | None = None) -> _DryRunResult:
        self.calls.append((statement, dict(parameters or {})))
        return _DryRunResult(self.respond(statement, dict(parameters or {})))

    def respond(self, statement: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        """The records a statement returns; none in a dry run (tests override this)."""
        return []

    def close(self) -> None:
        return None


# --- the GraphBackend --------------------------------------------------------------------------
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


# --- read-only user Cypher ---------------------------------------------------------------------
class ReadOnlyRefused(ValueError):
    """User-written Cypher that may write, load files, call procedures or hold several statements."""


@dataclass
class ReadResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False
    #: What the server's EXPLAIN noted (cartesian products, unknown labels …), one line each.
    notes: list[str] = field(default_factory=list)


_STRING_OR_COMMENT = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: Clauses that write, administer or leave the database (Cypher 5 and 25).
_REFUSED_WORDS = {
    "CREATE": "writes (CREATE)",
    "MERGE": "writes (MERGE)",
    "DELETE": "writes (DELETE)",
    "DETACH": "writes (DETACH DELETE)",
    "SET": "writes (SET)",
    "REMOVE": "writes (REMOVE)",
    "FOREACH": "writes (FOREACH)",
    "INSERT": "writes (INSERT)",
    "DROP": "changes the schema (DROP)",
    "ALTER": "administers the server (ALTER)",
    "GRANT": "administers the server (GRANT)",
    "DENY": "administers the server (DENY)",
    "REVOKE": "administers the server (REVOKE)",
    "RENAME": "administers the server (RENAME)",
    "START": "administers the server (START)",
    "STOP": "administers the server (STOP)",
    "TERMINATE": "administers the server (TERMINATE)",
    "ENABLE": "administers the server (ENABLE)",
    "DEALLOCATE": "administers the server (DEALLOCATE)",
    "REALLOCATE": "administers the server (REALLOCATE)",
    "SHOW": "administers the server (SHOW)",
    "USE": "switches database (USE)",
    "LOAD": "reads files or URLs (LOAD CSV)",
    "TRANSACTIONS": "runs batched write transactions (CALL { … } IN TRANSACTIONS)",
    "EXPLAIN": "is already explained by this tool (leave out EXPLAIN)",
    "PROFILE": "runs the query to profile it (leave out PROFILE)",
}
#: Namespaces of built-in functions that read nothing and write nothing.
_ALLOWED_NAMESPACES = {
    "date",
    "datetime",
    "localdatetime",
    "localtime",
    "time",
    "duration",
    "point",
    "vector",
}
_NAMESPACED_CALL = re.compile(r"(?<![\w.$])([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*)+)\s*\(")


def _code_only(cypher_text: str) -> str:
    """The text with string literals emptied, quoted names replaced and comments removed."""

    def repl(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith(("//", "/*")):
            return " "
        if token.startswith("`"):
            return "_quoted_"
        return "''"

    return _STRING_OR_COMMENT.sub(repl, cypher_text)


def _without_comments(cypher_text: str) -> str:
    """The text with comments removed and strings and quoted names kept as they are."""
    return _STRING_OR_COMMENT.sub(
        lambda m: " " if m.group(0).startswith(("//", "/*")) else m.group(0), cypher_text
    )


def check_read_only_text(cypher_text: str) -> str:
    """Refuse (``ReadOnlyRefused``) what can be told from the text alone; return the statement to run.

    >>> check_read_only_text("MATCH (n:Person) RETURN n.name AS name;")
    'MATCH (n:Person) RETURN n.name AS name'
    >>> check_read_only_text("MATCH (n) DETACH DELETE n")
    Traceback (most recent call last):
    ...
    graph.neo4j_store.ReadOnlyRefused: refused: the query writes (DETACH DELETE); only read-only Cypher can be run here
    """
    text = cypher_text.strip()
    if not text:
        raise ReadOnlyRefused("refused: the query is empty")
    if text.startswith(":"):
        raise ReadOnlyRefused(
            "refused: Browser commands (:param, :use …) are not Cypher; pass parameters with --param"
        )
    code = _code_only(text)
    if "'" in code.replace("''", "") or '"' in code or "`" in code.replace("_quoted_", "") or "/*" in code:
        raise ReadOnlyRefused("refused: unterminated string, quoted name or comment")
    body = code.rstrip().removesuffix(";")
    if ";" in body:
        raise ReadOnlyRefused("refused: several statements; run one statement at a time")
    words = list(_WORD.finditer(code))
    for i, match in enumerate(words):
        word = match.group(0).upper()
        before = code[: match.start()].rstrip()
        after = code[match.end() :].lstrip()
        if before.endswith((".", ":", "$")) or (after.startswith(":") and not after.startswith("::")):
            continue  # a property, label, parameter or map key, not a clause
        if word == "CALL":
            nxt = after[:1]
            if nxt not in ("{", "("):
                raise ReadOnlyRefused(
                    "refused: the query calls a procedure (CALL name(…)); only CALL { subquery } is allowed"
                )
            continue
        if word == "CYPHER" and i == 0:
            raise ReadOnlyRefused("refused: query options (CYPHER …) are not accepted here")
        reason = _REFUSED_WORDS.get(word)
        if reason:
            raise ReadOnlyRefused(f"refused: the query {reason}; only read-only Cypher can be run here")
    for match in _NAMESPACED_CALL.finditer(code):
        namespace = match.group(1)
        full = namespace + re.sub(r"\s+", "", match.group(2))
        if namespace.lower() not in _ALLOWED_NAMESPACES:
            raise ReadOnlyRefused(
                f"refused: the query calls {full}(…); procedures and plugin functions (db., dbms., apoc. …) are not allowed"
            )
    return _without_comments(text).strip().removesuffix(";").rstrip()


def run_read_only(
    driver,
    cypher_text: str,
    params: dict[str, Any] | None = None,
    timeout_s: float = 10,
    *,
    database: str | None = None,
    max_rows: int = 1000,
) -> ReadResult:
    """Run user-written Cypher only if it cannot write.

    1. text-level refusals (:func:`check_read_only_text`), before anything reaches the server;
    2. ``EXPLAIN``: only query type ``"r"`` is accepted (``execute_read`` alone does not stop a
       write on a single instance);
    3. the query itself in a READ access-mode session, in a transaction with a timeout.
    """
    from neo4j import READ_ACCESS, Query, unit_of_work

    statement = check_read_only_text(cypher_text)
    params = dict(params or {})
    database = default_database(database)
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        explained = session.run(Query("EXPLAIN " + statement, timeout=timeout_s), params).consume()  # type: ignore[arg-type]
        query_type = getattr(explained, "query_type", None)
        if query_type != "r":
            raise ReadOnlyRefused(
                f"refused: Neo4j classifies the query as {query_type!r}, not read-only ('r')"
            )

        notes = [
            f"{getattr(n, 'title', '')}: {getattr(n, 'description', '')}".strip(": ")
            for n in (getattr(explained, "summary_notifications", None) or [])
        ]

        @unit_of_work(timeout=timeout_s)
        def work(tx) -> ReadResult:
            result = tx.run(statement, params)
            columns = list(result.keys())
            rows: list[dict[str, Any]] = []
            truncated = False
            for record in result:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(record.data())
            result.consume()
            return ReadResult(columns=columns, rows=rows, truncated=truncated, notes=notes)

        return session.execute_read(work)
