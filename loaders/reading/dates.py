"""Dates as Swedish minutes write them, 1950–2100, in one pass over a text.

Each form is one named branch of a single expression; a branch that is ambiguous (two-digit
years, compact digits) only counts when the result is a real calendar date in range.

>>> [d.iso for d in find_dates("Datum: 2016–05–25, justerat 24.12.06 och 24-09-16")]
['2016-05-25', '2024-12-06', '2024-09-16']
>>> [d.iso for d in find_dates("den 19-20 sept. 1992; 3 December 2020; senast den 1augusti 2017")]
['1992-09-19', '2020-12-03', '2017-08-01']
>>> [d.iso for d in find_dates("möte 6/2 2025, 251121, 20250926 och 07.02.2025")]
['2025-02-06', '2025-11-21', '2025-09-26', '2025-02-07']
>>> [d.iso for d in find_dates("den 15 maj och 6/2", default_year=2025)]
['2025-05-15', '2025-02-06']
>>> find_dates("Dnr HSN 2025/939, tel 070-123 45 67, kl 08.30-12.00")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["MONTHS", "FoundDate", "find_dates", "parse_date"]

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "febr": 2, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9,
    "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEP = r"[-–—./]"

_DATE = re.compile(
    # 2025-02-07, 2016–05–25, 2024.10.01, 2025/01/20
    rf"(?<![\d/.,-])(?P<iy>(?:19|20)\d\d)(?P<s1>{_SEP})(?P<im>\d{{1,2}})(?P=s1)(?P<id>\d{{1,2}})(?![\d])"
    # 7 februari 2025, den 19-20 sept. 1992, 1augusti 2017, 3 December 2020
    rf"|(?<![\d])(?P<wd>\d{{1,2}})(?::[ae])?(?:\s*[-–]\s*\d{{1,2}})?\s*(?P<wm>{_MONTH})\b\.?,?\s*(?P<wy>(?:19|20)\d\d)(?!\d)"
    # 07.02.2025, 7/2/2025, 6/2 2025, 6/2-2025
    rf"|(?<![\d/.])(?P<dd>\d{{1,2}})(?P<s2>[./])(?P<dm>\d{{1,2}})(?:(?P=s2)|\s*[-–]?\s*)(?P<dy>(?:19|20)\d\d)(?!\d)"
    # 24-09-16, 24.12.06 (YY-MM-DD, as Swedish short dates run)
    rf"|(?<![\d/.,:-])(?P<yy>\d\d)(?P<s3>[-.])(?P<ym>\d\d)(?P=s3)(?P<yd>\d\d)(?![\d.:,]\d|\d|[-–]\d)"
    # 250926, 20250926
    r"|(?<![\d/.,:+-])(?P<cy>(?:19|20)?\d\d)(?P<cm>[01]\d)(?P<cd>[0-3]\d)(?![\d/.,:-]\d|\d)"
    # no year: 7 februari, den 15 maj, 6/2 (only with a default year)
    rf"|(?<![\d])(?P<nd>\d{{1,2}})(?::[ae])?\s*(?P<nm>{_MONTH})\b\.?"
    r"|(?<![\d/.])(?P<sd>\d{1,2})/(?P<sm>\d{1,2})(?![\d/])",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str
    start: int
    end: int
    exact: bool = True  # False for compact digits and dates whose year came from context


def _valid(y: int, m: int, d: int) -> str | None:
    if not 1950 <= y <= 2100:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _two_digit_year(yy: str) -> int:
    value = int(yy)
    return 2000 + value if value < 50 else 1900 + value


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Every date in ``text``, in order of appearance."""
    out: list[FoundDate] = []
    if not _DIGIT.search(text):
        return out
    for m in _DATE.finditer(text):
        g = m.groupdict()
        exact = True
        if g["iy"]:
            iso = _valid(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g["wd"]:
            iso = _valid(int(g["wy"]), MONTHS[g["wm"].lower()], int(g["wd"]))
        elif g["dd"]:
            iso = _valid(int(g["dy"]), int(g["dm"]), int(g["dd"]))
        elif g["yy"]:
            iso = _valid(_two_digit_year(g["yy"]), int(g["ym"]), int(g["yd"]))
        elif g["cy"]:
            year = int(g["cy"]) if len(g["cy"]) == 4 else _two_digit_year(g["cy"])
            iso, exact = _valid(year, int(g["cm"]), int(g["cd"])), False
        elif default_year is None:
            continue
        elif g["nd"]:
            iso, exact = _valid(default_year, MONTHS[g["nm"].lower()], int(g["nd"])), False
        else:
            iso, exact = _valid(default_year, int(g["sm"]), int(g["sd"])), False
        if iso:
            out.append(FoundDate(iso, m.start(), m.end(), exact))
    return out


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """The first date in ``text`` as ISO, or None.

    >>> parse_date("Sammanträdesdatum 2023-03-14"), parse_date("Tid: 08.30-12.00")
    ('2023-03-14', None)
    """
    found = find_dates(text, default_year)
    return found[0].iso if found else None
