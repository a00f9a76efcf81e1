"""Score floors: every corpus we can see, scored by the users' own scorer, must not fall below what the
reader reaches today (a regression in any measure fails CI).

The seeds and the public real-world set are read from ../shared (skipped with a reason when absent);
our anonymised real documents and fictitious corpora live in tests/ and examples/. Raise a floor when
the reader improves; never lower one to make a change pass.
"""

from __future__ import annotations

import pytest

from benchmarks.quality import CORPORA, SCORER, SHORT, score

pytestmark = pytest.mark.slow

#: corpus -> overall floor and per-measure floors (short names, see benchmarks/quality.py)
FLOORS: dict[str, dict[str, float]] = {
    "seeds": {"overall": 0.985, "meetings": 1.0, "attendance": 1.0, "presenters": 1.0, "spellings merged": 1.0,
              "people apart": 1.0, "decisions taken": 0.98, "reported decisions": 0.9, "commissions": 1.0,
              "structure": 1.0, "funding": 1.0, "groups/kind": 0.98, "lineage": 1.0},
    "realworld": {"overall": 0.76, "meetings": 0.85, "decisions taken": 0.95, "attendance": 0.95},
    "real_public": {"overall": 0.24, "meetings": 0.6, "decisions taken": 0.5},
    "real_networks": {"overall": 0.26, "meetings": 0.7, "decisions taken": 0.35},
    "corpus_c": {"overall": 0.86, "decisions taken": 0.99, "meetings": 1.0, "attendance": 0.97},
    "corpus_b": {"overall": 0.90, "decisions taken": 0.97},
    "corpus": {"overall": 0.96, "decisions taken": 1.0},
    "examples": {"overall": 0.97, "decisions taken": 0.99},
}


@pytest.mark.parametrize("corpus", list(FLOORS))
def test_score_floor(corpus):
    docs, gold = CORPORA[corpus]
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} is absent: the users' scorer is not beside the project")
    if not docs.is_dir() or not gold.is_file():
        pytest.skip(f"{docs} is absent (the shared material is not beside the project)")
    result = score(corpus)
    measures = {SHORT.get(m["measure"], m["measure"]): m["value"] for m in result["measures"]}
    measures["overall"] = result["score"]
    low = {k: (measures.get(k), floor) for k, floor in FLOORS[corpus].items() if measures.get(k, 0) < floor}
    assert not low, f"{corpus}: below the floor (value, floor): {low}"
