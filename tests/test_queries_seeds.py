"""The query layer on the five seed documents, read at run time from /work/shared (skipped when absent).

Names below are the seeds' own; they live only in this test, which needs the seeds to run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph.embedded import EmbeddedBackend
from graph.store import EmbeddedStore
from queries.groups import groups
from queries.lineage import lineage
from queries.mandates import mandates

SHARED = Path("/work/shared")
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds_gold.yaml"

pytestmark = pytest.mark.slow


def _norm(text) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in str(text or "").casefold()).split())


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS}")
    store = tmp_path_factory.mktemp("seeds") / "store"
    docs = sorted(str(p) for p in SEEDS.iterdir() if p.is_file())
    code = "import sys; from samverkan_cli.main import main; sys.exit(main())"
    proc = subprocess.run(
        [sys.executable, "-c", code, "ingest", *docs, "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        pytest.skip(f"ingest failed, nothing to query: {proc.stderr.strip()[-300:]}")
    return EmbeddedBackend.from_store(EmbeddedStore(store))


def _subsequence(wanted: list[str], got: list[str]) -> bool:
    it = iter(got)
    return all(any(_norm(w) == _norm(g) for g in it) for w in wanted)


def test_chain_of_primary_care_process_group(backend):
    answer = mandates(backend, "Processgrupp primärvård")
    assert answer.node is not None and _norm(answer.node.name) == _norm("Processgrupp primärvård")
    uppers = [link.upper.name for link in answer.chain]
    assert _subsequence(
        ["Regional processgrupp samsjuklighet", "Styrgruppen för Länschefsnätverket", "Länschefsnätverket"],
        uppers,
    ), uppers


def test_register_lists_the_process_groups(backend):
    names = {_norm(r.name) for r in groups(backend, today="2026-05-01")}
    for name in ("Processgrupp primärvård", "Processgrupp kommuner", "Länschefsnätverket"):
        assert _norm(name) in names


def test_lineage_on_the_gold_chains(backend):
    yaml = pytest.importorskip("yaml")
    if not GOLD.exists():
        pytest.skip(f"no gold file at {GOLD}")
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    scores = []
    for chain in gold.get("lineage", []):
        events = lineage(backend, chain["query"]).events
        positions = []
        for want in chain["events"]:
            pos = None
            for i, ev in enumerate(events):
                doc_ok = want["file"] in (ev.document or "")
                date_ok = want["date"] is None or str(ev.date) == str(want["date"])
                if doc_ok and date_ok and _norm(want["text"]) in _norm(ev.text):
                    pos = i
                    break
            positions.append(pos)
        found = [p for p in positions if p is not None]
        scores.append(len(found) / len(chain["events"]) * (1.0 if found == sorted(found) else 0.5))
    assert sum(scores) / len(scores) >= 0.8, scores
