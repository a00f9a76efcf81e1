"""Vem ger uppdrag åt vem: mandate chains as a hierarchy and as tables (``queries.mandates``)."""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from graph.models import BODY_KINDS, NodeKind
from queries.models import ChainLink, MandateAnswer, MandateLine, NodeRef
from views.common import (
    EDGE_LABELS,
    KIND_LABELS,
    as_of_input,
    doc_link,
    first_source,
    frame,
    md,
    node_labels,
    query,
)

ALL = "__all__"
#: How the lower one stands to the upper one, by edge type.
UP_PHRASE = {
    "REPORTS_TO": "rapporterar till",
    "PART_OF": "ingår i",
    "STEERS": "styrs av",
    "COMMISSIONS": "har uppdrag från",
}
_MAX_TREE_LINES = 400


def _name(ref: NodeRef) -> str:
    return f"**{md(ref.name)}** ({md(KIND_LABELS.get(ref.kind, ref.kind))})"


def chain_markdown(start: NodeRef, chain: list[ChainLink]) -> str:
    """The chain upwards as a nested list: the chosen node first, what it answers to under it."""
    children: dict[str, list[ChainLink]] = defaultdict(list)
    for link in chain:
        children[link.lower.id].append(link)
    lines = [f"- {_name(start)}"]

    def walk(node_id: str, depth: int) -> None:
        for link in children.get(node_id, []):
            if len(lines) >= _MAX_TREE_LINES:
                return
            when = f" · {md(link.date)}" if link.date else ""
            lines.append(
                f"{'    ' * depth}- {md(UP_PHRASE.get(link.type, link.type))} {_name(link.upper)}{when}"
            )
            walk(link.upper.id, depth + 1)

    walk(start.id, 1)
    return "\n".join(lines)


def _upward(line: MandateLine) -> tuple[NodeRef, NodeRef] | None:
    """(lower, upper) of a structural line; None for funding."""
    if line.type in ("REPORTS_TO", "PART_OF"):
        return line.source, line.target
    if line.type in ("STEERS", "COMMISSIONS"):
        return line.target, line.source
    return None


def structure_markdown(lines: list[MandateLine]) -> str:
    """The whole structure from the top down: every body under what it answers to, once."""
    below: dict[str, list[tuple[NodeRef, MandateLine]]] = defaultdict(list)
    refs: dict[str, NodeRef] = {}
    lower_ids: set[str] = set()
    for line in lines:
        pair = _upward(line)
        if pair is None:
            continue
        lower, upper = pair
        refs[lower.id], refs[upper.id] = lower, upper
        if all(lower.id != other.id for other, _ in below[upper.id]):
            below[upper.id].append((lower, line))
        lower_ids.add(lower.id)
    roots = sorted((r for i, r in refs.items() if i not in lower_ids), key=lambda r: r.name.casefold())
    out: list[str] = []
    seen: set[str] = set()

    def walk(ref: NodeRef, depth: int, line: MandateLine | None) -> None:
        if len(out) >= _MAX_TREE_LINES:
            return
        how = f" — {md(UP_PHRASE.get(line.type, line.type))}" if line else ""
        when = f" · {md(line.date)}" if line and line.date else ""
        again = " (se ovan)" if ref.id in seen else ""
        out.append(f"{'    ' * depth}- {_name(ref)}{how}{when}{again}")
        if ref.id in seen:
            return
        seen.add(ref.id)
        for child, child_line in sorted(below.get(ref.id, []), key=lambda c: c[0].name.casefold()):
            walk(child, depth + 1, child_line)

    for root in roots:
        walk(root, 0, None)
    for ref_id, ref in sorted(refs.items(), key=lambda kv: kv[1].name.casefold()):
        if ref_id not in seen:  # a cycle with no top
            walk(ref, 0, None)
    return "\n".join(out)


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


def chain_frame(chain: list[ChainLink]):
    rows = [
        {
            "Nivå": link.depth,
            "Grupp": link.lower.name,
            "Relation": UP_PHRASE.get(link.type, link.type),
            "Överordnad": link.upper.name,
            "Datum": link.date or "",
            "Citat": link.quote or "",
        }
        for link in chain
    ]
    return frame(rows, ["Nivå", "Grupp", "Relation", "Överordnad", "Datum", "Citat"])


def _source_links(lines: list[MandateLine]) -> None:
    with st.expander("Källor"):
        for line in lines[:60]:
            if line.sources:
                label = (
                    f"{line.source.name} {EDGE_LABELS.get(line.type, line.type)} {line.target.name}: "
                    f"{line.sources[0].document}, rad {line.sources[0].line}"
                )
                doc_link(line.sources[0], label)


def render() -> None:
    st.title("Vem ger uppdrag åt vem")
    labels = node_labels(BODY_KINDS | {NodeKind.PERSON})
    c1, c2 = st.columns([3, 1])
    chosen = c1.selectbox(
        "Organ, grupp eller person",
        [ALL, *labels],
        format_func=lambda i: "Hela strukturen" if i == ALL else labels[i],
        key="mandates_node",
    )
    with c2:
        as_of = as_of_input("mandates_as_of")

    if chosen == ALL:
        answer: MandateAnswer = query("mandates", None, as_of)
        st.subheader("Strukturen uppifrån")
        tree = structure_markdown(answer.lines)
        st.markdown(tree or "Inga uppdrag eller styrrelationer hittades.")
    else:
        name = labels[chosen].rsplit(" (", 1)[0]
        answer = query("mandates", name, as_of)
        if answer.node is None:
            st.info("Inga uppdrag, styrrelationer eller medel hittades.")
            return
        if answer.node.id != chosen:
            st.caption(f"Namnet tolkades som {md(answer.node.name)}.")
        st.subheader("Kedjan uppåt")
        if answer.chain:
            st.markdown(chain_markdown(answer.node, answer.chain))
            st.dataframe(chain_frame(answer.chain), hide_index=True, width="stretch")
        else:
            st.markdown(f"{_name(answer.node)} svarar inte mot något annat organ i materialet.")
    st.subheader("Uppdrag, styrning och medel")
    if answer.lines:
        st.dataframe(lines_frame(answer.lines), hide_index=True, width="stretch")
        _source_links(answer.lines)
    else:
        st.caption("Inga uppdrag, styrrelationer eller medel hittades.")


if __name__ == "__main__":
    render()
