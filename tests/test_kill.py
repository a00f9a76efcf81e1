"""Issue 10: kill -9 an ingest of 200 documents at 20 random moments and at the rebuild; after the
next command the store equals a clean run's, every time.

The next command after a kill during the ingest is the ingest again (what a user does); after a
kill during the rebuild it is ``status``, which must rebuild the graph the kill left out of date.
Equal means: the same graph.json, fragments and texts byte for byte, the same registry but for
the times of ingestion, and no out-of-date mark and no temp files left.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import MINUTES_DOCS, TEXT_DOCS

pytestmark = pytest.mark.slow

DOCUMENTS = 200
KILLS = 20
TEMPLATES = [TEXT_DOCS[name] for name in MINUTES_DOCS if name in TEXT_DOCS] + [
    TEXT_DOCS[name] for name in TEXT_DOCS if name not in MINUTES_DOCS
]


def _documents(folder: Path) -> Path:
    folder.mkdir()
    for i in range(DOCUMENTS):
        template = TEMPLATES[i % len(TEMPLATES)]
        text = template + f"\nÖvrigt: ärende {i} i nätverkets diarium.\n"  # every document its own content
        (folder / f"dokument_{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _samverkan(*args: str) -> list[str]:
    return [sys.executable, "-m", "samverkan_cli", *args]


def _snapshot(root: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] in ("log", "uploads") or path.name == ".lock":
            continue
        data = path.read_bytes()
        if rel.name == "registry.json":
            registry = json.loads(data)
            for record in registry["files"].values():
                record["ingested_at"] = ""
            data = json.dumps(registry, sort_keys=True).encode()
        out[str(rel)] = data
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, dict[str, bytes], float]:
    root = tmp_path_factory.mktemp("kill")
    docs = _documents(root / "docs")
    started = time.perf_counter()
    run = subprocess.run(_samverkan("ingest", str(docs), "--store", str(root / "clean")),
                         capture_output=True, text=True, timeout=600)  # fmt: skip
    elapsed = time.perf_counter() - started
    assert run.returncode == 0, run.stderr
    snapshot = _snapshot(root / "clean")
    assert sum(1 for k in snapshot if k.startswith("fragments/")) == DOCUMENTS
    return docs, snapshot, elapsed


def _kill_after(args: list[str], seconds: float | None, until=None) -> None:
    """Start ``args``; kill -9 it after ``seconds``, or as soon as ``until()`` holds."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + (seconds if seconds is not None else 600)
    while process.poll() is None and time.monotonic() < deadline and not (until and until()):
        time.sleep(0.005)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


def _differences(got: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    return sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))


def test_kills_during_ingest_are_mended_by_the_next_ingest(tmp_path, clean):
    docs, want, elapsed = clean
    rng = random.Random(10)
    moments = sorted(rng.uniform(0.2, elapsed) for _ in range(KILLS))

    def trial(n: int, moment: float) -> tuple[float, list[str]] | None:
        store = tmp_path / f"s{n}"
        _kill_after(_samverkan("ingest", str(docs), "--store", str(store)), moment)
        again = subprocess.run(_samverkan("ingest", str(docs), "--store", str(store)),
                               capture_output=True, text=True, timeout=600)  # fmt: skip
        assert again.returncode == 0, again.stderr
        diff = _differences(_snapshot(store), want)
        return (round(moment, 2), diff[:5]) if diff else None

    with ThreadPoolExecutor(max_workers=2) as pool:  # two stores at a time, one per core
        results = list(pool.map(trial, range(KILLS), moments))
    assert [r for r in results if r] == []


def test_a_kill_during_the_rebuild_is_mended_by_a_status(tmp_path, clean):
    docs, want, _ = clean
    store = tmp_path / "store"
    # the registry is written once, after the last document and right before the rebuild
    _kill_after(_samverkan("ingest", str(docs), "--store", str(store)), None,
                until=lambda: (store / "registry.json").exists())  # fmt: skip
    assert (store / "graph.stale").exists() and not (store / "graph.json").exists()
    status = subprocess.run(_samverkan("status", "--store", str(store)), capture_output=True, text=True,
                            timeout=600)  # fmt: skip
    assert status.returncode == 0, status.stderr
    assert "var inaktuell" in status.stderr
    assert _differences(_snapshot(store), want) == []
