"""Answers that read well (issue 9): chains with levels and dates, the standing structure apart from
tasks, lineage cards with item titles and folded procedural decisions, undated meetings placed,
Swedish words for every property, local time."""

from __future__ import annotations

import pytest

from graph.embedded import EmbeddedBackend
from graph.kinds import PROP_LABELS
from graph.models import Edge, GraphData, Node, Source
from queries.fixtures import example_backend, example_graph
from queries.lineage import lineage
from queries.matters import cards, is_procedural, placement, same_decision
from queries.structure import chain, standing_structure, tasks
from views.common import HIDDEN_PROPS, ID_PROPS, local_time, prop_rows


def src(doc: str, line: int, quote: str = "q") -> list[Source]:
    return [Source(document=doc, line=line, quote=quote)]


def test_the_chain_goes_up_level_by_level():
    answer = chain(example_backend(), "Regionala processgruppen")
    assert [(s.node.name, s.level) for s in answer.steps] == [
        ("Styrgruppen för Nätverket", 2),
        ("Nätverket", 1),
        ("Rådet", 0),
    ]
    ties = {(t.lower.name, t.phrase) for s in answer.steps for t in s.ties}
    assert ("Regionala processgruppen", "styrs av") in ties
    assert ("Styrgruppen för Nätverket", "ingår i") in ties


def test_a_tie_is_dated_by_its_edge_its_meeting_or_its_mandate_document():
    nodes = [
        Node(id="processgroup:p", kind="ProcessGroup", name="Processgruppen"),
        Node(id="steeringgroup:s", kind="SteeringGroup", name="Styrgruppen"),
        Node(id="network:n", kind="Network", name="Nätverket"),
        Node(id="council:r", kind="Council", name="Rådet"),
        Node(id="document:m", kind="Document", name="uppdrag.txt", props={"doc_kind": "mandate", "decided": "2025-04-11"}),
        Node(id="document:p", kind="Document", name="protokoll.txt", props={"doc_kind": "minutes"}),
        Node(id="meeting:x", kind="Meeting", name="möte", props={"date": "2025-05-02"}),
    ]  # fmt: skip
    edges = [
        Edge(source="steeringgroup:s", target="processgroup:p", type="STEERS", sources=src("uppdrag.txt", 4), key="1"),
        Edge(source="steeringgroup:s", target="network:n", type="PART_OF", sources=src("protokoll.txt", 9), key="2"),
        Edge(source="meeting:x", target="document:p", type="FROM_DOCUMENT", key="3"),
        Edge(source="network:n", target="council:r", type="REPORTS_TO", props={"date": "2024-12-01"}, key="4"),
    ]  # fmt: skip
    answer = chain(EmbeddedBackend(GraphData(nodes=nodes, edges=edges)), "processgroup:p")
    when = {(t.lower.name, s.node.name): (t.when, t.dated_by) for s in answer.steps for t in s.ties}
    assert when[("Processgruppen", "Styrgruppen")] == ("2025-04-11", "uppdragsbeskrivningens datum")
    assert when[("Styrgruppen", "Nätverket")] == ("2025-05-02", "mötet 2025-05-02")
    assert when[("Nätverket", "Rådet")] == ("2024-12-01", "relationens eget datum")
    assert [s.level for s in answer.steps] == [2, 1, 0]


def test_the_standing_structure_starts_at_the_council_and_keeps_tasks_apart():
    rows = standing_structure(example_backend())
    assert rows[0].node.name == "Rådet" and rows[0].depth == 0
    names = [r.node.name for r in rows]
    assert names.index("Nätverket") < names.index("Styrgruppen för Nätverket")
    under = {r.node.name: r.under.name for r in rows if r.under}
    assert under["Regionala processgruppen"] == "Styrgruppen för Nätverket"
    assert all(r.phrases for r in rows if r.under), "every line under another names how it stands to it"
    from queries.mandates import mandates

    one_off = tasks(example_backend(), mandates(example_backend()).lines)
    assert all(t.type == "COMMISSIONS" and t.task for t in one_off)
    assert "Cecilia Ceder" in {t.target.name for t in one_off}  # a task to a person
    assert "Cecilia Ceder" not in names


@pytest.mark.parametrize(
    ("text", "procedural"),
    [
        ("att lägga informationen till handlingarna", True),
        ("att lägga rapporten om korttidsplatser till handlingarna", True),
        ("Informationen lades till handlingarna.", True),
        ("att godkänna dagordningen", True),
        ("att öppna mötet", True),
        ("att notera informationen", True),
        ("att anta uppdragsbeskrivningen för regional processgrupp inom samsjuklighet", False),
        ("att ge Styrgruppen i uppdrag att ta fram en handlingsplan", False),
        ("att godkänna revideringen av Hemsjukvårdsavtalet", False),
    ],
)
def test_procedural_decisions(text, procedural):
    assert is_procedural(text) is procedural


def test_cards_carry_the_item_title_and_fold_the_procedural():
    graph = example_graph()
    graph.nodes.append(
        Node(
            id="decision:x",
            kind="Decision",
            name="d",
            props={"text": "att lägga informationen till handlingarna"},
            sources=src("a.txt", 26),
        )
    )
    item = next(
        n for n in graph.nodes if n.kind == "AgendaItem" and "Exempelavtalet" in (n.props.get("title") or "")
    )
    graph.edges.append(Edge(source=item.id, target="decision:x", type="HAS_DECISION", key="x"))
    backend = EmbeddedBackend(graph)
    answer = lineage(backend, "exempelavtalet")
    found = cards(backend, answer)
    titled = [c for c in found if c.title.endswith("Exempelavtalet – nuläge")]
    assert titled and titled[0].title[0].isdigit()
    assert any(e.text == "att lägga informationen till handlingarna" for c in found for e in c.procedural)
    assert all(not is_procedural(e.text) for c in found for e in c.events if e.kind == "decision")


def _undated_graph(reported_text: str) -> EmbeddedBackend:
    nodes = [
        Node(id="network:n", kind="Network", name="Nätverket"),
        Node(id="meeting:u", kind="Meeting", name="möte", props={"date_after": "2026-01-25", "document": "u.txt"}),
        Node(id="item:u1", kind="AgendaItem", name="6b", props={"number": "6b", "title": "Uppdrag"},
             sources=src("u.txt", 10)),
        Node(id="decision:u1", kind="Decision", name="d",
             props={"text": "att anta uppdragsbeskrivningen för regional processgrupp inom samsjuklighet"},
             sources=src("u.txt", 12)),
        Node(id="meeting:d", kind="Meeting", name="möte 2", props={"date": "2026-04-09", "document": "d.txt"}),
        Node(id="item:d1", kind="AgendaItem", name="10", props={"number": "10", "title": "Återkoppling"},
             sources=src("d.txt", 30)),
        Node(id="decision:d1", kind="Decision", name="r",
             props={"text": reported_text, "status": "reported", "date": "2026-03-20"}, sources=src("d.txt", 31)),
    ]  # fmt: skip
    edges = [
        Edge(source="meeting:u", target="network:n", type="HELD_BY", key="1"),
        Edge(source="meeting:u", target="item:u1", type="HAS_ITEM", key="2"),
        Edge(source="item:u1", target="decision:u1", type="HAS_DECISION", key="3"),
        Edge(source="meeting:d", target="item:d1", type="HAS_ITEM", key="4"),
        Edge(source="item:d1", target="decision:d1", type="HAS_DECISION", key="5"),
        Edge(source="decision:d1", target="network:n", type="DECIDED_BY", key="6"),
    ]
    return EmbeddedBackend(GraphData(nodes=nodes, edges=edges))


def test_an_undated_meeting_is_placed_between_dates_with_the_reasons():
    backend = _undated_graph(
        "Nätverket beslutade den 20 mars 2026 att anta uppdragsbeskrivningen för den regionala processgruppen "
        "för samsjuklighet."
    )
    where = placement(backend, "meeting:u")
    assert (where.after, where.before) == ("2026-01-25", "2026-03-20")
    assert "mellan 2026-01-25 och 2026-03-20" in where.text and "d.txt, rad 31" in where.text


def test_a_report_of_another_decision_places_nothing():
    backend = _undated_graph(
        "Nätverket beslutade den 20 mars 2026 att anta uppdragsbeskrivningen för den regionala processgruppen "
        "för psykisk hälsa och suicidprevention."
    )
    where = placement(backend, "meeting:u")
    assert (where.after, where.before) == ("2026-01-25", None)
    assert "efter 2026-01-25" in where.text and "inget senare datum" in where.text
    assert not same_decision("att anta avtalet", "att anta budgeten")


@pytest.mark.slow
def test_every_property_the_loaders_write_has_a_swedish_name():
    """Props of the demo corpus's graph (and the fixtures'): shown in Swedish, or bookkeeping kept out."""
    import tempfile

    from browser.corpus import DEMO_DOCS

    from graph.store import EmbeddedStore
    from loaders.pipeline import ingest

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(tmp)
        ingest([DEMO_DOCS], store)
        graph = store.graph()
    keys = {k for n in graph.nodes for k in n.props} | {k for e in graph.edges for k in e.props}
    keys |= {k for n in example_graph().nodes for k in n.props}
    missing = sorted(k for k in keys if k not in PROP_LABELS and k not in HIDDEN_PROPS and k not in ID_PROPS)
    assert not missing, f"props without a Swedish name: {missing}"
    rows = prop_rows(
        {"org_type": "municipality", "presence": "absent", "status": "reported", "goals": ["a", "b"]}
    )
    assert [r["Värde"] for r in rows] == ["kommun", "frånvarande", "rapporterat", "a · b"]


def test_times_are_local():
    assert local_time("2026-01-15T11:00:00+00:00") == "2026-01-15 12:00"
    assert local_time("2026-06-15T11:00:00+00:00") == "2026-06-15 13:00"
