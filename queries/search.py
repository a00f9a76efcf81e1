"""One search for everything a coordinator looks up: groups, people, organisations, matters, documents.

Hits are ranked in tiers, so a name typed in full or a group's name comes before a partial hit:

0. an exact name or alias ("Välfärdsrådet", "LCHNV");
1. groups (council, networks, steering groups, process groups, LPO, working groups) whose name has
   every word of the query at the start of one of its words ("samsjuk" in "Regional processgrupp
   samsjuklighet");
2. other entities named so: people, organisations, agreements, initiatives;
3. matters: agenda items and decisions found by the lineage index (``queries.index``);
4. documents whose file name holds the query;
5. partial hits: the query inside a word ("sjukvård" in "hemsjukvårdsavtalet"), or only some of
   its words.

Within a tier a name whose word is closest to the query in length comes first ("samsjuklighet"
before "samsjuklighetsdelegationen" for "samsjuk"), then the one with more relations, then the
shorter name.

>>> from queries.fixtures import example_backend
>>> [(h.tier, h.label) for h in search(example_backend(), "processgrupp")][:3]
[(1, 'Processgrupp norr'), (1, 'Processgrupp söder'), (1, 'Regionala processgruppen')]
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from typing import Literal

from pydantic import BaseModel

from graph.backend import GraphBackend
from graph.embedded import paused_gc
from graph.kinds import ENTITY_KIND_NAMES, GROUP_KIND_NAMES, KINDS, kind_label
from graph.models import NodeKind
from graph.text import fold
from queries.common import Clock, doc_name, ref
from queries.index import matter_index
from queries.models import NodeRef

__all__ = ["SearchHit", "search"]

HitKind = Literal["group", "person", "organisation", "entity", "matter", "document"]
#: How many matters and documents a search lists at most.
MAX_MATTERS = 3
MAX_DOCUMENTS = 3
#: A matter is listed when it scores at least this share of the best matter.
MATTER_SHARE = 0.6


class SearchHit(BaseModel):
    """One hit: what it is, what to call it, and what to ask next with it."""

    kind: HitKind
    tier: int
    node: NodeRef
    #: The name to show (a matter's item title, a document's file name).
    label: str
    #: A line in Swedish saying what the hit is ("Processgrupp · 14 relationer").
    detail: str
    #: The words to follow a matter's lineage with (its item's title).
    query: str | None = None
    relations: int = 0
    #: A document and line to open the hit at (matters).
    document: str | None = None
    line: int | None = None


def _hit_kind(kind: str) -> HitKind:
    if kind in GROUP_KIND_NAMES:
        return "group"
    if kind == "Person":
        return "person"
    if kind == "Organisation":
        return "organisation"
    return "entity"


class _Names:
    """Folded names and aliases of every entity and document, and how many relations each has."""

    def __init__(self, backend: GraphBackend):
        kinds = [NodeKind(k) for k in ENTITY_KIND_NAMES] + [NodeKind.DOCUMENT]
        self.nodes = {n.id: n for n in backend.nodes(kinds)}
        self.labels = {i: [fold(x) for x in dict.fromkeys([n.name, *n.aliases]) if fold(x)] for i, n in self.nodes.items()}
        degree: Counter[str] = Counter()
        for e in backend.edges():
            if e.source in self.nodes:
                degree[e.source] += 1
            if e.target in self.nodes:
                degree[e.target] += 1
        self.degree = degree


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _names(backend: GraphBackend) -> _Names:
    version = backend.version()
    with _LOCK:
        cached = _CACHE.get(backend)
        if cached is not None and cached[0] == version:
            return cached[1]
    with paused_gc():
        names = _Names(backend)
    with _LOCK:
        _CACHE[backend] = (version, names)
    return names


def _match(words: list[str], labels: list[str]) -> tuple[int, int, int] | None:
    """(how: 0 every word starts a word of a label, 1 some word only inside a word or missing,
    phrase: 0 the query starts the label, closeness: letters the matched words have beyond the
    query's) for the best label, None when no word is found at all."""
    best = None
    phrase = " ".join(words)
    for label in labels:
        tokens = label.split()
        extra, starts, found = 0, 0, 0
        for word in words:
            prefixed = [t for t in tokens if t.startswith(word)]
            if prefixed:
                starts += 1
                found += 1
                extra += min(len(t) - len(word) for t in prefixed)
            elif any(word in t for t in tokens) and len(word) >= 3:
                found += 1
                extra += 20
        if not found:
            continue
        how = 0 if starts == len(words) else 1
        if how == 1 and found < max(1, len(words) - 1):
            continue
        score = (how, 0 if label.startswith(phrase) else 1, extra)
        if best is None or score < best:
            best = score
    return best


def search(backend: GraphBackend, text: str, limit: int = 10) -> list[SearchHit]:
    """The hits for ``text``, best first (see the module's tiers)."""
    key = fold(text)
    if not key:
        return []
    words = key.split()
    names = _names(backend)
    ranked: list[tuple[tuple, SearchHit]] = []
    for node_id, labels in names.labels.items():
        node = names.nodes[node_id]
        kind = str(node.kind)
        exact = key in labels
        matched = None if exact else _match(words, labels)
        if not exact and matched is None:
            continue
        degree = names.degree.get(node_id, 0)
        if kind == "Document":
            tier = 0 if exact else 4 if matched[0] == 0 or key in labels[0] else 5
            hit = SearchHit(kind="document", tier=tier, node=ref(node), label=node.name,
                            detail="Dokument", relations=degree)  # fmt: skip
        else:
            if exact:
                tier = 0
            elif matched[0] == 1:
                tier = 5
            else:
                tier = 1 if kind in GROUP_KIND_NAMES else 2
            detail = kind_label(kind) + (f" · {degree} relationer" if degree else " · inga relationer")
            hit = SearchHit(kind=_hit_kind(kind), tier=tier, node=ref(node), label=node.name, detail=detail,
                            relations=degree)  # fmt: skip
        level = KINDS[kind].level if kind in KINDS and KINDS[kind].level is not None else 9
        order = (hit.tier, *(matched[1:] if matched else (0, 0)), -degree, level, len(node.name), node.name)
        ranked.append((order, hit))
    ranked.extend(_matters(backend, text))
    ranked.sort(key=lambda r: r[0])
    documents = 0
    out: list[SearchHit] = []
    for _, hit in ranked:
        if hit.kind == "document" and hit.tier > 0:
            documents += 1
            if documents > MAX_DOCUMENTS:
                continue
        out.append(hit)
        if len(out) >= limit:
            break
    return out


def _matters(backend: GraphBackend, text: str) -> list[tuple[tuple, SearchHit]]:
    """The agenda items (and loose decisions) the lineage index finds, one per title, best first."""
    index = matter_index(backend)
    terms = index.terms(text)
    if not terms:
        return []
    scored = index.score(terms)
    if not scored:
        return []
    best = max(score for score, _ in scored.values())
    clock = Clock(backend)
    out: list[tuple[tuple, SearchHit]] = []
    seen: set[str] = set()
    for unit, (score, _) in sorted(scored.items(), key=lambda kv: -kv[1][0]):
        if score < MATTER_SHARE * best:
            break
        node = backend.node(index.unit_ids[unit])
        if node is None:
            continue
        title = node.props.get("title") or node.props.get("text") or node.name
        folded = fold(title)
        if folded in seen:
            continue
        seen.add(folded)
        meeting = clock.meeting_of(node)
        body = clock.body_of_meeting(meeting)
        day = clock.node_date(node)
        parts = ["Ärende" if node.kind == NodeKind.AGENDA_ITEM else "Beslut"]
        if body is not None:
            parts.append(body.name)
        parts.append(day or "odaterat möte")
        source = node.sources[0] if node.sources else None
        hit = SearchHit(kind="matter", tier=3, node=ref(node), label=title, detail=" · ".join(parts), query=title,
                        document=doc_name(source.document) if source else None,
                        line=source.line if source else None)  # fmt: skip
        out.append(((3, 0, -score, 0, 0, len(title), title), hit))
        if len(out) >= MAX_MATTERS:
            break
    return out
