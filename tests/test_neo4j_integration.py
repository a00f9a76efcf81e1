"""Push to a real Neo4j and read back: runs only when ``NEO4J_URI`` is set.

    cp .env.example .env && docker compose up -d neo4j
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... .venv/bin/pytest -q tests/test_neo4j_integration.py

The test database is emptied of ``:Entity`` and ``:Meta`` nodes first: point it at a database you
can lose (``NEO4J_DATABASE``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if not os.environ.get("NEO4J_URI"):
    pytest.skip("NEO4J_URI is not set: no Neo4j server to test against", allow_module_level=True)

from graph.models import Edge, EdgeType, GraphData, NodeKind
from graph.neo4j.backend import Neo4jBackend
from graph.neo4j.connect import connect
from graph.neo4j.guard import ReadOnlyRefused, run_read_only
from graph.neo4j.writer import push

try:  # the same small graph as the offline tests
    from tests.test_neo4j import sample_graph
except ImportError:
    from test_neo4j import sample_graph

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def driver():
    drv = connect()
    yield drv
    drv.close()


@pytest.fixture
def database():
    return os.environ.get("NEO4J_DATABASE") or None


@pytest.fixture
def empty(driver, database):
    driver.execute_query("MATCH (n) WHERE n:Entity OR n:Meta DETACH DELETE n", database_=database)
    return driver


def _sorted(graph: GraphData) -> GraphData:
    return GraphData(
        nodes=sorted(graph.nodes, key=lambda n: n.id),
        edges=sorted(graph.edges, key=lambda e: (e.type, e.source, e.target, e.key)),
    )


def test_push_twice_changes_nothing_the_second_time(empty, database):
    graph = sample_graph()
    first = push(graph, empty, database=database)
    assert (first.nodes_created, first.rels_created) == (len(graph.nodes), len(graph.edges))
    second = push(graph, empty, database=database)
    assert not second.changed, second
    backend = Neo4jBackend(empty, database)
    assert _sorted(GraphData(nodes=backend.nodes(), edges=backend.edges())) == _sorted(graph)


def test_a_changed_document_is_replaced(empty, database):
    graph = sample_graph()
    push(graph, empty, database=database)
    changed = graph.model_copy(deep=True)
    changed.nodes[3].props["title"] = "socialchef"
    del changed.nodes[5]
    changed.edges = [e for e in changed.edges if e.type != EdgeType.COMMISSIONS]
    changed.edges.append(
        Edge(
            source="network:lanschefsnatverket",
            target="person:asa-dedering",
            type=EdgeType.COMMISSIONS,
            key="new",
        )
    )
    report = push(changed, empty, database=database)
    assert (report.nodes_updated, report.nodes_deleted) == (1, 1)
    assert (report.rels_created, report.rels_deleted) == (1, 1)
    backend = Neo4jBackend(empty, database)
    assert _sorted(GraphData(nodes=backend.nodes(), edges=backend.edges())) == _sorted(changed)


def test_kind_labels_are_set(empty, database):
    push(sample_graph(), empty, database=database)
    records, _, _ = empty.execute_query(
        "MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS kinds",
        database_=database,
    )
    assert len(records) == len(sample_graph().nodes)
    for record in records:
        assert len(record["kinds"]) == 1


def test_backend_answers_like_the_embedded_backend(empty, database):
    from graph.embedded import EmbeddedBackend

    graph = sample_graph()
    push(graph, empty, database=database)
    neo, emb = Neo4jBackend(empty, database), EmbeddedBackend(graph)

    def ids(nodes):
        return sorted(n.model_dump_json() for n in nodes)

    def keyed(edges):
        return sorted(e.model_dump_json() for e in edges)

    assert ids(neo.nodes()) == ids(emb.nodes())
    for kinds in ([NodeKind.PERSON], [NodeKind.PROCESS_GROUP, NodeKind.NETWORK], []):
        assert ids(neo.nodes(kinds)) == ids(emb.nodes(kinds))
    assert keyed(neo.edges()) == keyed(emb.edges())
    assert keyed(neo.edges([EdgeType.STEERS, EdgeType.ATTENDED])) == keyed(
        emb.edges([EdgeType.STEERS, EdgeType.ATTENDED])
    )
    for node in graph.nodes:
        assert neo.node(node.id) == emb.node(node.id)
        for types in (None, [EdgeType.COMMISSIONS], [EdgeType.REPORTS_TO, EdgeType.STEERS]):
            assert keyed(neo.edges_out(node.id, types)) == keyed(emb.edges_out(node.id, types))
            assert keyed(neo.edges_in(node.id, types)) == keyed(emb.edges_in(node.id, types))
    assert neo.node("nobody") is None
    for text, kinds in [
        ("primärvård", None),
        ("PROCESSGRUPP primarvard", None),
        ("åsa", [NodeKind.PERSON]),
        ("dederind", None),
        ("länschefs", None),
        ("nätverket", [NodeKind.ORGANISATION]),
        ("", None),
    ]:
        assert ids(neo.find_nodes(text, kinds)) == ids(emb.find_nodes(text, kinds)), text
    version = neo.version()
    push(graph, empty, database=database)
    assert neo.version() == version  # the same graph, the same version
    changed = graph.model_copy(deep=True)
    changed.nodes[0].name = "Processgrupp nära vård"
    push(changed, empty, database=database)
    assert neo.version() != version


def test_read_only_cypher(empty, database):
    push(sample_graph(), empty, database=database)
    result = run_read_only(
        empty,
        "MATCH (g:ProcessGroup) WHERE g.name = $name RETURN g.name AS name",
        {"name": "Processgrupp primärvård"},
    )
    assert result.rows == [{"name": "Processgrupp primärvård"}]
    with pytest.raises(ReadOnlyRefused):
        run_read_only(empty, "MATCH (n) DETACH DELETE n", {})


@pytest.mark.parametrize("name", ["mandates", "lineage", "groups", "person"])
def test_query_files_run(empty, database, name):
    import re

    push(sample_graph(), empty, database=database)
    text = (ROOT / "queries" / f"{name}.cypher").read_text(encoding="utf-8")
    params = {k: v.strip("'\"") for k, v in re.findall(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$", text, re.M)}
    result = run_read_only(empty, text, params)
    assert isinstance(result.rows, list)
