"""Who mandates whom, as it reads: a group's chain upwards level by level with dates, and the
standing structure from the council down, apart from one-off tasks given to people.

:func:`chain` answers "what does this group answer to": every body above it (``queries.mandates``'
upward walk: REPORTS_TO and PART_OF outwards, STEERS and COMMISSIONS inwards) placed on its level
(``graph.kinds``: council 0, network 1, steering group 2, process group and LPO 3, working group 4;
organisations after the groups), nearest level first, each with every tie the documents show to
the ones below it and the date of each tie: its own, its meeting's, or — for a tie read from a
mandate document — the day the mandate was adopted (found by its lineage), or where the undated
meeting that adopted it sits in time.

:func:`standing_structure` answers "what is the structure": groups and organisations under the
body each answers to on the nearest level above (a process group under its steering group, the
steering group under its network), the council first; a body with several bodies above lists
the others beside it. A commission to a person, or to an organisation from a meeting, is a task,
not structure: :func:`tasks` lists those apart.

>>> from queries.fixtures import example_backend
>>> answer = chain(example_backend(), "Processgrupp norr")
>>> [(s.node.name, s.level) for s in answer.steps]
[('Processgrupp söder', 3), ('Regionala processgruppen', 3), ('Styrgruppen för Nätverket', 2), ('Nätverket', 1), ('Rådet', 0)]
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from pydantic import BaseModel, Field

from graph.backend import GraphBackend
from graph.kinds import GROUP_KIND_NAMES, KINDS, kind_label
from graph.models import Edge, EdgeType, Node, NodeKind, Source
from graph.text import fold
from queries.common import Clock, doc_name, iso, ref, resolve
from queries.mandates import MANDATE_TYPES, chain_up, mandate_line, mandates
from queries.matters import is_procedural, placement
from queries.models import MandateLine, NodeRef

__all__ = [
    "UP_PHRASES",
    "Adoption",
    "Chain",
    "Step",
    "StructureRow",
    "Tie",
    "chain",
    "standing_structure",
    "tasks",
]

#: How the lower one stands to the upper one, read from the lower one, by edge type.
UP_PHRASES = {
    "REPORTS_TO": "rapporterar till",
    "PART_OF": "ingår i",
    "STEERS": "styrs av",
    "COMMISSIONS": "har uppdrag från",
}
_STRUCTURE = (EdgeType.REPORTS_TO, EdgeType.PART_OF, EdgeType.STEERS, EdgeType.COMMISSIONS)
#: The lower end of each structural edge is its source (REPORTS_TO, PART_OF) or its target.
_LOWER_IS_SOURCE = {"REPORTS_TO": True, "PART_OF": True, "STEERS": False, "COMMISSIONS": False}
_PRIORITY = {"STEERS": 0, "REPORTS_TO": 1, "PART_OF": 2, "COMMISSIONS": 3}
_ADOPT = ("anta", "faststall", "godkann", "beslut")


class Adoption(BaseModel):
    """When a group's mandate was adopted, as the documents tell it."""

    date: str | None = None
    #: for an undated meeting: the dates it lies between, and the whole explanation in Swedish
    after: str | None = None
    before: str | None = None
    placed: str | None = None
    body: str | None = None
    text: str
    document: str | None = None
    line: int | None = None

    @property
    def when(self) -> str | None:
        """ "2026-03-20", "efter 2026-01-25", "mellan 2026-01-25 och 2026-03-20", or None."""
        if self.date:
            return self.date
        if self.after and self.before:
            return f"mellan {self.after} och {self.before}"
        if self.after:
            return f"efter {self.after}"
        if self.before:
            return f"senast {self.before}"
        return None


class Tie(BaseModel):
    """One way a lower body stands to an upper one."""

    lower: NodeRef
    type: str
    phrase: str
    date: str | None = None
    #: the date as shown: the date, or where an undated one lies ("efter 2026-01-25")
    when: str | None = None
    #: where the date comes from, in Swedish ("mötet 2025-02-07", "uppdragsbeskrivningen antagen …")
    dated_by: str | None = None
    task: str | None = None
    sources: list[Source] = Field(default_factory=list)


class Step(BaseModel):
    """A body above the start, on its level, with its ties to the bodies below it."""

    node: NodeRef
    level: int | None = None
    ties: list[Tie] = Field(default_factory=list)


class Chain(BaseModel):
    query: str | None = None
    as_of: str | None = None
    start: NodeRef | None = None
    level: int | None = None
    candidates: list[NodeRef] = Field(default_factory=list)
    #: nearest level first, the top last
    steps: list[Step] = Field(default_factory=list)
    #: when the start's own mandate was adopted, if the documents tell
    adoption: Adoption | None = None


class StructureRow(BaseModel):
    """One line of the standing structure: a body under the one it answers to (``depth`` deep)."""

    depth: int
    node: NodeRef
    level: int | None = None
    #: its tie to the body it sits under (none for a top)
    under: NodeRef | None = None
    phrases: list[str] = Field(default_factory=list)
    date: str | None = None
    #: its other bodies above: (phrase, body)
    also: list[tuple[str, NodeRef]] = Field(default_factory=list)
    #: a top's bodies that answer to it but sit under another (the council: "rapporteras till av …")
    from_below: list[tuple[str, NodeRef]] = Field(default_factory=list)
    repeated: bool = False


def _level(kind: str) -> int | None:
    info = KINDS.get(kind)
    return info.level if info is not None else None


def _rank(kind: str) -> float:
    """Sort key of a kind in the structure: groups by level, organisations just below the groups."""
    level = _level(kind)
    return float(level) if level is not None else 4.5


# --- dates of ties ------------------------------------------------------------------------------
def _document_node(backend: GraphBackend, name: str | None) -> Node | None:
    if not name:
        return None
    for node in backend.find_nodes(name, [NodeKind.DOCUMENT], limit=5):
        if node.name == name or node.props.get("document") == name:
            return node
    return None


def adoption(backend: GraphBackend, group: Node, clock: Clock | None = None) -> Adoption | None:
    """The decision that adopted ``group``'s mandate: a decision of an agenda item about the group
    (CONCERNS) that adopts a mandate ("att anta uppdragsbeskrivningen …"), or one another document
    reports; dated, or its undated meeting placed in time (``queries.matters.placement``)."""
    clock = clock or Clock(backend)
    found: list[tuple[tuple, Adoption]] = []
    items = [e.source for e in backend.edges_in(group.id, [EdgeType.CONCERNS])]
    decisions: list[Node] = []
    for item_id in items:
        item = backend.node(item_id)
        if item is None:
            continue
        if item.kind == NodeKind.DECISION:
            decisions.append(item)
        for e in backend.edges_out(item_id, [EdgeType.HAS_DECISION]):
            d = backend.node(e.target)
            if d is not None:
                decisions.append(d)
    for d in decisions:
        text = d.props.get("text") or d.name
        folded = fold(text)
        if "uppdrag" not in folded or not any(verb in folded for verb in _ADOPT) or is_procedural(text):
            continue
        day = clock.node_date(d)
        meeting = clock.meeting_of(d)
        body = clock.body_of_meeting(meeting)
        for e in backend.edges_out(d.id, [EdgeType.DECIDED_BY]):
            body = backend.node(e.target) or body
        where = placement(backend, meeting.id) if not day and meeting is not None else None
        source = d.sources[0] if d.sources else None
        found.append(
            (
                (day is None, day or "", source.line if source else 0),
                Adoption(
                    date=day,
                    after=where.after if where else None,
                    before=where.before if where else None,
                    placed=where.text if where else None,
                    body=body.name if body is not None else None,
                    text=text,
                    document=doc_name(source.document) if source else None,
                    line=source.line if source else None,
                ),
            )
        )
    if not found:
        return None
    return sorted(found, key=lambda f: f[0])[0][1]


def _dated(
    backend: GraphBackend, edge: Edge, adopted: Adoption | None, documents: dict[str, Node | None]
) -> tuple[str | None, str | None, str | None]:
    """A tie's date, the date as shown (a range for an undated meeting) and where it comes from."""
    day = iso(edge.props.get("date")) or iso(edge.props.get("valid_from"))
    if day:
        return day, day, "beslutets datum" if edge.props.get("decision") else "relationens eget datum"
    meeting_id = edge.props.get("meeting")
    meeting = backend.node(meeting_id) if isinstance(meeting_id, str) else None
    if meeting is not None and Clock.meeting_date(meeting):
        day = Clock.meeting_date(meeting)
        return day, day, f"mötet {day}"
    document = _document(backend, edge, documents)
    if document is not None and document.props.get("doc_kind") == "mandate":
        day = iso(document.props.get("decided")) or iso(document.props.get("date"))
        if day:
            return day, day, "uppdragsbeskrivningens datum"
        if adopted is not None:
            who = f" av {adopted.body}" if adopted.body else ""
            where = f"{adopted.document}, rad {adopted.line}"
            if adopted.date:
                return adopted.date, adopted.date, f"uppdragsbeskrivningen antagen{who} ({where})"
            return None, adopted.when, f"uppdragsbeskrivningen antagen{who} vid ett odaterat möte ({where})"
        return None, None, "uppdragsbeskrivningen är odaterad"
    if document is not None:
        for e in backend.edges_in(document.id, [EdgeType.FROM_DOCUMENT]):
            held = backend.node(e.source)
            if held is None or held.kind != NodeKind.MEETING:
                continue
            day = Clock.meeting_date(held)
            if day:
                return day, day, f"mötet {day}"
            where = placement(backend, held.id)
            if where is not None and (where.after or where.before):
                when = (f"mellan {where.after} och {where.before}" if where.after and where.before
                        else f"efter {where.after}" if where.after else f"senast {where.before}")  # fmt: skip
                return None, when, f"odaterat möte ({document.name})"
    return None, None, None


def _document(backend: GraphBackend, edge: Edge | MandateLine, documents: dict[str, Node | None]) -> Node | None:
    """The Document node an edge was read from (cached by name in ``documents``)."""
    source = edge.sources[0] if edge.sources else None
    name = doc_name(source.document) if source else None
    if not name:
        return None
    if name not in documents:
        documents[name] = _document_node(backend, name)
    return documents[name]


def _from_mandate(backend: GraphBackend, edge: Edge | MandateLine, documents: dict[str, Node | None]) -> bool:
    document = _document(backend, edge, documents)
    return document is not None and document.props.get("doc_kind") == "mandate"


def _placed(backend: GraphBackend, clock: Clock, node_id: str, documents: dict[str, Node | None]) -> bool:
    """Whether a group has a tie of the structure by itself (see :func:`standing`)."""
    if clock.edges_out(node_id, [EdgeType.REPORTS_TO, EdgeType.PART_OF]) or clock.edges_in(node_id, [EdgeType.STEERS]):
        return True
    return any(
        not e.props.get("task") or _from_mandate(backend, e, documents)
        for e in clock.edges_in(node_id, [EdgeType.COMMISSIONS])
    )


# --- the chain ----------------------------------------------------------------------------------
def chain(backend: GraphBackend, name: str, as_of: date | str | None = None) -> Chain:
    """The bodies above ``name`` (a node id, or a name), nearest level first, with their ties."""
    clock = Clock(backend, as_of)
    node = backend.node(name)
    hits = [node] if node is not None else resolve(backend, name)
    answer = Chain(query=name, as_of=clock.as_of)
    if not hits:
        return answer
    start = hits[0]
    answer.start = ref(start)
    answer.level = _level(str(start.kind))
    answer.candidates = [ref(n) for n in hits[1:10]]
    adopted = adoption(backend, start, clock) if str(start.kind) in GROUP_KIND_NAMES else None
    answer.adoption = adopted
    documents: dict[str, Node | None] = {}
    links = chain_up(backend, start, clock)
    depth = {start.id: 0}
    for link in links:
        depth.setdefault(link.upper.id, link.depth)
    members = {start.id, *depth}
    steps: dict[str, Step] = {}
    for upper_id in depth:
        if upper_id == start.id:
            continue
        upper = backend.node(upper_id)
        if upper is None:
            continue
        step = Step(node=ref(upper), level=_level(str(upper.kind)))
        edges = [(e, e.source) for e in clock.edges_in(upper_id, [EdgeType.REPORTS_TO, EdgeType.PART_OF])]
        edges += [(e, e.target) for e in clock.edges_out(upper_id, [EdgeType.STEERS, EdgeType.COMMISSIONS])]
        for edge, lower_id in edges:
            if lower_id not in members or lower_id == upper_id:
                continue
            lower = backend.node(lower_id)
            if lower is None or _rank(str(lower.kind)) < _rank(str(upper.kind)):
                continue
            etype = str(edge.type)
            if (
                etype == "COMMISSIONS"
                and edge.props.get("task")
                and not _from_mandate(backend, edge, documents)
                and _placed(backend, clock, lower_id, documents)
            ):
                continue  # a task given at a meeting to a group with its place in the structure
            own = adopted if lower_id == start.id else None
            day, when, why = _dated(backend, edge, own, documents)
            step.ties.append(Tie(lower=ref(lower), type=etype, phrase=UP_PHRASES[etype], date=day, when=when,
                                 dated_by=why, task=edge.props.get("task"), sources=list(edge.sources)))  # fmt: skip
        if step.ties:
            step.ties.sort(key=lambda t: (t.lower.id != start.id, _PRIORITY[t.type], t.lower.name))
            steps[upper_id] = step
    answer.steps = sorted(
        steps.values(),
        key=lambda s: (-_rank(s.node.kind) if s.level is not None else -4.5, depth.get(s.node.id, 99), s.node.name),
    )
    return answer


# --- the standing structure ---------------------------------------------------------------------
def standing(backend: GraphBackend, line: MandateLine, documents: dict[str, Node | None] | None = None) -> bool:
    """A tie of the structure by itself: steering, reporting, belonging, or a group's mandate (a
    commission to a group read from a mandate document, or without a task). A commission with a
    task given at a meeting is a task, unless it is all the documents say about the group's place
    (:func:`split`); any commission to a person or an organisation is a task."""
    if line.type in ("STEERS", "REPORTS_TO", "PART_OF"):
        return True
    if line.type != "COMMISSIONS" or line.target.kind not in GROUP_KIND_NAMES:
        return False
    return not line.task or _from_mandate(backend, line, {} if documents is None else documents)


def split(backend: GraphBackend, lines: list[MandateLine]) -> tuple[list[MandateLine], list[MandateLine]]:
    """(the structure, the tasks): :func:`standing` ties, plus for a group with no such tie the
    commission that gave it its work (a working group a network asks to draw up a routine sits
    under that network); the other commissions are tasks, oldest first."""
    documents: dict[str, Node | None] = {}
    structure, rest = [], []
    for line in lines:
        (structure if standing(backend, line, documents) else rest).append(line)
    placed = {line.target.id if _LOWER_IS_SOURCE[line.type] is False else line.source.id for line in structure}
    tasks_out = []
    for line in sorted(rest, key=lambda x: (x.date or "9999", x.source.name, x.target.name)):
        if line.type == "COMMISSIONS" and line.target.kind in GROUP_KIND_NAMES and line.target.id not in placed:
            structure.append(line)
            placed.add(line.target.id)
        elif line.type == "COMMISSIONS":
            tasks_out.append(line)
    return structure, tasks_out


def tasks(backend: GraphBackend, lines: list[MandateLine]) -> list[MandateLine]:
    """Commissions that are tasks, not structure (see :func:`split`), oldest first."""
    return split(backend, lines)[1]


def standing_structure(backend: GraphBackend, as_of: date | str | None = None) -> list[StructureRow]:
    """The structure from the top down (see the module), as rows in reading order."""
    answer = mandates(backend, None, as_of)
    lines, _ = split(backend, answer.lines)
    refs: dict[str, NodeRef] = {}
    uppers: dict[str, dict[str, list[MandateLine]]] = defaultdict(lambda: defaultdict(list))
    for line in lines:
        lower_is_source = _LOWER_IS_SOURCE[line.type]
        lower, upper = (line.source, line.target) if lower_is_source else (line.target, line.source)
        if lower.id == upper.id:
            continue
        refs[lower.id], refs[upper.id] = lower, upper
        uppers[lower.id][upper.id].append(line)

    def parent_of(node_id: str) -> str | None:
        """The upper body on the nearest level above (or on the same level when none is above)."""
        mine = _rank(refs[node_id].kind)
        best = None
        for upper_id, ties in uppers.get(node_id, {}).items():
            theirs = _rank(refs[upper_id].kind)
            if theirs > mine:
                continue
            key = (theirs == mine, mine - theirs, min(_PRIORITY[t.type] for t in ties), refs[upper_id].name)
            if best is None or key < best[0]:
                best = (key, upper_id)
        return best[1] if best else None

    parent = {node_id: parent_of(node_id) for node_id in refs}
    for start in list(parent):  # a ring on one level is cut at its first member
        seen, node = set(), start
        while parent.get(node) is not None and node not in seen:
            seen.add(node)
            node = parent[node]
        if node in seen:
            parent[node] = None
    children: dict[str, list[str]] = defaultdict(list)
    for node_id, up in parent.items():
        if up is not None:
            children[up].append(node_id)
    roots = sorted((i for i, up in parent.items() if up is None), key=lambda i: (_rank(refs[i].kind), refs[i].name))
    rows: list[StructureRow] = []
    shown: set[str] = set()

    def walk(node_id: str, depth: int) -> None:
        up = parent.get(node_id)
        ties = uppers[node_id][up] if up else []
        dates = sorted(t.date for t in ties if t.date)
        also = {(UP_PHRASES[t.type], u): refs[u] for u, ts in uppers[node_id].items() if u != up for t in ts}
        row = StructureRow(
            depth=depth,
            node=refs[node_id],
            level=_level(refs[node_id].kind),
            under=refs[up] if up else None,
            phrases=list(dict.fromkeys(UP_PHRASES[t.type] for t in sorted(ties, key=lambda t: _PRIORITY[t.type]))),
            date=dates[0] if dates else None,
            also=[(phrase, node) for (phrase, _), node in also.items()],
            repeated=node_id in shown,
        )
        if up is None and not children.get(node_id):
            below = {
                (UP_PHRASES[t.type], lower): refs[lower]
                for lower, ups in uppers.items()
                if node_id in ups and parent.get(lower) != node_id
                for t in ups[node_id]
            }
            row.from_below = [(phrase, node) for (phrase, _), node in below.items()]
        rows.append(row)
        if node_id in shown:
            return
        shown.add(node_id)
        for child in sorted(children.get(node_id, []), key=lambda c: (_rank(refs[c].kind), refs[c].name)):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return rows


def around(backend: GraphBackend, node_id: str, as_of: date | str | None = None) -> list[MandateLine]:
    """Every commission, steering, reporting, belonging and funding line of one node (by id)."""
    clock = Clock(backend, as_of)
    edges = clock.edges_out(node_id, MANDATE_TYPES) + clock.edges_in(node_id, MANDATE_TYPES)
    lines = [mandate_line(backend, e) for e in edges]
    return sorted(lines, key=lambda x: (x.type, x.source.name, x.date or "", x.target.name))


def level_label(kind: str) -> str:
    """ "nivå 2 · Styrgrupp", or the kind alone outside the levels."""
    level = _level(kind)
    return f"nivå {level} · {kind_label(kind)}" if level is not None else kind_label(kind)


__all__ += ["adoption", "around", "level_label", "split", "standing"]
