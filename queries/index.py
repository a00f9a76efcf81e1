"""The inverted index lineage searches: built once per graph version, then every query is look-ups.

A *unit* is what a matter is found by: an agenda item (its title, its decisions' texts and the
names of what it and its decisions CONCERN) or a decision that hangs under no item. Tokens are
folded (:func:`queries.text.fold`); a query word matches every token that starts with one of its
:func:`queries.text.prefix_forms`, found by bisecting the sorted vocabulary.

The index also ties COMMISSIONS edges to agenda items (by ``props.item``, ``props.decision`` or the
item's line range in the same document) and knows the mandate documents of entities.
"""

from __future__ import annotations

import bisect
import math
import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field

from graph.backend import GraphBackend
from graph.embedded import paused_gc
from graph.models import Edge, EdgeType, Node, NodeKind
from queries.common import doc_name
from queries.text import compound_parts, content_words, prefix_forms, stem, tokens

__all__ = ["MatterIndex", "Term", "matter_index"]

#: Entities a matter can be about (matched by name for mandate documents).
MATTER_ENTITY_KINDS = (
    NodeKind.NETWORK,
    NodeKind.COUNCIL,
    NodeKind.STEERING_GROUP,
    NodeKind.PROCESS_GROUP,
    NodeKind.PROGRAM_AREA,
    NodeKind.WORKING_GROUP,
    NodeKind.AGREEMENT,
    NodeKind.INITIATIVE,
    NodeKind.FUNDING,
)


@dataclass
class Term:
    word: str
    weight: float
    units: set[int]
    #: units reached only through a compound part, with the credit each gets
    partial: dict[int, float] = field(default_factory=dict)


def _names(node: Node | None) -> str:
    return " ".join([node.name, *node.aliases]) if node is not None else ""


class MatterIndex:
    def __init__(self, backend: GraphBackend):
        self.backend = backend
        self.unit_ids: list[str] = []
        postings: dict[str, set[int]] = defaultdict(set)
        items = backend.nodes([NodeKind.AGENDA_ITEM])
        in_item: set[str] = set()
        #: decision id -> item id
        self.item_of_decision: dict[str, str] = {}
        #: item id -> decision nodes in source order
        self.decisions_of: dict[str, list[Node]] = {}
        item_lines: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for item in items:
            decisions = [backend.node(e.target) for e in backend.edges_out(item.id, [EdgeType.HAS_DECISION])]
            decisions = [d for d in decisions if d is not None]
            decisions.sort(key=lambda d: d.sources[0].line if d.sources else 0)
            self.decisions_of[item.id] = decisions
            parts = [item.props.get("title") or item.name]
            for concern in backend.edges_out(item.id, [EdgeType.CONCERNS]):
                parts.append(_names(backend.node(concern.target)))
            for decision in decisions:
                in_item.add(decision.id)
                self.item_of_decision[decision.id] = item.id
                parts.append(decision.props.get("text") or decision.name)
                for concern in backend.edges_out(decision.id, [EdgeType.CONCERNS]):
                    parts.append(_names(backend.node(concern.target)))
            self._add(item.id, parts, postings)
            for source in item.sources[:1]:
                item_lines[doc_name(source.document) or ""].append((source.line, item.id))
        for decision in backend.nodes([NodeKind.DECISION]):
            if decision.id in in_item:
                continue
            parts = [decision.props.get("text") or decision.name]
            for concern in backend.edges_out(decision.id, [EdgeType.CONCERNS]):
                parts.append(_names(backend.node(concern.target)))
            self._add(decision.id, parts, postings)
        self.postings = dict(postings)
        self.vocab = sorted(self.postings)
        self.vocab_set = set(self.vocab)
        self.n_units = len(self.unit_ids)

        # COMMISSIONS tied to items.
        for lines in item_lines.values():
            lines.sort()
        self.commissions_of: dict[str, list[Edge]] = defaultdict(list)
        item_ids = {i.id for i in items}
        for edge in backend.edges([EdgeType.COMMISSIONS]):
            target_item = None
            pointer = edge.props.get("item")
            decision = edge.props.get("decision")
            if pointer in item_ids:
                target_item = pointer
            elif decision in self.item_of_decision:
                target_item = self.item_of_decision[decision]
            elif edge.sources:
                source = edge.sources[0]
                lines = item_lines.get(doc_name(source.document) or "")
                if lines:
                    pos = bisect.bisect_right(lines, (source.line, "\uffff")) - 1
                    if pos >= 0:
                        target_item = lines[pos][1]
            if target_item is not None:
                self.commissions_of[target_item].append(edge)

        # Entities by name tokens (for mandate documents about the matter).
        self.entity_tokens: dict[str, set[str]] = defaultdict(set)
        self.entity_labels: dict[str, list[list[str]]] = {}
        for entity in backend.nodes(MATTER_ENTITY_KINDS):
            labels = [content_words(label) for label in dict.fromkeys([entity.name, *entity.aliases])]
            self.entity_labels[entity.id] = [words for words in labels if words]
            for words in labels:
                for word in words:
                    self.entity_tokens[word].add(entity.id)
        self.entity_vocab = sorted(self.entity_tokens)

    def _add(self, unit_id: str, parts: list[str], postings: dict[str, set[int]]) -> None:
        index = len(self.unit_ids)
        self.unit_ids.append(unit_id)
        for part in parts:
            for token in tokens(part):
                postings[token].add(index)

    # --- look-ups ----------------------------------------------------------------------------
    def _range(self, vocab: list[str], prefix: str) -> list[str]:
        out = []
        start = bisect.bisect_left(vocab, prefix)
        for token in vocab[start:]:
            if not token.startswith(prefix):
                break
            out.append(token)
        return out

    def _matching_tokens(self, word: str) -> list[str]:
        found: dict[str, None] = {}
        forms = prefix_forms(word)
        for form in forms:
            if len(form) < 4:
                if form in self.vocab_set:
                    found[form] = None
                continue
            found.update(dict.fromkeys(self._range(self.vocab, form)))
        return list(found)

    def _units(self, word: str) -> set[int]:
        out: set[int] = set()
        for token in self._matching_tokens(word):
            out |= self.postings[token]
        return out

    def _idf(self, df: int) -> float:
        return math.log((self.n_units + 1) / (df + 0.5))

    def _known(self, prefix: str) -> bool:
        pos = bisect.bisect_left(self.vocab, prefix)
        return pos < len(self.vocab) and self.vocab[pos].startswith(prefix)

    def terms(self, query: str) -> list[Term]:
        """The query's content words with their idf weight and the units each reaches."""
        out = []
        for word in content_words(query):
            units = self._units(word)
            partial: dict[int, float] = {}
            parts = compound_parts(word, self.vocab_set, self._known)
            part_sets = [self._units(p) for p in parts]
            if units:
                weight = self._idf(len(units))
            elif part_sets and all(part_sets):
                weight = self._idf(len(set.intersection(*part_sets)) or 1)
            else:
                continue
            for part_units in part_sets:
                credit = 0.5 * min(weight, self._idf(len(part_units)))
                for u in part_units - units:
                    partial[u] = min(0.5 * weight, partial.get(u, 0.0) + credit)
            out.append(Term(word=word, weight=max(weight, 0.05), units=units, partial=partial))
        return out

    def score(self, terms: list[Term]) -> dict[int, tuple[float, list[str]]]:
        scores: dict[int, float] = defaultdict(float)
        hits: dict[int, list[str]] = defaultdict(list)
        for term in terms:
            for u in term.units:
                scores[u] += term.weight
                hits[u].append(term.word)
            for u, credit in term.partial.items():
                scores[u] += credit
                hits[u].append(f"~{term.word}")
        return {u: (s, hits[u]) for u, s in scores.items()}

    def entities(self, query: str, min_share: float = 0.75) -> list[str]:
        """Entities with a name or alias whose words are (almost) all in the query."""
        matched: set[str] = set()
        for word in content_words(query):
            for form in prefix_forms(word):
                if len(form) >= 4:
                    matched.update(self._range(self.entity_vocab, form))
                elif form in self.entity_tokens:
                    matched.add(form)
            # a name word may be a shorter form of the query word ("hemsjukvårdsavtal" in "...avtalet")
            for token in self._range(self.entity_vocab, word[:4]):
                if len(token) >= 4 and word.startswith(stem(token)):
                    matched.add(token)
        candidates: set[str] = set()
        for token in matched:
            candidates |= self.entity_tokens[token]
        out = []
        for entity_id in candidates:
            for words in self.entity_labels.get(entity_id, ()):
                if sum(w in matched for w in words) / len(words) >= min_share:
                    out.append(entity_id)
                    break
        return sorted(out)


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def matter_index(backend: GraphBackend) -> MatterIndex:
    """The index for this backend's current graph, built on first use and kept until it changes."""
    version = backend.version()
    with _LOCK:
        cached = _CACHE.get(backend)
        if cached is not None and cached[0] == version:
            return cached[1]
    with paused_gc():
        index = MatterIndex(backend)
    with _LOCK:
        _CACHE[backend] = (version, index)
    return index
