"""Where does this decision come from: the events of one matter across meetings and bodies.

The matter is found by the query's content words (:mod:`queries.index`): agenda items and decisions
score by the idf of the words they share with the query, and those within ``ALPHA`` of the best
are kept. For each kept agenda item the events are its decisions (taken and reported), the
commissions tied to it, or the item itself when it has neither; mandate documents of the
entities the query names come last among their dates.

Events are ordered by date. A reported decision carries its own, earlier date. An event whose date
is unknown sits where its meeting does: the meeting's date, or for an undated meeting the latest
date it is known to follow (``date_after``, the previous minutes, every dated fact it reports).

>>> from queries.fixtures import example_backend
>>> answer = lineage(example_backend(), "exempelavtalet överenskommelse exempelvård")
>>> [(e.date, e.kind, e.document) for e in answer.events][:4]
[('2023-11-20', 'reported_decision', 'a.txt'), ('2024-03-01', 'decision', 'a.txt'), ('2024-06-01', 'decision', 'b.txt'), ('2024-06-01', 'commission', 'b.txt')]
"""

from __future__ import annotations

from datetime import date

from graph.backend import GraphBackend
from graph.models import Edge, EdgeType, Node, NodeKind
from queries.common import Clock, doc_name, first_line, iso, ref
from queries.index import MatterIndex, matter_index
from queries.models import LineageAnswer, LineageEvent, MatchedUnit

__all__ = ["ALPHA", "lineage"]

#: Units scoring at least this share of the best unit's score are part of the matter.
ALPHA = 0.25
#: ... or at least this share of the weight of the query's most specific word.
SPECIFIC = 0.8
#: At most this many units are followed (the best ones).
MAX_UNITS = 80
#: Meeting props that give a date the meeting is known to be after.
_AFTER_KEYS = ("date_after", "previous_minutes", "previous_meeting", "previous_minutes_date")


def lineage(backend: GraphBackend, query: str, as_of: date | str | None = None) -> LineageAnswer:
    """The events of the matter ``query`` names, oldest first."""
    clock = Clock(backend, as_of)
    index = matter_index(backend)
    terms = index.terms(query)
    answer = LineageAnswer(query=query, as_of=clock.as_of, terms=[t.word for t in terms])
    if not terms:
        return answer
    scored = index.score(terms)
    best = max(score for score, _ in scored.values()) if scored else 0.0
    # Near the best unit, or as strong as the query's most specific word on its own: a query that
    # names a matter twice ("hemsjukvårdsavtalet överenskommelse hälso- och sjukvård i hemmet")
    # must find the items that use only one of the names.
    threshold = min(ALPHA * best, SPECIFIC * max(t.weight for t in terms))
    kept = sorted(
        ((u, s, hits) for u, (s, hits) in scored.items() if s >= threshold and s > 0),
        key=lambda r: -r[1],
    )[:MAX_UNITS]

    builder = _Events(backend, index, clock)
    for unit, score, hits in kept:
        node = backend.node(index.unit_ids[unit])
        if node is None:
            continue
        answer.matched.append(MatchedUnit(node=ref(node), score=round(score, 3), terms=hits))
        if node.kind == NodeKind.AGENDA_ITEM:
            builder.item(node)
        else:
            builder.decision(node, None)
    for entity_id in index.entities(query):
        entity = backend.node(entity_id)
        if entity is not None:
            builder.mandates(entity)

    events = [e for e in builder.events if not clock.after(e.sort_date)]
    events.sort(key=builder.sort_key)
    answer.events = events
    return answer


class _Events:
    def __init__(self, backend: GraphBackend, index: MatterIndex, clock: Clock):
        self.backend = backend
        self.index = index
        self.clock = clock
        self.events: list[LineageEvent] = []
        self._seen: set[tuple[str, str]] = set()
        self._meeting_sort: dict[str, str | None] = {}
        self._order: dict[int, tuple] = {}

    # --- ordering ------------------------------------------------------------------------------
    def meeting_sort_date(self, meeting: Node | None) -> str | None:
        """The meeting's date, else the latest date it is known to follow."""
        if meeting is None:
            return None
        if meeting.id in self._meeting_sort:
            return self._meeting_sort[meeting.id]
        known = Clock.meeting_date(meeting)
        if known is None:
            bounds = [iso(meeting.props.get(k)) for k in _AFTER_KEYS]
            for edge in self.backend.edges_out(meeting.id, [EdgeType.HAS_ITEM]):
                for decision in self.index.decisions_of.get(edge.target, ()):
                    bounds.append(iso(decision.props.get("date")))
                for commission in self.index.commissions_of.get(edge.target, ()):
                    bounds.append(iso(commission.props.get("date")))
            bounds = [b for b in bounds if b]
            known = max(bounds) if bounds else None
        self._meeting_sort[meeting.id] = known
        return known

    def sort_key(self, event: LineageEvent) -> tuple:
        return (event.sort_date or "9999", event.date is None, *self._order.get(id(event), ("", 0)))

    def _add(self, event: LineageEvent, key: tuple[str, str], order: tuple[str, int]) -> None:
        if key in self._seen:
            return
        self._seen.add(key)
        self._order[id(event)] = order
        self.events.append(event)

    # --- events --------------------------------------------------------------------------------
    def item(self, item: Node) -> None:
        meeting = self.clock.meeting_of(item)
        decisions = self.index.decisions_of.get(item.id, [])
        lines: set[tuple[str, int]] = set()
        for decision in decisions:
            self.decision(decision, item, meeting)
            lines.update((doc_name(s.document) or "", s.line) for s in decision.sources)
        decision_ids = {d.id for d in decisions}
        commissions = self.index.commissions_of.get(item.id, [])
        for edge in commissions:
            if edge.props.get("decision") in decision_ids:
                continue
            if any((doc_name(s.document) or "", s.line) in lines for s in edge.sources):
                continue
            self.commission(edge, item, meeting)
        if not decisions and not commissions:
            self._add(
                LineageEvent(
                    date=Clock.meeting_date(meeting),
                    sort_date=self.meeting_sort_date(meeting),
                    body=self._body(None, meeting),
                    document=self._document(item, meeting),
                    item=_number(item),
                    kind="agenda_item",
                    text=item.props.get("title") or item.name,
                    meeting_id=meeting.id if meeting else None,
                    node_id=item.id,
                    sources=list(item.sources),
                ),
                ("item", item.id),
                first_line(item.sources),
            )

    def decision(self, decision: Node, item: Node | None, meeting: Node | None = None) -> None:
        if item is None:
            item = self.clock.item_of(decision)
        if meeting is None:
            meeting = self.clock.meeting_of(item) if item is not None else None
        status = decision.props.get("status") or "taken"
        own = iso(decision.props.get("date"))
        reported = status == "reported"
        day = own or (None if reported else Clock.meeting_date(meeting))
        decided_by = None
        for edge in self.backend.edges_out(decision.id, [EdgeType.DECIDED_BY]):
            decided_by = self.backend.node(edge.target)
            break
        self._add(
            LineageEvent(
                date=day,
                sort_date=day or self.meeting_sort_date(meeting),
                body=self._body(decided_by, meeting),
                document=self._document(decision, meeting),
                item=_number(item) or decision.props.get("item"),
                kind="reported_decision" if reported else "decision",
                text=decision.props.get("text") or decision.name,
                status=status,
                meeting_id=meeting.id if meeting else None,
                node_id=decision.id,
                sources=list(decision.sources),
            ),
            ("decision", decision.id),
            first_line(decision.sources),
        )

    def commission(self, edge: Edge, item: Node | None, meeting: Node | None) -> None:
        mandator = self.backend.node(edge.source)
        mandatee = self.backend.node(edge.target)
        # a commission without a date of its own was given at the meeting that records it
        day = iso(edge.props.get("date")) or Clock.meeting_date(meeting)
        quote = edge.sources[0].quote if edge.sources else ""
        task = edge.props.get("task") or ""
        names = (
            f"{mandator.name if mandator else edge.source} ger {mandatee.name if mandatee else edge.target}"
        )
        text = quote or f"{names} i uppdrag att {task}".strip()
        if task and task not in text:
            text = f"{text} ({task})"
        self._add(
            LineageEvent(
                date=day,
                sort_date=day or self.meeting_sort_date(meeting),
                body=mandator.name if mandator else None,
                document=(doc_name(edge.sources[0].document) if edge.sources else None)
                or self._document(item, meeting),
                item=_number(item),
                kind="commission",
                text=text,
                meeting_id=meeting.id if meeting else None,
                node_id=f"{edge.source}->{edge.target}",
                sources=list(edge.sources),
            ),
            ("commission", edge.key or f"{edge.source}|{edge.target}|{day}|{task}"),
            first_line(edge.sources),
        )

    def mandates(self, entity: Node) -> None:
        edges = self.backend.edges_out(entity.id, [EdgeType.FROM_DOCUMENT])
        edges += self.backend.edges_in(entity.id, [EdgeType.FROM_DOCUMENT])
        for edge in edges:
            other = edge.target if edge.source == entity.id else edge.source
            doc = self.backend.node(other)
            if doc is None or doc.kind != NodeKind.DOCUMENT or doc.props.get("doc_kind") != "mandate":
                continue
            day = iso(doc.props.get("date"))
            purpose = entity.props.get("purpose")
            text = f"Uppdragsbeskrivning för {entity.name}" + (f": {purpose}" if purpose else "")
            self._add(
                LineageEvent(
                    date=day,
                    sort_date=day,
                    body=entity.name,
                    document=doc_name(doc.props.get("document") or doc.name),
                    kind="mandate",
                    text=text,
                    node_id=doc.id,
                    sources=list(doc.sources or edge.sources),
                ),
                ("mandate", doc.id),
                (doc_name(doc.props.get("document") or doc.name) or "", 0),
            )

    # --- fields --------------------------------------------------------------------------------
    def _body(self, decided_by: Node | None, meeting: Node | None) -> str | None:
        if decided_by is not None:
            return decided_by.name
        body = self.clock.body_of_meeting(meeting)
        return body.name if body else None

    @staticmethod
    def _document(node: Node | None, meeting: Node | None) -> str | None:
        if node is not None and node.sources:
            return doc_name(node.sources[0].document)
        if meeting is not None:
            return doc_name(meeting.props.get("document")) or (
                doc_name(meeting.sources[0].document) if meeting.sources else None
            )
        return None


def _number(item: Node | None) -> str | None:
    if item is None:
        return None
    number = item.props.get("number")
    return str(number) if number is not None else None
