"""Micro-benchmark of ``graph.text.fold``, which sits on hot paths (entity resolution, the query indexes).

The strings are every non-empty line, every word and every three-word head of a line of our own
fictitious corpora (examples/docs, tests/corpus, tests/corpus_b): about 3,900. "cold" clears the
cache before each pass (every string is new to it), "warm" folds the same strings again.

    python benchmarks/fold.py            # a table
    python benchmarks/fold.py --json     # the figures as JSON on stdout

Measured on this 2-core machine when fold became one function, best of 9 passes, interleaved
with the three folds it replaced on the same strings:

    fold                          cold          warm
    graph.text (one str.translate over a learning table, lru_cache)
                                  1.6-1.7 µs    0.16-0.22 µs
    loaders.textutil (NFKD per call, lru_cache)
                                  5.0-5.1 µs    0.20-0.25 µs
    queries.text (translate + NFKD, no cache)
                                  3.5-3.6 µs    3.5-3.6 µs
    graph.neo4j_store (NFKD, no cache)
                                  4.0-4.2 µs    4.0-4.2 µs
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.text import fold  # noqa: E402

CORPORA = ("examples/docs", "tests/corpus/docs", "tests/corpus_b/docs")


def sample() -> list[str]:
    lines = [
        line
        for folder in CORPORA
        for path in sorted((ROOT / folder).glob("*"))
        if path.suffix in (".txt", ".md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    words = sorted({w for line in lines for w in line.split()})
    heads = sorted({" ".join(line.split()[:3]) for line in lines})
    return lines + words + heads


def measure(strings: list[str], passes: int = 7) -> dict[str, float]:
    """Best of ``passes`` passes, in nanoseconds per string."""
    cold, warm = [], []
    for _ in range(passes):
        fold.cache_clear()
        started = time.perf_counter()
        for s in strings:
            fold(s)
        cold.append(time.perf_counter() - started)
    for _ in range(passes):
        started = time.perf_counter()
        for s in strings:
            fold(s)
        warm.append(time.perf_counter() - started)
    n = len(strings)
    return {"strings": n, "cold_ns": min(cold) / n * 1e9, "warm_ns": min(warm) / n * 1e9}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(sample())
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"fold over {figures['strings']} strings: cold {figures['cold_ns']:.0f} ns/string, "
              f"warm {figures['warm_ns']:.0f} ns/string")  # fmt: skip


if __name__ == "__main__":
    main()
