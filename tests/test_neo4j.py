"""Offline tests of the Neo4j side: rows and their round trip, push orchestration and batching,
whitelisted names, read-only refusals, and the ``push``/``cypher`` commands.

No server here: :class:`SimulatedNeo4j` answers the push statements (recognised by their exact
text from ``graph.cypher``) with the semantics those statements are written to have, so the tests
check push's own logic (what is sent, in what order and batches, how counts are added up).
``tests/test_neo4j_integration.py`` runs the same against a real server when ``NEO4J_URI`` is set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from graph import cypher
from graph.models import Edge, EdgeType, GraphData, Node, NodeKind, Source
from graph.neo4j.backend import Neo4jBackend
from graph.neo4j.guard import ReadOnlyRefused, check_read_only_text, run_read_only
from graph.neo4j.rows import edge_from_props, edge_row, node_from_props, node_row
from graph.neo4j.writer import DryRunDriver, push
from graph.text import fold


# --- a small graph ---------------------------------------------------------------------------------
def src(doc: str, line: int, quote: str = "…") -> Source:
    return Source(document=doc, line=line, quote=quote)


def sample_graph() -> GraphData:
    nodes = [
        Node(
            id="processgroup:processgrupp-primarvard",
            kind=NodeKind.PROCESS_GROUP,
            name="Processgrupp primärvård",
            aliases=["PG primärvård"],
            sources=[src("000.txt", 3, "Processgrupp primärvård")],
        ),
        Node(
            id="steeringgroup:styrgruppen",
            kind=NodeKind.STEERING_GROUP,
            name="Styrgruppen för Länschefsnätverket",
        ),
        Node(id="network:lanschefsnatverket", kind=NodeKind.NETWORK, name="Länschefsnätverket"),
        Node(
            id="person:asa-dedering",
            kind=NodeKind.PERSON,
            name="Åsa Dedering",
            aliases=["Åsa Dederind"],
            props={"title": "förvaltningschef", "phones": ["070", "071"]},
            sources=[src("001.txt", 12, "Åsa Dedering Avesta")],
        ),
        Node(
            id="meeting:002:2025-09-26",
            kind=NodeKind.MEETING,
            name="Länschefsnätverket 2025-09-26",
            props={"date": "2025-09-26", "document": "002.txt"},
        ),
        Node(
            id="funding:002:1",
            kind=NodeKind.FUNDING,
            name="länsgemensamma medel",
            props={"amount_sek": 1_500_000, "year": 2026, "nested": {"a": [1, {"b": None}]}, "ratio": 0.25},
        ),
    ]
    edges = [
        Edge(
            source="steeringgroup:styrgruppen",
            target="processgroup:processgrupp-primarvard",
            type=EdgeType.STEERS,
            key="STEERS|steeringgroup:styrgruppen|processgroup:processgrupp-primarvard|",
        ),
        Edge(
            source="processgroup:processgrupp-primarvard",
            target="network:lanschefsnatverket",
            type=EdgeType.REPORTS_TO,
            key="REPORTS_TO|pg|network|",
        ),
        Edge(
            source="network:lanschefsnatverket",
            target="processgroup:processgrupp-primarvard",
            type=EdgeType.COMMISSIONS,
            props={"date": "2025-09-26", "task": "ta fram en plan", "decision": None},
            sources=[src("002.txt", 118, "att uppdra processgruppen")],
            key="COMMISSIONS|n|pg|1",
        ),
        Edge(
            source="person:asa-dedering",
            target="meeting:002:2025-09-26",
            type=EdgeType.ATTENDED,
            props={"organisation": "Avesta", "role": "ordförande"},
        ),  # no key: push makes one, reading back gives "" again
    ]
    return GraphData(nodes=nodes, edges=edges)


# --- rows ------------------------------------------------------------------------------------------
def test_node_rows_round_trip_exactly():
    for node in sample_graph().nodes:
        row = node_row(node)
        assert node_from_props(json.loads(json.dumps(row["props"]))) == node


def test_edge_rows_round_trip_exactly_even_without_key():
    for edge in sample_graph().edges:
        row = edge_row(edge)
        assert row["key"], "every relationship gets a key"
        p = json.loads(json.dumps(row["props"]))
        assert edge_from_props(row["source"], row["target"], row["type"], p) == edge


def test_rows_hold_only_values_neo4j_can_store():
    def storable(v: Any) -> bool:
        scalar = (str, int, float, bool)
        return isinstance(v, scalar) or (isinstance(v, list) and all(isinstance(x, scalar) for x in v))

    for node in sample_graph().nodes:
        assert all(storable(v) for v in node_row(node)["props"].values()), node.id
    for edge in sample_graph().edges:
        assert all(storable(v) for v in edge_row(edge)["props"].values()), edge.key


def test_scalar_props_are_flattened_and_nested_ones_only_in_json():
    funding = node_row(sample_graph().nodes[5])["props"]
    assert funding["amount_sek"] == 1_500_000 and funding["year"] == 2026 and funding["ratio"] == 0.25
    assert "nested" not in funding
    assert json.loads(funding["props_json"])["nested"] == {"a": [1, {"b": None}]}
    person = node_row(sample_graph().nodes[3])["props"]
    assert person["phones"] == ["070", "071"]
    assert json.loads(person["sources_json"]) == [
        {"document": "001.txt", "line": 12, "quote": "Åsa Dedering Avesta"}
    ]


def test_props_cannot_overwrite_the_schema_fields():
    node = Node(
        id="person:x", kind=NodeKind.PERSON, name="X", props={"id": "evil", "kind": "Meta", "name": "Y"}
    )
    props = node_row(node)["props"]
    assert (props["id"], props["kind"], props["name"]) == ("person:x", "Person", "X")
    assert node_from_props(props) == node


def test_content_hash_changes_only_with_content():
    node = sample_graph().nodes[3]
    assert node_row(node)["props"]["content_hash"] == node_row(node.model_copy())["props"]["content_hash"]
    changed = node.model_copy(update={"props": {**node.props, "title": "chef"}})
    assert node_row(node)["props"]["content_hash"] != node_row(changed)["props"]["content_hash"]


def test_search_fields_are_folded():
    props = node_row(sample_graph().nodes[3])["props"]
    assert props["search_names"] == ["asa dederind", "asa dedering"]
    assert props["search_tokens"] == ["asa", "dederind", "dedering"]
    assert fold("Malung-Sälen, Länschefsnätverket") == "malung salen lanschefsnatverket"


# --- whitelisting ------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["Person) DETACH DELETE n //", "Meta", "entity", "", "Person`"])
def test_labels_only_from_node_kinds(bad):
    with pytest.raises(cypher.CypherNameError):
        cypher.set_kind_label(bad)
    with pytest.raises(cypher.CypherNameError):
        cypher.remove_stale_kind_label(bad)


@pytest.mark.parametrize("bad", ["STEERS]->() DETACH DELETE a //", "steers", "KNOWS", ""])
def test_relationship_types_only_from_edge_types(bad):
    with pytest.raises(cypher.CypherNameError):
        cypher.upsert_rels(bad)
    with pytest.raises(cypher.CypherNameError):
        cypher.create_rel_key_constraint(bad)


def test_every_kind_and_type_has_its_statements():
    statements = cypher.all_statements()
    for kind in NodeKind:
        assert f":{kind.value}\n" in statements[f"set_kind_label[{kind.value}]"][0]
    for edge_type in EdgeType:
        assert f"[r:{edge_type.value} {{key: row.key}}]" in statements[f"upsert_rels[{edge_type.value}]"][0]


def test_backend_statements_take_their_values_as_parameters():
    for name, statement in cypher.READ_STATEMENTS.items():
        assert "$" in statement, name
        assert "'" not in statement and '"' not in statement, name


# --- a simulated server for push -------------------------------------------------------------------
@dataclass
class Counters:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    labels_added: int = 0
    labels_removed: int = 0
    constraints_added: int = 0
    indexes_added: int = 0


class _Result:
    def __init__(self, records, counters):
        self.records, self.counters = records, counters

    def __iter__(self):
        return iter([_Record(r) for r in self.records])

    def consume(self):
        return self


class _Record(dict):
    def data(self):
        return dict(self)


class SimulatedNeo4j(DryRunDriver):
    """Answers the push statements with the semantics they are written to have."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: dict[str, dict[str, Any]] = {}  # id -> {"labels": set, "props": dict}
        self.rels: dict[str, dict[str, Any]] = {}  # key -> {"type", "source", "target", "props"}
        self.schema: set[str] = set()
        self.meta: dict[str, Any] = {}
        self.handlers = {
            cypher.upsert_nodes(): self._upsert_nodes,
            cypher.delete_stale_nodes(): self._delete_nodes,
            cypher.delete_stale_rels(): self._delete_rels,
            cypher.write_meta(): self._meta,
        }
        for kind in NodeKind:
            self.handlers[cypher.set_kind_label(kind)] = lambda p, c, k=kind.value: self._label(p, c, k)
            self.handlers[cypher.remove_stale_kind_label(kind)] = lambda p, c, k=kind.value: self._unlabel(
                p, c, k
            )
        for t in EdgeType:
            self.handlers[cypher.upsert_rels(t)] = lambda p, c, t=t.value: self._upsert_rels(p, c, t)

    def run(self, statement, parameters=None):
        self.calls.append((statement, dict(parameters or {})))
        counters = Counters()
        if statement.startswith("CREATE CONSTRAINT") or statement.startswith("CREATE INDEX"):
            if statement not in self.schema:
                self.schema.add(statement)
                if statement.startswith("CREATE CONSTRAINT"):
                    counters.constraints_added += 1
                else:
                    counters.indexes_added += 1
            return _Result([], counters)
        records = self.handlers[statement](dict(parameters or {}), counters)
        return _Result(records, counters)

    def _upsert_nodes(self, p, c):
        updated = 0
        for row in p["rows"]:
            node = self.nodes.get(row["id"])
            if node is None:
                self.nodes[row["id"]] = {"labels": {"Entity"}, "props": dict(row["props"])}
                c.nodes_created += 1
            elif node["props"].get("content_hash") != row["props"]["content_hash"]:
                node["props"] = dict(row["props"])
                updated += 1
        return [{"updated": updated}]

    def _label(self, p, c, kind):
        for node_id in p["ids"]:
            node = self.nodes.get(node_id)
            if node is not None and kind not in node["labels"]:
                node["labels"].add(kind)
                c.labels_added += 1
        return [{"labelled": 0}]

    def _unlabel(self, p, c, kind):
        for node in self.nodes.values():
            if kind in node["labels"] and node["props"].get("kind") != p["kind"]:
                node["labels"].discard(kind)
                c.labels_removed += 1
        return [{"unlabelled": 0}]

    def _upsert_rels(self, p, c, rel_type):
        updated = 0
        for row in p["rows"]:
            if row["source"] not in self.nodes or row["target"] not in self.nodes:
                continue
            rel = self.rels.get(row["key"])
            if rel is None:
                self.rels[row["key"]] = {
                    "type": rel_type,
                    "source": row["source"],
                    "target": row["target"],
                    "props": dict(row["props"]),
                }
                c.relationships_created += 1
            elif rel["props"].get("content_hash") != row["props"]["content_hash"]:
                rel["props"] = dict(row["props"])
                updated += 1
        return [{"updated": updated}]

    def _delete_rels(self, p, c):
        keep = set(p["keys"])
        stale = [k for k in self.rels if k not in keep][: p["limit"]]
        for k in stale:
            del self.rels[k]
        c.relationships_deleted += len(stale)
        return [{"deleted": len(stale)}]

    def _delete_nodes(self, p, c):
        keep = set(p["ids"])
        stale = [i for i in self.nodes if i not in keep][: p["limit"]]
        for node_id in stale:
            for k in [k for k, r in self.rels.items() if node_id in (r["source"], r["target"])]:
                del self.rels[k]
                c.relationships_deleted += 1
            del self.nodes[node_id]
        c.nodes_deleted += len(stale)
        return [{"deleted": len(stale)}]

    def _meta(self, p, c):
        self.meta = dict(p)
        return [{"id": p["id"]}]

    # what the database now holds, as the schema's models
    def graph(self) -> GraphData:
        nodes = [node_from_props(n["props"]) for _, n in sorted(self.nodes.items())]
        edges = [
            edge_from_props(r["source"], r["target"], r["type"], r["props"])
            for _, r in sorted(self.rels.items())
        ]
        return GraphData(nodes=nodes, edges=edges)


def _sorted(graph: GraphData) -> GraphData:
    return GraphData(
        nodes=sorted(graph.nodes, key=lambda n: n.id),
        edges=sorted(graph.edges, key=lambda e: (e.type, e.source, e.target, e.key)),
    )


# --- push --------------------------------------------------------------------------------------------
def test_push_writes_the_graph_and_a_second_push_changes_nothing():
    db = SimulatedNeo4j()
    graph = sample_graph()
    first = push(graph, db)
    assert (first.nodes_created, first.rels_created) == (6, 4)
    assert first.constraints_added == 2 + len(EdgeType)
    assert _sorted(db.graph()) == _sorted(graph)
    assert {kind for n in db.nodes.values() for kind in n["labels"]} == {"Entity"} | {
        n.kind.value for n in graph.nodes
    }
    assert db.meta["state"] == "complete" and db.meta["graph_hash"] == first.graph_hash

    second = push(graph, db)
    assert not second.changed, second
    assert (second.nodes_updated, second.rels_updated, second.constraints_added) == (0, 0, 0)
    assert _sorted(db.graph()) == _sorted(graph)


def test_push_replaces_a_changed_document_and_removes_a_forgotten_one():
    db = SimulatedNeo4j()
    graph = sample_graph()
    push(graph, db)
    changed = graph.model_copy(deep=True)
    changed.nodes[3].props["title"] = "socialchef"  # a fact changed
    del changed.nodes[5]  # a document forgotten: its funding node goes
    changed.edges = [e for e in changed.edges if e.type != EdgeType.COMMISSIONS]  # and its edge
    report = push(changed, db)
    assert (report.nodes_updated, report.nodes_deleted, report.rels_deleted) == (1, 1, 1)
    assert (report.nodes_created, report.rels_created) == (0, 0)
    assert _sorted(db.graph()) == _sorted(changed)


def test_push_moves_the_kind_label_when_a_kind_changes():
    db = SimulatedNeo4j()
    graph = sample_graph()
    push(graph, db)
    changed = graph.model_copy(deep=True)
    changed.nodes[1].kind = NodeKind.COUNCIL
    report = push(changed, db)
    assert (report.labels_added, report.labels_removed) == (1, 1)
    assert db.nodes["steeringgroup:styrgruppen"]["labels"] == {"Entity", "Council"}


def test_push_batches_and_orders_its_statements():
    db = SimulatedNeo4j()
    graph = sample_graph()
    extra = [Node(id=f"person:p{i}", kind=NodeKind.PERSON, name=f"P {i}") for i in range(7)]
    graph.nodes.extend(extra)
    push(graph, db, batch_size=3)
    statements = [q for q, _ in db.calls]
    upserts = [p for q, p in db.calls if q == cypher.upsert_nodes()]
    assert [len(p["rows"]) for p in upserts] == [3, 3, 3, 3, 1]  # 13 nodes in batches of 3
    person_labels = [p for q, p in db.calls if q == cypher.set_kind_label(NodeKind.PERSON)]
    assert [len(p["ids"]) for p in person_labels] == [3, 3, 2]
    first_write = min(i for i, q in enumerate(statements) if not q.startswith("CREATE "))
    assert first_write > 0
    assert all(q.startswith("CREATE ") for q in statements[:first_write])  # schema before data
    assert statements.index(cypher.delete_stale_nodes()) < statements.index(cypher.upsert_nodes())
    assert statements.index(cypher.upsert_nodes()) < statements.index(cypher.upsert_rels(EdgeType.STEERS))
    assert statements[-1] == cypher.write_meta() and db.calls[-1][1]["state"] == "complete"


def test_stale_deletes_run_in_batches_until_done():
    db = SimulatedNeo4j()
    big = GraphData(nodes=[Node(id=f"person:{i}", kind=NodeKind.PERSON, name=str(i)) for i in range(10)])
    push(big, db)
    db.calls.clear()
    report = push(GraphData(), db, batch_size=4)
    deletes = [p for q, p in db.calls if q == cypher.delete_stale_nodes()]
    assert len(deletes) == 3 and all(p["limit"] == 4 for p in deletes)
    assert report.nodes_deleted == 10 and not db.nodes


def test_edges_without_endpoints_and_duplicates_are_reported_not_sent():
    graph = sample_graph()
    graph.edges.append(
        Edge(source="person:nobody", target="network:lanschefsnatverket", type=EdgeType.MEMBER_OF)
    )
    graph.nodes.append(graph.nodes[0].model_copy())
    db = SimulatedNeo4j()
    report = push(graph, db)
    assert report.rels_skipped == 1 and report.duplicates_skipped == 1
    assert report.nodes == 6 and report.rels == 4


def test_push_is_idempotent_when_a_batch_runs_twice():
    """Transaction functions may be retried: running every batch twice gives the same database."""

    class Retrying(SimulatedNeo4j):
        def execute_write(self, fn, *args, **kwargs):
            fn(self, *args, **kwargs)
            return fn(self, *args, **kwargs)

    db = Retrying()
    push(sample_graph(), db)
    assert _sorted(db.graph()) == _sorted(sample_graph())


def test_dry_run_sends_nothing_anywhere():
    dry = DryRunDriver()
    report = push(sample_graph(), dry)
    assert report.statements == len(dry.calls) > 0
    assert report.nodes == 6 and report.nodes_created == 0


# --- the backend ------------------------------------------------------------------------------------
class CannedDriver:
    def __init__(self, records: list[dict[str, Any]]):
        self.records = records
        self.calls: list[tuple[Any, dict[str, Any], dict[str, Any]]] = []

    def execute_query(self, query, params, **kwargs):
        self.calls.append((query, params, kwargs))
        return self.records, None, []


def test_backend_rebuilds_models_and_sends_only_parameters():
    graph = sample_graph()
    records = [{"p": node_row(n)["props"]} for n in graph.nodes]
    driver = CannedDriver(records)
    backend = Neo4jBackend(driver, database="neo4j")
    assert backend.nodes([NodeKind.PERSON, "Network"]) == graph.nodes
    query, params, kwargs = driver.calls[-1]
    assert query.text == cypher.READ_STATEMENTS["nodes"] and query.timeout == backend.timeout_s
    assert params == {"kinds": ["Person", "Network"]}
    assert kwargs["database_"] == "neo4j" and str(kwargs["routing_"].value) == "r"

    backend.find_nodes("  ÅSA  dederi ", kinds=[NodeKind.PERSON], limit=5)
    _, params, _ = driver.calls[-1]
    assert params == {"kinds": ["Person"], "words": ["asa", "dederi"], "phrase": "asa dederi", "limit": 5}
    n_calls = len(driver.calls)
    assert backend.find_nodes(" - ") == [] and len(driver.calls) == n_calls  # nothing to look for


def test_backend_edges_and_version():
    graph = sample_graph()
    rows = [edge_row(e) for e in graph.edges]
    driver = CannedDriver(
        [{"source": r["source"], "target": r["target"], "type": r["type"], "p": r["props"]} for r in rows]
    )
    backend = Neo4jBackend(driver)
    assert backend.edges_out("x", [EdgeType.STEERS]) == graph.edges
    assert driver.calls[-1][1] == {"id": "x", "types": ["STEERS"]}
    assert Neo4jBackend(CannedDriver([])).version() == "neo4j:empty"
    done = CannedDriver([{"graph_hash": "abc", "state": "complete", "pushed_at": "t"}])
    assert Neo4jBackend(done).version() == "neo4j:abc"
    busy = CannedDriver([{"graph_hash": "abc", "state": "pushing", "pushed_at": "t"}])
    assert Neo4jBackend(busy).version() != "neo4j:abc"


def test_backend_satisfies_the_protocol():
    from graph.backend import GraphBackend

    assert isinstance(Neo4jBackend(CannedDriver([])), GraphBackend)


# --- read-only Cypher --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        "MATCH (g:ProcessGroup) RETURN g.name AS name",
        "MATCH (g:ProcessGroup) RETURN g.name AS name;",
        "MATCH (n) WHERE n.name CONTAINS 'DELETE; CREATE' RETURN n // DETACH DELETE n",
        "MATCH (n) /* SET n.x = 1 */ RETURN n.set, n.create, n.`delete` AS d",
        "MATCH (n:Entity) RETURN {merge: 1, set: n.name} AS m",
        "CALL { MATCH (n:Person) RETURN n } RETURN count(n) AS persons",
        "MATCH (p:Person) CALL (p) { MATCH (p)-[:MEMBER_OF]->(g) RETURN count(g) AS groups } RETURN p.name, groups",
        "RETURN date.truncate('month', date('2025-09-26')) AS month, duration.between(date(), date()) AS d",
        "MATCH (n:Entity {id: $id}) RETURN n",
        "MATCH (a)-[r:REPORTS_TO]->(b) RETURN a, r, b LIMIT 10",
    ],
)
def test_read_only_text_accepts(query):
    assert check_read_only_text(query)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("MATCH (n) DETACH DELETE n", "DETACH DELETE"),
        ("CREATE (n:Person {name: 'x'})", "CREATE"),
        ("MATCH (n) SET n.name = 'x'", "SET"),
        ("MERGE (n:Person {id: 1})", "MERGE"),
        ("match (n) remove n:Person", "REMOVE"),
        ("MATCH (n) FOREACH (x IN [1] | CREATE (m))", "FOREACH"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"),
        ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS OF 10 ROWS RETURN 1", "IN TRANSACTIONS"),
        ("CALL db.labels()", "procedure"),
        ("CALL dbms.components() YIELD name RETURN name", "procedure"),
        ("RETURN apoc.version() AS v", "apoc.version"),
        ("MATCH (n) RETURN db.nameFromElementId(elementId(n))", "db.nameFromElementId"),
        ("RETURN apoc . cypher . runFirstColumnSingle('MATCH (n) DELETE n', {})", "apoc.cypher"),
        ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "several statements"),
        ("MATCH (n) RETURN n; RETURN 1", "several statements"),
        (":param name => 'x'", "Browser commands"),
        ("DROP CONSTRAINT entity_id", "DROP"),
        ("SHOW USERS", "SHOW"),
        ("USE system MATCH (n) RETURN n", "USE"),
        ("EXPLAIN MATCH (n) RETURN n", "EXPLAIN"),
        ("PROFILE MATCH (n) RETURN n", "PROFILE"),
        ("MATCH (n) WHERE n.name = 'unterminated RETURN n", "unterminated"),
        ("", "empty"),
        ("   ", "empty"),
    ],
)
def test_read_only_text_refuses(query, reason):
    with pytest.raises(ReadOnlyRefused, match="refused") as info:
        check_read_only_text(query)
    assert reason.lower() in str(info.value).lower()


def test_read_only_strips_comments_and_the_final_semicolon():
    assert check_read_only_text("MATCH (n) RETURN n; // done") == "MATCH (n) RETURN n"
    assert check_read_only_text("RETURN ';' AS s;") == "RETURN ';' AS s"


class ExplainDriver:
    """A driver whose EXPLAIN reports ``query_type``; records sessions and what ran."""

    def __init__(self, query_type: str):
        self.query_type = query_type
        self.sessions: list[dict[str, Any]] = []
        self.ran: list[str] = []
        self.work = None

    def session(self, **config):
        self.sessions.append(config)
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def run(self, query, params=None):
        text = getattr(query, "text", query)
        self.ran.append(text)
        qt = self.query_type
        summary = type("S", (), {"query_type": qt})()
        return type("R", (), {"consume": lambda self: summary})()

    def execute_read(self, work):
        self.work = work
        return "ran"


def test_run_read_only_needs_explain_to_say_read():
    driver = ExplainDriver("rw")
    with pytest.raises(ReadOnlyRefused, match="'rw'"):
        run_read_only(driver, "MATCH (n) RETURN n", {})
    assert driver.ran == ["EXPLAIN MATCH (n) RETURN n"] and driver.work is None


def test_run_read_only_runs_in_a_read_session_with_a_timeout():
    driver = ExplainDriver("r")
    assert run_read_only(driver, "MATCH (n) RETURN n", {}, timeout_s=3) == "ran"
    assert str(driver.sessions[0]["default_access_mode"]) == "READ"
    assert driver.work.timeout == 3


def test_run_read_only_refuses_before_contacting_the_server():
    driver = ExplainDriver("r")
    with pytest.raises(ReadOnlyRefused):
        run_read_only(driver, "MATCH (n) DETACH DELETE n", {})
    assert driver.sessions == [] and driver.ran == []


def test_shipped_query_files_pass_the_read_only_check():
    """So `samverkan cypher "$(cat queries/groups.cypher)" --param kind=` runs them as they are."""
    from pathlib import Path

    files = sorted((Path(__file__).resolve().parent.parent / "queries").glob("*.cypher"))
    names = {f.stem for f in files}
    assert {"groups", "lineage", "mandates", "person", "overlap_people", "overlap_pairs", "overlap_unsteered"} <= names
    for path in files:
        assert check_read_only_text(path.read_text(encoding="utf-8")), path.name


def test_no_data_value_reaches_statement_text():
    """Push, backend and read-only runner put values from the data only in parameters."""
    evil = "'}) DETACH DELETE n //"

    def graph(name: str) -> GraphData:
        return GraphData(
            nodes=[
                Node(id="person:a", kind=NodeKind.PERSON, name=name, aliases=[name], props={name: name}),
                Node(id=f"network:{name}", kind=NodeKind.NETWORK, name=name, sources=[src(name, 1, name)]),
            ],
            edges=[
                Edge(
                    source="person:a", target=f"network:{name}", type=EdgeType.MEMBER_OF, props={"role": name}
                )
            ],
        )

    harmless, hostile = DryRunDriver(), DryRunDriver()
    push(graph("Processgrupp primärvård"), harmless)
    push(graph(evil), hostile)
    assert hostile.calls
    assert [q for q, _ in hostile.calls] == [q for q, _ in harmless.calls]
    assert all(evil not in q for q, _ in hostile.calls)
    assert any(evil in json.dumps(p, ensure_ascii=False) for _, p in hostile.calls)

    driver = CannedDriver([])
    backend = Neo4jBackend(driver)
    backend.node(evil)
    backend.nodes([evil])
    backend.edges([evil])
    backend.edges_out(evil, [evil])
    backend.edges_in(evil)
    backend.find_nodes("Person " + evil, kinds=[evil])
    assert {q.text for q, _, _ in driver.calls} <= set(cypher.READ_STATEMENTS.values())

    explain = ExplainDriver("r")
    run_read_only(explain, "MATCH (n:Entity {id: $id}) RETURN n", {"id": evil})
    assert explain.ran == ["EXPLAIN MATCH (n:Entity {id: $id}) RETURN n"]
