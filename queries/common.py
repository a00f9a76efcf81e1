"""Helpers shared by the queries: dates, references, name resolution, ``as_of`` and organisation types.

All of it reads the graph through :class:`graph.backend.GraphBackend` only.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from graph.backend import GraphBackend
from graph.models import Edge, EdgeType, Node, NodeKind, Source
from graph.text import fold
from queries.models import NodeRef
from queries.text import content_words

__all__ = [
    "NON_ENTITY_KINDS",
    "Clock",
    "QueryError",
    "doc_name",
    "iso",
    "org_type",
    "ref",
    "resolve",
]

#: Kinds that belong to one document and are never the subject of a name look-up.
NON_ENTITY_KINDS = frozenset({NodeKind.DOCUMENT, NodeKind.MEETING, NodeKind.AGENDA_ITEM, NodeKind.DECISION})
DATED_KINDS = frozenset({"Meeting", "AgendaItem", "Decision"})
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class QueryError(Exception):
    """A question the graph cannot answer as asked (unknown name, bad date)."""


def iso(value) -> str | None:
    """An ISO date string ("2025-09-26", "2025-09" or "2025") from a date, datetime or string.

    >>> iso("2025-09-26T10:00:00"), iso(date(2025, 1, 7)), iso("okänt"), iso(None)
    ('2025-09-26', '2025-01-07', None, None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    match = _ISO.match(str(value).strip())
    if not match:
        return None
    return "-".join(p for p in match.groups() if p)


def parse_day(value) -> date | None:
    """A ``date`` from a date or an ISO string; raises :class:`QueryError` on anything else."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise QueryError(f"not a date (expected YYYY-MM-DD): {value!r}") from exc


def ref(node: Node) -> NodeRef:
    return NodeRef(id=node.id, kind=str(node.kind), name=node.name)


def missing_ref(node_id: str) -> NodeRef:
    return NodeRef(id=node_id, kind="?", name=node_id)


def doc_name(path: str | None) -> str | None:
    return Path(str(path)).name if path else None


def first_line(sources: list[Source]) -> tuple[str, int]:
    if not sources:
        return ("", 0)
    s = sources[0]
    return (doc_name(s.document) or "", s.line)


def resolve(backend: GraphBackend, name: str, kinds: Iterable[NodeKind] | None = None) -> list[Node]:
    """Nodes ``name`` may mean, best first: exact name or alias, then containing, then most words shared."""
    kinds = list(kinds) if kinds is not None else None
    hits = backend.find_nodes(name, kinds, limit=20)
    hits = [n for n in hits if kinds is not None or n.kind not in NON_ENTITY_KINDS]
    if hits:
        return hits
    counts: Counter[str] = Counter()
    found: dict[str, Node] = {}
    for word in content_words(name):
        for node in backend.find_nodes(word, kinds, limit=500):
            if kinds is None and node.kind in NON_ENTITY_KINDS:
                continue
            counts[node.id] += 1
            found[node.id] = node
    ranked = sorted(counts, key=lambda i: (-counts[i], len(found[i].name), found[i].name))
    return [found[i] for i in ranked[:20]]


class Clock:
    """Dates of meetings, items and decisions, and the ``as_of`` filter over nodes and edges.

    A node or edge "stands" on ``as_of`` when nothing dates it later: a meeting held after it, a
    decision taken after it, an edge whose ``date``/``valid_from`` is after it. Facts without any
    date stand.
    """

    def __init__(self, backend: GraphBackend, as_of: date | str | None = None):
        self.backend = backend
        day = parse_day(as_of)
        self.as_of: str | None = day.isoformat() if day else None
        self._meeting_of: dict[str, Node | None] = {}

    # --- meetings ------------------------------------------------------------------------------
    def meeting_of(self, node: Node) -> Node | None:
        """The meeting an agenda item or decision belongs to (the node itself for a meeting)."""
        if node.kind == NodeKind.MEETING:
            return node
        if node.id in self._meeting_of:
            return self._meeting_of[node.id]
        meeting = None
        if node.kind == NodeKind.AGENDA_ITEM:
            for edge in self.backend.edges_in(node.id, [EdgeType.HAS_ITEM]):
                meeting = self.backend.node(edge.source)
                break
        elif node.kind == NodeKind.DECISION:
            item = self.item_of(node)
            if item is not None:
                meeting = self.meeting_of(item)
        self._meeting_of[node.id] = meeting
        return meeting

    def item_of(self, decision: Node) -> Node | None:
        for edge in self.backend.edges_in(decision.id, [EdgeType.HAS_DECISION]):
            return self.backend.node(edge.source)
        return None

    def body_of_meeting(self, meeting: Node | None) -> Node | None:
        if meeting is None:
            return None
        for edge in self.backend.edges_out(meeting.id, [EdgeType.HELD_BY]):
            return self.backend.node(edge.target)
        return None

    @staticmethod
    def meeting_date(meeting: Node | None) -> str | None:
        return iso(meeting.props.get("date")) if meeting is not None else None

    def node_date(self, node: Node) -> str | None:
        """A meeting's date; a decision's own date, else its meeting's; an item's meeting's date."""
        if node.kind == NodeKind.DECISION:
            own = iso(node.props.get("date"))
            if own:
                return own
        if node.kind in (NodeKind.MEETING, NodeKind.AGENDA_ITEM, NodeKind.DECISION):
            return self.meeting_date(self.meeting_of(node))
        return iso(node.props.get("date"))

    # --- as_of -------------------------------------------------------------------------------
    def after(self, day: str | None) -> bool:
        """True when ``day`` is known and later than ``as_of``."""
        return bool(self.as_of and day and day[:10] > self.as_of)

    def node_stands(self, node: Node | None) -> bool:
        if node is None:
            return False
        if self.as_of is None or str(node.kind) not in DATED_KINDS:
            return True
        day = self.node_date(node)
        if not day:
            # an undated meeting known to be after some date (``date_after``) is after as_of too
            meeting = self.meeting_of(node)
            day = iso(meeting.props.get("date_after")) if meeting is not None else None
        return not self.after(day)

    def edge_stands(self, edge: Edge) -> bool:
        if self.as_of is None:
            return True
        props = edge.props
        if self.after(iso(props.get("date"))) or self.after(iso(props.get("valid_from"))):
            return False
        for node_id in (edge.source, edge.target):
            node = self.backend.node(node_id)
            if node is not None and str(node.kind) in DATED_KINDS and not self.node_stands(node):
                return False
        return True

    def edges_out(self, node_id: str, types) -> list[Edge]:
        edges = self.backend.edges_out(node_id, types)
        return edges if self.as_of is None else [e for e in edges if self.edge_stands(e)]

    def edges_in(self, node_id: str, types) -> list[Edge]:
        edges = self.backend.edges_in(node_id, types)
        return edges if self.as_of is None else [e for e in edges if self.edge_stands(e)]


# --- organisation types ------------------------------------------------------------------------
_LEXICON = Path(__file__).resolve().parent.parent / "loaders" / "data"


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    """Folded organisation names -> "municipality" / "region" / "national", from the loaders' lists."""
    out: dict[str, str] = {}

    def rows(name: str):
        path = _LEXICON / name
        if not path.exists():
            return
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")

    for cols in rows("municipalities.tsv"):
        for value in (cols[0], cols[2] if len(cols) > 2 else ""):
            if value:
                out[fold(value)] = "municipality"
    for cols in rows("regions.tsv"):
        out[fold(cols[0])] = "region"
        for alias in (cols[2] if len(cols) > 2 else "").split("|"):
            if alias.strip():
                out[fold(alias)] = "region"
    for cols in rows("organisations.tsv"):
        out.setdefault(fold(cols[0]), "national")
        for alias in (cols[1] if len(cols) > 1 else "").split("|"):
            if alias.strip():
                out.setdefault(fold(alias), "national")
    return out


def org_type(
    backend: GraphBackend, name: str | None, cache: dict[str, str | None] | None = None
) -> str | None:
    """What an organisation is: the Organisation node's ``org_type`` if known, else the lexicon,
    else the name's form ("... kommun" -> municipality, "Region ..." -> region).

    >>> from graph.embedded import EmbeddedBackend
    >>> from graph.models import GraphData
    >>> org_type(EmbeddedBackend(GraphData()), "Exempelby kommun"), org_type(EmbeddedBackend(GraphData()), "Region Exempel")
    ('municipality', 'region')
    """
    if not name:
        return None
    if cache is not None and name in cache:
        return cache[name]
    key = fold(name)
    kind = None
    for node in backend.find_nodes(name, [NodeKind.ORGANISATION], limit=5):
        labels = {fold(x) for x in (node.name, *node.aliases)}
        if key in labels:
            kind = node.props.get("org_type") or _lexicon().get(fold(node.name))
            if kind:
                break
    if kind is None:
        kind = _lexicon().get(key)
    if kind is None:
        if key.endswith(" kommun") or key.endswith(" stad"):
            kind = "municipality"
        elif key.startswith("region "):
            kind = "region"
    if cache is not None:
        cache[name] = kind
    return kind
