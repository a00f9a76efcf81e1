"""Typed answers of the query layer. Every fact in an answer carries its ``sources``.

The JSON the command line prints is ``model_dump(mode="json")`` of these models; the lineage
answer keeps the contract's shape (``{"query": ..., "events": [{"date", "body", "document",
"item", "kind", "text", ...}]}``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.kinds import DecisionStatus
from graph.models import Source

__all__ = [
    "EVENT_LABELS",
    "GAP_LABELS",
    "UNKNOWN_LABELS",
    "ChainLink",
    "EventKind",
    "Gap",
    "GroupRow",
    "LineageAnswer",
    "LineageEvent",
    "MandateAnswer",
    "MandateLine",
    "MatchedUnit",
    "Member",
    "MoneyLine",
    "NodeRef",
    "PersonAnswer",
    "PersonAttendance",
    "PersonCommission",
    "PersonGroup",
    "PersonPresentation",
    "PersonRole",
    "Unknown",
]


class NodeRef(BaseModel):
    """A node named in an answer."""

    id: str
    kind: str
    name: str


# --- mandates -----------------------------------------------------------------------------------
class MandateLine(BaseModel):
    """One edge of who-mandates-whom: COMMISSIONS, STEERS, REPORTS_TO, PART_OF or FUNDS."""

    type: str
    source: NodeRef
    target: NodeRef
    date: str | None = None
    task: str | None = None
    decision: str | None = None
    amount_sek: float | int | None = None
    year: int | str | None = None
    sources: list[Source] = Field(default_factory=list)


class ChainLink(BaseModel):
    """One step upwards: ``lower`` answers to ``upper`` through an edge of ``type``.

    ``direction`` is "out" when the edge runs lower -> upper (REPORTS_TO, PART_OF) and "in" when
    it runs upper -> lower (STEERS, COMMISSIONS: the upper one steers or commissions the lower).
    """

    depth: int
    lower: NodeRef
    upper: NodeRef
    type: str
    direction: Literal["out", "in"]
    date: str | None = None
    quote: str | None = None
    sources: list[Source] = Field(default_factory=list)


class MandateAnswer(BaseModel):
    query: str | None = None
    as_of: str | None = None
    node: NodeRef | None = None
    #: Other nodes the name could have meant, best first.
    candidates: list[NodeRef] = Field(default_factory=list)
    lines: list[MandateLine] = Field(default_factory=list)
    #: From the named node up to the top, nearest first; branches follow each other.
    chain: list[ChainLink] = Field(default_factory=list)


# --- lineage ------------------------------------------------------------------------------------
#: What a lineage event is.
EventKind = Literal["decision", "reported_decision", "commission", "mandate", "agenda_item"]
#: Its Swedish label, as the command line and the app show it.
EVENT_LABELS: dict[str, str] = {
    "decision": "beslut",
    "reported_decision": "rapporterat beslut",
    "commission": "uppdrag",
    "mandate": "uppdragsbeskrivning",
    "agenda_item": "ärende",
}


class LineageEvent(BaseModel):
    date: str | None = None
    body: str | None = None
    document: str | None = None
    item: str | None = None
    kind: EventKind
    text: str
    status: DecisionStatus | None = None
    meeting_id: str | None = None
    node_id: str | None = None
    #: The date the event is sorted by when ``date`` is unknown (its meeting's, or inferred).
    sort_date: str | None = None
    sources: list[Source] = Field(default_factory=list)


class MatchedUnit(BaseModel):
    """An agenda item, decision or entity that matched the query, with its score."""

    node: NodeRef
    score: float
    terms: list[str] = Field(default_factory=list)


class LineageAnswer(BaseModel):
    query: str
    as_of: str | None = None
    terms: list[str] = Field(default_factory=list)
    matched: list[MatchedUnit] = Field(default_factory=list)
    events: list[LineageEvent] = Field(default_factory=list)


# --- groups -------------------------------------------------------------------------------------
class Member(BaseModel):
    person: NodeRef
    organisation: str | None = None
    role: str | None = None
    #: "MEMBER_OF" or "ATTENDED"
    via: str
    last_seen: str | None = None
    sources: list[Source] = Field(default_factory=list)


class MoneyLine(BaseModel):
    counterpart: NodeRef
    direction: Literal["in", "out"]
    amount_sek: float | int | None = None
    year: int | str | None = None
    sources: list[Source] = Field(default_factory=list)


#: A gap in the register: something the loaded documents show is missing (``queries.groups`` says
#: when each applies). What they do not tell is an :data:`Unknown`, not a gap.
Gap = Literal[
    "no_mandate",
    "no_steering_group",
    "no_municipal_representation",
    "inactive_12_months",
    "mandate_expired",
]
#: Its Swedish label, as the register shows it (command line, Excel/CSV and the app): each says
#: what the documents show, not what the group lacks.
GAP_LABELS: dict[str, str] = {
    "no_mandate": "inget mandat i underlaget",
    "no_steering_group": "ingen styrgrupp i underlaget",
    "no_municipal_representation": "ingen kommun bland kända deltagare",
    "inactive_12_months": "inaktiv: inget möte på 12 mån",
    "mandate_expired": "mandatet har gått ut",
}
#: What the documents do not tell about a group ("okänt", apart from the gaps).
Unknown = Literal["members", "activity", "municipal_representation"]
UNKNOWN_LABELS: dict[str, str] = {
    "members": "medlemmar okända",
    "activity": "möten okända",
    "municipal_representation": "kommunrepresentation okänd",
}


class GroupRow(BaseModel):
    id: str
    kind: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    parent: NodeRef | None = None
    parents: list[NodeRef] = Field(default_factory=list)
    steered_by: list[NodeRef] = Field(default_factory=list)
    mandated_by: list[MandateLine] = Field(default_factory=list)
    mandate_documents: list[str] = Field(default_factory=list)
    purpose: str | None = None
    goals: Any = None
    members: list[Member] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    municipalities: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    agreements: list[NodeRef] = Field(default_factory=list)
    money: list[MoneyLine] = Field(default_factory=list)
    meetings: int = 0
    first_meeting: str | None = None
    last_activity: str | None = None
    valid_to: str | None = None
    gaps: list[Gap] = Field(default_factory=list)
    unknown: list[Unknown] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


# --- person -------------------------------------------------------------------------------------
class PersonRole(BaseModel):
    """A role or affiliation at a time: from AFFILIATED_WITH, MEMBER_OF or an attendance table."""

    date: str | None = None
    organisation: str | None = None
    title: str | None = None
    context: str | None = None
    sources: list[Source] = Field(default_factory=list)


class PersonAttendance(BaseModel):
    meeting: NodeRef
    date: str | None = None
    body: str | None = None
    organisation: str | None = None
    role: str | None = None
    sources: list[Source] = Field(default_factory=list)


class PersonGroup(BaseModel):
    group: NodeRef
    role: str | None = None
    organisation: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    sources: list[Source] = Field(default_factory=list)


class PersonPresentation(BaseModel):
    item: NodeRef
    number: str | None = None
    title: str | None = None
    date: str | None = None
    body: str | None = None
    document: str | None = None
    sources: list[Source] = Field(default_factory=list)


class PersonCommission(BaseModel):
    by: NodeRef
    date: str | None = None
    task: str | None = None
    sources: list[Source] = Field(default_factory=list)


class PersonAnswer(BaseModel):
    query: str
    as_of: str | None = None
    person: NodeRef | None = None
    aliases: list[str] = Field(default_factory=list)
    candidates: list[NodeRef] = Field(default_factory=list)
    roles: list[PersonRole] = Field(default_factory=list)
    attendance: list[PersonAttendance] = Field(default_factory=list)
    groups: list[PersonGroup] = Field(default_factory=list)
    presented: list[PersonPresentation] = Field(default_factory=list)
    commissions: list[PersonCommission] = Field(default_factory=list)
