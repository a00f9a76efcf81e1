"""Översikt: what is loaded, the latest meetings and decisions, and the ingestion's warnings."""

from __future__ import annotations

import streamlit as st

from graph.kinds import DECISION_STATUS_LABELS
from graph.models import BODY_KINDS, NodeKind
from graph.store import EmbeddedStore
from views.common import KIND_LABELS, backend, frame, store

_LATEST = 10


@st.cache_data(max_entries=4, show_spinner=False)
def summary(_backend, version: str) -> dict:
    """Counts and the latest meetings and decisions (dates and bodies are props of both)."""
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
            "Datum": day(m) or "(datum saknas)",
            "Organ": m.props.get("body") or "",
            "Möte": m.name,
            "Dokument": m.props.get("document") or "",
        }
        for m in sorted(meetings, key=lambda m: (day(m), m.name), reverse=True)[:_LATEST]
    ]
    latest_decisions = [
        {
            "Datum": day(d) or "(datum saknas)",
            "Organ": d.props.get("body") or "",
            "Beslut": d.props.get("text") or d.name,
            "Status": DECISION_STATUS_LABELS["reported" if d.props.get("status") == "reported" else "taken"],
            "Dokument": d.props.get("document") or "",
        }
        for d in sorted(decisions, key=lambda d: (day(d), d.id), reverse=True)[:_LATEST]
    ]
    kinds = {KIND_LABELS[str(k)]: len(_backend.nodes([k])) for k in sorted(BODY_KINDS)}
    return {"counts": counts, "meetings": latest_meetings, "decisions": latest_decisions, "kinds": kinds}


@st.cache_data(max_entries=4, show_spinner=False)
def warnings(_store: EmbeddedStore, stamp: tuple[int, int]) -> tuple[list[dict], list[dict]]:
    """Warnings per document from the fragments, and the files that failed to load."""
    rows = [
        {"Dokument": w.document, "Rad": w.line, "Varning": w.message}
        for fragment in _store.fragments()
        for w in fragment.warnings
    ]
    failed = [
        {"Fil": r.path, "Orsak": r.error or "", "Tid": r.ingested_at}
        for r in _store.registry().files.values()
        if r.status == "failed"
    ]
    return rows, failed


def render() -> None:
    st.title("Översikt")
    b = backend()
    s = store()
    data = summary(b, b.version())
    if not data["counts"]["Dokument"] and not s.exists():
        st.info("Inget är inläst ännu. Läs in dokument på sidan **Dokument**.")
        st.page_link("views/documents.py", label="Till Dokument", icon=":material/upload_file:")
    columns = st.columns(len(data["counts"]))
    for column, (label, value) in zip(columns, data["counts"].items(), strict=True):
        column.metric(label, value)
    st.caption(" · ".join(f"{label}: {n}" for label, n in data["kinds"].items() if n))

    left, right = st.columns(2)
    with left:
        st.subheader("Senaste mötena")
        st.dataframe(frame(data["meetings"], ["Datum", "Organ", "Möte", "Dokument"]), hide_index=True)
    with right:
        st.subheader("Senaste besluten")
        st.dataframe(
            frame(data["decisions"], ["Datum", "Organ", "Beslut", "Status", "Dokument"]), hide_index=True
        )

    st.subheader("Datakvalitet")
    rows, failed = warnings(s, s.version_stamp())
    if failed:
        st.error(f"{len(failed)} filer kunde inte läsas in.")
        st.dataframe(frame(failed, ["Fil", "Orsak", "Tid"]), hide_index=True, width="stretch")
    if rows:
        st.warning(f"{len(rows)} varningar från inläsningen: uppgifter som saknades eller var oklara.")
        st.dataframe(frame(rows, ["Dokument", "Rad", "Varning"]), hide_index=True, width="stretch")
    elif not failed:
        st.success("Inga varningar från inläsningen.")


if __name__ == "__main__":
    render()
