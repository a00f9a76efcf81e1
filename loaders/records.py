"""Typed records the parsers produce: what a document says, before it becomes graph nodes.

Every record carries ``line`` (1-based, in the reader's text) and ``quote`` (the words it was read
from). Names are as written; entity resolution happens later, across documents.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph.kinds import DecisionStatus
from graph.models import NodeKind

__all__ = [
    "Attendee",
    "CommissionRecord",
    "DecisionRecord",
    "FundingRecord",
    "ItemRecord",
    "MandateRecord",
    "Mention",
    "MinutesRecord",
    "Presenter",
    "RelationRecord",
]


class Mention(BaseModel):
    """A named entity in the text: a group, organisation, agreement, initiative or person."""

    #: ``kind`` is checked against NodeKind and kept as its plain value ("Network"), so a parser's
    #: ``model_copy(update={"kind": "SteeringGroup"})`` stays the same type.
    model_config = ConfigDict(use_enum_values=True)

    name: str
    kind: NodeKind
    line: int
    quote: str
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None  # for a steering group: the name of what it steers ("LCHNV")
    declared: bool = False  # the text states the kind ("X är nätverkets styrgrupp"), not just a name pattern


class Attendee(BaseModel):
    name: str
    entity: str = "person"  # "organisation": an organisation the list names as taking part
    organisation: str | None = None  # as the table gives it: "Avesta", "Region Dalarna", "Tjänstepersoner"
    role: str | None = None  # "ordförande", "vice ordförande", "tillförordnad"
    title: str | None = None  # job title beside the name: "Divisionschef Primärvård"
    party: str | None = None  # "S", "M" … as a municipal list gives it
    org_kind: str | None = None  # "municipality" when the organisation stands in a table's "Kommun" column
    presence: str = "present"  # "present", "absent" (Frånvarande, "Nej") or "invited" (Kallade only)
    line: int
    quote: str


class Presenter(BaseModel):
    name: str
    title: str | None = None
    organisation: str | None = None
    line: int
    quote: str


class DecisionRecord(BaseModel):
    text: str
    status: DecisionStatus = "taken"  # "taken" by this meeting, or "reported" as taken elsewhere or earlier
    body: Mention | None = None  # None: the meeting's own body
    date: str | None = None  # ISO; for taken decisions the meeting's date
    line: int
    quote: str


class CommissionRecord(BaseModel):
    mandator: Mention | None = None  # None: the meeting's own body
    mandatees: list[Mention]
    task: str
    date: str | None = None
    decision_index: int | None = None  # index into the item's decisions, when one gave the commission
    line: int
    quote: str


class FundingRecord(BaseModel):
    amount_sek: int
    year: int | None = None
    funder: Mention | None = None  # agreement or organisation that pays
    recipient: Mention | None = None
    line: int
    quote: str


class RelationRecord(BaseModel):
    """A standing relation: STEERS, REPORTS_TO, PART_OF, COMMISSIONS from a mandate or a sentence."""

    type: str  # an EdgeType value
    source: Mention
    target: Mention
    props: dict = Field(default_factory=dict)
    line: int
    quote: str


class ItemRecord(BaseModel):
    number: str  # "5a", "7", "3"
    title: str
    type: str | None = None  # "Information", "Beslut", "Information/Dialog", "Workshop" …
    attachments: list[str] = Field(default_factory=list)
    line: int
    end_line: int
    quote: str
    presenters: list[Presenter] = Field(default_factory=list)
    decisions: list[DecisionRecord] = Field(default_factory=list)
    commissions: list[CommissionRecord] = Field(default_factory=list)
    funding: list[FundingRecord] = Field(default_factory=list)
    relations: list[RelationRecord] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    unresolved_names: list[str] = Field(default_factory=list)


class MinutesRecord(BaseModel):
    body: Mention | None = None
    owner: Mention | None = None  # the municipality or region whose letterhead the minutes carry
    date: str | None = None
    date_line: int | None = None
    notes_date: str | None = None
    time: str | None = None
    place: str | None = None
    diarienummer: str | None = None
    previous_minutes: str | None = None
    attendees: list[Attendee] = Field(default_factory=list)
    items: list[ItemRecord] = Field(default_factory=list)
    aliases: list[list[str]] = Field(default_factory=list)  # names the document declares equal
    past_dates: list[str] = Field(default_factory=list)  # dates the text tells of in the past tense
    warnings: list[tuple[int | None, str]] = Field(default_factory=list)


class MandateRecord(BaseModel):
    title: str | None = None
    subject: Mention | None = None  # the group the mandate sets up or directs
    decided: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    purpose: str | None = None
    goals: list[str] = Field(default_factory=list)
    composition: str | None = None
    roles: dict[str, str] = Field(default_factory=dict)  # "Beställare" -> text
    relations: list[RelationRecord] = Field(default_factory=list)
    commissions: list[CommissionRecord] = Field(default_factory=list)
    funding: list[FundingRecord] = Field(default_factory=list)
    decisions: list[DecisionRecord] = Field(default_factory=list)  # decisions the mandate reports
    mentions: list[Mention] = Field(default_factory=list)
    aliases: list[list[str]] = Field(default_factory=list)
    warnings: list[tuple[int | None, str]] = Field(default_factory=list)
