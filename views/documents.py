"""Dokument: upload or read the configured folder, ingest with a per-file result, and read one
document's text with the facts taken from it highlighted.

Opened with ``?doc=<name>&line=<n>`` (the links from the other pages) it shows that document with
the line marked and an excerpt around it first.
"""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from graph.kinds import DOC_KIND_LABELS, FILE_STATUS_LABELS
from graph.models import Edge, Node
from graph.store import StoreError
from loaders.pipeline import FileResult, ingest, repair
from views.common import (
    EDGE_LABELS,
    KIND_LABELS,
    backend,
    docs_folder,
    frame,
    graph_lists,
    h,
    local_time,
    md,
    store,
)
from views.uploads import UPLOAD_LIMIT_MB, save_uploads

_CONTEXT = 4


# --- ingest --------------------------------------------------------------------------------------
def _result_row(r: FileResult) -> dict:
    return {
        "Fil": r.path.rsplit("/", 1)[-1],
        "Status": FILE_STATUS_LABELS.get(r.status, r.status),
        "Typ": DOC_KIND_LABELS.get(r.doc_kind, r.doc_kind) if r.status != "failed" else "",
        "Noder": r.nodes,
        "Relationer": r.edges,
        "Varningar": r.warnings,
        "Orsak": r.reason or "",
    }


def run_ingest(paths: list, rejected: list[dict]) -> None:
    """Ingest ``paths`` with a progress bar; the per-file results go to the session for display."""
    bar = st.progress(0.0, text="Läser in …")
    done: list[FileResult] = []
    total = max(len(paths), 1)

    def progress(result: FileResult) -> None:
        done.append(result)
        name = result.path.rsplit("/", 1)[-1]
        bar.progress(min(len(done) / total, 1.0), text=f"{len(done)}/{total}: {name}")

    try:
        report = ingest(paths, store(), progress=progress)
    except StoreError as exc:  # a damaged store file: the message names it; the repair button mends it
        bar.empty()
        st.error(md(exc))
        return
    bar.progress(1.0, text="Klart.")
    st.session_state["ingest_results"] = rejected + [_result_row(r) for r in report.files]
    st.session_state["ingest_summary"] = (
        f"{report.count('loaded')} inlästa, {report.count('replaced')} ersatta, "
        f"{report.count('unchanged')} oförändrade, {len(report.failed) + len(rejected)} misslyckade · "
        f"grafen har {report.nodes} noder och {report.edges} relationer"
    )


def _ingest_section() -> None:
    st.subheader("Läs in dokument")
    uploads = st.file_uploader(
        f"PDF, DOCX, TXT eller Markdown (högst {UPLOAD_LIMIT_MB} MB per fil)",
        type=["pdf", "docx", "txt", "md", "markdown"],
        accept_multiple_files=True,
        max_upload_size=UPLOAD_LIMIT_MB,
        key="documents_upload",
    )
    c1, c2 = st.columns(2)
    if c1.button("Läs in valda filer", disabled=not uploads, type="primary", key="documents_ingest_uploads"):
        paths, refused = save_uploads(store(), [(upload.name, upload.getvalue()) for upload in uploads])
        rejected = [_result_row(FileResult(path=name, doc=name, status="failed", reason=reason))
                    for name, reason in refused]  # fmt: skip
        run_ingest(paths, rejected)
    folder = docs_folder()
    if folder is not None and c2.button(f"Läs in mappen {folder}", key="documents_ingest_folder"):
        run_ingest([folder], [])

    results = st.session_state.get("ingest_results")
    if results:
        st.success(st.session_state.get("ingest_summary", ""))
        for row in results:
            if row["Status"] == FILE_STATUS_LABELS["failed"]:
                st.error(f"{md(row['Fil'])}: {md(row['Orsak'])}")
        st.dataframe(
            frame(results, ["Fil", "Status", "Typ", "Noder", "Relationer", "Varningar", "Orsak"]),
            hide_index=True,
            width="stretch",
        )


# --- how each document was read --------------------------------------------------------------------
READING_LABELS = {"complete": "helt", "partial": "delvis"}
_WARNING_LINKS = 12


@st.cache_data(max_entries=4, show_spinner=False)
def reading_status(_store, stamp: tuple[int, int]) -> list[dict]:
    """Every loaded document with how completely it was read, partly read ones first (cached until
    the graph is rebuilt, which every ingest that changes a document does)."""
    rows = []
    for doc, r in _store.registry().files.items():
        if r.status != "loaded":
            continue
        reading = getattr(r, "reading", "complete")
        rows.append(
            {
                "Dokument": doc,
                "Läsning": READING_LABELS.get(reading, reading),
                "Vad som inte lästes": ", ".join(getattr(r, "problems", []) or []),
                "Varningar": r.warnings,
                "Typ": DOC_KIND_LABELS.get(r.doc_kind, r.doc_kind),
                "Inläst": local_time(r.ingested_at),
            }
        )
    rows.sort(key=lambda row: (row["Läsning"] != READING_LABELS["partial"], -row["Varningar"], row["Dokument"]))
    return rows


def _status_section() -> None:
    """How each document was read: partly read documents first with what was missed, and every
    warning the reader gave for a document, with its line (``samverkan status --varningar FIL``)."""
    s = store()
    rows = reading_status(s, s.version_stamp())
    if not rows:
        return
    st.subheader("Läsningen per dokument")
    partial = sum(1 for r in rows if r["Läsning"] == READING_LABELS["partial"])
    if partial:
        st.warning(f"{partial} av {len(rows)} dokument lästes bara delvis; de står först.")
    else:
        st.caption(f"Alla {len(rows)} dokument lästes helt.")
    st.dataframe(
        frame(rows, ["Dokument", "Läsning", "Vad som inte lästes", "Varningar", "Typ", "Inläst"]),
        hide_index=True,
        width="stretch",
        column_config={"Vad som inte lästes": st.column_config.TextColumn(width="large")},
    )
    with_warnings = [r["Dokument"] for r in rows if r["Varningar"]]
    if not with_warnings:
        return
    doc = st.selectbox("Visa varningarna för", with_warnings, index=None, key="documents_warnings",
                       placeholder="Välj ett dokument …")  # fmt: skip
    if doc is None:
        return
    fragment = s.fragment(doc)
    warnings = list(fragment.warnings) if fragment is not None else []
    if not warnings:
        st.caption("Inga varningar sparade för dokumentet.")
        return
    lines = (s.text(doc) or "").split("\n")
    table = [
        {"Rad": str(w.line) if w.line else "hela dokumentet", "Varning": w.message,
         "Text på raden": lines[w.line - 1] if w.line and 0 < w.line <= len(lines) else ""}
        for w in warnings
    ]  # fmt: skip
    st.dataframe(frame(table, ["Rad", "Varning", "Text på raden"]), hide_index=True, width="stretch")
    for w in [w for w in warnings if w.line][:_WARNING_LINKS]:
        st.page_link("views/documents.py", label=md(f"Rad {w.line}: {w.message}"), icon=":material/description:",
                     query_params={"doc": doc, "line": str(w.line)})  # fmt: skip


# --- reading -------------------------------------------------------------------------------------
@st.cache_resource(max_entries=2, show_spinner=False)
def facts_by_document(
    _nodes: list[Node], _edges: list[Edge], version: str
) -> dict[str, dict[int, list[str]]]:
    """document -> line -> what was read there ("Processgrupp: Regional processgrupp demens")."""
    names = {n.id: n.name for n in _nodes}
    out: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for n in _nodes:
        for s in n.sources:
            out[s.document][s.line].append(f"{KIND_LABELS.get(str(n.kind), str(n.kind))}: {n.name}")
    for e in _edges:
        label = f"{names.get(e.source, e.source)} {EDGE_LABELS.get(str(e.type), str(e.type))} {names.get(e.target, e.target)}"
        for s in e.sources:
            out[s.document][s.line].append(label)
    return {
        doc: {line: list(dict.fromkeys(facts)) for line, facts in lines.items()} for doc, lines in out.items()
    }


_LINE = (
    '<div id="L{n}" style="white-space:pre-wrap;{style}"{title}>'
    '<span style="color:#888;display:inline-block;min-width:3.2em;text-align:right;margin-right:0.8em;'
    'user-select:none">{n}</span>{text}</div>'
)
_MARK = "background:#fff3b0;"
_FOCUS = "background:#ffcc80;outline:2px solid #ef6c00;"


def text_html(lines: list[str], facts: dict[int, list[str]], focus: int | None, first: int = 1) -> str:
    """The lines as escaped HTML: line numbers, lines with facts marked (the facts as a tooltip)."""
    out = []
    for n, text in enumerate(lines, start=first):
        found = facts.get(n)
        style = _FOCUS if n == focus else _MARK if found else ""
        title = f' title="{h(chr(10).join(found))}"' if found else ""
        out.append(_LINE.format(n=n, style=style, title=title, text=h(text) or "&nbsp;"))
    return (
        '<div style="font-family:ui-monospace,monospace;font-size:0.82rem;line-height:1.45;'
        'border:1px solid #ddd;border-radius:4px;padding:6px;max-height:640px;overflow-y:auto">'
        + "".join(out)
        + "</div>"
    )


def _reader_section() -> None:
    st.subheader("Läs ett dokument")
    s = store()
    records = {doc: r for doc, r in sorted(s.registry().files.items()) if r.status == "loaded"}
    if not records:
        st.caption("Inga inlästa dokument ännu.")
        return
    wanted = st.query_params.get("doc")
    docs = list(records)
    if wanted in records and st.session_state.get("_documents_from_link") != (
        wanted,
        st.query_params.get("line"),
    ):
        st.session_state["documents_doc"] = wanted  # a link from another page chooses the document
        st.session_state["_documents_from_link"] = (wanted, st.query_params.get("line"))
    doc = st.selectbox("Dokument", docs, key="documents_doc")
    try:
        focus = int(st.query_params.get("line", "")) if doc == wanted else None
    except ValueError:
        focus = None
    record = records[doc]
    st.caption(
        f"{md(DOC_KIND_LABELS.get(record.doc_kind, record.doc_kind))} · {record.nodes} noder, {record.edges} relationer, "
        f"{record.warnings} varningar · inläst {md(local_time(record.ingested_at))} · {md(record.path)}"
    )
    text = s.text(doc)
    if text is None:
        st.warning("Dokumentets text finns inte i lagringen; läs in det igen.")
        return
    lines = text.split("\n")
    nodes, edges = graph_lists()
    facts = facts_by_document(nodes, edges, backend().version()).get(doc, {})
    if focus and 1 <= focus <= len(lines):
        st.markdown(f"**Rad {focus}** och raderna runt den")
        low = max(1, focus - _CONTEXT)
        st.html(text_html(lines[low - 1 : focus + _CONTEXT], facts, focus, first=low))
        if facts.get(focus):
            st.markdown("\n".join(f"- {md(fact)}" for fact in facts[focus]))
    st.caption(
        f"{len(lines)} rader · {len(facts)} rader med uppgifter som lästs in (markerade; håll pekaren över)"
    )
    st.html(text_html(lines, facts, focus))
    rows = [{"Rad": n, "Uppgift": fact, "Text": lines[n - 1] if 0 < n <= len(lines) else ""}
            for n in sorted(facts) for fact in facts[n]]  # fmt: skip
    with st.expander(f"Uppgifter ur dokumentet ({len(rows)})"):
        st.dataframe(frame(rows, ["Rad", "Uppgift", "Text"]), hide_index=True, width="stretch")


def _repair_section() -> None:
    """A damaged store file named with the way out, and the button that rebuilds registry and graph
    from the fragments and texts (``samverkan repair``)."""
    s = store()
    try:
        _ = (s.registry(), s.graph(), s.load_corrections())  # each raises StoreError when its file is damaged
        problem = None
    except StoreError as exc:
        problem = str(exc)
        st.error(md(problem))
    box = st.container() if problem else st.expander("Reparera lagringen")
    if box.button("Reparera lagringen", key="documents_repair", type="primary" if problem else "secondary",
                  help="Bygger om registret och grafen från fragmenten och texterna"):  # fmt: skip
        try:
            report = repair(s)
        except StoreError as exc:
            box.error(md(exc))
            return
        box.success(f"Lagringen är reparerad: {report.documents} dokument, grafen har {report.nodes} noder "
                    f"och {report.edges} relationer.")  # fmt: skip
        for note in report.notes:
            box.caption(md(note))


def render() -> None:
    st.title("Dokument")
    _repair_section()
    _ingest_section()
    st.divider()
    try:
        _status_section()
        _reader_section()
    except StoreError as exc:
        st.error(md(exc))


if __name__ == "__main__":
    render()
