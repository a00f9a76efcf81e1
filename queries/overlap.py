"""Who sits where: the interlocks between groups that the documents show.

- **people in many groups**: a person sits in a group when the documents list them as a member
  (MEMBER_OF) or as present at one of its meetings (ATTENDED a meeting HELD_BY it);
- **groups that share members**: every pair of groups with people in common, with the share of
  their people that is common (Jaccard);
- **brokers**: the people through whom otherwise separate parts of the structure meet, by
  betweenness centrality (networkx) on the graph of people and groups (membership, and the
  structure between groups: STEERS, REPORTS_TO, PART_OF, COMMISSIONS); for each, how many parts
  their groups fall apart into without them;
- **groups connected to no steering body**: process groups, LPO and working groups from which no
  upward path (REPORTS_TO, PART_OF outwards; STEERS, COMMISSIONS inwards) reaches a steering group,
  a network or a council.

The same questions as Cypher for Neo4j Browser: ``queries/overlap_people.cypher``,
``overlap_pairs.cypher``, ``overlap_unsteered.cypher`` (betweenness needs Neo4j's Graph Data
Science library, so it is here only).

>>> from queries.fixtures import example_backend
>>> answer = overlap(example_backend(), min_groups=2)
>>> [(p.person.name, p.count) for p in answer.people][:1]
[('Anna Andersson', 2)]
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import combinations

import networkx as nx
from pydantic import BaseModel, Field

from graph.backend import GraphBackend
from graph.kinds import GROUP_KIND_NAMES, KINDS
from graph.models import EdgeType, NodeKind
from queries.common import Clock, iso, ref
from queries.models import NodeRef

__all__ = ["Broker", "OverlapAnswer", "PersonSeats", "SharedMembers", "Unsteered", "overlap"]

#: Structure between groups: (edge type, the lower group is the edge's source).
_UP = {EdgeType.REPORTS_TO: True, EdgeType.PART_OF: True, EdgeType.STEERS: False, EdgeType.COMMISSIONS: False}
#: Bodies that steer: a group whose way up reaches one of these is connected to the structure.
STEERING_KINDS = frozenset({"SteeringGroup", "Network", "Council"})
#: Groups that should answer to a steering body (the others are steering bodies themselves).
_STEERED_KINDS = frozenset(k for k in GROUP_KIND_NAMES if k not in STEERING_KINDS)
#: Above this many nodes betweenness is estimated from a sample of sources (fixed seed).
EXACT_BETWEENNESS = 400
_SAMPLE = 120
_MAX_DEPTH = 12


class PersonSeats(BaseModel):
    person: NodeRef
    groups: list[NodeRef] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    count: int = 0


class SharedMembers(BaseModel):
    a: NodeRef
    b: NodeRef
    people: list[NodeRef] = Field(default_factory=list)
    #: shared people / all people of the two groups (Jaccard)
    share: float = 0.0


class Broker(BaseModel):
    person: NodeRef
    betweenness: float
    groups: list[NodeRef] = Field(default_factory=list)
    #: how many separate parts the person's groups fall into without them (1: none split)
    parts: int = 1


class Unsteered(BaseModel):
    group: NodeRef
    #: what the documents show above it, in Swedish ("uppdrag från RSS Dalarna", "inget ovanför")
    above: str


class OverlapAnswer(BaseModel):
    as_of: str | None = None
    people: list[PersonSeats] = Field(default_factory=list)
    pairs: list[SharedMembers] = Field(default_factory=list)
    brokers: list[Broker] = Field(default_factory=list)
    unsteered: list[Unsteered] = Field(default_factory=list)


def seats(backend: GraphBackend, clock: Clock) -> dict[str, dict[str, None]]:
    """Person id -> the groups they sit in (members, or present at a meeting), in the order found."""
    groups = {n.id for n in backend.nodes([NodeKind(k) for k in GROUP_KIND_NAMES])}
    out: dict[str, dict[str, None]] = defaultdict(dict)
    today = clock.as_of or date.today().isoformat()
    for e in backend.edges([EdgeType.MEMBER_OF]):
        if e.target in groups and clock.edge_stands(e):
            until = iso(e.props.get("valid_to"))
            if until and until < today:
                continue
            out[e.source][e.target] = None
    held_by = {e.source: e.target for e in backend.edges([EdgeType.HELD_BY]) if e.target in groups}
    for e in backend.edges([EdgeType.ATTENDED]):
        group = held_by.get(e.target)
        if group is not None and clock.edge_stands(e):
            out[e.source][group] = None
    return out


def overlap(
    backend: GraphBackend,
    as_of: date | str | None = None,
    min_groups: int = 2,
    min_shared: int = 1,
    top: int = 25,
) -> OverlapAnswer:
    """The interlocks as they stood on ``as_of`` (see the module): people in at least
    ``min_groups`` groups, pairs sharing at least ``min_shared`` people, the ``top`` brokers and every
    group connected to no steering body."""
    clock = Clock(backend, as_of)
    answer = OverlapAnswer(as_of=clock.as_of)
    person_groups = seats(backend, clock)
    refs: dict[str, NodeRef] = {}

    def node_ref(node_id: str) -> NodeRef | None:
        if node_id not in refs:
            node = backend.node(node_id)
            if node is None:
                return None
            refs[node_id] = ref(node)
        return refs[node_id]

    # people in many groups
    organisations: dict[str, list[str]] = defaultdict(list)
    for e in backend.edges([EdgeType.AFFILIATED_WITH]):
        org = backend.node(e.target)
        if org is not None and org.name not in organisations[e.source]:
            organisations[e.source].append(org.name)
    for person_id, groups in person_groups.items():
        if len(groups) < min_groups:
            continue
        person = node_ref(person_id)
        if person is None:
            continue
        group_refs = sorted((g for g in map(node_ref, groups) if g), key=_structure_order)
        answer.people.append(PersonSeats(person=person, groups=group_refs, count=len(group_refs),
                                         organisations=organisations.get(person_id, [])))  # fmt: skip
    answer.people.sort(key=lambda p: (-p.count, p.person.name.casefold()))

    # groups that share members
    members: dict[str, set[str]] = defaultdict(set)
    for person_id, groups in person_groups.items():
        for g in groups:
            members[g].add(person_id)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person_id, groups in person_groups.items():
        for a, b in combinations(sorted(groups), 2):
            shared[(a, b)].add(person_id)
    for (a, b), people in shared.items():
        if len(people) < min_shared:
            continue
        ra, rb = node_ref(a), node_ref(b)
        if ra is None or rb is None:
            continue
        union = members[a] | members[b]
        people_refs = sorted((p for p in map(node_ref, people) if p), key=lambda r: r.name.casefold())
        answer.pairs.append(SharedMembers(a=ra, b=rb, people=people_refs, share=round(len(people) / len(union), 3)))
    answer.pairs.sort(key=lambda p: (-len(p.people), -p.share, p.a.name.casefold(), p.b.name.casefold()))

    answer.brokers = _brokers(backend, clock, person_groups, node_ref, top)
    answer.unsteered = _unsteered(backend, clock)
    return answer


def _structure_order(group: NodeRef) -> tuple:
    info = KINDS.get(group.kind)
    return (info.level if info is not None and info.level is not None else 9, group.name.casefold())


def _structure_edges(backend: GraphBackend, clock: Clock, groups: set[str]) -> list[tuple[str, str]]:
    out = []
    for etype in _UP:
        for e in backend.edges([etype]):
            if e.source in groups and e.target in groups and e.source != e.target and clock.edge_stands(e):
                out.append((e.source, e.target))
    return out


def _brokers(backend: GraphBackend, clock: Clock, person_groups, node_ref, top: int) -> list[Broker]:
    graph = nx.Graph()
    groups = {g for gs in person_groups.values() for g in gs}
    groups |= {n.id for n in backend.nodes([NodeKind(k) for k in GROUP_KIND_NAMES])}
    for person_id, gs in person_groups.items():
        for g in gs:
            graph.add_edge(("p", person_id), ("g", g))
    for a, b in _structure_edges(backend, clock, groups):
        graph.add_edge(("g", a), ("g", b))
    if graph.number_of_nodes() < 3:
        return []
    if graph.number_of_nodes() > EXACT_BETWEENNESS:
        centrality = nx.betweenness_centrality(graph, k=_SAMPLE, seed=7, normalized=True)
    else:
        centrality = nx.betweenness_centrality(graph, normalized=True)
    people = sorted(
        ((score, node[1]) for node, score in centrality.items() if node[0] == "p" and score > 0),
        key=lambda s: (-s[0], s[1]),
    )[:top]
    # the parts a person's groups fall into without them: the biconnected components they are in
    # (more than one only for a cut vertex), found for everyone in one pass
    parts: dict[tuple, int] = defaultdict(int)
    for component in nx.biconnected_components(graph):
        for node in component:
            parts[node] += 1
    out = []
    for score, person_id in people:
        person = node_ref(person_id)
        if person is None:
            continue
        group_refs = sorted((g for g in map(node_ref, person_groups[person_id]) if g), key=_structure_order)
        out.append(Broker(person=person, betweenness=round(score, 4), groups=group_refs,
                          parts=max(1, parts[("p", person_id)])))  # fmt: skip
    return out


def _unsteered(backend: GraphBackend, clock: Clock) -> list[Unsteered]:
    """Groups from which no way up reaches a steering group, a network or a council."""
    out = []
    for node in backend.nodes([NodeKind(k) for k in _STEERED_KINDS]):
        seen = {node.id}
        frontier = [node.id]
        reached = False
        above: list[str] = []
        depth = 0
        while frontier and not reached and depth < _MAX_DEPTH:
            depth += 1
            nxt = []
            for current in frontier:
                uppers = [e.target for e in clock.edges_out(current, [EdgeType.REPORTS_TO, EdgeType.PART_OF])]
                uppers += [e.source for e in clock.edges_in(current, [EdgeType.STEERS, EdgeType.COMMISSIONS])]
                for upper_id in uppers:
                    if upper_id in seen:
                        continue
                    seen.add(upper_id)
                    upper = backend.node(upper_id)
                    if upper is None or upper.kind == NodeKind.DOCUMENT:
                        continue
                    if str(upper.kind) in STEERING_KINDS:
                        reached = True
                        break
                    if upper.kind != NodeKind.PERSON:
                        above.append(upper.name)
                        nxt.append(upper_id)
                if reached:
                    break
            frontier = nxt
        if not reached:
            text = "inget ovanför i underlaget" if not above else "bara " + ", ".join(dict.fromkeys(above))
            out.append(Unsteered(group=ref(node), above=text))
    return sorted(out, key=lambda u: _structure_order(u.group))
