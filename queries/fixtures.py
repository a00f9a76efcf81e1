"""A small fictitious graph for the query layer's tests, doctests and examples.

Every name is invented. The structure is a county's in miniature::

    Rådet (Council)
      ^ REPORTS_TO
    Nätverket (Network)  <- PART_OF -  Styrgruppen för Nätverket (SteeringGroup)
                                          | STEERS, COMMISSIONS
                                          v
                           Regionala processgruppen (ProcessGroup, mandate document e.txt)
                                          | COMMISSIONS          ^ REPORTS_TO
                                          v                      |
                           Processgrupp norr, Processgrupp söder (ProcessGroup)

and one matter, "Exempelavtalet" (alias "Överenskommelse om exempelvård"), followed through four
meetings, one of them undated, with decisions reported from earlier meetings.
"""

from __future__ import annotations

from graph.models import Edge, GraphData, Node, Source

__all__ = ["example_backend", "example_graph"]


def _src(doc: str, line: int, quote: str = "") -> list[Source]:
    return [Source(document=doc, line=line, quote=quote or f"rad {line}")]


def example_graph() -> GraphData:
    nodes: list[Node] = []
    edges: list[Edge] = []

    def node(id_, kind, name, aliases=(), doc="a.txt", line=1, **props):
        nodes.append(
            Node(
                id=id_,
                kind=kind,
                name=name,
                aliases=list(aliases),
                props=props,
                sources=_src(doc, line, name),
            )
        )

    def edge(s, t, type_, doc="a.txt", line=1, quote="", **props):
        edges.append(Edge(source=s, target=t, type=type_, props=props, sources=_src(doc, line, quote)))

    # bodies and groups
    node("council:radet", "Council", "Rådet", ["Välfärdsrådet i Exempellän"], doc="d.txt")
    node("network:natverket", "Network", "Nätverket", ["Länsnätverket"])
    node("steeringgroup:sg", "SteeringGroup", "Styrgruppen för Nätverket", ["Nätverkets styrgrupp"])
    node(
        "processgroup:regional",
        "ProcessGroup",
        "Regionala processgruppen",
        ["Regional processgrupp exempelvård"],
        doc="e.txt",
        purpose="leda och samordna exempelvården",
        valid_to="2025-03-31",
    )
    node("processgroup:norr", "ProcessGroup", "Processgrupp norr", doc="e.txt", line=30)
    node("processgroup:soder", "ProcessGroup", "Processgrupp söder", doc="e.txt", line=31)
    node("workinggroup:ag", "WorkingGroup", "Arbetsgruppen för exempelavtalet")
    # organisations, people, agreement, document
    node("organisation:region", "Organisation", "Region Exempel", org_type="region")
    node("organisation:norrby", "Organisation", "Norrby kommun", ["Norrby"], org_type="municipality")
    node("organisation:soderby", "Organisation", "Söderby kommun", ["Söderby"])
    node("person:anna", "Person", "Anna Andersson", ["Anna Anderson"])
    node("person:bertil", "Person", "Bertil Berg")
    node("person:cecilia", "Person", "Cecilia Ceder")
    node("agreement:exempel", "Agreement", "Exempelavtalet", ["Överenskommelse om exempelvård"])
    node("document:e", "Document", "e.txt", doc="e.txt", doc_kind="mandate")

    # standing structure
    edge("network:natverket", "council:radet", "REPORTS_TO", line=2, quote="Nätverket rapporterar till Rådet")
    edge("steeringgroup:sg", "network:natverket", "PART_OF", line=3, quote="Nätverkets styrgrupp")
    edge("steeringgroup:sg", "processgroup:regional", "STEERS", doc="e.txt", line=5, quote="styrgrupp är")
    edge("processgroup:regional", "steeringgroup:sg", "REPORTS_TO", doc="e.txt", line=6, quote="rapporterar")
    edge("steeringgroup:sg", "processgroup:regional", "COMMISSIONS", doc="e.txt", line=7, task="leda arbetet")
    for pg in ("processgroup:norr", "processgroup:soder"):
        edge(pg, "processgroup:regional", "REPORTS_TO", doc="e.txt", line=30, quote="återrapporterar")
        edge("processgroup:regional", pg, "COMMISSIONS", doc="e.txt", line=31, task="fördjupade uppdrag")
    edge("processgroup:norr", "processgroup:soder", "REPORTS_TO", doc="e.txt", line=32, quote="cykel")
    edge("processgroup:soder", "processgroup:norr", "REPORTS_TO", doc="e.txt", line=33, quote="cykel")
    edge("processgroup:regional", "document:e", "FROM_DOCUMENT", doc="e.txt", line=1)
    edge(
        "agreement:exempel",
        "processgroup:regional",
        "FUNDS",
        doc="e.txt",
        line=40,
        amount_sek=100000,
        year=2024,
    )
    edge("organisation:region", "agreement:exempel", "PARTY_TO", doc="e.txt", line=41)
    edge(
        "person:bertil",
        "processgroup:regional",
        "MEMBER_OF",
        doc="e.txt",
        line=20,
        organisation="Region Exempel",
    )
    edge(
        "person:bertil",
        "organisation:region",
        "AFFILIATED_WITH",
        doc="e.txt",
        line=20,
        title="utvecklingsledare",
    )
    edge(
        "person:anna",
        "organisation:norrby",
        "AFFILIATED_WITH",
        line=10,
        title="förvaltningschef",
        date="2024-03-01",
    )

    # meetings: (id, body, date, document, extra props)
    meetings = [
        ("m1", "network:natverket", "2024-03-01", "a.txt", {}),
        ("m2", "network:natverket", "2024-06-01", "b.txt", {}),
        ("m3", "network:natverket", None, "c.txt", {"date_after": "2024-09-01"}),
        ("m4", "council:radet", "2025-01-15", "d.txt", {}),
    ]
    for mid, body, day, doc, extra in meetings:
        node(
            f"meeting:{mid}",
            "Meeting",
            f"{mid} {day or 'odaterat'}",
            doc=doc,
            date=day,
            document=doc,
            **extra,
        )
        edge(f"meeting:{mid}", body, "HELD_BY", doc=doc)
    attendance = [
        ("person:anna", "m1", "Norrby", "ordförande"),
        ("person:anna", "m2", "Norrby", None),
        ("person:bertil", "m2", "Region Exempel", None),
        ("person:cecilia", "m3", "Söderby", None),
        ("person:anna", "m4", "Norrby", None),
    ]
    for person, mid, org, role in attendance:
        props = {"organisation": org} | ({"role": role} if role else {})
        edge(
            person,
            f"meeting:{mid}",
            "ATTENDED",
            doc=dict((m[0], m[3]) for m in meetings)[mid],
            line=5,
            **props,
        )

    # items: (meeting, number, title, line, [decisions: (status, text, date, decided_by, line)])
    items = [
        (
            "m1",
            "4",
            "Exempelavtalet – nuläge",
            20,
            [
                (
                    "reported",
                    "Styrgruppen gav arbetsgruppen för exempelavtalet i uppdrag att ta fram en rapport",
                    "2023-11-20",
                    "steeringgroup:sg",
                    22,
                ),
                ("taken", "att lägga informationen till handlingarna", None, "network:natverket", 25),
            ],
        ),
        ("m1", "5", "Budget 2024", 30, [("taken", "att anta budgeten", None, "network:natverket", 32)]),
        (
            "m2",
            "5",
            "Rapport om exempelavtalet",
            40,
            [
                ("taken", "att godkänna rapporten om exempelavtalet", None, "network:natverket", 44),
            ],
        ),
        (
            "m2",
            "6",
            "Rekrytering av samordnare",
            50,
            [("taken", "att lägga informationen till handlingarna", None, "network:natverket", 52)],
        ),
        (
            "m3",
            "3",
            "Uppdragsbeskrivning för överenskommelse om exempelvård",
            10,
            [
                (
                    "reported",
                    "Styrgruppen beslutade att ge Cecilia Ceder i uppdrag att skriva en uppdragsbeskrivning",
                    "2024-10-10",
                    "steeringgroup:sg",
                    12,
                ),
                ("taken", "att anta uppdragsbeskrivningen för exempelvården", None, "network:natverket", 15),
            ],
        ),
        (
            "m4",
            "6",
            "Återkoppling från nätverket",
            60,
            [
                ("taken", "att lägga informationen till handlingarna", None, "council:radet", 66),
            ],
        ),
        ("m4", "7", "Budget för rådet", 70, [("taken", "att anta budgeten", None, "council:radet", 72)]),
    ]
    doc_of = {m[0]: m[3] for m in meetings}
    for mid, number, title, line, decisions in items:
        doc = doc_of[mid]
        item_id = f"agendaitem:{mid}:{number}"
        node(item_id, "AgendaItem", title, doc=doc, line=line, number=number, title=title, type="information")
        edge(f"meeting:{mid}", item_id, "HAS_ITEM", doc=doc, line=line)
        for k, (status, text, day, by, dline) in enumerate(decisions):
            dec_id = f"decision:{mid}:{number}:{k}"
            node(
                dec_id,
                "Decision",
                text[:60],
                doc=doc,
                line=dline,
                status=status,
                text=text,
                item=number,
                date=day,
            )
            edge(item_id, dec_id, "HAS_DECISION", doc=doc, line=dline)
            edge(dec_id, by, "DECIDED_BY", doc=doc, line=dline)
    edge("agendaitem:m4:6", "agreement:exempel", "CONCERNS", doc="d.txt", line=61)
    edge("person:cecilia", "agendaitem:m3:3", "PRESENTED", doc="c.txt", line=11)
    edge(
        "steeringgroup:sg",
        "workinggroup:ag",
        "COMMISSIONS",
        line=22,
        quote="gav arbetsgruppen i uppdrag",
        date="2023-11-20",
        task="ta fram en rapport",
        decision="decision:m1:4:0",
    )
    edge(
        "network:natverket",
        "steeringgroup:sg",
        "COMMISSIONS",
        doc="b.txt",
        line=46,
        quote="att uppdra styrgruppen att bereda frågan om exempelavtalet",
        date="2024-06-01",
        task="bereda frågan om exempelavtalet",
        item="agendaitem:m2:5",
    )
    edge(
        "steeringgroup:sg",
        "person:cecilia",
        "COMMISSIONS",
        doc="c.txt",
        line=12,
        quote="ge Cecilia Ceder i uppdrag",
        date="2024-10-10",
        task="skriva en uppdragsbeskrivning",
    )
    return GraphData(nodes=nodes, edges=edges)


def example_backend():
    from graph.embedded import EmbeddedBackend

    return EmbeddedBackend(example_graph())
