"""The one schema of Samverkanskartan.

Every node and edge in the graph, every row of the JSON export (see ``../shared/eval/CONTRACT.md``)
and every row written to Neo4j is made from these models. Kinds and edge types are the contract's
vocabulary; ``props`` holds the rest and may grow freely. What each kind is (group, body, entity,
level, Swedish label, map style) is one row of :data:`graph.kinds.KINDS`; the kind sets below are
read from that table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.kinds import BODY_KIND_NAMES, ENTITY_KIND_NAMES, GROUP_KIND_NAMES, DocKind

__all__ = [
    "BODY_KINDS",
    "ENTITY_KINDS",
    "GROUP_KINDS",
    "Edge",
    "EdgeType",
    "Fragment",
    "GraphData",
    "Node",
    "NodeKind",
    "Source",
    "Warning",
]


class NodeKind(StrEnum):
    NETWORK = "Network"
    COUNCIL = "Council"
    STEERING_GROUP = "SteeringGroup"
    PROCESS_GROUP = "ProcessGroup"
    PROGRAM_AREA = "ProgramArea"
    WORKING_GROUP = "WorkingGroup"
    ORGANISATION = "Organisation"
    PERSON = "Person"
    AGREEMENT = "Agreement"
    FUNDING = "Funding"
    INITIATIVE = "Initiative"
    DOCUMENT = "Document"
    MEETING = "Meeting"
    AGENDA_ITEM = "AgendaItem"
    DECISION = "Decision"


#: Collaboration groups: what the register (``queries.groups``) lists (Network, Council,
#: SteeringGroup, ProcessGroup, ProgramArea, WorkingGroup).
GROUP_KINDS: frozenset[NodeKind] = frozenset(NodeKind(k) for k in GROUP_KIND_NAMES)
#: Anything that can hold a meeting, decide, commission or be commissioned: the groups and Organisation.
BODY_KINDS: frozenset[NodeKind] = frozenset(NodeKind(k) for k in BODY_KIND_NAMES)
#: Kinds whose nodes are real-world entities, merged across documents by entity resolution: the
#: bodies, Person, Agreement, Initiative. The others (Document, Meeting, AgendaItem, Decision,
#: Funding) belong to one document.
ENTITY_KINDS: frozenset[NodeKind] = frozenset(NodeKind(k) for k in ENTITY_KIND_NAMES)


class EdgeType(StrEnum):
    HELD_BY = "HELD_BY"  # Meeting -> body
    HAS_ITEM = "HAS_ITEM"  # Meeting -> AgendaItem
    HAS_DECISION = "HAS_DECISION"  # AgendaItem -> Decision
    DECIDED_BY = "DECIDED_BY"  # Decision -> body
    ATTENDED = "ATTENDED"  # Person -> Meeting  {organisation, role}
    PRESENTED = "PRESENTED"  # Person -> AgendaItem
    MEMBER_OF = "MEMBER_OF"  # Person -> group  {role, organisation, valid_from, valid_to}
    AFFILIATED_WITH = "AFFILIATED_WITH"  # Person -> Organisation  {title, date}
    COMMISSIONS = "COMMISSIONS"  # mandator -> mandatee  {date, task, decision}
    REPORTS_TO = "REPORTS_TO"  # group -> body it answers to
    STEERS = "STEERS"  # steering body -> what it steers
    PART_OF = "PART_OF"  # sub-structure -> structure
    FUNDS = "FUNDS"  # agreement/funding/organisation -> recipient  {amount_sek, year}
    PARTY_TO = "PARTY_TO"  # Organisation -> Agreement
    CONCERNS = "CONCERNS"  # Decision/AgendaItem -> what it is about
    FROM_DOCUMENT = "FROM_DOCUMENT"  # Meeting/mandate subject -> Document it was read from


class Source(BaseModel):
    """Where a fact was read: the document's file name, the 1-based line of the reader's text, the words."""

    model_config = ConfigDict(frozen=True)

    document: str
    line: int = Field(ge=0)
    quote: str


class Node(BaseModel):
    id: str
    kind: NodeKind
    name: str
    aliases: list[str] = Field(default_factory=list)
    props: dict[str, Any] = Field(default_factory=dict)
    sources: list[Source] = Field(default_factory=list)


class Edge(BaseModel):
    source: str
    target: str
    type: EdgeType
    props: dict[str, Any] = Field(default_factory=dict)
    sources: list[Source] = Field(default_factory=list)
    #: Deterministic identity; two facts with the same key are one edge with both sources.
    key: str = ""


class GraphData(BaseModel):
    """The whole graph as plain data: what ``export --format json`` prints (less ``key``)."""

    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)

    def node_index(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}


class Warning(BaseModel):
    """A problem in a document, kept as data so one odd line does not stop a batch."""

    document: str
    line: int | None = None
    message: str


class Fragment(BaseModel):
    """What one document contributes, before entity resolution.

    Entity nodes (``ENTITY_KINDS``) carry provisional ids made from their name as written; the
    resolver merges them across documents. Document, Meeting, AgendaItem, Decision and Funding nodes
    carry their final ids, derived from the document and their position in it.
    """

    document: str
    doc_kind: DocKind = "unknown"
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    #: how completely the reader read it: "complete", or "partial" with what it did not find
    reading: Literal["complete", "partial"] = "complete"
    problems: list[str] = Field(default_factory=list)
