"""Karta: the graph to work with. Click a node or relation for its details beside the map,
double-click to focus on its neighbourhood; filters, focus and selection live in the URL.

The map is a two-way component on vis-network (``views/mapwidget.py``); ``views/graphmap.py``
selects what to draw and builds its data, ``views/maplayout.py`` places large maps and the top-down
view. The URL keeps the view: ``typer``, ``relationer``, ``tid``, ``vy``, ``grans``, ``namn``,
``steg`` (bound widgets) and ``fokus``, ``vald`` (node ids, or ``kant:<key>`` for a relation).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import streamlit as st

from graph.kinds import KINDS
from graph.models import Edge, EdgeType, Node, NodeKind
from views.common import (
    DOCUMENTS_PAGE,
    EDGE_LABELS,
    KIND_LABELS,
    backend,
    frame,
    graph_lists,
    md,
    prop_rows,
    show_sources,
)
from views.graphmap import (
    PRIVATE_KEYS,
    MapFilter,
    legend_html,
    map_payload,
    network_html,
    node_dates,
    select,
    to_json,
)
from views.mapwidget import map_events

#: The map refuses to draw more than this many nodes (a browser tab copes with ~2,000 well).
MAX_DRAW = 3000
#: Kinds that belong to one document: never on the map unless chosen.
DOCUMENT_KINDS = {"AgendaItem", "Decision", "Document"}
#: Hidden by default when the map would otherwise have more than ``grans`` nodes.
CROWD_KINDS = {"Person", "Organisation", "Meeting"}
DEFAULT_LIMIT = 80
#: Up to this many nodes a list beside the map offers them too (for choosing without the mouse).
PICK_LIMIT = 400
MAP_HEIGHT = 640
HIERARCHY_HEIGHT = 820
EDGE_PREFIX = "kant:"
PAGES = {
    "mandates": "views/mandates.py",
    "lineage": "views/lineage.py",
    "people": "views/people.py",
    "register": "views/register.py",
}
#: The two views (the URL holds the word: ``vy=Uppifrån``).
FREE, TOP_DOWN = "Fri", "Uppifrån"
_LISTED = 12


@st.cache_data(max_entries=2, show_spinner=False)
def date_bounds(_nodes: list[Node], version: str) -> tuple[str, str] | None:
    days = sorted(node_dates(_nodes).values())
    return (days[0], days[-1]) if days else None


@st.cache_resource(max_entries=32, show_spinner=False)  # read-only lists: shared, not copied
def subgraph(
    _nodes: list[Node], _edges: list[Edge], version: str, key: tuple
) -> tuple[list[Node], list[Edge]]:
    return select(_nodes, _edges, MapFilter(*key))


@st.cache_data(max_entries=16, show_spinner="Ritar kartan …")
def payload(_nodes, _edges, version: str, key: tuple, hierarchical: bool, labels: bool, height: int) -> dict:
    """The component's data, cached per graph version and selection."""
    focus = key[4]
    return map_payload(_nodes, _edges, KIND_LABELS, EDGE_LABELS, hierarchical, labels, focus, height)


@st.cache_data(max_entries=4, show_spinner="Gör en fristående karta …")
def standalone(_nodes, _edges, version: str, key: tuple, hierarchical: bool) -> str:
    """The same view as a self-contained HTML page (pyvis, vis-network inlined): works offline."""
    return network_html(_nodes, _edges, KIND_LABELS, EDGE_LABELS, hierarchical)


@st.cache_resource(max_entries=2, show_spinner=False)
def _presence(_nodes: list[Node], _edges: list[Edge], version: str) -> tuple[list[str], list[str]]:
    kinds = {str(n.kind) for n in _nodes}
    types = {str(e.type) for e in _edges}
    return [k.value for k in NodeKind if k.value in kinds], [t.value for t in EdgeType if t.value in types]


@st.cache_resource(max_entries=2, show_spinner=False)
def _index(_nodes: list[Node], _edges: list[Edge], version: str):
    """Nodes by id and each node's relations, for the details beside the map."""
    by_id = {n.id: n for n in _nodes}
    around: dict[str, list[Edge]] = defaultdict(list)
    by_key: dict[str, Edge] = {}
    for e in _edges:
        around[e.source].append(e)
        around[e.target].append(e)
        by_key[e.key or f"{e.type}|{e.source}|{e.target}"] = e
    return by_id, around, by_key


def default_kinds(
    nodes, edges, version, present_kinds, present_types, limit, focus, depth, window, hierarchical=False
) -> list[str]:
    """Every kind but the document's own, and no people, organisations or meetings when the map
    would have more than ``limit`` nodes with them; the top-down view shows the groups only."""
    if hierarchical:
        return [k for k in present_kinds if KINDS[k].group]
    kinds = [k for k in present_kinds if k not in DOCUMENT_KINDS]
    key = (tuple(sorted(kinds)), tuple(sorted(present_types)), *window, focus, depth)
    shown, _ = subgraph(nodes, edges, version, key)
    if len(shown) > limit:
        kinds = [k for k in kinds if k not in CROWD_KINDS]
    return kinds


def _follow_default(key: str, default: list[str]) -> None:
    """Keep a multiselect on its default while the user has not changed it (the default moves with
    the focus and the size limit); a value from the URL counts as the user's."""
    previous = st.session_state.get(f"_{key}_default")
    st.session_state[f"_{key}_default"] = default
    if key in st.query_params and key not in st.session_state:
        return
    if key not in st.session_state or st.session_state[key] == previous:
        st.session_state[key] = default


def _window(bounds: tuple[str, str] | None) -> tuple[str | None, str | None]:
    if bounds is None or bounds[0] == bounds[1]:
        return None, None
    low, high = date.fromisoformat(bounds[0]), date.fromisoformat(bounds[1])
    start, end = st.slider(
        "Tidsfönster (slutdatum = som det såg ut den dagen)",
        min_value=low,
        max_value=high,
        value=(low, high),
        format="YYYY-MM-DD",
        key="tid",
        bind="query-params",
    )
    return (
        None if start == low else start.isoformat(),
        None if end == high else end.isoformat(),
    )


# --- the details beside the map --------------------------------------------------------------------
def _actions(node: Node) -> None:
    kind = str(node.kind)
    info = KINDS.get(kind)
    links = []
    if info is not None and (info.body or kind == "Person"):
        links.append((PAGES["mandates"], "Kedjan uppåt", ":material/account_tree:", {"nod": node.id}))
    if kind == "Person":
        links.append((PAGES["people"], "Personen", ":material/person:", {"person": node.id}))
    if info is not None and info.group:
        links.append((PAGES["register"], "I registret", ":material/table_view:", {"grupp": node.id}))
    if info is not None and info.entity and kind != "Person":
        links.append((PAGES["lineage"], "Beslutsspår", ":material/timeline:", {"arende": node.name}))
    if kind == "Document":
        links.append((DOCUMENTS_PAGE, "Öppna dokumentet", ":material/description:", {"doc": node.name}))
    columns = st.columns(max(1, len(links)))
    for column, (page, label, icon, params) in zip(columns, links, strict=False):
        column.page_link(page, label=label, icon=icon, query_params=params)


#: How a node's incoming relations read from the node ("Ledamöter", "Nämns i").
INCOMING = {
    "HELD_BY": "Möten",
    "HAS_ITEM": "Möte",
    "HAS_DECISION": "Under ärendet",
    "DECIDED_BY": "Beslut",
    "ATTENDED": "Deltagare",
    "PRESENTED": "Föredragande",
    "MEMBER_OF": "Ledamöter",
    "AFFILIATED_WITH": "Knutna personer",
    "COMMISSIONS": "Har uppdrag från",
    "REPORTS_TO": "Rapporterar hit",
    "STEERS": "Styrs av",
    "PART_OF": "Består av",
    "FUNDS": "Finansieras av",
    "PARTY_TO": "Parter",
    "CONCERNS": "Nämns i",
    "FROM_DOCUMENT": "Lästa ur dokumentet",
}


def _relations(node: Node, around: list[Edge], by_id: dict[str, Node]) -> None:
    grouped: dict[str, list[str]] = defaultdict(list)
    for e in around:
        other = e.target if e.source == node.id else e.source
        name = by_id[other].name if other in by_id else other
        etype = str(e.type)
        if e.source == node.id:
            label = EDGE_LABELS.get(etype, etype)
            heading = label[:1].upper() + label[1:]
        else:
            heading = INCOMING.get(etype, etype)
        grouped[heading].append(name)
    if not grouped:
        st.caption("Inga relationer.")
        return
    lines = []
    for heading in sorted(grouped, key=lambda h: (-len(grouped[h]), h)):
        names = sorted(dict.fromkeys(grouped[heading]), key=str.casefold)
        more = f" … och {len(names) - _LISTED} till" if len(names) > _LISTED else ""
        lines.append(f"- **{md(heading)}** ({len(names)}): {md(', '.join(names[:_LISTED]))}{md(more)}")
    st.markdown("\n".join(lines))


def node_details(node: Node, around: list[Edge], by_id: dict[str, Node], focused: bool) -> None:
    st.markdown(f"#### {md(node.name)}")
    st.caption(md(KIND_LABELS.get(str(node.kind), str(node.kind))))
    if node.aliases:
        st.caption("Skrivs även: " + md(", ".join(node.aliases)))
    _actions(node)
    if not focused and st.button(
        "Fokusera på grannskapet", key="karta_fokusera", icon=":material/center_focus_strong:"
    ):
        st.query_params["fokus"] = node.id
        st.rerun()
    rows = prop_rows(node.props, lambda i: by_id[i].name if i in by_id else None)
    if rows:
        st.dataframe(frame(rows, ["Egenskap", "Värde"]), hide_index=True, width="stretch")
    st.markdown("**Relationer**")
    _relations(node, around, by_id)
    st.markdown("**Källor**")
    show_sources(node.sources, links=3)


def edge_details(edge: Edge, by_id: dict[str, Node]) -> None:
    source = by_id[edge.source].name if edge.source in by_id else edge.source
    target = by_id[edge.target].name if edge.target in by_id else edge.target
    st.markdown(f"#### {md(source)} — {md(EDGE_LABELS.get(str(edge.type), str(edge.type)))} → {md(target)}")
    rows = prop_rows(edge.props, lambda i: by_id[i].name if i in by_id else None)
    if rows:
        st.dataframe(frame(rows, ["Egenskap", "Värde"]), hide_index=True, width="stretch")
    st.markdown("**Källor**")
    show_sources(edge.sources, links=3)


def _pick(shown: list[Node]) -> None:
    """A list of the shown nodes, for choosing without the mouse."""
    order = sorted(shown, key=lambda n: (list(KINDS).index(str(n.kind)) if str(n.kind) in KINDS else 99,
                                         n.name.casefold()))  # fmt: skip
    labels = {n.id: f"{n.name} ({KIND_LABELS.get(str(n.kind), str(n.kind))})" for n in order}

    def chosen() -> None:
        value = st.session_state.get("karta_lista")
        if value:
            st.query_params["vald"] = value
        st.session_state["karta_lista"] = None

    st.selectbox("Eller välj i listan", list(labels), format_func=labels.get, index=None, key="karta_lista",
                 placeholder="Välj en nod på kartan …", on_change=chosen)  # fmt: skip


def _handle(event: dict | None, edge_keys: list[str]) -> None:
    """A click selects (the details follow in this run), a double-click focuses (a new map)."""
    if event is None:
        return
    kind = event.get("event")
    edge = event.get("edge")
    if kind == "select" and event.get("node"):
        st.query_params["vald"] = str(event["node"])
    elif kind == "select" and isinstance(edge, int) and 0 <= edge < len(edge_keys):
        st.query_params["vald"] = EDGE_PREFIX + edge_keys[edge]
    elif kind == "clear":
        st.query_params.pop("vald", None)
    elif kind == "focus" and event.get("node"):
        st.query_params["fokus"] = str(event["node"])
        st.query_params["vald"] = str(event["node"])
        st.rerun()


def _bound(key: str, parse, default):
    """A bound widget's value before the widget is made: its state on a rerun, the URL when opened
    by a link (the URL holds what the widget shows: labels, ISO dates, "true"), else the default."""
    if key in st.session_state:
        return st.session_state[key]
    values = st.query_params.get_all(key)
    if not values:
        return default
    try:
        value = parse(values)
    except (ValueError, KeyError, IndexError):
        return default
    return default if value is None else value


def _labels_to(values: list[str], labels: dict[str, str], present: list[str]) -> list[str]:
    inverse = {labels.get(v, v): v for v in present}
    return [inverse[v] for v in values if v in inverse]


def _dates(values: list[str]) -> tuple[date, date]:
    return date.fromisoformat(values[0]), date.fromisoformat(values[-1])


def _controls(nodes, version, present_kinds, present_types, focus, bounds) -> dict:
    """The filters, made after the map (so its frame starts loading first) in a container above it."""
    values: dict = {}
    c1, c2, c3 = st.columns([3, 3, 2])
    with c3:
        values["view"] = st.segmented_control("Vy", [FREE, TOP_DOWN], default=FREE, key="vy",
                                              bind="query-params", help="Uppifrån: rådet överst, sedan nätverk, "
                                              "styrgrupper, processgrupper och LPO, arbetsgrupper")  # fmt: skip
        values["limit"] = st.number_input("Dölj personer, organisationer och möten över", min_value=10,
                                          max_value=5000, value=DEFAULT_LIMIT, step=10, key="grans",
                                          bind="query-params",
                                          help="Antal noder på kartan; de kan alltid väljas under Typer av noder.")  # fmt: skip
    c4, c5, c6 = st.columns([3, 3, 2])
    with c4:
        values["window"] = _window(bounds)
    values["depth"] = 1
    if focus:
        with c5:
            values["depth"] = st.slider("Steg från fokus", 1, 3, 1, key="steg", bind="query-params")
    with c6:
        values["labels"] = st.toggle("Relationernas namn", key="namn", bind="query-params")
    values["kinds"] = c1.multiselect("Typer av noder", present_kinds, format_func=lambda k: KIND_LABELS.get(k, k),
                                     key="typer", placeholder="Välj typer", select_all=False, bind="query-params")  # fmt: skip
    values["types"] = c2.multiselect("Relationer", present_types, default=present_types,
                                     format_func=lambda t: EDGE_LABELS.get(t, t), key="relationer",
                                     placeholder="Välj relationer", select_all=False, bind="query-params")  # fmt: skip
    return values


def render() -> None:
    st.title("Karta")
    b = backend()
    version = b.version()
    nodes, edges = graph_lists()
    if not nodes:
        st.info("Grafen är tom. Läs in dokument på sidan Dokument.")
        st.page_link(DOCUMENTS_PAGE, label="Till Dokument", icon=":material/upload_file:")
        return
    by_id, around, by_key = _index(nodes, edges, version)
    present_kinds, present_types = _presence(nodes, edges, version)
    bounds = date_bounds(nodes, version)
    focus = st.query_params.get("fokus")
    if focus and focus not in by_id:
        st.warning("Noden i länkens fokus finns inte längre i grafen; hela kartan visas.")
        st.query_params.pop("fokus", None)
        focus = None

    # What to draw, read before the filters are made (see _bound): the map's frame is the first
    # thing after the title, and its drawing overlaps the rest of the page's.
    view = _bound("vy", lambda v: v[-1] if v[-1] in (FREE, TOP_DOWN) else None, FREE)
    limit = int(_bound("grans", lambda v: int(v[-1]), DEFAULT_LIMIT) or DEFAULT_LIMIT)
    depth = int(_bound("steg", lambda v: int(v[-1]), 1)) if focus else 1
    labels = bool(_bound("namn", lambda v: v[-1] == "true", False))
    low_high = _bound("tid", _dates, None)
    window: tuple[str | None, str | None] = (None, None)
    if low_high and bounds and bounds[0] != bounds[1]:
        window = (
            None if low_high[0].isoformat() <= bounds[0] else low_high[0].isoformat(),
            None if low_high[1].isoformat() >= bounds[1] else low_high[1].isoformat(),
        )
    types = _bound("relationer", lambda v: _labels_to(v, EDGE_LABELS, present_types), present_types)
    default = default_kinds(nodes, edges, version, present_kinds, present_types, limit, focus, depth, window,
                            view == TOP_DOWN)  # fmt: skip
    _follow_default("typer", default)
    kinds = _bound("typer", lambda v: _labels_to(v, KIND_LABELS, present_kinds), default)

    controls = st.container(border=True)
    focus_bar = st.container()
    legend = st.container()
    hierarchical = view == TOP_DOWN
    key = (tuple(sorted(kinds)), tuple(sorted(types)), *window, focus, depth)
    shown_nodes, shown_edges = subgraph(nodes, edges, version, key)
    too_many = len(shown_nodes) > MAX_DRAW
    map_col, side = st.columns([3, 2]) if not hierarchical else (st.container(), st.container())
    edge_keys: list[str] = []
    if shown_nodes and not too_many:
        height = HIERARCHY_HEIGHT if hierarchical else MAP_HEIGHT
        data = payload(shown_nodes, shown_edges, version, key, hierarchical, labels, height)
        edge_keys = data["edge_keys"]
        selected = st.query_params.get("vald")
        chosen: dict = {"node": selected}
        if selected and selected.startswith(EDGE_PREFIX):
            edge_key = selected[len(EDGE_PREFIX) :]
            chosen = {"edge": edge_keys.index(edge_key) if edge_key in edge_keys else None}
        sent = {k: v for k, v in data.items() if k not in PRIVATE_KEYS}
        with map_col:
            _handle(map_events({**sent, "selected": chosen}), edge_keys)

    with controls:
        made = _controls(nodes, version, present_kinds, present_types, focus, bounds)
    used = {"view": view, "limit": limit, "depth": depth, "labels": labels, "window": window,
            "kinds": sorted(kinds), "types": sorted(types)}  # fmt: skip
    differs = {**made, "kinds": sorted(made["kinds"]), "types": sorted(made["types"])} != used
    if differs and not st.session_state.get("_karta_again"):
        # the URL said something the filters read differently: draw what they say (once)
        st.session_state["_karta_again"] = True
        st.rerun()
    st.session_state["_karta_again"] = False

    with focus_bar:
        if focus:
            f1, f2 = st.columns([4, 1])
            f1.markdown(f"**Fokus:** {md(by_id[focus].name)} ({md(KIND_LABELS.get(str(by_id[focus].kind), ''))}) "
                        f"och allt inom {depth} steg")  # fmt: skip
            if f2.button("Visa hela kartan", key="karta_utan_fokus", icon=":material/zoom_out_map:"):
                st.query_params.pop("fokus", None)
                st.rerun()
    with legend:
        st.html(legend_html(sorted({str(n.kind) for n in shown_nodes}), KIND_LABELS,
                            sorted({str(e.type) for e in shown_edges}), EDGE_LABELS))  # fmt: skip
        if not shown_nodes:
            st.info("Inget att visa med det här urvalet.")
            return
        by_default = sorted(kinds) == sorted(default) and view != TOP_DOWN
        hidden = [KIND_LABELS[k] for k in present_kinds if k in CROWD_KINDS and k not in kinds] if by_default else []
        note = f"{len(shown_nodes)} noder och {len(shown_edges)} relationer."
        if hidden:
            note += (f" Dolda för att kartan annars blir för stor: {', '.join(hidden).lower()} "
                     "(välj dem under Typer av noder).")  # fmt: skip
        st.caption(md(note))
        if too_many:
            st.warning(
                f"Urvalet har {len(shown_nodes)} noder; kartan ritar högst {MAX_DRAW}. "
                "Välj färre typer, ett kortare tidsfönster eller fokusera på en enhet."
            )
            return

    selected = st.query_params.get("vald")
    with side:
        if selected and selected.startswith(EDGE_PREFIX) and selected[len(EDGE_PREFIX) :] in by_key:
            edge_details(by_key[selected[len(EDGE_PREFIX) :]], by_id)
        elif selected and selected in by_id:
            node_details(by_id[selected], around[selected], by_id, focused=selected == focus)
        else:
            st.info("Klicka på en nod eller relation på kartan för att se uppgifterna här. "
                    "Dubbelklicka på en nod för att visa bara dess grannskap.")  # fmt: skip
        if len(shown_nodes) <= PICK_LIMIT:
            _pick(shown_nodes)
    # the files are made when a button is pressed, not on every run
    d1, d2, _ = st.columns([1, 1, 2])
    d1.download_button("Ladda ner urvalet (JSON)", lambda: to_json(shown_nodes, shown_edges),
                       file_name="samverkanskartan-urval.json", mime="application/json", on_click="ignore",
                       icon=":material/download:", key="karta_json")  # fmt: skip
    d2.download_button("Ladda ner kartan (HTML)",
                       lambda: standalone(shown_nodes, shown_edges, version, key, hierarchical),
                       file_name="samverkanskartan-karta.html", mime="text/html", on_click="ignore",
                       icon=":material/download:", key="karta_html",
                       help="En HTML-fil med kartan som fungerar utan nätverk.")  # fmt: skip


if __name__ == "__main__":
    render()
