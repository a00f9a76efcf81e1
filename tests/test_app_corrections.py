"""graph.corrections: each operation, re-keying, skipping with a note, undo, and surviving re-ingest."""

from __future__ import annotations

import shutil

import pytest
from browser.corpus import DEMO_DOCS

from graph.corrections import (
    CORRECTION_DOCUMENT,
    CorrectionError,
    apply_corrections,
    apply_with_report,
    new_correction,
    set_undone,
)
from graph.ids import edge_key
from graph.models import Edge, GraphData, Node, Source
from graph.store import EmbeddedStore
from loaders.pipeline import ingest, rebuild


def src(doc: str, line: int) -> list[Source]:
    return [Source(document=doc, line=line, quote=f"{doc}:{line}")]


def edge(source: str, target: str, etype: str, doc: str = "a.txt", line: int = 1) -> Edge:
    return Edge(
        source=source,
        target=target,
        type=etype,
        sources=src(doc, line),
        key=edge_key(etype, source, target, doc),
    )


@pytest.fixture
def graph() -> GraphData:
    return GraphData(
        nodes=[
            Node(
                id="network:scn",
                kind="Network",
                name="Socialchefsnätverket",
                aliases=["SCN"],
                sources=src("a.txt", 1),
            ),
            Node(
                id="network:scn-beslut",
                kind="Network",
                name="Socialchefsnätverket för beslut",
                sources=src("b.txt", 4),
            ),
            Node(id="steeringgroup:sg", kind="SteeringGroup", name="Styrgruppen", sources=src("a.txt", 2)),
            Node(
                id="processgroup:pg", kind="ProcessGroup", name="Processgrupp demens", sources=src("a.txt", 3)
            ),
            Node(
                id="person:nils",
                kind="Person",
                name="Nils Platshållare",
                props={"group": "network:scn-beslut"},
            ),
        ],
        edges=[
            edge("steeringgroup:sg", "network:scn", "PART_OF"),
            edge("steeringgroup:sg", "network:scn-beslut", "PART_OF", "b.txt", 5),
            edge("network:scn-beslut", "processgroup:pg", "COMMISSIONS", "b.txt", 6),
            edge("network:scn", "network:scn-beslut", "PART_OF", "b.txt", 7),
            edge("person:nils", "network:scn-beslut", "MEMBER_OF", "b.txt", 8),
        ],
    )


def make(op: str, reason: str = "test", **args) -> dict:
    return new_correction(op, args, reason=reason)


def test_no_corrections_is_the_identity(graph):
    assert apply_corrections(graph, []) is graph


def test_merge_moves_edges_aliases_sources_and_rekeys(graph):
    c = make("merge", keep="network:scn", drop="network:scn-beslut")
    out, report = apply_with_report(graph, [c])
    assert [o.status for o in report] == ["applied"]
    nodes = out.node_index()
    assert "network:scn-beslut" not in nodes
    scn = nodes["network:scn"]
    assert scn.aliases == ["SCN", "Socialchefsnätverket för beslut"]
    assert Source(document="b.txt", line=4, quote="b.txt:4") in scn.sources
    assert nodes["person:nils"].props["group"] == "network:scn"
    keys = {e.key for e in out.edges}
    # the two PART_OF edges of the steering group became two facts about one pair, keyed anew
    assert edge_key("PART_OF", "steeringgroup:sg", "network:scn", "a.txt") in keys
    assert edge_key("PART_OF", "steeringgroup:sg", "network:scn", "b.txt") in keys
    assert edge_key("COMMISSIONS", "network:scn", "processgroup:pg", "b.txt") in keys
    assert edge_key("MEMBER_OF", "person:nils", "network:scn", "b.txt") in keys
    # "scn PART_OF scn-beslut" would be a self-loop: dropped
    assert not [e for e in out.edges if e.source == e.target]
    assert all("scn-beslut" not in e.key for e in out.edges)
    assert len(graph.nodes) == 5 and len(graph.edges) == 5  # the input is not changed


def test_merge_joins_edges_that_become_the_same(graph):
    graph.edges.append(
        Edge(source="network:scn", target="processgroup:pg", type="COMMISSIONS", sources=src("c.txt", 9),
             key=edge_key("COMMISSIONS", "network:scn", "processgroup:pg", "b.txt"))
    )  # fmt: skip
    out = apply_corrections(graph, [make("merge", keep="network:scn", drop="network:scn-beslut")])
    joined = [e for e in out.edges if e.type == "COMMISSIONS"]
    assert len(joined) == 1
    assert {s.document for s in joined[0].sources} == {"b.txt", "c.txt"}


def test_rename_keeps_the_old_name_as_alias_and_the_id(graph):
    out = apply_corrections(
        graph, [make("rename", id="processgroup:pg", name="Regional processgrupp demens")]
    )
    node = out.node_index()["processgroup:pg"]
    assert node.name == "Regional processgrupp demens"
    assert node.aliases == ["Processgrupp demens"]


def test_change_kind(graph):
    out = apply_corrections(graph, [make("change_kind", id="network:scn-beslut", kind="SteeringGroup")])
    assert out.node_index()["network:scn-beslut"].kind == "SteeringGroup"


def test_add_and_remove_edges(graph):
    add = make(
        "add_edge", "det står i mandatet", source="steeringgroup:sg", target="processgroup:pg", type="STEERS"
    )
    out = apply_corrections(graph, [add])
    added = [e for e in out.edges if e.type == "STEERS"]
    assert len(added) == 1
    assert added[0].props["correction"] == add["id"]
    assert added[0].sources == [Source(document=CORRECTION_DOCUMENT, line=0, quote="det står i mandatet")]

    by_key = make("remove_edge", key=edge_key("PART_OF", "steeringgroup:sg", "network:scn", "a.txt"))
    by_ends = make("remove_edge", source="person:nils", target="network:scn-beslut", type="MEMBER_OF")
    out = apply_corrections(graph, [by_key, by_ends])
    assert len(out.edges) == 3
    assert not [e for e in out.edges if e.type == "MEMBER_OF"]


def test_mark_wrong_removes_a_node_with_its_edges_or_one_edge(graph):
    out = apply_corrections(graph, [make("mark_wrong", node="network:scn-beslut")])
    assert "network:scn-beslut" not in out.node_index()
    assert len(out.edges) == 1
    wrong = edge_key("COMMISSIONS", "network:scn-beslut", "processgroup:pg", "b.txt")
    out = apply_corrections(graph, [make("mark_wrong", edge=wrong)])
    assert wrong not in {e.key for e in out.edges} and len(out.edges) == 4


def test_later_corrections_follow_earlier_merges(graph):
    merge = make("merge", keep="network:scn", drop="network:scn-beslut")
    rename = make("rename", id="network:scn-beslut", name="Länets socialchefsnätverk")
    remove = make(
        "remove_edge", key=edge_key("COMMISSIONS", "network:scn-beslut", "processgroup:pg", "b.txt")
    )
    out, report = apply_with_report(graph, [merge, rename, remove])
    assert [o.status for o in report] == ["applied", "applied", "applied"]
    assert out.node_index()["network:scn"].name == "Länets socialchefsnätverk"
    assert not [e for e in out.edges if e.type == "COMMISSIONS"]


def test_missing_ids_and_bad_corrections_are_skipped_with_a_note(graph):
    gone = make("rename", id="network:finns-inte", name="X")
    after_wrong = [make("mark_wrong", node="processgroup:pg"), make("rename", id="processgroup:pg", name="Y")]
    broken = {"id": "c-broken", "op": "explode", "args": {}}
    no_args = {"id": "c-empty", "op": "merge"}
    not_a_dict = "nonsense"
    out, report = apply_with_report(graph, [gone, *after_wrong, broken, no_args, not_a_dict])
    statuses = {o.id: (o.status, o.note) for o in report}
    assert statuses[gone["id"]] == ("skipped", "network:finns-inte is no longer in the graph")
    assert statuses[after_wrong[1]["id"]][1] == "processgroup:pg was marked wrong by an earlier correction"
    assert statuses["c-broken"][0] == "skipped" and "unknown operation" in statuses["c-broken"][1]
    assert statuses["c-empty"][0] == "skipped"
    assert len(out.nodes) == 4


def test_undone_corrections_are_passed_over_and_can_be_redone(graph):
    c = make("rename", id="processgroup:pg", name="Ny")
    undone = set_undone([c], c["id"], True, when="2025-12-01T10:00:00+00:00")
    assert undone[0]["undone"] is True and undone[0]["undone_at"] == "2025-12-01T10:00:00+00:00"
    assert c["undone"] is False  # a copy
    out, report = apply_with_report(graph, undone)
    assert out.node_index()["processgroup:pg"].name == "Processgrupp demens"
    assert report[0].status == "undone"
    redone = set_undone(undone, c["id"], False)
    assert apply_corrections(graph, redone).node_index()["processgroup:pg"].name == "Ny"
    with pytest.raises(CorrectionError):
        set_undone(undone, "c-none")


def test_new_correction_checks_and_records_when_and_why():
    c = new_correction("merge", {"keep": "a", "drop": "b"}, reason="  samma  ")
    assert set(c) == {"id", "op", "args", "made_at", "reason", "undone"}
    assert c["reason"] == "samma" and c["made_at"].endswith("+00:00") and c["undone"] is False
    for op, args in [
        ("merge", {"keep": "a", "drop": "a"}),
        ("merge", {"keep": "a"}),
        ("change_kind", {"id": "a", "kind": "Planet"}),
        ("add_edge", {"source": "a", "target": "b", "type": "LOVES"}),
        ("teleport", {}),
    ]:
        with pytest.raises(CorrectionError):
            new_correction(op, args)


@pytest.mark.slow
def test_corrections_survive_reingesting_the_document_they_correct(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DEMO_DOCS, docs)
    store = EmbeddedStore(tmp_path / "store")
    ingest([docs], store)
    nodes = {n.name: n for n in store.graph().nodes}
    network = nodes["Socialchefsnätverket"]
    group = nodes["Regional processgrupp demens"]
    corrections = [
        new_correction("rename", {"id": network.id, "name": "Länets socialchefsnätverk"}, reason="nytt namn"),
        new_correction(
            "add_edge", {"source": network.id, "target": group.id, "type": "FUNDS"}, reason="beslut 2025"
        ),
    ]
    store.save_corrections(corrections)
    rebuild(store)
    assert store.graph().node_index()[network.id].name == "Länets socialchefsnätverk"

    changed = docs / "09_styrgruppen_scn_2025-11-21.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nTillägg: justerade anteckningar.\n", encoding="utf-8"
    )
    report = ingest([docs], store)
    assert [f.status for f in report.files if f.path.endswith(changed.name)] == ["replaced"]
    graph = store.graph()
    node = graph.node_index()[network.id]
    assert node.name == "Länets socialchefsnätverk" and "Socialchefsnätverket" in node.aliases
    funds = [e for e in graph.edges if e.type == "FUNDS" and e.source == network.id and e.target == group.id]
    assert [e.props.get("correction") for e in funds] == [corrections[1]["id"]]
    assert store.load_corrections() == corrections
