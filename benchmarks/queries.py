"""Query latency on a synthetic county-scale graph (benchmarks/synthetic.py, fixed seed).

Reports the time to build the graph, to build the backend's indexes and the lineage index, and
p50/p95 per query over ``--runs`` runs with varied inputs. Targets: lineage and mandates p95 under
50 ms, the full groups register under 500 ms.

    python benchmarks/queries.py            # a table
    python benchmarks/queries.py --json     # the figures as JSON on stdout
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import Scale, synthetic_graph
from graph.embedded import EmbeddedBackend
from queries.groups import groups
from queries.index import matter_index
from queries.lineage import lineage
from queries.mandates import mandates
from queries.person import person

TARGETS_MS = {"lineage": 50.0, "mandates": 50.0, "groups": 500.0}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    pos = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[pos]


def _time(fn, inputs) -> dict:
    samples = []
    for value in inputs:
        t0 = time.perf_counter()
        fn(value)
        samples.append((time.perf_counter() - t0) * 1000)
    return {
        "runs": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(_percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
    }


def run(runs: int = 50, seed: int = Scale.seed) -> dict:
    t0 = time.perf_counter()
    graph = synthetic_graph(Scale(seed=seed))
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    backend = EmbeddedBackend(graph, freeze_heap=True)  # as EmbeddedBackend.from_store does
    backend_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    matter_index(backend)
    lineage_index_s = time.perf_counter() - t0

    rng = random.Random(seed)
    topics = [n.name for n in backend.nodes(["Agreement", "Initiative"])]
    group_names = [
        n.name for n in backend.nodes(["ProcessGroup", "WorkingGroup", "ProgramArea", "SteeringGroup"])
    ]
    people = [n.name for n in backend.nodes(["Person"])]

    def lineage_query(k: int) -> str:
        words = rng.choice(topics).split()
        # the topic as written, its first word only, or with a generic word added
        return [" ".join(words), words[0], f"{words[0]} uppdrag"][k % 3]

    queries = {
        "lineage": (lambda q: lineage(backend, q), [lineage_query(k) for k in range(runs)]),
        "mandates": (lambda q: mandates(backend, q), [rng.choice(group_names) for _ in range(runs)]),
        "groups": (lambda _: groups(backend, today="2026-06-01"), list(range(runs))),
        "person": (lambda q: person(backend, q), [rng.choice(people) for _ in range(runs)]),
    }
    results = {name: _time(fn, inputs) for name, (fn, inputs) in queries.items()}
    for name, target in TARGETS_MS.items():
        results[name]["target_p95_ms"] = target
        results[name]["ok"] = results[name]["p95_ms"] < target
    return {
        "graph": {
            "nodes": len(graph.nodes),
            "edges": len(graph.edges),
            "decisions": len(backend.nodes(["Decision"])),
            "meetings": len(backend.nodes(["Meeting"])),
        },
        "build_s": round(build_s, 2),
        "backend_index_s": round(backend_s, 2),
        "lineage_index_s": round(lineage_index_s, 2),
        "queries": results,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=Scale.seed)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    report = run(args.runs, args.seed)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    g = report["graph"]
    print(
        f"graph: {g['nodes']} nodes, {g['edges']} edges, {g['meetings']} meetings, {g['decisions']} decisions"
    )
    print(
        f"build {report['build_s']} s, backend indexes {report['backend_index_s']} s, "
        f"lineage index {report['lineage_index_s']} s"
    )
    print(f"{'query':<10} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'target':>8}")
    for name, r in report["queries"].items():
        target = f"<{r['target_p95_ms']:.0f}" + (" ok" if r["ok"] else " MISS") if "ok" in r else ""
        print(f"{name:<10} {r['runs']:>5} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8} {target:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
