"""A matter's history as cards that read well: one card per agenda item, headed by the item's title,
its decisions with the procedural ones folded, and an undated meeting placed in time with the
reason why.

:func:`queries.lineage.lineage` finds the events; :func:`cards` groups them by meeting and item:

- the card's title is the agenda item's own title ("6b. Uppdragsbeskrivning för regional
  processgrupp inom samsjuklighet"), so ten "att lägga informationen till handlingarna" say what
  they were about;
- decisions that only handle the meeting or its papers (:data:`PROCEDURAL`: "att lägga
  informationen till handlingarna", "att godkänna dagordningen" …) are folded under the card;
- an event of an undated meeting gets a :class:`Placement`: after the latest date the minutes
  themselves give (a date they mention, the previous meeting, a decision they report), and before
  the date on which another document reports the same decision, each with its source.

>>> from queries.fixtures import example_backend
>>> from queries.lineage import lineage
>>> answer = lineage(example_backend(), "exempelavtalet överenskommelse exempelvård")
>>> [c.title for c in cards(example_backend(), answer)][:2]
['4. Exempelavtalet – nuläge', '4. Exempelavtalet – nuläge']
>>> is_procedural("att lägga informationen till handlingarna"), is_procedural("att anta avtalet")
(True, False)
"""

from __future__ import annotations

import re
from collections import defaultdict

from pydantic import BaseModel, Field

from graph.backend import GraphBackend
from graph.models import EdgeType, Node, NodeKind
from graph.text import fold
from queries.common import Clock, iso
from queries.models import LineageAnswer, LineageEvent
from queries.text import content_words, stem

__all__ = ["PROCEDURAL", "MatterCard", "Placement", "cards", "is_procedural", "placement"]

#: Decisions about the meeting itself or its papers, not about the matter: (pattern on the folded
#: text, an example it was made for). Folded: å ä ö are a a o.
PROCEDURAL: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"\blagg\w* \w*(?: \w+){0,4} till handlingarna\b"),
        "att lägga informationen till handlingarna",
    ),
    (re.compile(r"\b(?:lades|lags|laggs) till handlingarna\b"), "Informationen lades till handlingarna."),
    (
        re.compile(
            r"^(?:att )?notera\w* (?:informationen|rapporten|redovisningen|aterrapporteringen|dragningen|lagesbilden)\b"
        ),
        "att notera informationen",
    ),
    (
        re.compile(r"^(?:att )?tacka\w* for (?:informationen|dragningen|presentationen)"),
        "att tacka för informationen",
    ),
    (re.compile(r"\b(?:godkann\w*|faststall\w*) (?:av )?dagordning"), "att godkänna dagordningen"),
    (re.compile(r"\bdagordningen (?:godkandes|faststalldes|godkanns|faststalls)"), "Dagordningen godkändes."),
    (re.compile(r"^(?:att )?(?:oppna|avsluta)\w* (?:motet|sammantradet)"), "att öppna mötet"),
    (
        re.compile(
            r"\b(?:valj\w*|utse\w*) (?:\w+ ){0,3}(?:till )?(?:justerare|protokolljusterare|sekreterare|motessekreterare)"
        ),
        "att välja Anna Berg till justerare",
    ),
    (
        re.compile(r"\b(?:godkann\w*|lagg\w*) (?:\w+ )?(?:protokoll|minnesanteckningar|motesanteckningar)"),
        "att godkänna föregående minnesanteckningar",
    ),
]


def is_procedural(text: str | None) -> bool:
    """Whether a decision only handles the meeting or its papers (see :data:`PROCEDURAL`)."""
    folded = fold(text or "")
    return any(pattern.search(folded) for pattern, _ in PROCEDURAL)


class Placement(BaseModel):
    """Where an event of an undated meeting belongs in time, and why."""

    after: str | None = None
    after_why: str | None = None
    before: str | None = None
    before_why: str | None = None
    #: the whole of it in Swedish, for the card
    text: str


class MatterCard(BaseModel):
    """One agenda item (or one loose event) of the matter, with what was decided under it."""

    date: str | None = None
    placement: Placement | None = None
    body: str | None = None
    document: str | None = None
    item: str | None = None
    #: the agenda item's title, else the event's own text
    title: str
    events: list[LineageEvent] = Field(default_factory=list)
    procedural: list[LineageEvent] = Field(default_factory=list)
    meeting_id: str | None = None
    #: the date the card is sorted by (the event's, else where its meeting is placed)
    sort_date: str | None = None
    #: a decision the minutes report from an earlier date (the card sits at that date)
    reported: bool = False


# --- placing an undated meeting --------------------------------------------------------------------
_AFTER = (
    ("date_after", "det senaste datum protokollet självt nämner"),
    ("previous_minutes", "föregående mötes protokoll"),
    ("previous_meeting", "föregående möte"),
    ("previous_minutes_date", "föregående mötes protokoll"),
)
_SAME = 0.6
#: Words any decision may share with another (adopting, commissioning, the kinds of groups): two
#: decisions are the same only when they share the other words too.
_GENERIC = frozenset(stem(w) for w in content_words(
    "anta antar antog antagit beslut beslutade beslutar besluta förslag förslaget fastställa fastställer "
    "godkänna godkänner uppdrag uppdraget uppdragsbeskrivning uppdragsbeskrivningen regional regionala "
    "processgrupp processgruppen arbetsgrupp arbetsgruppen styrgrupp styrgruppen nätverk nätverket "
    "information informationen ge gav ger ta fram"))  # fmt: skip


def _stems(text: str | None) -> set[str]:
    return {stem(w) for w in content_words(text) if len(w) >= 3}


def _found(word: str, words: set[str]) -> bool:
    return any(
        word == t or (min(len(word), len(t)) >= 5 and (word.startswith(t) or t.startswith(word)))
        for t in words
    )


def same_decision(a: str | None, b: str | None) -> bool:
    """Whether ``b`` reports the decision ``a``: most of ``a``'s words, and every word of it that
    is not a word any decision has (adopt, mandate, process group …), as stems or their starts.

    >>> same_decision("att anta uppdragsbeskrivningen för regional processgrupp inom samsjuklighet",
    ...               "Nätverket beslutade den 20 mars 2026 att anta uppdragsbeskrivningen för den regionala "
    ...               "processgruppen för samsjuklighet")
    True
    >>> same_decision("att anta uppdragsbeskrivningen för regional processgrupp inom samsjuklighet",
    ...               "Nätverket beslutade att anta uppdragsbeskrivningen för den regionala processgruppen "
    ...               "för psykisk hälsa och suicidprevention")
    False
    """
    mine, theirs = _stems(a), _stems(b)
    if len(mine) < 2:
        return False
    distinct = [w for w in mine if w not in _GENERIC]
    if not distinct or not all(_found(w, theirs) for w in distinct):
        return False
    return sum(1 for w in mine if _found(w, theirs)) / len(mine) >= _SAME


def _quote(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reported(backend: GraphBackend) -> list[tuple[str, str | None, str, str, int]]:
    """Every dated decision another document reports: (date, body, text, document, line)."""
    out = []
    for d in backend.nodes([NodeKind.DECISION]):
        day = iso(d.props.get("date"))
        if d.props.get("status") != "reported" or not day:
            continue
        body = None
        for e in backend.edges_out(d.id, [EdgeType.DECIDED_BY]):
            target = backend.node(e.target)
            body = target.name if target is not None else None
            break
        source = d.sources[0] if d.sources else None
        out.append((day, body or d.props.get("body"), d.props.get("text") or d.name,
                    source.document if source else "", source.line if source else 0))  # fmt: skip
    return sorted(out)


def placement(backend: GraphBackend, meeting_id: str, reported=None) -> Placement | None:
    """Where an undated meeting belongs in time: after the latest date its minutes give (a date
    they mention, the previous meeting, a decision they report), and no later than the date on
    which another document reports one of its decisions (``reported``: :func:`_reported`). None
    for a dated meeting."""
    meeting = backend.node(meeting_id)
    if meeting is None or iso(meeting.props.get("date")):
        return None
    reported = _reported(backend) if reported is None else reported
    document = meeting.props.get("document")
    body = None
    for e in backend.edges_out(meeting.id, [EdgeType.HELD_BY]):
        held = backend.node(e.target)
        body = held.name if held is not None else None
    after: tuple[str, str] | None = None
    for key, why in _AFTER:
        day = iso(meeting.props.get(key))
        if day and (after is None or day > after[0]):
            after = (day, why)
    taken: list[str] = []
    for edge in backend.edges_out(meeting.id, [EdgeType.HAS_ITEM]):
        for e in backend.edges_out(edge.target, [EdgeType.HAS_DECISION]):
            decision = backend.node(e.target)
            if decision is None:
                continue
            day = iso(decision.props.get("date"))
            if day and (after is None or day > after[0]):
                after = (day, "ett beslut från den dagen som protokollet återger")
            if decision.props.get("status") != "reported" and not is_procedural(decision.props.get("text")):
                taken.append(decision.props.get("text") or decision.name)
    before: tuple[str, str] | None = None
    for day, other_body, text, other_document, line in reported:
        if other_document == document or (after and day < after[0]):
            continue
        if body and other_body and fold(body) != fold(other_body):
            continue
        if before is not None and day >= before[0]:
            continue
        if any(same_decision(mine, text) for mine in taken):
            before = (day, f"enligt {other_document}, rad {line}: ”{_quote(text)}”")
    if after and before:
        text = (f"Odaterat möte, mellan {after[0]} och {before[0]}: efter {after[0]} ({after[1]}); "
                f"senast {before[0]}, {before[1]}.")  # fmt: skip
    elif after:
        text = f"Odaterat möte, efter {after[0]} ({after[1]}); inget senare datum i underlaget."
    elif before:
        text = f"Odaterat möte, senast {before[0]}, {before[1]}."
    else:
        text = "Odaterat möte; underlaget säger inte när det hölls."
    return Placement(
        after=after[0] if after else None,
        after_why=after[1] if after else None,
        before=before[0] if before else None,
        before_why=before[1] if before else None,
        text=text,
    )


# --- cards ------------------------------------------------------------------------------------------
def _item(backend: GraphBackend, clock: Clock, event: LineageEvent) -> Node | None:
    """The agenda item an event belongs to."""
    node = backend.node(event.node_id) if event.node_id else None
    if node is not None and node.kind == NodeKind.AGENDA_ITEM:
        return node
    if node is not None and node.kind == NodeKind.DECISION:
        return clock.item_of(node)
    if event.meeting_id and event.item:
        for edge in backend.edges_out(event.meeting_id, [EdgeType.HAS_ITEM]):
            item = backend.node(edge.target)
            if item is not None and str(item.props.get("number")) == event.item:
                return item
    return None


def _title(item: Node | None, event: LineageEvent) -> str:
    if item is None:
        return event.text
    title = item.props.get("title") or item.name
    number = item.props.get("number")
    if number and not fold(title).startswith(fold(str(number))):
        return f"{number}. {title}"
    return title


def cards(backend: GraphBackend, answer: LineageAnswer) -> list[MatterCard]:
    """The answer's events as cards, in the answer's order: one per agenda item, a decision the
    minutes report from an earlier date on a card of its own (at that date), mandates and loose
    events alone; an undated meeting placed (:func:`placement`)."""
    clock = Clock(backend)
    grouped: dict[tuple, MatterCard] = {}
    order: list[tuple] = []
    for event in answer.events:
        item = _item(backend, clock, event)
        reported = event.kind == "reported_decision" and bool(event.date)
        if item is not None:
            key = ("item", item.id, event.date if reported else None)
        else:
            key = ("event", event.node_id or str(id(event)))
        card = grouped.get(key)
        if card is None:
            meeting = clock.meeting_of(item) if item is not None else None
            day = event.date if reported or meeting is None else Clock.meeting_date(meeting)
            held = clock.body_of_meeting(meeting) if meeting is not None and not reported else None
            card = MatterCard(
                date=day,
                body=held.name if held is not None else event.body,
                document=event.document,
                item=event.item,
                title=_title(item, event),
                meeting_id=event.meeting_id,
                sort_date=event.sort_date,
                reported=reported,
            )
            grouped[key] = card
            order.append(key)
        if event.kind in ("decision", "reported_decision") and is_procedural(event.text):
            card.procedural.append(event)
        else:
            card.events.append(event)
    out = sorted((grouped[k] for k in order), key=lambda c: c.date or c.sort_date or "9999")
    reported_elsewhere = None
    placed: dict[str, Placement | None] = {}
    for card in out:
        if card.date or not card.meeting_id or card.reported:
            continue
        if card.meeting_id not in placed:
            if reported_elsewhere is None:
                reported_elsewhere = _reported(backend)
            placed[card.meeting_id] = placement(backend, card.meeting_id, reported_elsewhere)
        card.placement = placed[card.meeting_id]
    return out


def procedural_share(events: list[LineageEvent]) -> dict[str, int]:
    """How many of ``events`` are procedural and how many are not (for a summary line)."""
    counts: dict[str, int] = defaultdict(int)
    for e in events:
        counts["procedural" if is_procedural(e.text) else "other"] += 1
    return dict(counts)
