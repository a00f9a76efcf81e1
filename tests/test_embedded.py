"""graph/embedded.py, EmbeddedBackend: indexes, find_nodes tiers, version."""

from __future__ import annotations

from graph.backend import GraphBackend
from graph.embedded import EmbeddedBackend
from graph.models import GraphData, Node
from graph.store import EmbeddedStore, Registry
from queries.fixtures import example_backend, example_graph


def test_is_a_graph_backend():
    assert isinstance(example_backend(), GraphBackend)


def test_adjacency_by_type():
    b = example_backend()
    assert {e.target for e in b.edges_out("processgroup:norr", ["REPORTS_TO"])} == {
        "processgroup:regional",
        "processgroup:soder",
    }
    assert [e.source for e in b.edges_in("processgroup:regional", ["STEERS"])] == ["steeringgroup:sg"]
    assert b.edges_out("nope") == []
    assert len(b.nodes(["Meeting"])) == 4
    assert len(b.edges(["HELD_BY"])) == 4


def test_find_nodes_exact_alias_before_contains():
    b = example_backend()
    assert [n.id for n in b.find_nodes("Anna Anderson")][:1] == ["person:anna"]
    # accents and punctuation folded
    assert b.find_nodes("regionala PROCESSGRUPPEN")[0].id == "processgroup:regional"
    names = [n.name for n in b.find_nodes("processgrupp", ["ProcessGroup"])]
    assert set(names) == {"Processgrupp norr", "Processgrupp söder", "Regionala processgruppen"}
    # a phrase holding the words in order ranks before a name that only holds them apart
    assert b.find_nodes("processgrupp norr")[0].id == "processgroup:norr"
    assert b.find_nodes("Overenskommelse exempelvard")[0].id == "agreement:exempel"
    assert b.find_nodes("ingenting sådant") == []


def test_version_follows_data_and_store(tmp_path):
    a = EmbeddedBackend(example_graph())
    b = EmbeddedBackend(example_graph())
    c = EmbeddedBackend(GraphData(nodes=[Node(id="x", kind="Network", name="X")]))
    assert a.version() == b.version() != c.version()
    store = EmbeddedStore(tmp_path)
    store.save_registry(Registry())
    store.save_graph(example_graph())
    first = EmbeddedBackend.from_store(store)
    assert first.node("council:radet").name == "Rådet"
    assert EmbeddedBackend.from_store(store).version() == first.version()
