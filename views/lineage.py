"""Beslutsspår: one matter's history across meetings and bodies, as cards headed by the agenda
item's title, procedural decisions folded, undated meetings placed (``queries.lineage``,
``queries.matters``)."""

from __future__ import annotations

import streamlit as st

from graph.text import fold
from queries.matters import MatterCard
from queries.models import LineageAnswer, LineageEvent
from queries.text import STOP_WORDS
from views.common import (
    EVENT_LABELS,
    as_of_input,
    backend,
    doc_link,
    first_source,
    frame,
    keep_in_url,
    md,
    query,
    url_choice,
)


@st.cache_data(max_entries=32, show_spinner=False)
def _cards(_backend, version: str, text: str, as_of: str | None) -> list[MatterCard]:
    from queries.matters import cards

    return cards(_backend, query("lineage", text, as_of))


_PUNCTUATION = ".,;:!?()”“\"'"


def typed_words(text: str, terms: list[str]) -> list[str]:
    """The words the user typed that the search used, as typed (with å, ä, ö).

    >>> typed_words("Hemsjukvårdsavtalet och hälso- och sjukvård", ["hemsjukvardsavtalet", "halso", "sjukvard"])
    ['Hemsjukvårdsavtalet', 'hälso', 'sjukvård']
    """
    wanted = set(terms)
    out = []
    for raw in text.replace("-", " ").split():
        word = raw.strip(_PUNCTUATION)
        if fold(word) in wanted and fold(word) not in STOP_WORDS and word not in out:
            out.append(word)
    return out


def _event_line(event: LineageEvent, card_date: str | None) -> str:
    label = EVENT_LABELS.get(event.kind, event.kind)
    when = f" ({event.date})" if event.date and event.date != card_date else ""
    return f"- *{md(label)}{md(when)}:* {md(event.text)}"


def show_card(card: MatterCard) -> None:
    with st.container(border=True):
        left, right = st.columns([1, 5])
        if card.date:
            left.markdown(f"**{md(card.date)}**")
        else:
            left.markdown("**odaterat**")
        left.caption(md(card.body or ""))
        head = md(card.title)
        right.markdown(f"**{head}**" + (f"  \nåtergivet i protokollet {md(card.document or '')}" if card.reported else ""))
        if card.placement is not None:
            right.caption(md(card.placement.text))
        if card.events:
            right.markdown("\n".join(_event_line(e, card.date) for e in card.events))
        if card.procedural:
            texts = "; ".join(dict.fromkeys(e.text for e in card.procedural))
            right.caption(f"Formella beslut: {md(texts)}")
        events = card.events or card.procedural
        if events and events[0].sources:
            source = events[0].sources[0]
            if fold(events[0].text)[:60] not in fold(source.quote):
                right.caption(f"”{md(source.quote)}”")
            with right:
                doc_link(source)


def events_frame(events: list[LineageEvent]):
    rows = []
    for e in events:
        doc, line, quote = first_source(e.sources)
        rows.append(
            {
                "Datum": e.date or "odaterat",
                "Organ": e.body or "",
                "Typ": EVENT_LABELS.get(e.kind, e.kind),
                "Punkt": e.item or "",
                "Vad": e.text,
                "Dokument": e.document or doc,
                "Rad": line,
                "Citat": quote,
            }
        )
    return frame(rows, ["Datum", "Organ", "Typ", "Punkt", "Vad", "Dokument", "Rad", "Citat"])


def render() -> None:
    st.title("Beslutsspår")
    url_choice("lineage_query", "arende")
    c1, c2 = st.columns([3, 1])
    text = c1.text_input(
        "Sök ett ärende",
        key="lineage_query",
        on_change=keep_in_url,
        args=("lineage_query", "arende", ""),
        placeholder="t.ex. uppdragsbeskrivning regional processgrupp demens",
        help="Ord som beskriver ärendet; spåret visar beslut, uppdrag och ärenden i datumordning.",
    )
    with c2:
        as_of = as_of_input("lineage_as_of", "Fram till")
    if not text.strip():
        st.caption("Skriv några ord om ärendet, till exempel ”trygg hemgång” eller ”suicidprevention medel”, "
                   "eller sök i sidopanelen.")  # fmt: skip
        return
    answer: LineageAnswer = query("lineage", text.strip(), as_of)
    if not answer.events:
        st.info(f"Inga händelser hittades för ”{md(text)}”.")
        return
    b = backend()
    cards = _cards(b, b.version(), text.strip(), as_of)
    folded = sum(len(c.procedural) for c in cards)
    words = typed_words(text, answer.terms) or [text.strip()]
    note = f"{len(answer.events)} händelser under {len(cards)} ärenden · sökord: {', '.join(words)}"
    if folded:
        note += f" · {folded} formella beslut (”att lägga informationen till handlingarna” …) ihopvikta"
    st.caption(md(note))
    tab_time, tab_table = st.tabs(["Tidslinje", "Tabell"], key="arende_flik")
    with tab_time:
        for card in cards:
            show_card(card)
    with tab_table:
        st.dataframe(events_frame(answer.events), hide_index=True, width="stretch")
        with st.expander("Vad spåret bygger på"):
            rows = [
                {"Träff": m.node.name, "Ord som träffade": ", ".join(t.lstrip("~") for t in m.terms)}
                for m in answer.matched
            ]
            st.dataframe(frame(rows, ["Träff", "Ord som träffade"]), hide_index=True)
            st.caption("Ärenden och beslut där orden förekommer, bäst träff först.")


if __name__ == "__main__":
    render()
