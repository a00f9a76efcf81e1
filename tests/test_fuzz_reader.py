"""Issue 10: the reader on any text, mutated seeds and adversarial lines (Hypothesis).

For every example: no exception; every edge's ends are nodes, in the fragment and in the resolved
graph; every source is within its document's lines (1 .. number of lines). And parse time is
linear: a document twice as long takes at most about twice as long.

``SAMVERKAN_FUZZ_EXAMPLES`` sets the examples per property: 1,000 in ``make test``, 10,000 in
``make fuzz`` (the timed property, 20 parses an example, runs a hundredth of that: 10 and 100). The seed documents are read from ../shared/seeds at test time (never copied here);
the mutated-seed property is skipped, with the reason, where they are absent.
"""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graph.models import Fragment
from loaders.pipeline import parse_document
from loaders.readers.text import markdown_to_lines, text_to_lines
from loaders.resolve import resolve

EXAMPLES = int(os.environ.get("SAMVERKAN_FUZZ_EXAMPLES", "1000"))
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DOC = "fuzz.txt"

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip


def _seeds() -> list[list[str]]:
    if not SEEDS.is_dir():
        return []
    return [text_to_lines(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


SEED_LINES = _seeds()

# --- what a line may be ---------------------------------------------------------------------------

#: Words and marks the reader's patterns look for, and ones that made them slow or fall over.
TOKENS = [
    "Styrgruppen", "för", "Länschefsnätverket", "Närvarande:", "Deltagare:", "Frånvarande:", "att",
    "beslutade", "beslutar", "Beslut:", "§", "§ 4", "1.", "2:", "Punkt 3", "(S)", "(M)", "(Luleå)", "(ordf)",
    "Region", "Västernorrland", "kommun", "RSS", "2025-03-05", "5 mars 2025", "500 000 kr", "2,5 mnkr",
    "Processgrupp", "LPO", "nätverket", "har en styrgrupp", "ingår i", "rapporterar till", "styr",
    "finansieras av", "ger", "i uppdrag", "Åsa", "Dedering", "Anna", "Andersson", "Petrović", "AAAAAAAAAAAA",
    "Ab", "|", "||", "**", "__", "#", "##", "-", "–", "•", "*", "\t", "   ", "(", ")", "[", "]", ":", ",", ";",
    ".", "…", "Föredragande:", "Mötesdatum:", "Plats:", "Tid:", "Datum:", "https://exempel.se", "<script>",
    "\u00ad", "\u200b", "\u00a0", "é", "Ü", "\\", "```", "> ", "- [ ]", "Uppdragsbeskrivning", "Direktiv",
]  # fmt: skip
token = st.sampled_from(TOKENS)
words_line = st.lists(st.one_of(token, token, st.text(max_size=10)), max_size=30).map(" ".join)
glued_line = st.lists(token, max_size=30).map("".join)
repeated_line = st.tuples(st.one_of(token, st.text(min_size=1, max_size=6)), st.integers(1, 300),
                          st.sampled_from(["", " ", ", ", "\t"])).map(lambda t: t[2].join([t[0]] * t[1]))  # fmt: skip
adversarial_line = st.one_of(words_line, glued_line, repeated_line)


# --- the properties -------------------------------------------------------------------------------


def _check(lines: list[str]) -> Fragment:
    """Parse ``lines`` as one document; assert every edge's ends and every source's line."""
    assume(any(line.strip() for line in lines))  # the readers refuse a document without text
    fragment = parse_document(DOC, lines)
    for graph in (fragment, resolve([fragment])):
        ids = {n.id for n in graph.nodes}
        for edge in graph.edges:
            assert edge.source in ids and edge.target in ids, (edge.type, edge.source, edge.target)
        for item in [*graph.nodes, *graph.edges]:
            for source in item.sources:
                assert source.document == DOC, source
                assert 1 <= source.line <= len(lines), (source, len(lines))
    return fragment


@FUZZ
@given(text=st.text(max_size=3000), markdown=st.booleans())
def test_any_text(text, markdown):
    _check(markdown_to_lines(text) if markdown else text_to_lines(text))


@FUZZ
@given(lines=st.lists(adversarial_line, min_size=1, max_size=40))
def test_adversarial_lines(lines):
    _check(text_to_lines("\n".join(lines)))


@st.composite
def mutated_seed(draw) -> list[str]:
    """A window of a seed document, mutated: lines dropped, doubled, swapped, cut, joined, replaced by
    adversarial ones, letters changed."""
    seed = draw(st.sampled_from(SEED_LINES))
    start = draw(st.integers(0, max(0, len(seed) - 1)))
    lines = list(seed[start : start + draw(st.integers(1, 80))])
    for _ in range(draw(st.integers(0, 12))):
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        op = draw(st.sampled_from(["drop", "double", "swap", "cut", "join", "insert", "letters"]))
        if not lines:
            lines.append(draw(adversarial_line))
        elif op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + " " + lines[i + 1]]
        elif op == "insert":
            lines.insert(i, draw(adversarial_line))
        elif op == "letters" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + draw(st.text(min_size=1, max_size=3)) + lines[i][k + 1 :]
    return text_to_lines("\n".join(lines))


@pytest.mark.skipif(not SEED_LINES, reason=f"the seed documents are not at {SEEDS} (they are never copied here)")
@FUZZ
@given(lines=mutated_seed())
def test_mutated_seeds(lines):
    _check(lines)


def _seconds(once: list[str], twice: list[str], rounds: int) -> tuple[float, float]:
    """The fastest of ``rounds`` parses of each, taken in turn and without the garbage collector, so
    a busy machine slows both alike (the slower runs measure the machine, not the parser)."""
    best = [float("inf"), float("inf")]
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            for k, lines in enumerate((once, twice)):
                started = time.perf_counter()
                parse_document(DOC, lines)
                best[k] = min(best[k], time.perf_counter() - started)
    finally:
        gc.enable()
    return best[0], best[1]


piece = st.one_of(adversarial_line.map(lambda line: [line]), *([mutated_seed()] if SEED_LINES else []))


@settings(FUZZ, max_examples=max(10, EXAMPLES // 100))  # each example is timed: 20 parses
@given(pieces=st.lists(piece, min_size=3, max_size=12))
def test_twice_as_long_takes_about_twice_as_long(pieces):
    lines = [line for p in pieces for line in p]
    assume(lines)
    lines = lines * -(-60 // len(lines))  # at least 60 lines: long enough to time, not to wait for
    once = text_to_lines("\n".join(lines))
    assume(any(line.strip() for line in once))
    twice = text_to_lines("\n".join(lines + lines))
    t1, t2 = _seconds(once, twice, rounds=3)
    if t2 > 2.6 * t1 + 0.05:  # measured again, longer, before it counts
        t1, t2 = _seconds(once, twice, rounds=7)
    assert t2 <= 2.6 * t1 + 0.05, f"{len(once)} lines: {t1:.3f} s; twice as many: {t2:.3f} s"
