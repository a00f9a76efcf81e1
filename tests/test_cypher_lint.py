"""Every Cypher statement the project ships or generates passes Neo4j's own linter, offline.

The statements: the ``queries/*.cypher`` files (their parameters read from the ``:param`` lines of
their header comments), every builder in ``graph.cypher`` for every node kind and edge type, and
every ``Neo4jBackend`` method's statement. ``tools/lint_cypher.mjs`` runs
``@neo4j-cypher/language-support``'s ``lintCypherQuery`` with the project's labels, relationship
types, property keys and each statement's parameters.

Node starts once per test run: the session fixture :func:`lint_results` lints every statement,
the shipped ones and the deliberately broken ones, in one call (about 20 s on this machine, so
the tests that need it are marked slow: ``make test`` runs them, ``make check`` does not).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graph import cypher
from graph.models import EdgeType, Node, NodeKind

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "lint_cypher.mjs"
LINTER = ROOT / "node_modules" / "@neo4j-cypher" / "language-support"
QUERY_FILES = sorted((ROOT / "queries").glob("*.cypher"))

if shutil.which("node") is None:
    pytest.skip("node is not installed: cannot run Neo4j's Cypher linter", allow_module_level=True)
if not LINTER.is_dir():
    pytest.skip(
        "node_modules/@neo4j-cypher/language-support is missing (run `make node`)", allow_module_level=True
    )

#: Props the contract (CONTRACT.md) names, which the .cypher files read as flattened properties.
CONTRACT_PROPS = (
    "amount_sek",
    "year",
    "date",
    "document",
    "number",
    "title",
    "type",
    "status",
    "text",
    "item",
    "organisation",
    "role",
    "valid_from",
    "valid_to",
    "task",
    "decision",
)
_PARAM_LINE = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$", re.MULTILINE)


def schema() -> dict[str, Any]:
    return {
        "labels": [*(k.value for k in NodeKind), cypher.ENTITY_LABEL, cypher.META_LABEL],
        "relationshipTypes": [t.value for t in EdgeType],
        "propertyKeys": sorted(
            {
                *cypher.NODE_PROPERTY_KEYS,
                *cypher.REL_PROPERTY_KEYS,
                *cypher.META_PROPERTY_KEYS,
                *CONTRACT_PROPS,
            }
        ),
    }


def file_parameters(text: str) -> dict[str, Any]:
    """The parameters a .cypher file documents in its header (``// :param name => 'value'``)."""
    return {name: value.strip("'\"") for name, value in _PARAM_LINE.findall(text)}


def shipped_statements() -> list[dict[str, Any]]:
    out = []
    for path in QUERY_FILES:
        text = path.read_text(encoding="utf-8")
        out.append({"name": f"queries/{path.name}", "query": text, "parameters": file_parameters(text)})
    for name, (query, params) in cypher.all_statements().items():
        out.append({"name": f"graph.cypher:{name}", "query": query, "parameters": params})
    return out


def lint(statements: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    payload = json.dumps({"schema": schema(), "statements": statements})
    proc = subprocess.run(
        ["node", str(TOOL)], input=payload, capture_output=True, text=True, cwd=ROOT, timeout=240, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return {r["name"]: r["diagnostics"] for r in json.loads(proc.stdout)}


#: Statements the linter must reject, so a green lint means something.
BROKEN = [
    {"name": "syntax", "query": "MATCH (n:Entity RETURN n", "parameters": {}},
    {"name": "undefined parameter", "query": "MATCH (n:Entity {id: $nope}) RETURN n", "parameters": {}},
    {"name": "unknown function", "query": "MATCH (n:Entity) RETURN toLowr(n.name)", "parameters": {}},
    {"name": "procedure", "query": "CALL db.labels()", "parameters": {}},
    {"name": "undefined variable", "query": "MATCH (n:Entity) RETURN m", "parameters": {}},
]
TYPO = {"name": "typo", "query": "MATCH (a:Entity)-[:REPORT_TO]->(b) RETURN b", "parameters": {}}
_TEST_PREFIX = "test:"


@pytest.fixture(scope="session")
def lint_results() -> dict[str, list[dict[str, Any]]]:
    """Every statement linted in ONE node process: the shipped ones, then the broken ones (``test:``)."""
    tests = [{**s, "name": _TEST_PREFIX + s["name"]} for s in [*BROKEN, TYPO]]
    return lint([*shipped_statements(), *tests])


@pytest.fixture(scope="session")
def lint_shipped(lint_results) -> dict[str, list[dict[str, Any]]]:
    shipped = {name: diags for name, diags in lint_results.items() if not name.startswith(_TEST_PREFIX)}
    assert len(shipped) == len(shipped_statements())
    return shipped


def test_there_are_statements_of_every_kind():
    names = [s["name"] for s in shipped_statements()]
    assert {f"queries/{n}.cypher" for n in ("mandates", "lineage", "groups", "person")} <= set(names)
    for kind in NodeKind:
        assert f"graph.cypher:set_kind_label[{kind.value}]" in names
    for edge_type in EdgeType:
        assert f"graph.cypher:upsert_rels[{edge_type.value}]" in names
    for method in ("node", "nodes", "edges", "edges_out", "edges_in", "find_nodes", "version"):
        assert f"graph.cypher:backend.{method}" in names


def test_query_files_document_their_parameters():
    assert QUERY_FILES
    for path in QUERY_FILES:
        text = path.read_text(encoding="utf-8")
        used = set(re.findall(r"\$(\w+)", re.sub(r"//[^\n]*", "", text)))
        assert used, f"{path.name} takes no parameters"
        assert used == set(file_parameters(text)), f"{path.name}: header :param lines do not match $params"


@pytest.mark.slow
def test_no_statement_has_errors(lint_shipped):
    results = lint_shipped
    errors = {name: [d["message"] for d in diags if d["severity"] == 1] for name, diags in results.items()}
    errors = {name: msgs for name, msgs in errors.items() if msgs}
    assert not errors, json.dumps(errors, indent=1, ensure_ascii=False)
    print(f"{len(results)} Cypher statements linted")


@pytest.mark.slow
def test_no_statement_uses_names_outside_the_schema_or_deprecated_syntax(lint_shipped):
    """Warnings for labels, types or property keys not in the schema are typos (e.g. :REPORT_TO)."""
    results = lint_shipped
    # The linter takes the keys of an UNWIND row map (row.source, row.target) for property keys.
    row_keys = ("source ", "target ")
    warnings = {
        name: [
            d["message"]
            for d in diags
            if "is not present in the database" in d["message"] and not d["message"].startswith(row_keys)
        ]
        for name, diags in results.items()
    }
    for name, diags in results.items():
        warnings.setdefault(name, []).extend(d["message"] for d in diags if "deprecated" in d["message"])
    warnings = {name: msgs for name, msgs in warnings.items() if msgs}
    assert not warnings, json.dumps(warnings, indent=1, ensure_ascii=False)


@pytest.mark.slow
def test_the_linter_reports_broken_statements(lint_results):
    """So a green lint means something: each of these must give an error."""
    for item in BROKEN:
        assert any(d["severity"] == 1 for d in lint_results[_TEST_PREFIX + item["name"]]), item["name"]
    assert any("REPORT_TO" in d["message"] for d in lint_results[_TEST_PREFIX + TYPO["name"]])


def test_statements_carry_no_data_values():
    """No statement is built by formatting a data value into its text."""
    from graph.models import Edge, GraphData
    from graph.neo4j.writer import DryRunDriver, push

    evil = "'}) DETACH DELETE n //"

    def graph(name: str) -> GraphData:
        return GraphData(
            nodes=[
                Node(id="person:a", kind=NodeKind.PERSON, name=name, aliases=[name], props={"title": name}),
                Node(id=f"network:{name}", kind=NodeKind.NETWORK, name=name),
            ],
            edges=[Edge(source="person:a", target=f"network:{name}", type=EdgeType.MEMBER_OF, key=name)],
        )

    harmless, hostile = DryRunDriver(), DryRunDriver()
    push(graph("Processgrupp primärvård"), harmless)
    push(graph(evil), hostile)
    assert hostile.calls
    assert [q for q, _ in hostile.calls] == [q for q, _ in harmless.calls]
    assert all(evil not in q for q, _ in hostile.calls)
    assert any(evil in json.dumps(p, ensure_ascii=False) for _, p in hostile.calls)
