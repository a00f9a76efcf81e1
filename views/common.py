"""What every page shares: the store and backend, cached queries, Swedish labels and escaping.

Text from documents may hold HTML or Markdown (``<script>``, ``**``, ``:red[...]``): every string
from the graph goes through :func:`md` before ``st.markdown``/``st.caption``/link labels and
through :func:`h` before any HTML; tables (``st.dataframe``) show text as text.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from graph.backend import GraphBackend
from graph.corrections import CORRECTION_DOCUMENT
from graph.embedded import EmbeddedBackend
from graph.kinds import EDGE_LABELS, KIND_LABELS, PROP_LABELS, PROP_VALUE_LABELS
from graph.models import Edge, Node, NodeKind, Source
from graph.store import DEFAULT_STORE, EmbeddedStore
from queries.models import EVENT_LABELS, GAP_LABELS

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DOCUMENTS_PAGE",
    "EDGE_LABELS",
    "EVENT_LABELS",
    "GAP_LABELS",
    "KIND_LABELS",
    "backend",
    "backend_description",
    "docs_folder",
    "graph_lists",
    "h",
    "keep_in_url",
    "local_time",
    "md",
    "node_labels",
    "prop_rows",
    "query",
    "show_sources",
    "sources_frame",
    "store",
    "url_choice",
]

STORE_ENV = "SAMVERKAN_STORE"
DOCS_ENV = "SAMVERKAN_DOCS"
DOCUMENTS_PAGE = "views/documents.py"

# --- escaping ------------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


def md(text: Any) -> str:
    """Text shown as itself in Streamlit Markdown: every Markdown, LaTeX, colour and emoji
    directive character backslash-escaped, line breaks made spaces.

    >>> md("<script>alert(1)</script> *fet* :red[x]")
    '\\\\<script\\\\>alert\\\\(1\\\\)\\\\</script\\\\> \\\\*fet\\\\* \\\\:red\\\\[x\\\\]'
    """
    if text is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def h(text: Any) -> str:
    """Text made safe inside HTML, attributes included."""
    return html.escape("" if text is None else str(text), quote=True)


# --- store and backend ---------------------------------------------------------------------------
def store_root() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE).resolve()


def docs_folder() -> Path | None:
    value = os.environ.get(DOCS_ENV)
    return Path(value) if value else None


@st.cache_resource(show_spinner=False)
def _store(root: str) -> EmbeddedStore:
    return EmbeddedStore(root)


def store() -> EmbeddedStore:
    """The embedded store (documents, texts and corrections live here even when Neo4j answers)."""
    return _store(str(store_root()))


@st.cache_resource(max_entries=2, show_spinner="Läser grafen …")
def _embedded(root: str, stamp: tuple[int, int]) -> EmbeddedBackend:
    return EmbeddedBackend.from_store(_store(root))


@st.cache_resource(show_spinner="Ansluter till Neo4j …")
def _neo4j(uri: str, user: str | None, database: str | None):
    from graph.neo4j.backend import Neo4jBackend

    return Neo4jBackend.from_env(uri=uri, user=user, database=database)


def _neo4j_settings() -> tuple[str, str | None, str | None] | None:
    uri = os.environ.get("NEO4J_URI")
    return (uri, os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_DATABASE")) if uri else None


def backend() -> GraphBackend:
    """Neo4j when ``NEO4J_URI`` is set and reachable, else the embedded store (cached per version)."""
    settings = _neo4j_settings()
    if settings is not None and not st.session_state.get("_neo4j_failed"):
        try:
            return _neo4j(*settings)
        except Exception as exc:  # unreachable server, wrong password: say so, use the local store
            st.session_state["_neo4j_failed"] = f"{type(exc).__name__}: {exc}"
    s = store()
    return _embedded(str(s.root), s.version_stamp())


def backend_description() -> tuple[str, str, str | None]:
    """(headline, detail, problem) for the sidebar: which store answers the questions."""
    settings = _neo4j_settings()
    failed = st.session_state.get("_neo4j_failed")
    if settings is not None and not failed:
        database = f", databas {settings[2]}" if settings[2] else ""
        return "Neo4j", f"{settings[0]}{database}", None
    problem = (
        f"Neo4j på {settings[0]} svarade inte ({failed}); den inbäddade lagringen används."
        if failed
        else None
    )
    return "Inbäddad lagring", str(store_root()), problem


@st.cache_data(max_entries=128, show_spinner=False)
def _query(_backend: GraphBackend, version: str, name: str, args: tuple) -> Any:
    from queries import groups, lineage, mandates, person

    fn = {"groups": groups, "lineage": lineage, "mandates": mandates, "person": person}[name]
    return fn(_backend, *args)


def query(name: str, *args: Any) -> Any:
    """``queries.<name>(backend, *args)``, cached until the graph changes."""
    b = backend()
    return _query(b, b.version(), name, args)


@st.cache_data(max_entries=8, show_spinner=False)
def _node_labels(_backend: GraphBackend, version: str, kinds: tuple[str, ...] | None) -> dict[str, str]:
    nodes = _backend.nodes([NodeKind(k) for k in kinds] if kinds is not None else None)
    order = {k: i for i, k in enumerate(KIND_LABELS)}
    nodes = sorted(nodes, key=lambda n: (order.get(str(n.kind), 99), n.name.casefold(), n.id))
    return {n.id: node_label(n) for n in nodes}


@st.cache_resource(max_entries=2, show_spinner="Läser grafen …")  # shared, never changed: no copies
def _graph_lists(_backend: GraphBackend, version: str) -> tuple[list[Node], list[Edge]]:
    return _backend.nodes(), _backend.edges()


def graph_lists() -> tuple[list[Node], list[Edge]]:
    """All nodes and edges, cached until the graph changes (two reads on Neo4j)."""
    b = backend()
    return _graph_lists(b, b.version())


def node_labels(kinds: Iterable[NodeKind | str] | None = None) -> dict[str, str]:
    """Node id -> "Name (Kind)", sorted by kind then name: the options of a node picker."""
    b = backend()
    key = tuple(sorted(str(k) for k in kinds)) if kinds is not None else None
    return _node_labels(b, b.version(), key)


def node_label(node: Node) -> str:
    return f"{node.name} ({KIND_LABELS.get(str(node.kind), str(node.kind))})"


def as_of_input(key: str, label: str = "Som det såg ut den") -> str | None:
    """An optional date (empty: today's graph), as an ISO string for the queries.

    A text field rather than Streamlit's date picker, whose calendar and placeholder are English.
    """
    text = st.text_input(label, key=key, placeholder="ÅÅÅÅ-MM-DD", help="Tomt: som det ser ut nu.")
    value = (text or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        st.caption(f"”{md(value)}” är inget datum; skriv till exempel 2025-09-26. Visar som det ser ut nu.")
        return None


# --- choices kept in the URL ------------------------------------------------------------------------
def url_choice(key: str, param: str, options=None) -> None:
    """Let a link choose a widget's value: ``?<param>=<option>`` (a node id, say; any text when
    ``options`` is None) sets the widget ``key`` once per link; :func:`keep_in_url` writes the
    user's choice back. (Streamlit's own ``bind="query-params"`` keeps an option's label in the URL,
    which is not unique for nodes, and is not applied when a page is opened by ``st.page_link``.)"""
    wanted = st.query_params.get(param)
    marker = f"_{key}_from_url"
    if wanted and (options is None or wanted in options) and st.session_state.get(marker) != wanted:
        st.session_state[key] = wanted
        st.session_state[marker] = wanted


def keep_in_url(key: str, param: str, empty=None) -> None:
    """An ``on_change`` callback: the widget's value into the URL (removed when it is ``empty``)."""
    value = st.session_state.get(key)
    st.session_state[f"_{key}_from_url"] = value
    if value is None or value == empty:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = str(value)


# --- sources -------------------------------------------------------------------------------------
def sources_frame(sources: Iterable[Source]) -> pd.DataFrame:
    rows = [
        {
            "Dokument": "rättelse" if s.document == CORRECTION_DOCUMENT else s.document,
            "Rad": s.line or None,
            "Citat": s.quote,
        }
        for s in sources
    ]
    return frame(rows, ["Dokument", "Rad", "Citat"])


def doc_link(source: Source, label: str | None = None) -> None:
    """A link to the document view at the source's line (a correction has no document)."""
    if source.document == CORRECTION_DOCUMENT:
        st.caption(f"Rättelse: {md(source.quote)}")
        return
    st.page_link(
        DOCUMENTS_PAGE,
        label=md(label or f"{source.document}, rad {source.line}"),
        icon=":material/description:",
        query_params={"doc": source.document, "line": str(source.line)},
    )


def show_sources(sources: list[Source], links: int = 5) -> None:
    """The sources as a table, and links to the first few in the document view."""
    if not sources:
        st.caption("Inga källor.")
        return
    st.dataframe(sources_frame(sources), hide_index=True, width="stretch")
    for source in sources[:links]:
        doc_link(source)


def frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """A table with these columns (pandas is imported here, not on start: ~0.4 s of the first page)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


# --- Swedish words for what the graph stores ----------------------------------------------------
#: Props that are bookkeeping (line ranges, hashes, ids kept for the loaders), never shown.
HIDDEN_PROPS = frozenset({"content_hash", "end_line", "parent_id", "derived", "format"})
#: Props whose value is another node's id: shown as that node's name.
ID_PROPS = frozenset({"meeting", "decision", "funding"})
#: Where dates and times are shown: the app's users are in Sweden.
TIMEZONE = "Europe/Stockholm"


def local_time(value: Any) -> str:
    """A stored UTC time ("2026-03-20T08:15:02+00:00") as Swedish local time ("2026-03-20 09:15").

    >>> local_time("2026-03-20T08:15:02+00:00"), local_time("2026-07-01T08:15:02+00:00"), local_time("")
    ('2026-03-20 09:15', '2026-07-01 10:15', '')
    """
    if not value:
        return ""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(ZoneInfo(TIMEZONE)).strftime("%Y-%m-%d %H:%M")


def _value_text(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (list, tuple)):
        return " · ".join(_value_text(key, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{PROP_LABELS.get(str(k), str(k))}: {_value_text(str(k), v)}" for k, v in value.items())
    if key == "amount_sek" and isinstance(value, (int, float)):
        return f"{value:,.0f} kr".replace(",", " ")
    return PROP_VALUE_LABELS.get(key, {}).get(str(value), str(value))


def prop_rows(props: dict[str, Any], name_of=None) -> list[dict[str, str]]:
    """A node's or relation's props as rows of Swedish words: ``{"Egenskap": …, "Värde": …}``.

    Bookkeeping props are left out, codes get their Swedish word, lists are joined, and a prop that
    holds another node's id shows that node's name (``name_of(id)``).

    >>> prop_rows({"purpose": "samordna", "org_type": "municipality", "goals": ["a", "b"], "end_line": 9})
    [{'Egenskap': 'Syfte', 'Värde': 'samordna'}, {'Egenskap': 'Typ av organisation', 'Värde': 'kommun'}, {'Egenskap': 'Mål', 'Värde': 'a · b'}]
    """
    rows = []
    for key, value in props.items():
        if key in HIDDEN_PROPS or value in (None, "", [], {}):
            continue
        if key in ID_PROPS and name_of is not None and isinstance(value, str):
            text = name_of(value) or value
        else:
            text = _value_text(key, value)
        rows.append({"Egenskap": PROP_LABELS.get(key, key.replace("_", " ").capitalize()), "Värde": text})
    return rows


def first_source(sources: list[Source]) -> tuple[str, int | None, str]:
    if not sources:
        return ("", None, "")
    s = sources[0]
    return (s.document, s.line or None, s.quote)
