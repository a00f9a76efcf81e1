"""The one search (queries.search) and its place in the sidebar of every page (views.search)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser.corpus import build_store, make_docs
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedBackend
from graph.models import Edge, GraphData, Node, Source
from queries.fixtures import example_backend
from queries.search import search
from views.search import actions

APP = Path(__file__).resolve().parents[1] / "app.py"


def _node(id_: str, kind: str, name: str, aliases=()) -> Node:
    return Node(
        id=id_,
        kind=kind,
        name=name,
        aliases=list(aliases),
        sources=[Source(document="a.txt", line=1, quote=name)],
    )


def _backend() -> EmbeddedBackend:
    """Issue 9's case: an organisation named like the query sorts first by the alphabet, with no
    relations; the process group is the one meant."""
    nodes = [
        _node("organisation:delegation", "Organisation", "Samsjuklighetsdelegationen"),
        _node("processgroup:samsjuk", "ProcessGroup", "Regional processgrupp samsjuklighet"),
        _node("steeringgroup:sg", "SteeringGroup", "Styrgruppen för Länschefsnätverket"),
        _node("network:lchnv", "Network", "Länschefsnätverket", ["LCHNV"]),
        _node("person:carina", "Person", "Carina Samsjukare"),
        _node("agreement:hem", "Agreement", "Hemsjukvårdsavtalet"),
    ]
    edges = [
        Edge(source="steeringgroup:sg", target="processgroup:samsjuk", type="STEERS", key="1"),
        Edge(source="processgroup:samsjuk", target="network:lchnv", type="REPORTS_TO", key="2"),
        Edge(source="steeringgroup:sg", target="network:lchnv", type="PART_OF", key="3"),
    ]
    return EmbeddedBackend(GraphData(nodes=nodes, edges=edges))


def test_a_group_name_comes_before_a_partial_hit_of_another_kind():
    hits = search(_backend(), "samsjuk")
    assert hits[0].label == "Regional processgrupp samsjuklighet"
    assert [h.label for h in hits].index("Samsjuklighetsdelegationen") > 0


def test_an_exact_name_or_alias_comes_first():
    assert search(_backend(), "LCHNV")[0].label == "Länschefsnätverket"
    assert search(_backend(), "länschefsnätverket")[0].tier == 0


def test_a_word_inside_a_name_is_a_partial_hit_after_the_rest():
    hits = search(_backend(), "avtalet")
    assert hits and hits[0].label == "Hemsjukvårdsavtalet" and hits[0].tier == 5


def test_matters_and_documents_are_found_too():
    hits = search(example_backend(), "exempelavtalet")
    kinds = [h.kind for h in hits]
    assert "matter" in kinds
    matter = next(h for h in hits if h.kind == "matter")
    assert matter.query and matter.document and matter.line
    assert search(example_backend(), "xylofon") == []


def test_each_hit_offers_its_actions():
    hits = {h.kind: h for h in search(_backend(), "samsjuk")}
    group = [label for _, label, _, _ in actions(hits["group"])]
    assert group == ["Kedjan uppåt", "Beslutsspår", "Visa på kartan", "I registret"]
    person = [label for _, label, _, _ in actions(hits["person"])]
    assert person[0] == "Personen" and "Visa på kartan" in person
    page, _, _, params = actions(hits["group"])[2]
    assert page == "views/map.py" and params == {
        "fokus": "processgroup:samsjuk",
        "vald": "processgroup:samsjuk",
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    store = build_store(root / "store", make_docs(root / "docs", hostile=False))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SAMVERKAN_STORE", str(store.root))
        mp.delenv("NEO4J_URI", raising=False)
        yield store


@pytest.mark.slow
def test_the_sidebar_search_lists_hits_with_links_on_every_page(demo):
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    at.sidebar.text_input(key="sok").set_value("processgrupp demens").run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.sidebar.markdown)
    assert "Regional processgrupp demens" in shown
    links = {(link.label, link.proto.page) for link in at.sidebar.get("page_link")}
    assert ("Kedjan uppåt", "uppdrag") in links and ("Beslutsspår", "beslutsspar") in links
    assert ("Visa på kartan", "karta") in links
    at.sidebar.text_input(key="sok").set_value("xylofonorkester").run()
    assert any("Inget hittades" in c.value for c in at.sidebar.caption)
