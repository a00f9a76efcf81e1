"""Karta: the graph in pyvis, filtered by kind, relation and time, focused by a search.

Beside the map, pickers of the shown nodes and relations show their properties and sources (pyvis
cannot report clicks back to Streamlit); tooltips on the map show name, kind and sources.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from graph.kinds import PROP_LABELS
from graph.models import Edge, EdgeType, Node, NodeKind
from views.common import EDGE_LABELS, KIND_LABELS, backend, frame, graph_lists, md, show_sources
from views.graphmap import MapFilter, legend_html, network_html, node_dates, select, to_json

#: The map refuses to draw more than this many nodes (a browser tab copes with ~2,000 well).
MAX_DRAW = 3000
DEFAULT_HIDDEN = {"AgendaItem", "Decision", "Document"}
MAP_HEIGHT = 680


@st.cache_data(max_entries=2, show_spinner=False)
def date_bounds(_nodes: list[Node], version: str) -> tuple[str, str] | None:
    days = sorted(node_dates(_nodes).values())
    return (days[0], days[-1]) if days else None


@st.cache_resource(max_entries=16, show_spinner=False)  # read-only lists: shared, not copied
def subgraph(
    _nodes: list[Node], _edges: list[Edge], version: str, key: tuple
) -> tuple[list[Node], list[Edge]]:
    return select(_nodes, _edges, MapFilter(*key))


@st.cache_data(max_entries=8, show_spinner="Ritar kartan …")
def map_page(_nodes, _edges, version: str, key: tuple, hierarchical: bool, labels: bool) -> str:
    """The map's HTML, cached per graph version and selection (≈ a hash of the subgraph)."""
    return network_html(_nodes, _edges, KIND_LABELS, EDGE_LABELS, hierarchical, labels, MAP_HEIGHT)


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
        key="map_window",
    )
    return (
        None if start == low else start.isoformat(),
        None if end == high else end.isoformat(),
    )


def _focus(b, search, hit, steps) -> tuple[str | None, int]:
    """A search box, the hit to focus on and how many steps around it (in three columns)."""
    text = search.text_input("Sök och fokusera", key="map_search", placeholder="t.ex. processgrupp demens")
    if not text.strip():
        return None, 1
    hits = b.find_nodes(text, limit=20)
    if not hits:
        hit.caption(f"Inget heter något som liknar ”{md(text)}”.")
        return None, 1
    labels = {n.id: f"{n.name} ({KIND_LABELS.get(str(n.kind), str(n.kind))})" for n in hits}
    focus = hit.selectbox("Träff", list(labels), format_func=labels.get, key="map_hit")
    depth = steps.slider("Steg från den", 1, 3, 1, key="map_depth")
    return focus, depth


def _props_frame(props: dict):
    rows = [
        {"Egenskap": PROP_LABELS.get(k, k), "Värde": v if isinstance(v, str) else str(v)}
        for k, v in props.items()
    ]
    return frame(rows, ["Egenskap", "Värde"])


def _details(nodes: list[Node], edges: list[Edge], focus: str | None) -> None:
    names = {n.id: n.name for n in nodes}
    tab_nodes, tab_edges = st.tabs([f"Noder ({len(nodes)})", f"Relationer ({len(edges)})"])
    with tab_nodes:
        order = sorted(
            nodes, key=lambda n: (n.id != focus, KIND_LABELS.get(str(n.kind), ""), n.name.casefold())
        )
        by_id = {n.id: n for n in order}
        labels = {n.id: f"{n.name} ({KIND_LABELS.get(str(n.kind), str(n.kind))})" for n in order}
        chosen = (
            st.selectbox("Visa nod", list(labels), format_func=labels.get, key="map_node") if order else None
        )
        node = by_id.get(chosen) if chosen else None
        if node is not None:
            st.markdown(f"**{md(node.name)}** · {md(KIND_LABELS.get(str(node.kind), str(node.kind)))}")
            st.caption(f"id: {md(node.id)}")
            if node.aliases:
                st.caption("Även: " + md(", ".join(node.aliases)))
            if node.props:
                st.dataframe(_props_frame(node.props), hide_index=True, width="stretch")
            show_sources(node.sources, links=3)
    with tab_edges:
        by_key = {e.key or f"{e.type}|{e.source}|{e.target}": e for e in edges}
        labels = {
            k: f"{names.get(e.source, e.source)} — {EDGE_LABELS.get(str(e.type), str(e.type))} → "
            f"{names.get(e.target, e.target)}"
            for k, e in by_key.items()
        }
        chosen = (
            st.selectbox("Visa relation", list(labels), format_func=labels.get, key="map_edge")
            if labels
            else None
        )
        edge = by_key.get(chosen) if chosen else None
        if edge is not None:
            st.markdown(md(labels[chosen]))
            if edge.props:
                st.dataframe(_props_frame(edge.props), hide_index=True, width="stretch")
            show_sources(edge.sources, links=3)


def render() -> None:
    st.title("Karta")
    b = backend()
    version = b.version()
    nodes, edges = graph_lists()
    bounds = date_bounds(nodes, version)
    if not nodes:
        st.info("Grafen är tom. Läs in dokument på sidan Dokument.")
        return

    present_kinds = [k.value for k in NodeKind if any(str(n.kind) == k.value for n in nodes)]
    present_types = [t.value for t in EdgeType if any(str(e.type) == t.value for e in edges)]
    with st.container(border=True):
        c1, c2, c3 = st.columns(3)
        kinds = c1.multiselect(
            "Typer av noder",
            present_kinds,
            default=[k for k in present_kinds if k not in DEFAULT_HIDDEN],
            format_func=lambda k: KIND_LABELS.get(k, k),
            key="map_kinds",
            placeholder="Välj typer",
        )
        types = c2.multiselect(
            "Relationer",
            present_types,
            default=present_types,
            format_func=lambda t: EDGE_LABELS.get(t, t),
            key="map_types",
            placeholder="Välj relationer",
        )
        with c3:
            start, end = _window(bounds)
        c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
        focus, depth = _focus(b, c1, c2, c3)
        with c4:
            hierarchical = st.toggle(
                "Hierarkisk layout", key="map_hierarchy", help="Överordnade organ överst"
            )
            labels = st.toggle("Relationernas namn", key="map_labels")

    key = (tuple(sorted(kinds)), tuple(sorted(types)), start, end, focus, depth)
    shown_nodes, shown_edges = subgraph(nodes, edges, version, key)
    st.markdown(legend_html(sorted({str(n.kind) for n in shown_nodes}), KIND_LABELS), unsafe_allow_html=True)
    if not shown_nodes:
        st.info("Inget att visa med det här urvalet.")
        return
    map_col, side = st.columns([3, 2])
    with map_col:
        st.caption(f"{len(shown_nodes)} noder och {len(shown_edges)} relationer.")
        if len(shown_nodes) > MAX_DRAW:
            st.warning(
                f"Urvalet har {len(shown_nodes)} noder; kartan ritar högst {MAX_DRAW}. "
                "Välj färre typer, ett kortare tidsfönster eller sök på en enhet."
            )
        else:
            page = map_page(shown_nodes, shown_edges, version, key, hierarchical, labels)
            st.iframe(page, height=MAP_HEIGHT + 30)  # our own page: every text in it is escaped
        st.download_button(
            "Ladda ner urvalet (JSON)",
            to_json(shown_nodes, shown_edges),
            file_name="samverkanskartan-urval.json",
            mime="application/json",
        )
    with side:
        _details(shown_nodes, shown_edges, focus)


if __name__ == "__main__":
    render()
