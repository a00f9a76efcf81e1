"""Samverkanskartan: the Streamlit app.

    SAMVERKAN_STORE=.samverkan-demo SAMVERKAN_DOCS=examples/docs streamlit run app.py

The store folder comes from ``SAMVERKAN_STORE`` (default ``.samverkan``) and the documents folder
the Dokument page offers from ``SAMVERKAN_DOCS``; with ``NEO4J_URI`` set the questions are
answered by Neo4j. Each page is a module in ``views/``; this file only wires them together: the
pages and their addresses, the one search in the sidebar, and which store answers.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from graph.store import StoreError
from loaders.pipeline import ensure_fresh
from views.common import backend, backend_description, md, store
from views.search import sidebar_search
from views.swedish import swedish_builtins

#: Served by the app itself (st.set_page_config reads it): nothing is fetched from the internet.
FAVICON = str(Path(__file__).resolve().parent / "views" / "assets" / "favicon.png")

st.set_page_config(page_title="Samverkanskartan", page_icon=FAVICON, layout="wide")

PAGES = [
    st.Page("views/overview.py", title="Översikt", icon=":material/dashboard:", default=True),
    st.Page("views/map.py", title="Karta", icon=":material/hub:", url_path="karta"),
    st.Page(
        "views/mandates.py",
        title="Vem ger uppdrag åt vem",
        icon=":material/account_tree:",
        url_path="uppdrag",
    ),
    st.Page("views/lineage.py", title="Beslutsspår", icon=":material/timeline:", url_path="beslutsspar"),
    st.Page(
        "views/register.py", title="Samverkansregister", icon=":material/table_view:", url_path="register"
    ),
    st.Page("views/overlap.py", title="Vem sitter var", icon=":material/groups:", url_path="vem-sitter-var"),
    st.Page("views/people.py", title="Personer", icon=":material/person:", url_path="personer"),
    st.Page("views/documents.py", title="Dokument", icon=":material/description:", url_path="dokument"),
    st.Page("views/corrections.py", title="Rättelser", icon=":material/edit_note:", url_path="rattelser"),
    # The first page answers at "/" only; /oversikt reaches it too (not listed twice in the menu).
    st.Page(
        "views/overview_link.py",
        title="Översikt",
        icon=":material/dashboard:",
        url_path="oversikt",
        visibility="hidden",
    ),
]

page = st.navigation(PAGES)
swedish_builtins()
store_problem = None  # a damaged store file, named with the way out; Dokument, which mends it, stays usable
try:
    ensure_fresh(store())  # a graph left out of date by a kill or a failed rebuild is rebuilt first
    backend()  # connects (or falls back to the embedded store) before the sidebar says which
    sidebar_search()
    with st.sidebar:
        headline, detail, problem = backend_description()
        st.markdown(f"**Lagring:** {md(headline)}")
        st.caption(md(detail))
        if problem:
            st.warning(md(problem))
except StoreError as exc:
    store_problem = str(exc)
    st.sidebar.error(md(store_problem))
if store_problem is None or page.url_path == "dokument":
    try:
        page.run()
    except StoreError as exc:
        store_problem = str(exc)
if store_problem and page.url_path != "dokument":
    st.error(md(store_problem))
    st.page_link("views/documents.py", label="Reparera lagringen på sidan Dokument", icon=":material/build:")
