"""Reading quality on every corpus we can see, with the users' own scorer (../shared/eval/score.py).

    python benchmarks/quality.py                 # a table: one row per measure, one column per corpus
    python benchmarks/quality.py --json          # the same as JSON
    python benchmarks/quality.py --only seeds realworld

The corpora: the users' seeds and the public real-world set (read from ../shared, never copied
here), our anonymised real documents (tests/corpus_real_*), and our fictitious corpora (examples/,
tests/corpus*, written by people who had, or had not, read the parsers).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
CLI = ROOT / ".venv" / "bin" / "samverkan"

#: name -> (documents, gold)
CORPORA: dict[str, tuple[Path, Path]] = {
    "seeds": (SHARED / "seeds", SHARED / "eval" / "seeds_gold.yaml"),
    "realworld": (SHARED / "eval" / "realworld" / "docs", SHARED / "eval" / "realworld" / "gold.yaml"),
    "real_public": (ROOT / "tests/corpus_real_public/docs", ROOT / "tests/corpus_real_public/gold.yaml"),
    "real_networks": (
        ROOT / "tests/corpus_real_networks/docs",
        ROOT / "tests/corpus_real_networks/gold.yaml",
    ),
    "real_public2": (ROOT / "tests/corpus_real_public2/docs", ROOT / "tests/corpus_real_public2/gold.yaml"),
    "corpus_c": (ROOT / "tests/corpus_c/docs", ROOT / "tests/corpus_c/gold.yaml"),
    "corpus_b": (ROOT / "tests/corpus_b/docs", ROOT / "tests/corpus_b/gold.yaml"),
    "corpus": (ROOT / "tests/corpus/docs", ROOT / "tests/corpus/gold.yaml"),
    "examples": (ROOT / "examples/docs", ROOT / "examples/gold.yaml"),
}
SHORT = {
    "meetings: body and date": "meetings",
    "attendance F1 (person + organisation per meeting)": "attendance",
    "presenters recall (person per agenda item)": "presenters",
    "person spellings merged": "spellings merged",
    "distinct people kept apart": "people apart",
    "decisions taken F1 (one per att-clause)": "decisions taken",
    "reported earlier decisions recall (body + date + text)": "reported decisions",
    "who mandates whom: commissions recall": "commissions",
    "standing structure recall (steers / reports to / part of)": "structure",
    "funding recall": "funding",
    "groups and bodies found with the right kind": "groups/kind",
    "decision lineage (events found, in order)": "lineage",
}


def score(name: str) -> dict | None:
    docs, gold = CORPORA[name]
    if not docs.is_dir() or not gold.is_file() or not SCORER.is_file():
        return None
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--cli", str(CLI), "--docs", str(docs), "--gold", str(gold), "--json"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{name}: {proc.stdout[-400:]} {proc.stderr[-400:]}")
    return json.loads(proc.stdout)


def run(names: list[str]) -> dict[str, dict]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(names, pool.map(score, names), strict=True))
    return {k: v for k, v in results.items() if v is not None}


def table(results: dict[str, dict]) -> str:
    names = list(results)
    measures = [m["measure"] for m in next(iter(results.values()))["measures"]] if results else []
    rows = [["measure", *names]]
    for measure in measures:
        row = [SHORT.get(measure, measure)]
        for name in names:
            value = next((m["value"] for m in results[name]["measures"] if m["measure"] == measure), None)
            row.append("–" if value is None else f"{value:.3f}")
        rows.append(row)
    rows.append(["**overall**", *[f"**{results[n]['score']:.3f}**" for n in names]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=list(CORPORA), help="corpora to score (default: all)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = run(args.only or list(CORPORA))
    if args.json:
        print(
            json.dumps(
                {
                    k: {
                        "score": v["score"],
                        "measures": {
                            SHORT.get(m["measure"], m["measure"]): m["value"] for m in v["measures"]
                        },
                    }
                    for k, v in results.items()
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
