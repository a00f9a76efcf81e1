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

import hashlib
import html
import json
import math
import re
from collections import defaultdict, deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from graph.kinds import EDGES, KINDS
from graph.models import Edge, Node, Source
from views.maplayout import cluster_layout, hierarchy_layout, level_layout

__all__ = [
    "EDGE_COLORS",
    "KIND_STYLE",
    "MapFilter",
    "legend_html",
    "map_payload",
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


def _polygon(points: list[tuple[float, float]]) -> str:
    return "polygon(" + ", ".join(f"{x:.0f}% {y:.0f}%" for x, y in points) + ")"


def _star() -> list[tuple[float, float]]:
    out = []
    for i in range(10):
        r = 50 if i % 2 == 0 else 20
        out.append((50 + r * math.sin(math.pi * i / 5), 52 - r * math.cos(math.pi * i / 5)))
    return out


#: Kind shape -> CSS for a 14 px mark drawn like vis-network draws it (clip-path survives the
#: sanitiser of ``st.html``, inline SVG does not).
_MARKS = {
    "star": f"clip-path:{_polygon(_star())}",
    "diamond": f"clip-path:{_polygon([(50, 0), (100, 50), (50, 100), (0, 50)])}",
    "hexagon": f"clip-path:{_polygon([(25, 7), (75, 7), (100, 50), (75, 93), (25, 93), (0, 50)])}",
    "triangle": f"clip-path:{_polygon([(50, 4), (100, 92), (0, 92)])}",
    "triangleDown": f"clip-path:{_polygon([(0, 8), (100, 8), (50, 96)])}",
    "square": "border-radius:1px;width:12px;height:12px",
    "box": "border-radius:3px;width:18px;height:11px",
    "database": "border-radius:5px/3px;width:14px;height:14px",
    "ellipse": "border-radius:50%;width:20px;height:11px",
    "dot": "border-radius:50%;width:12px;height:12px",
}


def _legend_shape(shape: str, colour: str) -> str:
    """A kind's mark: its vis-network shape in its colour (static, no graph text)."""
    if shape == "text":
        return f'<span style="color:{colour};font-weight:bold;font-size:12px">Aa</span>'
    style = _MARKS.get(shape, _MARKS["dot"])
    size = "" if "width" in style else "width:15px;height:15px;"
    return f'<span style="display:inline-block;{size}{style};background:{colour}"></span>'


def legend_html(
    kinds: Iterable[str],
    kind_labels: dict[str, str],
    types: Iterable[str] = (),
    edge_labels: dict[str, str] | None = None,
) -> str:
    """The legend of what is shown: each kind with the shape and colour the map draws it in, and
    each relation with its colour (static colours and Swedish labels only, no graph text)."""
    item = ('<span style="display:inline-flex;align-items:center;gap:3px;margin:0 12px 4px 0;'
            'white-space:nowrap">{mark}{label}</span>')  # fmt: skip
    chips = []
    for kind in kinds:
        colour, shape, _ = KIND_STYLE.get(kind, ("#9e9e9e", "dot", 12))
        chips.append(
            item.format(mark=_legend_shape(shape, colour), label=html.escape(kind_labels.get(kind, kind)))
        )
    lines = []
    for etype in types:
        colour = EDGE_COLORS.get(etype, _DEFAULT_EDGE_COLOR)
        mark = (f'<span style="display:inline-block;width:18px;height:2px;background:{colour}"></span>'
                f'<span style="display:inline-block;width:7px;height:8px;margin-left:-1px;background:{colour};'
                f'clip-path:{_polygon([(0, 0), (100, 50), (0, 100)])}"></span>')  # fmt: skip
        label = (edge_labels or {}).get(etype, etype)
        lines.append(item.format(mark=mark, label=html.escape(label)))
    out = '<div style="font-size:0.85rem;line-height:1.5">'
    out += '<div><span style="color:#6b6b78;margin-right:8px">Noder:</span>' + "".join(chips) + "</div>"
    if lines:
        out += (
            '<div><span style="color:#6b6b78;margin-right:8px">Relationer:</span>' + "".join(lines) + "</div>"
        )
    return out + "</div>"


# --- the component's data (views/mapwidget.py) ----------------------------------------------------
#: Band captions of the top-down view, by level (``graph.kinds``: council 0 … working group 4).
BAND_LABELS = {0: "Råd", 1: "Nätverk", 2: "Styrgrupper", 3: "Processgrupper och LPO", 4: "Arbetsgrupper"}
#: Label sizes in the top-down view: one column per network at about 150 px, read at zoom 1.
TOP_DOWN_FONT = {"Council": 18, "Network": 16, "SteeringGroup": 14, "ProcessGroup": 13, "ProgramArea": 13,
                 "WorkingGroup": 13}  # fmt: skip
#: The top-down view's frame grows with the structure up to this height (the page scrolls).
TOP_DOWN_MAX_HEIGHT = 3200
#: Relations that make the structure: drawn full in the top-down view, the others faint.
STRUCTURE_TYPES = frozenset({"STEERS", "REPORTS_TO", "PART_OF", "COMMISSIONS"})
_WRAP = 22


def font_size(kind: str) -> int:
    """Labels by importance: the council's largest, groups by level, other entities, then the rest.

    People's and meetings' labels vanish first when zooming out (``drawThreshold``), the
    structure's stay readable.
    """
    info = KINDS.get(kind)
    if info is None:
        return 12
    if info.level is not None:
        return 26 - 2 * info.level
    if kind == "Funding":  # its label is drawn inside: a small font keeps the cylinder small
        return 11
    return 16 if info.entity else 14


def wrap_label(name: str, width: int = _WRAP, lines: int = 2) -> str:
    """A name in at most ``lines`` lines of about ``width`` characters, cut with … when longer.

    >>> wrap_label("Regional processgrupp psykisk hälsa och suicidprevention")
    'Regional processgrupp\\npsykisk hälsa och sui…'
    >>> wrap_label("Välfärdsrådet")
    'Välfärdsrådet'
    """
    words = " ".join(str(name).split()).split(" ")
    out: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        rest = " ".join(out[lines - 1 :])
        out = [*out[: lines - 1], rest[: width - 1].rstrip() + "…"]
    out = [line if len(line) <= width + 2 else line[: width - 1] + "…" for line in out]
    return "\n".join(out)


def map_payload(
    nodes: list[Node],
    edges: list[Edge],
    kind_labels: dict[str, str],
    edge_labels: dict[str, str],
    hierarchical: bool = False,
    show_edge_labels: bool = False,
    focus: str | None = None,
    height: int = 680,
) -> dict:
    """What the map component draws, in columns (small: 2,000 nodes and 6,000 relations are about
    200 KB): one style per kind and per relation type, then per node its id, label, kind and
    position, per relation its ends and type as indexes. ``edge_keys`` (not sent to the browser)
    turns the index a click reports back into the relation's key. ``version`` changes with
    anything drawn.

    Positions: the top-down view always comes from :func:`views.maplayout.hierarchy_layout`; the
    free view above ``LARGE`` nodes from :func:`views.maplayout.cluster_layout`; a smaller free
    view is laid out by vis-network's physics, stabilised and then switched off.
    """
    edge_list: list[Edge] = []
    seen: set[str] = set()
    index = {n.id: i for i, n in enumerate(nodes)}
    for e in edges:
        key = e.key or f"{e.type}|{e.source}|{e.target}"
        if key not in seen and e.source in index and e.target in index:
            seen.add(key)
            edge_list.append(e)
    bands: list[dict] = []
    pos: dict[str, tuple[float, float]] | None = None
    if hierarchical:
        pos, bands = hierarchy_layout(nodes, edge_list, BAND_LABELS)
    elif len(nodes) > LARGE:
        pos = cluster_layout(nodes, edge_list)

    kinds = sorted({str(n.kind) for n in nodes}, key=lambda k: list(KINDS).index(k) if k in KINDS else 99)
    kind_index = {k: i for i, k in enumerate(kinds)}
    styles = []
    for kind in kinds:
        colour, shape, size = KIND_STYLE.get(kind, ("#9e9e9e", "dot", 12))
        inside = shape in _INSIDE
        styles.append(
            {
                "label": kind_labels.get(kind, kind),
                "shape": shape,
                "color": colour,
                "size": round(size * 0.6) if hierarchical else size,
                "font": {
                    "size": TOP_DOWN_FONT.get(kind, 12) if hierarchical else font_size(kind),
                    **({"color": "#ffffff", "strokeWidth": 0} if inside else {}),
                },
            }
        )
    types = sorted({str(e.type) for e in edge_list}, key=lambda t: list(EDGES).index(t) if t in EDGES else 99)
    type_index = {t: i for i, t in enumerate(types)}
    type_styles = [
        {
            "label": edge_labels.get(t, t),
            "color": EDGE_COLORS.get(t, _DEFAULT_EDGE_COLOR),
            "faint": hierarchical and t not in STRUCTURE_TYPES,
        }
        for t in types
    ]
    wrap = 18 if hierarchical else _WRAP
    labels = [wrap_label(n.name, wrap) for n in nodes]
    payload = {
        "kinds": styles,
        "types": type_styles,
        "ids": [n.id for n in nodes],
        "labels": labels,
        "names": {i: n.name for i, n in enumerate(nodes) if n.name != labels[i]},
        "aliases": {i: n.aliases[:3] for i, n in enumerate(nodes) if n.aliases},
        "kind": [kind_index[str(n.kind)] for n in nodes],
        "x": [pos[n.id][0] for n in nodes] if pos is not None else None,
        "y": [pos[n.id][1] for n in nodes] if pos is not None else None,
        "from": [index[e.source] for e in edge_list],
        "to": [index[e.target] for e in edge_list],
        "type": [type_index[str(e.type)] for e in edge_list],
        "dates": {
            i: str(e.props.get("date") or e.props.get("valid_from"))[:10]
            for i, e in enumerate(edge_list)
            if e.props.get("date") or e.props.get("valid_from")
        },
        "focus": index.get(focus) if focus else None,
        "edge_labels": show_edge_labels,
        "bands": bands,
        "options": _component_options(
            len(nodes), "hierarchy" if hierarchical else "positioned" if pos else "physics"
        ),
        "layout": "hierarchy" if hierarchical else "positioned" if pos is not None else "physics",
        "height": height,
        "max_height": TOP_DOWN_MAX_HEIGHT if hierarchical else height,
        "filename": "samverkanskartan-karta",
    }
    digest = hashlib.sha1(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    payload["version"] = digest.hexdigest()[:16]
    payload["edge_keys"] = [e.key or f"{e.type}|{e.source}|{e.target}" for e in edge_list]
    return payload


#: What :func:`map_payload` keeps for Python only.
PRIVATE_KEYS = frozenset({"edge_keys"})


def _component_options(count: int, layout: str) -> dict:
    large = count > LARGE
    options: dict = {
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "font": {"face": "sans-serif", "strokeWidth": 4, "strokeColor": "rgba(255,255,255,0.9)"},
            "scaling": {"label": {"drawThreshold": 6}},
        },
        "edges": {
            "smooth": False if large or layout == "hierarchy" else {"type": "continuous"},
            "arrows": {"to": {"scaleFactor": 0.5}, "from": {"scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
            "width": 1,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "layout": {"improvedLayout": not large and layout == "physics", "randomSeed": 7},
    }
    if layout == "physics":
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -4000,
                "centralGravity": 0.8,
                "springLength": 150,
                "springConstant": 0.03,
                "avoidOverlap": 1,
            },
            "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True},
        }
    else:
        options["physics"] = {"enabled": False}
    return options


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
