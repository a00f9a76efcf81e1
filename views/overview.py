"""Översikt: what is loaded, the latest meetings and decisions that matter, and what reading missed."""

from __future__ import annotations

import streamlit as st

from graph.kinds import DECISION_STATUS_LABELS
from graph.models import BODY_KINDS, EdgeType, NodeKind
from graph.store import EmbeddedStore
from views.common import KIND_LABELS, backend, frame, local_time, md, store

_LATEST = 10
DOCUMENTS = "views/documents.py"


def _held_by(_backend, node_id: str, etype: EdgeType) -> str:
    """The resolved name of the body a meeting was held by or a decision decided by."""
    for edge in _backend.edges_out(node_id, [etype]):
        body = _backend.node(edge.target)
        if body is not None:
            return body.name
    return ""


@st.cache_data(max_entries=4, show_spinner=False)
def summary(_backend, version: str) -> dict:
    """Counts and the latest meetings and decisions, each with its body's resolved name; decisions
    that only handle the meeting ("att lägga informationen till handlingarna") left out."""
    from queries.matters import is_procedural

    meetings = _backend.nodes([NodeKind.MEETING])
    decisions = _backend.nodes([NodeKind.DECISION])
    bodies = _backend.nodes(BODY_KINDS)
    counts = {
        "Dokument": len(_backend.nodes([NodeKind.DOCUMENT])),
        "Möten": len(meetings),
        "Organ och grupper": len(bodies),
        "Personer": len(_backend.nodes([NodeKind.PERSON])),
        "Beslut": len(decisions),
    }

    def day(node) -> str:
        return str(node.props.get("date") or "")

    latest_meetings = [
        {
            "Datum": day(m) or "odaterat",
            "Organ": _held_by(_backend, m.id, EdgeType.HELD_BY) or m.props.get("body") or "",
            "Dokument": m.props.get("document") or "",
        }
        for m in sorted(meetings, key=lambda m: (day(m), m.name), reverse=True)[:_LATEST]
    ]
    substantive = [d for d in decisions if not is_procedural(d.props.get("text") or d.name)]
    latest_decisions = [
        {
            "Datum": day(d) or "odaterat",
            "Organ": _held_by(_backend, d.id, EdgeType.DECIDED_BY) or d.props.get("body") or "",
            "Beslut": d.props.get("text") or d.name,
            "Status": DECISION_STATUS_LABELS["reported" if d.props.get("status") == "reported" else "taken"],
            "Dokument": d.props.get("document") or "",
        }
        for d in sorted(substantive, key=lambda d: (day(d), d.id), reverse=True)[:_LATEST]
    ]
    kinds = {KIND_LABELS[str(k)]: len(_backend.nodes([k])) for k in sorted(BODY_KINDS)}
    return {
        "counts": counts,
        "meetings": latest_meetings,
        "decisions": latest_decisions,
        "kinds": kinds,
        "procedural": len(decisions) - len(substantive),
    }


@st.cache_data(max_entries=4, show_spinner=False)
def warnings(_store: EmbeddedStore, stamp: tuple[int, int]) -> tuple[list[dict], list[dict], list[dict]]:
    """Warnings per document from the fragments, the files that failed, the files read in part."""
    rows = [
        {"Dokument": w.document, "Rad": str(w.line) if w.line else "hela dokumentet", "Varning": w.message}
        for fragment in _store.fragments()
        for w in fragment.warnings
    ]
    records = _store.registry().files.values()
    failed = [
        {"Fil": r.path, "Orsak": r.error or "", "Tid": local_time(r.ingested_at)}
        for r in records
        if r.status == "failed"
    ]
    partial = [
        {"Dokument": r.doc, "Vad som inte lästes": ", ".join(r.problems)}
        for r in records
        if r.status == "loaded" and getattr(r, "reading", "complete") == "partial"
    ]
    return rows, failed, partial


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def render() -> None:
    st.title("Översikt")
    b = backend()
    s = store()
    data = summary(b, b.version())
    if not data["counts"]["Dokument"] and not s.exists():
        st.info("Inget är inläst ännu. Läs in dokument på sidan **Dokument**.")
        st.page_link(DOCUMENTS, label="Till Dokument", icon=":material/upload_file:")
    columns = st.columns(len(data["counts"]))
    for column, (label, value) in zip(columns, data["counts"].items(), strict=True):
        column.metric(label, value)
    st.caption(" · ".join(f"{label}: {n}" for label, n in data["kinds"].items() if n))

    left, right = st.columns(2)
    with left:
        st.subheader("Senaste mötena")
        st.dataframe(frame(data["meetings"], ["Datum", "Organ", "Dokument"]), hide_index=True, width="stretch")
    with right:
        st.subheader("Senaste besluten")
        st.dataframe(frame(data["decisions"], ["Datum", "Organ", "Beslut", "Status", "Dokument"]), hide_index=True,
                     width="stretch")  # fmt: skip
        if data["procedural"]:
            st.caption(f"{_count(data['procedural'], 'formellt beslut', 'formella beslut')} (”att lägga "
                       "informationen till handlingarna”, ”att godkänna dagordningen” …) visas inte här.")  # fmt: skip

    st.subheader("Datakvalitet")
    rows, failed, partial = warnings(s, s.version_stamp())
    if failed:
        st.error(f"{_count(len(failed), 'fil', 'filer')} kunde inte läsas in.")
        st.dataframe(frame(failed, ["Fil", "Orsak", "Tid"]), hide_index=True, width="stretch")
    if partial:
        st.warning(f"{_count(len(partial), 'dokument', 'dokument')} lästes bara delvis.")
        st.dataframe(frame(partial, ["Dokument", "Vad som inte lästes"]), hide_index=True, width="stretch")
        st.page_link(DOCUMENTS, label="Se läsningen per dokument", icon=":material/description:")
    if rows:
        st.warning(f"{_count(len(rows), 'varning', 'varningar')} från inläsningen: uppgifter som saknades eller "
                   "var oklara.")  # fmt: skip
        st.dataframe(frame(rows, ["Dokument", "Rad", "Varning"]), hide_index=True, width="stretch")
    elif not failed and not partial:
        st.success("Inga varningar från inläsningen.")
    if not rows and (failed or partial):
        st.caption(md("Inga andra varningar från inläsningen."))


if __name__ == "__main__":
    render()
