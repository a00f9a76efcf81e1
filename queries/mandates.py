"""Who mandates whom: commissions, steering, reporting, part-of and funding around a body or person.

>>> from queries.fixtures import example_backend
>>> answer = mandates(example_backend(), "Processgrupp norr")
>>> [link.upper.name for link in answer.chain]
['Processgrupp söder', 'Regionala processgruppen', 'Styrgruppen för Nätverket', 'Nätverket', 'Rådet']
"""

from __future__ import annotations

from collections import deque
from datetime import date

from graph.backend import GraphBackend
from graph.models import Edge, EdgeType, Node, NodeKind
from queries.common import Clock, iso, missing_ref, ref, resolve
from queries.models import ChainLink, MandateAnswer, MandateLine

__all__ = ["MANDATE_TYPES", "chain_up", "mandate_line", "mandates"]

MANDATE_TYPES = (
    EdgeType.COMMISSIONS,
    EdgeType.STEERS,
    EdgeType.REPORTS_TO,
    EdgeType.PART_OF,
    EdgeType.FUNDS,
)
#: Upward steps, in the order they are preferred when two lead to the same node.
_UP_OUT = (EdgeType.REPORTS_TO, EdgeType.PART_OF)  # lower -> upper
_UP_IN = (EdgeType.STEERS, EdgeType.COMMISSIONS)  # upper -> lower
_LEVEL = {NodeKind.PERSON: 0, NodeKind.WORKING_GROUP: 1, NodeKind.PROCESS_GROUP: 1, NodeKind.PROGRAM_AREA: 1,
          NodeKind.STEERING_GROUP: 2, NodeKind.ORGANISATION: 3, NodeKind.NETWORK: 4, NodeKind.COUNCIL: 5}
_PRIORITY = {EdgeType.REPORTS_TO: 0, EdgeType.STEERS: 1, EdgeType.PART_OF: 2, EdgeType.COMMISSIONS: 3}
_MAX_DEPTH = 12


def mandate_line(backend: GraphBackend, edge: Edge) -> MandateLine:
    source = backend.node(edge.source)
    target = backend.node(edge.target)
    props = edge.props
    return MandateLine(
        type=str(edge.type),
        source=ref(source) if source else missing_ref(edge.source),
        target=ref(target) if target else missing_ref(edge.target),
        date=iso(props.get("date")),
        task=props.get("task"),
        decision=props.get("decision"),
        amount_sek=props.get("amount_sek"),
        year=props.get("year"),
        sources=list(edge.sources),
    )


def _line_key(line: MandateLine):
    return (line.type, line.source.name, line.date or "", line.target.name)


def mandates(
    backend: GraphBackend, name: str | None = None, as_of: date | str | None = None
) -> MandateAnswer:
    """The mandate lines around the body, group or person ``name`` (all of them when ``None``).

    ``chain`` follows the named node upwards to the top: REPORTS_TO and PART_OF outwards, STEERS
    and COMMISSIONS inwards (who steers or commissions it), each node visited once.
    """
    clock = Clock(backend, as_of)
    if name is None:
        lines = [mandate_line(backend, e) for e in backend.edges(MANDATE_TYPES) if clock.edge_stands(e)]
        return MandateAnswer(as_of=clock.as_of, lines=sorted(lines, key=_line_key))
    hits = resolve(backend, name)
    if not hits:
        return MandateAnswer(query=name, as_of=clock.as_of)
    node = hits[0]
    edges = clock.edges_out(node.id, MANDATE_TYPES) + clock.edges_in(node.id, MANDATE_TYPES)
    lines = sorted((mandate_line(backend, e) for e in edges), key=_line_key)
    return MandateAnswer(
        query=name,
        as_of=clock.as_of,
        node=ref(node),
        candidates=[ref(n) for n in hits[1:10]],
        lines=lines,
        chain=chain_up(backend, node, clock),
    )


def _upward(backend: GraphBackend, node: Node, clock: Clock) -> list[tuple[Node, Edge, str]]:
    steps: dict[str, tuple[Node, Edge, str]] = {}
    candidates = [(e.target, e, "out") for e in clock.edges_out(node.id, _UP_OUT)]
    candidates += [(e.source, e, "in") for e in clock.edges_in(node.id, _UP_IN)]
    for other_id, edge, direction in candidates:
        other = backend.node(other_id)
        if other is None or other.id == node.id or other.kind == NodeKind.DOCUMENT:
            continue
        known = steps.get(other_id)
        if known is None or _PRIORITY[edge.type] < _PRIORITY[known[1].type]:
            steps[other_id] = (other, edge, direction)
    # nearer structures first: a group's steering group before the network it belongs to, the council last
    return sorted(steps.values(), key=lambda s: (_LEVEL.get(s[0].kind, 3), _PRIORITY[s[1].type], s[0].name))


def chain_up(backend: GraphBackend, start: Node, clock: Clock | None = None) -> list[ChainLink]:
    """Breadth-first from ``start`` upwards; every node once, so cycles end."""
    clock = clock or Clock(backend)
    seen = {start.id}
    queue: deque[tuple[Node, int]] = deque([(start, 1)])
    links: list[ChainLink] = []
    while queue:
        node, depth = queue.popleft()
        if depth > _MAX_DEPTH:
            continue
        for upper, edge, direction in _upward(backend, node, clock):
            if upper.id in seen:
                continue
            seen.add(upper.id)
            links.append(
                ChainLink(
                    depth=depth,
                    lower=ref(node),
                    upper=ref(upper),
                    type=str(edge.type),
                    direction=direction,
                    date=iso(edge.props.get("date")),
                    quote=edge.sources[0].quote if edge.sources else None,
                    sources=list(edge.sources),
                )
            )
            queue.append((upper, depth + 1))
    return links
