"""The one search, in the sidebar of every page: ranked hits (``queries.search``), each with its actions.

A group or organisation: "Kedjan uppåt", "Beslutsspår", "Visa på kartan" (and "I registret" for a
group); a person: "Personen", "Kedjan uppåt", "Visa på kartan"; a matter: "Beslutsspår" and its
line in the document; a document: "Öppna dokumentet". Every action is a link to a page with the
question in its URL, so it can be shared too.
"""

from __future__ import annotations

import streamlit as st

from queries.search import SearchHit
from views.common import DOCUMENTS_PAGE, backend, md

__all__ = ["PAGES", "actions", "sidebar_search"]

#: The pages the actions open (their ``url_path`` in app.py).
PAGES = {
    "map": "views/map.py",
    "mandates": "views/mandates.py",
    "lineage": "views/lineage.py",
    "register": "views/register.py",
    "people": "views/people.py",
    "documents": DOCUMENTS_PAGE,
}
_SHOWN = 8


@st.cache_data(max_entries=64, show_spinner=False)
def _search(_backend, version: str, text: str) -> list[SearchHit]:
    from queries.search import search

    return search(_backend, text, limit=_SHOWN)


def actions(hit: SearchHit) -> list[tuple[str, str, str, dict[str, str]]]:
    """(page, label, icon, query params) for each action a hit offers, the most likely first."""
    node = hit.node
    on_map = (PAGES["map"], "Visa på kartan", ":material/hub:", {"fokus": node.id, "vald": node.id})
    if hit.kind == "matter":
        out = [(PAGES["lineage"], "Beslutsspår", ":material/timeline:", {"arende": hit.query or hit.label})]
        if hit.document:
            out.append((PAGES["documents"], "I dokumentet", ":material/description:",
                        {"doc": hit.document, "line": str(hit.line or 1)}))  # fmt: skip
        return out
    if hit.kind == "document":
        return [(PAGES["documents"], "Öppna dokumentet", ":material/description:", {"doc": node.name})]
    if hit.kind == "person":
        return [
            (PAGES["people"], "Personen", ":material/person:", {"person": node.id}),
            (PAGES["mandates"], "Kedjan uppåt", ":material/account_tree:", {"nod": node.id}),
            on_map,
        ]
    out = []
    if hit.kind in ("group", "organisation"):
        out.append((PAGES["mandates"], "Kedjan uppåt", ":material/account_tree:", {"nod": node.id}))
    out.append((PAGES["lineage"], "Beslutsspår", ":material/timeline:", {"arende": node.name}))
    out.append(on_map)
    if hit.kind == "group":
        out.append((PAGES["register"], "I registret", ":material/table_view:", {"grupp": node.id}))
    return out


def sidebar_search() -> None:
    """The search box and its hits, in the sidebar."""
    text = st.sidebar.text_input(
        "Sök",
        key="sok",
        placeholder="grupp, person, ärende eller dokument",
        help="Grupper och exakta namn först, sedan personer och organisationer, ärenden och dokument.",
    )
    if not text.strip():
        return
    b = backend()
    hits = _search(b, b.version(), text.strip())
    if not hits:
        st.sidebar.caption(f"Inget hittades för ”{md(text.strip())}”.")
        return
    for i, hit in enumerate(hits):
        box = st.sidebar.container(border=True, key=f"sok_traff_{i}")
        box.markdown(f"**{md(hit.label)}**  \n{md(hit.detail)}")
        for page, label, icon, params in actions(hit):
            box.page_link(page, label=label, icon=icon, query_params=params)
