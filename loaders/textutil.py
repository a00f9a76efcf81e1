"""Small text helpers shared by the parsers: dates and sentences with their line numbers.

Folding and the parsers' line cleaner are :func:`graph.text.fold` and :func:`graph.text.clean_line`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "BULLET",
    "MONTHS",
    "Sentence",
    "find_dates",
    "parse_date",
    "sentences",
]

BULLET = re.compile(r"^\s*(?:[*•·▪◦-]|–(?=\s))\s+")


MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# "2025-02-07", "2025-2-7"
_ISO = re.compile(r"(?<![\d/])(20\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
# "7 februari 2025", "den 11 december 2025", "7 feb. 2025"
_WORDS = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_NAMES})\.?\s+(20\d\d)(?!\d)", re.IGNORECASE)
# "250926", "20250926" as a compact date (YYMMDD / YYYYMMDD)
_COMPACT = re.compile(r"(?<![\d/.-])((?:20)?\d\d)(\d\d)(\d\d)(?![\d/.-])")
# "6/2 2025", "6/2-2025", "6/2/2025" (day/month, as Swedish notes write it)
_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})[\s/-]+(20\d\d)(?!\d)")
# "6/2" without a year
_SLASH_NO_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])(?!\s*[-–/]?\s*20\d\d)")
# "7 februari" without a year (the year comes from context)
_WORDS_NO_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_NAMES})\b(?!\.?\s+20\d\d)", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int
    end: int


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Every date in a text, in order of appearance.

    >>> [d.iso for d in find_dates("den 11 december 2025 och 250121, sedan 2026-03-20")]
    ['2025-12-11', '2025-01-21', '2026-03-20']
    >>> [d.iso for d in find_dates("den 15 maj", default_year=2025)]
    ['2025-05-15']
    >>> [d.iso for d in find_dates("möte 6/2 2025, utkast senast 28/2", default_year=2025)]
    ['2025-02-06', '2025-02-28']
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(iso: str | None, start: int, end: int) -> None:
        if iso and not any(s < end and start < e for s, e in taken):
            found.append(FoundDate(iso, start, end))
            taken.append((start, end))

    for m in _ISO.finditer(text):
        add(_valid(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end())
    for m in _WORDS.finditer(text):
        add(_valid(int(m[3]), MONTHS[m[2].lower()], int(m[1])), m.start(), m.end())
    for m in _SLASH.finditer(text):
        add(_valid(int(m[3]), int(m[2]), int(m[1])), m.start(), m.end())
    for m in _COMPACT.finditer(text):
        year = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])
        if 2000 <= year <= 2099:
            add(_valid(year, int(m[2]), int(m[3])), m.start(), m.end())
    if default_year:
        for m in _WORDS_NO_YEAR.finditer(text):
            add(_valid(default_year, MONTHS[m[2].lower()], int(m[1])), m.start(), m.end())
        for m in _SLASH_NO_YEAR.finditer(text):
            add(_valid(default_year, int(m[2]), int(m[1])), m.start(), m.end())
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """The first date in ``text`` as ISO, or None.

    >>> parse_date("Datum: 7 februari 2025")
    '2025-02-07'
    >>> parse_date("Datum: 250926")
    '2025-09-26'
    >>> parse_date("Tid: 08.30-12.00") is None
    True
    """
    dates = find_dates(text, default_year)
    return dates[0].iso if dates else None


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # line where the sentence starts
    end_line: int


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ•\-–(])|(?<=:)\s+(?=[•\-–])")
_ABBREVIATIONS = (
    "bl.a.",
    "t.ex.",
    "kl.",
    "s.k.",
    "m.m.",
    "resp.",
    "ca.",
    "dvs.",
    "fr.o.m.",
    "t.o.m.",
    "nr.",
    "tf.",
)


def sentences(lines: list[tuple[int, str]]) -> list[Sentence]:
    """Split numbered lines into sentences; each keeps the line it starts on.

    A blank line ends a sentence only where the text before it ends like one, because some
    converters double every line break (the seeds have blank lines inside sentences).
    """
    out: list[Sentence] = []
    buf: list[str] = []
    buf_lines: list[int] = []

    def flush() -> None:
        if buf:
            text = " ".join(buf)
            start_offsets = []
            pos = 0
            for part, ln in zip(buf, buf_lines, strict=True):
                start_offsets.append((pos, ln))
                pos += len(part) + 1
            cursor = 0
            for piece in _split(text):
                idx = text.find(piece, cursor)
                cursor = idx + len(piece)
                start_ln = max((ln for off, ln in start_offsets if off <= idx), default=buf_lines[0])
                end_ln = max((ln for off, ln in start_offsets if off <= cursor - 1), default=start_ln)
                if piece.strip():
                    out.append(Sentence(piece.strip(), start_ln, end_ln))
            buf.clear()
            buf_lines.clear()

    for number, raw in lines:
        line = raw.strip()
        if not line:
            if buf and re.search(r"[.!?:]$", buf[-1]):
                flush()
            continue
        if line.startswith(("•", "- ", "– ")) and buf:
            flush()
        buf.append(line)
        buf_lines.append(number)
    flush()
    return out


def _split(text: str) -> list[str]:
    protected = text
    for abbr in _ABBREVIATIONS:
        protected = protected.replace(abbr, abbr.replace(".", "\x00"))
    return [p.replace("\x00", ".") for p in _SENTENCE_END.split(protected)]
