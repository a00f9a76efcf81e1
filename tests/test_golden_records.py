"""Golden records: what the parsers make of every document of our fictitious corpora, pinned.

``tests/golden/<corpus>/<document>.json`` holds the classifier's kind and the parser's record
(``MinutesRecord`` or ``MandateRecord``, ``model_dump(mode="json")``, keys sorted) of each document
in ``examples/docs`` and the corpora under ``tests/`` (fictitious, and anonymised real documents). A change in what a parser
reads fails here with a diff of the records; when the change is meant, write the files anew and
review them in ``git diff``::

    SAMVERKAN_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_records.py

``tests/test_golden_flag.py`` fails while that variable is set, so it cannot stay on in CI (as in
docling's ``tests/test_data_gen_flag.py``). The real seed documents (``../shared/seeds``) never get
golden files: their records hold real people's names.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from loaders.pipeline import parse_record
from loaders.readers import SUPPORTED_SUFFIXES, read_document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
#: The fictitious corpora whose records are pinned (never ../shared/seeds: real names).
CORPORA = {
    "examples": ROOT / "examples" / "docs",
    "corpus": ROOT / "tests" / "corpus" / "docs",
    "corpus_b": ROOT / "tests" / "corpus_b" / "docs",
    "corpus_c": ROOT / "tests" / "corpus_c" / "docs",
    "corpus_real_public": ROOT / "tests" / "corpus_real_public" / "docs",
    "corpus_real_networks": ROOT / "tests" / "corpus_real_networks" / "docs",
    "corpus_real_public2": ROOT / "tests" / "corpus_real_public2" / "docs",
}
REGEN_ENV = "SAMVERKAN_REGEN_GOLDEN"
REGENERATE = os.environ.get(REGEN_ENV, "").strip() not in ("", "0")


def documents() -> list[tuple[str, Path]]:
    return [
        (corpus, path)
        for corpus, folder in CORPORA.items()
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in SUPPORTED_SUFFIXES
    ]


def record_json(path: Path) -> str:
    """The document's kind and parser record as stable JSON text (sorted keys, one key per line)."""
    kind, record = parse_record(read_document(path).lines)
    data = {"document": path.name, "kind": kind, "record": record.model_dump(mode="json")}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_every_corpus_has_documents():
    counts = {corpus: sum(1 for c, _ in documents() if c == corpus) for corpus in CORPORA}
    assert all(n >= 5 for n in counts.values()), counts


def test_no_stale_golden_files():
    """A golden file whose document is gone would pin nothing."""
    expected = {GOLDEN / corpus / f"{path.name}.json" for corpus, path in documents()}
    existing = set(GOLDEN.rglob("*.json"))
    assert not existing - expected, sorted(str(p.relative_to(GOLDEN)) for p in existing - expected)


@pytest.mark.parametrize(("corpus", "path"), documents(), ids=[f"{c}/{p.name}" for c, p in documents()])
def test_parser_record_matches_golden_file(corpus, path):
    golden = GOLDEN / corpus / f"{path.name}.json"
    actual = record_json(path)
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"no golden file {golden.relative_to(ROOT)}: run {REGEN_ENV}=1 pytest {__file__}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{corpus}/{golden.name}",
                tofile="what the parser gives now",
                n=2,
            )
        )
        pytest.fail(
            f"the record of {corpus}/{path.name} changed (if meant: {REGEN_ENV}=1, then review git diff):\n{diff}",
            pytrace=False,
        )
