"""The layers import downwards only (README "How it works"):

    graph  <-  loaders  <-  queries  <-  samverkan_cli | views + app.py

``graph/`` is the ground (schema, text, kinds, store, both backends, Neo4j) and imports none of
the others; ``loaders/`` may import ``graph``; ``queries/`` may import ``graph`` and ``loaders``;
the command line and the app sit on top and do not import each other. Every import counts, also
one inside a function.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "loaders", "queries", "views", "samverkan_cli")
#: What each layer may not import.
FORBIDDEN: dict[str, set[str]] = {
    "graph": {"loaders", "queries", "views", "samverkan_cli", "app"},
    "loaders": {"queries", "views", "samverkan_cli", "app"},
    "queries": {"views", "samverkan_cli", "app"},
    "views": {"samverkan_cli"},
    "samverkan_cli": {"views", "app"},
    "app": {"samverkan_cli"},
}


@functools.cache
def imported_packages(path: Path) -> dict[str, int]:
    """Top-level names of the project's packages that a file imports, with the first line of each."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in (*PACKAGES, "app"):
                found.setdefault(top, node.lineno)
    return found


def layer_files() -> list[tuple[str, Path]]:
    files = [(pkg, p) for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))]
    return [*files, ("app", ROOT / "app.py")]


def test_every_layer_has_files():
    counts = {layer: 0 for layer in FORBIDDEN}
    for layer, _ in layer_files():
        counts[layer] += 1
    assert all(counts.values()), counts


@pytest.mark.parametrize("layer", list(FORBIDDEN))
def test_imports_run_downwards(layer):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for lay, path in layer_files()
        if lay == layer
        for name, line in imported_packages(path).items()
        if name in FORBIDDEN[layer]
    ]
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text(
        "def f():\n    from queries.cli import main\n    import views.common\n", encoding="utf-8"
    )
    assert imported_packages(sample) == {"queries": 2, "views": 3}
