"""graph/text.py: the one fold, and the same fold on every path (parsers, embedded queries, Neo4j)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from graph.embedded import EmbeddedBackend
from graph.models import GraphData, Node
from graph.neo4j.backend import Neo4jBackend
from graph.neo4j.rows import node_row
from graph.text import clean_line, fold, slug

ROOT = Path(__file__).resolve().parent.parent

#: Strings that once folded differently on different paths, and their folded form.
TRICKY = {
    "Hälso\u00adsjukvård": "halsosjukvard",  # a soft hyphen is deleted, not a space
    "Ærø kommune": "aero kommune",  # æ and ø do not decompose: transliterated
    "Søren Ødegård": "soren odegard",
    "Straße": "strasse",
    "Đurđević": "durdevic",
    "Łódź": "lodz",
    "Þórunn Guðmundsdóttir": "thorunn gudmundsdottir",
    "Œuvre": "oeuvre",
    "Malung-Sälen": "malung salen",
    "  LCHNV  ": "lchnv",
    "ÅÄÖ åäö éü": "aao aao eu",
    "A\u0308lvdalen": "alvdalen",  # a combining diaeresis
    "Region\u00a0Dalarna": "region dalarna",  # a non-breaking space
    "ﬁnansiering": "finansiering",  # a ligature
    "Länschefs–nätverket (LCHNV)": "lanschefs natverket lchnv",
    "x² ½": "x2 1 2",
    "Ⅻ": "xii",
    "Ελλάδα": "ελλαδα",  # letters without a Latin form stay letters
    "": "",
}


@pytest.mark.parametrize(("text", "folded"), TRICKY.items(), ids=range(len(TRICKY)))
def test_fold(text, folded):
    assert fold(text) == folded
    assert fold(fold(text)) == folded  # idempotent


def test_fold_of_nothing():
    assert fold(None) == "" and fold("  \t–— ") == ""


class _RecordingDriver:
    """Stands in for a Neo4j driver: keeps the parameters of each query, answers nothing."""

    def __init__(self) -> None:
        self.params: list[dict] = []

    def execute_query(self, query, params, **_config):
        self.params.append(params)
        return [], None, None


def _embedded_key(backend: EmbeddedBackend, node_id: str) -> set[str]:
    return {key for key, ids in backend._exact.items() if node_id in ids}


@pytest.mark.parametrize(
    "text", [t for t in TRICKY if fold(t)], ids=range(len([t for t in TRICKY if fold(t)]))
)
def test_embedded_and_neo4j_fold_names_and_searches_alike(text):
    """The key the embedded index holds for a name, the ``search_names`` a push stores on Neo4j, and
    the phrase and words both backends search with are one fold."""
    node = Node(id="network:x", kind="Network", name=text, aliases=[text.upper()])
    stored = node_row(node)["props"]
    embedded = EmbeddedBackend(GraphData(nodes=[node]))
    assert set(stored["search_names"]) == _embedded_key(embedded, node.id) == {fold(text)}
    assert stored["search_tokens"] == sorted(set(fold(text).split()))

    driver = _RecordingDriver()
    Neo4jBackend(driver).find_nodes(text.lower())
    (params,) = driver.params
    assert params["phrase"] == fold(text.lower()) == fold(text)
    assert params["words"] == fold(text).split()
    # and the embedded backend finds the node by the same search, exactly
    assert [n.id for n in embedded.find_nodes(text.lower())] == [node.id]


def test_clean_line_and_slug():
    assert clean_line("**Beslut:** att  anta\u00ad planen ") == "Beslut: att anta planen"
    assert clean_line("Namn     Organisation") == "Namn\tOrganisation"
    assert slug("Styrgruppen för Länschefsnätverket") == "styrgruppen-for-lanschefsnatverket"
    assert slug("Søren") == "s-ren"  # ids keep their old form, so stored corrections stay valid


def test_one_definition_of_fold():
    """fold is defined once, in graph/text.py; everything else imports it."""
    found = []
    for folder in ("graph", "loaders", "queries", "samverkan_cli", "views", "tests", "benchmarks", "tools"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "fold" in text:  # a cheap filter before parsing
                found += _fold_definitions(path, text)
    assert len(found) == 1 and found[0].startswith("graph/text.py:"), found


def _fold_definitions(path: Path, text: str) -> list[str]:
    tree = ast.parse(text)
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "fold"
    ]
