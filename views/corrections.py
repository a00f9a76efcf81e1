"""Rättelser: merge, rename, change a kind, add or remove a relation, mark a fact as wrong; undo.

Corrections live in the store's ``corrections.json`` and are applied after every rebuild
(``graph.corrections``), so they survive re-ingestion. Saving one rebuilds the graph at once.

The pickers offer only what can be corrected: real-world entities (groups, organisations, people,
agreements, initiatives), not the meetings, agenda items and decisions that belong to one
document; a relation between two of them; and the kinds and relation types that fit them. The tabs
keep their place when the page reruns (a keyed ``st.tabs``), also after saving.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph.corrections import OPS, Outcome, new_correction
from graph.models import ENTITY_KINDS, Edge, EdgeType
from graph.store import EmbeddedStore
from loaders.pipeline import add_correction, correction_outcomes, set_correction_undone
from views.common import EDGE_LABELS, KIND_LABELS, backend, frame, local_time, md, node_labels, store

OP_LABELS = {
    "merge": "Slå ihop",
    "rename": "Byt namn",
    "change_kind": "Byt typ",
    "add_edge": "Lägg till relation",
    "remove_edge": "Ta bort relation",
    "mark_wrong": "Markera som fel",
}
STATUS_LABELS = {"applied": "gäller", "skipped": "hoppades över", "undone": "ångrad"}
#: What a correction may name: entities (a meeting, an item or a decision belongs to its document).
CORRECTABLE = ENTITY_KINDS
#: Kinds a node may be changed into, in the table's order.
NEW_KINDS = [k.value for k in sorted(ENTITY_KINDS, key=lambda k: list(KIND_LABELS).index(k.value))]
#: Relations that tie entities to each other (the document's own bookkeeping is left out).
BOOKKEEPING = {EdgeType.FROM_DOCUMENT, EdgeType.HAS_ITEM, EdgeType.HAS_DECISION}
RELATION_TYPES = [t.value for t in EdgeType if t not in BOOKKEEPING]
#: Above this many candidates a node picker asks for a search word first.
_PICK_ALL = 3000


# --- store operations (no widgets): loaders.pipeline saves and rebuilds ------------------------------
@st.cache_data(max_entries=4, show_spinner=False)
def outcomes(_s: EmbeddedStore, stamp: tuple[int, int], corrections_key: str) -> dict[str, Outcome]:
    """What became of each correction on the graph as the documents give it."""
    return {o.id: o for o in correction_outcomes(_s)}


def describe(c: dict[str, Any]) -> str:
    """One line in Swedish for the list of corrections."""
    args = c.get("args") or {}
    names = args.get("names") or {}

    def name(key: str) -> str:
        value = args.get(key)
        return names.get(value, value) if isinstance(value, str) else str(value)

    op = c.get("op")
    if op == "merge":
        return f"{name('drop')} slogs ihop med {name('keep')}"
    if op == "rename":
        return f"{name('id')} heter {args.get('name')}"
    if op == "change_kind":
        return f"{name('id')} är {KIND_LABELS.get(args.get('kind'), args.get('kind'))}"
    if op in ("add_edge", "remove_edge") and args.get("source"):
        verb = "ny relation" if op == "add_edge" else "borttagen relation"
        rel = EDGE_LABELS.get(args.get("type"), args.get("type"))
        return f"{verb}: {name('source')} {rel} {name('target')}"
    if op == "mark_wrong":
        return f"fel: {name('node') if args.get('node') else args.get('label') or args.get('edge')}"
    return f"{op}: {args}"


# --- widgets ---------------------------------------------------------------------------------------
def node_picker(label: str, key: str, kinds=CORRECTABLE) -> str | None:
    """An entity, chosen from a list (narrowed by a search word on large graphs)."""
    labels = node_labels(kinds)
    if len(labels) > _PICK_ALL:
        text = st.text_input(f"{label}: sök", key=f"{key}_search")
        hits = backend().find_nodes(text, kinds, limit=50) if text.strip() else []
        labels = {n.id: labels.get(n.id, n.name) for n in hits}
    return st.selectbox(
        label, list(labels), format_func=labels.get, key=key, index=None, placeholder="Välj …"
    )


def edge_picker(key: str) -> Edge | None:
    """A relation of a chosen node."""
    node = node_picker("Nod", f"{key}_node")
    if node is None:
        return None
    b = backend()
    edges = {e.key: e for e in b.edges_out(node) + b.edges_in(node) if e.key and e.type not in BOOKKEEPING}
    names = node_labels()
    labels = {
        k: f"{names.get(e.source, e.source)} — {EDGE_LABELS.get(str(e.type), str(e.type))} → {names.get(e.target, e.target)}"
        for k, e in edges.items()
    }
    chosen = st.selectbox("Relation", list(labels), format_func=labels.get, key=f"{key}_edge", index=None,
                          placeholder="Välj …")  # fmt: skip
    return edges.get(chosen) if chosen else None


def _submit(op: str, args: dict[str, Any] | None, key: str) -> None:
    reason = st.text_input("Varför? (sparas med rättelsen)", key=f"{key}_reason")
    if st.button(OP_LABELS[op], key=f"{key}_save", type="primary", disabled=args is None):
        if not reason.strip():
            st.error("Skriv varför rättelsen görs.")
            return
        try:
            correction = new_correction(op, args or {}, reason)
        except ValueError as exc:
            st.error(f"Rättelsen kunde inte sparas: {md(exc)}")
            return
        add_correction(store(), correction)
        st.session_state["corrections_message"] = f"Sparad: {describe(correction)}"
        st.rerun()


def _names(*ids: str | None) -> dict[str, str]:
    labels = node_labels()
    return {i: labels.get(i, i) for i in ids if i}


def _forms() -> None:
    # keyed: the chosen tab stays chosen when the page reruns (after a pick, after saving)
    tabs = st.tabs([OP_LABELS[op] for op in OPS], key="rattelse_flik")
    with tabs[0]:
        st.caption("Två noder som är samma sak: relationer, alias och källor flyttas till den som behålls.")
        keep = node_picker("Behåll", "merge_keep")
        drop = node_picker("Slå ihop in i den (försvinner)", "merge_drop")
        ok = keep and drop and keep != drop
        _submit("merge", {"keep": keep, "drop": drop, "names": _names(keep, drop)} if ok else None, "merge")
    with tabs[1]:
        node = node_picker("Nod", "rename_node")
        name = st.text_input("Nytt namn (det gamla blir alias)", key="rename_name")
        ok = node and name.strip()
        _submit("rename", {"id": node, "name": name.strip(), "names": _names(node)} if ok else None, "rename")
    with tabs[2]:
        node = node_picker("Nod", "kind_node")
        kind = st.selectbox("Ny typ", NEW_KINDS, format_func=KIND_LABELS.get, key="kind_kind")
        _submit("change_kind", {"id": node, "kind": kind, "names": _names(node)} if node else None, "kind")
    with tabs[3]:
        source = node_picker("Från", "add_source")
        etype = st.selectbox("Relation", RELATION_TYPES, format_func=EDGE_LABELS.get, key="add_type")
        target = node_picker("Till", "add_target")
        ok = source and target
        args = {"source": source, "target": target, "type": etype, "names": _names(source, target)}
        _submit("add_edge", args if ok else None, "add")
    with tabs[4]:
        edge = edge_picker("remove")
        args = None
        if edge is not None:
            args = {"key": edge.key, "source": edge.source, "target": edge.target, "type": str(edge.type),
                    "names": _names(edge.source, edge.target)}  # fmt: skip
        _submit("remove_edge", args, "remove")
    with tabs[5]:
        what = st.radio("Vad är fel?", ["En nod", "En relation"], horizontal=True, key="wrong_what")
        if what == "En nod":
            node = node_picker("Nod", "wrong_node")
            _submit("mark_wrong", {"node": node, "names": _names(node)} if node else None, "wrong_n")
        else:
            edge = edge_picker("wrong")
            args = None
            if edge is not None:
                names = _names(edge.source, edge.target)
                label = f"{names[edge.source]} {EDGE_LABELS.get(str(edge.type))} {names[edge.target]}"
                args = {"edge": edge.key, "label": label}
            _submit("mark_wrong", args, "wrong_e")


def _list() -> None:
    s = store()
    corrections = s.load_corrections()
    st.subheader(f"Gjorda rättelser ({len(corrections)})")
    if not corrections:
        st.caption("Inga rättelser ännu.")
        return
    key = "|".join(f"{c.get('id')}:{c.get('undone')}" for c in corrections)
    result = outcomes(s, s.version_stamp(), key)
    rows = []
    for c in reversed(corrections):
        outcome = result.get(str(c.get("id")))
        status = outcome.status if outcome else ("undone" if c.get("undone") else "applied")
        rows.append(
            {
                "Gjord": local_time(c.get("made_at", "")),
                "Åtgärd": OP_LABELS.get(c.get("op"), c.get("op")),
                "Vad": describe(c),
                "Varför": c.get("reason", ""),
                "Status": STATUS_LABELS.get(status, status),
                "Not": outcome.note if outcome else "",
            }
        )
    st.dataframe(frame(rows, ["Gjord", "Åtgärd", "Vad", "Varför", "Status", "Not"]), hide_index=True,
                 width="stretch")  # fmt: skip
    by_id = {c["id"]: c for c in corrections if c.get("id")}
    chosen = st.selectbox(
        "Rättelse", list(reversed(by_id)), key="corrections_pick",
        format_func=lambda i: f"{local_time(by_id[i].get('made_at', ''))} · {describe(by_id[i])}",
    )  # fmt: skip
    if chosen:
        undone = bool(by_id[chosen].get("undone"))
        if st.button("Gör om" if undone else "Ångra", key="corrections_toggle"):
            set_correction_undone(s, chosen, not undone)
            st.session_state["corrections_message"] = ("Återinförd: " if undone else "Ångrad: ") + describe(
                by_id[chosen]
            )
            st.rerun()


def render() -> None:
    st.title("Rättelser")
    st.caption(
        "Rättelser sparas för sig i lagringen och tillämpas efter varje inläsning, så de finns kvar när "
        "dokumenten läses in igen. Här går det att rätta grupper, organisationer, personer, överenskommelser "
        "och initiativ och relationerna mellan dem."
    )
    if backend().name != "embedded":
        st.info(
            "Rättelserna sparas i den inbäddade lagringen; kör `samverkan push` för att föra dem till Neo4j."
        )
    message = st.session_state.pop("corrections_message", None)
    if message:
        st.success(md(message))
    _forms()
    st.divider()
    _list()


if __name__ == "__main__":
    render()
