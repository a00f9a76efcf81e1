"""``samverkan push`` and ``samverkan cypher`` (samverkan_cli/neo4j_commands.py), offline.

No server is needed: an unreachable address must end in one line and exit status 2, a refused
query in 1 before anything is contacted, and a dry run pushes to nothing.
"""

from __future__ import annotations

import json

import pytest
from test_neo4j import sample_graph

from graph.store import EmbeddedStore, Registry
from samverkan_cli.main import main
from samverkan_cli.neo4j_commands import parse_param


@pytest.fixture
def store(tmp_path) -> EmbeddedStore:
    s = EmbeddedStore(tmp_path / "store")
    s.save_registry(Registry())
    s.save_graph(sample_graph())
    return s


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_push_without_a_server_exits_2_with_one_line(store, capsys):
    code, _, err = run(
        capsys, "push", "--store", str(store.root), "--uri", "bolt://127.0.0.1:1", "--password", "x"
    )
    assert code == 2
    err = err.strip()
    assert (
        err.startswith("samverkan push: no Neo4j server reachable at bolt://127.0.0.1:1") and "\n" not in err
    )


def test_push_dry_run(store, capsys):
    code, out, _ = run(capsys, "push", "--store", str(store.root), "--dry-run", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["nodes"] == 6 and report["rels"] == 4


def test_push_without_a_store(tmp_path, capsys):
    code, _, err = run(capsys, "push", "--store", str(tmp_path / "none"), "--dry-run")
    assert code == 1
    assert "samverkan ingest" in err and len(err.strip().splitlines()) == 1


def test_cypher_refuses_writes_before_connecting(capsys):
    code, _, err = run(capsys, "cypher", "MATCH (n) DETACH DELETE n", "--uri", "bolt://127.0.0.1:1")
    assert code == 1
    assert err.startswith("samverkan cypher: refused")


def test_cypher_rejects_a_malformed_parameter(capsys):
    code, _, err = run(
        capsys, "cypher", "MATCH (n) RETURN n", "--param", "no-equals", "--uri", "bolt://127.0.0.1:1"
    )
    assert code == 1 and "expected NAME=VALUE" in err


def test_cypher_without_a_server_exits_2(capsys):
    code, _, err = run(
        capsys,
        "cypher",
        "MATCH (g:ProcessGroup) WHERE g.name = $name RETURN g",
        "--param",
        "name=PG",
        "--uri",
        "bolt://127.0.0.1:1",
    )
    assert code == 2
    assert "no Neo4j server reachable" in err


def test_cypher_params():
    assert parse_param("n=3") == ("n", 3)
    assert parse_param("name=Processgrupp primärvård") == ("name", "Processgrupp primärvård")
    with pytest.raises(ValueError):
        parse_param("no-equals")
