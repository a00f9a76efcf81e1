"""Beslutsspår: one matter's events across meetings and bodies, as a timeline (``queries.lineage``)."""

from __future__ import annotations

import streamlit as st

from queries.models import LineageAnswer, LineageEvent
from views.common import EVENT_LABELS, as_of_input, doc_link, first_source, frame, md, query


def timeline(events: list[LineageEvent]) -> None:
    for event in events:
        with st.container(border=True):
            left, right = st.columns([1, 5])
            left.markdown(f"**{md(event.date or '(odaterat)')}**")
            left.caption(md(EVENT_LABELS.get(event.kind, event.kind)))
            head = md(event.body or "")
            if event.item:
                head += f" · punkt {md(event.item)}"
            right.markdown(f"{head}  \n{md(event.text)}")
            if event.sources:
                source = event.sources[0]
                right.caption(f"”{md(source.quote)}”")
                with right:
                    doc_link(source)


def events_frame(events: list[LineageEvent]):
    rows = []
    for e in events:
        doc, line, quote = first_source(e.sources)
        rows.append(
            {
                "Datum": e.date or "(odaterat)",
                "Organ": e.body or "",
                "Typ": EVENT_LABELS.get(e.kind, e.kind),
                "Vad": e.text,
                "Dokument": e.document or doc,
                "Rad": line,
                "Citat": quote,
            }
        )
    return frame(rows, ["Datum", "Organ", "Typ", "Vad", "Dokument", "Rad", "Citat"])


def render() -> None:
    st.title("Beslutsspår")
    c1, c2 = st.columns([3, 1])
    text = c1.text_input(
        "Sök ett ärende",
        key="lineage_query",
        placeholder="t.ex. uppdragsbeskrivning regional processgrupp demens",
        help="Ord som beskriver ärendet; spåret visar beslut, uppdrag och ärenden i datumordning.",
    )
    with c2:
        as_of = as_of_input("lineage_as_of", "Fram till")
    if not text.strip():
        st.caption("Skriv några ord om ärendet, till exempel ”trygg hemgång” eller ”suicidprevention medel”.")
        return
    answer: LineageAnswer = query("lineage", text.strip(), as_of)
    if not answer.events:
        st.info(f"Inga händelser hittades för ”{md(text)}”.")
        return
    st.caption(f"{len(answer.events)} händelser · sökord: {md(', '.join(answer.terms))}")
    tab_time, tab_table = st.tabs(["Tidslinje", "Tabell"])
    with tab_time:
        timeline(answer.events)
    with tab_table:
        st.dataframe(events_frame(answer.events), hide_index=True, width="stretch")
        with st.expander("Träffar som spåret bygger på"):
            st.dataframe(
                frame(
                    [
                        {"Träff": m.node.name, "Poäng": m.score, "Ord": ", ".join(m.terms)}
                        for m in answer.matched
                    ],
                    ["Träff", "Poäng", "Ord"],
                ),
                hide_index=True,
            )


if __name__ == "__main__":
    render()
