"""Every Cypher statement Samverkanskartan sends to Neo4j, built by small pure functions.

Labels, relationship types and property keys cannot be parameters in Cypher, so the only names
ever written into a statement's text come from the schema's enums (``NodeKind``, ``EdgeType``)
through :func:`label` and :func:`rel_type`, which refuse anything else. Every value from the data
travels in parameters (``$rows``, ``$ids`` …). :func:`all_statements` lists each statement with
example parameters, so the test suite can lint all of them with Neo4j's own Cypher linter.

>>> label("Person")
'Person'
>>> label("Person) DETACH DELETE n //")
Traceback (most recent call last):
...
graph.cypher.CypherNameError: not a node kind: 'Person) DETACH DELETE n //'
"""

from __future__ import annotations

import re
from typing import Any

from graph.models import EdgeType, NodeKind

__all__ = [
    "ENTITY_LABEL",
    "META_ID",
    "META_LABEL",
    "NODE_PROPERTY_KEYS",
    "READ_STATEMENTS",
    "REL_PROPERTY_KEYS",
    "CypherNameError",
    "all_statements",
    "create_entity_constraint",
    "create_kind_index",
    "create_meta_constraint",
    "create_rel_key_constraint",
    "create_rel_key_index",
    "delete_stale_nodes",
    "delete_stale_rels",
    "label",
    "rel_type",
    "remove_stale_kind_label",
    "set_kind_label",
    "upsert_nodes",
    "upsert_rels",
    "write_meta",
]

#: Every node pushed from the graph carries this label beside its kind label.
ENTITY_LABEL = "Entity"
#: One ``(:Meta {id: 'graph'})`` node holds the pushed graph's hash and time: the backend's version.
META_LABEL = "Meta"
META_ID = "graph"

#: Property keys written on every ``:Entity`` node (besides the node's flattened scalar props).
NODE_PROPERTY_KEYS = (
    "id",
    "kind",
    "name",
    "aliases",
    "search_names",
    "search_tokens",
    "sources_json",
    "props_json",
    "content_hash",
)
#: Property keys written on every relationship (besides its flattened scalar props).
REL_PROPERTY_KEYS = ("key", "key_synthetic", "sources_json", "props_json", "content_hash")
#: Property keys of the Meta node.
META_PROPERTY_KEYS = ("id", "graph_hash", "pushed_at", "state", "nodes", "edges")

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class CypherNameError(ValueError):
    """A label or relationship type that is not in the schema's whitelist."""


def label(kind: NodeKind | str) -> str:
    """The node label for a kind, only if it is one of ``NodeKind``."""
    try:
        value = NodeKind(kind).value
    except ValueError:
        raise CypherNameError(f"not a node kind: {kind!r}") from None
    if not _NAME.match(value):  # the enum itself is trusted, but a label must be a plain name
        raise CypherNameError(f"not a plain label: {value!r}")
    return value


def rel_type(edge_type: EdgeType | str) -> str:
    """The relationship type for an edge type, only if it is one of ``EdgeType``."""
    try:
        value = EdgeType(edge_type).value
    except ValueError:
        raise CypherNameError(f"not an edge type: {edge_type!r}") from None
    if not _NAME.match(value):
        raise CypherNameError(f"not a plain relationship type: {value!r}")
    return value


# --- schema -----------------------------------------------------------------------------------
def create_entity_constraint() -> str:
    return f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.id IS UNIQUE"


def create_meta_constraint() -> str:
    return f"CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (n:{META_LABEL}) REQUIRE n.id IS UNIQUE"


def create_kind_index() -> str:
    return f"CREATE INDEX entity_kind IF NOT EXISTS FOR (n:{ENTITY_LABEL}) ON (n.kind)"


def create_rel_key_constraint(edge_type: EdgeType | str) -> str:
    """Relationship uniqueness constraints exist from Neo4j 5.7 (Community included)."""
    t = rel_type(edge_type)
    return f"CREATE CONSTRAINT rel_key_{t.lower()} IF NOT EXISTS FOR ()-[r:{t}]-() REQUIRE r.key IS UNIQUE"


def create_rel_key_index(edge_type: EdgeType | str) -> str:
    """The fallback for servers older than 5.7: an index, so MERGE on ``key`` stays fast."""
    t = rel_type(edge_type)
    return f"CREATE INDEX rel_key_{t.lower()} IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.key)"


# --- writes -----------------------------------------------------------------------------------
def upsert_nodes() -> str:
    """Create or replace nodes; a node whose ``content_hash`` is unchanged is not touched.

    ``SET n = row.props`` replaces every property, so a prop removed from the graph disappears
    from Neo4j too. Returns how many existing nodes were changed.
    """
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{ENTITY_LABEL} {{id: row.id}})\n"
        "WITH n, row, n.content_hash AS previous\n"
        "WHERE previous IS NULL OR previous <> row.props.content_hash\n"
        "SET n = row.props\n"
        "RETURN count(previous) AS updated"
    )


def set_kind_label(kind: NodeKind | str) -> str:
    lbl = label(kind)
    return (
        "UNWIND $ids AS id\n"
        f"MATCH (n:{ENTITY_LABEL} {{id: id}})\n"
        f"WHERE NOT n:{lbl}\n"
        f"SET n:{lbl}\n"
        "RETURN count(n) AS labelled"
    )


def remove_stale_kind_label(kind: NodeKind | str) -> str:
    """A node whose kind changed loses its old kind label (``$kind`` is the label's own kind)."""
    lbl = label(kind)
    return f"MATCH (n:{lbl})\nWHERE n.kind IS NULL OR n.kind <> $kind\nREMOVE n:{lbl}\nRETURN count(n) AS unlabelled"


def upsert_rels(edge_type: EdgeType | str) -> str:
    """Create or replace relationships of one type, keyed by the edge's deterministic ``key``."""
    t = rel_type(edge_type)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{ENTITY_LABEL} {{id: row.source}})\n"
        f"MATCH (b:{ENTITY_LABEL} {{id: row.target}})\n"
        f"MERGE (a)-[r:{t} {{key: row.key}}]->(b)\n"
        "WITH r, row, r.content_hash AS previous\n"
        "WHERE previous IS NULL OR previous <> row.props.content_hash\n"
        "SET r = row.props\n"
        "RETURN count(previous) AS updated"
    )


def delete_stale_rels() -> str:
    """One batch of relationships between entities whose key is not in the pushed graph."""
    return (
        f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL})\n"
        "WHERE r.key IS NULL OR NOT r.key IN $keys\n"
        "WITH r LIMIT $limit\n"
        "DELETE r\n"
        "RETURN count(*) AS deleted"
    )


def delete_stale_nodes() -> str:
    """One batch of entities whose id is not in the pushed graph (with their relationships)."""
    return (
        f"MATCH (n:{ENTITY_LABEL})\n"
        "WHERE NOT n.id IN $ids\n"
        "WITH n LIMIT $limit\n"
        "DETACH DELETE n\n"
        "RETURN count(*) AS deleted"
    )


def write_meta() -> str:
    return (
        f"MERGE (m:{META_LABEL} {{id: $id}})\n"
        "SET m.graph_hash = $graph_hash, m.pushed_at = $pushed_at, m.state = $state,\n"
        "    m.nodes = $nodes, m.edges = $edges\n"
        "RETURN m.id AS id"
    )


# --- reads (the GraphBackend, one statement per method) ----------------------------------------
_EDGE_RETURN = "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS p\nORDER BY r.key"

READ_STATEMENTS: dict[str, str] = {
    "node": f"MATCH (n:{ENTITY_LABEL} {{id: $id}})\nRETURN properties(n) AS p",
    "nodes": (
        f"MATCH (n:{ENTITY_LABEL})\nWHERE $kinds IS NULL OR n.kind IN $kinds\nRETURN properties(n) AS p\nORDER BY n.id"
    ),
    "edges": (
        f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL})\nWHERE $types IS NULL OR type(r) IN $types\n"
        + _EDGE_RETURN
    ),
    "edges_out": (
        f"MATCH (a:{ENTITY_LABEL} {{id: $id}})-[r]->(b:{ENTITY_LABEL})\n"
        "WHERE $types IS NULL OR type(r) IN $types\n" + _EDGE_RETURN
    ),
    "edges_in": (
        f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL} {{id: $id}})\n"
        "WHERE $types IS NULL OR type(r) IN $types\n" + _EDGE_RETURN
    ),
    # $words and $phrase are folded in Python like the stored search_names and search_tokens.
    "find_nodes": (
        f"MATCH (n:{ENTITY_LABEL})\n"
        "WHERE ($kinds IS NULL OR n.kind IN $kinds)\n"
        "  AND all(w IN $words WHERE any(t IN n.search_tokens WHERE t STARTS WITH w))\n"
        "WITH n, CASE\n"
        "    WHEN $phrase IN n.search_names THEN 0\n"
        "    WHEN any(s IN n.search_names WHERE s CONTAINS $phrase) THEN 1\n"
        "    ELSE 2 END AS rank,\n"
        "  reduce(shortest = 1000000, s IN n.search_names |\n"
        "    CASE WHEN size(s) < shortest THEN size(s) ELSE shortest END) AS shortest\n"
        "RETURN properties(n) AS p\n"
        "ORDER BY rank, shortest, n.name, n.id\n"
        "LIMIT $limit"
    ),
    "version": (
        f"OPTIONAL MATCH (m:{META_LABEL} {{id: $id}})\n"
        "RETURN m.graph_hash AS graph_hash, m.state AS state, m.pushed_at AS pushed_at"
    ),
}


# --- the list the linter checks ------------------------------------------------------------------
def all_statements() -> dict[str, tuple[str, dict[str, Any]]]:
    """Every statement this module can build, by name, with example parameters (for linting)."""
    row_node = {"id": "x", "props": {"id": "x", "content_hash": "h"}}
    row_rel = {"source": "a", "target": "b", "key": "k", "props": {"key": "k", "content_hash": "h"}}
    out: dict[str, tuple[str, dict[str, Any]]] = {
        "create_entity_constraint": (create_entity_constraint(), {}),
        "create_meta_constraint": (create_meta_constraint(), {}),
        "create_kind_index": (create_kind_index(), {}),
        "upsert_nodes": (upsert_nodes(), {"rows": [row_node]}),
        "delete_stale_rels": (delete_stale_rels(), {"keys": ["k"], "limit": 1000}),
        "delete_stale_nodes": (delete_stale_nodes(), {"ids": ["x"], "limit": 1000}),
        "write_meta": (
            write_meta(),
            {"id": META_ID, "graph_hash": "h", "pushed_at": "t", "state": "complete", "nodes": 0, "edges": 0},
        ),
    }
    for kind in NodeKind:
        out[f"set_kind_label[{kind.value}]"] = (set_kind_label(kind), {"ids": ["x"]})
        out[f"remove_stale_kind_label[{kind.value}]"] = (remove_stale_kind_label(kind), {"kind": kind.value})
    for edge_type in EdgeType:
        out[f"create_rel_key_constraint[{edge_type.value}]"] = (create_rel_key_constraint(edge_type), {})
        out[f"create_rel_key_index[{edge_type.value}]"] = (create_rel_key_index(edge_type), {})
        out[f"upsert_rels[{edge_type.value}]"] = (upsert_rels(edge_type), {"rows": [row_rel]})
    read_params: dict[str, dict[str, Any]] = {
        "node": {"id": "x"},
        "nodes": {"kinds": None},
        "edges": {"types": None},
        "edges_out": {"id": "x", "types": ["STEERS"]},
        "edges_in": {"id": "x", "types": None},
        "find_nodes": {"kinds": None, "words": ["a"], "phrase": "a", "limit": 50},
        "version": {"id": META_ID},
    }
    for name, statement in READ_STATEMENTS.items():
        out[f"backend.{name}"] = (statement, read_params[name])
    return out
