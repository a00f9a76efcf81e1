"""Who sits where (queries.overlap): the query, `samverkan overlap`, the Cypher files and the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser.corpus import build_store, make_docs
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedBackend
from graph.models import Edge, GraphData, Node, Source
from queries.overlap import overlap
from samverkan_cli.main import main

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"


def _n(id_: str, kind: str, name: str) -> Node:
    return Node(id=id_, kind=kind, name=name, sources=[Source(document="a.txt", line=1, quote=name)])


def _e(s: str, t: str, etype: str, **props) -> Edge:
    return Edge(source=s, target=t, type=etype, props=props, key=f"{etype}|{s}|{t}")


@pytest.fixture
def two_parts() -> EmbeddedBackend:
    """Two groups of people that only Bo joins; a working group answering to nothing."""
    nodes = [
        _n("council:r", "Council", "Rådet"),
        _n("network:a", "Network", "Nätverk A"),
        _n("processgroup:b", "ProcessGroup", "Processgrupp B"),
        _n("workinggroup:loose", "WorkingGroup", "Arbetsgrupp utan styrning"),
        _n("workinggroup:ok", "WorkingGroup", "Arbetsgrupp under B"),
        *[_n(f"person:{p}", "Person", p) for p in ("Ann", "Ali", "Bo", "Cia", "Cem")],
        _n("meeting:m", "Meeting", "möte"),
    ]
    edges = [
        _e("person:Ann", "network:a", "MEMBER_OF"),
        _e("person:Ali", "network:a", "MEMBER_OF"),
        _e("person:Bo", "network:a", "MEMBER_OF"),
        _e("person:Bo", "meeting:m", "ATTENDED"),
        _e("meeting:m", "processgroup:b", "HELD_BY"),
        _e("person:Cia", "processgroup:b", "MEMBER_OF"),
        _e("person:Cem", "processgroup:b", "MEMBER_OF"),
        _e("person:Ali", "processgroup:b", "MEMBER_OF", valid_to="2001-01-01"),  # left long ago
        _e("workinggroup:ok", "processgroup:b", "REPORTS_TO"),
        _e("processgroup:b", "network:a", "REPORTS_TO"),
    ]
    return EmbeddedBackend(GraphData(nodes=nodes, edges=edges))


def test_people_in_many_groups_count_membership_and_attendance(two_parts):
    answer = overlap(two_parts)
    assert [(p.person.name, p.count) for p in answer.people] == [("Bo", 2)]
    assert [g.name for g in answer.people[0].groups] == ["Nätverk A", "Processgrupp B"]


def test_groups_sharing_members_with_their_share(two_parts):
    pair = overlap(two_parts).pairs[0]
    assert {pair.a.name, pair.b.name} == {"Nätverk A", "Processgrupp B"}
    assert [p.name for p in pair.people] == ["Bo"] and pair.share == pytest.approx(1 / 5, abs=0.001)


def test_the_broker_is_who_joins_otherwise_separate_parts(two_parts):
    graph = GraphData(
        nodes=[n for n in two_parts.nodes()],
        edges=[e for e in two_parts.edges() if e.type != "REPORTS_TO"],  # no structure between them
    )
    brokers = overlap(EmbeddedBackend(graph)).brokers
    assert brokers[0].person.name == "Bo" and brokers[0].parts == 2


def test_groups_connected_to_no_steering_body(two_parts):
    unsteered = {u.group.name: u.above for u in overlap(two_parts).unsteered}
    assert unsteered == {"Arbetsgrupp utan styrning": "inget ovanför i underlaget"}


@pytest.mark.slow
def test_the_command_line_answers_in_swedish_and_as_json(tmp_path, capsys):
    store = build_store(tmp_path / "store", make_docs(tmp_path / "docs", hostile=False))
    assert main(["overlap", "--store", str(store.root)]) == 0
    out = capsys.readouterr().out
    assert "Personer i minst 2 grupper" in out and "Brobyggare" in out and "Nils Platshållare" in out
    assert main(["overlap", "--store", str(store.root), "--json", "--min-groups", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"people", "pairs", "brokers", "unsteered"}
    assert all(p["count"] >= 3 for p in data["people"])


def test_the_cypher_of_the_same_questions_is_shipped_for_the_linter():
    """tests/test_cypher_lint.py lints every queries/*.cypher with Neo4j's own linter."""
    from test_cypher_lint import shipped_statements

    names = {s["name"] for s in shipped_statements()}
    for stem in ("overlap_people", "overlap_pairs", "overlap_unsteered"):
        assert f"queries/{stem}.cypher" in names


@pytest.mark.slow
def test_the_page_shows_the_four_answers(tmp_path, monkeypatch):
    store = build_store(tmp_path / "store", make_docs(tmp_path / "docs", hostile=False))
    monkeypatch.setenv("SAMVERKAN_STORE", str(store.root))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    at.switch_page("views/overlap.py").run()
    assert not at.exception
    assert at.title[0].value == "Vem sitter var"
    people = at.dataframe[0].value
    assert "Nils Platshållare" in set(people["Person"])
    assert len(at.dataframe) >= 3
