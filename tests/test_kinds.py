"""The one table of kinds (graph/kinds.py) covers the schema, and everything that lists kinds reads it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from graph import kinds
from graph.models import BODY_KINDS, ENTITY_KINDS, GROUP_KINDS, EdgeType, NodeKind

ROOT = Path(__file__).resolve().parent.parent


def test_every_kind_and_edge_type_has_one_row():
    assert list(kinds.KINDS) == [k.value for k in NodeKind]
    assert list(kinds.EDGES) == [t.value for t in EdgeType]
    assert set(kinds.KIND_LABELS) == set(kinds.KINDS) and set(kinds.EDGE_LABELS) == set(kinds.EDGES)


def test_model_kind_sets_are_the_tables():
    assert {k.value for k in GROUP_KINDS} == kinds.GROUP_KIND_NAMES
    assert {k.value for k in BODY_KINDS} == kinds.BODY_KIND_NAMES
    assert {k.value for k in ENTITY_KINDS} == kinds.ENTITY_KIND_NAMES
    assert GROUP_KINDS < BODY_KINDS < ENTITY_KINDS
    assert {NodeKind.ORGANISATION} == BODY_KINDS - GROUP_KINDS


def test_levels_run_from_the_council_down():
    levels = {k: info.level for k, info in kinds.KINDS.items() if info.level is not None}
    assert levels == {
        "Council": 0,
        "Network": 1,
        "SteeringGroup": 2,
        "ProcessGroup": 3,
        "ProgramArea": 3,
        "WorkingGroup": 4,
    }
    assert set(levels) == kinds.GROUP_KIND_NAMES
    assert kinds.GROUP_ORDER == (
        "Council",
        "Network",
        "SteeringGroup",
        "ProcessGroup",
        "ProgramArea",
        "WorkingGroup",
    )


def test_labels_are_swedish_and_distinct():
    labels = list(kinds.KIND_LABELS.values())
    assert len(set(labels)) == len(labels)
    assert kinds.KIND_LABELS["Agreement"] == "Överenskommelse"
    assert all(info.plural for info in kinds.KINDS.values())
    edge_labels = list(kinds.EDGE_LABELS.values())
    assert len(set(edge_labels)) == len(edge_labels)


def test_map_styles_are_complete():
    for kind, info in kinds.KINDS.items():
        assert re.fullmatch(r"#[0-9a-f]{6}", info.colour), kind
        assert info.shape and info.size > 0, kind
    for etype, info in kinds.EDGES.items():
        assert info.colour is None or re.fullmatch(r"#[0-9a-f]{6}", info.colour), etype


def test_statuses_have_labels():
    assert set(kinds.DECISION_STATUS_LABELS) == set(get_args(kinds.DecisionStatus)) == {"taken", "reported"}
    assert set(kinds.DOC_KIND_LABELS) == set(get_args(kinds.DocKind))
    assert set(kinds.FILE_STATUS_LABELS) == set(get_args(kinds.FileStatus))


def test_groups_cypher_lists_the_group_kinds():
    """queries/groups.cypher is static text for Neo4j Browser: its kind list must match the table."""
    text = (ROOT / "queries" / "groups.cypher").read_text(encoding="utf-8")
    listed = re.search(r"g\.kind IN \[([^\]]*)\]", text)
    assert listed is not None
    assert set(re.findall(r"'(\w+)'", listed[1])) == kinds.GROUP_KIND_NAMES


def test_no_module_retypes_the_swedish_kind_labels():
    """The labels live in graph/kinds.py only (they were once copied into the CLI and the views)."""
    offenders = []
    folders = ("graph", "loaders", "queries", "samverkan_cli", "views")
    for path in [*(p for folder in folders for p in (ROOT / folder).rglob("*.py")), ROOT / "app.py"]:
        if path.name == "kinds.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r'"(?:ProcessGroup|SteeringGroup|WorkingGroup)":\s*"', text):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders
