"""Which collaboration groups exist: the register, one row per group, with its gaps.

Gaps (``GroupRow.gaps``) say what the loaded documents show is missing:

- ``no_mandate``: nobody is recorded as commissioning it and no mandate document is linked to it.
- ``no_steering_group``: nothing STEERS it, it REPORTS_TO nothing and names no receiver
  (``props.mottagare``). A steering group that is PART_OF its network answers to that network.
  Networks and councils at the top of the structure (no parent) are never flagged.
- ``no_municipal_representation``: people are known (members or present at its meetings) and
  none of them comes from a municipality.
- ``inactive_12_months``: its meetings are known, and none of them, nor a decision or commission of
  it, is dated within a year before ``today``.
- ``mandate_expired``: its ``valid_to`` (on the node, its mandate document or its commission) is past.

What the documents do not tell is ``GroupRow.unknown``, not a gap: ``members`` (no member and
nobody present at a meeting), ``activity`` (no meeting of it), ``municipal_representation`` (no
people known, so no municipality either).

Organisations are shown by their resolved names ("Älvdalen" for an attendance list's "Ålvdalen").

>>> from queries.fixtures import example_backend
>>> rows = {r.name: r for r in groups(example_backend(), today="2025-06-01")}
>>> rows["Arbetsgruppen för exempelavtalet"].gaps, rows["Arbetsgruppen för exempelavtalet"].unknown
(['no_steering_group'], ['members', 'activity', 'municipal_representation'])
"""

from __future__ import annotations

from datetime import date, timedelta

from graph.backend import GraphBackend
from graph.embedded import paused_gc
from graph.kinds import GROUP_ORDER, KINDS
from graph.models import GROUP_KINDS, EdgeType, Node, NodeKind
from graph.text import fold
from queries.common import Clock, iso, org_type, parse_day, ref
from queries.mandates import mandate_line
from queries.models import GAP_LABELS, GroupRow, Member, MoneyLine, NodeRef

__all__ = ["GAPS", "KIND_ORDER", "groups", "resolved_name"]

#: Every gap, in the order rows list them.
GAPS: tuple[str, ...] = tuple(GAP_LABELS)
#: The register's order of kinds: the structure from the top down (``graph.kinds``).
KIND_ORDER: tuple[str, ...] = GROUP_ORDER
#: Networks and councils: the top of the structure, which answers to nobody.
_TOP_KINDS = frozenset(k for k in GROUP_KINDS if KINDS[k].level is not None and KINDS[k].level <= 1)
_PURPOSE_KEYS = ("purpose", "syfte")
_GOAL_KEYS = ("goals", "mal", "mål")
_RECEIVER_KEYS = ("mottagare", "reports_to", "receiver")


def groups(
    backend: GraphBackend, as_of: date | str | None = None, today: date | str | None = None
) -> list[GroupRow]:
    """Every group of ``GROUP_KINDS`` as it stood on ``as_of``, sorted by kind, then name.

    ``today`` (default: ``as_of``, else the real today) is what "inactive" and "expired" count from.
    """
    clock = Clock(backend, as_of)
    day = parse_day(today) or parse_day(as_of) or date.today()
    orgs: dict[str, str | None] = {}
    with paused_gc():  # tens of thousands of small result objects on a large heap
        rows = [_row(backend, clock, node, day, orgs) for node in backend.nodes(GROUP_KINDS)]
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    rows.sort(key=lambda r: (order.get(r.kind, 99), r.name.casefold()))
    return rows


def _row(backend: GraphBackend, clock: Clock, node: Node, today: date, orgs: dict) -> GroupRow:
    row = GroupRow(id=node.id, kind=str(node.kind), name=node.name, aliases=list(node.aliases))
    row.sources = list(node.sources)
    dates: list[str] = []

    # structure
    parent_edges = clock.edges_out(node.id, [EdgeType.REPORTS_TO, EdgeType.PART_OF])
    parent_edges.sort(key=lambda e: e.type != EdgeType.REPORTS_TO)
    for edge in parent_edges:
        parent = backend.node(edge.target)
        if parent is not None and parent.id not in {p.id for p in row.parents}:
            row.parents.append(ref(parent))
    row.parent = row.parents[0] if row.parents else None
    for edge in clock.edges_in(node.id, [EdgeType.STEERS]):
        steer = backend.node(edge.source)
        if steer is not None:
            row.steered_by.append(ref(steer))
    for edge in clock.edges_in(node.id, [EdgeType.COMMISSIONS]):
        line = mandate_line(backend, edge)
        row.mandated_by.append(line)
        if line.date:
            dates.append(line.date)
    for edge in clock.edges_out(node.id, [EdgeType.COMMISSIONS]):
        if iso(edge.props.get("date")):
            dates.append(iso(edge.props.get("date")))

    # mandate documents
    valid_to = [iso(node.props.get("valid_to"))]
    for edge in backend.edges_out(node.id, [EdgeType.FROM_DOCUMENT]) + backend.edges_in(
        node.id, [EdgeType.FROM_DOCUMENT]
    ):
        other = backend.node(edge.target if edge.source == node.id else edge.source)
        if other is not None and other.kind == NodeKind.DOCUMENT and other.props.get("doc_kind") == "mandate":
            name = other.props.get("document") or other.name
            if name not in row.mandate_documents:
                row.mandate_documents.append(name)
            valid_to.append(iso(other.props.get("valid_to")))
    for edge in clock.edges_in(node.id, [EdgeType.COMMISSIONS]):
        valid_to.append(iso(edge.props.get("valid_to")))
    known_valid_to = [v for v in valid_to if v]
    row.valid_to = max(known_valid_to) if known_valid_to else None

    row.purpose = next((node.props[k] for k in _PURPOSE_KEYS if node.props.get(k)), None)
    row.goals = next((node.props[k] for k in _GOAL_KEYS if node.props.get(k)), None)

    # meetings and members: the latest attendance per person, as plain tuples until the end
    attended: dict[str, tuple[str, object, str | None]] = {}
    meeting_dates: list[str] = []
    for edge in clock.edges_in(node.id, [EdgeType.HELD_BY]):
        meeting = backend.node(edge.source)
        if meeting is None or not clock.node_stands(meeting):
            continue
        row.meetings += 1
        mdate = Clock.meeting_date(meeting)
        if mdate:
            meeting_dates.append(mdate)
        for att in clock.edges_in(meeting.id, [EdgeType.ATTENDED]):
            known = attended.get(att.source)
            if known is None or (mdate or "") >= known[0]:
                attended[att.source] = (mdate or "", att, mdate)
    members: dict[str, Member] = {}
    for person_id, (_, att, mdate) in attended.items():
        person = backend.node(person_id)
        if person is not None:
            members[person_id] = Member(
                person=ref(person),
                organisation=att.props.get("organisation"),
                role=att.props.get("role"),
                via="ATTENDED",
                last_seen=mdate,
                sources=list(att.sources),
            )
    for edge in clock.edges_in(node.id, [EdgeType.MEMBER_OF]):
        person = backend.node(edge.source)
        if person is None:
            continue
        until = iso(edge.props.get("valid_to"))
        if until and until < (clock.as_of or today.isoformat()):
            continue
        seen = members.get(person.id)
        members[person.id] = Member(
            person=ref(person),
            organisation=edge.props.get("organisation") or (seen.organisation if seen else None),
            role=edge.props.get("role") or (seen.role if seen else None),
            via="MEMBER_OF",
            last_seen=seen.last_seen if seen else None,
            sources=list(edge.sources),
        )
    row.members = sorted(members.values(), key=lambda m: m.person.name.casefold())
    row.first_meeting = min(meeting_dates) if meeting_dates else None
    dates += meeting_dates
    latest_decision = ""
    for edge in clock.edges_in(node.id, [EdgeType.DECIDED_BY]):
        decision = backend.node(edge.source)
        day = decision.props.get("date") if decision is not None else None
        if day and str(day) > latest_decision:
            latest_decision = str(day)
    if iso(latest_decision):
        dates.append(iso(latest_decision))

    for member in row.members:
        org = member.organisation or _affiliation(backend, member.person.id)
        if not org:
            continue
        org = resolved_name(backend, org, orgs)
        member.organisation = org
        if org not in row.organisations:
            row.organisations.append(org)
        kind = org_type(backend, org, orgs)
        if kind == "municipality" and org not in row.municipalities:
            row.municipalities.append(org)
        elif kind == "region" and org not in row.regions:
            row.regions.append(org)

    # agreements and money
    agreements: dict[str, NodeRef] = {}
    for direction, edges in (
        ("in", clock.edges_in(node.id, [EdgeType.FUNDS])),
        ("out", clock.edges_out(node.id, [EdgeType.FUNDS])),
    ):
        for edge in edges:
            other = backend.node(edge.source if direction == "in" else edge.target)
            if other is None:
                continue
            row.money.append(
                MoneyLine(
                    counterpart=ref(other),
                    direction=direction,
                    amount_sek=edge.props.get("amount_sek"),
                    year=edge.props.get("year"),
                    sources=list(edge.sources),
                )
            )
            if other.kind == NodeKind.AGREEMENT:
                agreements[other.id] = ref(other)
    for edge in clock.edges_out(node.id, [EdgeType.PARTY_TO]):
        other = backend.node(edge.target)
        if other is not None:
            agreements[other.id] = ref(other)
    row.agreements = list(agreements.values())

    row.last_activity = max(dates) if dates else None
    row.gaps = _gaps(node, row, today, clock)
    row.unknown = [u for u, known in (("members", bool(row.members)), ("activity", row.meetings > 0),
                                      ("municipal_representation", bool(row.members))) if not known]  # fmt: skip
    return row


def resolved_name(backend: GraphBackend, name: str, cache: dict | None = None) -> str:
    """An organisation's name as the graph resolved it: the Organisation node whose name or alias
    folds to the same words ("Ålvdalen" -> "Älvdalen"); the name as written when none does."""
    cache = {} if cache is None else cache
    key = ("name", name)
    if key not in cache:
        folded = fold(name)
        cache[key] = next(
            (n.name for n in backend.find_nodes(name, [NodeKind.ORGANISATION], limit=5)
             if folded in {fold(x) for x in (n.name, *n.aliases)}),
            name,
        )  # fmt: skip
    return cache[key]


def _affiliation(backend: GraphBackend, person_id: str) -> str | None:
    for edge in backend.edges_out(person_id, [EdgeType.AFFILIATED_WITH]):
        org = backend.node(edge.target)
        if org is not None:
            return org.name
    return None


def _gaps(node: Node, row: GroupRow, today: date, clock: Clock) -> list[str]:
    gaps = []
    if not row.mandated_by and not row.mandate_documents:
        gaps.append("no_mandate")
    reports = bool(clock.edges_out(node.id, [EdgeType.REPORTS_TO])) or (
        node.kind == NodeKind.STEERING_GROUP and bool(row.parents)
    )
    receiver = any(node.props.get(k) for k in _RECEIVER_KEYS)
    at_top = node.kind in _TOP_KINDS and not row.parents
    if not row.steered_by and not reports and not receiver and not at_top:
        gaps.append("no_steering_group")
    if row.members and not row.municipalities:
        gaps.append("no_municipal_representation")
    cutoff = (today - timedelta(days=365)).isoformat()
    if row.meetings and (not row.last_activity or row.last_activity < cutoff):
        gaps.append("inactive_12_months")
    if row.valid_to and row.valid_to < today.isoformat():
        gaps.append("mandate_expired")
    return gaps
