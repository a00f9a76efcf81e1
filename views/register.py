"""Samverkansregister: every group, what the documents show is missing ("Brister") apart from what
they do not tell ("okänt"), a summary of the gaps per kind whose counts filter the list, Excel and
CSV downloads, one group in detail (``queries.groups``, ``queries.register``)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from queries.groups import GAPS, KIND_ORDER
from queries.models import UNKNOWN_LABELS, GroupRow
from queries.register import register_bytes, register_table
from views.common import (
    GAP_LABELS,
    KIND_LABELS,
    as_of_input,
    frame,
    keep_in_url,
    md,
    query,
    show_sources,
    url_choice,
)

SORTS = {
    "Typ och namn": None,
    "Namn": lambda r: r.name.casefold(),
    "Flest brister": lambda r: (-len(r.gaps), r.name.casefold()),
    "Senast aktiv": lambda r: (r.last_activity or "", r.name.casefold()),
    "Flest medlemmar": lambda r: (-len(r.members), r.name.casefold()),
}
_ROW_GAP = "background-color: #fff2cc"
_CELL_GAP = "background-color: #f4b183; font-weight: bold"
_CELL_UNKNOWN = "color: #6b6b78; font-style: italic"
PLURALS = {k: p for k, p in (("Council", "Råd"), ("Network", "Nätverk"), ("SteeringGroup", "Styrgrupper"),
                             ("ProcessGroup", "Processgrupper"), ("ProgramArea", "LPO"),
                             ("WorkingGroup", "Arbetsgrupper"))}  # fmt: skip


def register_frame(rows: list[GroupRow]) -> pd.DataFrame:
    """The register's columns (as in the Excel download), the gaps moved up beside the name, each
    gap and each unknown a chip."""
    headers, cells = register_table(rows)
    df = pd.DataFrame(cells, columns=headers)
    df["Brister"] = [[GAP_LABELS.get(g, g) for g in r.gaps] for r in rows]
    df["Okänt"] = [[UNKNOWN_LABELS.get(u, u) for u in r.unknown] for r in rows]
    first = ["Typ", "Namn", "Brister", "Okänt"]
    df = df[first + [h for h in headers if h not in first]]
    for column in ("Medlemmar", "Möten"):
        df[column] = df[column].astype(str)
    return df


def highlighted(df: pd.DataFrame):
    """Rows with gaps in yellow, their gaps in orange, "okänt" in grey (as in the Excel download)."""

    def style(row: pd.Series) -> list[str]:
        out = []
        for col in row.index:
            value = row[col]
            if col == "Brister" and len(value):
                out.append(_CELL_GAP)
            elif isinstance(value, str) and value == "okänt":
                out.append(_CELL_UNKNOWN)
            elif len(row["Brister"]):
                out.append(_ROW_GAP)
            else:
                out.append("")
        return out

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


def _choose(kind: str, gap: str | None) -> None:
    """A count in the summary was clicked: show that kind with that gap."""
    st.session_state["typ"] = [kind]
    st.session_state["brist"] = [gap] if gap else []


def gap_summary(rows: list[GroupRow]) -> None:
    """Per kind: how many groups, and how many with each gap; every count filters the list."""
    counts: dict[str, Counter] = {}
    totals: Counter = Counter()
    for r in rows:
        totals[r.kind] += 1
        counts.setdefault(r.kind, Counter()).update(r.gaps)
    present = [g for g in GAPS if any(c[g] for c in counts.values())]
    with st.container(border=True):
        st.markdown("**Brister per typ** · klicka på ett antal för att visa de grupperna")
        if not present:
            st.caption("Underlaget visar inga brister.")
            return
        widths = [2, *([2] * len(present))]
        header = st.columns(widths, gap="small")
        header[0].caption("Typ (antal grupper)")
        for col, gap in zip(header[1:], present, strict=True):
            col.caption(GAP_LABELS[gap])
        for kind in KIND_ORDER:
            if not totals[kind]:
                continue
            cols = st.columns(widths, gap="small", vertical_alignment="center")
            cols[0].button(f"{PLURALS.get(kind, kind)} ({totals[kind]})", key=f"summa_{kind}", type="tertiary",
                           on_click=_choose, args=(kind, None))  # fmt: skip
            for col, gap in zip(cols[1:], present, strict=True):
                n = counts[kind][gap]
                if n:
                    col.button(str(n), key=f"summa_{kind}_{gap}", type="tertiary", on_click=_choose, args=(kind, gap),
                               help=f"{PLURALS.get(kind, kind)}: {GAP_LABELS[gap]}")  # fmt: skip
                else:
                    col.caption("–")


def _details(rows: list[GroupRow]) -> None:
    st.subheader("En grupp i detalj")
    by_id = {r.id: r for r in rows}
    url_choice("grupp_vald", "grupp", list(by_id))
    chosen = st.selectbox(
        "Grupp",
        list(by_id),
        format_func=lambda i: by_id[i].name,
        key="grupp_vald",
        index=None,
        placeholder="Välj en grupp …",
        on_change=keep_in_url,
        args=("grupp_vald", "grupp"),
    )
    row = by_id.get(chosen) if chosen else None
    if row is None:
        return
    gaps = ", ".join(GAP_LABELS.get(g, g) for g in row.gaps) or "inga"
    unknown = ", ".join(UNKNOWN_LABELS.get(u, u) for u in row.unknown)
    st.markdown(f"**{md(row.name)}** · {md(KIND_LABELS.get(row.kind, row.kind))} · brister: {md(gaps)}"
                + (f" · okänt: {md(unknown)}" if unknown else ""))  # fmt: skip
    if row.purpose:
        st.caption(f"Syfte: {md(row.purpose)}")
    members = [
        {"Person": m.person.name, "Organisation": m.organisation or "", "Roll": m.role or "",
         "Via": "ledamot" if m.via == "MEMBER_OF" else "närvarande vid möte", "Senast": m.last_seen or ""}
        for m in row.members
    ]  # fmt: skip
    if members:
        st.dataframe(frame(members, ["Person", "Organisation", "Roll", "Via", "Senast"]), hide_index=True)
    mandated = [
        {"Uppdragsgivare": m.source.name, "Datum": m.date or "odaterat", "Uppdrag": m.task or ""}
        for m in row.mandated_by
    ]
    if mandated:
        st.dataframe(frame(mandated, ["Uppdragsgivare", "Datum", "Uppdrag"]), hide_index=True)
    c1, c2, c3 = st.columns(3)
    c1.page_link("views/mandates.py", label="Kedjan uppåt", icon=":material/account_tree:",
                 query_params={"nod": row.id})  # fmt: skip
    c2.page_link("views/map.py", label="Visa på kartan", icon=":material/hub:",
                 query_params={"fokus": row.id, "vald": row.id})  # fmt: skip
    c3.page_link("views/lineage.py", label="Beslutsspår", icon=":material/timeline:",
                 query_params={"arende": row.name})  # fmt: skip
    show_sources(row.sources, links=3)


def render() -> None:
    st.title("Samverkansregister")
    st.caption(
        "Brister säger vad de inlästa dokumenten visar saknas; det dokumenten inte säger något om står som "
        "”okänt” och är ingen brist."
    )
    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 2, 1])
        kinds = c1.multiselect("Typ", list(KIND_ORDER), format_func=lambda k: KIND_LABELS.get(k, k), key="typ",
                               placeholder="Alla typer", select_all=False, bind="query-params")  # fmt: skip
        gaps = c2.multiselect("Har bristen", list(GAPS), format_func=lambda g: GAP_LABELS.get(g, g), key="brist",
                              placeholder="Alla, med eller utan brister", select_all=False,
                              bind="query-params")  # fmt: skip
        with c3:
            as_of = as_of_input("register_as_of")
        c1, c2, c3 = st.columns([2, 2, 1])
        text = c1.text_input("Namnet innehåller", key="namn", bind="query-params")
        sort = c2.selectbox("Sortera efter", list(SORTS), key="sortera", bind="query-params")
        only_gaps = c3.toggle("Bara brister", key="bara_brister", help="Visa bara grupper med någon brist",
                              bind="query-params")  # fmt: skip

    rows: list[GroupRow] = query("groups", as_of, None)
    gap_summary(rows)
    shown = filtered(rows, kinds, gaps, only_gaps, text)
    if SORTS[sort] is not None:
        shown = sorted(shown, key=SORTS[sort])
    with_gaps = sum(1 for r in shown if r.gaps)
    st.caption(f"{len(shown)} av {len(rows)} grupper · {with_gaps} med brister (markerade)")
    if not shown:
        st.info("Inga grupper med det här urvalet.")
        return
    st.dataframe(
        highlighted(register_frame(shown)),
        hide_index=True,
        width="stretch",
        column_config={
            "Namn": st.column_config.TextColumn("Namn", width="medium", pinned=True),
            "Brister": st.column_config.ListColumn("Brister", width="large"),
            "Okänt": st.column_config.ListColumn("Okänt", width="medium"),
            "Syfte": st.column_config.TextColumn("Syfte", width="large"),
        },
    )
    d1, d2, _ = st.columns([1, 1, 3])
    d1.download_button(
        "Ladda ner Excel",
        lambda: export(shown, "xlsx"),
        file_name="samverkansregister.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="register_excel",
    )
    d2.download_button(
        "Ladda ner CSV",
        lambda: export(shown, "csv"),
        file_name="samverkansregister.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="register_csv",
    )
    _details(shown)


if __name__ == "__main__":
    render()
