"""The docstring examples are tests: pytest collects them in every package (pyproject.toml)."""

from __future__ import annotations

import doctest
import importlib
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "loaders", "queries", "samverkan_cli", "views")


def test_every_package_is_collected_with_its_doctests():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"][
        "ini_options"
    ]
    assert "--doctest-modules" in options["addopts"].split()
    assert set(PACKAGES) <= set(options["testpaths"])


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_has_examples(package):
    """So the collection finds something: each package documents at least one function by example."""
    finder = doctest.DocTestFinder()
    examples = 0
    for path in sorted((ROOT / package).rglob("*.py")):
        if path.name == "__main__.py":
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        examples += sum(len(t.examples) for t in finder.find(importlib.import_module(module)))
    assert examples > 0
