"""Samverkansregister: every group with its gaps highlighted; filter, sort, download (``queries.groups``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from queries.groups import GAPS, KIND_ORDER
from queries.models import GroupRow
from queries.register import register_bytes, register_table
from views.common import GAP_LABELS, KIND_LABELS, as_of_input, frame, md, query, show_sources

SORTS = {
    "Typ och namn": None,
    "Namn": lambda r: r.name.casefold(),
    "Flest brister": lambda r: (-len(r.gaps), r.name.casefold()),
    "Senast aktiv": lambda r: (r.last_activity or "", r.name.casefold()),
    "Flest medlemmar": lambda r: (-len(r.members), r.name.casefold()),
}
_ROW_GAP = "background-color: #fff2cc"
_CELL_GAP = "background-color: #f4b183; font-weight: bold"


def register_frame(rows: list[GroupRow]) -> pd.DataFrame:
    """The register's columns (as in the Excel download), the gaps moved up beside the name."""
    headers, cells = register_table(rows)
    df = pd.DataFrame(cells, columns=headers)
    first = ["Typ", "Namn", "Brister"]
    return df[first + [h for h in headers if h not in first]]


def highlighted(df: pd.DataFrame):
    """Rows with gaps in yellow, their gaps in orange (as in the Excel download)."""

    def style(row: pd.Series) -> list[str]:
        if not row["Brister"]:
            return [""] * len(row)
        return [_CELL_GAP if col == "Brister" else _ROW_GAP for col in row.index]

    return df.style.apply(style, axis=1)


def export(rows: list[GroupRow], fmt: str) -> bytes:
    return register_bytes(rows, fmt)


def filtered(
    rows: list[GroupRow], kinds: list[str], gaps: list[str], only_gaps: bool, text: str
) -> list[GroupRow]:
    needle = text.strip().casefold()
    out = []
    for r in rows:
        if kinds and r.kind not in kinds:
            continue
        if gaps and not set(gaps) & set(r.gaps):
            continue
        if only_gaps and not r.gaps:
            continue
        if needle and needle not in " ".join([r.name, *r.aliases]).casefold():
            continue
        out.append(r)
    return out


def _details(rows: list[GroupRow]) -> None:
    st.subheader("En grupp i detalj")
    by_id = {r.id: r for r in rows}
    chosen = st.selectbox(
        "Grupp",
        list(by_id),
        format_func=lambda i: by_id[i].name,
        key="register_group",
        index=None,
        placeholder="Välj en grupp …",
    )
    row = by_id.get(chosen) if chosen else None
    if row is None:
        return
    gaps = ", ".join(GAP_LABELS.get(g, g) for g in row.gaps) or "inga"
    st.markdown(f"**{md(row.name)}** · {md(KIND_LABELS.get(row.kind, row.kind))} · brister: {md(gaps)}")
    if row.purpose:
        st.caption(f"Syfte: {md(row.purpose)}")
    members = [
        {"Person": m.person.name, "Organisation": m.organisation or "", "Roll": m.role or "",
         "Via": "ledamot" if m.via == "MEMBER_OF" else "närvarande", "Senast": m.last_seen or ""}
        for m in row.members
    ]  # fmt: skip
    if members:
        st.dataframe(frame(members, ["Person", "Organisation", "Roll", "Via", "Senast"]), hide_index=True)
    mandated = [
        {"Uppdragsgivare": m.source.name, "Datum": m.date or "", "Uppdrag": m.task or ""}
        for m in row.mandated_by
    ]
    if mandated:
        st.dataframe(frame(mandated, ["Uppdragsgivare", "Datum", "Uppdrag"]), hide_index=True)
    show_sources(row.sources, links=3)


def render() -> None:
    st.title("Samverkansregister")
    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 2, 1])
        kinds = c1.multiselect(
            "Typ",
            list(KIND_ORDER),
            format_func=lambda k: KIND_LABELS.get(k, k),
            key="register_kinds",
            placeholder="Alla typer",
        )
        gaps = c2.multiselect(
            "Har bristen",
            list(GAPS),
            format_func=lambda g: GAP_LABELS.get(g, g),
            key="register_gaps",
            placeholder="Alla, med eller utan brister",
        )
        with c3:
            as_of = as_of_input("register_as_of")
        c1, c2, c3 = st.columns([2, 2, 1])
        text = c1.text_input("Namnet innehåller", key="register_text")
        sort = c2.selectbox("Sortera efter", list(SORTS), key="register_sort")
        only_gaps = c3.toggle(
            "Bara brister", key="register_only_gaps", help="Visa bara grupper med någon brist"
        )

    rows: list[GroupRow] = query("groups", as_of, None)
    shown = filtered(rows, kinds, gaps, only_gaps, text)
    if SORTS[sort] is not None:
        shown = sorted(shown, key=SORTS[sort])
    with_gaps = sum(1 for r in shown if r.gaps)
    st.caption(f"{len(shown)} av {len(rows)} grupper · {with_gaps} med brister (markerade)")
    if not shown:
        st.info("Inga grupper med det här urvalet.")
        return
    st.dataframe(highlighted(register_frame(shown)), hide_index=True, width="stretch")
    d1, d2, _ = st.columns([1, 1, 3])
    d1.download_button(
        "Ladda ner Excel",
        export(shown, "xlsx"),
        file_name="samverkansregister.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )
    d2.download_button(
        "Ladda ner CSV",
        export(shown, "csv"),
        file_name="samverkansregister.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    _details(shown)


if __name__ == "__main__":
    render()
