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

__all__ = ["cluster_layout", "hierarchy_layout", "level_layout", "structure_parents"]

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


# --- the structure from the top down, readable at a few hundred groups ---------------------------
#: Edges that place a group under another: (type, the lower end is the edge's source), preferred first.
_UPWARD_EDGES = {
    "STEERS": (0, False),
    "REPORTS_TO": (1, True),
    "PART_OF": (2, True),
    "COMMISSIONS": (3, False),
}
_CELL_W = 150.0  # width of one node's cell in a column (its label wraps at about 18 characters)
_CELL_H = 66.0  # height of one row of a band (shape and two lines of label)
_MAX_ROWS = 14  # a column's band wraps into more sub-columns beyond this many rows
_BAND_GAP = 56.0  # between bands
_COLUMN_GAP = 16.0
_OTHER_STEP = 150.0  # between nodes in the bands of other kinds below the structure
#: The top-down view wraps its columns into tiers about this wide (a browser frame at zoom 0.9).
TIER_WIDTH = 1150.0


def _level(kind: str) -> int | None:
    info = KINDS.get(kind)
    return info.level if info is not None and info.group else None


def structure_parents(nodes: list[Node], edges: list[Edge]) -> dict[str, str]:
    """Each group's place in the structure: the group it sits under, nearest level above first.

    A group answers to a group above it (REPORTS_TO, PART_OF) or is steered or commissioned by one
    (STEERS, COMMISSIONS). Of several, the one on the nearest level above wins (a process group sits
    under its steering group rather than under the council it also reports to), then the stronger
    relation (STEERS, REPORTS_TO, PART_OF, COMMISSIONS), then the name. A group with nothing above
    it may sit under one on its own level (sub-process groups under a regional process group).
    """
    by_id = {n.id: n for n in nodes}
    names = {n.id: n.name.casefold() for n in nodes}
    best: dict[str, tuple] = {}
    for e in edges:
        rule = _UPWARD_EDGES.get(str(e.type))
        if rule is None:
            continue
        priority, lower_is_source = rule
        lower, upper = (e.source, e.target) if lower_is_source else (e.target, e.source)
        if lower == upper or lower not in by_id or upper not in by_id:
            continue
        low, up = _level(str(by_id[lower].kind)), _level(str(by_id[upper].kind))
        if low is None or up is None or up > low:
            continue
        rank = (up == low, low - up, priority, names[upper], upper)
        if lower not in best or rank < best[lower]:
            best[lower] = rank
    parents = {lower: rank[-1] for lower, rank in best.items()}
    # a cycle on one level (A under B, B under A) is broken at its first member by name
    for start in list(parents):
        seen, node = set(), start
        while node in parents and node not in seen:
            seen.add(node)
            node = parents[node]
        if node in seen and node in parents:
            parents.pop(node)
    return parents


def _lower_first(word: str) -> str:
    """ "Personer" -> "personer", but "LPO" stays."""
    return word[:1].lower() + word[1:] if word[1:2].islower() else word


def _wrap(count: int) -> int:
    """Sub-columns for a band of ``count`` nodes in one column."""
    return max(1, math.ceil(count / _MAX_ROWS))


def hierarchy_layout(
    nodes: list[Node], edges: list[Edge], band_labels: dict[int, str] | None = None
) -> tuple[dict[str, tuple[float, float]], list[dict]]:
    """Positions from the top down, and the bands' captions (``{"label", "x", "x2", "y"}``).

    Councils sit at the top; every network heads a column, and the steering groups, process groups
    and LPO, and working groups under it fill that column band by band (level 2, 3 and 4), a band
    wrapping into sub-columns beyond fourteen rows. Groups under no network form the columns "under
    the council" and "outside the structure". Columns wrap into tiers about ``TIER_WIDTH`` wide,
    each tier with the same bands, so labels stay readable at zoom 1 in a frame of that width.
    Nodes of other kinds (people, organisations, meetings …) follow in bands below, placed under
    the groups they are tied to.
    """
    band_labels = band_labels or {}
    parents = structure_parents(nodes, edges)
    kinds = {n.id: str(n.kind) for n in nodes}
    names = {n.id: n.name.casefold() for n in nodes}
    groups = sorted((n for n in nodes if _level(str(n.kind)) is not None), key=lambda n: (names[n.id], n.id))

    def head(node_id: str) -> str:
        """The column a group belongs to: its network, else the council it reaches, else none."""
        seen = set()
        while node_id not in seen:
            seen.add(node_id)
            if _level(kinds[node_id]) == 1:
                return node_id
            up = parents.get(node_id)
            if up is None:
                return "~none"
            if _level(kinds[up]) == 0:
                return "~council"
            node_id = up
        return "~none"

    columns: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    councils = []
    for g in groups:
        level = _level(str(g.kind))
        if level == 0:
            councils.append(g.id)
        else:
            columns[head(g.id)][level].append(g.id)
    order = sorted((c for c in columns if not c.startswith("~")), key=lambda c: (names[c], c))
    order += [c for c in ("~council", "~none") if c in columns]

    # depth-first order inside a column, so a group's children follow it
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in sorted(parents.items(), key=lambda kv: (names[kv[0]], kv[0])):
        children[parent].append(child)
    rank: dict[str, int] = {}

    def visit(node_id: str) -> None:
        if node_id in rank:
            return
        rank[node_id] = len(rank)
        for child in children.get(node_id, ()):
            visit(child)

    for node_id in [*councils, *(c for c in order if not c.startswith("~")), *(g.id for g in groups)]:
        visit(node_id)

    levels = sorted({lv for col in columns.values() for lv in col if lv >= 2})
    widths = {c: max([_CELL_W] + [_wrap(len(columns[c][lv])) * _CELL_W for lv in levels]) for c in order}
    tiers: list[list[str]] = []
    for c in order:
        if tiers and sum(widths[x] + _COLUMN_GAP for x in tiers[-1]) + widths[c] <= TIER_WIDTH:
            tiers[-1].append(c)
        else:
            tiers.append([c])
    total = max([_CELL_W * max(1, len(councils))] + [sum(widths[c] for c in t) + _COLUMN_GAP * (len(t) - 1)
                                                      for t in tiers])  # fmt: skip
    left = -total / 2
    pos: dict[str, tuple[float, float]] = {}
    bands: list[dict] = []

    def caption(label: str | None, top: float) -> None:
        if label:
            bands.append({"label": label, "x": round(left + 4, 1), "x2": round(left + total, 1),
                          "y": round(top - _CELL_H * 0.55, 1)})  # fmt: skip

    y = 0.0
    if councils:
        caption(band_labels.get(0), y)
        span = (len(councils) - 1) * _CELL_W
        for i, c in enumerate(councils):
            pos[c] = (round(i * _CELL_W - span / 2, 1), y)
        y += _CELL_H + _BAND_GAP
    for tier in tiers:
        width = sum(widths[c] for c in tier) + _COLUMN_GAP * (len(tier) - 1)
        starts, x = {}, -width / 2
        for c in tier:
            starts[c] = x
            x += widths[c] + _COLUMN_GAP
        if any(1 in columns[c] for c in tier):
            caption(band_labels.get(1), y)
            for c in tier:
                for node_id in columns[c].get(1, []):
                    pos[node_id] = (round(starts[c] + widths[c] / 2, 1), y)
            y += _CELL_H + _BAND_GAP * 0.6
        for level in levels:
            if not any(columns[c].get(level) for c in tier):
                continue
            caption(band_labels.get(level), y)
            rows = 0
            for c in tier:
                members = sorted(columns[c].get(level, []), key=lambda i: rank[i])
                if not members:
                    continue
                per_row = _wrap(len(members))
                used = min(per_row, len(members)) * _CELL_W
                x0 = starts[c] + (widths[c] - used) / 2 + _CELL_W / 2
                for i, node_id in enumerate(members):
                    col, row = divmod(i, math.ceil(len(members) / per_row))
                    pos[node_id] = (round(x0 + col * _CELL_W, 1), round(y + row * _CELL_H, 1))
                rows = max(rows, math.ceil(len(members) / per_row))
            y += rows * _CELL_H + _BAND_GAP * 0.6
        y += _BAND_GAP

    # other kinds: a band each, under whatever group they are tied to
    adjacent = _adjacency(nodes, edges)
    others: dict[int, list[Node]] = defaultdict(list)
    for n in nodes:
        if n.id not in pos:
            others[LEVELS.get(str(n.kind), max(LEVELS.values()) + 1)].append(n)
    per_row = max(6, int(total // _OTHER_STEP) + 1)
    for band in sorted(others):
        members = others[band]

        def key(n: Node) -> tuple[float, str]:
            near = [pos[o][0] for o in adjacent.get(n.id, ()) if o in pos]
            return (sum(near) / len(near) if near else math.inf, n.name.casefold())

        members.sort(key=key)
        present = {str(n.kind) for n in members}
        plurals = [_lower_first(info.plural) for kind, info in KINDS.items() if kind in present]
        label = plurals[0] if len(plurals) == 1 else ", ".join(plurals[:-1]) + " och " + plurals[-1]
        caption(label[:1].upper() + label[1:], y)
        for start in range(0, len(members), per_row):
            row = members[start : start + per_row]
            width = (len(row) - 1) * _OTHER_STEP
            for i, n in enumerate(row):
                pos[n.id] = (round(i * _OTHER_STEP - width / 2, 1), round(y, 1))
            y += _CELL_H
        y += _BAND_GAP
    return pos, bands
