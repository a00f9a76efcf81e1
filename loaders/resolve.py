"""Entity resolution: the fragments of many documents become one graph with one node per entity.

Names are compared by rules a coordinator would accept, each one narrow:

- the same name after folding case, accents, hyphens and spaces ("Länschefs nätverket",
  "Mini Maria", "Ålvdalen" ~ "Älvdalen");
- a name one node declares as its alias (a document's "Länschefsnätverket (LCHNV)");
- steering groups by what they steer ("Styrgruppen för LCHNV" = "Länschefsnätverkets styrgrupp");
- process groups by (regional or not, topic) ("Regional processgrupp inom samsjuklighet");
- agreements by their core ("Hemsjukvårdsavtalet" = "Överenskommelse om hälso- och sjukvård i hemmet");
- a group whose distinctive part is a short typo away from another of the same kind
  ("Välfrädrärdet"), never for organisations the lexicon knows (Orsa is not Mora);
- people: the same words in any order, or the same first name and a surname one edit apart
  ("Dedering"/"Dederind"); two people at the same meeting are never merged.

The canonical name is the spelling seen most often; the others become aliases.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz.distance import DamerauLevenshtein

from graph.ids import edge_key, entity_id
from graph.models import (
    ENTITY_KINDS,
    GROUP_KINDS,
    Edge,
    EdgeType,
    Fragment,
    GraphData,
    Node,
    NodeKind,
    Source,
)
from graph.text import fold
from loaders.entities import agreement_key
from loaders.lexicon import lookup_org, region_for_county

__all__ = ["resolve"]

_GROUP_VALUES = {k.value for k in GROUP_KINDS}
# Generic words that say what a group is, not which one: stripped before typo comparison.
_GENERIC = re.compile(
    r"^(regional[a]? )?(processgrupp(en)?|arbetsgrupp(en)?|styrgrupp(en)?|lpo|lag|referensgrupp(en)?)"
    r"( for| inom| om)?\b"
)
_PROCESS = re.compile(r"^(?:(regional[a]?)\s+)?processgrupp(?:en)?\s*(?:for|inom|om)?\s*(.*)$")
_STEERING = re.compile(r"^(?:styrgrupp(?:en)?|stygrupp(?:en)?)\s*(?:for|i|inom)?\s*(.+)$|^(.+?)s? styrgrupp(?:en)?$")


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id wins so the outcome does not depend on the order of documents
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _compact(name: str) -> str:
    return fold(name).replace(" ", "")


def _family(kind: str) -> str:
    return "group" if kind in _GROUP_VALUES else kind


def _names(node: Node) -> list[str]:
    return [node.name, *node.aliases]


def _process_key(name: str) -> str | None:
    m = _PROCESS.match(fold(name))
    if not m or not m[2]:
        return None
    return f"pg|{bool(m[1])}|{m[2].replace(' ', '')}"


def _steering_target(node: Node) -> str | None:
    if node.props.get("parent"):
        return node.props["parent"]
    for name in _names(node):
        m = _STEERING.match(fold(name))
        if m:
            return m[1] or m[2]
    return None


def _distinct_part(name: str) -> str:
    """The name less its generic head; "regional" stays, a regional group is not the local one."""
    folded = fold(name)
    regional = "regional" if re.match(r"^regional[a]?\b", folded) else ""
    return regional + _GENERIC.sub("", folded).replace(" ", "")


def _abbreviated(a: str, b: str) -> bool:
    """Word for word the same or one an abbreviation (prefix) of the other: "rehab" ~ "rehabilitering"."""
    wa, wb = fold(a).split(), fold(b).split()
    if len(wa) != len(wb) or len(wa) < 3 or wa == wb:
        return False
    return all(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))) for x, y in zip(wa, wb, strict=True))


def _typo_close(a: str, b: str) -> bool:
    if not a or not b or a[0] != b[0]:
        return False
    n = min(len(a), len(b))
    limit = 0 if n < 5 else 1 if n < 8 else 2 if n < 13 else 3
    return limit > 0 and DamerauLevenshtein.distance(a, b, score_cutoff=limit) <= limit


def _person_tokens(name: str) -> list[str]:
    return fold(name).split()


def resolve(fragments: list[Fragment], owned: bool = False) -> GraphData:
    """Merge fragments into one graph; deterministic for the same set of fragments.

    ``owned=True`` lets it reuse the fragments' objects instead of copying them (the pipeline loads
    fresh fragments for every rebuild; copying 100,000 edges cost a second).
    """
    nodes: dict[str, Node] = {}
    order: list[str] = []
    edges: list[Edge] = []
    seen: dict[int, tuple[set, set]] = {}
    for fragment in sorted(fragments, key=lambda f: f.document):
        for node in fragment.nodes:
            if node.id in nodes:
                _merge_into(nodes[node.id], node, seen)
            else:
                nodes[node.id] = node if owned else node.model_copy(deep=True)
                order.append(node.id)
        edges.extend(fragment.edges)

    uf = _UnionFind()
    entities = [nodes[i] for i in order if nodes[i].kind in ENTITY_KINDS]
    _by_name(uf, entities)
    _groups(uf, [n for n in entities if n.kind.value in _GROUP_VALUES or n.kind == NodeKind.ORGANISATION])
    _agreements(uf, [n for n in entities if n.kind == NodeKind.AGREEMENT])
    _bare_rss(uf, [n for n in entities if n.kind == NodeKind.ORGANISATION])
    _people(uf, [n for n in entities if n.kind == NodeKind.PERSON], edges)

    clusters: dict[str, list[Node]] = defaultdict(list)
    for node in entities:
        clusters[uf.find(node.id)].append(node)
    new_id: dict[str, str] = {}
    merged: dict[str, Node] = {}
    for members in clusters.values():
        node = _canonical(members, uf, nodes)
        if node.id in merged:  # two clusters with one canonical name: keep them one node
            _merge_into(merged[node.id], node)
        else:
            merged[node.id] = node
        for m in members:
            new_id[m.id] = node.id
    _name_steering_groups(merged, new_id)

    out_nodes: list[Node] = []
    seen: set[str] = set()
    for i in order:
        nid = new_id.get(i, i)
        if nid in seen:
            continue
        seen.add(nid)
        out_nodes.append(merged.get(nid) or nodes[i])
    out_edges = _remap_edges(edges, new_id, owned)
    out_edges += _derived_structure(out_nodes, out_edges)
    out_edges = _series_bodies(out_nodes, out_edges)
    out_nodes.sort(key=lambda n: n.id)
    out_edges.sort(key=lambda e: e.key)
    return GraphData(nodes=out_nodes, edges=out_edges)


def _source_key(s: Source) -> tuple[str, int, str]:
    return (s.document, s.line, s.quote)  # a plain tuple hashes far faster than a frozen model


def _merge_into(target: Node, other: Node, seen: dict[int, tuple[set, set]] | None = None) -> None:
    """Aliases, missing props and new sources of ``other`` into ``target``.

    ``seen`` keeps each target's alias and source sets across calls: rebuilding them per merge made
    a person seen at hundreds of meetings quadratic.
    """
    if seen is not None and id(target) in seen:
        aliases, sources = seen[id(target)]
    else:
        aliases, sources = set(target.aliases), {_source_key(s) for s in target.sources}
        if seen is not None:
            seen[id(target)] = (aliases, sources)
    for name in _names(other):
        if name != target.name and name not in aliases:
            target.aliases.append(name)
            aliases.add(name)
    for k, v in other.props.items():
        if target.props.get(k) is None:
            target.props[k] = v
    for s in other.sources:
        key = _source_key(s)
        if key not in sources:
            target.sources.append(s)
            sources.add(key)


def _by_name(uf: _UnionFind, entities: list[Node]) -> None:
    """Same folded spelling (spaces and hyphens ignored) within one family of kinds."""
    index: dict[tuple[str, str], str] = {}
    for node in entities:
        uf.find(node.id)
        family = _family(node.kind.value)
        names = _names(node) if node.kind != NodeKind.PERSON else [node.name]
        for name in names:
            key = (family, _compact(name))
            if not key[1]:
                continue
            if key in index:
                uf.union(index[key], node.id)
            else:
                index[key] = node.id


def _groups(uf: _UnionFind, nodes: list[Node]) -> None:
    groups = [n for n in nodes if n.kind.value in _GROUP_VALUES]
    # process groups by (regional, topic)
    by_process: dict[str, str] = {}
    for node in groups:
        if node.kind != NodeKind.PROCESS_GROUP:
            continue
        for name in _names(node):
            key = _process_key(name)
            if key:
                if key in by_process:
                    uf.union(by_process[key], node.id)
                else:
                    by_process[key] = node.id
    # typos among groups of one kind ("Välfrädrärdet"), on the distinctive part of the name
    by_kind: dict[str, list[Node]] = defaultdict(list)
    for node in groups:
        if node.kind != NodeKind.STEERING_GROUP:
            by_kind[node.kind.value].append(node)
    for same in by_kind.values():
        parts = [(node, {_distinct_part(n) for n in _names(node)} - {""}) for node in same]
        for i, (a, pa) in enumerate(parts):
            for b, pb in parts[i + 1 :]:
                if uf.find(a.id) == uf.find(b.id):
                    continue
                if any(_typo_close(x, y) for x in pa for y in pb) or any(
                        _abbreviated(x, y) for x in _names(a) for y in _names(b)):
                    uf.union(a.id, b.id)
    _overcaptured(uf, groups)
    # steering groups by what they steer, once those are resolved
    name_index: dict[str, str] = {}
    for node in groups:
        if node.kind != NodeKind.STEERING_GROUP:
            for name in _names(node):
                name_index.setdefault(_compact(name), node.id)
    by_target: dict[str, str] = {}
    for node in groups:
        if node.kind != NodeKind.STEERING_GROUP:
            continue
        target = _steering_target(node)
        if not target:
            continue
        parent = _find_group(name_index, target)
        key = uf.find(parent) if parent else _compact(target)
        node.props["parent_id"] = key if parent else None
        if key in by_target:
            uf.union(by_target[key], node.id)
        else:
            by_target[key] = node.id


def _overcaptured(uf: _UnionFind, groups: list[Node]) -> None:
    """A rare name that is a frequent name of the same kind plus trailing words ("Regional processgrupp
    demens erhåller", "LPO Psykisk hälsa Beslutad") is the frequent one, read a few words too far."""
    weight: dict[str, int] = defaultdict(int)
    for node in groups:
        weight[uf.find(node.id)] += len(node.sources)
    by_kind: dict[str, list[Node]] = defaultdict(list)
    for node in groups:
        if node.kind != NodeKind.STEERING_GROUP:
            by_kind[node.kind.value].append(node)
    for same in by_kind.values():
        names = sorted(((fold(n.name).split(), n) for n in same), key=lambda t: len(t[0]))
        for long_words, long_node in names:
            root = uf.find(long_node.id)
            if weight[root] > 2:
                continue
            for short_words, short_node in names:
                if len(short_words) >= len(long_words):
                    break
                short_root = uf.find(short_node.id)
                if (short_root != root and (len(short_words) >= 2 or weight[short_root] >= 4)
                        and long_words[: len(short_words)] == short_words
                        and weight[short_root] >= 2 * weight[root]):
                    uf.union(short_root, root)
                    weight[uf.find(root)] = weight[short_root] + weight[root]
                    break


def _find_group(name_index: dict[str, str], name: str) -> str | None:
    key = _compact(name)
    if key in name_index:
        return name_index[key]
    for suffix in ("s", "ets", "ens"):  # genitive: "Länschefsnätverkets"
        if key.endswith(suffix) and key[: -len(suffix)] in name_index:
            return name_index[key[: -len(suffix)]]
    close = [nid for k, nid in name_index.items() if _typo_close(key, k)]
    return close[0] if len(set(close)) == 1 else None


def _agreements(uf: _UnionFind, nodes: list[Node]) -> None:
    by_key: dict[str, str] = {}
    for node in nodes:
        for name in _names(node):
            key = agreement_key(name)
            if not key:
                continue
            if key in by_key:
                uf.union(by_key[key], node.id)
            else:
                by_key[key] = node.id
    # "överenskommelse psykisk hälsa" is the one agreement whose core starts with those words
    keys = sorted(by_key)
    for short in reversed(keys):  # longest first, so the variants of one long name are one before a short one joins
        longer = {uf.find(by_key[k]) for k in keys if k != short and k.startswith(short + " ")}
        if len(short.split()) >= 2 and len(longer) == 1:
            uf.union(by_key[short], longer.pop())


def _bare_rss(uf: _UnionFind, orgs: list[Node]) -> None:
    """A bare "RSS" is the support unit of the region, when the graph knows exactly one."""
    bare = [n for n in orgs if fold(n.name) == "rss"]
    named = {uf.find(n.id) for n in orgs if fold(n.name).startswith("rss ")}
    if bare and len(named) == 1:
        target = named.pop()
        for node in bare:
            uf.union(target, node.id)


def _people(uf: _UnionFind, people: list[Node], edges: list[Edge]) -> None:
    co_attendees: dict[str, set[str]] = defaultdict(set)
    attended: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e.type == EdgeType.ATTENDED:
            attended[e.target].add(e.source)
    for group in attended.values():
        for p in group:
            co_attendees[p] |= group - {p}

    members: dict[str, set[str]] = {}

    def cluster(node_id: str) -> set[str]:
        return members.setdefault(uf.find(node_id), {node_id})

    def apart(a: Node, b: Node) -> bool:
        mb = cluster(b.id)
        return any(co_attendees[x] & mb for x in cluster(a.id))

    by_first: dict[str, list[Node]] = defaultdict(list)
    by_tokens: dict[str, list[Node]] = defaultdict(list)
    for node in people:
        tokens = _person_tokens(node.name)
        if len(tokens) < 2:
            continue
        by_first[tokens[0]].append(node)
        by_tokens[" ".join(sorted(tokens))].append(node)
    candidates: list[tuple[Node, Node]] = []
    for same in by_tokens.values():
        candidates += [(same[0], other) for other in same[1:]]
    for same in by_first.values():
        for i, a in enumerate(same):
            ta = _person_tokens(a.name)
            for b in same[i + 1 :]:
                tb = _person_tokens(b.name)
                sa, sb = "".join(ta[1:]), "".join(tb[1:])
                if sa != sb and min(len(sa), len(sb)) >= 5 and DamerauLevenshtein.distance(sa, sb) <= 1:
                    candidates.append((a, b))
    # "Therese Utkast" / "Terese Utkast": one surname, first names one edit apart
    by_last: dict[str, list[Node]] = defaultdict(list)
    for node in people:
        tokens = _person_tokens(node.name)
        if len(tokens) >= 2:
            by_last[" ".join(tokens[1:])].append(node)
    for same in by_last.values():
        for i, a in enumerate(same):
            fa = _person_tokens(a.name)[0]
            for b in same[i + 1 :]:
                fb = _person_tokens(b.name)[0]
                if fa != fb and min(len(fa), len(fb)) >= 4 and fa[0] == fb[0] and DamerauLevenshtein.distance(fa, fb) <= 1:
                    candidates.append((a, b))
    candidates += _first_names_across(people, edges)
    for a, b in candidates:
        if uf.find(a.id) != uf.find(b.id) and not apart(a, b):
            joined = cluster(a.id) | cluster(b.id)
            members.pop(uf.find(a.id), None)
            members.pop(uf.find(b.id), None)
            uf.union(a.id, b.id)
            members[uf.find(a.id)] = joined


def _series(document: str) -> str:
    """A document's series: its file name without dates and numbers ("gms_ngp_arbetsmote_2020-03-13.md"
    -> "gms ngp arbetsmote"); minutes of one body are usually named alike."""
    return " ".join(re.sub(r"\d+", " ", document.rsplit(".", 1)[0]).replace("_", " ").replace("-", " ").split())


def _first_names_across(people: list[Node], edges: list[Edge]) -> list[tuple[Node, Node]]:
    """A person a document names only by first name ("Per presenterade …") and the one person with a
    full name and that first name in the same series of minutes or the same body's meetings."""
    alone = [p for p in people if len(_person_tokens(p.name)) == 1]
    if not alone:
        return []
    bodies: dict[str, set[str]] = defaultdict(set)  # person -> bodies it attended or belongs to
    held: dict[str, str] = {e.source: e.target for e in edges if e.type == EdgeType.HELD_BY}
    meeting_doc_body: dict[str, str] = {}
    for e in edges:
        if e.type == EdgeType.MEMBER_OF:
            bodies[e.source].add(e.target)
        elif e.type == EdgeType.ATTENDED and e.target in held:
            bodies[e.source].add(held[e.target])
    for meeting, body in held.items():
        meeting_doc_body[meeting.split(":", 1)[-1].split("#")[0]] = body
    full: dict[str, list[Node]] = defaultdict(list)
    for p in people:
        tokens = _person_tokens(p.name)
        if len(tokens) >= 2:
            full[tokens[0]].append(p)
    out: list[tuple[Node, Node]] = []
    for node in alone:
        first = _person_tokens(node.name)[0]
        docs = {s.document for s in node.sources}
        series = {_series(d) for d in docs}
        doc_bodies = {b for d in docs for k, b in meeting_doc_body.items() if d in k}
        near = [p for p in full.get(first, []) if {_series(s.document) for s in p.sources} & series
                or bodies[p.id] & doc_bodies]
        if len(near) == 1:
            out.append((near[0], node))
    return out


def _canonical(members: list[Node], uf: _UnionFind, nodes: dict[str, Node]) -> Node:
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for m in members:
        counts[m.name] += max(len(m.sources), 1)
        kinds[m.kind.value] += max(len(m.sources), 1)
        for alias in m.aliases:
            counts[alias] += 0
    kind = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    # a document that says "Beredningsgruppen är nätverkets styrgrupp" settles the kind
    if any(m.kind == NodeKind.STEERING_GROUP and m.props.get("declared") for m in members):
        kind = NodeKind.STEERING_GROUP.value
    names = [m.name for m in members]
    # a lexicon name ("Avesta kommun") wins over a table's short form ("Avesta")
    if kind == NodeKind.ORGANISATION.value:
        for name in names:
            known = lookup_org(name, fuzzy=False)
            if known:
                counts[known.name] += 10_000
    name = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    if len(members) == 1 and members[0].name == name and members[0].kind.value == kind:
        return members[0]
    node = Node(id=entity_id(kind, name), kind=NodeKind(kind), name=name)
    seen: dict[int, tuple[set, set]] = {}
    for m in sorted(members, key=lambda m: m.id):
        _merge_into(node, m, seen)
    node.aliases = sorted({a for a in node.aliases if a != name})
    return node


def _name_steering_groups(merged: dict[str, Node], new_id: dict[str, str]) -> None:
    """A steering group is called after what it steers: "Styrgruppen för <its canonical name>"."""
    for node in merged.values():
        if node.kind != NodeKind.STEERING_GROUP:
            continue
        parent_key = node.props.get("parent_id")
        parent = new_id.get(parent_key) if parent_key else None
        if parent and parent in merged:
            node.props["parent_id"] = parent
            canonical = f"Styrgruppen för {merged[parent].name}"
            if canonical != node.name:
                if node.name not in node.aliases:
                    node.aliases.append(node.name)
                node.name = canonical
                node.aliases = sorted({a for a in node.aliases if a != canonical})
        else:
            node.props.pop("parent_id", None)


def _remap_edges(edges: list[Edge], new_id: dict[str, str], owned: bool = False) -> list[Edge]:
    out: dict[str, Edge] = {}
    seen_sources: dict[str, set] = {}
    for e in edges:
        source, target = new_id.get(e.source, e.source), new_id.get(e.target, e.target)
        if source == target:
            continue
        discriminator = e.key.split("|", 3)[3] if e.key.count("|") >= 3 else ""
        key = edge_key(e.type.value, source, target, discriminator)
        if key in out:
            existing = out[key]
            known = seen_sources.setdefault(key, {_source_key(s) for s in existing.sources})
            for s in e.sources:
                if _source_key(s) not in known:
                    existing.sources.append(s)
                    known.add(_source_key(s))
            for k, v in e.props.items():
                existing.props.setdefault(k, v)
        else:
            if owned:
                e.source, e.target, e.key = source, target, key
                out[key] = e
            else:
                out[key] = Edge.model_construct(source=source, target=target, type=e.type, props=dict(e.props),
                                                sources=list(e.sources), key=key)
    return list(out.values())


def _derived_structure(nodes: list[Node], edges: list[Edge]) -> list[Edge]:
    """Structure the names themselves state: a steering group is part of what it steers, and
    "RSS Dalarna" is part of "Region Dalarna"."""
    existing = {e.key for e in edges}
    by_id = {n.id: n for n in nodes}
    regions = {fold(n.name): n for n in nodes if n.kind == NodeKind.ORGANISATION and fold(n.name).startswith("region ")}
    out: list[Edge] = []

    def add(source: Node, target: Node, quote_from: Node) -> None:
        key = edge_key(EdgeType.PART_OF.value, source.id, target.id, "")
        if key in existing:
            return
        existing.add(key)
        src = quote_from.sources[:1] or [Source(document="", line=0, quote=source.name)]
        out.append(Edge(source=source.id, target=target.id, type=EdgeType.PART_OF,
                        props={"derived": "name"}, sources=list(src), key=key))

    for node in nodes:
        if node.kind == NodeKind.STEERING_GROUP and node.props.get("parent_id") in by_id:
            add(node, by_id[node.props["parent_id"]], node)
        if node.kind == NodeKind.ORGANISATION and fold(node.name).startswith("rss "):
            tail = node.name.split(" ", 1)[1]
            region_name = region_for_county(tail) or f"Region {tail}"
            region = regions.get(fold(region_name))
            if region is not None:
                add(node, region, node)
    return out


def _series_bodies(nodes: list[Node], edges: list[Edge]) -> list[Edge]:
    """Minutes that never name their body, in a series whose other minutes all name one ("digg_ena_spop_…"):
    the meeting was held by that body (HELD_BY, derived "series", citing where the series names it), and
    what the meeting commissioned without a named mandator, that body commissioned."""
    held = {e.source: e for e in edges if e.type == EdgeType.HELD_BY}
    series: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        if node.kind == NodeKind.MEETING and node.props.get("document"):
            series[_series(node.props["document"])].append(node)
    out = list(edges)
    for name, meetings in series.items():
        named = [held[m.id] for m in meetings if m.id in held]
        if not name or len(named) == len(meetings) or len({e.target for e in named}) != 1:
            continue
        example = min(named, key=lambda e: e.source)
        for meeting in meetings:
            if meeting.id not in held:
                key = edge_key(EdgeType.HELD_BY.value, meeting.id, example.target, "")
                held[meeting.id] = Edge(source=meeting.id, target=example.target, type=EdgeType.HELD_BY,
                                        props={"derived": "series", "series": name}, sources=example.sources[:1],
                                        key=key)
                out.append(held[meeting.id])
    for k, edge in enumerate(out):
        end = "source" if edge.props.get("mandator") == "meeting" else edge.props.get("via_meeting")
        meeting = edge.source if end == "source" else edge.target if end == "target" else None
        if meeting in held:  # what "the meeting" did or was told, its body did or was told
            body = held[meeting].target
            source, target = (body, edge.target) if end == "source" else (edge.source, body)
            out[k] = edge.model_copy(update={"source": source, "target": target,
                                             "key": edge_key(edge.type.value, source, target, edge.key)})
    out.sort(key=lambda e: e.key)
    return out
