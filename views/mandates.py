"""Vem ger uppdrag åt vem: the standing structure from the council down, one body's chain upwards
level by level with dates, and the one-off tasks apart (``queries.structure``, ``queries.mandates``)."""

from __future__ import annotations

import streamlit as st

from graph.models import BODY_KINDS, NodeKind
from queries.models import MandateLine, NodeRef
from queries.structure import Chain, StructureRow, level_label
from views.common import (
    EDGE_LABELS,
    KIND_LABELS,
    as_of_input,
    backend,
    doc_link,
    first_source,
    frame,
    keep_in_url,
    md,
    node_labels,
    url_choice,
)

ALL = "__all__"
_MAX_TREE_LINES = 500


@st.cache_data(max_entries=32, show_spinner=False)
def _structure(_backend, version: str, as_of: str | None) -> tuple[list[StructureRow], list[MandateLine]]:
    from queries.mandates import mandates
    from queries.structure import standing_structure, tasks

    return standing_structure(_backend, as_of), tasks(_backend, mandates(_backend, None, as_of).lines)


@st.cache_data(max_entries=64, show_spinner=False)
def _around(_backend, version: str, node_id: str, as_of: str | None) -> list[MandateLine]:
    from queries.structure import around

    return around(_backend, node_id, as_of)


@st.cache_data(max_entries=64, show_spinner=False)
def _chain(_backend, version: str, node_id: str, as_of: str | None) -> Chain:
    from queries.structure import chain

    return chain(_backend, node_id, as_of)


def _name(ref: NodeRef) -> str:
    return f"**{md(ref.name)}** ({md(KIND_LABELS.get(ref.kind, ref.kind))})"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]


def structure_markdown(rows: list[StructureRow]) -> str:
    """The standing structure as a nested list: each body under the one it answers to, the tie
    named with both ends ("styrs av och rapporterar till Styrgruppen för …"), the others beside."""
    out = []
    for row in rows[:_MAX_TREE_LINES]:
        line = f"{'    ' * row.depth}- {_name(row.node)}"
        if row.under is not None:
            line += f" — {md(_join(row.phrases))} {md(row.under.name)}"
            if row.date:
                line += f" · {md(row.date)}"
        if row.also:
            also = "; ".join(f"{phrase} {node.name}" for phrase, node in row.also)
            line += f" · även: {md(also)}"
        if row.from_below:
            below = "; ".join(f"{node.name} {phrase} det" for phrase, node in row.from_below)
            line += f" · {md(below)}"
        if row.repeated:
            line += " (se ovan)"
        out.append(line)
    if len(rows) > _MAX_TREE_LINES:
        out.append(f"- … och {len(rows) - _MAX_TREE_LINES} rader till")
    return "\n".join(out)


def chain_rows(answer: Chain) -> list[dict]:
    rows = []
    for step in answer.steps:
        for tie in step.ties:
            doc, line, quote = first_source(tie.sources)
            rows.append(
                {
                    "Nivå": step.level if step.level is not None else "",
                    "Överordnad": step.node.name,
                    "Typ": KIND_LABELS.get(step.node.kind, step.node.kind),
                    "Underordnad": tie.lower.name,
                    "Relation": tie.phrase,
                    "Datum": tie.when or "okänt",
                    "Datum enligt": tie.dated_by or "",
                    "Dokument": doc,
                    "Rad": line,
                    "Citat": quote,
                }
            )
    return rows


_CHAIN_COLUMNS = ["Nivå", "Överordnad", "Typ", "Underordnad", "Relation", "Datum", "Datum enligt", "Dokument", "Rad",
                  "Citat"]  # fmt: skip


def show_chain(answer: Chain) -> None:
    """The chain as cards, one per level above, nearest first; then as a table."""
    start = answer.start
    level = f"nivå {answer.level}" if answer.level is not None else "utanför nivåerna"
    st.markdown(f"{_name(start)} · {md(level)}")
    if answer.adoption is not None:
        a = answer.adoption
        who = f" av {a.body}" if a.body else ""
        when = a.when or "odaterat"
        st.caption(md(f"Uppdragsbeskrivningen antogs{who}: {when}. ”{a.text}”"))
        if a.placed:
            st.caption(md(a.placed))
    if not answer.steps:
        st.info("Underlaget visar inget organ ovanför.")
        return
    for step in answer.steps:
        with st.container(border=True):
            st.markdown(f"↑ {md(level_label(step.node.kind))}: **{md(step.node.name)}**")
            grouped: dict[tuple, list[str]] = {}
            for tie in step.ties:
                grouped.setdefault((tie.lower.name, tie.when, tie.dated_by), []).append(tie.phrase)
            lines = []
            for (lower, when, why), phrases in grouped.items():
                date_text = f" · **{md(when)}**" if when else " · datum okänt"
                because = f" · enligt {md(why)}" if why else ""
                lines.append(f"- {md(lower)} {md(_join(list(dict.fromkeys(phrases))))} den{date_text}{because}")
            st.markdown("\n".join(lines))
            if step.ties and step.ties[0].sources:
                doc_link(step.ties[0].sources[0])
    with st.expander("Kedjan som tabell"):
        st.dataframe(frame(chain_rows(answer), _CHAIN_COLUMNS), hide_index=True, width="stretch")


def tasks_frame(lines: list[MandateLine]):
    rows = []
    for line in lines:
        doc, row, quote = first_source(line.sources)
        rows.append({"Datum": line.date or "odaterat", "Från": line.source.name, "Till": line.target.name,
                     "Uppdrag": line.task or "", "Dokument": doc, "Rad": row, "Citat": quote})  # fmt: skip
    return frame(rows, ["Datum", "Från", "Till", "Uppdrag", "Dokument", "Rad", "Citat"])


def lines_frame(lines: list[MandateLine]):
    rows = []
    for line in lines:
        doc, row, quote = first_source(line.sources)
        amount = f"{line.amount_sek:,.0f} kr".replace(",", " ") if line.amount_sek is not None else ""
        rows.append(
            {
                "Från": line.source.name,
                "Relation": EDGE_LABELS.get(line.type, line.type),
                "Till": line.target.name,
                "Datum": line.date or "",
                "Uppdrag / belopp": line.task or amount,
                "Dokument": doc,
                "Rad": row,
                "Citat": quote,
            }
        )
    return frame(rows, ["Från", "Relation", "Till", "Datum", "Uppdrag / belopp", "Dokument", "Rad", "Citat"])


def _whole(as_of: str | None) -> None:
    b = backend()
    rows, tasks = _structure(b, b.version(), as_of)
    st.subheader("Strukturen uppifrån")
    st.caption(
        "Varje organ står under det organ det svarar mot på närmaste nivå ovanför (rådet, nätverk, styrgrupper, "
        "processgrupper och LPO, arbetsgrupper); andra organ ovanför står efter ”även”. Enskilda uppdrag till "
        "personer och organisationer står för sig nedanför."
    )
    st.markdown(structure_markdown(rows) or "Underlaget visar ingen struktur.")
    st.subheader(f"Enskilda uppdrag ({len(tasks)})")
    if tasks:
        st.caption("Uppdrag som ges vid ett möte till en person, en organisation eller en grupp, med en uppgift.")
        st.dataframe(tasks_frame(tasks), hide_index=True, width="stretch")
    else:
        st.caption("Inga enskilda uppdrag i underlaget.")


def _one(node_id: str, label: str, as_of: str | None) -> None:
    b = backend()
    answer = _chain(b, b.version(), node_id, as_of)
    if answer.start is None:
        st.info("Inga uppdrag, styrrelationer eller medel hittades.")
        return
    st.subheader("Kedjan uppåt")
    show_chain(answer)
    lines = _around(b, b.version(), node_id, as_of)
    _, tasks = _structure(b, b.version(), as_of)
    mine = [t for t in tasks if node_id in (t.source.id, t.target.id)]
    if mine:
        st.subheader(f"Enskilda uppdrag ({len(mine)})")
        st.dataframe(tasks_frame(mine), hide_index=True, width="stretch")
    st.subheader("Alla relationer: uppdrag, styrning och medel")
    if lines:
        st.dataframe(lines_frame(lines), hide_index=True, width="stretch")
    else:
        st.caption("Inga uppdrag, styrrelationer eller medel hittades.")


def render() -> None:
    st.title("Vem ger uppdrag åt vem")
    labels = node_labels(BODY_KINDS | {NodeKind.PERSON})
    options = [ALL, *labels]
    url_choice("mandates_node", "nod", options)
    c1, c2 = st.columns([3, 1])
    chosen = c1.selectbox(
        "Organ, grupp eller person",
        options,
        format_func=lambda i: "Hela strukturen" if i == ALL else labels.get(i, i),
        key="mandates_node",
        on_change=keep_in_url,
        args=("mandates_node", "nod", ALL),
    )
    with c2:
        as_of = as_of_input("mandates_as_of")
    if chosen == ALL or chosen not in labels:
        _whole(as_of)
        return
    node = backend().node(chosen)
    if node is not None and node.kind == NodeKind.PERSON:
        st.page_link("views/people.py", label="Allt om personen", icon=":material/person:",
                     query_params={"person": chosen})  # fmt: skip
    _one(chosen, labels[chosen], as_of)


if __name__ == "__main__":
    render()
