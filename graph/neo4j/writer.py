"""Pushing a graph to Neo4j (idempotent, batched ``UNWIND $rows``), and a dry-run driver that records
what a push would send without a server.

Nothing here formats a value from the data into Cypher text: statements come from
:mod:`graph.cypher` (labels and types whitelisted from the schema's enums) and values travel in
parameters; rows come from :mod:`graph.neo4j.rows`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph import cypher
from graph.models import EdgeType, GraphData, NodeKind
from graph.neo4j.connect import default_database
from graph.neo4j.rows import edge_row, graph_hash, node_row

__all__ = ["DryRunDriver", "PushReport", "batches", "plan_rows", "push"]


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
