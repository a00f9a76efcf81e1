"""The one table of kinds: what every node kind and edge type is, and how users see it.

Adding a kind is one row in :data:`KINDS` (and its member in ``graph.models.NodeKind``, which a
test keeps in step): its Swedish label, whether it is a collaboration group (the register lists
it), a body (can meet, decide, commission or be commissioned) or an entity (merged across
documents by entity resolution), its level in the structure, and how the map draws it.
Parsers, queries, the app's views, the command line and the Cypher files read their kinds from
here. The statuses that travel as strings (a decision's, a file's, a document's kind) are
``Literal`` types with their Swedish labels beside them.

This module imports nothing from the project, so ``graph.models`` can derive its kind sets from it.

>>> KINDS["ProcessGroup"].label, KINDS["ProcessGroup"].level, KINDS["Person"].level
('Processgrupp', 3, None)
>>> [k for k in GROUP_ORDER]
['Council', 'Network', 'SteeringGroup', 'ProcessGroup', 'ProgramArea', 'WorkingGroup']
>>> EDGES["COMMISSIONS"].label
'ger uppdrag åt'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "BODY_KIND_NAMES",
    "DECISION_STATUS_LABELS",
    "DOC_KIND_LABELS",
    "EDGES",
    "EDGE_LABELS",
    "ENTITY_KIND_NAMES",
    "FILE_STATUS_LABELS",
    "GROUP_KIND_NAMES",
    "GROUP_ORDER",
    "KINDS",
    "KIND_LABELS",
    "KIND_PLURALS",
    "PROP_LABELS",
    "PROP_VALUE_LABELS",
    "DecisionStatus",
    "DocKind",
    "EdgeInfo",
    "FileStatus",
    "KindInfo",
    "kind_label",
]


@dataclass(frozen=True)
class KindInfo:
    """One node kind."""

    label: str  # Swedish, singular ("Processgrupp")
    plural: str  # Swedish, plural ("Processgrupper")
    group: bool  # a collaboration group: listed in the register (``queries.groups``)
    body: bool  # can hold a meeting, decide, commission or be commissioned
    entity: bool  # a real-world thing, merged across documents by entity resolution
    level: int | None  # place in the structure, 0 at the top (council); None outside it
    shape: str  # vis-network shape on the map
    colour: str  # map colour
    size: int  # map node size
    band: int  # row of the map's top-down layout (working groups share the process groups' row)
    dated: bool = False  # its ``date`` prop places it in time (the map's time window)


#: Every node kind, in ``NodeKind`` order (the order pickers and lists show them in).
KINDS: dict[str, KindInfo] = {
    "Network": KindInfo("Nätverk", "Nätverk", True, True, True, 1, "hexagon", "#1565c0", 24, 1),
    "Council": KindInfo("Råd", "Råd", True, True, True, 0, "star", "#7b1fa2", 26, 0),
    "SteeringGroup": KindInfo("Styrgrupp", "Styrgrupper", True, True, True, 2, "diamond", "#c62828", 20, 2),
    "ProcessGroup": KindInfo("Processgrupp", "Processgrupper", True, True, True, 3, "triangle", "#ef6c00", 18, 3),
    "ProgramArea": KindInfo("LPO", "LPO", True, True, True, 3, "triangleDown", "#2e7d32", 18, 3),
    "WorkingGroup": KindInfo("Arbetsgrupp", "Arbetsgrupper", True, True, True, 4, "square", "#f9a825", 16, 3),
    "Organisation": KindInfo("Organisation", "Organisationer", False, True, True, None, "box", "#546e7a", 14, 5),
    "Person": KindInfo("Person", "Personer", False, False, True, None, "dot", "#26a69a", 11, 6),
    "Agreement": KindInfo("Överenskommelse", "Överenskommelser", False, False, True, None, "ellipse", "#6d4c41", 14, 4),
    "Funding": KindInfo("Medel", "Medel", False, False, False, None, "database", "#8bc34a", 12, 4, dated=True),
    "Initiative": KindInfo("Initiativ", "Initiativ", False, False, True, None, "dot", "#ec407a", 11, 4),
    "Document": KindInfo("Dokument", "Dokument", False, False, False, None, "text", "#9e9e9e", 12, 7),
    "Meeting": KindInfo("Möte", "Möten", False, False, False, None, "dot", "#5c6bc0", 13, 7, dated=True),
    "AgendaItem": KindInfo("Ärende", "Ärenden", False, False, False, None, "dot", "#90a4ae", 7, 8, dated=True),
    "Decision": KindInfo("Beslut", "Beslut", False, False, False, None, "dot", "#d84315", 7, 9, dated=True),
}  # fmt: skip


@dataclass(frozen=True)
class EdgeInfo:
    """One edge type."""

    label: str  # Swedish, read between the two names: "A ger uppdrag åt B"
    colour: str | None = None  # map colour (None: the default grey)
    upward: bool = False  # runs from the lower to the upper (drawn reversed in a top-down layout)


#: Every edge type, in ``EdgeType`` order.
EDGES: dict[str, EdgeInfo] = {
    "HELD_BY": EdgeInfo("hölls av", "#7986cb", upward=True),
    "HAS_ITEM": EdgeInfo("har ärende"),
    "HAS_DECISION": EdgeInfo("har beslut"),
    "DECIDED_BY": EdgeInfo("beslutat av", "#ff8a65", upward=True),
    "ATTENDED": EdgeInfo("deltog i", "#80cbc4"),
    "PRESENTED": EdgeInfo("föredrog", "#4db6ac"),
    "MEMBER_OF": EdgeInfo("ledamot i", "#00897b", upward=True),
    "AFFILIATED_WITH": EdgeInfo("knuten till", "#b0bec5", upward=True),
    "COMMISSIONS": EdgeInfo("ger uppdrag åt", "#c62828"),
    "REPORTS_TO": EdgeInfo("rapporterar till", "#1565c0", upward=True),
    "STEERS": EdgeInfo("styr", "#ad1457"),
    "PART_OF": EdgeInfo("ingår i", "#283593", upward=True),
    "FUNDS": EdgeInfo("finansierar", "#558b2f"),
    "PARTY_TO": EdgeInfo("part i"),
    "CONCERNS": EdgeInfo("gäller"),
    "FROM_DOCUMENT": EdgeInfo("från dokument"),
}

#: Kind value -> Swedish label, in ``NodeKind`` order.
KIND_LABELS: dict[str, str] = {kind: info.label for kind, info in KINDS.items()}
KIND_PLURALS: dict[str, str] = {kind: info.plural for kind, info in KINDS.items()}
#: Edge type value -> Swedish label.
EDGE_LABELS: dict[str, str] = {etype: info.label for etype, info in EDGES.items()}

GROUP_KIND_NAMES: frozenset[str] = frozenset(k for k, info in KINDS.items() if info.group)
BODY_KIND_NAMES: frozenset[str] = frozenset(k for k, info in KINDS.items() if info.body)
ENTITY_KIND_NAMES: frozenset[str] = frozenset(k for k, info in KINDS.items() if info.entity)
#: The groups from the top of the structure down (the register's order).
GROUP_ORDER: tuple[str, ...] = tuple(
    sorted(GROUP_KIND_NAMES, key=lambda k: (KINDS[k].level, list(KINDS).index(k)))
)


def kind_label(kind: str) -> str:
    """The Swedish label of a kind (the kind itself if it is not one).

    >>> kind_label("SteeringGroup"), kind_label("Unknown")
    ('Styrgrupp', 'Unknown')
    """
    info = KINDS.get(str(kind))
    return info.label if info else str(kind)


# --- statuses that travel as strings -------------------------------------------------------------
#: A decision is "taken" by the meeting whose minutes hold it, or "reported" as taken elsewhere or earlier.
DecisionStatus = Literal["taken", "reported"]
#: What the classifier made of a document ("unknown" is read as minutes, with a warning).
DocKind = Literal["minutes", "mandate", "unknown"]
#: What became of one file in an ingest.
#: "duplicate": the same content as a document already loaded under another name (counted once).
FileStatus = Literal["loaded", "replaced", "unchanged", "duplicate", "failed"]

DECISION_STATUS_LABELS: dict[str, str] = {"taken": "fattat", "reported": "rapporterat"}
DOC_KIND_LABELS: dict[str, str] = {
    "minutes": "minnesanteckningar",
    "mandate": "uppdragsbeskrivning",
    "unknown": "okänd",
}
FILE_STATUS_LABELS: dict[str, str] = {
    "loaded": "inläst",
    "replaced": "ersatt av ny version",
    "unchanged": "oförändrad",
    "duplicate": "samma innehåll som ett annat dokument (räknas en gång)",
    "failed": "misslyckades",
}
assert set(DECISION_STATUS_LABELS) == set(get_args(DecisionStatus))
assert set(DOC_KIND_LABELS) == set(get_args(DocKind))
assert set(FILE_STATUS_LABELS) == set(get_args(FileStatus))

#: Swedish names of the props users see (the contract's props and the loaders' common ones).
PROP_LABELS: dict[str, str] = {
    "date": "Datum",
    "valid_from": "Gäller från",
    "valid_to": "Gäller till",
    "organisation": "Organisation",
    "role": "Roll",
    "title": "Titel",
    "task": "Uppdrag",
    "decision": "Beslut",
    "amount_sek": "Belopp (kr)",
    "year": "År",
    "number": "Nummer",
    "type": "Typ",
    "status": "Status",
    "text": "Text",
    "item": "Punkt",
    "document": "Dokument",
    "body": "Organ",
    "doc_kind": "Dokumenttyp",
    "format": "Format",
    "purpose": "Syfte",
    "goals": "Mål",
    "composition": "Sammansättning",
    "decided": "Beslutad",
    "mandate_document": "Uppdragsbeskrivning",
    "org_type": "Typ av organisation",
    "parent": "Överordnad",
    "meeting": "Möte",
    "place": "Plats",
    "time": "Tid",
    "diarienummer": "Diarienummer",
    "notes_date": "Anteckningarna daterade",
    "previous_minutes": "Föregående möte",
    "date_after": "Hölls efter",
    "attachments": "Bilagor",
    "presence": "Närvaro",
    "funding": "Medel",
}
#: Swedish words for the values of props that hold a code ("municipality", "absent").
PROP_VALUE_LABELS: dict[str, dict[str, str]] = {
    "org_type": {
        "municipality": "kommun",
        "region": "region",
        "national": "nationell myndighet eller organisation",
        "other": "annan",
    },
    "presence": {"absent": "frånvarande", "present": "närvarande"},
    "status": dict(DECISION_STATUS_LABELS),
    "doc_kind": dict(DOC_KIND_LABELS),
}
