"""Issue 10: time linear in input size — the lines that were quadratic (or worse) before.

Each case parses a document at size n and 2n; the larger may take at most about twice as long
(2.6 times, plus 30 ms for the noise of a shared machine). The fastest of three runs counts.
"""

from __future__ import annotations

import time

import pytest

from loaders.pipeline import parse_document

N = 6000

CASES = {
    # 20,000 letters in an attendance name took 9 s: "\S+ har en styrgrupp" tried from every letter
    "a long word in attendance": lambda n: ["Protokoll", "Närvarande:", "A" * n + " Bberg, Sundsvall"],
    "a long word before 'har'": lambda n: ["Protokoll", "A" * n + " har"],
    # "Name (Organisation)" tried from every capital of a long word
    "a long word before a bracket": lambda n: ["Protokoll", "Närvarande:", "A" * n + " Berg (Luleå)"],
    # the line pattern backtracked over a run of spaces (cubic: 4,000 spaces took 172 s)
    "a run of spaces": lambda n: ["Protokoll", "a" + " " * n + "b"],
    # the items' clean lines were made again for every item
    "many items": lambda n: ["Protokoll"] + [f"§ {i} Beslut" for i in range(n // 12)],
    # mention overlap is a binary search now (the scan it replaced was too cheap to show here)
    "many mentions in one sentence": lambda n: [
        "Protokoll", ", ".join(f"Styrgruppen för Nätverk{i}" for i in range(n // 25)) + " ingår i Länsnätverket."
    ],
    # names before a party mark were tried from every word of a run of capitalised words
    "a run of capitalised words": lambda n: ["Protokoll", "Närvarande:", " ".join(["Ab"] * n) + " x (S)"],
    # each amount searched copies of everything before and after it
    "many amounts in one sentence": lambda n: ["Protokoll", " ".join(["100 000 kr"] * (n // 11))],
    # a quote re-joined the whole line for every source
    "one long line with many sources": lambda n: ["Protokoll", " ".join(f"LPO Ämne{i} och" for i in range(n // 15))],
}


def _seconds(lines: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        parse_document("linjär.txt", lines)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_twice_the_input_takes_about_twice_the_time(case):
    make = CASES[case]
    _seconds(make(N // 4))  # warm: patterns compiled, lexicons loaded
    t1, t2 = _seconds(make(N)), _seconds(make(2 * N))
    assert t2 <= 2.6 * t1 + 0.03, f"{case}: {t1:.3f} s at {N}, {t2:.3f} s at {2 * N}"
