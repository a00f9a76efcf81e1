"""Positions for large maps, computed here in linear time so the browser draws without physics.

vis-network's own layouts do not scale on a small machine (benchmarks/app_render.py, 2,000 nodes
and 6,000 edges: 100 iterations of physics 7.8 s, its hierarchical layout over 15 s, physics off
1.3 s). Above ``graphmap.LARGE`` nodes the map therefore gets fixed positions:

- :func:`cluster_layout`: the groups (or, without groups, the best-connected nodes) spread out as
  hubs; every other node sits on a sunflower spiral around the node that reached it first in a
  breadth-first walk from the hubs, so meetings gather around their bodies, items around their
  meetings, people around the groups they sit in.
- :func:`level_layout`: the structure from the top down, one band per kind (councils, networks,
  steering groups, process groups …, people, meetings, items, decisions), each band ordered by
  where its neighbours above sit and wrapped into rows.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque

from graph.kinds import GROUP_ORDER, KINDS
from graph.models import Edge, Node

__all__ = ["cluster_layout", "level_layout"]

_GOLDEN = math.pi * (3 - math.sqrt(5))
#: Kinds that become hubs in the cluster layout, in this order: the groups from the top down, then agreements.
_HUB_KINDS = (*GROUP_ORDER, "Agreement")
#: Band of each kind in the level layout, top first (``graph.kinds``).
LEVELS = {kind: info.band for kind, info in KINDS.items()}
_STEP = 26  # distance between neighbours on a spiral
_COLUMN = 70  # distance between nodes in a band
_ROW = 110  # distance between bands and rows
_PER_ROW = 60


def _adjacency(nodes: list[Node], edges: list[Edge]) -> dict[str, list[str]]:
    ids = {n.id for n in nodes}
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e.source in ids and e.target in ids and e.source != e.target:
            adjacent[e.source].add(e.target)
            adjacent[e.target].add(e.source)
    return {k: sorted(v) for k, v in adjacent.items()}


def _spiral(i: int, step: float) -> tuple[float, float]:
    r = step * math.sqrt(i + 1)
    return r * math.cos(i * _GOLDEN), r * math.sin(i * _GOLDEN)


def cluster_layout(nodes: list[Node], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """Hubs spread on a spiral, everything else around whatever reached it first from a hub."""
    adjacent = _adjacency(nodes, edges)
    degree = {n.id: len(adjacent.get(n.id, ())) for n in nodes}
    rank = {k: i for i, k in enumerate(_HUB_KINDS)}
    hubs = sorted(
        (n for n in nodes if str(n.kind) in rank), key=lambda n: (rank[str(n.kind)], -degree[n.id], n.id)
    )
    if not hubs:
        hubs = sorted(nodes, key=lambda n: (-degree[n.id], n.id))[: max(1, int(math.sqrt(len(nodes))))]
    parent: dict[str, str | None] = {}
    order: list[str] = []

    def walk(starts: list[str]) -> None:
        queue = deque()
        for s in starts:
            if s not in parent:
                parent[s] = None
                queue.append(s)
        while queue:
            node = queue.popleft()
            order.append(node)
            for other in sorted(adjacent.get(node, ()), key=lambda o: -degree[o]):
                if other not in parent:
                    parent[other] = node
                    queue.append(other)

    walk([h.id for h in hubs])
    rest = sorted((n.id for n in nodes if n.id not in parent), key=lambda i: (-degree[i], i))
    for node_id in rest:  # components without a hub: their best-connected node becomes one
        walk([node_id])
    roots = [i for i in order if parent[i] is None]
    children: dict[str, list[str]] = defaultdict(list)
    for node_id in order:
        if parent[node_id] is not None:
            children[parent[node_id]].append(node_id)
    size: dict[str, int] = {}
    for node_id in reversed(order):
        size[node_id] = 1 + sum(size[c] for c in children[node_id])
    spacing = max(300.0, 2.2 * _STEP * math.sqrt(max(size[r] for r in roots)))
    pos: dict[str, tuple[float, float]] = {}
    for i, root in enumerate(roots):
        x, y = _spiral(i, spacing)
        pos[root] = (x, y)
    for node_id in order:
        px, py = pos[node_id]
        for i, child in enumerate(children[node_id]):
            dx, dy = _spiral(i, _STEP * (1.6 if parent[node_id] is None else 1.0))
            pos[child] = (px + dx, py + dy)
    return {k: (round(x, 1), round(y, 1)) for k, (x, y) in pos.items()}


def level_layout(nodes: list[Node], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """One band per kind from the top down; within a band, nodes follow their neighbours above."""
    adjacent = _adjacency(nodes, edges)
    bands: dict[int, list[Node]] = defaultdict(list)
    for n in nodes:
        bands[LEVELS.get(str(n.kind), max(LEVELS.values()) + 1)].append(n)
    x_of: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for level in sorted(bands):
        members = bands[level]

        def key(n: Node) -> tuple[float, str]:
            above = [x_of[o] for o in adjacent.get(n.id, ()) if o in x_of]
            return (sum(above) / len(above) if above else math.inf, n.name.casefold())

        members.sort(key=key)
        rows = [members[i : i + _PER_ROW] for i in range(0, len(members), _PER_ROW)]
        for row in rows:
            width = (len(row) - 1) * _COLUMN
            for i, n in enumerate(row):
                x = i * _COLUMN - width / 2
                x_of[n.id] = x
                pos[n.id] = (round(x, 1), round(y, 1))
            y += _ROW
        y += _ROW / 2
    return pos
