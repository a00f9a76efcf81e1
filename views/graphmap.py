"""The map: which part of the graph to draw, and the pyvis page that draws it (no Streamlit here).

:func:`select` filters by kind, edge type and time window and focuses on one entity's
neighbourhood; :func:`network_html` makes the self-contained vis-network page.

Escaping (PITFALLS "pyvis injects HTML"): node and edge data reach the page only through Jinja's
``tojson``, which writes ``<``, ``>``, ``&`` and ``'`` as ``\\u003c`` …, so ``</script>`` in a name
cannot end the script. Labels are drawn on a canvas. Tooltips are plain text: vis-network 9 sets
a string ``title`` with ``innerText``; pyvis switches to its ``innerHTML`` popup when a node title
contains "href", so that word is broken with a zero-width space. No id goes into the HTML elsewhere
(``select_menu``/``filter_menu`` off) and the heading is empty. The CDN links pyvis always adds
(bootstrap) are removed: the page must work offline.

Large graphs (PITFALLS "pyvis gets slow"): nodes and edges are handed to pyvis as whole lists, not
through ``add_node``/``add_edge`` (quadratic). Up to ``LARGE`` nodes physics stabilises for a
bounded number of iterations and is then switched off (the hierarchical layout uses none); above
it the positions come from :mod:`views.maplayout` and physics stays off.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict, deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from graph.kinds import EDGES, KINDS
from graph.models import Edge, Node, Source
from views.maplayout import cluster_layout, level_layout

__all__ = [
    "EDGE_COLORS",
    "KIND_STYLE",
    "MapFilter",
    "legend_html",
    "network_html",
    "node_dates",
    "select",
    "tooltip",
]

#: kind -> (colour, vis shape, size), from the table of kinds
KIND_STYLE: dict[str, tuple[str, str, int]] = {k: (i.colour, i.shape, i.size) for k, i in KINDS.items()}
EDGE_COLORS: dict[str, str] = {t: i.colour for t, i in EDGES.items() if i.colour}
_DEFAULT_EDGE_COLOR = "#bdbdbd"
#: Shapes that draw their label inside (on the kind's dark colour).
_INSIDE = frozenset({"box", "ellipse", "database", "circle"})
#: Kinds dated by their ``date`` prop (the loaders give items and decisions their meeting's date).
DATED_KINDS = frozenset(k for k, i in KINDS.items() if i.dated)
#: Edges that run from the lower to the upper; drawn reversed in the hierarchical layout so that
#: "directed" sorting puts the upper one above (the arrow still points the right way).
UPWARD = frozenset(t for t, i in EDGES.items() if i.upward)
#: Above this many nodes physics starts with a short stabilisation and no improved layout.
LARGE = 150
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")
_CDN = re.compile(
    r"<(?:link|script)\s[^>]*?(?:href|src)=\"https://cdn\.jsdelivr\.net/[^>]*>(?:\s*</script>)?", re.S
)
_HREF = re.compile("href", re.I)
_QUOTE_CHARS = 160


@dataclass(frozen=True)
class MapFilter:
    """What to draw. Empty ``kinds``/``types`` mean none; ``start``/``end`` are ISO dates or None."""

    kinds: Collection[str]
    types: Collection[str]
    start: str | None = None
    end: str | None = None
    focus: str | None = None
    depth: int = 1


def node_dates(nodes: Iterable[Node]) -> dict[str, str]:
    """Node id -> ISO date, for the kinds that have one."""
    out = {}
    for n in nodes:
        if str(n.kind) in DATED_KINDS and n.props.get("date"):
            out[n.id] = str(n.props["date"])[:10]
    return out


def _edge_in_window(edge: Edge, start: str | None, end: str | None) -> bool:
    props = edge.props
    begins = str(props.get("date") or props.get("valid_from") or "")[:10]
    ends = str(props.get("valid_to") or "")[:10]
    if end and begins and begins > end:
        return False
    return not (start and ends and ends < start)


def select(nodes: list[Node], edges: list[Edge], f: MapFilter) -> tuple[list[Node], list[Edge]]:
    """The nodes and edges ``f`` asks for.

    A dated node (meeting, item, decision, funding) outside ``start``..``end`` is left out, and so
    is an edge that begins after ``end`` or ended before ``start``. With ``focus``, only the nodes
    within ``depth`` steps of it (in either direction, over the kept edges) remain; the focused node
    is kept even when its kind is not chosen.
    """
    dates = node_dates(nodes)
    kept: dict[str, Node] = {}
    for n in nodes:
        if str(n.kind) not in f.kinds and n.id != f.focus:
            continue
        day = dates.get(n.id)
        if day and ((f.start and day < f.start) or (f.end and day > f.end)):
            continue
        kept[n.id] = n
    out_edges = [
        e
        for e in edges
        if str(e.type) in f.types
        and e.source in kept
        and e.target in kept
        and _edge_in_window(e, f.start, f.end)
    ]
    if f.focus and f.focus in kept:
        near = _neighbourhood(f.focus, out_edges, max(1, f.depth))
        kept = {i: n for i, n in kept.items() if i in near}
        out_edges = [e for e in out_edges if e.source in near and e.target in near]
    elif f.focus:
        return [], []
    return list(kept.values()), out_edges


def _neighbourhood(start: str, edges: list[Edge], depth: int) -> set[str]:
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        adjacent[e.source].add(e.target)
        adjacent[e.target].add(e.source)
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        node, d = queue.popleft()
        if d == depth:
            continue
        for other in adjacent[node]:
            if other not in seen:
                seen.add(other)
                queue.append((other, d + 1))
    return seen


def _clip(text: str, limit: int = _QUOTE_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source_lines(sources: list[Source], limit: int = 2) -> list[str]:
    lines = [f"{s.document}, rad {s.line}: ”{_clip(s.quote)}”" for s in sources[:limit]]
    if len(sources) > limit:
        lines.append(f"… och {len(sources) - limit} källor till")
    return lines


def tooltip(lines: Iterable[str]) -> str:
    """Plain-text tooltip (vis-network shows it with innerText); "href" is broken so that pyvis
    never switches to its innerHTML popup."""
    return _HREF.sub(lambda m: m[0][:3] + "\u200b" + m[0][3:], "\n".join(lines))


def network_html(
    nodes: list[Node],
    edges: list[Edge],
    kind_labels: dict[str, str],
    edge_labels: dict[str, str],
    hierarchical: bool = False,
    show_edge_labels: bool = False,
    height: int = 680,
) -> str:
    """The self-contained HTML page (vis-network inlined, ~0.9 MiB) that draws ``nodes``/``edges``."""
    from pyvis.network import Network

    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line", heading="")
    positioned = len(nodes) > LARGE
    if positioned:  # vis-network's layouts are too slow here: fixed positions, no physics
        pos = (level_layout if hierarchical else cluster_layout)(nodes, edges)
    vis_nodes = []
    for n in nodes:
        kind = str(n.kind)
        colour, shape, size = KIND_STYLE.get(kind, ("#9e9e9e", "dot", 12))
        vis_nodes.append(
            {
                "id": n.id,
                "label": _clip(n.name, 40),
                "title": tooltip([n.name, kind_labels.get(kind, kind), *_source_lines(n.sources)]),
                "shape": shape,
                "color": colour,
                "size": size,
                "font": {
                    "size": 14 if size >= 16 else 12,
                    **({"color": "#ffffff"} if shape in _INSIDE else {}),
                },
            }
        )
        if positioned:
            vis_nodes[-1]["x"], vis_nodes[-1]["y"] = pos[n.id]
    names = {n.id: n.name for n in nodes}
    vis_edges = []
    seen: set[str] = set()
    for e in edges:
        key = e.key or f"{e.type}|{e.source}|{e.target}"
        if key in seen:
            continue
        seen.add(key)
        etype = str(e.type)
        label = edge_labels.get(etype, etype)
        when = e.props.get("date") or e.props.get("valid_from")
        title = [f"{names.get(e.source, e.source)} {label} {names.get(e.target, e.target)}"]
        if when:
            title.append(f"Datum: {when}")
        vis_edge = {
            "from": e.source,
            "to": e.target,
            "title": tooltip(title + _source_lines(e.sources)),
            "color": EDGE_COLORS.get(etype, _DEFAULT_EDGE_COLOR),
            "arrows": "to",
        }
        if show_edge_labels:
            vis_edge["label"] = label
        if hierarchical and not positioned and etype in UPWARD:
            vis_edge.update({"from": e.target, "to": e.source, "arrows": "from"})
        vis_edges.append(vis_edge)
    net.nodes = vis_nodes
    net.edges = vis_edges
    net.node_ids = [n["id"] for n in vis_nodes]
    net.node_map = {n["id"]: n for n in vis_nodes}
    net.options = _options(len(vis_nodes), hierarchical, positioned)
    page = net.generate_html()
    page = _EMPTY_HEADING.sub("", _CDN.sub("", page))
    return page.replace("drawGraph();\n", "drawGraph();\n" + _AFTER_DRAW, 1)


def _options(count: int, hierarchical: bool, positioned: bool = False) -> dict:
    large = count > LARGE
    options: dict = {
        "nodes": {"borderWidth": 1, "font": {"face": "sans-serif"}},
        "edges": {
            "smooth": False if large or hierarchical else {"type": "continuous"},
            "arrows": {"to": {"scaleFactor": 0.5}, "from": {"scaleFactor": 0.5}},
            "font": {"size": 9, "align": "middle"},
            "width": 1,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "layout": {"improvedLayout": not large, "randomSeed": 7},
    }
    if positioned:
        options["physics"] = {"enabled": False}
    elif hierarchical:
        options["layout"]["hierarchical"] = {
            "enabled": True,
            "direction": "UD",
            "sortMethod": "directed",
            "levelSeparation": 120,
            "nodeSpacing": 140,
            "shakeTowards": "roots",
        }
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -7000, "springLength": 120, "avoidOverlap": 0.3},
            "stabilization": {
                "enabled": True,
                "iterations": 300,  # an upper bound: vis stops earlier once the nodes are still
                "updateInterval": 25,
                "fit": True,
            },
        }
    return options


# After the first drawing: physics off once stabilised, and a flag the browser test and the
# benchmark wait for. Static text only.
_AFTER_DRAW = """
              network.once("stabilizationIterationsDone", function () {
                  network.setOptions({physics: {enabled: false}});
                  network.fit({maxZoomLevel: 1.6});  // a small graph may fill the frame
              });
              network.once("afterDrawing", function () {
                  document.body.setAttribute("data-map-ready", "1");
              });
              // the frame gets its final width after the first drawing: centre again
              window.addEventListener("resize", function () { network.fit({maxZoomLevel: 1.6}); });
"""


def legend_html(kinds: Iterable[str], kind_labels: dict[str, str]) -> str:
    """Coloured chips for the kinds shown (static colours and labels, no graph text)."""
    chips = []
    for kind in kinds:
        colour, shape, _ = KIND_STYLE.get(kind, ("#9e9e9e", "dot", 12))
        label = html.escape(kind_labels.get(kind, kind))
        chips.append(
            f'<span style="display:inline-block;margin:0 10px 4px 0;white-space:nowrap">'
            f'<span style="display:inline-block;width:12px;height:12px;border-radius:{_RADIUS.get(shape, "50%")};'
            f'background:{colour};margin-right:4px;vertical-align:middle"></span>{label}</span>'
        )
    return '<div style="font-size:0.85rem;line-height:1.6">' + "".join(chips) + "</div>"


_RADIUS = {"box": "2px", "square": "2px", "database": "2px", "diamond": "0", "hexagon": "0", "star": "0"}


def to_json(nodes: list[Node], edges: list[Edge]) -> str:
    """The subgraph as JSON, for a download beside the map."""
    return json.dumps(
        {
            "nodes": [n.model_dump(mode="json") for n in nodes],
            "edges": [e.model_dump(mode="json") for e in edges],
        },
        ensure_ascii=False,
        indent=1,
    )
