"""One person: roles and affiliations over time, groups, meetings, items presented, commissions received.

>>> from queries.fixtures import example_backend
>>> answer = person(example_backend(), "Anna Anderson")
>>> answer.person.name, [a.date for a in answer.attendance]
('Anna Andersson', ['2024-03-01', '2024-06-01', '2025-01-15'])
"""

from __future__ import annotations

from datetime import date

from graph.backend import GraphBackend
from graph.models import EdgeType, NodeKind
from queries.common import Clock, doc_name, iso, ref, resolve
from queries.models import (
    PersonAnswer,
    PersonAttendance,
    PersonCommission,
    PersonGroup,
    PersonPresentation,
    PersonRole,
)

__all__ = ["person"]


def person(backend: GraphBackend, name: str, as_of: date | str | None = None) -> PersonAnswer:
    """Everything the graph says about the person ``name`` (exact spelling or alias first)."""
    clock = Clock(backend, as_of)
    hits = resolve(backend, name, [NodeKind.PERSON])
    answer = PersonAnswer(query=name, as_of=clock.as_of)
    if not hits:
        return answer
    node = hits[0]
    answer.person = ref(node)
    answer.aliases = list(node.aliases)
    answer.candidates = [ref(n) for n in hits[1:10]]

    for edge in clock.edges_out(node.id, [EdgeType.AFFILIATED_WITH]):
        org = backend.node(edge.target)
        answer.roles.append(
            PersonRole(
                date=iso(edge.props.get("date")),
                organisation=org.name if org else edge.target,
                title=edge.props.get("title"),
                context="AFFILIATED_WITH",
                sources=list(edge.sources),
            )
        )
    for edge in clock.edges_out(node.id, [EdgeType.ATTENDED]):
        meeting = backend.node(edge.target)
        if meeting is None or not clock.node_stands(meeting):
            continue
        body = clock.body_of_meeting(meeting)
        day = Clock.meeting_date(meeting)
        answer.attendance.append(
            PersonAttendance(
                meeting=ref(meeting),
                date=day,
                body=body.name if body else None,
                organisation=edge.props.get("organisation"),
                role=edge.props.get("role"),
                sources=list(edge.sources),
            )
        )
        if edge.props.get("role") or edge.props.get("organisation"):
            answer.roles.append(
                PersonRole(
                    date=day,
                    organisation=edge.props.get("organisation"),
                    title=edge.props.get("role"),
                    context=f"ATTENDED {body.name}" if body else "ATTENDED",
                    sources=list(edge.sources),
                )
            )
    for edge in clock.edges_out(node.id, [EdgeType.MEMBER_OF]):
        group = backend.node(edge.target)
        if group is None:
            continue
        answer.groups.append(
            PersonGroup(
                group=ref(group),
                role=edge.props.get("role"),
                organisation=edge.props.get("organisation"),
                valid_from=iso(edge.props.get("valid_from")),
                valid_to=iso(edge.props.get("valid_to")),
                sources=list(edge.sources),
            )
        )
        answer.roles.append(
            PersonRole(
                date=iso(edge.props.get("valid_from")),
                organisation=edge.props.get("organisation"),
                title=edge.props.get("role"),
                context=f"MEMBER_OF {group.name}",
                sources=list(edge.sources),
            )
        )
    for edge in clock.edges_out(node.id, [EdgeType.PRESENTED]):
        item = backend.node(edge.target)
        if item is None or not clock.node_stands(item):
            continue
        meeting = clock.meeting_of(item)
        body = clock.body_of_meeting(meeting)
        answer.presented.append(
            PersonPresentation(
                item=ref(item),
                number=str(item.props["number"]) if item.props.get("number") is not None else None,
                title=item.props.get("title") or item.name,
                date=Clock.meeting_date(meeting),
                body=body.name if body else None,
                document=doc_name(item.sources[0].document) if item.sources else None,
                sources=list(edge.sources),
            )
        )
    for edge in clock.edges_in(node.id, [EdgeType.COMMISSIONS]):
        by = backend.node(edge.source)
        if by is None:
            continue
        answer.commissions.append(
            PersonCommission(
                by=ref(by),
                date=iso(edge.props.get("date")),
                task=edge.props.get("task"),
                sources=list(edge.sources),
            )
        )

    answer.attendance.sort(key=lambda a: (a.date or "9999", a.meeting.name))
    answer.roles.sort(key=lambda r: (r.date or "9999", r.context or ""))
    answer.presented.sort(key=lambda p: (p.date or "9999", p.document or "", p.number or ""))
    answer.commissions.sort(key=lambda c: (c.date or "9999", c.by.name))
    return answer
